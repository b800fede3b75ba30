// Fault injection: the built package against a server that fails on purpose (statuses, resets
// before and after the body, hangs, redirects, oversized, HTML and truncated bodies), per HTTP
// method. Every case checks what the client returned and exactly how many requests the server
// received, records both in .tmp/reliability.json, and the last test checks that docs/reliability.md's
// "Reliability" table is the one this run produced (`node scripts/reliability-table.mjs --write`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpDateIn, listedKey } from './support/fault-server.mjs';
import { assertNoLeak } from './support/leaks.mjs';
import { DEFAULT_CLIENT, KEY, METHODS, OVERSIZED, abortError, apiError, atOnce, caseTitles, errors, fastCheck, faultCase, gapCheck, heldCheck, networkError, ok, rows, seenAuthorization, settle } from './support/fault-cases.mjs';
import { DOC_PATH, RESULTS_PATH, checkDoc } from '../../scripts/reliability-table.mjs';

// ---------------------------------------------------------------------------------------------
// Statuses

faultCase({ fault: '503, 503, then ok', method: 'GET', faults: [{ status: 503 }, { status: 503 }, 'ok'], expect: ok, requests: 3,
  check: (ctx, result, reqs, pass) => {
    if (pass === 'assert') assert.deepEqual(result.value.map((k) => k.id), [7, 9], 'the listed keys');
  } });
faultCase({ fault: '500 every time', method: 'GET', faults: [{ status: 500 }], expect: apiError(500, 3, { code: 'INTERNAL_ERROR' }), requests: 3 });
faultCase({ fault: '502, then ok', method: 'GET', faults: [{ status: 502 }, 'ok'], expect: ok, requests: 2 });
faultCase({ fault: '504, then ok', method: 'GET', faults: [{ status: 504 }, 'ok'], expect: ok, requests: 2 });
faultCase({ fault: '408, then ok', method: 'GET', faults: [{ status: 408 }, 'ok'], expect: ok, requests: 2 });
faultCase({ fault: '404', method: 'GET', faults: [{ status: 404 }, 'ok'], expect: apiError(404, 1), requests: 1 });
faultCase({ fault: '423, then ok', method: 'GET', faults: [{ status: 423 }, 'ok'], expect: ok, requests: 2 });
faultCase({ fault: '503, then ok', method: 'GET /auth', faults: [{ status: 503 }, 'ok'], expect: ok, requests: 2,
  check: (ctx, result, reqs, pass) => {
    if (pass === 'assert') assert.equal(result.value.auth_method, 'api_key_user');
  } });

faultCase({ fault: '503, then ok', method: 'POST', faults: [{ status: 503 }, 'ok'], expect: ok, requests: 2,
  check: (ctx, result, reqs, pass) => {
    if (pass === 'assert') assert.equal(result.value.name, 'ci-deploy');
  } });
faultCase({ fault: '503 every time', method: 'POST', faults: [{ status: 503 }], expect: apiError(503, 3), requests: 3 });
faultCase({ fault: '423, then ok', method: 'POST', faults: [{ status: 423 }, 'ok'], expect: ok, requests: 2 });
faultCase({ fault: '500, then ok', method: 'POST', faults: [{ status: 500 }, 'ok'], expect: apiError(500, 1), requests: 1 });
faultCase({ fault: '502, then ok', method: 'POST', faults: [{ status: 502 }, 'ok'], expect: apiError(502, 1), requests: 1 });
faultCase({ fault: '504, then ok', method: 'POST', faults: [{ status: 504 }, 'ok'], expect: apiError(504, 1), requests: 1 });
faultCase({ fault: '503, then ok', method: 'DELETE', faults: [{ status: 503 }, 'ok'], expect: ok, requests: 2,
  check: (ctx, result, reqs, pass) => {
    if (pass === 'assert') assert.equal(result.value.revoked, true);
  } });
faultCase({ fault: '423, then ok', method: 'DELETE', faults: [{ status: 423 }, 'ok'], expect: ok, requests: 2 });
faultCase({ fault: '500, then ok', method: 'DELETE', faults: [{ status: 500 }, 'ok'], expect: apiError(500, 1), requests: 1 });
faultCase({ fault: '503, then ok', method: 'PATCH', faults: [{ status: 503 }, 'ok'], expect: ok, requests: 2,
  check: (ctx, result, reqs, pass) => {
    if (pass === 'assert') assert.equal(result.value.enabled, true);
  } });
