// Deno entry point: the wasm arrives as a module through a source-phase import, so no file
// permission is needed to load it.

import source wasmModule from '../pkg/neon_admin_bg.wasm';
import { defineNeonAdmin } from './resources/neon-admin.mjs';
import { denoHost } from './hosts/deno-host.mjs';
import { wasmLoader } from './backends/wasm-loader.mjs';
import { sendFetch } from './hosts/send-fetch.mjs';


/** The neon-admin client class. */
export const NeonAdmin = defineNeonAdmin(wasmLoader(() => wasmModule, sendFetch, denoHost));
/** Which backend this entry runs: always "wasm" here. */
export const backend = 'wasm';
export * from './errors.mjs';
export default NeonAdmin;
