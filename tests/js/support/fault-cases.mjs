// The machinery of tests/js/faults.test.mjs: one fault case (a scripted server, a call through the
// built package, what it returned and how many requests arrived, one row of the reliability
// table), and the checks cases add.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as neonAdmin from '../../../js/node.mjs';
import { startFaultServer } from './fault-server.mjs';
import { assertNoLeak } from './leaks.mjs';

const { NeonAdmin } = neonAdmin;

/** A key easy to spot in any text. */
export const KEY = 'napi_LEAKCHECK_0123456789abcdefghijklmnop';
/** Above the 16 MiB limit. */
export const OVERSIZED = 17 * 1024 * 1024;
/** Client settings of every case unless it says otherwise. */
export const DEFAULT_CLIENT = { timeoutMs: 2000, reconcile: false };

const PATCH_PATH = '/projects/proj-1/branches/br-main-1/auth/email_and_password';

/** The calls under test, by the label of the table's method column. */
export const METHODS = {
  GET: { method: 'GET', path: '/api_keys', call: (neon, ...o) => neon.apiKeys.list(...o) },
  'GET /auth': { method: 'GET', path: '/auth', call: (neon, ...o) => neon.whoami(...o) },
  POST: { method: 'POST', path: '/api_keys', body: { key_name: 'ci-deploy' }, call: (neon, ...o) => neon.apiKeys.create({ name: 'ci-deploy' }, ...o) },
  DELETE: { method: 'DELETE', path: '/api_keys/7', call: (neon, ...o) => neon.apiKeys.revoke(7, ...o) },
  PATCH: {
    method: 'PATCH',
    path: PATCH_PATH,
    body: { enabled: true },
    call: (neon, ...o) => neon.branchAuth('proj-1', 'br-main-1').emailAndPassword.update({ enabled: true }, ...o),
  },
};

export const rows = [];
export const caseTitles = [];
export const errors = [];
export const seenAuthorization = new Set();

// ---------------------------------------------------------------------------------------------
// Helpers

/** Waits for `promise` at most `deadlineMs`: { state: 'resolved' | 'rejected' | 'pending', value, error, ms, settledAt }. */
export async function settle(promise, deadlineMs) {
  const started = performance.now();
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ state: 'pending' }), deadlineMs);
  });
  const result = await Promise.race([
    promise.then(
      (value) => ({ state: 'resolved', value }),
      (error) => ({ state: 'rejected', error }),
    ),
    deadline,
  ]);
  clearTimeout(timer);
  promise.catch(() => {}); // a late rejection, after the deadline, is not a test failure
  result.ms = performance.now() - started;
  result.settledAt = Date.now();
  if (result.state === 'pending') result.deadlineMs = deadlineMs;
  return result;
}

/** "NeonApiError 503 (SERVICE_UNAVAILABLE), attempts 3" and the like, from a result or an expectation. */
function describe(r) {
  if (r.state === 'resolved') return 'resolved';
  if (r.state === 'pending') return `no result after ${r.deadlineMs / 1000} s`;
  if (r.state === 'not run') return 'not run: the case failed before calling (see the test output)';
  const e = r.error;
  if (!e || typeof e !== 'object') return `threw ${typeof e} ${String(e)}`;
  let text = e.name ?? 'Error';
  if (e.status !== undefined) text += ` ${e.status}`;
  if (e.code) text += ` (${e.code})`;
  if (e.timedOut) text += ', timed out';
  if (e.attempts !== undefined) text += `, attempts ${e.attempts}`;
  return text;
}

/** The contract's outcome, in the words of `describe`. */
function describeExpected(expect) {
  if (expect.resolved) return 'resolved';
  return describe({ state: 'rejected', error: { ...expect, name: expect.name } });
}

const show = (r) => `${describe(r)}${r.state === 'rejected' ? ` — ${r.error?.message}` : ''}`;

