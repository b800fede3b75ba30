// Fleet scale against the simulator with Neon's rate limits on (scaled ×20 to keep the run short,
// the client's budget scaled the same): 200 preview branches applied without one 429; a second
// client spending the account's budget behind our back (429s absorbed, every branch succeeds);
// branch selection by glob, array and predicate; a failing branch; the rate-limit option.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin, { NeonAbortError, NeonApiError, NeonConfigError } from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { startFailingProxy } from './support/failing-proxy.mjs';

const SCALE = 20;
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
  assert.ok(run.summary.waited_ms > 0, 'requests waited for the budget');
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

test('a second client spending the same account behind our back: 429s arrive, are absorbed, every branch succeeds', async () => {
  // Ours paces at 50/s, well under the account's limit, until the other client's burst (far over
  // the account's budget, all at once, mid-run) leaves the account nothing for a moment.
  const neon = client({ rateLimit: { perMinute: 3000 } });
  const other = client({ rateLimit: false, maxRetries: 0 });
  const before429 = await throttled();
  let burst;
  const onProgress = ({ done }) => {
    if (done === 5) burst = Promise.allSettled(Array.from({ length: 400 }, () => other.whoami()));
  };
  const run = await neon.applyBranchAuth(FLEET, desired, { branches: (b) => b.name > 'preview/pr-0220', onProgress });
  const settled = await burst;
  const burst429 = settled.filter((r) => r.status === 'rejected' && r.reason instanceof NeonApiError && r.reason.status === 429).length;
  assert.ok(burst429 > 0);
  assert.equal(run.summary.branches, 20);
  assert.equal(run.summary.failed, 0, JSON.stringify(run.results.find((r) => r.error)?.error?.message));
  assert.ok((await throttled()) - before429 > burst429, 'some 429s went to our client, and were absorbed');
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

  // Two requests a minute: the second call would wait about 30 s for the budget; its abort ends
  // the wait without a request. The bound is half that wait, so a busy machine cannot fail it and
  // a wait that ignores the abort cannot pass it.
  const slow = client({ rateLimit: { perMinute: 2 } });
  await slow.whoami();
  await sim.resetLog();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const started = Date.now();
  await assert.rejects(slow.whoami({ signal: controller.signal }), (e) => e instanceof NeonAbortError && e.attempts === 0);
  assert.ok(Date.now() - started < 15_000, `the wait ended with the abort, not after ${Date.now() - started} ms`);
  assert.equal((await sim.requests()).length, 0, 'nothing was sent');
});
