// Key rotation as a complete flow for CI secrets: create the new key, check it works, hand it to
// the caller's callback, and only then revoke the old one. A failure injected at each step (on
// the fault server) must leave the old key working and no unused new key behind; the simulator
// shows the same with real key state.

import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import NeonAdmin, { NeonApiError, NeonConfigError, NeonRotationError } from '../../js/node.mjs';
import { client, neon } from './support/simulated.mjs';
import { startFaultServer } from './support/fault-server.mjs';
import { assertNoLeak } from './support/leaks.mjs';

const KEY = 'napi_rotation_test_key_0123456789';
const OLD = 7; // listed by the fault server; its POST /api_keys creates key 8
let faults;
let faulty;

before(async () => {
  faults = await startFaultServer();
  faulty = new NeonAdmin({ apiKey: KEY, baseUrl: faults.baseUrl, env: {} });
});
after(() => faults.close());
beforeEach(() => faults.reset());

const routes = () => faults.requests().map((r) => `${r.method} ${r.path}`);

test('the complete flow: the callback gets a working new key before the old one is revoked', async () => {
  const old = await neon.apiKeys.create({ name: 'ci-secret-v1' });
  const seen = [];
  const rotation = await neon.apiKeys.rotate({
    oldKeyId: old.id,
    name: 'ci-secret-v2',
    onNewKey: async (created) => {
      seen.push(created.name);
      // At this point the new key works and the old one has not been revoked yet.
      assert.equal((await client(created.key).whoami()).auth_data, 'ci-secret-v2');
      assert.equal((await client(old.key).whoami()).auth_data, 'ci-secret-v1');
    },
  });
  assert.deepEqual(seen, ['ci-secret-v2']);
  assert.equal(rotation.revoked.id, old.id, 'revokeOld defaults to true with a callback');
  assert.equal(rotation.revoke_error, null);
  assert.equal((await client(old.key).whoami().catch((e) => e)).status, 401);
  assert.equal((await client(rotation.created.key).whoami()).auth_data, 'ci-secret-v2');
});

test('the order of requests, and the check made with the new key', async () => {
  let atCallback;
  const rotation = await faulty.apiKeys.rotate({ oldKeyId: OLD, name: 'next', onNewKey: () => { atCallback = routes(); } });
  assert.deepEqual(atCallback, ['GET /api_keys', 'POST /api_keys', 'GET /auth'], 'nothing revoked before the callback');
  assert.deepEqual(routes(), ['GET /api_keys', 'POST /api_keys', 'GET /auth', `DELETE /api_keys/${OLD}`]);
  const [check] = faults.requests('GET', '/auth');
  assert.equal(check.headers.authorization, `Bearer ${rotation.created.key}`, 'the check uses the new key');
});

test('a failure listing the keys creates nothing', async () => {
  faults.script('GET', '/api_keys', [{ status: 500 }]);
  const error = await faulty.apiKeys.rotate({ oldKeyId: OLD, name: 'next', onNewKey: () => assert.fail('not called') }).catch((e) => e);
  assert.ok(error instanceof NeonApiError);
  assert.equal(error.status, 500);
  assert.equal(faults.count('POST', '/api_keys'), 0);
  assert.equal(faults.count('DELETE', `/api_keys/${OLD}`), 0);
});

test('a failure creating the key revokes nothing', async () => {
  faults.script('POST', '/api_keys', [{ status: 400 }]);
  const error = await faulty.apiKeys.rotate({ oldKeyId: OLD, name: 'next', onNewKey: () => assert.fail('not called') }).catch((e) => e);
  assert.ok(error instanceof NeonApiError);
  assert.deepEqual(routes(), ['GET /api_keys', 'POST /api_keys']);
});

