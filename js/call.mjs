// Runs one core operation: the caller's values become plain JSON text first (so nothing exotic
// ever reaches the core), then the backend runs it; whatever it throws becomes a NeonError.

import { toNeonError } from './to-neon-error.mjs';
import { plainJson, requestOptions } from './plain-data.mjs';

/** Returns `run(op, target, input, requestOptions)` bound to a backend client. */
export function operationRunner(client) {
  return async function run(op, target, input, options) {
    try {
      const { timeoutMs, signal } = requestOptions(options);
      const result = JSON.parse(await client.call(op, plainJson(target, 'target'), plainJson(input, 'input'), timeoutMs, signal));
      // Operations without a result (deletes, adds) resolve to undefined.
      return result ?? undefined;
    } catch (thrown) {
      throw toNeonError(thrown);
    }
  };
}
