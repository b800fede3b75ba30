// What an API error says fits where the call was made: a 404 under a branch's Neon Auth says to
// enable it, a base URL without /api/v2 says so (and is still used: a proxy may serve the API at
// another path), no sentence is said twice; and the base URL comes from NEON_API_HOST as the
// neon CLI reads it, or from the deprecated NEON_API_BASE_URL with a warning.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import NeonAdmin, { NeonApiError, NeonConfigError } from '../../js/node.mjs';
import { neon, sim } from './support/simulated.mjs';
import { METHODS, goodObject } from './support/fuzz-surface.mjs';

const ALPHA = 'proj-sim-alpha';
const ENABLE_FIRST = 'enable Neon Auth on this branch first: branchAuth(projectId, branch).enable(), or apply({ enabled: true })';
const NO_API_PATH = 'the base URL does not end in /api/v2, where Neon serves its API';

const rejection = (promise) => promise.then(() => assert.fail('expected a rejection'), (e) => e);

/** Asserts that no clause of `message` (split where clauses join) is said twice. */
function assertSaidOnce(message) {
  const clauses = message.split(/[;:()]\s*/).map((c) => c.trim().toLowerCase()).filter((c) => c.length > 12);
  assert.equal(new Set(clauses).size, clauses.length, `a clause is repeated: ${message}`);
}

test('every call under a branch\'s Neon Auth, where it is off, says to enable it', async () => {
  const off = 'br-filler-001';
  // pull reads a branch without Neon Auth as { enabled: false }: it has nothing to refuse.
  const calls = METHODS.filter((m) => m.name.startsWith('branchAuth.') && !['branchAuth.enable', 'branchAuth.branchId', 'branchAuth.pull'].includes(m.name));
  assert.ok(calls.length >= 25, `${calls.length} calls`);
  for (const method of calls) {
    const args = method.params.map((p) => (p.role === 'object' ? goodObject(p) : p.name === 'branch' ? off : structuredClone(p.spec.good)));
    const error = await rejection(method.call(neon, args));
    assert.ok(error instanceof NeonApiError, `${method.name}: ${error}`);
    assert.equal(error.status, 404, method.name);
    assertSaidOnce(error.message);
    assert.doesNotMatch(error.message, /check the ID/, method.name);
    if (method.name === 'branchAuth.disable') assert.match(error.message, /Neon Auth is already off on this branch: there is nothing to disable/);
    else assert.ok(error.message.includes(ENABLE_FIRST), `${method.name}: ${error.message}`);
  }
  // Where Neon Auth is on, a missing item keeps the usual advice.
  const on = neon.branchAuth(ALPHA, 'br-filler-002');
  await on.enable();
  const missing = await rejection(on.oauthProviders.remove('vercel'));
  assert.equal(missing.status, 404);
  assert.match(missing.message, /Neon Auth may be off on this branch: turn it on with branchAuth\(projectId, branch\)\.enable\(\) or apply\(\{ enabled: true \}\); else what this call names does not exist: check the ID/);
  // A branch that does not exist is not blamed on Neon Auth.
  const noBranch = await rejection(neon.branchAuth(ALPHA, 'br-none-000000').get());
  assert.match(noBranch.message, /branch not found \(check the ID; the resource may not exist/);
});

test('enabling twice says once that Neon Auth is on, and what to do', async () => {
  const auth = neon.branchAuth(ALPHA, 'br-filler-003');
  await auth.enable();
  const error = await rejection(auth.enable());
  assert.equal(error.status, 409);
  assert.equal(error.message.match(/already enabled/g).length, 1, error.message);
  assert.match(error.message, /nothing to do if you want it on, and apply\(\{ enabled: true \}\) counts this as done; its keys were shown only when it was first enabled/);
  assert.doesNotMatch(error.message, /get\(\)|check the request/);
  assertSaidOnce(error.message);
});

test('a base URL without /api/v2 is used as given, and its 404 says where the API is', async () => {
  const origin = new URL(sim.baseUrl).origin;
  for (const baseUrl of [origin, `${origin}/`, `${origin}/api`, `${origin}/v2`]) {
    const client = new NeonAdmin({ apiKey: sim.seedKey, baseUrl, env: {} });
    assert.equal(client.baseUrl, baseUrl.replace(/\/$/, ''), 'never refused: a proxy may serve the API there');
    await sim.resetLog();
    const error = await rejection(client.apiKeys.list());
    assert.ok(error instanceof NeonApiError);
    assert.equal(error.status, 404);
    assert.ok(error.message.includes(`${NO_API_PATH}: use https://console.neon.tech/api/v2, the default, unless a proxy serves the API at this path; else check the ID`), error.message);
    assert.equal(error.message.match(/check the ID/g).length, 1);
    assert.deepEqual(await sim.requests(), [], 'the request went past /api/v2');
  }
  // With /api/v2, a 404 keeps the usual advice.
  const unknown = await rejection(neon.apiKeys.revoke(987654));
  assert.equal(unknown.status, 404);
  assert.ok(!unknown.message.includes(NO_API_PATH));
});

test('an HTML page at a base URL without /api/v2 says where the API is', async () => {
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Console</title>'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: `http://127.0.0.1:${server.address().port}`, env: {} });
    const error = await rejection(client.whoami());
    assert.equal(error.code, 'invalid_response');
    assert.match(error.message, /not the JSON this call expects/);
    assert.ok(error.message.includes(`${NO_API_PATH}: use https://console.neon.tech/api/v2`), error.message);
  } finally {
    server.close();
  }
});

