// The debug log: `NEON_ADMIN_LOG=debug` (in the `env` option or the runtime's environment) writes
// one line per attempt to stderr; the `logger` option, a function, receives the same lines
// instead. The lines are made by the core's request pipeline and hold nothing secret.

import { refuse } from './plain-data.mjs';

/**
 * The function the backend hands each line to, or undefined when no log is wanted.
 * @param {unknown} logger the `logger` option
 * @param {object | undefined} env the `env` option
 * @param {any} host the backend's host (wasm: `{ env(name) }`; native: the env object itself)
 */
export function debugLogger(logger, env, host) {
  if (logger !== undefined) {
    if (typeof logger !== 'function') throw refuse('logger', 'must be a function that takes one line of text');
    return (line) => {
      try {
        logger(line);
      } catch {
        // a logger that throws loses its line, never the call
      }
    };
  }
  if (readVariable(env, host) !== 'debug') return undefined;
  return (line) => console.error(line);
}

function readVariable(env, host) {
  if (env !== undefined) return typeof env.NEON_ADMIN_LOG === 'string' ? env.NEON_ADMIN_LOG : undefined;
  if (typeof host?.env === 'function') return host.env('NEON_ADMIN_LOG');
  return globalThis.process?.env?.NEON_ADMIN_LOG;
}