faultCase({ fault: '423, then ok', method: 'PATCH', faults: [{ status: 423 }, 'ok'], expect: ok, requests: 2 });
faultCase({ fault: '500, then ok', method: 'PATCH', faults: [{ status: 500 }, 'ok'], expect: apiError(500, 1), requests: 1 });

// ---------------------------------------------------------------------------------------------
// Retry-After

faultCase({ fault: '429 Retry-After: 1, then ok', method: 'GET', faults: [{ status: 429, retryAfter: 1 }, 'ok'], expect: ok, requests: 2,
  check: gapCheck(980, 'Retry-After (1 s)') });
faultCase({ fault: '429 Retry-After: 1, then ok', method: 'POST', faults: [{ status: 429, retryAfter: 1 }, 'ok'], expect: ok, requests: 2,
  check: gapCheck(980, 'Retry-After (1 s)') });
{
  // An HTTP date 1–2 s ahead (HTTP dates have whole seconds); the retry must not come before it.
  let date;
  faultCase({
    fault: '429 Retry-After: HTTP date 1–2 s ahead, then ok',
    method: 'GET',
    faults: [{ status: 429, retryAfter: () => (date = httpDateIn(1)) }, 'ok'],
    expect: ok,
    requests: 2,
    check: ({ notes }, result, reqs, pass) => {
      if (reqs.length < 2) return;
      const early = date.getTime() - reqs[1].at;
      if (pass === 'notes') notes.push(early <= 20 ? 'retried only after the date' : 'retried before the date');
      else assert.ok(early <= 20, `the retry came ${early} ms before the Retry-After date`);
    },
  });
}
faultCase({ fault: '429 Retry-After: 3600', method: 'GET', faults: [{ status: 429, retryAfter: 3600 }, 'ok'], expect: apiError(429, 1, { retryAfterMs: 3600000 }), requests: 1, check: atOnce });
faultCase({ fault: '429 Retry-After: 61', method: 'GET', faults: [{ status: 429, retryAfter: 61 }, 'ok'], expect: apiError(429, 1), requests: 1, check: atOnce });
faultCase({ fault: '429 Retry-After: HTTP date 1 h ahead', method: 'GET', faults: [{ status: 429, retryAfter: () => httpDateIn(3600) }, 'ok'], expect: apiError(429, 1), requests: 1, check: atOnce });
faultCase({ fault: '429 Retry-After: 3600', method: 'POST', faults: [{ status: 429, retryAfter: 3600 }, 'ok'], expect: apiError(429, 1, { retryAfterMs: 3600000 }), requests: 1, check: atOnce });
faultCase({ fault: '503 Retry-After: 3600', method: 'DELETE', faults: [{ status: 503, retryAfter: 3600 }, 'ok'], expect: apiError(503, 1, { retryAfterMs: 3600000 }), requests: 1, check: atOnce });

// ---------------------------------------------------------------------------------------------
// maxRetries

faultCase({ fault: '503, then ok; maxRetries 0', method: 'GET', client: { maxRetries: 0 }, faults: [{ status: 503 }, 'ok'], expect: apiError(503, 1), requests: 1 });
faultCase({ fault: 'reset before body, then ok; maxRetries 0', method: 'GET', client: { maxRetries: 0 }, faults: ['reset-before-body', 'ok'], expect: networkError(1), requests: 1 });
faultCase({ fault: '429 Retry-After: 1, then ok; maxRetries 0', method: 'POST', client: { maxRetries: 0 }, faults: [{ status: 429, retryAfter: 1 }, 'ok'], expect: apiError(429, 1), requests: 1, check: atOnce });
faultCase({ fault: '500 every time; maxRetries 1', method: 'GET', client: { maxRetries: 1 }, faults: [{ status: 500 }], expect: apiError(500, 2), requests: 2 });

// ---------------------------------------------------------------------------------------------
// Lost answers: resets

