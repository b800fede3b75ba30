// The explicit native entry point (`neon-admin/native`): the napi-rs addon, with native TLS and
// HTTP and the HTTPS_PROXY / HTTP_PROXY / NO_PROXY settings honoured. The addon comes from the
// platform package (e.g. neon-admin-linux-x64-gnu, an optional dependency) or a local build in
// native/. Importing this entry throws when neither loads, naming the package to install: it never
// falls back to wasm, since it was asked for by name.

import { defineNeonAdmin } from './resources/neon-admin.mjs';
import { recordedRun } from './internal/node-operation-record.mjs';
import { loadAddon, nativeClientClass, nativeLoader } from './backends/native-client.mjs';

function addon() {
  try {
    return loadAddon();
  } catch (error) {
    throw new Error(`neon-admin/native: ${error.message}`, { cause: error.cause });
  }
}

const Client = nativeClientClass(addon());

/** The neon-admin client class, on the native backend. */
export const NeonAdmin = defineNeonAdmin(nativeLoader(Client), recordedRun);
/** Which backend this entry runs: always "native" here. */
export const backend = 'native';
export * from './errors.mjs';
export default NeonAdmin;
