// Exit codes: 0 ok, 1 the API or the network failed, 2 a usage or configuration mistake, 3 the
// output could not be written as asked (stdout closed, or a value --env cannot carry).

export const OK = 0;
export const API_ERROR = 1;
export const USAGE_ERROR = 2;
export const OUTPUT_ERROR = 3;

/** The exit code for an error a command threw (told apart by `name`, as the library's errors are). */
export function exitCodeFor(error) {
  switch (error?.name) {
    case 'UsageError':
    case 'NeonConfigError':
    case 'NeonBrowserError':
      return USAGE_ERROR;
    case 'OutputError':
    case 'EnvValueError':
      return OUTPUT_ERROR;
    default:
      // NeonApiError, NeonNetworkError, NeonAbortError, and anything unexpected.
      return API_ERROR;
  }
}
