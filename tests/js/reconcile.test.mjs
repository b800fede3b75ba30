// Reconciliation beyond the matrix: the scope check of new keys, `reconcile: false`, a create
// whose answer is lost twice, and apply() settling a change whose answer was lost.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import NeonAdmin, { NeonApiError, NeonNetworkError } from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { listedKey, startFaultServer } from './support/fault-server.mjs';
import { startLossyProxy } from './support/lossy-proxy.mjs';
import { ORG_KEY_LINGER_MS } from './support/reconcile-writes.mjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertNoLeak } from './support/leaks.mjs';

const KEY = 'napi_reconcile_test_key_000000000000000000000000000000000000000000000000';
const ORG = 'org-sim-000001';
const ALPHA = 'proj-sim-alpha';

let sim;
let proxy;
let direct;
let lossy;

before(async () => {
  sim = await startSimulator({ args: ['--org-key-linger-ms', String(ORG_KEY_LINGER_MS)] });
  proxy = await startLossyProxy(sim.baseUrl, { hangMs: 1200 });
  direct = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {} });
  lossy = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: proxy.baseUrl, env: {}, timeoutMs: 400 });
});
after(async () => {
  await proxy?.close();
  sim?.stop();
});

const rejection = (promise) => promise.then(() => assert.fail('expected a rejection'), (e) => e);

/** A fault server whose organization answers a project-scoped create with an unscoped key. */
async function unscopedKeyServer() {
  const server = await startFaultServer();
  const token = 'napi_the_unscoped_token_must_never_show_0000000000000000000000000000000000';
  const created = { id: 8, key: token, name: 'scoped', created_at: '2025-11-03T09:14:27Z', created_by: 'u' };
  const { created_by: _by, ...revoked } = listedKey(8, 'scoped');
  server.script('GET', `/organizations/${ORG}/api_keys`, [{ status: 200, body: [] }]);
  server.script('POST', `/organizations/${ORG}/api_keys`, [{ status: 200, body: created }]);
  server.script('DELETE', `/organizations/${ORG}/api_keys/8`, [{ status: 200, body: { ...revoked, created_by: 'u', revoked: true } }]);
  return { server, token };
}

test('a project-scoped create answered with an unscoped key: the key is revoked and the call rejects', async () => {
  const { server, token } = await unscopedKeyServer();
  try {
    const neon = new NeonAdmin({ apiKey: KEY, baseUrl: server.baseUrl, env: {} });
    const error = await rejection(neon.orgApiKeys(ORG).create({ name: 'scoped', projectId: 'proj-beta' }));
    assert.ok(error instanceof NeonApiError, String(error));
    assert.equal(error.code, 'key_scope_mismatch');
    assert.match(error.message, /key 8 came back scoped to no project instead of project proj-beta, so it was revoked at once/);
    assert.equal(server.count('DELETE', `/organizations/${ORG}/api_keys/8`), 1, 'revoked once');
    assertNoLeak(error, token);
  } finally {
    await server.close();
  }
});

test('reconcile: false keeps the "outcome unknown" error; by default the create is reconciled', async () => {
  const server = await startFaultServer();
  try {
    server.script('POST', '/api_keys', ['reset-after-body', 'ok']);
    const off = new NeonAdmin({ apiKey: KEY, baseUrl: server.baseUrl, env: {}, reconcile: false });
    const error = await rejection(off.apiKeys.create({ name: 'ci' }));
    assert.ok(error instanceof NeonNetworkError, String(error));
    assert.match(error.message, /may or may not have been applied, so it was not retried/);
    assert.equal(error.reconciled, undefined);
    assert.equal(server.count('POST', '/api_keys'), 1);
    assert.equal(server.count('GET', '/api_keys'), 0, 'nothing listed');

    server.script('POST', '/api_keys', ['reset-after-body', 'ok']);
    const on = new NeonAdmin({ apiKey: KEY, baseUrl: server.baseUrl, env: {} });
    const created = await on.apiKeys.create({ name: 'ci' });
    // The fault server lists no new key: nothing was made, so the create was sent again.
    assert.equal(created.reconciled, 'sent-again');
    assert.equal(server.count('POST', '/api_keys'), 3);
    assert.equal(server.count('GET', '/api_keys'), 2, 'listed before the create and after the lost answer');
  } finally {
    await server.close();
  }
});

