// The one interface every backend client implements, so that the facade (client.mjs) drives any
// of them: the wasm core's `WasmClient` (pkg/neon_admin.js), the native addon's wrapper
// (native-client.mjs) and the client of an `apiKey` function (key-function.mjs), over either.
// The facade uses these members and no others; tests/js/backend-contract.test.mjs checks each
// client against BACKEND_MEMBERS, and tests/types checks `WasmClient` against the type.

/**
 * @typedef {object} BackendClient
 * @property {(op: string, targetJson: string, inputJson: string, timeoutMs: number | undefined, signal: AbortSignal | undefined) => Promise<string>} run
 *   runs one operation of the core; resolves to its result as JSON text, rejects with an error
 *   record (`{ name, message, … }`) or a NeonError
 * @property {'option' | 'env' | 'credentials_file' | 'keyring'} credentialSource where the key came from
 * @property {string | undefined} credentialWarning what the Neon CLI would have warned about while
 *   choosing the credential
 * @property {string} baseUrl the API base URL in use
 * @property {number} requestsSent requests this client sent so far (retries included)
 * @property {number} waitedMs milliseconds its requests waited for the rate budget so far
 */

/** Each member of `BackendClient` and the types (`typeof`) its value may have. */
export const BACKEND_MEMBERS = Object.freeze({
  run: ['function'],
  credentialSource: ['string'],
  credentialWarning: ['string', 'undefined'],
  baseUrl: ['string'],
  requestsSent: ['number'],
  waitedMs: ['number'],
});
