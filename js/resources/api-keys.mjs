// API keys of one owner: personal (no orgId) or an organization's. list, create and revoke are
// generated (operations.generated.mjs); rotate, a flow with a callback, is written here.

import { NeonRotationError } from '../errors.mjs';
import { refuse, takeFields } from '../internal/plain-data.mjs';
import { redactPaths } from '../internal/redaction.mjs';
import { ApiKeysMethods, HAND_WRITTEN_SECRETS } from './operations.generated.mjs';

const ROTATE_SECRETS = HAND_WRITTEN_SECRETS['apiKeys.rotate'];

/** `neon.apiKeys` and `neon.orgApiKeys(orgId)`. */
export class ApiKeys extends ApiKeysMethods {
  #call;
  #owner;

  /** `owner` is "apiKeys" (personal) or "orgApiKeys" (then `target.orgId` names the organization). */
  constructor(run, owner, target) {
    const call = (name, own, input, requestOptions, secrets) => run(name, { ...target, ...own }, input, requestOptions, secrets);
    super(call, owner);
    this.#call = call;
    this.#owner = owner;
  }

  /**
   * Rotates a key: checks the old key is listed, creates the new one, checks it works (`GET /auth`
   * with it; a new key that fails is revoked again), hands it to `onNewKey` (e.g. to store it as a
   * CI secret), and only then revokes the old key when `revokeOld` is true (the default when
   * `onNewKey` is given). If `onNewKey` throws, the new key is revoked again and a
   * `NeonRotationError` is thrown; the old key keeps working. A failed revocation of the old key
   * is reported in `revoke_error`, never thrown, so the new token is never lost. Whenever the call
   * fails while the new key may be live (its check failed without a 401, or revoking it again
   * failed), the error's `partial` is the rotation so far: `{ created, revoked: null, revoke_error: null }`.
   */
  async rotate(rotation, requestOptions) {
    const {
      taken: { onNewKey, revokeOld = onNewKey !== undefined },
      rest: replace,
    } = takeFields(rotation, 'rotation', ['onNewKey', 'revokeOld']);
    if (onNewKey !== undefined && typeof onNewKey !== 'function') throw refuse('onNewKey', 'must be a function that stores the new key');
    if (typeof revokeOld !== 'boolean') throw refuse('revokeOld', 'must be true or false');
    // The core's partial result is the new key: as a rotation, like the result.
    const asRotation = (key) => redactPaths({ created: key, revoked: null, revoke_error: null }, ROTATE_SECRETS.redacted);
    let created;
    try {
      ({ created } = asRotation(await this.#call(`${this.#owner}.rotate`, {}, replace, requestOptions)));
    } catch (error) {
      if (error?.partial !== undefined) error.partial = asRotation(error.partial);
      throw error;
    }
    if (onNewKey) {
      try {
        await onNewKey(created);
      } catch (cause) {
        const newKeyRevoked = await this.revoke(created.id, requestOptions).then(() => true, () => false);
        const { oldKeyId } = replace;
        const outcome = newKeyRevoked
          ? `the new key ${created.id} was revoked again`
          : `revoking the new key ${created.id} failed too: it is live, its token is in this error's \`partial\`: revoke it yourself or store it`;
        const message = `onNewKey failed (see cause), so ${outcome}; the old key ${oldKeyId} still works: fix the callback and rotate again`;
        // `created` is already redacted on inspect.
        const partial = newKeyRevoked ? undefined : { created, revoked: null, revoke_error: null };
        throw new NeonRotationError({ message, cause, newKeyId: created.id, oldKeyId, newKeyRevoked, partial });
      }
    }
    if (!revokeOld) return { created, revoked: null, revoke_error: null };
    try {
      return { created, revoked: await this.revoke(replace.oldKeyId, requestOptions), revoke_error: null };
    } catch (error) {
      return { created, revoked: null, revoke_error: error.message };
    }
  }
}
