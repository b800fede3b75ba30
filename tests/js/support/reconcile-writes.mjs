// The writes of the reconciliation matrix (tests/js/reconcile-matrix.test.mjs). Each write has:
//   setup(direct)          puts the simulator in a state the write changes (through `direct`,
//                          a client that bypasses the lossy proxy); returns the case's context
//   act(api, ctx)          the call under test, through the proxy
//   expect(fault)          the contract: { reconciled } for a resolved call or { code } /
//                          { unknown: true } for a rejection, and `writes`, the writes the
//                          simulator must receive
//   state(direct, ctx, result)  checks the final state at the simulator (assert), returns a short
//                          description of it

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

export const ALPHA = 'proj-sim-alpha';
export const ORG = 'org-sim-000001';
/** The branch whose Neon Auth settings the convergent writes change (enabled once, up front). */
export const AUTH_BRANCH = 'br-filler-001';
/** The branch that `enable` enables (disabled again after each case). */
export const ENABLE_BRANCH = 'br-filler-002';
/**
 * How long the simulator keeps listing a revoked organization key (`--org-key-linger-ms`; the
 * live API does this for a few seconds): long enough that the reconciliation sees its revoked
 * orphans still listed, short enough for the state check to wait it out.
 */
export const ORG_KEY_LINGER_MS = 300;

/** Whether `token` authenticates, asked with `client(token)` (a client of the simulator itself). */
export const tokenWorks = (client, token) =>
  client(token)
    .whoami()
    .then(
      () => true,
      (e) => {
        if (e.status === 401) return false;
        throw e;
      },
    );

let serial = 0;
const next = () => ++serial;
const committed = (fault) => fault !== 'drop-before';
const auth = (api) => api.branchAuth(ALPHA, AUTH_BRANCH);

/**
 * A key creation: after a lost answer, the key it made (if any) is revoked and the key created
 * once more. `tokenWorks(token)` says whether a token authenticates at the simulator.
 */
function keyWrite(label, { org = false, projectId, rotate = false }) {
  const keys = (api) => (org ? api.orgApiKeys(ORG) : api.apiKeys);
  return {
    label,
    async setup(direct) {
      const ctx = { name: `reconcile-${next()}` };
      if (rotate) ctx.old = await keys(direct).create({ name: `${ctx.name}-old`, projectId });
      ctx.before = new Set((await keys(direct).list()).map((k) => k.id));
      return ctx;
    },
    async act(api, ctx) {
      if (!rotate) return keys(api).create({ name: ctx.name, projectId });
      const rotated = await keys(api).rotate({ oldKeyId: ctx.old.id, name: ctx.name, projectId, onNewKey() {} });
      assert.equal(rotated.revoke_error, null);
      return rotated.created;
    },
    expect: (fault) => ({
      reconciled: committed(fault) ? 'orphan-revoked' : 'sent-again',
      // the create, the orphan's revocation and the second create; a rotation also revokes the old key
      writes: (committed(fault) ? 3 : 1) + (rotate ? 1 : 0),
    }),
    async state(direct, ctx, result, tokenWorks) {
      // Revoked organization keys linger in the listing; what is listed after that is live.
      if (org) await sleep(ORG_KEY_LINGER_MS + 200);
      const listed = await keys(direct).list();
      const fresh = listed.filter((k) => !ctx.before.has(k.id));
      assert.deepEqual(fresh.map((k) => k.id), [result.id], 'exactly one new live key: the caller\'s');
      assert.equal(fresh[0].name, ctx.name);
      if (rotate) assert.ok(!listed.some((k) => k.id === ctx.old.id), 'the old key was revoked');
      // The caller's token is that key's: it works, and stops working once that key is revoked.
      assert.equal(await tokenWorks(result.key), true, 'the token the caller got works');
      await keys(direct).revoke(result.id);
      assert.equal(await tokenWorks(result.key), false, 'the token belonged to the new key');
      return '1 new live key, token matches, 0 orphans';
    },
  };
}

/**
 * A write that converges: after a lost answer it is read back, and settles when the wanted
 * state shows. `secret: true` marks writes carrying a secret the API never reads back, which
 * are always sent again after a committed lost answer.
 */
function convergent(label, { setup, act, state, secret = false }) {
  return {
    label,
    setup: async (direct) => setup(auth(direct)),
    act: (api, ctx) => act(auth(api), ctx),
    expect: (fault) => ({
      reconciled: committed(fault) && !secret ? 'already-done' : 'sent-again',
      writes: committed(fault) && secret ? 2 : 1,
    }),
    async state(direct, ctx) {
      await state(auth(direct), ctx);
      return 'wanted state';
    },
  };
}

