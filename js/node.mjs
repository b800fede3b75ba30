// Node and Bun entry point (ESM). The wasm backend by default: the module is read from the
// package folder and instantiated synchronously, once, when the first client is built. With
// NEON_ADMIN_BACKEND=native the native addon is used instead, falling back to wasm with a one-line
// warning if it cannot be loaded (`neon-admin/native` never falls back).

import { readFileSync } from 'node:fs';
import { defineNeonAdmin } from './client.mjs';
import { lazyBindings } from './lazy-bindings.mjs';
import { loadAddon, nativeClientClass } from './native-client.mjs';
import { nodeHost } from './node-host.mjs';

const bindings = lazyBindings(() => readFileSync(new URL('../pkg/neon_admin_bg.wasm', import.meta.url)));

function nativeIfAsked() {
  if (process.env.NEON_ADMIN_BACKEND !== 'native') return undefined;
  try {
    return nativeClientClass(loadAddon());
  } catch (error) {
    console.warn(`neon-admin: NEON_ADMIN_BACKEND=native but the native addon could not be loaded (${String(error?.message).split('\n')[0]}); using the wasm backend`);
    return undefined;
  }
}

const Native = nativeIfAsked();
const loader = Native
  ? { client: () => Native, ready: async () => {}, host: (env) => env }
  : { client: () => bindings().WasmClient, ready: async () => bindings(), host: nodeHost };

/** The neon-admin client class. */
export const NeonAdmin = defineNeonAdmin(loader);
/** Which backend this process uses: "wasm" or "native". */
export const backend = Native ? 'native' : 'wasm';
export * from './errors.mjs';
export default NeonAdmin;
