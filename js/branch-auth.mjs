// Neon Auth on one branch: every branch-level operation of the API, grouped by sub-resource.
// The branch may be given by name; it is resolved once, on first use. Every method takes an
// optional last `requestOptions` argument ({ signal, timeoutMs }), `ro` below.

import { plainJson } from './plain-data.mjs';
import { redactOnInspect, SENSITIVE, SENSITIVE_INPUTS } from './secrets.mjs';

const redactEach = (items, fields) => items.map((item) => redactOnInspect(item, fields));

/** `{ ...options, ...fields }` over a plain copy of `options` (refused by name when not plain data). */
function merge(options, fields) {
  if (options === undefined) return fields;
  const plain = JSON.parse(plainJson(options, 'options'));
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain) ? { ...plain, ...fields } : plain;
}

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
    const call = (op, extra, input, ro, hidden) => this.#call(op, extra, input ?? {}, ro, hidden);
    /** Trusted domains (redirect URI allow-list). */
    this.domains = {
      list: async (ro) => call('domains.list', {}, {}, ro),
      add: async (domain, options, ro) => call('domains.add', {}, merge(options, { domains: [domain] }), ro),
      remove: async (domains, options, ro) => call('domains.remove', {}, merge(options, { domains: typeof domains === 'string' ? [domains] : domains }), ro),
    };
    /** OAuth providers. */
    this.oauthProviders = {
      list: async (ro) => redactEach(await call('oauthProviders.list', {}, {}, ro), SENSITIVE.oauthProvider),
      add: async (provider, ro) => redactOnInspect(await call('oauthProviders.add', {}, provider, ro, SENSITIVE_INPUTS.oauthProvider), SENSITIVE.oauthProvider),
      update: async (id, changes, ro) => redactOnInspect(await call('oauthProviders.update', { oauthProviderId: id }, changes, ro, SENSITIVE_INPUTS.oauthProvider), SENSITIVE.oauthProvider),
      remove: async (id, ro) => call('oauthProviders.remove', { oauthProviderId: id }, {}, ro),
    };
    /** The e-mail provider (your SMTP server or Neon's shared one). */
    this.emailProvider = {
      get: async (ro) => redactOnInspect(await call('emailProvider.get', {}, {}, ro), SENSITIVE.emailProvider),
      update: async (provider, ro) => redactOnInspect(await call('emailProvider.update', {}, provider, ro, SENSITIVE_INPUTS.smtp), SENSITIVE.emailProvider),
      test: async (email, ro) => call('emailProvider.test', {}, email, ro),
    };
    /** E-mail and password sign-in. */
    this.emailAndPassword = {
      get: async (ro) => call('emailAndPassword.get', {}, {}, ro),
      update: async (settings, ro) => call('emailAndPassword.update', {}, settings, ro),
    };
    /** Auth users. */
    this.users = {
      create: async (user, ro) => call('users.create', {}, user, ro, SENSITIVE_INPUTS.user),
      remove: async (userId, ro) => call('users.remove', { userId }, {}, ro),
      setRoles: async (userId, roles, ro) => call('users.setRoles', { userId }, { roles }, ro),
    };
    /** Plugins: organization, magic link, phone number. */
    this.plugins = {
      get: async (ro) => {
        const plugins = await call('plugins.get', {}, {}, ro);
        if (plugins.email_provider) redactOnInspect(plugins.email_provider, SENSITIVE.emailProvider);
        if (plugins.oauth_providers) redactEach(plugins.oauth_providers, SENSITIVE.oauthProvider);
        return plugins;
      },
      updateOrganization: async (settings, ro) => call('plugins.updateOrganization', {}, settings, ro),
      updateMagicLink: async (settings, ro) => call('plugins.updateMagicLink', {}, settings, ro),
      getPhoneNumber: async (ro) => call('plugins.getPhoneNumber', {}, {}, ro),
      updatePhoneNumber: async (settings, ro) => call('plugins.updatePhoneNumber', {}, settings, ro),
    };
    /** Webhooks. */
    this.webhooks = {
      get: async (ro) => call('webhooks.get', {}, {}, ro),
      set: async (config, ro) => call('webhooks.set', {}, config, ro),
    };
    /** Whether localhost origins may sign in. */
    this.allowLocalhost = {
      get: async (ro) => call('allowLocalhost.get', {}, {}, ro),
      set: async (enabled, ro) => call('allowLocalhost.set', {}, { enabled }, ro),
    };
    for (const group of [this.domains, this.oauthProviders, this.emailProvider, this.emailAndPassword, this.users, this.plugins, this.webhooks, this.allowLocalhost]) {
      Object.freeze(group);
    }
  }

  /** The branch ID, resolved once (a failed lookup is retried on the next call). */
  #branchTarget(requestOptions) {
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
  async #call(op, extra, input, requestOptions, hidden) {
    const target = await this.#branchTarget(requestOptions);
    return this.#run(`auth.${op}`, { ...target, ...extra }, input, requestOptions, hidden);
  }

  /** The branch ID (resolving a name on first use). */
  async branchId(requestOptions) {
    return (await this.#branchTarget(requestOptions)).branchId;
  }

  /** Enables Neon Auth; `pub_client_key` and `secret_server_key` are returned this once. */
  async enable(options, requestOptions) {
    return redactOnInspect(await this.#call('enable', {}, options ?? {}, requestOptions, SENSITIVE_INPUTS.enable), SENSITIVE.enabledNeonAuth);
  }

  /** Reads Neon Auth on the branch; rejects with a 404 `NeonApiError` when it is not enabled. */
  async get(requestOptions) {
    return redactOnInspect(await this.#call('get', {}, {}, requestOptions), SENSITIVE.neonAuth);
  }

  /** Disables Neon Auth; `deleteData: true` also deletes the `neon_auth` schema. */
  async disable(options, requestOptions) {
    await this.#call('disable', {}, options ?? {}, requestOptions);
  }

  /** Updates the configuration (its `name`). */
  async updateConfig(config, requestOptions) {
    return this.#call('updateConfig', {}, config, requestOptions);
  }

  /**
   * Makes the branch's Neon Auth match `desired` (the whole wanted state; settings it does not
   * name are left alone) and returns the plan it made, or with `{ dryRun: true }` only plans.
   * `{ prune: true }` also removes trusted domains and OAuth providers `desired` does not list.
   * A second run with the same `desired` plans no change.
   */
  async apply(desired, options, requestOptions) {
    const result = await this.#call('apply', {}, { desired, options: options ?? {} }, requestOptions);
    if (result.created_keys) redactOnInspect(result.created_keys, SENSITIVE.enabledNeonAuth);
    return result;
  }

  /**
   * Sends a test message through an SMTP server given in full. Deprecated by Neon: prefer
   * `emailProvider.test({ recipientEmail })`, which uses the saved settings.
   */
  async sendTestEmail(email, requestOptions) {
    return this.#call('sendTestEmail', {}, email, requestOptions, SENSITIVE_INPUTS.smtp);
  }
}
