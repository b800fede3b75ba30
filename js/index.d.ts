// Public types of neon-admin. Result and input shapes are generated from the Rust types
// (tsify, in pkg/neon_admin.d.ts); this file declares the JavaScript classes over them.

import type {
  ApiKey,
  AuthDetails,
  ConnectOptions,
  CreateApiKeyInput,
  CreatedApiKey,
  KeyCreator,
  RevokedApiKey,
  RotateApiKeyInput,
  Rotation,
} from '../pkg/neon_admin.js';

export type {
  ApiKey,
  AuthDetails,
  ConnectOptions,
  CreateApiKeyInput,
  CreatedApiKey,
  KeyCreator,
  RevokedApiKey,
  RotateApiKeyInput,
  Rotation,
};

/** Where the key in use came from. */
export type CredentialSource = 'option' | 'env' | 'credentials_file';

/** Options of `new NeonAdmin()` and `NeonAdmin.connect()`. */
export interface NeonAdminOptions extends ConnectOptions {
  /** Environment to read `NEON_API_KEY`, `NEON_CONFIG_DIR`, … from instead of `process.env`. */
  env?: Record<string, string | undefined>;
}

/** API keys of one owner: the caller's personal keys, or an organization's. */
export interface ApiKeys {
  /** Lists the keys (`GET …/api_keys`); tokens are never listed. */
  list(): Promise<ApiKey[]>;
  /** Creates a key (`POST …/api_keys`). `key` on the result is the token, shown this once. */
  create(input: CreateApiKeyInput): Promise<CreatedApiKey>;
  /** Revokes a key (`DELETE …/api_keys/{keyId}`). Cannot be undone. */
  revoke(keyId: number): Promise<RevokedApiKey>;
  /**
   * Replaces a key: checks the old one is listed, creates the new one, then revokes the old one
   * only with `revokeOld: true`. A failed revocation is reported in `revoke_error`, never by
   * losing the new key.
   */
  rotate(input: RotateApiKeyInput): Promise<Rotation>;
}

/** A client for the Neon management API. */
export declare class NeonAdmin {
  /**
   * Builds a client. Credentials: `apiKey`, else `NEON_API_KEY`, else the Neon CLI's stored
   * credentials. Throws `NeonConfigError` for bad options or when no key is found.
   */
  constructor(options?: NeonAdminOptions);
  /** Loads the wasm module if needed, then builds a client (same options as the constructor). */
  static connect(options?: NeonAdminOptions): Promise<NeonAdmin>;
  /** Where the key came from. */
  readonly credentialSource: CredentialSource;
  /** The API base URL in use. */
  readonly baseUrl: string;
  /** The caller's personal API keys. */
  readonly apiKeys: ApiKeys;
  /** An organization's API keys (`orgId` like `org-cold-sky-12345678`). */
  orgApiKeys(orgId: string): ApiKeys;
  /** Who the current credentials belong to (`GET /auth`). */
  whoami(): Promise<AuthDetails>;
}

/** Base class of every neon-admin error. */
export declare class NeonError extends Error {}

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
}

/** No answer: refused, reset, DNS failure or timeout. */
export declare class NeonNetworkError extends NeonError {
  readonly name: 'NeonNetworkError';
  /** True when the per-attempt timeout expired. */
  readonly timedOut: boolean;
  /** The request ID sent. */
  readonly requestId: string;
  /** Attempts made, retries included. */
  readonly attempts: number;
}

/** Bad options or input, or no credentials; nothing was sent. */
export declare class NeonConfigError extends NeonError {
  readonly name: 'NeonConfigError';
  /** The option or argument at fault, when there is one. */
  readonly field?: string;
}

export default NeonAdmin;