test('a create whose answers are lost (500) is reconciled: listed, sent once more, and nothing revoked', async () => {
  faults.script('POST', '/api_keys', [{ status: 500 }]);
  const error = await faulty.apiKeys.rotate({ oldKeyId: OLD, name: 'next', onNewKey: () => assert.fail('not called') }).catch((e) => e);
  assert.ok(error instanceof NeonApiError);
  assert.equal(error.reconciled, 'sent-again');
  assert.match(error.message, /answers to both creates of key "next" were lost; no key from this call is listed/);
  // The fault server never lists a new key, so there is no orphan to revoke.
  assert.deepEqual(routes(), ['GET /api_keys', 'POST /api_keys', 'GET /api_keys', 'POST /api_keys', 'GET /api_keys']);
});

test('a new key that does not work is revoked again and the old one is left alone', async () => {
  faults.script('GET', '/auth', [{ status: 401 }]);
  const error = await faulty.apiKeys.rotate({ oldKeyId: OLD, name: 'next', onNewKey: () => assert.fail('not called') }).catch((e) => e);
  assert.ok(error instanceof NeonApiError, String(error));
  assert.equal(error.status, 401);
  assert.match(error.message, /new key 8 did not work.*revoked again.*old key 7 is untouched/);
  assert.deepEqual(routes(), ['GET /api_keys', 'POST /api_keys', 'GET /auth', 'DELETE /api_keys/8']);
  assertNoLeak(error, KEY);
});

test('a new key that does not work and cannot be revoked is named so it can be revoked by hand', async () => {
  faults.script('GET', '/auth', [{ status: 401 }]);
  faults.script('DELETE', '/api_keys/8', [{ status: 500 }]);
  const error = await faulty.apiKeys.rotate({ oldKeyId: OLD, name: 'next' }).catch((e) => e);
  assert.match(error.message, /revoke key 8 yourself/);
  assert.equal(faults.count('DELETE', `/api_keys/${OLD}`), 0);
});

test('a callback that throws: NeonRotationError, the new key is revoked again, the old key still works', async () => {
  const old = await neon.apiKeys.create({ name: 'deploy-v1' });
  let created;
  const failure = new Error('could not write the secret store');
  const error = await neon.apiKeys.rotate({
    oldKeyId: old.id,
    name: 'deploy-v2',
    onNewKey: (key) => {
      created = key;
      throw failure;
    },
  }).catch((e) => e);
  assert.ok(error instanceof NeonRotationError, String(error));
  assert.equal(error.name, 'NeonRotationError');
  assert.equal(error.cause, failure);
  assert.equal(error.newKeyId, created.id);
  assert.equal(error.oldKeyId, old.id);
  assert.equal(error.newKeyRevoked, true);
  assertNoLeak(error, created.key);
  assert.equal((await client(created.key).whoami().catch((e) => e)).status, 401, 'the unused new key is gone');
  assert.equal((await client(old.key).whoami()).auth_data, 'deploy-v1', 'the old key still works');
});

test('a failed revocation of the old key is reported, and both keys still work', async () => {
  faults.script('DELETE', `/api_keys/${OLD}`, [{ status: 500 }]);
  let stored;
  const rotation = await faulty.apiKeys.rotate({ oldKeyId: OLD, name: 'next', onNewKey: (k) => { stored = k.key; } });
  assert.equal(rotation.created.key, stored);
  assert.equal(rotation.revoked, null);
  assert.match(rotation.revoke_error, /500/);
  assert.equal(faults.count('DELETE', '/api_keys/8'), 0, 'the stored new key is kept');
});

test('a bad callback or revokeOld is refused before anything is sent', async () => {
  for (const [input, field] of [
    [{ oldKeyId: OLD, name: 'x', onNewKey: 'not a function' }, 'onNewKey'],
    [{ oldKeyId: OLD, name: 'x', revokeOld: 'yes' }, 'revokeOld'],
    [{ oldKeyId: OLD, name: 'x', get onNewKey() { throw new Error('getter'); } }, 'onNewKey'],
    [new Proxy({}, { ownKeys() { throw new Error('trap'); } }), 'rotation'],
    ['not an object', 'rotation'],
  ]) {
    const error = await faulty.apiKeys.rotate(input).catch((e) => e);
    assert.ok(error instanceof NeonConfigError);
    assert.equal(error.field, field);
  }
  assert.equal(faults.count(), 0);
});
