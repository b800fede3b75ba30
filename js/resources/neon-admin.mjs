// The public JavaScript API, shared by every runtime's loader. A loader supplies the wasm
// bindings (initialised once, on first use) and a host giving access to env and files.

import { ApiKeys } from './api-keys.mjs';
import { BranchAuth } from './branch-auth.mjs';
import { Credentials } from './credentials.mjs';
import { operationRunner } from '../backends/operation-runner.mjs';
import { Branches, Projects } from './projects-and-branches.mjs';
import { applyAcrossBranches } from './fleet-apply.mjs';
import { toNeonError } from '../internal/to-neon-error.mjs';
import { debugLogger } from '../internal/debug-log.mjs';
import { keyFunctionClient } from '../backends/key-function.mjs';
import { clientOptions } from '../internal/plain-data.mjs';
import { AccountMethods } from './operations.generated.mjs';

/**
 * Builds the `NeonAdmin` class for one runtime.
 * @param {{ client: () => any, ready: () => Promise<any>, host: (env?: object) => any }} loader the backend's
 *   client class (wasm `WasmClient` or the native addon's wrapper: see backend-contract.mjs), a
 *   promise that it is loaded, and what the client is given for env and file access
 * @param {(run: Function) => Function} [recorded] wraps each client's operation runner (the Node
 *   entries pass `recordedRun`, which notes operations in the project's test runs)
 */
export function defineNeonAdmin(loader, recorded = (run) => run) {
  return class NeonAdmin extends AccountMethods {
    #client;
    #run;

    /** Builds a client synchronously (the wasm module is loaded on first use where the runtime allows). */
    constructor(options) {
      let client;
      try {
        const { json, env, keyFunction, logger } = clientOptions(options);
        const Client = loader.client();
        const host = loader.host(env);
        const log = debugLogger(logger, env, host);
        client = keyFunction ? keyFunctionClient(Client, json, host, log, keyFunction) : new Client(json, host, log);
      } catch (thrown) {
        throw toNeonError(thrown);
      }
      const run = recorded(operationRunner(client));
      // whoami (generated): the client's own operation.
      super(run);
      this.#client = client;
      this.#run = run;
      /** The caller's personal API keys. */
      this.apiKeys = new ApiKeys(run, 'apiKeys', {});
      /** Projects the key can see. */
      this.projects = new Projects(run);
      Object.freeze(this);
    }

    /** Loads the wasm module if needed, then builds a client. */
    static async connect(options) {
      await loader.ready();
      return new NeonAdmin(options);
    }

    /** Where the key came from: "option", "env", "credentials_file" or "keyring". */
    get credentialSource() {
      return this.#client.credentialSource;
    }

    /** What the Neon CLI would have warned about while choosing the credential, a refreshed login not written back, and a deprecated base-URL variable read, else undefined. */
    get credentialWarning() {
      return this.#client.credentialWarning;
    }

    /** The API base URL in use. */
    get baseUrl() {
      return this.#client.baseUrl;
    }

    /** An organization's API keys. */
    orgApiKeys(orgId) {
      return new ApiKeys(this.#run, 'orgApiKeys', { orgId: orgId ?? null });
    }

    /** The branches of a project. */
    branches(projectId) {
      return new Branches(this.#run, projectId ?? null);
    }

    /** Neon Auth on a branch given by ID (`br-…`) or by its exact, unique name. */
    branchAuth(projectId, branch) {
      return new BranchAuth(this.#run, projectId ?? null, branch ?? null);
    }

    /** The credentials (Beta) of a branch given by ID (`br-…`) or by its exact, unique name. */
    credentials(projectId, branch) {
      return new Credentials(this.#run, projectId ?? null, branch ?? null);
    }

    /**
     * Applies `desired` (as `branchAuth().apply()` does) to every branch of the project that
     * `options.branches` picks, `options.concurrency` (default 4) at a time, under the client's
     * rate budget; a failing branch is recorded in its result and the others go on. Whatever
     * stops the run rejects with `partial`: the result of the branches finished so far.
     */
    async applyBranchAuth(projectId, desired, options) {
      const env = {
        run: this.#run,
        usage: () => ({ requests: this.#client.requestsSent, waitedMs: this.#client.waitedMs }),
        listBranches: (id, requestOptions) => this.branches(id).list(undefined, requestOptions),
      };
      try {
        return await applyAcrossBranches(env, projectId ?? null, desired, options);
      } catch (thrown) {
        throw toNeonError(thrown);
      }
    }
  };
}
