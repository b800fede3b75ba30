// Neon Auth on one branch: every branch-level operation of the API, grouped by sub-resource.
// The branch may be given by name; it is resolved once, on first use. Every method takes an
// optional last `requestOptions` argument ({ signal, timeoutMs }), `ro` below.

import { plainJson, requestOptions as checkRequestOptions } from './plain-data.mjs';
import { redactOnInspect, SENSITIVE, SENSITIVE_INPUTS } from './redaction.mjs';

const redactEach = (items, fields) => items.map((item) => redactOnInspect(item, fields));

/** `{ ...options, ...fields }` over a plain copy of `options` (refused by name when not plain data). */
function merge(options, fields) {
  if (options === undefined) return fields;
  const plain = JSON.parse(plainJson(options, 'options'));
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain) ? { ...plain, ...fields } : plain;
}

/** The core's `validate::resource_id`: 1 to 60 characters of a-z, 0-9 and '-'. */
const isResourceId = (value) => typeof value === 'string' && /^[a-z0-9-]{1,60}$/.test(value);

/** The core's `projects::is_branch_id`: a branch reference that is an ID (`br-…`), not a name. */
const isBranchId = (value) => isResourceId(value) && value.startsWith('br-');

/** `neon.branchAuth(projectId, branch)`. */
export class BranchAuth {
  #run;
  #projectId;
  #branch;
  #target;

  constructor(run, projectId, branch) {
    this.#run = run;
    this.#projectId = projectId;
    this.#branch = branch;
    const onBranch = (op, extra, input, ro, hidden) => this.#runOnBranch(op, extra, input ?? {}, ro, hidden);
    /** Trusted domains (redirect URI allow-list). */
    this.domains = {
      list: async (ro) => onBranch('domains.list', {}, {}, ro),
      add: async (domain, options, ro) => onBranch('domains.add', {}, merge(options, { domains: [domain] }), ro),
      remove: async (domains, options, ro) => onBranch('domains.remove', {}, merge(options, { domains: typeof domains === 'string' ? [domains] : domains }), ro),
    };
    /** OAuth providers. */
    this.oauthProviders = {
      list: async (ro) => redactEach(await onBranch('oauthProviders.list', {}, {}, ro), SENSITIVE.oauthProvider),
      add: async (provider, ro) => redactOnInspect(await onBranch('oauthProviders.add', {}, provider, ro, SENSITIVE_INPUTS.oauthProvider), SENSITIVE.oauthProvider),
      update: async (id, changes, ro) => redactOnInspect(await onBranch('oauthProviders.update', { oauthProviderId: id }, changes, ro, SENSITIVE_INPUTS.oauthProvider), SENSITIVE.oauthProvider),
      remove: async (id, ro) => onBranch('oauthProviders.remove', { oauthProviderId: id }, {}, ro),
    };
    /** The e-mail provider (your SMTP server or Neon's shared one). */
    this.emailProvider = {
      get: async (ro) => redactOnInspect(await onBranch('emailProvider.get', {}, {}, ro), SENSITIVE.emailProvider),
      update: async (provider, ro) => redactOnInspect(await onBranch('emailProvider.update', {}, provider, ro, SENSITIVE_INPUTS.smtp), SENSITIVE.emailProvider),
      test: async (email, ro) => onBranch('emailProvider.test', {}, email, ro),
    };
    /** E-mail and password sign-in. */
    this.emailAndPassword = {
      get: async (ro) => onBranch('emailAndPassword.get', {}, {}, ro),
      update: async (settings, ro) => onBranch('emailAndPassword.update', {}, settings, ro),
    };
    /** Auth users. */
    this.users = {
      create: async (user, ro) => onBranch('users.create', {}, user, ro, SENSITIVE_INPUTS.user),
      remove: async (userId, ro) => onBranch('users.remove', { userId }, {}, ro),
      setRoles: async (userId, roles, ro) => onBranch('users.setRoles', { userId }, { roles }, ro),
    };
    /** Plugins: organization, magic link, phone number. */
    this.plugins = {
      get: async (ro) => {
        const plugins = await onBranch('plugins.get', {}, {}, ro);
        if (plugins.email_provider) redactOnInspect(plugins.email_provider, SENSITIVE.emailProvider);
        if (plugins.oauth_providers) redactEach(plugins.oauth_providers, SENSITIVE.oauthProvider);
        return plugins;
      },
      updateOrganization: async (settings, ro) => onBranch('plugins.updateOrganization', {}, settings, ro),
      updateMagicLink: async (settings, ro) => onBranch('plugins.updateMagicLink', {}, settings, ro),
      getPhoneNumber: async (ro) => onBranch('plugins.getPhoneNumber', {}, {}, ro),
      updatePhoneNumber: async (settings, ro) => onBranch('plugins.updatePhoneNumber', {}, settings, ro),
    };
    /** Webhooks. */
    this.webhooks = {
      get: async (ro) => onBranch('webhooks.get', {}, {}, ro),
      set: async (config, ro) => onBranch('webhooks.set', {}, config, ro),
    };
    /** Whether localhost origins may sign in. */
    this.allowLocalhost = {
      get: async (ro) => onBranch('allowLocalhost.get', {}, {}, ro),
      set: async (enabled, ro) => onBranch('allowLocalhost.set', {}, { enabled }, ro),
    };
    for (const group of [this.domains, this.oauthProviders, this.emailProvider, this.emailAndPassword, this.users, this.plugins, this.webhooks, this.allowLocalhost]) {
      Object.freeze(group);
    }
  }

