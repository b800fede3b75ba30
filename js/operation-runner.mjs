// Runs one core operation: the caller's values become plain JSON text first (so nothing exotic
// ever reaches the core), then the backend runs it; whatever it throws becomes a NeonError.

import { toNeonError } from './to-neon-error.mjs';
import { plainJson, requestOptions } from './plain-data.mjs';
import { hideInputs } from './redaction.mjs';

/**
 * Returns `run(op, target, input, requestOptions, hidden)` bound to a backend client. `hidden`
 * names input fields (marked `x-sensitive` by the spec) whose values an error must not repeat.
 */
export function operationRunner(client) {
  return async function run(op, target, input, options, hidden) {
    let inputJson;
    try {
      const { timeoutMs, signal } = requestOptions(options);
      const targetJson = plainJson(target, 'target');
      inputJson = plainJson(input, 'input');
      const result = JSON.parse(await client.run(op, targetJson, inputJson, timeoutMs, signal));
      // Operations without a result (deletes, adds) resolve to undefined, or to `{ reconciled }`
      // when a lost answer was reconciled.
      return result ?? undefined;
    } catch (thrown) {
      throw hideInputs(toNeonError(thrown), inputJson, hidden);
    }
  };
}