/** A user write: the spec has no read for a user, so a lost answer stays "outcome unknown". */
function userWrite(label, act) {
  return {
    label,
    async setup(direct) {
      const email = `reconcile-user-${next()}@example.com`;
      const needsUser = label !== 'users.create';
      const user = needsUser ? await auth(direct).users.create({ email }) : null;
      return { email, user };
    },
    act: (api, ctx) => act(auth(api), ctx),
    expect: (fault) => ({ unknown: true, writes: committed(fault) ? 1 : 0 }),
    async state() {
      return 'unknown (no read for a user)';
    },
  };
}

const sameSet = (a, b) => assert.deepEqual([...a].sort(), [...b].sort());

/** The branch whose credentials the credential writes make and change. */
export const CREDENTIALS_BRANCH = 'br-filler-005';
const credentials = (api) => api.credentials(ALPHA, CREDENTIALS_BRANCH);

/**
 * A credential write whose secrets must reach the caller: after a lost answer the credential is
 * found (a create, by its name) and its live secrets recovered with reveal, a POST the
 * simulator counts as a write. A rotate is never sent twice.
 */
function credentialWrite(label, { rotate = false }) {
  return {
    label,
    async setup(direct) {
      const name = `reconcile-credential-${next()}`;
      const made = rotate ? await credentials(direct).create({ name, scopes: ['storage:read'] }) : null;
      return { name, made };
    },
    act: (api, ctx) => (rotate ? credentials(api).rotate(ctx.made.token_id) : credentials(api).create({ name: ctx.name, scopes: ['storage:read'] })),
    expect: (fault) => ({
      reconciled: committed(fault) || rotate ? 'revealed' : 'sent-again',
      // the write, then the reveal that recovered its secrets; dropped before the API: a create
      // sent once more, a rotate's reveal only
      writes: committed(fault) ? 2 : 1,
    }),
    async state(direct, ctx, result) {
      const live = (await credentials(direct).list()).filter((c) => c.name === ctx.name && !c.revoked_at);
      assert.deepEqual(live.map((c) => c.token_id), [result.token_id], 'exactly one live credential of that name: the caller\'s');
      const now = await credentials(direct).reveal(result.token_id);
      assert.equal(now.api_token, result.api_token, 'the caller holds the live bearer');
      assert.equal(now.s3_secret_access_key, result.s3_secret_access_key, 'and the live S3 secret');
      if (rotate && result.api_token === ctx.made.api_token) return 'not rotated (dropped before), caller holds the live secrets';
      return 'caller holds the live secrets, 1 credential';
    },
  };
}

