// Turns what a backend threw (a plain `{ name, message, … }` record) into an error instance.

import { NeonAbortError, NeonApiError, NeonBrowserError, NeonConfigError, NeonError, NeonNetworkError } from '../errors.mjs';

const classes = { NeonApiError, NeonNetworkError, NeonConfigError, NeonBrowserError, NeonAbortError };

/** The error instance for `thrown`: a record becomes its class; other errors pass through. */
export function toNeonError(thrown) {
  if (thrown instanceof NeonError) return thrown;
  const Class = thrown && classes[thrown.name];
  if (thrown instanceof Error && !Class) return thrown;
  if (Class) return new Class(thrown);
  return new NeonError(`neon-admin internal error: ${String(thrown?.message ?? thrown)}`);
}
