// A secret the API shows once reaches the caller even when the call fails after it arrived: the
// error carries `partial`, the method's result as far as it got (redacted when inspected, whole in
// the value and in JSON). Each flow fails the request after the secret on purpose: a proxy that
// answers 500 on one route, an abort fired once the secret's answer was logged, or the fault
// server's scripted answers. A token handed back must be the one that works.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin, { NeonAbortError, NeonApiError, NeonRotationError } from '../../js/node.mjs';
import { client, neon, sim } from './support/simulated.mjs';
import { startFailingProxy } from './support/failing-proxy.mjs';
import { startFaultServer } from './support/fault-server.mjs';

const ALPHA = 'proj-sim-alpha';
const rejection = (promise) => promise.then(() => assert.fail('expected a rejection'), (e) => e);

let faults;
before(async () => {
  faults = await startFaultServer();
});
after(() => faults.close());

/** The secret is in the error's value and JSON, never in what inspecting it shows. */
function assertHandedBack(error, secret) {
  assert.equal(typeof secret, 'string');
  assert.ok(secret.length >= 8, secret);
  assert.ok(JSON.stringify(error).includes(secret), 'kept in JSON');
  assert.ok(!inspect(error, { depth: 8 }).includes(secret), 'redacted on inspect');
  assert.ok(!error.message.includes(secret) && !String(error.stack).includes(secret), 'never in the message');
}

/** A client of the simulator through a proxy that answers 500 to every path containing `fragment`. */
async function failingOn(fragment, apiKey = sim.seedKey) {
  const proxy = await startFailingProxy(sim.baseUrl, fragment);
  return { proxy, neon: new NeonAdmin({ apiKey, baseUrl: proxy.baseUrl, env: {}, maxRetries: 0 }) };
}

/** A client of the simulator whose signal aborts as soon as an attempt matching `pattern` has its answer. */
function abortingAfter(pattern) {
  const controller = new AbortController();
  const logger = (line) => {
    if (pattern.test(line)) controller.abort();
  };
  return { signal: controller.signal, neon: new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {}, logger }) };
}

/** Asserts that `partial` is an apply result holding Neon Auth's keys of an enable made on `auth`. */
async function assertApplyPartial(error, auth, branchId) {
  const { partial } = error;
  assert.equal(partial.branch_id, branchId);
  assert.equal(partial.dry_run, false);
  assert.deepEqual(partial.changes.map((c) => `${c.action} ${c.target}`), ['enable neonAuth']);
  assert.match(partial.created_keys.pub_client_key, /^pck_\S+$/);
  assert.match(partial.created_keys.secret_server_key, /^ssk_\S+$/);
  assert.equal(partial.neon_auth.jwks_url, (await auth.get()).jwks_url, 'the keys of the Neon Auth that is on now');
  assertHandedBack(error, partial.created_keys.secret_server_key);
  assertHandedBack(error, partial.created_keys.pub_client_key);
}

test('Neon Auth apply: a change failing after the enable hands back the keys in error.partial', async () => {
  const { proxy, neon: failing } = await failingOn('/auth/domains');
  try {
    const error = await rejection(failing.branchAuth(ALPHA, 'br-filler-010').apply({ trustedDomains: ['https://a.example.com'], allowLocalhost: false }));
    assert.ok(error instanceof NeonApiError, String(error));
    assert.equal(error.status, 500);
    await assertApplyPartial(error, neon.branchAuth(ALPHA, 'br-filler-010'), 'br-filler-010');
  } finally {
    proxy.close();
  }
});

test('Neon Auth apply: an abort after the enable answered stays a NeonAbortError and hands back the keys', async () => {
  const { signal, neon: aborting } = abortingAfter(/^neon-admin: POST \S+\/auth attempt \d+\/\d+: 20\d/);
  const error = await rejection(aborting.branchAuth(ALPHA, 'filler-011').apply({ trustedDomains: ['https://b.example.com'] }, {}, { signal }));
  assert.ok(error instanceof NeonAbortError, String(error));
  assert.equal(error.name, 'NeonAbortError');
  await assertApplyPartial(error, neon.branchAuth(ALPHA, 'filler-011'), 'br-filler-011');
});

test('Neon Auth apply: a failure before any key arrived has no partial', async () => {
  const { proxy, neon: failing } = await failingOn('/auth');
  try {
    const error = await rejection(failing.branchAuth(ALPHA, 'br-filler-012').apply({ allowLocalhost: true }));
    assert.ok(error instanceof NeonApiError);
    assert.equal(error.partial, undefined);
  } finally {
    proxy.close();
  }
});

