// Branch Neon Auth and discovery through the built package against the local Neon API simulator:
// each sub-resource on a branch of its own, two branches at once kept apart, secrets shown once,
// name resolution, pagination, project-scoped keys, and bad input refused with nothing sent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin, { NeonApiError, NeonConfigError } from '../../js/node.mjs';
import { neon, sim } from './support/simulated.mjs';
import { assertNoLeak } from './support/leaks.mjs';

const ALPHA = 'proj-sim-alpha';

const collect = async (iterable) => {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
};
const rejection = (promise) => promise.then(() => assert.fail('expected a rejection'), (e) => e);
const paths = async (method) => (await sim.requests()).filter((r) => !method || r.method === method).map((r) => r.path);

test('projects.list follows cursors across pages', async () => {
  await sim.resetLog();
  const projects = await collect(neon.projects.list());
  assert.equal(projects.length, 12);
  assert.equal(new Set(projects.map((p) => p.id)).size, 12, 'no project twice');
  assert.ok(projects.some((p) => p.id === ALPHA && p.name === 'alpha'));
  assert.equal((await paths('GET')).length, 2, 'two pages at the default limit of 10');

  await sim.resetLog();
  assert.equal((await collect(neon.projects.list({ limit: 5 }))).length, 12);
  assert.equal((await paths('GET')).length, 3);
  const filtered = await collect(neon.projects.list({ search: 'filler-0' }));
  assert.equal(filtered.length, 9);
});

test('branches.list follows cursors across pages', async () => {
  await sim.resetLog();
  const branches = await collect(neon.branches(ALPHA).list());
  assert.equal(branches.length, 25);
  assert.equal(new Set(branches.map((b) => b.id)).size, 25);
  assert.equal((await paths('GET')).length, 3, '25 branches at 10 a page');
  const main = branches.find((b) => b.name === 'main');
  assert.equal(main.id, 'br-main-000001');
  assert.equal(main.default, true);
});

test('branch resolution: an ID without a request, a unique name, ambiguous and missing names', async () => {
  const branches = neon.branches(ALPHA);
  await sim.resetLog();
  assert.equal(await branches.resolve('br-preview-a-0001'), 'br-preview-a-0001');
  assert.equal((await sim.requests()).length, 0, 'an ID is used as is');
  assert.equal(await branches.resolve('main'), 'br-main-000001');
  assert.equal(await branches.resolve('preview/feature-b'), 'br-preview-b-0001');

  const ambiguous = await rejection(branches.resolve('dup'));
  assert.ok(ambiguous instanceof NeonConfigError);
  assert.match(ambiguous.message, /br-dup-000001/);
  assert.match(ambiguous.message, /br-dup-000002/);

  const missing = await rejection(branches.resolve('no-such-branch'));
  assert.ok(missing instanceof NeonConfigError);
  assert.match(missing.message, /no branch named/);

  const partial = await rejection(branches.resolve('preview'));
  assert.ok(partial instanceof NeonConfigError);
  assert.match(partial.message, /preview\/feature-a/, 'similar names are offered');
});

/**
 * Branch Neon Auth on a branch of its own, given by name, so each sub-resource test below starts
 * from a fresh enabled branch and fails on its own.
 */
async function enabledAuth(branchName) {
  const auth = neon.branchAuth(ALPHA, branchName);
  await auth.enable();
  return auth;
}

test('auth: 404 before enable, keys shown once and redacted, 409 when enabled again', async () => {
  const auth = neon.branchAuth(ALPHA, 'filler-001');
  const before = await rejection(auth.get());
  assert.ok(before instanceof NeonApiError);
  assert.equal(before.status, 404);

  const enabled = await auth.enable();
  assert.equal(enabled.auth_provider, 'better_auth');
  assert.match(enabled.secret_server_key, /\S{16,}/);
  assert.match(enabled.pub_client_key, /\S{16,}/);
  assert.ok(!inspect(enabled).includes(enabled.secret_server_key), 'inspect redacts the server key');
  assert.ok(!inspect(enabled).includes(enabled.pub_client_key), 'inspect redacts the client key');
  assert.equal(JSON.parse(JSON.stringify(enabled)).secret_server_key, enabled.secret_server_key, 'JSON keeps it');

  const again = await rejection(auth.enable());
  assert.equal(again.status, 409);

  const info = await auth.get();
  assert.equal(info.branch_id, await auth.branchId());
  assert.equal(info.jwks_url, enabled.jwks_url);
  assert.ok(!JSON.stringify(info).includes(enabled.secret_server_key), 'get never shows the keys again');
});

