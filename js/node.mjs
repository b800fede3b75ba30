// Node and Bun entry point (ESM). The wasm module is read from the package folder and
// instantiated synchronously, once, when the first client is built.

import { readFileSync } from 'node:fs';
import { defineNeonAdmin } from './client.mjs';
import { lazyBindings } from './lazy-bindings.mjs';
import { nodeHost } from './node-host.mjs';

const bindings = lazyBindings(() => readFileSync(new URL('../pkg/neon_admin_bg.wasm', import.meta.url)));

/** The neon-admin client class. */
export const NeonAdmin = defineNeonAdmin({ bindings, ready: async () => bindings(), host: nodeHost });
export { NeonError, NeonApiError, NeonNetworkError, NeonConfigError, NeonBrowserError, NeonAbortError } from './errors.mjs';
export default NeonAdmin;
