// A secret the API returned is always delivered: every flow that can receive a once-shown secret
// (tests/js/support/secret-flows.mjs) × every request of it × every way that request can fail
// (tests/js/support/nth-request-proxy.mjs), plus each callback throwing and a second caller
// running the same flow at the same time. After each case, every secret the simulator minted
// (`/__sim/minted`) must have reached its caller (in the result or the error's `partial`) or been
// revoked by that caller (or, for a lost create's key, be named by the rejection), and no key live before may have been revoked except the one the call
// was asked to revoke (tests/js/support/delivery-check.mjs). The counts and outcomes go to
// .tmp/secret-delivery.json, and the last test checks that docs/reliability.md's table is this
// run's (`node scripts/reliability-table.mjs --write`).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import NeonAdmin from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { FAILURES, FAILURE_NAMES, startNthRequestProxy } from './support/nth-request-proxy.mjs';
import { FLOWS, makeFleet, titleRoutes } from './support/secret-flows.mjs';
import { brokenPromises, libraryCaller } from './support/delivery-check.mjs';
import { DELIVERY_RESULTS_PATH, DOC_PATH, checkDeliveryDoc } from '../../scripts/reliability-table.mjs';

/** Short, so that a case whose answer never comes ends soon; the failure under test is the only slow request. */
const TIMEOUT_MS = 400;
/** The second-caller cases: the first caller's first write never reaches the API, or is committed and its answer lost. */
const PAIR_FAILURES = ['drop-before', 'reset'];
/** Column names of the docs table beside the failures. */
const CALLBACK_COLUMN = 'callback throws';
const PAIR_COLUMN = 'second caller';

const sim = await startSimulator({ args: ['--org-key-linger-ms', '300'] });
const proxy = await startNthRequestProxy(sim.baseUrl, { holdMs: TIMEOUT_MS * 4 });
const secondProxy = await startNthRequestProxy(sim.baseUrl);
after(async () => {
  await proxy.close();
  await secondProxy.close();
  sim.stop();
});
const clientOf = (baseUrl, options = {}) => new NeonAdmin({ apiKey: sim.seedKey, baseUrl, env: {}, rateLimit: false, ...options });
const direct = clientOf(sim.baseUrl);
const api = clientOf(proxy.baseUrl, { timeoutMs: TIMEOUT_MS });
// The first caller of a pair waits (its write held at the proxy) while the second runs its flow.
const patientApi = clientOf(proxy.baseUrl);
const secondApi = clientOf(secondProxy.baseUrl);
/** The second caller of a create: another member of the organization (see `pairByAnotherMember`). */
const member = (await sim.hook('org-members')).body;
const memberApi = clientOf(secondProxy.baseUrl, { apiKey: member.key });
await sim.resetMinted();
await makeFleet(sim);

const settle = (promise) => promise.then((value) => ({ value }), (error) => ({ error }));
const quietHooks = { callback: () => {} };

/** The requests of each flow when nothing fails, as `METHOD /path`. */
const routes = new Map();
for (const flow of FLOWS) {
  const ctx = await flow.setup(direct, sim);
  proxy.plan();
  await flow.act(api, ctx, quietHooks);
  routes.set(flow.label, titleRoutes(proxy.seen()));
  await flow.cleanup(direct, ctx);
}

/** One row per flow × column: { flow, failure, cases, failing: [what failed, e.g. `k 2`] }. */
const rows = [];
function record(flow, failure, what, pass) {
  let row = rows.find((r) => r.flow === flow.label && r.failure === failure);
  if (!row) rows.push((row = { flow: flow.label, failure, cases: 0, failing: [] }));
  row.cases += 1;
  if (!pass) row.failing.push(what);
}

/** Runs one case (`run` resolves to its broken promises) and records it; fails the test when any. */
async function judged(flow, column, what, run) {
  let broken = ['the case did not finish'];
  try {
    broken = await run();
  } finally {
    record(flow, column, what, broken.length === 0);
  }
  assert.deepEqual(broken, [], broken.join('; '));
}

/** The flow, its `at`-th request failing with `failure` (or its `throwAt`-th callback throwing). */
async function runAlone(flow, { at, failure, throwAt }) {
  const ctx = await flow.setup(direct, sim);
  const controller = new AbortController();
  const hooks = {
    signal: controller.signal,
    callback(i) {
      if (i === throwAt) throw new Error('the callback failed on purpose');
    },
  };
  const before = await sim.minted();
  proxy.plan(at ? { at, failure, onAbort: () => controller.abort() } : undefined);
  const outcome = await settle(flow.act(api, ctx, hooks));
  const caller = libraryCaller('the call', outcome, proxy.requestIds(), flow.mayRevoke(ctx));
  const afterCall = await sim.minted();
  proxy.plan();
  await flow.cleanup(direct, ctx);
  return brokenPromises({ before, after: afterCall, callers: [caller] });
}

/** Two callers, same flow and names: the first one's first write is held while the second runs, then fails. */
async function runPair(flow, failure) {
  const ctx = await flow.setup(direct, sim);
  const before = await sim.minted();
  let second;
  secondProxy.plan();
  const secondCaller = flow.pairByAnotherMember ? memberApi : secondApi;
  proxy.plan({ at: 1, writes: true, failure, before: async () => (second = await settle(flow.act(secondCaller, ctx, quietHooks))) });
  const first = await settle(flow.act(patientApi, ctx, quietHooks));
  const callers = [
    libraryCaller('the first caller', first, proxy.requestIds(), flow.mayRevoke(ctx)),
    libraryCaller('the second caller', second ?? { error: new Error('never ran') }, secondProxy.requestIds(), flow.mayRevoke(ctx)),
  ];
  const afterCalls = await sim.minted();
  proxy.plan();
  await flow.cleanup(direct, ctx);
  return brokenPromises({ before, after: afterCalls, callers });
}

