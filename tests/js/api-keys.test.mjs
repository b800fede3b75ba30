// API key operations through the built package against the local Neon API simulator.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin, { NeonApiError, NeonConfigError, NeonNetworkError } from '../../js/node.mjs';
import { client, neon, sim } from './support/simulated.mjs';
import { assertNoLeak } from './support/leaks.mjs';


test('whoami names the seeded user and the key', async () => {
  const me = await neon.whoami();
  assert.equal(me.auth_method, 'api_key_user');
  assert.match(me.account_id, /^[0-9a-f-]{36}$/);
  assert.equal(me.auth_data, 'seed');
  assert.equal(neon.credentialSource, 'option');
});

test('a created key is listed, authenticates, and is redacted only when inspected', async () => {
  const created = await neon.apiKeys.create({ name: 'deploy-bot' });
  assert.equal(created.name, 'deploy-bot');
  assert.match(created.key, /^[a-z0-9]{64}$/);
  assert.ok(!inspect(created).includes(created.key), 'inspect must redact the token');
  assert.match(inspect(created), /\[REDACTED\]/);
  assert.equal(JSON.parse(JSON.stringify(created)).key, created.key, 'JSON keeps the token');

  const listed = await neon.apiKeys.list();
  const entry = listed.find((k) => k.id === created.id);
  assert.ok(entry, 'the new key is listed');
  assert.equal(entry.name, 'deploy-bot');
  assert.equal('key' in entry, false, 'lists never carry tokens');

  const me = await client(created.key).whoami();
  assert.equal(me.auth_data, 'deploy-bot');
});

test('a revoked key gets NeonApiError 401, without the key in any text', async () => {
  const created = await neon.apiKeys.create({ name: 'short-lived' });
  const revoked = await neon.apiKeys.revoke(created.id);
  assert.equal(revoked.revoked, true);
  assert.equal(revoked.id, created.id);
  assert.equal((await neon.apiKeys.list()).some((k) => k.id === created.id), false);
  const error = await client(created.key).whoami().then(() => null, (e) => e);
  assert.ok(error instanceof NeonApiError);
  assert.equal(error.name, 'NeonApiError');
  assert.equal(error.status, 401);
  assert.match(error.requestId, /\S/);
  assert.match(error.message, /NEON_API_KEY/);
  assertNoLeak(error, created.key);
});

test('an unknown key gets 401 and a second revoke of the same key gets 404', async () => {
  const error = await client('napi_unknown_key_0000').apiKeys.list().catch((e) => e);
  assert.equal(error.status, 401);
  assertNoLeak(error, 'napi_unknown_key_0000');
  const created = await neon.apiKeys.create({ name: 'twice' });
  await neon.apiKeys.revoke(created.id);
  const again = await neon.apiKeys.revoke(created.id).catch((e) => e);
  assert.ok(again instanceof NeonApiError);
  assert.equal(again.status, 404);
});

test('rotate without revokeOld keeps the old key working until a second call revokes it', async () => {
  const old = await neon.apiKeys.create({ name: 'ci-old' });
  const rotation = await neon.apiKeys.rotate({ oldKeyId: old.id, name: 'ci-new' });
  assert.equal(rotation.revoked, null);
  assert.equal(rotation.revoke_error, null);
  assert.equal(rotation.created.name, 'ci-new');
  assert.ok(!inspect(rotation, { depth: 5 }).includes(rotation.created.key));
  assert.equal((await client(old.key).whoami()).auth_data, 'ci-old');
  assert.equal((await client(rotation.created.key).whoami()).auth_data, 'ci-new');
  await neon.apiKeys.revoke(old.id);
  assert.equal((await client(old.key).whoami().catch((e) => e)).status, 401);
  assert.equal((await client(rotation.created.key).whoami()).auth_data, 'ci-new');
});

test('rotate with revokeOld revokes the old key only after the new one exists', async () => {
  const old = await neon.apiKeys.create({ name: 'hook-old' });
  await sim.resetLog();
  const rotation = await neon.apiKeys.rotate({ oldKeyId: old.id, name: 'hook-new', revokeOld: true });
  assert.equal(rotation.revoked.id, old.id);
  assert.equal(rotation.revoked.revoked, true);
  const order = (await sim.requests()).map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(order, ['GET /api/v2/api_keys', 'POST /api/v2/api_keys', 'GET /api/v2/auth', `DELETE /api/v2/api_keys/${old.id}`]);
  assert.equal((await client(old.key).whoami().catch((e) => e)).status, 401);
  assert.equal((await client(rotation.created.key).whoami()).auth_data, 'hook-new');
});

test('rotate of a key that is not listed creates nothing', async () => {
  await sim.resetLog();
  const error = await neon.apiKeys.rotate({ oldKeyId: 999999, name: 'orphan' }).catch((e) => e);
  assert.ok(error instanceof NeonConfigError);
  assert.equal(error.field, 'oldKeyId');
  const methods = (await sim.requests()).map((r) => r.method);
  assert.deepEqual(methods, ['GET']);
});