/** Every write of the public API, in the order of the docs/reliability.md table. */
export const WRITES = [
  keyWrite('apiKeys.create', {}),
  keyWrite('orgApiKeys.create (project-scoped)', { org: true, projectId: 'proj-sim-beta' }),
  keyWrite('apiKeys.rotate', { rotate: true }),
  keyWrite('orgApiKeys.rotate', { org: true, rotate: true }),
  {
    label: 'branchAuth.enable',
    setup: async () => ({}),
    act: (api) => api.branchAuth(ALPHA, ENABLE_BRANCH).enable(),
    expect: (fault) => (committed(fault) ? { code: 'keys_not_received', reconciled: 'already-done', writes: 1 } : { reconciled: 'sent-again', writes: 1 }),
    async state(direct, ctx, result) {
      const target = direct.branchAuth(ALPHA, ENABLE_BRANCH);
      assert.equal((await target.get()).branch_id, ENABLE_BRANCH, 'Neon Auth is enabled');
      if (result) assert.match(result.secret_server_key, /\S{16,}/);
      await target.disable({ deleteData: true });
      return 'enabled once';
    },
  },
  convergent('updateConfig', {
    setup: async () => ({ name: `auth ${next()}` }),
    act: (a, c) => a.updateConfig({ name: c.name }),
    state: async (a, c) => assert.equal((await a.get()).name, c.name),
  }),
  convergent('domains.add', {
    setup: async () => ({ domain: `https://add-${next()}.example.com` }),
    act: (a, c) => a.domains.add(c.domain),
    state: async (a, c) => assert.equal((await a.domains.list()).filter((d) => d.domain === c.domain).length, 1),
  }),
  convergent('domains.remove', {
    setup: async (a) => {
      const domain = `https://remove-${next()}.example.com`;
      await a.domains.add(domain);
      return { domain };
    },
    act: (a, c) => a.domains.remove(c.domain),
    state: async (a, c) => assert.ok(!(await a.domains.list()).some((d) => d.domain === c.domain)),
  }),
  convergent('oauthProviders.add (with a secret)', {
    secret: true,
    setup: async (a) => {
      await a.oauthProviders.remove('github').catch(() => {});
      return { clientId: `gh-${next()}` };
    },
    act: (a, c) => a.oauthProviders.add({ id: 'github', clientId: c.clientId, clientSecret: 'gh-secret-do-not-print' }),
    state: async (a, c) => assert.equal((await a.oauthProviders.list()).find((p) => p.id === 'github')?.client_id, c.clientId),
  }),
  convergent('oauthProviders.update', {
    setup: async (a) => {
      if (!(await a.oauthProviders.list()).some((p) => p.id === 'google')) await a.oauthProviders.add({ id: 'google', clientId: 'g-0', clientSecret: 'g-secret' });
      return { clientId: `g-${next()}` };
    },
    act: (a, c) => a.oauthProviders.update('google', { clientId: c.clientId }),
    state: async (a, c) => assert.equal((await a.oauthProviders.list()).find((p) => p.id === 'google')?.client_id, c.clientId),
  }),
  convergent('oauthProviders.remove', {
    setup: async (a) => {
      await a.oauthProviders.add({ id: 'microsoft' });
      return {};
    },
    act: (a) => a.oauthProviders.remove('microsoft'),
    state: async (a) => assert.ok(!(await a.oauthProviders.list()).some((p) => p.id === 'microsoft')),
  }),
  convergent('emailProvider.update (SMTP password)', {
    secret: true,
    setup: async () => ({ host: `smtp-${next()}.example.com` }),
    act: (a, c) => a.emailProvider.update({ type: 'standard', host: c.host, port: 587, username: 'mailer', password: 'smtp-pass-do-not-print', senderEmail: 'auth@example.com', senderName: 'Example' }),
    state: async (a, c) => assert.equal((await a.emailProvider.get()).host, c.host),
  }),
  convergent('emailAndPassword.update', {
    setup: async (a) => ({ enabled: !(await a.emailAndPassword.get()).enabled }),
    act: (a, c) => a.emailAndPassword.update({ enabled: c.enabled }),
    state: async (a, c) => assert.equal((await a.emailAndPassword.get()).enabled, c.enabled),
  }),
  convergent('allowLocalhost.set', {
    setup: async (a) => ({ enabled: !(await a.allowLocalhost.get()).allow_localhost }),
    act: (a, c) => a.allowLocalhost.set(c.enabled),
    state: async (a, c) => assert.equal((await a.allowLocalhost.get()).allow_localhost, c.enabled),
  }),
  convergent('webhooks.set', {
    setup: async () => ({ url: `https://hooks.example.com/${next()}` }),
    act: (a, c) => a.webhooks.set({ enabled: true, webhookUrl: c.url, enabledEvents: ['user.created', 'send.otp'], timeoutSeconds: 3 }),
    state: async (a, c) => {
      const hooks = await a.webhooks.get();
      assert.equal(hooks.webhook_url, c.url);
      sameSet(hooks.enabled_events, ['user.created', 'send.otp']);
    },
  }),
  convergent('plugins.updateOrganization', {
    setup: async () => ({ limit: next() }),
    act: (a, c) => a.plugins.updateOrganization({ organizationLimit: c.limit }),
    state: async (a, c) => assert.equal((await a.plugins.get()).organization.organization_limit, c.limit),
  }),
  convergent('plugins.updateMagicLink', {
    setup: async () => ({ expiresIn: 5 + (next() % 1400) }),
    act: (a, c) => a.plugins.updateMagicLink({ expiresIn: c.expiresIn }),
    state: async (a, c) => assert.equal((await a.plugins.get()).magic_link.expires_in, c.expiresIn),
  }),
  convergent('plugins.updatePhoneNumber', {
    setup: async () => ({ otp: 60 + (next() % 500) }),
    act: (a, c) => a.plugins.updatePhoneNumber({ enabled: true, otpExpiresIn: c.otp }),
    state: async (a, c) => assert.equal((await a.plugins.getPhoneNumber()).otp_expires_in, c.otp),
  }),
  userWrite('users.create', (a, c) => a.users.create({ email: c.email })),
  userWrite('users.remove', (a, c) => a.users.remove(c.user.id)),
  userWrite('users.setRoles', (a, c) => a.users.setRoles(c.user.id, ['admin'])),
  credentialWrite('credentials.create', {}),
  credentialWrite('credentials.rotate', { rotate: true }),
  {
    label: 'credentials.revoke',
    setup: async (direct) => ({ made: await credentials(direct).create({ name: `reconcile-credential-${next()}`, scopes: ['storage:read'] }) }),
    act: (api, ctx) => credentials(api).revoke(ctx.made.token_id),
    expect: (fault) => ({ reconciled: committed(fault) ? 'already-done' : 'sent-again', writes: 1 }),
    async state(direct, ctx) {
      const listed = (await credentials(direct).list()).find((c) => c.token_id === ctx.made.token_id);
      assert.ok(listed.revoked_at, 'revoked');
      return 'revoked';
    },
  },
];
