// Runs one core operation through the wasm client, turning whatever it throws into a NeonError.

import { toNeonError } from './errors.mjs';

/** Returns `run(op, target, input)` bound to a `WasmClient`. */
export function operationRunner(client) {
  return async function run(op, target, input, requestOptions) {
    try {
      // Operations without a result (deletes, adds) resolve to undefined.
      return (await client.call(op, target, input, requestOptions)) ?? undefined;
    } catch (thrown) {
      throw toNeonError(thrown);
    }
  };
}
