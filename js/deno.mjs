// Deno entry point: the wasm arrives as a module through a source-phase import, so no file
// permission is needed to load it.

import source wasmModule from '../pkg/neon_admin_bg.wasm';
import { defineNeonAdmin } from './client.mjs';
import { denoHost } from './deno-host.mjs';
import { lazyBindings } from './lazy-bindings.mjs';

const bindings = lazyBindings(() => wasmModule);

/** The neon-admin client class. */
export const NeonAdmin = defineNeonAdmin({ client: () => bindings().WasmClient, ready: async () => bindings(), host: denoHost });
export * from './errors.mjs';
export default NeonAdmin;
