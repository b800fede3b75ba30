// `apiKey` given as a function (`() => Promise<string>`), for keys fetched from a secret manager
// at run time. The function is called lazily, before the first request; the backend client that
// sends requests is built then, with the key it gave, and kept. A call that fails is not kept:
// the next request calls the function again (the secret store may be back), while requests made
// during one call share it.

import { refuse } from '../internal/plain-data.mjs';

// Checks every other option when the client is constructed (and answers `baseUrl` at once): the
// backend client is built first with this stand-in key, which no request ever carries, as that
// client never sends one.
const STAND_IN_KEY = 'napi_neon_admin_key_not_yet_fetched';

// The core's limit for a key given as an option.
const MAX_KEY_LENGTH = 512;

const withKey = (json, key) => JSON.stringify({ ...JSON.parse(json), apiKey: key });

/**
 * A backend client (see backend-contract.mjs) whose key comes from `getKey`.
 * @param {new (json: string, host: any, log?: (line: string) => void) => import('./backend-contract.mjs').BackendClient} Client
 *   the backend's client class
 * @param {string} json the other options' JSON text
 * @param {any} host what the client is given for env and file access
 * @param {((line: string) => void) | undefined} log the debug logger
 * @param {() => Promise<string>} getKey the caller's function
 * @returns {import('./backend-contract.mjs').BackendClient}
 */
export function keyFunctionClient(Client, json, host, log, getKey) {
  const checked = new Client(withKey(json, STAND_IN_KEY), host);
  let sending; // the backend client, once the function gave a usable key
  let fetching; // the function's call in flight
  const client = () => {
    if (sending) return sending;
    fetching ??= fetchKey(getKey)
      .then((key) => (sending = new Client(withKey(json, key), host, log)))
      .finally(() => {
        fetching = undefined;
      });
    return fetching;
  };
  return {
    credentialSource: 'option',
    credentialWarning: undefined,
    baseUrl: checked.baseUrl,
    get requestsSent() {
      return sending?.requestsSent ?? 0;
    },
    get waitedMs() {
      return sending?.waitedMs ?? 0;
    },
    async run(...args) {
      return (await client()).run(...args);
    },
  };
}

/** The function's key, or a NeonConfigError that never holds what it threw or returned. */
async function fetchKey(getKey) {
  let key;
  try {
    key = await getKey();
  } catch {
    throw refuse('apiKey', 'the apiKey function rejected or threw: check the secret store it reads (its error is not shown, as it may hold the key)');
  }
  if (typeof key !== 'string') {
    throw refuse('apiKey', `the apiKey function must resolve to a string, not ${key === null ? 'null' : typeof key}`);
  }
  // Checked here, before the core sees it, so that the error names the function, not an option.
  const trimmed = key.trim();
  if (trimmed === '') throw refuse('apiKey', 'the apiKey function resolved to an empty key: make it return a Neon API key');
  if (trimmed.length > MAX_KEY_LENGTH) throw refuse('apiKey', 'the apiKey function resolved to text too long to be a Neon API key: make it return the key alone');
  if (/[^\x21-\x7e]/.test(trimmed)) {
    throw refuse('apiKey', 'the apiKey function resolved to a key with whitespace, control or non-ASCII characters, which cannot go into a header: make it return the key alone, as the Neon Console shows it');
  }
  return trimmed;
}