test('branchAuth.domains: add, list, and 409 for a domain already there', async () => {
  const auth = await enabledAuth('filler-002');
  const domain = 'https://a.preview.example.com';
  assert.equal(await auth.domains.add(domain), undefined);
  assert.deepEqual((await auth.domains.list()).map((d) => d.domain), [domain]);
  assert.equal((await rejection(auth.domains.add(domain))).status, 409);
});

/** Adds google (with a secret) and github, updates google, removes github. */
async function googleOnly(auth) {
  const google = await auth.oauthProviders.add({ id: 'google', clientId: 'gid-1', clientSecret: 'gsecret-do-not-print' });
  await auth.oauthProviders.add({ id: 'github' });
  const updated = await auth.oauthProviders.update('google', { clientId: 'gid-2' });
  await auth.oauthProviders.remove('github');
  return { google, updated };
}

test('branchAuth.oauthProviders: add, update, remove, list, and the client secret never comes back', async () => {
  const auth = await enabledAuth('filler-003');
  const { google, updated } = await googleOnly(auth);
  assert.equal(google.type, 'standard');
  assert.equal(google.client_id, 'gid-1');
  assert.equal(updated.client_id, 'gid-2');
  const providers = await auth.oauthProviders.list();
  assert.deepEqual(providers.map((p) => p.id), ['google']);
  assert.ok(!JSON.stringify(providers).includes('gsecret-do-not-print'));
});

test('branchAuth.emailProvider: update and get', async () => {
  const auth = await enabledAuth('filler-004');
  const smtp = await auth.emailProvider.update({
    type: 'standard', host: 'smtp.example.com', port: 587, username: 'mailer', password: 'smtp-pass-secret', senderEmail: 'auth@example.com', senderName: 'Example',
  });
  assert.equal(smtp.type, 'standard');
  assert.equal(smtp.host, 'smtp.example.com');
  assert.equal((await auth.emailProvider.get()).port, 587);
});

/** Turns on email verification by link. */
const verifyByLink = (auth) => auth.emailAndPassword.update({ enabled: true, emailVerificationMethod: 'link', requireEmailVerification: true });

test('branchAuth.emailAndPassword: update changes only the fields given', async () => {
  const auth = await enabledAuth('filler-005');
  const ep = await verifyByLink(auth);
  assert.equal(ep.email_verification_method, 'link');
  assert.equal(ep.require_email_verification, true);
  assert.equal(ep.disable_sign_up, false, 'fields not given stay as they were');
});

test('branchAuth.users: create and set roles', async () => {
  const auth = await enabledAuth('filler-006');
  const user = await auth.users.create({ email: 'ada@filler006.example.com', name: 'Ada' });
  assert.match(user.id, /\S/);
  assert.equal((await auth.users.setRoles(user.id, ['admin', 'billing'])).id, user.id);
});

test('branchAuth.plugins: organization, magic link and phone number, and get shows every plugin', async () => {
  const auth = await enabledAuth('filler-007');
  await googleOnly(auth);
  await verifyByLink(auth);
  const org = await auth.plugins.updateOrganization({ organizationLimit: 3, creatorRole: 'admin' });
  assert.deepEqual([org.organization_limit, org.creator_role, org.membership_limit], [3, 'admin', 100]);
  assert.equal((await auth.plugins.updateMagicLink({ enabled: true, expiresIn: 30 })).expires_in, 30);
  assert.equal((await auth.plugins.updatePhoneNumber({ enabled: true, otpExpiresIn: 120 })).otp_expires_in, 120);
  assert.equal((await auth.plugins.getPhoneNumber()).enabled, true);
  const plugins = await auth.plugins.get();
  assert.equal(plugins.organization.organization_limit, 3);
  assert.equal(plugins.magic_link.enabled, true);
  assert.equal(plugins.email_and_password.email_verification_method, 'link');
  assert.deepEqual(plugins.oauth_providers.map((p) => p.id), ['google']);
});

test('branchAuth.webhooks: set and get', async () => {
  const auth = await enabledAuth('filler-008');
  const hooks = await auth.webhooks.set({ enabled: true, webhookUrl: 'https://hooks.example.com/neon', enabledEvents: ['user.created', 'send.otp'], timeoutSeconds: 3 });
  assert.deepEqual(hooks.enabled_events, ['user.created', 'send.otp']);
  assert.equal((await auth.webhooks.get()).timeout_seconds, 3);
});

test('branchAuth.allowLocalhost: set and get', async () => {
  const auth = await enabledAuth('filler-009');
  assert.equal((await auth.allowLocalhost.set(false)).allow_localhost, false);
  assert.equal((await auth.allowLocalhost.get()).allow_localhost, false);
});

test('branchAuth.updateConfig: renames the auth configuration', async () => {
  const auth = await enabledAuth('filler-010');
  assert.equal((await auth.updateConfig({ name: 'auth for filler-010' })).name, 'auth for filler-010');
});

