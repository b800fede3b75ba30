// A fleet apply that stops part way (a throwing onProgress, an abort, the caller's mistake found
// on a later branch, a failing listing) rejects with `error.partial`: `{ results, summary }` of
// every branch finished, the Neon Auth keys it enabled included (shown once, so never dropped).
// The partial is redacted when inspected and whole in JSON. Against the simulator's fleet
// (12 preview branches, listed newest first: pr-0012 … pr-0001; pr-0009, pr-0005 and pr-0001
// have Neon Auth off), and against a stand-in runner for the stops the simulator cannot cause.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin, { NeonAbortError, NeonApiError, NeonConfigError, NeonError } from '../../js/node.mjs';
import { applyAcrossBranches } from '../../js/resources/fleet-apply.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { startFailingProxy } from './support/failing-proxy.mjs';

const FLEET = 'proj-sim-fleet';
const desired = { trustedDomains: ['https://preview.example.com'] };

let sim;
before(async () => {
  sim = await startSimulator({ args: ['--preview-branches', '12'] });
});
after(() => sim?.stop());

const client = () => new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {} });

/** The rejection of `promise` (a failure when it resolves). */
async function rejection(promise) {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
  assert.ok('error' in outcome, `resolved: ${JSON.stringify(outcome.value?.summary)}`);
  return outcome.error;
}

/** Checks that `error.partial` holds `keys` whole in the value and in JSON, and never when inspected. */
function assertKeysDelivered(error, keys) {
  const json = JSON.stringify(error);
  const shown = inspect(error, { depth: 10 });
  for (const key of [keys.pub_client_key, keys.secret_server_key]) {
    assert.match(key, /\S{8,}/);
    assert.ok(json.includes(key), 'whole in JSON');
  }
  assert.ok(!shown.includes(keys.secret_server_key), 'redacted when inspected');
  assert.match(shown, /partial/);
}

test('a throwing onProgress rejects with its error, carrying every finished branch and the keys enabled', async () => {
  const thrown = new Error('progress store unavailable');
  const error = await rejection(
    client().applyBranchAuth(FLEET, desired, {
      branches: 'preview/*',
      concurrency: 1,
      onProgress: ({ done }) => {
        if (done === 4) throw thrown;
      },
    }),
  );
  assert.equal(error, thrown, 'the callback error itself');
  const { results, summary } = error.partial;
  assert.deepEqual(results.map((r) => r.name), ['preview/pr-0012', 'preview/pr-0011', 'preview/pr-0010', 'preview/pr-0009']);
  // pr-0012 and pr-0010 have the domain already; the other eight branches were not reached.
  assert.deepEqual([summary.branches, summary.changed, summary.unchanged, summary.failed], [12, 2, 2, 0]);
  assert.ok(summary.requests > 4 && Number.isInteger(summary.waited_ms), JSON.stringify(summary));
  const enabled = results.find((r) => r.created_keys);
  assert.equal(enabled.name, 'preview/pr-0009');
  assert.deepEqual(enabled.changes.map((c) => `${c.action} ${c.target}`), ['enable neonAuth', 'add trustedDomains']);
  assertKeysDelivered(error, enabled.created_keys);
});

test('an abort rejects with NeonAbortError carrying the branches finished, its own branch without a cycle', async () => {
  const controller = new AbortController();
  const error = await rejection(
    client().applyBranchAuth(FLEET, desired, {
      branches: ['preview/pr-0001', 'main'],
      concurrency: 1,
      signal: controller.signal,
      onProgress: ({ branch }) => {
        if (branch.created_keys) controller.abort();
      },
    }),
  );
  assert.ok(error instanceof NeonAbortError, String(error));
  const { results, summary } = error.partial;
  assert.deepEqual(results.map((r) => [r.name, r.error?.name]), [['preview/pr-0001', undefined], ['main', 'NeonAbortError']]);
  assert.equal(results[1].error, error, 'the branch the abort stopped holds the thrown error');
  assert.deepEqual([summary.branches, summary.changed, summary.failed], [2, 1, 1]);
  assertKeysDelivered(error, results[0].created_keys);
});