test('an orphan that cannot be revoked stops the call, which names it as not revoked', async () => {
  const keys = direct.apiKeys;
  const before = new Set((await keys.list()).map((k) => k.id));
  proxy.disarm();
  proxy.arm(500, { method: 'POST' });
  proxy.arm('drop-before', { times: 2, method: 'DELETE' }); // the orphan's revocation and its resend
  const error = await rejection(lossy.apiKeys.create({ name: 'unrevokable' }));
  assert.ok(error instanceof NeonApiError, String(error));
  assert.equal(error.orphans.length, 1);
  const [{ id, revoked }] = error.orphans;
  assert.equal(revoked, false);
  assert.match(error.message, new RegExp(`revoking it failed: revoke key ${id} yourself, then create the key again`));
  const fresh = (await keys.list()).filter((k) => !before.has(k.id));
  assert.deepEqual(fresh.map((k) => k.id), [id], 'no second key was created; the orphan is still live, as the error says');
  await keys.revoke(id);
});

test('an orphan whose revocation answer is lost too is revoked by resending the revocation', async () => {
  const keys = direct.apiKeys;
  const before = new Set((await keys.list()).map((k) => k.id));
  proxy.disarm();
  proxy.arm(504, { times: 2 }); // the create, then the orphan's revocation (both committed)
  const created = await lossy.apiKeys.create({ name: 'revoked-on-resend' });
  assert.equal(created.reconciled, 'orphan-revoked');
  const fresh = (await keys.list()).filter((k) => !before.has(k.id));
  assert.deepEqual(fresh.map((k) => k.id), [created.id], 'exactly one live key: the caller\'s');
  await keys.revoke(created.id);
});

test('both creates lose their answers: both orphans are revoked and the error names them', async () => {
  const keys = direct.orgApiKeys(ORG);
  const before = new Set((await keys.list()).map((k) => k.id));
  proxy.disarm();
  proxy.arm('reset', { times: 2, method: 'POST' });
  const error = await rejection(lossy.orgApiKeys(ORG).create({ name: 'lost-twice' }));
  assert.ok(error instanceof NeonNetworkError, String(error));
  assert.equal(error.reconciled, 'orphan-revoked');
  assert.equal(error.orphans.length, 2);
  assert.ok(error.orphans.every((o) => o.revoked && !before.has(o.id)));
  assert.match(error.message, new RegExp(`the keys it made \\(IDs ${error.orphans.map((o) => o.id).join(', ')}\\) were revoked`));
  assert.match(error.message, /left no live key: try again later/);
  await sleep(ORG_KEY_LINGER_MS + 200); // revoked organization keys linger in the listing
  assert.deepEqual((await keys.list()).filter((k) => !before.has(k.id)), [], 'no live key from this call');
});

test('apply settles a change whose answer was lost, and says so in the change', async () => {
  const branch = 'br-filler-003';
  await direct.branchAuth(ALPHA, branch).enable();
  const auth = lossy.branchAuth(ALPHA, branch);
  const allow = !(await auth.allowLocalhost.get()).allow_localhost;
  await sim.resetLog();
  proxy.disarm();
  proxy.arm(502);
  const result = await auth.apply({ allowLocalhost: allow, trustedDomains: ['https://apply.example.com'] });
  assert.deepEqual(result.changes.map((c) => [c.target, c.reconciled ?? null]), [
    ['trustedDomains', 'already-done'],
    ['allowLocalhost', null],
  ]);
  assert.equal(result.reconciled, 'already-done');
  const writes = (await sim.requests()).filter((r) => r.method !== 'GET').length;
  assert.equal(writes, 2, 'each change written once');
  const state = direct.branchAuth(ALPHA, branch);
  assert.deepEqual((await state.domains.list()).map((d) => d.domain), ['https://apply.example.com']);
  assert.equal((await state.allowLocalhost.get()).allow_localhost, allow);
});

test('each reconciliation is a line in the debug log, with no token in it', async () => {
  const lines = [];
  const logged = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: proxy.baseUrl, env: {}, timeoutMs: 400, logger: (line) => lines.push(line) });
  proxy.disarm();
  proxy.arm('reset');
  const created = await logged.apiKeys.create({ name: 'logged' });
  assert.equal(created.reconciled, 'orphan-revoked');
  // Neither the attempts' lines nor the rate budget's: only what reconciling added.
  const reconciliation = lines.filter((l) => !/ attempt \d+\/\d+: /.test(l) && !l.startsWith('neon-admin: rate budget: '));
  assert.equal(reconciliation.length, 2, reconciliation.join('\n'));
  assert.match(reconciliation[0], /^neon-admin: key \d+ was made by a create whose answer was lost; revoked$/);
  assert.equal(reconciliation[1], "neon-admin: a write's answer was lost; reconciled: orphan-revoked (the key it made was revoked; created again)");
  assert.ok(!lines.join('\n').includes(created.key), 'no token in the log');
  await direct.apiKeys.revoke(created.id);
});