test('NEON_API_HOST sets the base URL as for the neon CLI; NEON_API_BASE_URL still works, with a warning', async () => {
  const other = 'http://127.0.0.1:9/api/v2';
  const make = (env, options = {}) => new NeonAdmin({ apiKey: sim.seedKey, env, ...options });

  const host = make({ NEON_API_HOST: sim.baseUrl });
  assert.equal(host.baseUrl, sim.baseUrl);
  assert.equal(host.credentialWarning, undefined);
  assert.equal(typeof (await host.whoami()).account_id, 'string');

  const old = make({ NEON_API_BASE_URL: sim.baseUrl });
  assert.equal(old.baseUrl, sim.baseUrl);
  assert.equal(old.credentialWarning, 'NEON_API_BASE_URL is deprecated: set NEON_API_HOST instead, the name the neon CLI reads (the same full URL, /api/v2 included)');
  assert.equal(typeof (await old.whoami()).account_id, 'string');

  const both = make({ NEON_API_HOST: sim.baseUrl, NEON_API_BASE_URL: other });
  assert.equal(both.baseUrl, sim.baseUrl);
  assert.equal(both.credentialWarning, 'NEON_API_BASE_URL is deprecated and was ignored because NEON_API_HOST is set: unset it');

  const option = make({ NEON_API_HOST: other, NEON_API_BASE_URL: other }, { baseUrl: sim.baseUrl });
  assert.equal(option.baseUrl, sim.baseUrl, 'the option wins');
  assert.equal(option.credentialWarning, undefined);

  assert.equal(make({ NEON_API_HOST: '  ' }).baseUrl, 'https://console.neon.tech/api/v2', 'empty counts as unset');
  assert.equal(make({ NEON_API_HOST: `${sim.baseUrl}/` }).baseUrl, sim.baseUrl);

  const profileToo = new NeonAdmin({ env: { NEON_API_KEY: sim.seedKey, NEON_PROFILE: 'work', NEON_API_BASE_URL: sim.baseUrl } });
  assert.match(profileToo.credentialWarning, /^NEON_API_KEY is set, so profile "work" from NEON_PROFILE was ignored: .+; NEON_API_BASE_URL is deprecated: set NEON_API_HOST instead/);

  for (const [env, name] of [[{ NEON_API_HOST: 'http://api.example.com/api/v2' }, 'NEON_API_HOST'], [{ NEON_API_BASE_URL: 'ftp://127.0.0.1/api/v2' }, 'NEON_API_BASE_URL']]) {
    const error = (() => {
      try {
        make(env);
      } catch (thrown) {
        return thrown;
      }
      return assert.fail('accepted');
    })();
    assert.ok(error instanceof NeonConfigError);
    assert.equal(error.field, name);
    assert.match(error.message, new RegExp(`^invalid \`${name}\`: must `));
  }
});
