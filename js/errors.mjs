// Error classes of neon-admin. Every rejection of the library is one of these, told apart by
// `name` (or `instanceof`). Messages say what to do and never contain a key.

/**
 * Base class of every neon-admin error. `partial`, when set, is what the call had received when
 * it failed after the API showed it a secret (a new key's token, Neon Auth's keys): the method's
 * result as far as it got.
 */
export class NeonError extends Error {
  constructor(message, options) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, writable: true, configurable: true });
    if (options?.partial !== undefined) this.partial = options.partial;
  }
}

/** Copies what a reconciliation did (after a write's answer was lost) onto an error. */
function addReconciled(error, info) {
  if (info.reconciled !== undefined) error.reconciled = info.reconciled;
  if (info.orphans !== undefined) error.orphans = info.orphans;
}

/** The Neon API answered with an error status. */
export class NeonApiError extends NeonError {
  constructor(info) {
    super(info.message, info);
    this.status = info.status;
    this.code = info.code ?? '';
    this.requestId = info.requestId;
    this.attempts = info.attempts ?? 1;
    if (info.retryAfterMs !== undefined) this.retryAfterMs = info.retryAfterMs;
    addReconciled(this, info);
  }
}

/** The request got no answer (refused, reset, DNS, timeout: then `timedOut` is true). */
export class NeonNetworkError extends NeonError {
  constructor(info) {
    super(info.message, info);
    this.timedOut = Boolean(info.timedOut);
    if (info.status !== undefined) this.status = info.status;
    this.requestId = info.requestId;
    this.attempts = info.attempts ?? 1;
    addReconciled(this, info);
  }
}

/** Bad options or input, or no credentials. Nothing was sent. */
export class NeonConfigError extends NeonError {
  constructor(info) {
    super(info.message, info);
    if (info.field !== undefined) this.field = info.field;
  }
}

/** Refused: a browser context. Neon API keys are never client-safe. */
export class NeonBrowserError extends NeonError {
  constructor(info) {
    super(info.message);
  }
}

/** The caller's `AbortSignal` aborted the call; it was not retried. */
export class NeonAbortError extends NeonError {
  constructor(info) {
    super(info.message, info);
    this.requestId = info.requestId;
    this.attempts = info.attempts ?? 0;
  }
}

/**
 * A rotation's `onNewKey` callback failed. The new key was revoked again (`newKeyRevoked`) and the
 * old key still works; the callback's error is the `cause`. When revoking it failed, the new key is
 * live and `partial` holds the rotation with its token.
 */
export class NeonRotationError extends NeonError {
  constructor(info) {
    super(info.message, info);
    this.newKeyId = info.newKeyId;
    this.oldKeyId = info.oldKeyId;
    this.newKeyRevoked = info.newKeyRevoked;
  }
}
