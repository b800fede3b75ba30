// Fleet scale against the simulator with Neon's rate limits on (scaled ×4, the client's budget
// scaled the same, so that a route's limit binds within a short run): 200 preview branches
// applied without one 429; a second
// client spending the account's budget behind our back (429s absorbed, every branch succeeds);
// branch selection by glob, array and predicate; a failing branch; the rate-limit option.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin, { NeonAbortError, NeonApiError, NeonConfigError } from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { startFailingProxy } from './support/failing-proxy.mjs';

const SCALE = 4;
const FLEET = 'proj-sim-fleet';
const rateLimit = { perMinute: 700 * SCALE, perRoutePerSecond: 40 * SCALE };
/** What the simulator's "matching" fleet branches already have. */
const desired = {
  trustedDomains: ['https://preview.example.com'],
  webhooks: { enabled: true, webhookUrl: 'https://hooks.example.com/neon', enabledEvents: ['user.created'], timeoutSeconds: 5 },
};

let sim;
const client = (options = {}) => new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {}, rateLimit, ...options });
/** Results sorted by branch name. */
const names = (results) => [...results].sort((a, b) => a.name.localeCompare(b.name));
const throttled = async () => (await (await fetch(new URL('/__sim/rate-limit', sim.baseUrl))).json()).throttled;

before(async () => {
  sim = await startSimulator({ args: [`--rate-limit=${SCALE}`, '--preview-branches', '240'] });
});
after(() => sim?.stop());

test('200 preview branches applied under the limits: no 429 at the simulator, a second run changes nothing', async () => {
  const neon = client();
  const before429 = await throttled();
  const progress = [];
  const pick = (b) => /^preview\/pr-0(0\d\d|1\d\d|200)$/.test(b.name);
  const run = await neon.applyBranchAuth(FLEET, desired, { branches: pick, onProgress: (p) => progress.push(p) });
  assert.equal(run.summary.branches, 200);
  assert.equal(run.summary.failed, 0, JSON.stringify(run.results.find((r) => r.error)?.error?.message));
  // A quarter of the seeded branches already match.
  assert.equal(run.summary.unchanged, 50);
  assert.equal(run.summary.changed, 150);
  assert.equal(await throttled(), before429, 'the simulator sent no 429');
  assert.ok(run.summary.requests > 600, `requests ${run.summary.requests}`);
  assert.equal(progress.length, 200);
  assert.deepEqual(progress.at(-1).done, 200);
  assert.ok(progress.every((p, i) => p.done === i + 1 && p.total === 200));
  const enabled = run.results.find((r) => r.created_keys);
  assert.match(enabled.created_keys.secret_server_key, /\S{8,}/);
  assert.ok(!inspect(enabled).includes(enabled.created_keys.secret_server_key), 'created keys redacted when inspected');
  assert.deepEqual(
    names(run.results).slice(0, 4).map((r) => r.changes.map((c) => `${c.action} ${c.target}`)),
    [['enable neonAuth', 'add trustedDomains', 'update webhooks'], ['update webhooks'], ['add trustedDomains', 'update webhooks'], []],
  );

  const second = await neon.applyBranchAuth(FLEET, desired, { branches: pick, concurrency: 8 });
  assert.deepEqual([second.summary.changed, second.summary.unchanged, second.summary.failed], [0, 200, 0]);
  assert.equal(await throttled(), before429);
});

test('a route limit the fleet would go over makes it wait for the window, not meet a 429', async () => {
  // Three in any second on a route: eight branches' reads of their Neon Auth take three windows.
  const neon = client({ rateLimit: { perMinute: 700 * SCALE, perRoutePerSecond: 3 } });
  const before429 = await throttled();
  const run = await neon.applyBranchAuth(FLEET, desired, { branches: (b) => /^preview\/pr-023[0-7]$/.test(b.name), dryRun: true });
  assert.equal(run.summary.branches, 8);
  assert.equal(run.summary.failed, 0);
  assert.ok(run.summary.waited_ms >= 1000, `waited ${run.summary.waited_ms} ms`);
  assert.equal(await throttled(), before429, 'the simulator sent no 429');
});

test('a second client spending the same account behind our back: 429s arrive, are absorbed, every branch succeeds', async () => {
  // Mid-run, another client floods the route our requests take next (reading a branch's Neon
  // Auth) past its limit, until one of our requests has met a 429: our budget cannot know of the
  // other's requests, so that request gets a 429, waits out its Retry-After and is sent again.
  // The fleet awaits onProgress, so our next request leaves only once the flood has filled the
  // route's window (the flood has met a 429 itself): the order does not depend on speed.
  const held = [];
  const neon = client({ rateLimit: { perMinute: 3000 }, logger: (line) => (/ 429 on /.test(line) ? held.push(line) : undefined) });
  const other = client({ rateLimit: false, maxRetries: 0 });
  let flood;
  let floodRejected = 0;
  let saturated;
  const routeFull = new Promise((resolve) => (saturated = resolve));
  const floodRoute = async () => {
    for (let round = 0; round < 50 && held.length === 0; round++) {
      const batch = await Promise.allSettled(Array.from({ length: 20 * SCALE }, () => other.branchAuth(FLEET, 'br-fleet-00001').get()));
      floodRejected += batch.filter((r) => r.status === 'rejected' && r.reason.status === 429).length;
      if (floodRejected > 0) saturated();
    }
    saturated();
  };
  const onProgress = ({ done }) => {
    if (done !== 5) return undefined;
    flood = floodRoute();
    return routeFull;
  };
  const run = await neon.applyBranchAuth(FLEET, desired, { branches: (b) => b.name > 'preview/pr-0220', concurrency: 1, onProgress });
  await flood;
  assert.ok(floodRejected > 0, 'the flood went over the route limit');
  assert.ok(held.length > 0, 'a 429 reached our client');
  assert.match(held[0], /^neon-admin: rate budget: 429 on GET \/projects\/\{\}\/branches\/\{\}\/auth: holding the route/);
  assert.equal(run.summary.branches, 20);
  assert.equal(run.summary.failed, 0, JSON.stringify(run.results.find((r) => r.error)?.error?.message));
});

