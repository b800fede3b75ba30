// Vercel Edge (`edge-light`) entry point: the Edge Runtime allows no run-time wasm compilation,
// so the module is imported with the `?module` suffix its bundler turns into a WebAssembly.Module.
// Credentials: the `apiKey` option or an `env` object (e.g. `{ NEON_API_KEY: process.env.NEON_API_KEY }`).

import wasmModule from '../pkg/neon_admin_bg.wasm?module';
import { defineNeonAdmin } from './resources/neon-admin.mjs';
import { envHost } from './hosts/env-host.mjs';
import { wasmLoader } from './backends/wasm-loader.mjs';
import { sendFetch } from './hosts/send-fetch.mjs';

// A host may compile the module in its own realm (Next.js's local Edge Runtime sandbox does, then
// binds it as a global): wasm-bindgen's `instanceof WebAssembly.Module` check then fails and it
// would try to compile the module object as bytes. Give such a module this realm's prototype.
const sameRealm = (module) => {
  if (!(module instanceof WebAssembly.Module) && Object.prototype.toString.call(module) === '[object WebAssembly.Module]') {
    Object.setPrototypeOf(module, WebAssembly.Module.prototype);
  }
  return module;
};

/** The neon-admin client class. */
export const NeonAdmin = defineNeonAdmin(wasmLoader(() => sameRealm(wasmModule), sendFetch, envHost));
/** Which backend this entry runs: always "wasm" here. */
export const backend = 'wasm';
export * from './errors.mjs';
export default NeonAdmin;
