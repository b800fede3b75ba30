// Neon Auth on one branch: every branch-level operation of the API, grouped by sub-resource.
// The branch may be given by name; it is resolved once, on first use.

import { redactOnInspect } from './secrets.mjs';

const redactEach = (items, fields) => items.map((item) => redactOnInspect(item, fields));

/** `{ ...options, ...fields }`, or `options` itself when it is not an object (the core refuses it by name). */
function merge(options, fields) {
  if (options === undefined) return fields;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return options;
  return { ...options, ...fields };
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
    const call = (op, extra, input) => this.#call(op, extra, input ?? {});
    /** Trusted domains (redirect URI allow-list). */
    this.domains = {
      list: () => call('domains.list'),
      add: (domain, options) => call('domains.add', {}, merge(options, { domains: [domain] })),
      remove: (domains, options) => call('domains.remove', {}, merge(options, { domains: Array.isArray(domains) ? domains : [domains] })),
    };
    /** OAuth providers. */
    this.oauthProviders = {
      list: async () => redactEach(await call('oauthProviders.list'), ['client_secret']),
      add: async (provider) => redactOnInspect(await call('oauthProviders.add', {}, provider), ['client_secret']),
      update: async (id, changes) => redactOnInspect(await call('oauthProviders.update', { oauthProviderId: id }, changes), ['client_secret']),
      remove: (id) => call('oauthProviders.remove', { oauthProviderId: id }),
    };
    /** The e-mail provider (your SMTP server or Neon's shared one). */
    this.emailProvider = {
      get: async () => redactOnInspect(await call('emailProvider.get'), ['password']),
      update: async (provider) => redactOnInspect(await call('emailProvider.update', {}, provider), ['password']),
    };
    /** E-mail and password sign-in. */
    this.emailAndPassword = {
      get: () => call('emailAndPassword.get'),
      update: (settings) => call('emailAndPassword.update', {}, settings),
    };
    /** Auth users. */
    this.users = {
      create: (user) => call('users.create', {}, user),
      remove: (userId) => call('users.remove', { userId }),
      setRoles: (userId, roles) => call('users.setRoles', { userId }, { roles }),
    };
    /** Plugins: organization, magic link, phone number. */
    this.plugins = {
      get: async () => {
        const plugins = await call('plugins.get');
        if (plugins.email_provider) redactOnInspect(plugins.email_provider, ['password']);
        if (plugins.oauth_providers) redactEach(plugins.oauth_providers, ['client_secret']);
        return plugins;
      },
      updateOrganization: (settings) => call('plugins.updateOrganization', {}, settings),
      updateMagicLink: (settings) => call('plugins.updateMagicLink', {}, settings),
      getPhoneNumber: () => call('plugins.getPhoneNumber'),
      updatePhoneNumber: (settings) => call('plugins.updatePhoneNumber', {}, settings),
    };
    /** Webhooks. */
    this.webhooks = {
      get: () => call('webhooks.get'),
      set: (config) => call('webhooks.set', {}, config),
    };
    /** Whether localhost origins may sign in. */
    this.allowLocalhost = {
      get: () => call('allowLocalhost.get'),
      set: (enabled) => call('allowLocalhost.set', {}, { enabled }),
    };
    for (const group of [this.domains, this.oauthProviders, this.emailProvider, this.emailAndPassword, this.users, this.plugins, this.webhooks, this.allowLocalhost]) {
      Object.freeze(group);
    }
  }

  /** The branch ID, resolved once (a failed lookup is retried on the next call). */
  #branchTarget() {
    this.#target ??= this.#run('branches.resolve', { projectId: this.#projectId }, { branch: this.#branch }).then(
      ({ id }) => ({ projectId: this.#projectId, branchId: id }),
      (error) => {
        this.#target = undefined;
        throw error;
      },
    );
    return this.#target;
  }

  async #call(op, extra, input) {
    const target = await this.#branchTarget();
    return this.#run(`auth.${op}`, { ...target, ...extra }, input);
  }

  /** The branch ID (resolving a name on first use). */
  async branchId() {
    return (await this.#branchTarget()).branchId;
  }

  /** Enables Neon Auth; `pub_client_key` and `secret_server_key` are returned this once. */
  async enable(options) {
    return redactOnInspect(await this.#call('enable', {}, options ?? {}), ['pub_client_key', 'secret_server_key']);
  }

  /** Reads Neon Auth on the branch; rejects with a 404 `NeonApiError` when it is not enabled. */
  async get() {
    return this.#call('get', {}, {});
  }

  /** Disables Neon Auth; `deleteData: true` also deletes the `neon_auth` schema. */
  async disable(options) {
    await this.#call('disable', {}, options ?? {});
  }

  /** Updates the configuration (its `name`). */
  async updateConfig(config) {
    return this.#call('updateConfig', {}, config);
  }

  /** Sends a test message through an SMTP server. */
  async sendTestEmail(email) {
    return this.#call('sendTestEmail', {}, email);
  }
}
