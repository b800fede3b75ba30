// Neon's API as projects that ran against it report it (see "Known API behaviours" in docs/conformance.md),
// modelled by the simulator and handled by the client: enabling again after a keep-data disable,
// a branch made from one with Neon Auth, an e-mail provider never configured, partial SMTP
// updates and the saved-provider test, masked secrets, list query parameters, fields the client
// does not type, and a revoked organization key that stays listed for a while.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin, { NeonApiError, NeonConfigError } from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { client, neon, sim } from './support/simulated.mjs';

const ALPHA = 'proj-sim-alpha';
const SMTP = { type: 'standard', host: 'smtp.example.com', port: 587, username: 'mailer', password: 'smtp-secret-value', senderEmail: 'auth@example.com', senderName: 'Shop' };

const rejection = (promise) => promise.then(() => assert.fail('expected a rejection'), (e) => e);
const writes = async () => (await sim.requests()).filter((r) => r.method !== 'GET');
const collect = async (iterable) => {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
};

test('enabling again after a keep-data disable is a 409 that says what to do, through enable and apply', async () => {
  const auth = neon.branchAuth(ALPHA, 'br-filler-011');
  await auth.enable();
  await auth.disable();
  const again = await rejection(auth.enable());
  assert.ok(again instanceof NeonApiError);
  assert.equal(again.status, 409);
  assert.match(again.message, /run DROP SCHEMA neon_auth CASCADE, which deletes its auth users, and enable again/);
  assert.match(again.message, /deleteData: true/);

  await sim.resetLog();
  const applied = await rejection(auth.apply({ enabled: true, trustedDomains: ['https://app.example.com'] }));
  assert.equal(applied.status, 409);
  assert.match(applied.message, /DROP SCHEMA neon_auth CASCADE/);
  assert.deepEqual((await writes()).map((r) => r.method), ['POST'], 'only the refused enable was sent');

  assert.equal((await sim.hook(`projects/${ALPHA}/branches/br-filler-011/drop-neon-auth-schema`)).status, 200);
  const enabled = await auth.enable();
  assert.match(enabled.pub_client_key, /^pck_/);
  // Disabling with deleteData drops the schema too, so enabling again just works.
  await auth.disable({ deleteData: true });
  assert.match((await auth.enable()).secret_server_key, /^ssk_/);
});