/** Asserts a result against an expectation { resolved } or { name, status?, code?, timedOut?, attempts? }. */
function assertOutcome(result, expect) {
  if (expect.resolved) {
    assert.equal(result.state, 'resolved', `expected the call to resolve, got ${show(result)}`);
    return;
  }
  assert.equal(result.state, 'rejected', `expected ${describeExpected(expect)}, got ${show(result)}`);
  const e = result.error;
  assert.equal(e.name, expect.name, `expected ${describeExpected(expect)}, got ${show(result)}`);
  const Class = neonAdmin[expect.name];
  if (Class) assert.ok(e instanceof Class, `${e.name} is an instance of the exported class`);
  assert.ok(e instanceof neonAdmin.NeonError, 'every rejection is a NeonError');
  for (const field of ['status', 'code', 'timedOut', 'attempts']) {
    if (field in expect) assert.equal(e[field], expect[field], `${field}: expected ${describeExpected(expect)}, got ${show(result)}`);
  }
  if (expect.name === 'NeonNetworkError' && !('timedOut' in expect)) assert.equal(e.timedOut, false, 'timedOut');
}

/** Checks every request of one call: same non-empty X-Request-ID, the key, the same body. */
function assertRequests(reqs, target, result) {
  const ids = new Set(reqs.map((r) => r.headers['x-request-id']));
  if (reqs.length > 0) {
    assert.equal(ids.size, 1, `one X-Request-ID for every attempt, got ${[...ids].join(', ')}`);
    assert.match(String([...ids][0]), /\S/, 'X-Request-ID is sent');
  }
  for (const r of reqs) {
    seenAuthorization.add(r.headers.authorization);
    assert.equal(r.headers.authorization, `Bearer ${KEY}`, 'the key is sent as a bearer token');
    if (target.body && r.body !== null) assert.deepEqual(JSON.parse(r.body), target.body, 'every attempt carries the same body');
  }
  if (result.state === 'rejected' && reqs.length > 0 && result.error?.requestId !== undefined) {
    assert.equal(result.error.requestId, reqs[0].headers['x-request-id'], 'the error names the request id that was sent');
  }
}

/**
 * One fault × method case.
 *   fault, method     labels of the table row (method: a key of METHODS)
 *   faults            the route's script
 *   routes            other routes to script: [[method, path, faults], …]
 *   client            client options over DEFAULT_CLIENT
 *   requestOptions    a function (ctx) => the call's last argument, or undefined for none
 *   expect            { resolved: true } or { name, status?, code?, timedOut?, attempts? }
 *   requests          the number of requests the route must receive
 *   alternatives      instead of expect/requests: [{ expect, requests }, …], picked by error name
 *   run               optional (ctx) => result, replacing "call and settle" (ctx: server, neon, call, target,
 *                     notes, log: the client's debug log lines)
 *   check             optional (ctx, result, reqs) => void: more notes and assertions
 *   deadlineMs        how long to wait for the call (default 10 s)
 */
export function faultCase(spec) {
  const target = METHODS[spec.method];
  const title = `${spec.method}: ${spec.fault}`;
  caseTitles.push(title);
  test(title, { timeout: 30_000 }, async () => {
    const expected = spec.alternatives
      ? spec.alternatives.map((a) => `${describeExpected(a.expect)} (${a.requests} request${a.requests === 1 ? '' : 's'})`).join(', or ')
      : describeExpected(spec.expect);
    const row = {
      fault: spec.fault,
      method: spec.method,
      outcome: 'not run',
      requests: null,
      expected,
      expectedRequests: spec.alternatives ? spec.alternatives.map((a) => a.requests).join(' or ') : spec.requests,
      pass: false,
    };
    rows.push(row);
    const notes = [];
    let result = { state: 'not run' };
    const server = await startFaultServer();
    try {
      server.script(target.method, target.path, spec.faults);
      for (const [method, path, faults] of spec.routes ?? []) server.script(method, path, faults);
      const log = [];
      const neon = new NeonAdmin({ apiKey: KEY, baseUrl: server.baseUrl, env: {}, ...DEFAULT_CLIENT, ...spec.client, logger: (line) => log.push(line) });
      const ctx = { server, neon, target, notes, log };
      ctx.call = (...options) => (async () => target.call(neon, ...options))();
      if (spec.run) {
        result = await spec.run(ctx);
      } else {
        const options = spec.requestOptions ? [spec.requestOptions(ctx)] : [];
        result = await settle(ctx.call(...options), spec.deadlineMs ?? 10_000);
      }
      const reqs = server.requests(target.method, target.path);
      row.requests = reqs.length;
      if (result.state === 'rejected') errors.push(result.error);
      if (reqs.length > 1) {
        const ids = new Set(reqs.map((r) => r.headers['x-request-id']));
        notes.push(ids.size === 1 ? `same X-Request-ID on ${reqs.length === 2 ? 'both' : `all ${reqs.length}`} attempts` : 'X-Request-ID changed between attempts');
      }

      if (result.state === 'rejected') assertNoLeak(result.error, KEY);
      let expect = spec.expect;
      let requests = spec.requests;
      if (spec.alternatives) {
        const pick = spec.alternatives.find((a) => result.state === 'rejected' && a.expect.name === result.error?.name) ?? spec.alternatives[0];
        ({ expect, requests } = pick);
      }
      // Checks run twice: first to add their notes to the row, then (after the common assertions) to assert.
      spec.check?.(ctx, result, reqs, 'notes');
      assertOutcome(result, expect);
      assert.equal(reqs.length, requests, `the server must see exactly ${requests} request(s), saw ${reqs.length}`);
      assertRequests(reqs, target, result);
      const elsewhere = server.requests().filter((r) => r.method !== target.method || r.path !== target.path);
      assert.deepEqual(elsewhere.map((r) => `${r.method} ${r.path}`), [], 'no request reached any other route');
      spec.check?.(ctx, result, reqs, 'assert');
      row.pass = true;
    } finally {
      row.outcome = [describe(result), ...notes].join('; ');
      await server.close();
    }
  });
}

