// Type-level check of the backend contract: the wasm core's client class implements it.

import type { BackendClient } from '../../js/backends/backend-contract.mjs';
import type { WasmClient } from '../../pkg/neon_admin.js';

export const wasmClientIsABackend = (client: WasmClient): BackendClient => client;
