// API keys of one owner: personal (no orgId) or an organization's.

import { redactOnInspect } from './secrets.mjs';

/** `neon.apiKeys` and `neon.orgApiKeys(orgId)`. */
export class ApiKeys {
  #run;
  #target;

  /** `owner` is "apiKeys" (personal) or "orgApiKeys" (then `target.orgId` names the organization). */
  constructor(run, owner, target) {
    this.#run = (action, target, input, requestOptions) => run(`${owner}.${action}`, target, input, requestOptions);
    this.#target = target;
  }

  /** Lists the keys (tokens are never listed). */
  async list(requestOptions) {
    return this.#run('list', this.#target, {}, requestOptions);
  }

  /** Creates a key; its `key` token is returned this once. */
  async create(input, requestOptions) {
    return redactOnInspect(await this.#run('create', this.#target, input, requestOptions), ['key']);
  }

  /** Revokes a key by ID. Cannot be undone. */
  async revoke(keyId, requestOptions) {
    return this.#run('revoke', { ...this.#target, keyId }, {}, requestOptions);
  }

  /** Creates a replacement key; revokes the old one only with `revokeOld: true`, after the new one exists. */
  async rotate(input, requestOptions) {
    const rotation = await this.#run('rotate', this.#target, input, requestOptions);
    redactOnInspect(rotation.created, ['key']);
    return rotation;
  }
}