export const ok = { resolved: true };
export const apiError = (status, attempts, extra = {}) => ({ name: 'NeonApiError', status, attempts, ...extra });
export const networkError = (attempts, extra = {}) => ({ name: 'NeonNetworkError', attempts, ...extra });
export const abortError = (attempts) => ({ name: 'NeonAbortError', attempts });

/** Check step: notes are added in the 'notes' pass (always), assertions run in the 'assert' pass. */
export function gapCheck(minMs, label) {
  return ({ notes }, result, reqs, pass) => {
    if (reqs.length < 2) return;
    const gap = reqs[1].at - reqs[0].at;
    if (pass === 'notes') notes.push(gap >= minMs ? `retried only after ${label}` : `retried before ${label}`);
    else assert.ok(gap >= minMs, `the retry came ${gap} ms after the first attempt, before ${label} (${minMs} ms)`);
  };
}

/**
 * The call must settle within `maxMs`; `label` ("within 4 s") goes into the table. Only for limits
 * of seconds: a shorter one is noise on a busy machine (the checks below assert order instead).
 */
export function fastCheck(maxMs, label) {
  return ({ notes }, result, reqs, pass) => {
    if (result.state === 'pending') return;
    if (pass === 'notes') notes.push(result.ms < maxMs ? label : `not ${label}`);
    else assert.ok(result.ms < maxMs, `took ${Math.round(result.ms)} ms, expected under ${maxMs} ms`);
  };
}

/**
 * "At once": the client scheduled no wait. Its debug log has the one attempt and a decision not to
 * retry, and no wait (a retry's `retrying in`, the rate budget's `waited`); a client that slept out
 * a Retry-After of a minute or more would also miss the case's deadline.
 */
export const atOnce = ({ notes, log }, result, reqs, pass) => {
  const waited = log.filter((line) => /retrying in|waited/.test(line));
  const attempts = log.filter((line) => / attempt \d+\/\d+: /.test(line));
  const decided = attempts.length === 1 && /attempt 1\/\d+: .*; not retried/.test(attempts[0]);
  if (pass === 'notes') notes.push(decided && waited.length === 0 ? 'at once' : 'not at once');
  else {
    assert.deepEqual(waited, [], 'no wait was scheduled');
    assert.ok(decided, `one attempt, not retried: ${log.join('\n')}`);
  }
};

/**
 * The call ended while the server still held its request (a hang), before it hung up: a client
 * that ignored its timeout or abort would end with the hang-up instead, or later.
 */
export function heldCheck(label) {
  return ({ notes }, result, reqs, pass) => {
    const hungUpAt = reqs.at(-1)?.hungUpAt;
    const held = result.state !== 'pending' && (hungUpAt === undefined || result.settledAt < hungUpAt);
    if (pass === 'notes') notes.push(held ? label : `not ${label}`);
    else assert.ok(held, `the call ended ${hungUpAt === undefined ? '' : `${hungUpAt - result.settledAt} ms after the server hung up, not `}while the server held the request`);
  };
}