faultCase({ fault: 'reset before body, every time', method: 'GET', faults: ['reset-before-body'], expect: networkError(3), requests: 3 });
faultCase({ fault: 'reset before body, then ok', method: 'GET', faults: ['reset-before-body', 'ok'], expect: ok, requests: 2 });
faultCase({ fault: 'reset before body, then ok', method: 'POST', faults: ['reset-before-body', 'ok'], expect: networkError(1), requests: 1 });
faultCase({ fault: 'reset before body, then ok', method: 'DELETE', faults: ['reset-before-body', 'ok'], expect: networkError(1), requests: 1 });
faultCase({ fault: 'reset before body, then ok', method: 'PATCH', faults: ['reset-before-body', 'ok'], expect: networkError(1), requests: 1 });
faultCase({ fault: 'reset after body, every time', method: 'GET', faults: ['reset-after-body'], expect: networkError(3), requests: 3 });
const bodyArrived = (ctx, result, reqs, pass) => {
  if (pass === 'assert') assert.ok(reqs[0].body, 'the server read the whole body: the write happened');
};
faultCase({ fault: 'reset after body (the write happened), then ok', method: 'POST', faults: ['reset-after-body', 'ok'], expect: networkError(1), requests: 1, check: bodyArrived });
faultCase({ fault: 'reset after body (the write happened), then ok', method: 'DELETE', faults: ['reset-after-body', 'ok'], expect: networkError(1), requests: 1 });
faultCase({ fault: 'reset after body (the write happened), then ok', method: 'PATCH', faults: ['reset-after-body', 'ok'], expect: networkError(1), requests: 1, check: bodyArrived });

// ---------------------------------------------------------------------------------------------
// Timeouts

faultCase({ fault: 'hang; timeoutMs 300', method: 'GET', client: { timeoutMs: 300 }, faults: [{ hang: 5000 }], expect: networkError(3, { timedOut: true }), requests: 3, check: fastCheck(4000, 'within 4 s') });
faultCase({ fault: 'hang, then ok; timeoutMs 300', method: 'GET', client: { timeoutMs: 300 }, faults: [{ hang: 5000 }, 'ok'], expect: ok, requests: 2 });
faultCase({ fault: 'hang, then ok; timeoutMs 300', method: 'POST', client: { timeoutMs: 300 }, faults: [{ hang: 5000 }, 'ok'], expect: networkError(1, { timedOut: true }), requests: 1, check: fastCheck(1500, 'within 1.5 s') });
faultCase({ fault: 'hang, then ok; timeoutMs 300', method: 'DELETE', client: { timeoutMs: 300 }, faults: [{ hang: 5000 }, 'ok'], expect: networkError(1, { timedOut: true }), requests: 1 });
faultCase({ fault: 'hang, then ok; timeoutMs 300', method: 'PATCH', client: { timeoutMs: 300 }, faults: [{ hang: 5000 }, 'ok'], expect: networkError(1, { timedOut: true }), requests: 1 });
// Per-call timeoutMs overrides the client's, both ways. The hang ends after 5 s so a client that
// ignores the override ends with the hang-up (not timed out) instead of waiting 30 s.
const timedOutFirst = heldCheck('timed out before the server hung up');
faultCase({ fault: 'hang; per-call timeoutMs 200 (client: 30 s, maxRetries 0)', method: 'GET', client: { timeoutMs: 30_000, maxRetries: 0 }, faults: [{ hang: 5000 }],
  requestOptions: () => ({ timeoutMs: 200 }), expect: networkError(1, { timedOut: true }), requests: 1, check: timedOutFirst });
faultCase({ fault: 'hang, then ok; per-call timeoutMs 200 (client: 30 s)', method: 'POST', client: { timeoutMs: 30_000 }, faults: [{ hang: 5000 }, 'ok'],
  requestOptions: () => ({ timeoutMs: 200 }), expect: networkError(1, { timedOut: true }), requests: 1, check: timedOutFirst });
faultCase({ fault: 'answer after 400 ms; client timeoutMs 100, per-call 2000', method: 'GET', client: { timeoutMs: 100 }, faults: [{ delay: 400 }],
  requestOptions: () => ({ timeoutMs: 2000 }), expect: ok, requests: 1 });