test('organization keys: project-scoped create, list, whoami as the org, revoke', async () => {
  const org = 'org-sim-000001';
  const keys = neon.orgApiKeys(org);
  const created = await keys.create({ name: 'preview', projectId: 'proj-preview-1' });
  assert.equal(created.project_id, 'proj-preview-1');
  const listed = (await keys.list()).find((k) => k.id === created.id);
  assert.equal(listed.project_id, 'proj-preview-1');
  assert.equal((await neon.apiKeys.list()).some((k) => k.id === created.id), false, 'org keys are not personal keys');
  const me = await client(created.key).whoami();
  assert.equal(me.auth_method, 'api_key_org');
  assert.equal(me.account_id, org);
  const revoked = await keys.revoke(created.id);
  assert.equal(revoked.revoked, true);
  assert.equal((await client(created.key).whoami().catch((e) => e)).status, 401);
  const unknownOrg = await neon.orgApiKeys('org-nope').list().catch((e) => e);
  assert.equal(unknownOrg.status, 404);
});

test('bad input is refused with NeonConfigError naming the field, and nothing is sent', async () => {
  await sim.resetLog();
  const cases = [
    [() => neon.apiKeys.create({ name: '' }), 'name'],
    [() => neon.apiKeys.create({ name: 'x'.repeat(65) }), 'name'],
    [() => neon.apiKeys.create({ name: 5 }), 'name'],
    [() => neon.apiKeys.create({}), 'name'],
    [() => neon.apiKeys.create(null), 'newKey'],
    [() => neon.apiKeys.create({ name: 'a', extra: 1 }), 'extra'],
    [() => neon.apiKeys.create(JSON.parse('{"name": "a", "__proto__": {"polluted": 1}}')), '__proto__'],
    [() => neon.apiKeys.create({ name: 'a', projectId: 'p-1' }), 'projectId'],
    [() => neon.apiKeys.revoke(0), 'keyId'],
    [() => neon.apiKeys.revoke(-3), 'keyId'],
    [() => neon.apiKeys.revoke(1.5), 'keyId'],
    [() => neon.apiKeys.revoke(NaN), 'keyId'],
    [() => neon.apiKeys.revoke('12'), 'keyId'],
    [() => neon.apiKeys.rotate({ oldKeyId: -1, name: 'x' }), 'oldKeyId'],
    [() => neon.orgApiKeys('Org_Bad').list(), 'orgId'],
    [() => neon.orgApiKeys('../api_keys').list(), 'orgId'],
    [() => neon.orgApiKeys(undefined).list(), 'orgId'],
    [() => neon.orgApiKeys('org-sim-000001').create({ name: 'a', projectId: 'Bad Project' }), 'projectId'],
  ];
  for (const [run, field] of cases) {
    const error = await run().then(() => null, (e) => e);
    assert.ok(error instanceof NeonConfigError, `expected NeonConfigError for ${run}: got ${error}`);
    assert.equal(error.name, 'NeonConfigError');
    assert.equal(error.field, field, `${run}: ${error.message}`);
  }
  assert.equal((await sim.requests()).length, 0, 'no request may reach the server');
});

test('options are checked before anything is sent', async () => {
  const bad = [
    [{ apiKey: 'has space', baseUrl: sim.baseUrl }, 'apiKey'],
    [{ apiKey: 'k\u0000x', baseUrl: sim.baseUrl }, 'apiKey'],
    [{ apiKey: 'okkey123', baseUrl: 'http://example.com/api/v2' }, 'baseUrl'],
    [{ apiKey: 'okkey123', baseUrl: sim.baseUrl, timeoutMs: -1 }, 'timeoutMs'],
    [{ apiKey: 'okkey123', baseUrl: sim.baseUrl, maxRetries: 1.5 }, 'maxRetries'],
    [{ apiKey: 'okkey123', baseUrl: sim.baseUrl, colour: 'blue' }, 'colour'],
  ];
  for (const [options, field] of bad) {
    assert.throws(() => new NeonAdmin({ ...options, env: {} }), (e) => {
      assert.ok(e instanceof NeonConfigError, String(e));
      assert.equal(e.field, field, e.message);
      assertNoLeak(e, 'has space');
      return true;
    });
  }
  await assert.rejects(NeonAdmin.connect({ apiKey: 'k y', env: {} }), NeonConfigError);
});

test('an unreachable server is a NeonNetworkError', async () => {
  const closed = new NeonAdmin({ apiKey: 'okkey123', baseUrl: 'http://127.0.0.1:9/api/v2', maxRetries: 0, env: {} });
  const error = await closed.whoami().catch((e) => e);
  assert.ok(error instanceof NeonNetworkError, String(error));
  assert.equal(error.timedOut, false);
  assert.equal(error.attempts, 1);
  assertNoLeak(error, 'okkey123');
});
