// The one wasm loader of every entry point: instantiates the wasm bindings once per process, on
// first use, from a module (or its bytes) that the runtime's entry supplies, and installs the
// runtime's transport.

import * as wasm from '../../pkg/neon_admin.js';
import { toNeonError } from '../internal/to-neon-error.mjs';

/**
 * The loader `defineNeonAdmin` takes, for the wasm backend: `getModule()` gives the compiled
 * module or its bytes, `send` sends one request (send-fetch.mjs, send-node.mjs), and `host(env)`
 * gives the client env and file access.
 */
export function wasmLoader(getModule, send, host) {
  let ready = false;
  const bindings = () => {
    if (!ready) {
      try {
        wasm.initSync({ module: getModule() });
        wasm.useTransport(send);
      } catch (thrown) {
        throw toNeonError(thrown);
      }
      ready = true;
    }
    return wasm;
  };
  return { client: () => bindings().WasmClient, ready: async () => bindings(), host };
}
