// `apiKey` as an async function: called once per client, lazily, before the first request; its
// failures become NeonConfigErrors that never show what it threw or returned.

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

test('a rejection becomes a NeonConfigError without the thrown value, for every request of that client', async () => {
  const secret = 'napi_secret_in_the_rejection_0123456789';
  let calls = 0;
  const neon = new NeonAdmin({
    baseUrl: sim.baseUrl,
    apiKey: async () => {
      calls += 1;
      throw new Error(`vault said ${secret}`);
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
  assert.equal(calls, 1);
});

test('a bad value becomes a NeonConfigError that does not show it', async () => {
  const secretish = 'napi_bad key with spaces_0123456789';
  const cases = [
    [async () => 42, /must resolve to a string, not number/],
    [async () => null, /must resolve to a string, not null/],
    [async () => ({ key: secretish }), /must resolve to a string, not object/],
    [async () => '', /empty/],
    [async () => secretish, /whitespace/],
  ];
  for (const [apiKey, message] of cases) {
    const neon = new NeonAdmin({ baseUrl: sim.baseUrl, apiKey });
    const error = await neon.whoami().then(() => assert.fail('resolved'), (e) => e);
    assert.ok(error instanceof NeonConfigError, String(error));
    assert.equal(error.field, 'apiKey');
    assert.match(error.message, message);
    assertNoLeak(error, secretish);
    assertNoLeak(error, 'key with spaces');
  }
});

test('a key the API refuses is an API error of the first request, as with a string key', async () => {
  const neon = new NeonAdmin({ baseUrl: sim.baseUrl, apiKey: async () => 'napi_not_a_known_key_123' });
  await assert.rejects(neon.whoami(), (e) => e.name === 'NeonApiError' && e.status === 401);
});
