// Public types of neon-admin. Result and input shapes are generated from the Rust types
// (tsify, in pkg/neon_admin.d.ts); this file declares the JavaScript classes over them.

import type {
  AddOAuthProviderInput,
  AllowLocalhost,
  ApiKey,
  ApplyOptions,
  ApplyResult,
  AuthDetails,
  AuthProvider,
  AuthUser,
  Branch,
  BranchQuery,
  BranchSortBy,
  ConfigInput,
  ConnectOptions,
  CreateApiKeyInput,
  CreatedApiKey,
  CreatedNeonAuthKeys,
  CreateUserInput,
  CreatorRole,
  DesiredNeonAuth,
  DesiredPlugins,
  DisableInput,
  DomainInput,
  EmailAndPassword,
  EmailAndPasswordInput,
  EmailProvider,
  EmailProviderInput,
  EnabledNeonAuth,
  EnableInput,
  KeyCreator,
  MagicLinkPlugin,
  MagicLinkPluginInput,
  NeonAuth,
  NeonAuthConfig,
  NeonAuthEndpoints,
  OAuthProvider,
  OAuthProviderId,
  OrganizationPlugin,
  OrganizationPluginInput,
  PhoneNumberPlugin,
  PhoneNumberPluginInput,
  PlannedChange,
  Reconciled,
  Orphan,
  PluginConfigs,
  Project,
  ProjectQuery,
  RequestOptions,
  RevokedApiKey,
  SortOrder,
  TestEmailInput,
  TestEmailProviderInput,
  TestEmailResult,
  TrustedDomain,
  UpdateOAuthProviderInput,
  VerificationMethod,
  WebhookConfig,
  WebhookEvent,
  WebhookInput,
} from '../pkg/neon_admin.js';

export type {
  AddOAuthProviderInput,
  AllowLocalhost,
  ApiKey,
  ApplyOptions,
  ApplyResult,
  AuthDetails,
  AuthProvider,
  AuthUser,
  Branch,
  BranchQuery,
  BranchSortBy,
  ConfigInput,
  ConnectOptions,
  CreateApiKeyInput,
  CreatedApiKey,
  CreatedNeonAuthKeys,
  CreateUserInput,
  CreatorRole,
  DesiredNeonAuth,
  DesiredPlugins,
  DisableInput,
  DomainInput,
  EmailAndPassword,
  EmailAndPasswordInput,
  EmailProvider,
  EmailProviderInput,
  EnabledNeonAuth,
  EnableInput,
  KeyCreator,
  MagicLinkPlugin,
  MagicLinkPluginInput,
  NeonAuth,
  NeonAuthConfig,
  NeonAuthEndpoints,
  OAuthProvider,
  OAuthProviderId,
  OrganizationPlugin,
  OrganizationPluginInput,
  PhoneNumberPlugin,
  PhoneNumberPluginInput,
  PlannedChange,
  Reconciled,
  Orphan,
  PluginConfigs,
  Project,
  ProjectQuery,
  RequestOptions,
  RevokedApiKey,
  SortOrder,
  TestEmailInput,
  TestEmailProviderInput,
  TestEmailResult,
  TrustedDomain,
  UpdateOAuthProviderInput,
  VerificationMethod,
  WebhookConfig,
  WebhookEvent,
  WebhookInput,
};

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
  /** Environment to read `NEON_API_KEY`, `NEON_CONFIG_DIR`, … from instead of `process.env`. */
  env?: Record<string, string | undefined>;
}

/** API keys of one owner: the caller's personal keys, or an organization's. */
export interface ApiKeys {
  /** Lists the keys (`GET …/api_keys`); tokens are never listed. */
  list(requestOptions?: RequestOptions): Promise<ApiKey[]>;
  /** Creates a key (`POST …/api_keys`). `key` on the result is the token, shown this once. */
  create(input: CreateApiKeyInput, requestOptions?: RequestOptions): Promise<CreatedApiKey & Reconciliation>;
  /** Revokes a key (`DELETE …/api_keys/{keyId}`). Cannot be undone. */
  revoke(keyId: number, requestOptions?: RequestOptions): Promise<RevokedApiKey>;
  /**
   * Rotates a key: checks the old one is listed, creates the new one and checks it works
   * (`GET /auth` with it), hands it to `onNewKey`, then revokes the old one when `revokeOld`
   * (default true with `onNewKey`). A new key that fails its check, or whose `onNewKey` throws
   * (`NeonRotationError`), is revoked again and the old key keeps working. A failed revocation of
   * the old key is reported in `revoke_error`, never by losing the new key.
   */
  rotate(input: RotateApiKeyInput, requestOptions?: RequestOptions): Promise<Rotation>;
}

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

