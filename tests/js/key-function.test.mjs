// `apiKey` as an async function: called lazily, before the first request, until it gives a usable
// key (a failed call is not kept; concurrent requests share the call in flight); its failures
// become NeonConfigErrors that name the function and never show what it threw or returned.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import NeonAdmin, { NeonConfigError } from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { assertNoLeak } from './support/leaks.mjs';

let sim;
before(async () => {
  sim = await startSimulator();
});
after(() => sim.stop());

test('the function is called once, only when the first request is made, and its key is sent', async () => {
  let calls = 0;
  const neon = new NeonAdmin({
    baseUrl: sim.baseUrl,
    env: { NEON_API_KEY: 'env_key_123' },
    apiKey: async () => {
      calls += 1;
      return sim.seedKey;
    },
  });
  assert.equal(calls, 0, 'not called by the constructor');
  assert.equal(neon.credentialSource, 'option');
  assert.equal(neon.baseUrl, sim.baseUrl.replace(/\/$/, ''));
  const [a, b] = await Promise.all([neon.whoami(), neon.whoami()]);
  assert.equal(a.auth_data, 'seed');
  assert.equal(b.auth_data, 'seed');
  assert.equal((await neon.apiKeys.list()).length >= 1, true);
  assert.equal(calls, 1, 'called once for the client, however many requests');
});

test('a plain (non-async) function returning a string works too', async () => {
  const neon = await NeonAdmin.connect({ baseUrl: sim.baseUrl, apiKey: () => sim.seedKey });
  assert.equal((await neon.whoami()).auth_data, 'seed');
});

test('other options are still checked when the client is constructed', () => {
  assert.throws(
    () => new NeonAdmin({ baseUrl: 'ftp://example.com', apiKey: async () => sim.seedKey }),
    (e) => e instanceof NeonConfigError && e.field === 'baseUrl',
  );
});

test('a rejection becomes a NeonConfigError without the thrown value, and is not kept: the next request asks again', async () => {
  const secret = 'napi_secret_in_the_rejection_0123456789';
  let calls = 0;
  const neon = new NeonAdmin({
    baseUrl: sim.baseUrl,
    apiKey: async () => {
      calls += 1;
      if (calls <= 2) throw new Error(`vault said ${secret}`);
      return sim.seedKey;
    },
  });
  for (let i = 0; i < 2; i++) {
    const error = await neon.whoami().then(() => assert.fail('resolved'), (e) => e);
    assert.ok(error instanceof NeonConfigError, String(error));
    assert.equal(error.name, 'NeonConfigError');
    assert.equal(error.field, 'apiKey');
    assert.match(error.message, /apiKey function rejected/);
    assert.equal(error.cause, undefined);
    assertNoLeak(error, secret);
  }
  assert.equal(calls, 2, 'each request after a failure called the function again');
  assert.equal((await neon.whoami()).auth_data, 'seed');
  assert.equal((await neon.whoami()).auth_data, 'seed');
  assert.equal(calls, 3, 'a key that worked is kept');
});

test('concurrent requests share the call in flight, whether it fails or succeeds', async () => {
  let calls = 0;
  let release;
  const gate = () => new Promise((resolve) => (release = resolve));
  let answer;
  const neon = new NeonAdmin({
    baseUrl: sim.baseUrl,
    apiKey: async () => {
      calls += 1;
      await gate();
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  const settle = (promises) => Promise.allSettled(promises);
  answer = new Error('store down');
  let waiting = settle([neon.whoami(), neon.whoami(), neon.whoami()]);
  await new Promise((resolve) => setImmediate(resolve));
  release();
  const failed = await waiting;
  assert.deepEqual(failed.map((r) => [r.status, r.reason?.field]), Array(3).fill(['rejected', 'apiKey']));
  assert.equal(calls, 1, 'one call for three requests');

  answer = sim.seedKey;
  waiting = settle([neon.whoami(), neon.whoami(), neon.whoami()]);
  await new Promise((resolve) => setImmediate(resolve));
  release();
  const done = await waiting;
  assert.deepEqual(done.map((r) => r.value?.auth_data), ['seed', 'seed', 'seed']);
  assert.equal(calls, 2, 'one more call for the next three');
});

test('a bad value becomes a NeonConfigError naming the function, before any request, that does not show it', async () => {
  const secretish = 'napi_bad key with spaces_0123456789';
  const cases = [
    [async () => 42, /must resolve to a string, not number/],
    [async () => null, /must resolve to a string, not null/],
    [async () => ({ key: secretish }), /must resolve to a string, not object/],
    [async () => '', /empty/],
    [async () => ' \t ', /empty/],
    [async () => secretish, /whitespace/],
    [async () => 'napi_bell\u0007_0123456789', /control/],
    [async () => 'napi_cl\u00e9_0123456789', /non-ASCII/],
    [async () => 'napi_line\r\nx-injected: 1', /whitespace/],
    [async () => `napi_${'k'.repeat(600)}`, /too long/],
  ];
  await sim.resetLog();
  for (const [apiKey, message] of cases) {
    const neon = new NeonAdmin({ baseUrl: sim.baseUrl, apiKey });
    const error = await neon.whoami().then(() => assert.fail('resolved'), (e) => e);
    assert.ok(error instanceof NeonConfigError, String(error));
    assert.equal(error.field, 'apiKey');
    assert.match(error.message, message);
    assert.match(error.message, /the apiKey function/);
    for (const part of ['key with spaces', 'bell', 'cl\u00e9', 'injected', 'kkkkkkkk']) assertNoLeak(error, part);
  }
  assert.deepEqual(await sim.requests(), [], 'nothing was sent');
});

test('a key the API refuses is an API error of the first request, as with a string key', async () => {
  const neon = new NeonAdmin({ baseUrl: sim.baseUrl, apiKey: async () => 'napi_not_a_known_key_123' });
  await assert.rejects(neon.whoami(), (e) => e.name === 'NeonApiError' && e.status === 401);
});
