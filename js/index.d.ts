// Public types of neon-admin. Result and input shapes are generated from the Rust types
// (tsify, in pkg/neon_admin.d.ts), the branch-level operations from their declarations in the core
// (operations.generated.d.ts); this file declares the JavaScript classes over them.

import type {
  AddOAuthProviderInput as CoreAddOAuthProviderInput,
  ApplyResult,
  AuthDetails,
  Branch,
  ConfigInput as CoreConfigInput,
  ConnectOptions,
  CreateUserInput as CoreCreateUserInput,
  CreatedApiKey,
  CreatedNeonAuthKeys,
  DesiredNeonAuth as CoreDesiredNeonAuth,
  DesiredPlugins as CoreDesiredPlugins,
  DisableInput as CoreDisableInput,
  DomainInput,
  EmailAndPasswordInput as CoreEmailAndPasswordInput,
  EnableInput as CoreEnableInput,
  MagicLinkPluginInput as CoreMagicLinkPluginInput,
  NeonAuthEndpoints,
  OrganizationPluginInput as CoreOrganizationPluginInput,
  Orphan,
  PhoneNumberPluginInput as CorePhoneNumberPluginInput,
  PlannedChange,
  Reconciled,
  RequestOptions,
  RevokedApiKey,
  TestEmailInput as CoreTestEmailInput,
  TestEmailProviderInput as CoreTestEmailProviderInput,
  UpdateOAuthProviderInput as CoreUpdateOAuthProviderInput,
  WebhookInput as CoreWebhookInput,
} from '../pkg/neon_admin.js';
import type { ApiKeysOperations, BranchAuthOperations, BranchesOperations, CredentialsOperations, ProjectsOperations } from './resources/operations.generated.js';

export type {
  AllowLocalhost,
  ApiKey,
  ApplyOptions,
  CreateCredentialInput,
  Credential,
  CredentialScope,
  CredentialSecrets,
  GrantedCredentialScope,
  IssuedCredential,
  AuthProvider,
  AuthUser,
  BranchQuery,
  BranchSortBy,
  CreateApiKeyInput,
  CreatorRole,
  EmailAndPassword,
  EmailProvider,
  EmailProviderInput,
  EnabledNeonAuth,
  KeyCreator,
  MagicLinkPlugin,
  NeonAuth,
  NeonAuthConfig,
  OAuthProvider,
  OAuthProviderId,
  OrganizationPlugin,
  PhoneNumberPlugin,
  PluginConfigs,
  Project,
  ProjectQuery,
  SortOrder,
  TestEmailResult,
  TrustedDomain,
  VerificationMethod,
  WebhookConfig,
  WebhookEvent,
} from '../pkg/neon_admin.js';
export type {
  ApplyResult,
  AuthDetails,
  Branch,
  ConnectOptions,
  CreatedApiKey,
  CreatedNeonAuthKeys,
  DomainInput,
  NeonAuthEndpoints,
  PlannedChange,
  Reconciled,
  Orphan,
  RequestOptions,
  RevokedApiKey,
};

/** `snake_case` → `camelCase`, on a field name. */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
/**
 * An input as the caller writes it. The core's input types serialize straight to the API's
 * snake_case bodies (so their generated declarations name fields that way) and read camelCase.
 */
type CamelCased<T> = T extends readonly (infer U)[]
  ? CamelCased<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? Camel<K> : K]: CamelCased<T[K]> }
    : T;

export type AddOAuthProviderInput = CamelCased<CoreAddOAuthProviderInput>;
export type ConfigInput = CamelCased<CoreConfigInput>;
export type CreateUserInput = CamelCased<CoreCreateUserInput>;
export type DesiredNeonAuth = CamelCased<CoreDesiredNeonAuth>;
export type DesiredPlugins = CamelCased<CoreDesiredPlugins>;
/**
 * What `branchAuth(…).pull()` returns: the branch's Neon Auth as the `DesiredNeonAuth` that
 * `apply` takes, with `omitted` always present: the paths of what was left out (secrets the API
 * does not show, such as `emailProvider.password` and `oauthProviders.github.clientSecret`, and
 * values this version cannot write), which `apply` leaves as they are.
 */
export type PulledNeonAuth = DesiredNeonAuth & { omitted: string[] };
export type DisableInput = CamelCased<CoreDisableInput>;
export type EmailAndPasswordInput = CamelCased<CoreEmailAndPasswordInput>;
export type EnableInput = CamelCased<CoreEnableInput>;
export type MagicLinkPluginInput = CamelCased<CoreMagicLinkPluginInput>;
export type OrganizationPluginInput = CamelCased<CoreOrganizationPluginInput>;
export type PhoneNumberPluginInput = CamelCased<CorePhoneNumberPluginInput>;
export type TestEmailInput = CamelCased<CoreTestEmailInput>;
export type TestEmailProviderInput = CamelCased<CoreTestEmailProviderInput>;
export type UpdateOAuthProviderInput = CamelCased<CoreUpdateOAuthProviderInput>;
export type WebhookInput = CamelCased<CoreWebhookInput>;

