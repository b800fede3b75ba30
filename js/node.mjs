// Node entry point (ESM). The wasm module is read from the package folder and instantiated
// synchronously, once, when the first client is built.

import { readFileSync } from 'node:fs';
import * as wasm from '../pkg/neon_admin.js';
import { defineNeonAdmin } from './client.mjs';
import { nodeHost } from './node-host.mjs';

let initialised = false;

function bindings() {
  if (!initialised) {
    wasm.initSync({ module: readFileSync(new URL('../pkg/neon_admin_bg.wasm', import.meta.url)) });
    initialised = true;
  }
  return wasm;
}

/** The neon-admin client class. */
export const NeonAdmin = defineNeonAdmin({ bindings, ready: async () => bindings(), host: nodeHost });
export { NeonError, NeonApiError, NeonNetworkError, NeonConfigError } from './errors.mjs';
export default NeonAdmin;