test('a branch made from one with Neon Auth has its own: enable is a 409, apply plans no enable', async () => {
  const parent = neon.branchAuth(ALPHA, 'br-filler-012');
  await parent.apply({ enabled: true, name: 'shop', trustedDomains: ['https://shop.example.com'] });
  const made = await sim.hook(`projects/${ALPHA}/branches/br-filler-012/child/preview-pr-42`);
  assert.equal(made.status, 201);
  const child = neon.branchAuth(ALPHA, 'preview-pr-42');
  const inherited = await child.get();
  assert.equal(inherited.name, 'shop');
  assert.equal(inherited.branch_id, made.body.id);
  assert.notEqual(inherited.base_url, (await parent.get()).base_url, 'its own base_url');

  const conflict = await rejection(child.enable());
  assert.equal(conflict.status, 409);
  assert.match(conflict.message, /Neon Auth is already enabled on branch br-\S+ \(nothing to do if you want it on, and apply\(\{ enabled: true \}\) counts this as done;/);
  assert.equal(conflict.message.match(/already enabled/g).length, 1, `said once: ${conflict.message}`);
  assert.doesNotMatch(conflict.message, /get\(\)|check the request/);

  await sim.resetLog();
  const result = await child.apply({ enabled: true, name: 'shop', trustedDomains: ['https://shop.example.com', 'https://pr-42.example.com'] });
  assert.deepEqual(result.changes.map((c) => `${c.action} ${c.target}`), ['add trustedDomains']);
  assert.equal(result.created_keys, undefined);
  assert.deepEqual((await writes()).map((r) => r.method), ['POST']);
});

test('emailProvider.test, emailProvider.get and emailProvider.update on the simulator: 404 before it is configured, partial updates without the password, the saved-provider test', async () => {
  const auth = neon.branchAuth(ALPHA, 'br-filler-013');
  await auth.enable();
  const missing = await rejection(auth.emailProvider.get());
  assert.equal(missing.status, 404);
  const firstPartial = await rejection(auth.emailProvider.update({ type: 'standard', senderName: 'Shop' }));
  assert.equal(firstPartial.status, 400, 'nothing saved to complete a partial update');

  const saved = await auth.emailProvider.update(SMTP);
  assert.equal(saved.password, '', 'the password comes back masked');
  assert.ok(!inspect(saved).includes('smtp-secret-value'));
  const renamed = await auth.emailProvider.update({ type: 'standard', senderName: 'Shop EU' });
  assert.equal(renamed.sender_name, 'Shop EU');
  assert.equal(renamed.host, 'smtp.example.com', 'the other fields are kept');

  assert.deepEqual(await auth.emailProvider.test({ recipientEmail: 'qa@example.com' }), { success: true });
  await auth.emailProvider.update({ ...SMTP, host: 'fail.invalid' });
  const failed = await auth.emailProvider.test({ recipientEmail: 'qa@example.com' });
  assert.equal(failed.success, false);
  assert.match(failed.error_message, /could not connect/);

  await auth.emailProvider.update({ type: 'shared' });
  const shared = await rejection(auth.emailProvider.test({ recipientEmail: 'qa@example.com' }));
  assert.ok(shared instanceof NeonApiError);
  assert.equal(shared.status, 400);
  assert.match(shared.message, /standard \(SMTP\)/);
  assert.ok(!shared.message.includes('qa@example.com'));
});

test('apply changes the sender name without sending the password again, and compares no masked secret', async () => {
  const auth = neon.branchAuth(ALPHA, 'br-filler-014');
  const first = await auth.apply({ enabled: true, emailProvider: SMTP });
  assert.equal(first.changes.at(-1).after.password, '[REDACTED]', 'first set-up sends the whole server');
  assert.deepEqual((await auth.apply({ enabled: true, emailProvider: SMTP })).changes, [], 'a masked password is not a change');

  const result = await auth.apply({ enabled: true, emailProvider: { ...SMTP, senderName: 'Shop EU' } });
  assert.deepEqual(result.changes, [
    { action: 'update', target: 'emailProvider', before: { sender_name: 'Shop' }, after: { sender_name: 'Shop EU' } },
  ]);
  assert.equal((await auth.emailProvider.get()).sender_name, 'Shop EU');
  assert.deepEqual(await auth.emailProvider.test({ recipientEmail: 'qa@example.com' }), { success: true }, 'the saved server still works');
});

test('list query parameters reach the API, and results keep fields the client does not type', async () => {
  await sim.resetLog();
  const projects = await collect(neon.projects.list({ search: 'alpha', orgId: 'org-sim-000001', limit: 5, timeout: 500, recoverable: false }));
  assert.deepEqual(projects.map((p) => p.id), [ALPHA]);
  assert.equal(projects[0].provisioner, 'k8s-neonvm', 'an untyped field passes through');
  const [projectQuery] = (await sim.requests()).map((r) => Object.fromEntries(new URLSearchParams(r.query)));
  assert.deepEqual(projectQuery, { search: 'alpha', org_id: 'org-sim-000001', limit: '5', timeout: '500', recoverable: 'false' });

  await sim.resetLog();
  const branches = await collect(neon.branches(ALPHA).list({ search: 'preview/', sortBy: 'name', sortOrder: 'asc', includeDeleted: true, limit: 1 }));
  assert.deepEqual(branches.map((b) => b.name), ['preview/feature-a', 'preview/feature-b']);
  assert.equal(typeof branches[0].logical_size, 'number', 'an untyped field passes through');
  const queries = (await sim.requests()).map((r) => Object.fromEntries(new URLSearchParams(r.query)));
  assert.equal(queries.length, 2);
  assert.deepEqual({ ...queries[0] }, { search: 'preview/', sort_by: 'name', sort_order: 'asc', include_deleted: 'true', limit: '1' });

  for (const [options, field] of [[{ timeout: 99 }, 'timeout'], [{ recoverable: 'yes' }, 'recoverable']]) {
    assert.equal((await rejection(neon.projects.list(options).next())).field, field);
  }
  for (const [options, field] of [[{ sortBy: 'size' }, 'sortBy'], [{ sortOrder: 'up' }, 'sortOrder'], [{ search: 'a\nb' }, 'search']]) {
    const error = await rejection(neon.branches(ALPHA).list(options).next());
    assert.ok(error instanceof NeonConfigError);
    assert.equal(error.field, field);
  }
});

test('values the spec allows are sent, not refused: long IDs, any sender, a webhook without URL, many roles', async () => {
  const auth = neon.branchAuth(ALPHA, 'br-filler-015');
  await auth.enable();
  await sim.resetLog();
  const provider = await auth.oauthProviders.add({ id: 'github', clientId: 'c'.repeat(600), clientSecret: 's'.repeat(2000) });
  assert.equal(provider.client_id.length, 600);
  assert.equal((await auth.emailProvider.update({ type: 'shared', senderEmail: 'Shop <auth@example.com>' })).sender_email, 'Shop <auth@example.com>');
  await auth.webhooks.set({ enabled: false });
  const user = await auth.users.create({ email: 'roles@example.com' });
  await auth.users.setRoles(user.id, Array.from({ length: 150 }, (_, i) => `role-${i}`));
  assert.equal((await writes()).length, 5, 'each reached the API');
});

test('a revoked organization key can stay listed for a while; revoking and rotating do not depend on it going at once', async () => {
  const lingering = await startSimulator({ args: ['--org-key-linger-ms', '60000'] });
  try {
    const connect = (apiKey) => new NeonAdmin({ apiKey, baseUrl: lingering.baseUrl, env: {} });
    const keys = connect(lingering.seedKey).orgApiKeys('org-sim-000001');
    const created = await keys.create({ name: 'lingering' });
    assert.equal((await keys.revoke(created.id)).revoked, true);
    assert.ok((await keys.list()).some((k) => k.id === created.id), 'still listed after revoking');
    assert.equal((await rejection(connect(created.key).whoami())).status, 401, 'but no longer usable');

    const old = await keys.create({ name: 'ci' });
    const rotated = await keys.rotate({ oldKeyId: old.id, name: 'ci-next', revokeOld: true });
    assert.equal(rotated.revoked.id, old.id);
    assert.equal(rotated.revoke_error, null);
    assert.equal((await connect(rotated.created.key).whoami()).auth_method, 'api_key_org');
    assert.equal((await rejection(connect(old.key).whoami())).status, 401);
  } finally {
    lingering.stop();
  }
});