// ---------------------------------------------------------------------------------------------
// Abort

/**
 * Calls with a signal aborted `abortAfterMs` in, and checks the rejection was prompt and final:
 * prompt is before what the client waited for (the server's answer to a hang, which never comes
 * before the hang-up; the end of a Retry-After), so no limit in milliseconds is needed.
 */
function abortRun(abortAfterMs, { settleMs = 1500, quietMs = 700 } = {}) {
  return async ({ server, target, call, notes }) => {
    const controller = new AbortController();
    const promise = call({ signal: controller.signal });
    await sleep(abortAfterMs);
    controller.abort();
    const result = await settle(promise, settleMs);
    if (result.state !== 'pending') {
      const [first] = server.requests(target.method, target.path);
      const waitedFor = first?.hungUpAt ?? (first?.fault.retryAfter ? first.at + first.fault.retryAfter * 1000 : undefined);
      const prompt = first !== undefined && (waitedFor === undefined || result.settledAt < waitedFor);
      notes.push(prompt ? 'rejected promptly after the abort' : 'rejected late after the abort');
      // Nothing may be sent after the abort.
      const before = server.count(target.method, target.path);
      await sleep(quietMs);
      if (server.count(target.method, target.path) !== before) notes.push('sent again after the abort');
    }
    return result;
  };
}
const promptAbort = (ctx, result, reqs, pass) => {
  if (pass === 'assert') {
    assert.ok(ctx.notes.includes('rejected promptly after the abort'), `rejected ${Math.round(result.ms)} ms after the abort, after what it waited for`);
    assert.ok(!ctx.notes.includes('sent again after the abort'), 'nothing is sent after the abort');
  }
};
// The hangs outlast the case (the server is closed at its end), so only an abort can end the call.
faultCase({ fault: 'hang; aborted after 150 ms (client: 30 s)', method: 'GET', client: { timeoutMs: 30_000 }, faults: [{ hang: 60_000 }, 'ok'], run: abortRun(150), expect: abortError(1), requests: 1, check: promptAbort });
faultCase({ fault: 'hang; aborted after 150 ms (client: 30 s)', method: 'POST', client: { timeoutMs: 30_000 }, faults: [{ hang: 60_000 }, 'ok'], run: abortRun(150), expect: abortError(1), requests: 1, check: promptAbort });
// A Retry-After of 30 s, so that a client sleeping it out cannot be mistaken for a prompt one.
faultCase({ fault: '429 Retry-After: 30, then ok; aborted during the wait', method: 'GET', faults: [{ status: 429, retryAfter: 30 }, 'ok'], run: abortRun(200, { quietMs: 1200 }), expect: abortError(1), requests: 1, check: promptAbort });
for (const method of ['GET', 'POST', 'DELETE', 'PATCH']) {
  faultCase({ fault: 'signal aborted before the call', method, faults: ['ok'], requestOptions: () => ({ signal: AbortSignal.abort() }), expect: abortError(0), requests: 0 });
}

// ---------------------------------------------------------------------------------------------
// Transport safety: redirects, oversized, HTML, truncated bodies

/** A redirect to /moved…, a route that would answer 200 if the client followed. */
function redirectCase(method, status) {
  const target = METHODS[method];
  const moved = `/moved${target.path}`;
  const [okStatus, okBody] = [200, method === 'GET' ? [listedKey(7, 'ci-deploy')] : method === 'POST' ? { id: 8, key: 'k'.repeat(64), name: 'ci-deploy', created_at: '2025-11-03T09:14:27Z', created_by: '3f2c8a9e-6b1d-4c7e-9a0f-5d8e2b4c6a1f' } : {}];
  faultCase({
    fault: `${status} to another path`,
    method,
    faults: [{ redirect: status, location: moved }],
    routes: [[target.method, moved, [{ status: okStatus, body: okBody }]], ['GET', moved, [{ status: okStatus, body: okBody }]]],
    expect: apiError(status, 1),
    requests: 1,
    check: ({ server, notes }, result, reqs, pass) => {
      const followed = server.count(target.method, moved) + (target.method === 'GET' ? 0 : server.count('GET', moved));
      if (pass === 'notes') notes.push(followed === 0 ? 'not followed (target: 0 requests)' : `followed (target: ${followed} request${followed === 1 ? '' : 's'})`);
      else assert.equal(followed, 0, 'the redirect target must not be requested');
    },
  });
}
redirectCase('GET', 301);
redirectCase('GET', 302);
redirectCase('GET', 307);
redirectCase('POST', 307);
redirectCase('DELETE', 302);
redirectCase('PATCH', 307);

