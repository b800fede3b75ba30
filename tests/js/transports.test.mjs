// The two JS transports under the wasm core, side by side against the fault server: send-node.mjs
// (Node's default, over node:http) and send-fetch.mjs (Deno, Bun, workerd, Edge, over fetch). The
// fault suite (faults.test.mjs) drives the node:http one through the whole client; here each
// transport is called directly, so the fetch one, which Node never uses, keeps the same contract:
// the answer's fields, redirects returned as they are, the per-attempt timeout, the caller's
// abort, the size cap with and without a declared length, and a body that breaks off.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sendFetch } from '../../js/send-fetch.mjs';
import { sendNode } from '../../js/send-node.mjs';
import { startFaultServer } from './support/fault-server.mjs';

let server;
before(async () => {
  server = await startFaultServer();
});
after(() => server.close());

const HEADERS = ['accept', 'application/json', 'authorization', 'Bearer napi_transport_test_0123456789'];
const MB = 1024 * 1024;

/** The rejection of `promise` (or a failure when it resolves). */
async function rejection(promise) {
  try {
    const value = await promise;
    assert.fail(`expected a rejection, got status ${value?.status}`);
  } catch (error) {
    if (error?.code === 'ERR_ASSERTION') throw error;
    return error;
  }
}

for (const [name, send] of [['send-node', sendNode], ['send-fetch', sendFetch]]) {
  test(`${name}: an answer's status, headers and whole body`, async () => {
    server.script('GET', '/auth', [{ status: 429, retryAfter: 3, headers: { 'x-request-id': 'req-429', 'retry-after-ms': '1500' } }]);
    const answer = await send('GET', `${server.baseUrl}/auth`, HEADERS, undefined, 5000, MB);
    assert.equal(answer.status, 429);
    assert.equal(answer.retryAfter, '3');
    assert.equal(answer.retryAfterMs, '1500');
    assert.equal(answer.requestId, 'req-429');
    assert.ok(answer.body instanceof Uint8Array);
    assert.equal(JSON.parse(Buffer.from(answer.body).toString('utf8')).code !== undefined, true);
  });

  test(`${name}: a redirect comes back as it is, not followed`, async () => {
    server.script('GET', '/auth', [{ redirect: 302, location: '/elsewhere' }]);
    const before = server.count('GET', '/elsewhere');
    const answer = await send('GET', `${server.baseUrl}/auth`, HEADERS, undefined, 5000, MB);
    assert.equal(answer.status, 302);
    assert.equal(server.count('GET', '/elsewhere'), before);
  });

  test(`${name}: the per-attempt timeout ends a hanging request`, async () => {
    // The server hangs up after 10 s: a transport that ignored its 150 ms timeout would end with
    // that hang-up (a network failure), so `timeout` shows the timeout came first.
    server.script('GET', '/auth', [{ hang: 10_000 }]);
    const error = await rejection(send('GET', `${server.baseUrl}/auth`, HEADERS, undefined, 150, MB));
    assert.equal(error.transport, 'timeout');
    assert.equal(server.requests('GET', '/auth').at(-1).hungUpAt, undefined, 'the server still held the request');
  });

  test(`${name}: the caller's abort ends the request in flight`, async () => {
    server.script('GET', '/auth', [{ hang: 2000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(send('GET', `${server.baseUrl}/auth`, HEADERS, undefined, 5000, MB, controller.signal));
    assert.equal(error.transport, 'aborted');
    const already = await rejection(send('GET', `${server.baseUrl}/auth`, HEADERS, undefined, 5000, MB, AbortSignal.abort()));
    assert.equal(already.transport, 'aborted');
  });

  for (const contentLength of [true, false]) {
    test(`${name}: a body over the cap is refused (${contentLength ? 'declared' : 'streamed'} length)`, async () => {
      server.script('GET', '/api_keys', [{ oversized: 64 * 1024, contentLength }]);
      const error = await rejection(send('GET', `${server.baseUrl}/api_keys`, HEADERS, undefined, 5000, 16 * 1024));
      assert.equal(error.transport, 'too_large');
      assert.equal(error.status, 200);
    });
  }

  test(`${name}: a body that breaks off is a network failure with the answer's status`, async () => {
    server.script('GET', '/auth', ['truncated-json']);
    const error = await rejection(send('GET', `${server.baseUrl}/auth`, HEADERS, undefined, 5000, MB));
    assert.equal(error.transport, 'network');
    assert.equal(error.status, 200);
    assert.equal(typeof error.message, 'string');
  });

  test(`${name}: a refused connection is a network failure before any answer`, async () => {
    const error = await rejection(send('GET', 'http://127.0.0.1:9/api/v2/auth', HEADERS, undefined, 5000, MB));
    assert.equal(error.transport, 'network');
    assert.equal(error.status, undefined);
  });

  test(`${name}: a body is sent with the method and headers`, async () => {
    server.script('POST', '/api_keys', ['ok']);
    const body = new TextEncoder().encode(JSON.stringify({ key_name: 'transport-test' }));
    const answer = await send('POST', `${server.baseUrl}/api_keys`, [...HEADERS, 'content-type', 'application/json'], body, 5000, MB);
    assert.equal(answer.status, 200);
    const [request] = server.requests('POST', '/api_keys').slice(-1);
    assert.deepEqual(JSON.parse(request.body), { key_name: 'transport-test' });
  });
}
