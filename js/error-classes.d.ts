// The error classes of neon-admin (js/errors.mjs), declared apart from index.d.ts to keep each
// file short; index.d.ts re-exports them.

import type { ApplyResult, CreatedApiKey, Orphan, Reconciled } from '../pkg/neon_admin.js';
import type { FleetApplyResult, Rotation } from './index.js';

/**
 * What a call that failed after the API showed it a secret (a new key's token, Neon Auth's keys)
 * had received: the method's result as far as it got, in the shape of its result. `create` gives
 * the `CreatedApiKey`, `rotate` a `Rotation` (`revoked: null`), `branchAuth().apply` the
 * `ApplyResult` so far (the changes made, `neon_auth`, `created_keys`), `applyBranchAuth` the
 * finished branches' entries.
 */
export type PartialResult = CreatedApiKey | Rotation | ApplyResult | FleetApplyResult;

/** Base class of every neon-admin error. */
export declare class NeonError extends Error {
  /**
   * Set when the call failed after the API showed it a secret shown only once: the result so far,
   * secrets included (redacted when inspected, kept in the value and in JSON). Store the secret
   * now; the API never shows it again.
   */
  readonly partial?: PartialResult;
}

/** The Neon API answered with an error status. */
export declare class NeonApiError extends NeonError {
  readonly name: 'NeonApiError';
  /** HTTP status. */
  readonly status: number;
  /** The API's error code (may be empty). */
  readonly code: string;
  /** The request ID, for Neon support. */
  readonly requestId: string;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /** The wait the server asked for (`Retry-After`) in milliseconds, when it sent one. */
  readonly retryAfterMs?: number;
  /** How a lost answer was reconciled before this error, when it was. */
  readonly reconciled?: Reconciled;
  /** Keys made by creates whose answers were lost, and whether each was revoked. */
  readonly orphans?: Orphan[];
}

/** No answer: refused, reset, DNS failure or timeout. */
export declare class NeonNetworkError extends NeonError {
  readonly name: 'NeonNetworkError';
  /** True when the per-attempt timeout expired. */
  readonly timedOut: boolean;
  /** The status, when the answer had begun before it broke off. */
  readonly status?: number;
  /** The request ID sent. */
  readonly requestId: string;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /** How a lost answer was reconciled before this error, when it was. */
  readonly reconciled?: Reconciled;
  /** Keys made by creates whose answers were lost, and whether each was revoked. */
  readonly orphans?: Orphan[];
}

/** The caller's `AbortSignal` aborted the call; it was not retried. */
export declare class NeonAbortError extends NeonError {
  readonly name: 'NeonAbortError';
  /** The request ID of the call. */
  readonly requestId: string;
  /** Attempts started before the abort (0 when the signal was already aborted). */
  readonly attempts: number;
}

/** Loaded in a browser context: Neon API keys are never client-safe. */
export declare class NeonBrowserError extends NeonError {
  readonly name: 'NeonBrowserError';
}

/**
 * A rotation's `onNewKey` threw: the new key was revoked again and the old key still works. When
 * revoking it failed (`newKeyRevoked` false), `partial` holds the rotation with the new key's token.
 */
export declare class NeonRotationError extends NeonError {
  readonly name: 'NeonRotationError';
  /** The callback's error. */
  readonly cause: unknown;
  /** The key `rotate()` created. */
  readonly newKeyId: number;
  /** The key being replaced; it was not revoked. */
  readonly oldKeyId: number;
  /** Whether the new key was revoked again (if not, revoke it yourself). */
  readonly newKeyRevoked: boolean;
}

/** Bad options or input, or no credentials; nothing was sent. */
export declare class NeonConfigError extends NeonError {
  readonly name: 'NeonConfigError';
  /** The option or argument at fault, when there is one. */
  readonly field?: string;
}

/**
 * Which backend this process uses: on Node the native addon when it loads, else wasm
 * (`NEON_ADMIN_BACKEND=wasm|native` forces one); always wasm in Deno, Bun, workerd and Edge.
 */