/** `neon.projects`. */
export interface Projects {
  /** Every project the key can see (`GET /projects`), following the API's cursors page by page. */
  list(options?: Omit<ProjectQuery, 'cursor'> & { cursor?: string }, requestOptions?: RequestOptions): AsyncIterableIterator<Project>;
}

/** `neon.branches(projectId)`. */
export interface Branches {
  /** Every branch of the project (`GET /projects/{project_id}/branches`), page by page. */
  list(options?: BranchQuery, requestOptions?: RequestOptions): AsyncIterableIterator<Branch>;
  /**
   * The ID of a branch: an ID (`br-…`) is returned as is; a name must match exactly one branch,
   * else `NeonConfigError` naming the candidates.
   */
  resolve(nameOrId: string, requestOptions?: RequestOptions): Promise<string>;
}

/**
 * Neon Auth on one branch (`/projects/{project_id}/branches/{branch_id}/auth…`). The branch may be
 * given by name; it is resolved on first use.
 */
export interface BranchAuth {
  /** The branch ID (resolving a name on first use). */
  branchId(requestOptions?: RequestOptions): Promise<string>;
  /** Enables Neon Auth (`POST …/auth`); the keys in the answer are shown this once. */
  enable(options?: EnableInput, requestOptions?: RequestOptions): Promise<EnabledNeonAuth & Reconciliation>;
  /** Reads Neon Auth (`GET …/auth`); rejects with a 404 `NeonApiError` when not enabled. */
  get(requestOptions?: RequestOptions): Promise<NeonAuth>;
  /** Disables Neon Auth (`DELETE …/auth`); `deleteData: true` also deletes the `neon_auth` schema. */
  disable(options?: DisableInput, requestOptions?: RequestOptions): Promise<void>;
  /** Renames the configuration (`PATCH …/auth/config`). */
  updateConfig(config: ConfigInput, requestOptions?: RequestOptions): Promise<NeonAuthConfig & Reconciliation>;
  /** Trusted domains (`…/auth/domains`). */
  readonly domains: {
    /** Lists trusted domains. */
    list(requestOptions?: RequestOptions): Promise<TrustedDomain[]>;
    /**
     * Trusts a domain: an origin or origin pattern, e.g. `https://app.example.com:8443/cb`,
     * `https://*.preview.example.com`, `https://**.example.com` or `myapp://callback`. Refused: no
     * scheme, whitespace, `javascript:`/`data:`/`file:`/`vbscript:`/`about:`, and patterns that
     * trust every host or a whole top-level domain (`https://*.com`).
     */
    add(domain: string, options?: DomainOptions, requestOptions?: RequestOptions): Promise<WriteDone>;
    /** Stops trusting one or more domains; any domain `list()` returned can be removed. */
    remove(domains: string | string[], options?: DomainOptions, requestOptions?: RequestOptions): Promise<WriteDone>;
  };
  /** OAuth providers (`…/auth/oauth_providers`). */
  readonly oauthProviders: {
    /** Lists configured providers. */
    list(requestOptions?: RequestOptions): Promise<OAuthProvider[]>;
    /** Adds a provider; without client credentials Neon's shared development app is used. */
    add(provider: AddOAuthProviderInput, requestOptions?: RequestOptions): Promise<OAuthProvider & Reconciliation>;
    /** Changes a provider's credentials. */
    update(id: OAuthProviderId, changes: UpdateOAuthProviderInput, requestOptions?: RequestOptions): Promise<OAuthProvider & Reconciliation>;
    /** Removes a provider. */
    remove(id: OAuthProviderId, requestOptions?: RequestOptions): Promise<WriteDone>;
  };
  /** The e-mail provider (`…/auth/email_provider`). */
  readonly emailProvider: {
    /** Reads it. */
    get(requestOptions?: RequestOptions): Promise<EmailProvider>;
    /**
     * Sets your own SMTP server (`type: "standard"`, any subset of its fields) or Neon's
     * (`type: "shared"`).
     */
    update(provider: EmailProviderInput, requestOptions?: RequestOptions): Promise<EmailProvider & Reconciliation>;
    /**
     * Sends a test message through the saved provider (`POST …/auth/email_provider/test`); no
     * password is sent again. `success: false` comes with the mail server's `error_message`.
     */
    test(email: TestEmailProviderInput, requestOptions?: RequestOptions): Promise<TestEmailResult>;
  };
  /** E-mail and password sign-in (`…/auth/email_and_password`). */
  readonly emailAndPassword: {
    /** Reads the settings. */
    get(requestOptions?: RequestOptions): Promise<EmailAndPassword>;
    /** Changes the given settings. */
    update(settings: EmailAndPasswordInput, requestOptions?: RequestOptions): Promise<EmailAndPassword & Reconciliation>;
  };
  /** Auth users (`…/auth/users`). */
  readonly users: {
    /** Creates a user. */
    create(user: CreateUserInput, requestOptions?: RequestOptions): Promise<AuthUser>;
    /** Deletes a user. */
    remove(userId: string, requestOptions?: RequestOptions): Promise<void>;
    /** Replaces a user's roles (at least one). */
    setRoles(userId: string, roles: string[], requestOptions?: RequestOptions): Promise<AuthUser>;
  };
  /** Plugins (`…/auth/plugins…`). */
  readonly plugins: {
    /** Reads every plugin's settings. */
    get(requestOptions?: RequestOptions): Promise<PluginConfigs>;
    /** Changes the organization plugin. */
    updateOrganization(settings: OrganizationPluginInput, requestOptions?: RequestOptions): Promise<OrganizationPlugin & Reconciliation>;
    /** Changes the magic-link plugin. */
    updateMagicLink(settings: MagicLinkPluginInput, requestOptions?: RequestOptions): Promise<MagicLinkPlugin & Reconciliation>;
    /** Reads the phone-number plugin. */
    getPhoneNumber(requestOptions?: RequestOptions): Promise<PhoneNumberPlugin>;
    /** Changes the phone-number plugin. */
    updatePhoneNumber(settings: PhoneNumberPluginInput, requestOptions?: RequestOptions): Promise<PhoneNumberPlugin & Reconciliation>;
  };
  /** Webhooks (`…/auth/webhooks`). */
  readonly webhooks: {
    /** Reads the settings. */
    get(requestOptions?: RequestOptions): Promise<WebhookConfig>;
    /** Replaces the settings. */
    set(config: WebhookInput, requestOptions?: RequestOptions): Promise<WebhookConfig & Reconciliation>;
  };
  /** Localhost origins (`…/auth/allow_localhost`). */
  readonly allowLocalhost: {
    /** Reads the setting. */
    get(requestOptions?: RequestOptions): Promise<AllowLocalhost>;
    /** Allows or refuses localhost origins. */
    set(enabled: boolean, requestOptions?: RequestOptions): Promise<AllowLocalhost & Reconciliation>;
  };
  /**
   * Makes the branch's Neon Auth match `desired`: reads the current settings, plans the changes
   * (returned in `changes`, secrets redacted) and, unless `options.dryRun`, makes exactly those.
   * Settings `desired` does not name are left alone; unlisted trusted domains and OAuth providers
   * are removed only with `options.prune`. A second run with the same `desired` changes nothing.
   */
  apply(desired: DesiredNeonAuth, options?: ApplyOptions, requestOptions?: RequestOptions): Promise<ApplyResult>;
  /**
   * Sends a test message through an SMTP server given in full (`POST …/auth/send_test_email`).
   * @deprecated Neon deprecates this route: use `emailProvider.test({ recipientEmail })`, which
   * tests the saved settings without sending the password again.
   */
  sendTestEmail(email: TestEmailInput, requestOptions?: RequestOptions): Promise<TestEmailResult>;
}

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
  /** The changes made (or planned on a dry run); empty when the branch matched or failed. */
  changes: PlannedChange[];
  /** Neon Auth's endpoints after the run (`null` when disabled); absent when the branch failed. */
  neon_auth?: NeonAuthEndpoints | null;
  /** The keys of a Neon Auth this run enabled, shown this once (redacted when inspected). */
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
  /** What the Neon CLI would have warned about while choosing the credential (`NEON_PROFILE` ignored because `NEON_API_KEY` is set), else undefined. */
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
  /**
   * Applies `desired` (as `branchAuth().apply()` does) to every branch of the project that
   * `options.branches` picks (listing every page), `concurrency` at a time, under the client's
   * rate budget. A failing branch is recorded with its `error` and the others go on; a bad
   * `desired` or an abort stops the run and rejects.
   */
  applyBranchAuth(projectId: string, desired: DesiredNeonAuth, options: FleetApplyOptions): Promise<FleetApplyResult>;
  /** Who the current credentials belong to (`GET /auth`). */
  whoami(requestOptions?: RequestOptions): Promise<AuthDetails>;
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

/** A rotation's `onNewKey` threw: the new key was revoked again and the old key still works. */
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

export default NeonAdmin;
