// 200 calls in flight at once on one client (one wasm instance, or one native client with its
// connection pool) against the local simulator: 100 key creations, 50 listings and 50 whoami
// calls, interleaved. A proxy in front of the simulator holds every request until 200 are open at
// once, so the calls are proven to be in flight together by what the server side saw. Every call
// must resolve with its own correct answer, and the simulator must see exactly one request per
// call, plus the listing each create makes first (so that a lost answer could be reconciled). Runs
// on both backends (scripts/test.sh).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { startHoldingProxy } from './support/holding-proxy.mjs';

const CREATES = 100;
const LISTS = 50;
const WHOAMIS = 50;
const TOTAL = CREATES + LISTS + WHOAMIS;
/** Requests: one per call, and a listing before each create. */
const REQUESTS = TOTAL + CREATES;

let sim;
let proxy;
let neon;

before(async () => {
  sim = await startSimulator();
  // Each call's first request (a create's is its listing) is held until all TOTAL are open.
  proxy = await startHoldingProxy(sim.baseUrl, { hold: TOTAL });
  // The rate budget would pace the 200 calls (about 11 a second): off, so that all are in flight at once.
  neon = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: proxy.baseUrl, env: {}, rateLimit: false });
});
after(async () => {
  await proxy?.close();
  sim?.stop();
});

/** A fixed interleaving of the three kinds of call (a seeded Fisher–Yates shuffle). */
function interleaved() {
  const jobs = [
    ...Array.from({ length: CREATES }, (_, i) => ({ kind: 'create', i })),
    ...Array.from({ length: LISTS }, (_, i) => ({ kind: 'list', i })),
    ...Array.from({ length: WHOAMIS }, (_, i) => ({ kind: 'whoami', i })),
  ];
  let state = 0x2c299f56;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  for (let i = jobs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [jobs[i], jobs[j]] = [jobs[j], jobs[i]];
  }
  return jobs;
}

test(`${TOTAL} calls in flight on one client all resolve correctly, one request each`, async () => {
  await sim.resetLog();
  const jobs = interleaved();
  const started = jobs.map((job) => (job.kind === 'create' ? neon.apiKeys.create({ name: `c-${job.i}` }) : job.kind === 'list' ? neon.apiKeys.list() : neon.whoami()));
  const outcomes = await Promise.allSettled(started);
  assert.ok(proxy.releasedByCount(), `the server side never had ${TOTAL} requests open at once (at most ${proxy.peak()})`);

  const rejected = outcomes.flatMap((o, n) => (o.status === 'rejected' ? [`${jobs[n].kind} #${jobs[n].i}: ${o.reason?.name}: ${o.reason?.message}`] : []));
  assert.deepEqual(rejected, [], 'no call failed');
  const results = { create: [], list: [], whoami: [] };
  jobs.forEach((job, n) => {
    results[job.kind][job.i] = outcomes[n].value;
  });

  // Key creations: each answer is its own key (by name), with a distinct ID and token.
  const created = results.create;
  created.forEach((key, i) => {
    assert.equal(key.name, `c-${i}`, `create #${i} got the answer of another call`);
    assert.ok(Number.isSafeInteger(key.id) && key.id > 0, `create #${i}: id ${key.id}`);
    assert.match(key.key, /^[a-z0-9]{64}$/, `create #${i}: token`);
    assert.ok(!inspect(key).includes(key.key), `create #${i}: token redacted in inspect`);
  });
  assert.equal(new Set(created.map((k) => k.id)).size, CREATES, 'distinct key IDs');
  assert.equal(new Set(created.map((k) => k.key)).size, CREATES, 'distinct tokens');

  // Listings ran concurrently with the creations: each is a well-formed list without tokens, and
  // what each saw of this run's keys is consistent with what was created.
  const createdIds = new Map(created.map((k) => [k.id, k.name]));
  results.list.forEach((list, i) => {
    assert.ok(Array.isArray(list), `list #${i} is an array`);
    assert.equal(new Set(list.map((k) => k.id)).size, list.length, `list #${i} has no duplicate IDs`);
    for (const entry of list) {
      assert.equal('key' in entry, false, `list #${i} carries no token`);
      if (createdIds.has(entry.id)) assert.equal(entry.name, createdIds.get(entry.id), `list #${i}: key ${entry.id} has the name it was created with`);
      else assert.ok(!/^c-\d+$/.test(entry.name), `list #${i}: key ${entry.id} (${entry.name}) was not created by this run`);
    }
  });

  // whoami: every answer is the seed key's.
  const accounts = new Set(results.whoami.map((me) => me.account_id));
  assert.equal(accounts.size, 1, 'one account');
  results.whoami.forEach((me, i) => {
    assert.equal(me.auth_method, 'api_key_user', `whoami #${i}`);
    assert.equal(me.auth_data, 'seed', `whoami #${i}`);
  });

  // Exactly one request per call (and a listing per create): no retry, no duplicate creation, a
  // distinct request ID each.
  const requests = await sim.requests();
  assert.equal(requests.length, REQUESTS, `the simulator saw ${requests.length} requests for ${TOTAL} calls`);
  const count = (method, path) => requests.filter((q) => q.method === method && q.path === path).length;
  assert.equal(count('POST', '/api/v2/api_keys'), CREATES);
  assert.equal(count('GET', '/api/v2/api_keys'), LISTS + CREATES);
  assert.equal(count('GET', '/api/v2/auth'), WHOAMIS);
  assert.equal(new Set(requests.map((q) => q.request_id)).size, REQUESTS, 'a distinct X-Request-ID per request');
  assert.ok(requests.every((q) => q.authorization_present), 'every request carried the key');

  // Every created key is listed afterwards, under its name.
  const listed = new Map((await neon.apiKeys.list()).map((k) => [k.id, k.name]));
  for (const key of created) assert.equal(listed.get(key.id), key.name, `key ${key.id} (${key.name}) is listed`);
});
