// Vercel Edge (`edge-light`) entry point: the Edge Runtime allows no run-time wasm compilation,
// so the module is imported with the `?module` suffix its bundler turns into a WebAssembly.Module.
// Credentials: the `apiKey` option or an `env` object (e.g. `{ NEON_API_KEY: process.env.NEON_API_KEY }`).

import wasmModule from '../pkg/neon_admin_bg.wasm?module';
import { defineNeonAdmin } from './client.mjs';
import { envHost } from './env-host.mjs';
import { lazyBindings } from './lazy-bindings.mjs';

const bindings = lazyBindings(() => wasmModule);

/** The neon-admin client class. */
export const NeonAdmin = defineNeonAdmin({ bindings, ready: async () => bindings(), host: envHost });
export { NeonError, NeonApiError, NeonNetworkError, NeonConfigError, NeonBrowserError } from './errors.mjs';
export default NeonAdmin;
