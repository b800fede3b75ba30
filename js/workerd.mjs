// Cloudflare workerd entry point: workerd forbids compiling wasm from bytes at run time, so the
// module arrives as an import (a `CompiledWasm` module). Credentials: the `apiKey` option or the
// `env` object the Worker's handler receives.

import wasmModule from '../pkg/neon_admin_bg.wasm';
import { defineNeonAdmin } from './resources/neon-admin.mjs';
import { envHost } from './hosts/env-host.mjs';
import { wasmLoader } from './backends/wasm-loader.mjs';
import { sendFetch } from './hosts/send-fetch.mjs';


/** The neon-admin client class. */
export const NeonAdmin = defineNeonAdmin(wasmLoader(() => wasmModule, sendFetch, envHost));
/** Which backend this entry runs: always "wasm" here. */
export const backend = 'wasm';
export * from './errors.mjs';
export default NeonAdmin;
