// Node and Bun entry point (ESM). The native addon is used when it loads (its platform package is
// installed, or a local build in native/ exists), and the wasm build otherwise: the addon has no
// module to compile or instantiate, so it reaches a first result sooner than wasm on Node and on
// Bun, and costs less per request (docs/benchmarks.md). NEON_ADMIN_BACKEND=wasm or =native forces
// a backend; =native warns in one line and falls back to wasm when the addon cannot be loaded
// (`neon-admin/native` never falls back). On Bun the wasm fallback sends over Bun's own fetch.
// `backend` says which one this process uses.

import { defineNeonAdmin } from './resources/neon-admin.mjs';
import { recordedRun } from './internal/node-operation-record.mjs';
import { wasmLoader } from './backends/wasm-loader.mjs';
import { loadAddon, nativeClientClass, nativeLoader } from './backends/native-client.mjs';
import { nodeHost } from './hosts/node-host.mjs';
import { sendFetch } from './hosts/send-fetch.mjs';
import { sendNode } from './hosts/send-node.mjs';

/** The native client class, or undefined when this process runs wasm. */
function chooseNative() {
  const asked = process.env.NEON_ADMIN_BACKEND;
  if (asked === 'wasm') return undefined;
  try {
    return nativeClientClass(loadAddon());
  } catch (error) {
    if (asked === 'native') {
      console.warn(`neon-admin: NEON_ADMIN_BACKEND=native but the native addon could not be loaded (${String(error?.message).split('\n')[0]}); using the wasm backend`);
    }
    return undefined;
  }
}

const Native = chooseNative();
// node:fs is taken only here, on the wasm path: Bun takes a few milliseconds to load it.
const wasmBytes = () => process.getBuiltinModule('node:fs').readFileSync(new URL('../pkg/neon_admin_bg.wasm', import.meta.url));
const loader = Native
  ? nativeLoader(Native)
  : wasmLoader(wasmBytes, process.versions.bun ? sendFetch : sendNode, nodeHost);

/** The neon-admin client class. */
export const NeonAdmin = defineNeonAdmin(loader, recordedRun);
/** Which backend this process uses: "wasm" or "native". */
export const backend = Native ? 'native' : 'wasm';
export * from './errors.mjs';
export default NeonAdmin;
