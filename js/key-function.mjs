// `apiKey` given as a function (`() => Promise<string>`), for keys fetched from a secret manager
// at run time. The function is called once per client, lazily, before the first request; the
// backend client that sends requests is built then, with the key it gave.

import { refuse } from './plain-data.mjs';

// Checks every other option when the client is constructed (and answers `baseUrl` at once): the
// backend client is built first with this stand-in key, which no request ever carries, as that
// client never sends one.
const STAND_IN_KEY = 'napi_neon_admin_key_not_yet_fetched';

const withKey = (json, key) => JSON.stringify({ ...JSON.parse(json), apiKey: key });

/**
 * A backend client (same shape as `WasmClient`) whose key comes from `getKey`.
 * @param {new (json: string, host: any, log?: (line: string) => void) => any} Client the backend's client class
 * @param {string} json the other options' JSON text
 * @param {any} host what the client is given for env and file access
 * @param {((line: string) => void) | undefined} log the debug logger
 * @param {() => Promise<string>} getKey the caller's function
 */
export function keyFunctionClient(Client, json, host, log, getKey) {
  const checked = new Client(withKey(json, STAND_IN_KEY), host);
  let sending;
  const client = () => {
    sending ??= fetchKey(getKey).then((key) => new Client(withKey(json, key), host, log));
    return sending;
  };
  return {
    credentialSource: 'option',
    baseUrl: checked.baseUrl,
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
  if (!key.isWellFormed()) throw refuse('apiKey', 'the apiKey function resolved to text that is not well-formed');
  return key;
}
