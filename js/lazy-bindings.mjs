// Instantiates the wasm bindings once per process, on first use, from a module (or its bytes)
// that the runtime's loader supplies.

import * as wasm from '../pkg/neon_admin.js';
import { toNeonError } from './to-neon-error.mjs';

/** Returns `bindings()`, which instantiates the wasm module the first time it is called. */
export function lazyBindings(getModule) {
  let ready = false;
  return function bindings() {
    if (!ready) {
      try {
        wasm.initSync({ module: getModule() });
      } catch (thrown) {
        throw toNeonError(thrown);
      }
      ready = true;
    }
    return wasm;
  };
}