test('a glob, an array and a predicate each pick exactly their branches (dry run: nothing written)', async () => {
  const neon = client();
  await sim.resetLog();
  const glob = await neon.applyBranchAuth(FLEET, desired, { branches: 'preview/pr-000?', dryRun: true });
  assert.deepEqual(names(glob.results).map((r) => r.name), ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((n) => `preview/pr-000${n}`));
  assert.equal(names(glob.results)[0].branch_id, 'br-fleet-00001');
  const classes = await neon.applyBranchAuth(FLEET, desired, { branches: 'preview/pr-02[34][!5-9]', dryRun: true });
  assert.equal(classes.summary.branches, 6);
  assert.deepEqual(names(classes.results).map((r) => r.name.slice(-2)), ['30', '31', '32', '33', '34', '40']);

  const list = await neon.applyBranchAuth(FLEET, desired, { branches: ['preview/pr-0010', 'br-fleet-00011', 'preview/none'], dryRun: true });
  assert.deepEqual(list.results.map((r) => [r.branch_id, r.name]), [
    [null, 'preview/none'],
    ['br-fleet-00011', 'preview/pr-0011'],
    ['br-fleet-00010', 'preview/pr-0010'],
  ], 'unmatched entries first, then in listing order (newest first)');
  assert.ok(list.results[0].error instanceof NeonConfigError);
  assert.match(list.results[0].error.message, /preview\/none/);
  assert.equal(list.summary.failed, 1);

  const seen = [];
  const byPredicate = await neon.applyBranchAuth(FLEET, desired, {
    branches: (b) => (seen.push(b.id), b.name.endsWith('77')),
    dryRun: true,
  });
  assert.deepEqual(names(byPredicate.results).map((r) => r.name), ['preview/pr-0077', 'preview/pr-0177']);
  assert.equal(seen.length, 241, 'the predicate saw every branch of every page (main included)');
  assert.deepEqual((await sim.requests()).filter((r) => r.method !== 'GET'), [], 'dry runs write nothing');
});

test('a failing branch does not stop the others, and its error is in its result', async () => {
  const proxy = await startFailingProxy(sim.baseUrl, 'br-fleet-00013');
  try {
    const neon = client({ baseUrl: proxy.baseUrl });
    const run = await neon.applyBranchAuth(FLEET, desired, { branches: 'preview/pr-001?', concurrency: 2 });
    assert.equal(run.summary.branches, 10);
    assert.equal(run.summary.failed, 1);
    const failed = run.results.filter((r) => r.error);
    assert.deepEqual(failed.map((r) => r.branch_id), ['br-fleet-00013']);
    assert.ok(failed[0].error instanceof NeonApiError && failed[0].error.status === 500);
    assert.equal(run.results.filter((r) => !r.error).length, 9);
  } finally {
    proxy.close();
  }
});

test('bad options are a NeonConfigError before anything is sent; an abort while waiting sends nothing', async () => {
  const make = (rate) => () => client({ rateLimit: rate });
  for (const [rate, field] of [
    [{ perMinute: 0 }, 'rateLimit.perMinute'],
    [{ perRoutePerSecond: 1.5 }, 'rateLimit.perRoutePerSecond'],
    [{ perHour: 5 }, 'rateLimit.perHour'],
    [true, 'rateLimit'],
  ]) {
    assert.throws(make(rate), (e) => e instanceof NeonConfigError && e.field === field, JSON.stringify(rate));
  }
  const neon = client();
  await sim.resetLog();
  for (const [options, field] of [
    [{}, 'branches'],
    [{ branches: [] }, 'branches'],
    [{ branches: 'x', concurrency: 0 }, 'concurrency'],
    [{ branches: 'x', dryrun: true }, 'dryrun'],
  ]) {
    await assert.rejects(neon.applyBranchAuth(FLEET, desired, options), (e) => e instanceof NeonConfigError && e.field === field);
  }
  await assert.rejects(neon.applyBranchAuth(FLEET, { trustedDomains: 'x' }, { branches: 'preview/pr-0001' }), NeonConfigError);
  assert.equal((await sim.requests()).filter((r) => r.method !== 'GET').length, 0);

  // One request a minute: the second call would wait about 60 s for the budget; its abort ends
  // the wait without a request. The bound is a quarter of that wait, so a busy machine cannot fail
  // it and a wait that ignores the abort cannot pass it.
  const slow = client({ rateLimit: { perMinute: 1 } });
  await slow.whoami();
  await sim.resetLog();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const started = Date.now();
  await assert.rejects(slow.whoami({ signal: controller.signal }), (e) => e instanceof NeonAbortError && e.attempts === 0);
  assert.ok(Date.now() - started < 15_000, `the wait ended with the abort, not after ${Date.now() - started} ms`);
  assert.equal((await sim.requests()).length, 0, 'nothing was sent');
});
