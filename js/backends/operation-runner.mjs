// Runs one core operation: the caller's values become plain JSON text first (so nothing exotic
// ever reaches the core), then the backend runs it, in one crossing; whatever it throws becomes a
// NeonError. The declared secrets are kept out of errors and redacted on inspect.

import { toNeonError } from '../internal/to-neon-error.mjs';
import { plainJson, requestOptions } from '../internal/plain-data.mjs';
import { hideInputs, redactPaths } from '../internal/redaction.mjs';

const NO_SECRETS = { hidden: [], redacted: [] };

/**
 * Returns `run(name, target, input, requestOptions, secrets)` bound to a backend client.
 * `secrets.hidden` names input fields (marked `x-sensitive` by the spec) whose values an error
 * must not repeat; `secrets.redacted` the result fields redacted on inspect (also in an error's
 * `partial`, a secret received before the failure).
 */
export function operationRunner(client) {
  return async function run(name, target, input, options, secrets = NO_SECRETS) {
    let inputJson;
    try {
      const { timeoutMs, signal } = requestOptions(options);
      const targetJson = plainJson(target, 'target');
      inputJson = plainJson(input, 'input');
      const result = JSON.parse(await client.run(name, targetJson, inputJson, timeoutMs, signal));
      // Operations without a result (deletes, adds) resolve to undefined, or to `{ reconciled }`
      // when a lost answer was reconciled.
      return redactPaths(result ?? undefined, secrets.redacted);
    } catch (thrown) {
      const error = hideInputs(toNeonError(thrown), inputJson, secrets.hidden);
      if (error?.partial !== undefined) redactPaths(error.partial, secrets.redacted);
      throw error;
    }
  };
}