// Registered only now: the runner starts the first test (and, once none is left, the `after`
// hook) as soon as one is registered, and the counting above must have finished by then.
test('the check catches an undelivered secret, a foreign revocation and a revoked result', () => {
  const entry = (id, revoked = false, by = null) => ({ kind: 'api_key', id, secrets: [`token-${id}`], revoked, revoked_by_request: by });
  const caller = (who, outcome, ids, mayRevoke = []) => libraryCaller(who, outcome, new Set(ids), mayRevoke);
  const one = (outcome, after, before = []) => brokenPromises({ before, after, callers: [caller('the call', outcome, ['r1'])] });
  assert.deepEqual(one({ value: { key: 'token-1' } }, [entry('1')]), []);
  assert.deepEqual(one({ error: Object.assign(new Error('x'), { partial: { created: { key: 'token-1' } } }) }, [entry('1')]), []);
  assert.deepEqual(one({ error: new Error('x') }, [entry('1', true, 'r1')]), []);
  assert.deepEqual(one({ error: Object.assign(new Error('x'), { orphans: [{ id: 1, revoked: false }] }) }, [entry('1')]), []);
  assert.equal(one({ error: new Error('token-1') }, [entry('1')]).length, 1, 'a secret in the message is a leak, not a delivery');
  const auth = { kind: 'neon_auth', id: 'br-x-1', secrets: ['pck_1', 'ssk_1'], revoked: false, revoked_by_request: null };
  assert.equal(one({ value: { pub_client_key: 'pck_1' } }, [auth]).length, 1, 'both keys or none');
  assert.deepEqual(one({ error: Object.assign(new Error('enabled on branch br-x-1, its keys were lost'), { code: 'keys_not_received' }) }, [auth]), []);
  assert.equal(one({ error: Object.assign(new Error('failed on branch br-x-1'), { code: 'BAD_REQUEST' }) }, [auth]).length, 1);
  assert.equal(one({ value: {} }, [entry('1', true, 'other')]).length, 1);
  assert.equal(one({ value: { key: 'token-1' } }, [entry('1', true, 'r1')]).length, 1, 'resolved with a revoked key');
  assert.equal(one({ value: {} }, [entry('2', true, 'r1')], [entry('2')]).length, 1, 'revoked a key live before');
  const pair = brokenPromises({
    before: [],
    after: [entry('3', true, 'a1')],
    callers: [caller('A', { error: new Error('x') }, ['a1']), caller('B', { value: { key: 'token-3' } }, ['b1'])],
  });
  assert.deepEqual(pair, ['A revoked API key 3, which B received', 'B resolved with API key 3, which no longer works']);
});

for (const flow of FLOWS) {
  const seen = routes.get(flow.label);
  for (const failure of FAILURES) {
    for (let k = 1; k <= seen.length; k++) {
      test(`${flow.label} × request ${k} of ${seen.length} (${seen[k - 1]}) × ${FAILURE_NAMES[failure]}`, () =>
        judged(flow, FAILURE_NAMES[failure], `k ${k}`, () => runAlone(flow, { at: k, failure })));
    }
  }
  for (let i = 1; i <= (flow.callbacks?.calls ?? 0); i++) {
    test(`${flow.label} × ${flow.callbacks.kind} throws (call ${i} of ${flow.callbacks.calls})`, () =>
      judged(flow, CALLBACK_COLUMN, `call ${i}`, () => runAlone(flow, { throwAt: i })));
  }
  for (const failure of flow.pairs === false ? [] : PAIR_FAILURES) {
    test(`${flow.label} × a second caller, same names, while the first caller's first write ${FAILURE_NAMES[failure]}`, () =>
      judged(flow, PAIR_COLUMN, FAILURE_NAMES[failure], () => runPair(flow, failure)));
  }
}

test("the docs/reliability.md secret-delivery table is this run's", () => {
  const pairs = (flow) => (flow.pairs === false ? 0 : PAIR_FAILURES.length);
  const expected = FLOWS.reduce((sum, flow) => sum + routes.get(flow.label).length * FAILURES.length + (flow.callbacks?.calls ?? 0) + pairs(flow), 0);
  assert.equal(
    rows.reduce((sum, row) => sum + row.cases, 0),
    expected,
    'every case was recorded',
  );
  mkdirSync(dirname(DELIVERY_RESULTS_PATH), { recursive: true });
  writeFileSync(DELIVERY_RESULTS_PATH, JSON.stringify({ rows }, null, 2));
  const { ok, actual } = checkDeliveryDoc(rows, readFileSync(DOC_PATH, 'utf8'));
  assert.notEqual(actual, null, 'docs/reliability.md has the <!-- secret-delivery:start --> … <!-- secret-delivery:end --> markers');
  assert.ok(ok, 'the docs/reliability.md secret-delivery table is stale: run `node scripts/reliability-table.mjs --write` (from this run\'s .tmp/secret-delivery.json)');
});