  /**
   * The branch ID, resolved once (a failed lookup is retried on the next call). An ID needs no
   * lookup: the core returns it as is, so it is taken here without a trip through the backend.
   */
  #branchTarget(requestOptions) {
    if (isResourceId(this.#projectId) && isBranchId(this.#branch)) return Promise.resolve({ projectId: this.#projectId, branchId: this.#branch });
    this.#target ??= this.#run('branches.resolve', { projectId: this.#projectId }, { branch: this.#branch }, requestOptions).then(
      ({ id }) => ({ projectId: this.#projectId, branchId: id }),
      (error) => {
        this.#target = undefined;
        throw error;
      },
    );
    return this.#target;
  }

  /** Runs `auth.<op>`; `hidden` names inputs the spec marks sensitive, never repeated in an error. */
  async #runOnBranch(op, extra, input, requestOptions, hidden) {
    const target = await this.#branchTarget(requestOptions);
    return this.#run(`auth.${op}`, { ...target, ...extra }, input, requestOptions, hidden);
  }

  /** The branch ID (resolving a name on first use). */
  async branchId(requestOptions) {
    checkRequestOptions(requestOptions);
    const { branchId } = await this.#branchTarget(requestOptions);
    // Resolving an ID sends no request; going through the core checks `timeoutMs` the one way it
    // is checked, also when the ID was taken as is or found earlier.
    return (await this.#run('branches.resolve', { projectId: this.#projectId }, { branch: branchId }, requestOptions)).id;
  }

  /** Enables Neon Auth; `pub_client_key` and `secret_server_key` are returned this once. */
  async enable(options, requestOptions) {
    return redactOnInspect(await this.#runOnBranch('enable', {}, options ?? {}, requestOptions, SENSITIVE_INPUTS.enable), SENSITIVE.enabledNeonAuth);
  }

  /** Reads Neon Auth on the branch; rejects with a 404 `NeonApiError` when it is not enabled. */
  async get(requestOptions) {
    return redactOnInspect(await this.#runOnBranch('get', {}, {}, requestOptions), SENSITIVE.neonAuth);
  }

  /** Disables Neon Auth; `deleteData: true` also deletes the `neon_auth` schema. */
  async disable(options, requestOptions) {
    await this.#runOnBranch('disable', {}, options ?? {}, requestOptions);
  }

  /** Updates the configuration (its `name`). */
  async updateConfig(config, requestOptions) {
    return this.#runOnBranch('updateConfig', {}, config, requestOptions);
  }

  /**
   * Makes the branch's Neon Auth match `desired` (the whole wanted state; settings it does not
   * name are left alone) and returns the plan it made, or with `{ dryRun: true }` only plans.
   * `{ prune: true }` also removes trusted domains and OAuth providers `desired` does not list.
   * A second run with the same `desired` plans no change.
   */
  async apply(desired, options, requestOptions) {
    const result = await this.#runOnBranch('apply', {}, { desired, options: options ?? {} }, requestOptions);
    if (result.created_keys) redactOnInspect(result.created_keys, SENSITIVE.enabledNeonAuth);
    return result;
  }

  /**
   * Sends a test message through an SMTP server given in full. Deprecated by Neon: prefer
   * `emailProvider.test({ recipientEmail })`, which uses the saved settings.
   */
  async sendTestEmail(email, requestOptions) {
    return this.#runOnBranch('sendTestEmail', {}, email, requestOptions, SENSITIVE_INPUTS.smtp);
  }
}