test("a branch whose apply failed after enabling Neon Auth keeps its keys in its entry (the core's error.partial)", async () => {
  // Enabling pr-0005 succeeds; reading and adding its trusted domains then fail.
  const proxy = await startFailingProxy(sim.baseUrl, 'br-fleet-00005/auth/domains');
  try {
    const neon = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: proxy.baseUrl, env: {}, maxRetries: 0 });
    const run = await neon.applyBranchAuth(FLEET, desired, { branches: ['preview/pr-0005'] });
    const [entry] = run.results;
    assert.ok(entry.error instanceof NeonApiError, String(entry.error));
    assert.equal(entry.changes[0]?.action, 'enable');
    assert.match(entry.created_keys?.secret_server_key ?? '', /\S{8,}/, 'the keys of the Neon Auth it enabled');
    assert.ok(JSON.stringify(run).includes(entry.created_keys.secret_server_key), 'whole in JSON');
    assert.ok(!inspect(run, { depth: 10 }).includes(entry.created_keys.secret_server_key), 'redacted when inspected');
  } finally {
    proxy.close();
  }
});

const KEYS = { pub_client_key: 'pck_standin_0123456789abcdef', secret_server_key: 'ssk_standin_fedcba9876543210' };
const ENABLED = { changes: [{ action: 'enable', target: 'neonAuth' }], neon_auth: { auth_provider: 'better_auth' }, created_keys: KEYS };

/** A stand-in for the client: branches b0, b1, b2, and each branch's apply as `answers` says. */
function standIn(answers, listing) {
  return {
    usage: () => ({ requests: 0, waitedMs: 0 }),
    // The listing as the client gives it: collected whole by `toArray()`.
    listBranches: () => ({
      async toArray() {
        if (listing) throw listing;
        return ['b0', 'b1', 'b2'].map((name) => ({ id: `br-${name}`, name }));
      },
    }),
    run: async (op, target) => answers[target.branch](),
  };
}

test("the caller's mistake found on a later branch rejects with it, carrying the branch that enabled Neon Auth", async () => {
  const mistake = new NeonConfigError({ message: 'invalid `desired`: no such provider', field: 'desired' });
  const env = standIn({ 'br-b0': async () => ENABLED, 'br-b1': async () => Promise.reject(mistake) });
  const error = await rejection(applyAcrossBranches(env, 'proj', desired, { branches: '*', concurrency: 1 }));
  assert.equal(error, mistake);
  assert.deepEqual(error.partial.results.map((r) => [r.name, r.error?.name]), [['b0', undefined], ['b1', 'NeonConfigError']]);
  assert.deepEqual(error.partial.results[0].created_keys, KEYS);
  assert.equal(error.partial.summary.failed, 1);
  assertKeysDelivered(error, KEYS);
});

test('a listing that fails rejects with an empty partial; a non-Error thrown by onProgress becomes a NeonError with the partial', async () => {
  const down = new NeonApiError({ status: 503, message: 'listing failed' });
  const listed = await rejection(applyAcrossBranches(standIn({}, down), 'proj', desired, { branches: '*' }));
  assert.equal(listed, down);
  assert.deepEqual(listed.partial, { results: [], summary: { branches: 0, changed: 0, unchanged: 0, failed: 0, requests: 0, waited_ms: 0 } });

  const env = standIn({ 'br-b0': async () => ENABLED });
  const error = await rejection(applyAcrossBranches(env, 'proj', desired, { branches: ['b0', 'nope'], onProgress: () => Promise.reject('no') }));
  assert.ok(error instanceof NeonError, String(error));
  assert.deepEqual(error.partial.results.map((r) => r.name), ['nope', 'b0'], 'the unmatched name first');
  assertKeysDelivered(error, KEYS);
});

test("a branch whose apply failed after enabling Neon Auth keeps the keys its error's partial holds", async () => {
  const failed = new NeonApiError({ status: 500, message: 'adding the domain failed' });
  // As the core reports an apply that stopped after enabling (error.partial: the ApplyResult so far).
  failed.partial = ENABLED;
  const env = standIn({ 'br-b0': async () => Promise.reject(failed), 'br-b1': async () => ({ changes: [] }), 'br-b2': async () => ({ changes: [] }) });
  const run = await applyAcrossBranches(env, 'proj', desired, { branches: '*' });
  const [entry] = run.results;
  assert.equal(entry.error, failed);
  assert.deepEqual(entry.created_keys, KEYS);
  assert.deepEqual(entry.changes, ENABLED.changes);
  assert.ok(!inspect(entry).includes(KEYS.secret_server_key), 'redacted when inspected');
  assert.deepEqual([run.summary.failed, run.summary.unchanged], [1, 2]);
});
