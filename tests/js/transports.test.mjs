// The two JS transports under the wasm core, side by side against the fault server: send-node.mjs
// (Node's default, over node:http) and send-fetch.mjs (Deno, Bun, workerd, Edge, over fetch). The
// fault suite (faults.test.mjs) drives the node:http one through the whole client; here each
// transport is called directly, so the fetch one, which Node never uses, keeps the same contract:
// the answer's fields, redirects returned as they are, the per-attempt timeout, the caller's
// abort, the size cap with and without a declared length, and a body that breaks off. Neither may
// throw outside its promise, or leave a timer behind, whatever it is given.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendFetch } from '../../js/hosts/send-fetch.mjs';
import { sendNode } from '../../js/hosts/send-node.mjs';
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

  test(`${name}: input it cannot send is a network failure inside its promise, without the value or a timer left behind`, async () => {
    const secret = 'napi_never_shown_0123456789';
    const url = `${server.baseUrl}/auth`;
    const cases = [
      ['a header value with a line break', 'GET', url, ['authorization', `Bearer ${secret}\r\nx-injected: 1`]],
      ['a header value with a control character', 'GET', url, ['authorization', `Bearer ${secret}\u0000`]],
      ['a header value beyond Latin-1', 'GET', url, ['authorization', `Bearer ${secret}\u20ac`]],
      ['a header name that is no token', 'GET', url, ['bad name', secret]],
      ['a method that is no token', 'GE T', url, HEADERS],
      ['a URL that does not parse', 'GET', `http://[${secret}`, HEADERS],
      ['a URL of another scheme', 'GET', `ftp://127.0.0.1/${secret}`, HEADERS],
      ['headers that are not a list', 'GET', url, null],
    ];
    const before = server.count();
    for (const [what, method, target, headers] of cases) {
      const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const pending = send(method, target, headers, undefined, 1, MB);
      assert.ok(pending instanceof Promise, what);
      const error = await rejection(pending);
      assert.equal(error.transport, 'network', `${what}: ${JSON.stringify(error)}`);
      assert.ok(!String(error.message).includes(secret), `${what}: ${error.message}`);
      assert.ok(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length <= timers, `${what}: a timer was left armed`);
      // Past the 1 ms timeout: a timer that outlived the request would fire (and throw) now.
      await sleep(10);
    }
    assert.equal(server.count(), before, 'nothing reached the server');
  });
}

test('send-fetch: a fetch that throws at once is a network failure inside the promise', async () => {
  const real = globalThis.fetch;
  globalThis.fetch = () => {
    throw new TypeError('this runtime cannot fetch');
  };
  try {
    const pending = sendFetch('GET', `${server.baseUrl}/auth`, HEADERS, undefined, 1000, MB);
    const error = await rejection(pending);
    assert.equal(error.transport, 'network');
    assert.match(error.message, /this runtime cannot fetch/);
  } finally {
    globalThis.fetch = real;
  }
});

test('send-fetch: where a runtime has no AbortSignal.timeout, a timer times the attempt out and is cleared after it', async () => {
  const real = AbortSignal.timeout;
  AbortSignal.timeout = undefined;
  try {
    server.script('GET', '/auth', [{ hang: 10_000 }]);
    const error = await rejection(sendFetch('GET', `${server.baseUrl}/auth`, HEADERS, undefined, 150, MB));
    assert.equal(error.transport, 'timeout');
    server.script('GET', '/auth', [{ status: 200 }]);
    const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const answer = await sendFetch('GET', `${server.baseUrl}/auth`, HEADERS, undefined, 60_000, MB);
    assert.equal(answer.status, 200);
    assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, timers, 'the 60 s timer was left armed');
  } finally {
    AbortSignal.timeout = real;
  }
});
