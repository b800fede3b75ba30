// The public JavaScript API, shared by every runtime's loader. A loader supplies the wasm
// bindings (initialised once, on first use) and a host giving access to env and files.

import { toNeonError } from './errors.mjs';
import { redactOnInspect } from './secrets.mjs';

async function call(promiseFactory) {
  try {
    return await promiseFactory();
  } catch (thrown) {
    throw toNeonError(thrown);
  }
}

/** API keys of one owner: personal (`orgId` undefined) or an organization's. */
class ApiKeys {
  #client;
  #orgId;

  constructor(client, orgId) {
    this.#client = client;
    this.#orgId = orgId;
  }

  /** Lists the keys (tokens are never listed). */
  list() {
    return call(() => this.#client.listApiKeys(this.#orgId));
  }

  /** Creates a key; its `key` token is returned this once. */
  async create(input) {
    return redactOnInspect(await call(() => this.#client.createApiKey(input, this.#orgId)), ['key']);
  }

  /** Revokes a key by ID. Cannot be undone. */
  revoke(keyId) {
    return call(() => this.#client.revokeApiKey(keyId, this.#orgId));
  }

  /** Creates a replacement key; revokes the old one only with `revokeOld: true`, after the new one exists. */
  async rotate(input) {
    const rotation = await call(() => this.#client.rotateApiKey(input, this.#orgId));
    redactOnInspect(rotation.created, ['key']);
    return rotation;
  }
}

/**
 * Builds the `NeonAdmin` class for one runtime.
 * @param {{ bindings: () => any, ready: () => Promise<any>, host: (env?: object) => object }} loader
 */
export function defineNeonAdmin(loader) {
  return class NeonAdmin {
    #client;

    /** Builds a client synchronously (the wasm module is loaded on first use where the runtime allows). */
    constructor(options) {
      if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
        throw toNeonError({ name: 'NeonConfigError', message: 'invalid `options`: must be an object', field: 'options' });
      }
      const { env, ...rest } = options ?? {};
      if (env !== undefined && (env === null || typeof env !== 'object')) {
        throw toNeonError({ name: 'NeonConfigError', message: 'invalid `env`: must be an object of strings', field: 'env' });
      }
      const { WasmClient } = loader.bindings();
      try {
        this.#client = new WasmClient(rest, loader.host(env));
      } catch (thrown) {
        throw toNeonError(thrown);
      }
      /** The caller's personal API keys. */
      this.apiKeys = new ApiKeys(this.#client, undefined);
      Object.freeze(this);
    }

    /** Loads the wasm module if needed, then builds a client. */
    static async connect(options) {
      await loader.ready();
      return new NeonAdmin(options);
    }

    /** Where the key came from: "option", "env" or "credentials_file". */
    get credentialSource() {
      return this.#client.credentialSource;
    }

    /** The API base URL in use. */
    get baseUrl() {
      return this.#client.baseUrl;
    }

    /** Who the current credentials belong to (`GET /auth`). */
    whoami() {
      return call(() => this.#client.whoami());
    }

    /** An organization's API keys. */
    orgApiKeys(orgId) {
      return new ApiKeys(this.#client, orgId ?? null);
    }
  };
}
