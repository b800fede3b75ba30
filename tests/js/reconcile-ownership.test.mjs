// After a lost create, a listed key of the same name is revoked as this call's orphan only when
// nothing tells it apart from the key this call would have made. Here this call's create never
// reaches the API (the lossy proxy drops it), and while it is in flight a same-named key appears
// that is someone else's: another organization member's, one already used, one created before
// the call sent its create. Each stays live, and the call rejects naming it and why.
// Runs on both backends (scripts/test.sh).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import NeonAdmin, { NeonNetworkError } from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { startLossyProxy } from './support/lossy-proxy.mjs';
import { ORG, ORG_KEY_LINGER_MS, tokenWorks as tokenWorksWith } from './support/reconcile-writes.mjs';
import { assertNoLeak } from './support/leaks.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

let sim;
let proxy;
let direct;
let lossy;
let serial = 0;

/** A client of the simulator itself (no proxy) with `apiKey`. */
const client = (apiKey) => new NeonAdmin({ apiKey, baseUrl: sim.baseUrl, env: {} });

before(async () => {
  sim = await startSimulator({ args: ['--org-key-linger-ms', String(ORG_KEY_LINGER_MS)] });
  proxy = await startLossyProxy(sim.baseUrl);
  direct = client(sim.seedKey);
  lossy = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: proxy.baseUrl, env: {}, timeoutMs: 2000 });
});
after(async () => {
  await proxy?.close();
  sim?.stop();
});

const rejection = (promise) => promise.then(() => assert.fail('expected a rejection'), (e) => e);
const tokenWorks = (token) => tokenWorksWith(client, token);

/**
 * Runs `create(lossy, name)` with its create dropped before the API sees it, while `meanwhile(name)`
 * makes the other key; resolves to `{ error, other, writes }`: the call's rejection, the key
 * `meanwhile` made, and the writes the simulator received during the call.
 */
async function lostWhileAnotherCreates(create, meanwhile) {
  const name = `shared-name-${++serial}`;
  let other;
  await sim.resetLog();
  proxy.disarm();
  proxy.arm('drop-before', {
    method: 'POST',
    onRequest: async () => {
      other = await meanwhile(name);
    },
  });
  const error = await rejection(create(lossy, name));
  const writes = (await sim.requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  assert.ok(other, 'the other key was made while the call was in flight');
  return { error, other, writes, name };
}

/** Checks what every case shares: nothing revoked, the other key named, no token shown. */
function assertLeftAlone({ error, other, writes }, why) {
  assert.ok(error instanceof NeonNetworkError, String(error));
  assert.equal(error.orphans, undefined, 'no orphan: nothing of this call was listed');
  assert.match(error.message, new RegExp(`key ${other.id} with that name appeared, but it is not this call's: it ${why}`));
  assert.match(error.message, /It was left alone: check who holds key \d+/);
  assert.match(error.message, /give each job its own key name, e\.g\. one carrying the CI run ID/);
  assert.ok(!writes.some((w) => w.startsWith('DELETE')), `nothing revoked: ${writes.join(', ')}`);
  assertNoLeak(error, other.key);
}

test("another organization member's same-named key stays live", async () => {
  const member = (await sim.hook('org-members')).body;
  assert.match(member.user_id, /^[0-9a-f-]{36}$/);
  const theirs = client(member.key).orgApiKeys(ORG);
  const outcome = await lostWhileAnotherCreates(
    (api, name) => api.orgApiKeys(ORG).create({ name }),
    (name) => theirs.create({ name }),
  );
  const me = (await direct.whoami()).account_id;
  assertLeftAlone(outcome, `was created by user ${member.user_id}, not by this caller \\(${me}\\)`);
  assert.deepEqual(outcome.writes, [`POST /api/v2/organizations/${ORG}/api_keys`], "only the member's create: this call's never arrived and it sent no other");
  assert.equal(await tokenWorks(outcome.other.key), true, "the member's key still works");
  const named = (await direct.orgApiKeys(ORG).list()).filter((k) => k.name === outcome.name);
  assert.deepEqual(named.map((k) => k.id), [outcome.other.id], 'one key of that name: the member\'s');
  await theirs.revoke(outcome.other.id);
});

test('a same-named key of the same user that was already used stays live', async () => {
  const outcome = await lostWhileAnotherCreates(
    (api, name) => api.apiKeys.create({ name }),
    async (name) => {
      const made = await direct.apiKeys.create({ name });
      assert.equal(await tokenWorks(made.key), true);
      return made;
    },
  );
  const listed = (await direct.apiKeys.list()).find((k) => k.id === outcome.other.id);
  assertLeftAlone(outcome, `was already used \\(last used at ${listed.last_used_at}\\)`);
  assert.equal(await tokenWorks(outcome.other.key), true);
  await direct.apiKeys.revoke(outcome.other.id);
});

test('a same-named key created before the call sent its create stays live', async () => {
  const outcome = await lostWhileAnotherCreates(
    (api, name) => api.orgApiKeys(ORG).create({ name }),
    async (name) => {
      const made = await direct.orgApiKeys(ORG).create({ name });
      // As a listing that lags behind shows it: made earlier, yet missing from the call's first listing.
      const moved = await sim.hook(`api-keys/${made.id}/backdate/120`);
      assert.equal(moved.status, 200);
      return { ...made, created_at: moved.body.created_at };
    },
  );
  assertLeftAlone(outcome, `was created at ${outcome.other.created_at}, before this call sent its create`);
  assert.equal(await tokenWorks(outcome.other.key), true);
  await direct.orgApiKeys(ORG).revoke(outcome.other.id);
});

test('two new keys of that name: neither is revoked, and the error says what sets each apart', async () => {
  const member = (await sim.hook('org-members')).body;
  let mine;
  const outcome = await lostWhileAnotherCreates(
    (api, name) => api.orgApiKeys(ORG).create({ name }),
    async (name) => {
      mine = await direct.orgApiKeys(ORG).create({ name });
      return client(member.key).orgApiKeys(ORG).create({ name });
    },
  );
  const { error, other } = outcome;
  assert.ok(error instanceof NeonNetworkError, String(error));
  assert.match(error.message, new RegExp(`2 new keys with that name appeared \\(IDs ${mine.id}, ${other.id}\\)`));
  assert.match(error.message, /so none was revoked: check them and revoke the ones nobody holds/);
  assert.ok(error.message.includes(`key ${mine.id} could be this call's; key ${other.id} was created by user ${member.user_id}`), error.message);
  assert.ok(!outcome.writes.some((w) => w.startsWith('DELETE')), 'nothing revoked');
  for (const key of [mine, other]) {
    assert.equal(await tokenWorks(key.key), true);
    assertNoLeak(error, key.key);
    await direct.orgApiKeys(ORG).revoke(key.id);
  }
});

test("this call's own orphan is still revoked: same user, made after the send, never used", async () => {
  const name = `own-orphan-${++serial}`;
  proxy.disarm();
  proxy.arm('reset', { method: 'POST' });
  const created = await lossy.orgApiKeys(ORG).create({ name });
  assert.equal(created.reconciled, 'orphan-revoked');
  await sleep(ORG_KEY_LINGER_MS + 200); // revoked organization keys linger in the listing
  const named = (await direct.orgApiKeys(ORG).list()).filter((k) => k.name === name);
  assert.deepEqual(named.map((k) => k.id), [created.id], 'the orphan was revoked; the new key is live');
  await direct.orgApiKeys(ORG).revoke(created.id);
});