/** How a write whose answer was lost was settled: on its result, when it was. */
export interface Reconciliation {
  /** `already-done` (read back, nothing resent), `sent-again`, or `orphan-revoked` (a key made by the lost create was revoked and the key created again). */
  reconciled?: Reconciled;
}

/** What a write with no result resolves to: nothing, or how its lost answer was settled. */
export type WriteDone = void | { reconciled: Reconciled };

/** Where the key in use came from. */
export type CredentialSource = 'option' | 'env' | 'credentials_file' | 'keyring';

/** Options of `new NeonAdmin()` and `NeonAdmin.connect()`. */
export interface NeonAdminOptions extends Omit<ConnectOptions, 'apiKey'> {
  /**
   * Neon API key; wins over `NEON_API_KEY` and the Neon CLI's credentials. A function (for a key
   * fetched from a secret manager at run time) is called once per client, lazily, before the
   * first request; its rejection or a value that is not a usable key fails that request and every
   * later one with a `NeonConfigError` that does not include what the function threw or returned.
   * `credentialSource` is `"option"` either way.
   */
  apiKey?: string | (() => string | Promise<string>);
  /**
   * Receives the debug log: one line per attempt (method, path without query values, attempt
   * number, status, milliseconds, request ID, and the retry, wait and rate-limit decision). The
   * lines never hold a key, token, secret or e-mail address. Without it, `NEON_ADMIN_LOG=debug`
   * (in `env` or the runtime's environment) writes the same lines to stderr.
   */
  logger?: (line: string) => void;
  /**
   * Environment to read `NEON_API_KEY`, `NEON_API_HOST` (the base URL when `baseUrl` is not
   * given, a full URL as the `neon` CLI reads it), `NEON_CONFIG_DIR`, … from instead of
   * `process.env`.
   */
  env?: Record<string, string | undefined>;
}

/** API keys of one owner: the caller's personal keys, or an organization's. */
export interface ApiKeys extends ApiKeysOperations {}

/** Input of `apiKeys.rotate()` / `orgApiKeys(orgId).rotate()`. */
export interface RotateApiKeyInput {
  /** ID of the key being replaced. */
  oldKeyId: number;
  /** Name of the new key. */
  name: string;
  /** Organization keys only: scope the new key to this project. */
  projectId?: string;
  /** Revoke the old key at the end (default: true with `onNewKey`, else false). */
  revokeOld?: boolean;
  /** Stores the new key (e.g. as a CI secret) before the old one is revoked; if it throws, the new key is revoked again. */
  onNewKey?: (created: CreatedApiKey) => unknown;
}

/** The result of a rotation. */
export interface Rotation {
  /** The new key, with its token (shown this once). */
  created: CreatedApiKey & Reconciliation;
  /** The old key, when it was revoked. */
  revoked: RevokedApiKey | null;
  /** Why revoking the old key failed, when it was asked for and failed; revoke it with a second call. */
  revoke_error: string | null;
}

/** Options of `domains.add()` / `domains.remove()`. */
export type DomainOptions = Omit<DomainInput, 'domains'>;

/**
 * The items of a listing that spans pages: iterate with `for await`, which fetches one page at a
 * time as you go, or collect them all with `toArray()`.
 */
export interface Listing<T> extends AsyncIterableIterator<T> {
  /** Every item of every page, in order, in one array (one request per page). */
  toArray(): Promise<T[]>;
}

/** `neon.projects`. */
export interface Projects extends ProjectsOperations {}

/** `neon.branches(projectId)`. */
export interface Branches extends BranchesOperations {}

/**
 * Neon Auth on one branch (`/projects/{project_id}/branches/{branch_id}/auth…`). The branch may be
 * given by ID (`br-…`) or by its exact, unique name, which is looked up once per client.
 */
export interface BranchAuth extends BranchAuthOperations {
  /** The branch ID (looking a name up, once per client). */
  branchId(requestOptions?: RequestOptions): Promise<string>;
}

/**
 * The credentials of one branch (Beta): scoped credentials, each a `token_id` (`nak_live_…`, the
 * S3 access key ID), an `api_token` bearer and an `s3_secret_access_key` (`nsk_live_…`), shown
 * once at issue and at rotate, recovered by `reveal`. The branch may be given by ID or name.
 */
export interface Credentials extends CredentialsOperations {}

/** Options of `applyBranchAuth()`. */
export interface FleetApplyOptions {
  /**
   * Which branches: a glob over branch names (`'preview/*'`; `*` stops at `/`, `**` does not, `?`
   * is one character), an array of names or `br-…` IDs (one that matches no branch fails in the
   * result), or a predicate over the branch objects of the listing.
   */
  branches: string | string[] | ((branch: Branch) => boolean | Promise<boolean>);
  /** Branches applied at once (1 to 64, default 4). */
  concurrency?: number;
  /** Only plan: nothing is changed. */
  dryRun?: boolean;
  /** Also remove trusted domains and OAuth providers `desired` does not list. */
  prune?: boolean;
  /** Aborts the run: requests in flight and waits end, and the call rejects with `NeonAbortError`. */
  signal?: AbortSignal;
  /** Called after each branch (a throw stops the run and rejects with it). */
  onProgress?: (progress: FleetProgress) => void | Promise<void>;
}