test('branchAuth.sendTestEmail: success, and failure with the reason', async () => {
  const auth = await enabledAuth('filler-011');
  const sent = await auth.sendTestEmail({ host: 'smtp.example.com', port: 587, username: 'u', password: 'p', senderEmail: 'a@example.com', senderName: 'A', recipientEmail: 'b@example.com' });
  assert.equal(sent.success, true);
  const failed = await auth.sendTestEmail({ host: 'fail.invalid', port: 25, username: 'u', password: 'p', senderEmail: 'a@example.com', senderName: 'A', recipientEmail: 'b@example.com' });
  assert.equal(failed.success, false);
  assert.match(failed.error_message, /fail\.invalid/);
});

/** Enables auth on a branch given by name and gives it a domain, a provider, a name and a user. */
async function populated(branchName, domain) {
  const auth = await enabledAuth(branchName);
  await auth.domains.add(domain);
  await googleOnly(auth);
  await auth.updateConfig({ name: `auth for ${branchName}` });
  const user = await auth.users.create({ email: `ada@${branchName.replace(/\W/g, '')}.example.com`, name: 'Ada' });
  return { auth, user };
}

test('two branches at once: their state stays apart through remove, disable and enable again', async () => {
  const [a, b] = await Promise.all([
    populated('preview/feature-a', 'https://a.preview.example.com'),
    populated('preview/feature-b', 'https://b.preview.example.com'),
  ]);
  assert.deepEqual((await a.auth.domains.list()).map((d) => d.domain), ['https://a.preview.example.com']);
  assert.deepEqual((await b.auth.domains.list()).map((d) => d.domain), ['https://b.preview.example.com']);

  // Removing a domain on A leaves B alone.
  await a.auth.domains.remove('https://a.preview.example.com');
  assert.equal((await a.auth.domains.list()).length, 0);
  assert.equal((await b.auth.domains.list()).length, 1);

  // Disable without deleting data: the neon_auth schema stays, so (as on the live API) enabling
  // again is a 409 until it is dropped, which takes the users along; settings start over.
  await a.auth.disable();
  assert.equal((await rejection(a.auth.get())).status, 404);
  assert.equal((await rejection(a.auth.enable())).status, 409, 'the kept schema blocks enabling again');
  assert.equal((await sim.hook(`projects/${ALPHA}/branches/${await a.auth.branchId()}/drop-neon-auth-schema`)).status, 200);
  await a.auth.enable();
  assert.equal((await a.auth.oauthProviders.list()).length, 0, 'providers start over');
  const again = await a.auth.users.create({ email: 'ada@previewfeaturea.example.com' });
  assert.notEqual(again.id, a.user.id, 'the user went with the schema');

  // Disable with deleteData: enabling again just works, and the user is gone.
  await a.auth.disable({ deleteData: true });
  await a.auth.enable();
  const recreated = await a.auth.users.create({ email: 'ada@previewfeaturea.example.com' });
  assert.notEqual(recreated.id, again.id);
  await a.auth.users.remove(recreated.id);
  assert.equal((await rejection(a.auth.users.remove(recreated.id))).status, 404);

  // B was never touched by any of that.
  assert.equal((await b.auth.get()).name, 'auth for preview/feature-b');
  assert.equal((await b.auth.oauthProviders.list()).length, 1);
});

test('a project-scoped organization key reaches only its project', async () => {
  const created = await neon.orgApiKeys('org-sim-000001').create({ name: 'beta-only', projectId: 'proj-sim-beta' });
  const scoped = new NeonAdmin({ apiKey: created.key, baseUrl: sim.baseUrl, env: {} });
  const visible = await collect(scoped.projects.list());
  assert.deepEqual(visible.map((p) => p.id), ['proj-sim-beta']);
  const denied = await rejection(scoped.branchAuth(ALPHA, 'br-main-000001').get());
  assert.equal(denied.status, 403);
  assertNoLeak(denied, created.key);
  const allowed = await rejection(scoped.branchAuth('proj-sim-beta', 'main').get());
  assert.equal(allowed.status, 404, 'its own project is reachable (auth is just not enabled there)');
});