test('rotate: a check of the new key failing without a 401 keeps the key and hands it back as a Rotation', async () => {
  const old = await neon.apiKeys.create({ name: 'partial-rotate-v1' });
  const { proxy, neon: failing } = await failingOn('/api/v2/auth');
  let error;
  try {
    error = await rejection(failing.apiKeys.rotate({ oldKeyId: old.id, name: 'partial-rotate-v2', onNewKey: () => assert.fail('not called') }));
  } finally {
    proxy.close();
  }
  assert.ok(error instanceof NeonApiError, String(error));
  assert.equal(error.status, 500);
  assert.match(error.message, /new key \d+ was created, but checking it .* failed, so it was kept .* old key \d+ is untouched/);
  const { created, revoked, revoke_error } = error.partial;
  assert.equal(revoked, null);
  assert.equal(revoke_error, null);
  assert.equal(created.name, 'partial-rotate-v2');
  assert.equal((await client(created.key).whoami()).auth_data, 'partial-rotate-v2', 'the token handed back works');
  assert.equal((await client(old.key).whoami()).auth_data, 'partial-rotate-v1', 'the old key is untouched');
  assertHandedBack(error, created.key);
});

test('rotate: an abort after the create answered hands the new key back', async () => {
  const old = await neon.apiKeys.create({ name: 'partial-abort-v1' });
  const { signal, neon: aborting } = abortingAfter(/^neon-admin: POST \/api_keys attempt \d+\/\d+: 200/);
  const error = await rejection(aborting.apiKeys.rotate({ oldKeyId: old.id, name: 'partial-abort-v2' }, { signal }));
  assert.ok(error instanceof NeonAbortError, String(error));
  const { created } = error.partial;
  assert.equal((await client(created.key).whoami()).auth_data, 'partial-abort-v2');
  assertHandedBack(error, created.key);
});

test('create: an abort after the create answered still resolves with the key', async () => {
  const { signal, neon: aborting } = abortingAfter(/^neon-admin: POST \/api_keys attempt \d+\/\d+: 200/);
  const created = await aborting.apiKeys.create({ name: 'partial-create-abort' }, { signal });
  assert.equal(signal.aborted, true);
  assert.equal((await client(created.key).whoami()).auth_data, 'partial-create-abort');
});

test('rotate: onNewKey throwing and the new key failing to revoke: NeonRotationError carries the key', async () => {
  const old = await neon.apiKeys.create({ name: 'partial-callback-v1' });
  const { proxy, neon: failing } = await failingOn('/api_keys/');
  let seen;
  let error;
  try {
    error = await rejection(failing.apiKeys.rotate({ oldKeyId: old.id, name: 'partial-callback-v2', onNewKey: (key) => { seen = key.key; throw new Error('store down'); } }));
  } finally {
    proxy.close();
  }
  assert.ok(error instanceof NeonRotationError, String(error));
  assert.equal(error.newKeyRevoked, false);
  assert.match(error.message, /its token is in this error's `partial`/);
  assert.equal(error.partial.created.key, seen);
  assert.equal(error.partial.revoked, null);
  assert.equal((await client(seen).whoami()).auth_data, 'partial-callback-v2');
  assertHandedBack(error, seen);
});

/** A key as the fault server is scripted to create it: its token is known exactly. */
const scriptedKey = (extra) => ({ id: 8, key: 'napi_scripted_token_4f1c9e2a7b', name: 'next', created_at: '2025-11-03T09:14:27Z', created_by: 'u1', ...extra });

test('rotate: a new key the check refuses whose revoke fails is handed back', async () => {
  faults.reset();
  faults.script('POST', '/api_keys', [{ status: 200, body: scriptedKey() }]);
  faults.script('GET', '/auth', [{ status: 401 }]);
  faults.script('DELETE', '/api_keys/8', [{ status: 500 }]);
  const faulty = new NeonAdmin({ apiKey: 'napi_fault_caller_0123456789', baseUrl: faults.baseUrl, env: {} });
  const error = await rejection(faulty.apiKeys.rotate({ oldKeyId: 7, name: 'next' }));
  assert.ok(error instanceof NeonApiError);
  assert.match(error.message, /revoke key 8 yourself/);
  assert.equal(error.partial.created.key, scriptedKey().key);
  assert.equal(error.partial.created.id, 8);
  assertHandedBack(error, scriptedKey().key);
});

test('create: a key of the wrong scope whose revoke fails is handed back', async () => {
  faults.reset();
  const keys = '/organizations/org-partial/api_keys';
  faults.script('GET', keys, [{ status: 200, body: [] }]);
  faults.script('POST', keys, [{ status: 200, body: scriptedKey() }]);
  faults.script('DELETE', `${keys}/8`, [{ status: 500 }]);
  const faulty = new NeonAdmin({ apiKey: 'napi_fault_caller_0123456789', baseUrl: faults.baseUrl, env: {} });
  const error = await rejection(faulty.orgApiKeys('org-partial').create({ name: 'next', projectId: 'proj-x' }));
  assert.ok(error instanceof NeonApiError);
  assert.equal(error.code, 'key_scope_mismatch');
  assert.equal(error.partial.key, scriptedKey().key);
  assertHandedBack(error, scriptedKey().key);
});
