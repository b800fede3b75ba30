// The explicit native entry point (`neon-admin/native`): the napi-rs addon, with native TLS and
// HTTP and the HTTPS_PROXY / HTTP_PROXY / NO_PROXY settings honoured. Importing it fails when the
// addon is not built for this platform (no silent fallback: it was asked for by name).

import { defineNeonAdmin } from './client.mjs';
import { loadAddon, nativeClientClass } from './native-client.mjs';

const Client = nativeClientClass(loadAddon());

/** The neon-admin client class, on the native backend. */
export const NeonAdmin = defineNeonAdmin({ client: () => Client, ready: async () => {}, host: (env) => env });
export { NeonError, NeonApiError, NeonNetworkError, NeonConfigError, NeonBrowserError, NeonAbortError } from './errors.mjs';
export default NeonAdmin;