test('bad input is refused with NeonConfigError naming the field, and nothing is sent', async () => {
  const byId = neon.branchAuth(ALPHA, 'br-main-000001');
  const cases = [
    [() => neon.branchAuth('Bad_Project', 'main').get(), 'projectId'],
    [() => neon.branchAuth(ALPHA, 'main\nx').get(), 'branch'],
    [() => neon.branchAuth(ALPHA, null).get(), 'branch'],
    [() => neon.branches(42).list().next(), 'projectId'],
    [() => neon.projects.list({ limit: 0 }).next(), 'limit'],
    [() => neon.projects.list({ limit: 2.5 }).next(), 'limit'],
    [() => neon.projects.list({ orgId: 'ORG' }).next(), 'orgId'],
    [() => neon.projects.list({ colour: 'red' }).next(), 'colour'],
    [() => byId.enable({ authProvider: 'firebase' }), 'authProvider'],
    [() => byId.enable({ databaseName: 'd'.repeat(65 * 1024) }), 'databaseName'],
    [() => byId.disable({ deleteData: 'yes' }), 'deleteData'],
    [() => byId.updateConfig({ name: '' }), 'name'],
    [() => byId.domains.add('not a url'), 'domain'],
    [() => byId.domains.add('javascript:alert(1)'), 'domain'],
    [() => byId.domains.add('https://*.com'), 'domain'],
    [() => byId.domains.add('https://ok.example.com', { authProvider: 'nope' }), 'authProvider'],
    [() => byId.domains.remove(['https://a.example.com\r\n']), 'domain'],
    [() => byId.oauthProviders.add({ id: 'myspace' }), 'id'],
    [() => byId.oauthProviders.add({ id: 'google', clientSecret: 's'.repeat(65 * 1024) }), 'clientSecret'],
    [() => byId.oauthProviders.update('myspace', {}), 'id'],
    [() => byId.emailProvider.update({ type: 'shared', host: 'h' }), 'host'],
    [() => byId.emailProvider.update({ type: 'carrier-pigeon' }), 'type'],
    [() => byId.emailProvider.update({ type: 'standard', host: 'h', port: -1, username: 'u', password: 'p', senderEmail: 'a@b.co', senderName: 'n' }), 'port'],
    [() => byId.emailProvider.update({ type: 'standard', senderName: 'Shop\r\nBcc: x@example.com' }), 'senderName'],
    [() => byId.emailProvider.update({ type: 'standard', host: 'h', port: NaN, username: 'u', password: 'p', senderEmail: 'a@b.co', senderName: 'n' }), 'port'],
    [() => byId.emailAndPassword.update({ emailVerificationMethod: 'carrier-pigeon' }), 'emailVerificationMethod'],
    [() => byId.users.create({ email: 'not-an-email' }), 'email'],
    [() => byId.users.create({ email: 'a@b.co', name: '' }), 'name'],
    [() => byId.users.remove(''), 'userId'],
    [() => byId.users.setRoles('u1', []), 'roles'],
    [() => byId.users.setRoles('u1', 'admin'), 'roles'],
    [() => byId.plugins.updateOrganization({ organizationLimit: 0 }), 'organizationLimit'],
    [() => byId.plugins.updateMagicLink({ expiresIn: 3 }), 'expiresIn'],
    [() => byId.plugins.updatePhoneNumber({ otpExpiresIn: 601 }), 'otpExpiresIn'],
    [() => byId.webhooks.set({ enabled: true, webhookUrl: 'https://hooks.example.com/\r\n' }), 'webhookUrl'],
    [() => byId.webhooks.set({ enabled: true, webhookUrl: 'https://h.example.com', timeoutSeconds: 11 }), 'timeoutSeconds'],
    [() => byId.webhooks.set({ enabled: true, webhookUrl: 'https://h.example.com', enabledEvents: ['user.exploded'] }), 'enabledEvents[0]'],
    [() => byId.allowLocalhost.set('yes'), 'enabled'],
    [() => byId.sendTestEmail({ host: 'h', port: 25, username: 'u', password: 'p', senderEmail: 'a@b.co', senderName: 'n', recipientEmail: 'b@example.com\r\nBcc: x@example.com' }), 'recipientEmail'],
    [() => byId.emailProvider.test({ recipientEmail: 'b@example.com\nx' }), 'recipientEmail'],
    // A missing field is reported on the whole input, named as the method's parameter (as
    // `apiKeys.create({})` names `input`): exact, so that naming the missing field shows up here.
    [() => byId.emailProvider.test({}), 'recipientEmail'],
    [() => byId.users.create(JSON.parse('{"email": "a@b.co", "__proto__": {"admin": true}}')), '__proto__'],
    [() => byId.users.create({ email: 'a@b.co', name: { toString: () => 'x' } }), 'name.toString'],
    [() => byId.users.create({ email: 'a@b.co', name: new Date() }), 'name'],
  ];
  await sim.resetLog();
  for (const [run, field] of cases) {
    const error = await rejection(run());
    assert.ok(error instanceof NeonConfigError, `expected NeonConfigError for ${run}: got ${error}`);
    assert.equal(error.field, field, `${run}: ${error.message}`);
    for (const secret of ['smtp-pass-secret', 'a@b.co']) assert.ok(!error.message.includes(secret), error.message);
  }
  assert.deepEqual(await sim.requests(), [], 'no request may reach the server');
});