for (const method of ['GET', 'POST']) {
  faultCase({ fault: '17 MiB body with Content-Length', method, faults: [{ oversized: OVERSIZED, contentLength: true }, 'ok'], expect: apiError(200, 1, { code: 'response_too_large' }), requests: 1 });
  faultCase({ fault: '17 MiB body, chunked (no Content-Length)', method, faults: [{ oversized: OVERSIZED, contentLength: false }, 'ok'], expect: apiError(200, 1, { code: 'response_too_large' }), requests: 1 });
}

faultCase({ fault: 'HTML page, 200', method: 'GET', faults: ['html', 'ok'], expect: apiError(200, 1, { code: 'invalid_response' }), requests: 1 });
faultCase({ fault: 'HTML page, 200 (the write happened)', method: 'POST', faults: ['html', 'ok'], expect: apiError(200, 1, { code: 'invalid_response' }), requests: 1 });
faultCase({ fault: 'HTML page, 200 (the write happened)', method: 'PATCH', faults: ['html', 'ok'], expect: apiError(200, 1, { code: 'invalid_response' }), requests: 1 });
faultCase({ fault: 'HTML page, 502 every time', method: 'GET', faults: [{ html: 502 }], expect: apiError(502, 3), requests: 3 });
faultCase({ fault: 'HTML page, 502, then ok', method: 'POST', faults: [{ html: 502 }, 'ok'], expect: apiError(502, 1), requests: 1 });

// A body cut short is a NeonNetworkError with the status (a GET is then retried: every attempt is
// cut short here) or NeonApiError invalid_response (not retried).
faultCase({ fault: 'truncated JSON, 200, every time', method: 'GET', faults: ['truncated-json'],
  alternatives: [{ expect: networkError(3, { status: 200 }), requests: 3 }, { expect: apiError(200, 1, { code: 'invalid_response' }), requests: 1 }] });
faultCase({ fault: 'truncated JSON, 200 (the write happened), then ok', method: 'POST', faults: ['truncated-json', 'ok'],
  alternatives: [{ expect: networkError(1, { status: 200 }), requests: 1 }, { expect: apiError(200, 1, { code: 'invalid_response' }), requests: 1 }] });

// ---------------------------------------------------------------------------------------------
// Leaks and the docs table

test('the key appears in no error text of any case', () => {
  const filtered = rows.length !== caseTitles.length;
  assert.ok(filtered ? errors.length > 0 : errors.length >= 40, `collected ${errors.length} errors`);
  assert.ok(seenAuthorization.has(`Bearer ${KEY}`), 'the key was really sent, so its absence from errors means something');
  for (const error of errors) assertNoLeak(error, KEY);
});

test('the docs/reliability.md fault table is the one this run produced', (t) => {
  mkdirSync(dirname(RESULTS_PATH), { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify(rows, null, 2)}\n`);
  if (rows.length !== caseTitles.length) {
    t.skip(`only ${rows.length} of ${caseTitles.length} cases ran (filtered run): the table is not checked`);
    return;
  }
  const { ok: fresh, actual, expected } = checkDoc(rows, readFileSync(DOC_PATH, 'utf8'));
  assert.ok(expected.includes(`\`timeoutMs: ${DEFAULT_CLIENT.timeoutMs}\``), 'the table legend states the client defaults the cases use');
  assert.notEqual(actual, null, 'docs/reliability.md has the <!-- reliability:start --> … <!-- reliability:end --> markers');
  assert.ok(fresh, 'the docs/reliability.md table is stale: run `node scripts/reliability-table.mjs --write` (from this run\'s .tmp/reliability.json)');
});