/** What `onProgress` gets after each branch. */
export interface FleetProgress {
  /** Branches done (failed ones included). */
  done: number;
  /** Branches picked. */
  total: number;
  /** Branches changed so far. */
  changed: number;
  /** Branches failed so far. */
  failed: number;
  /** The branch just done. */
  branch: FleetBranchResult;
}

/** One branch of `applyBranchAuth()`. */
export interface FleetBranchResult {
  /** The branch ID (`null` for a name or ID of `branches` that matched no branch). */
  branch_id: string | null;
  /** The branch name (or the entry of `branches` that matched nothing). */
  name: string;
  /** The changes made (or planned on a dry run); empty when the branch matched; on a failed branch, those made before it failed. */
  changes: PlannedChange[];
  /** Neon Auth's endpoints after the run (`null` when disabled); absent when the branch failed. */
  neon_auth?: NeonAuthEndpoints | null;
  /** The keys of a Neon Auth this run enabled, shown this once (redacted when inspected); also on a branch that failed after enabling it. */
  created_keys?: CreatedNeonAuthKeys;
  /** Why the branch failed. */
  error?: NeonError;
}

/** The result of `applyBranchAuth()`. */
export interface FleetApplyResult {
  /** One entry per branch, in listing order. */
  results: FleetBranchResult[];
  summary: {
    /** Branches picked. */
    branches: number;
    changed: number;
    unchanged: number;
    failed: number;
    /** Requests this client sent during the run (listing and retries included). */
    requests: number;
    /** Milliseconds requests waited for the rate budget, summed over concurrent requests. */
    waited_ms: number;
  };
}

/** A client for the Neon management API. */
export declare class NeonAdmin {
  /**
   * Builds a client. Credentials as the `neon` CLI chooses them: the `apiKey` or `profile`
   * option, else `NEON_API_KEY`, else the CLI profile `NEON_PROFILE` (default `DEFAULT`) from its
   * files or the OS keyring. Throws `NeonConfigError` for bad options or when no key is found.
   */
  constructor(options?: NeonAdminOptions);
  /** Loads the wasm module if needed, then builds a client (same options as the constructor). */
  static connect(options?: NeonAdminOptions): Promise<NeonAdmin>;
  /** Where the key came from. */
  readonly credentialSource: CredentialSource;
  /**
   * What the Neon CLI would have warned about while choosing the credential (`NEON_PROFILE`
   * ignored because `NEON_API_KEY` is set), a deprecated variable read for the base URL
   * (`NEON_API_BASE_URL`: set `NEON_API_HOST` instead), and, once a call refreshed an expired CLI
   * login that could not be written back to its file (read-only file or folder), that this client
   * keeps the new tokens for itself and the stored login may need `neon auth`; else undefined.
   */
  readonly credentialWarning: string | undefined;
  /** The API base URL in use. */
  readonly baseUrl: string;
  /** The caller's personal API keys. */
  readonly apiKeys: ApiKeys;
  /** An organization's API keys (`orgId` like `org-cold-sky-12345678`). */
  orgApiKeys(orgId: string): ApiKeys;
  /** Projects the key can see. */
  readonly projects: Projects;
  /** The branches of a project. */
  branches(projectId: string): Branches;
  /** Neon Auth on a branch given by ID (`br-…`) or by its exact, unique name. */
  branchAuth(projectId: string, branch: string): BranchAuth;
  /** The credentials (Beta) of a branch given by ID (`br-…`) or by its exact, unique name. */
  credentials(projectId: string, branch: string): Credentials;
  /**
   * Applies `desired` (as `branchAuth().apply()` does) to every branch of the project that
   * `options.branches` picks (listing every page), `concurrency` at a time, under the client's
   * rate budget. A failing branch is recorded with its `error` and the others go on; a bad
   * `desired`, an abort or a throwing `onProgress` stops the run and rejects with that error,
   * whose `partial` is the `FleetApplyResult` of the branches finished so far (their
   * `created_keys` included, shown only once: store them), redacted when inspected.
   */
  applyBranchAuth(projectId: string, desired: DesiredNeonAuth, options: FleetApplyOptions): Promise<FleetApplyResult>;
  /** Who the current credentials belong to (`GET /auth`). */
  whoami(requestOptions?: RequestOptions): Promise<AuthDetails>;
}

export { NeonAbortError, NeonApiError, NeonBrowserError, NeonConfigError, NeonError, NeonNetworkError, NeonRotationError } from './error-classes.js';
export type { PartialResult } from './error-classes.js';
import type { NeonError } from './error-classes.js';

export declare const backend: 'wasm' | 'native';

export default NeonAdmin;
