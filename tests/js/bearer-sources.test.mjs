// Every bearer token is checked before it goes into an Authorization header, whichever source
// gave it: the apiKey option, NEON_API_KEY, a Neon CLI credentials file (an API key or a login's
// access token) and a login refreshed at the OAuth server. A bad one is a NeonConfigError on
// field `apiKey` that names its source and never repeats the value, and nothing is sent.
// (The keyring goes through the same check: tests/credentials.rs covers it, as only the native
// backend reads a keyring.) Runs on the backend NEON_ADMIN_BACKEND selects (both in scripts/test.sh).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import NeonAdmin, { NeonConfigError } from '../../js/node.mjs';
import { startOAuth, startRecorder, tempHome } from './support/cli-oracle.mjs';

/** Part of every bad value, so that an echo of any of it shows. */
const MARK = 's3cr3tPart';
const BAD = {
  'a space': `napi_${MARK} more`,
  'CR LF and a header': `napi_${MARK}\r\nX-Injected: 1`,
  'a NUL': `napi_${MARK}\u0000`,
  'non-ASCII': `napi_${MARK}_ключ`,
  'an absurd size': `napi_${MARK}`.repeat(2000),
};

let recorder;
before(async () => {
  recorder = await startRecorder();
});
after(() => recorder.stop());

/** A config folder whose credentials.json holds `stored`. */
function configDir(stored) {
  const dir = join(tempHome(), 'neon');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'credentials.json'), JSON.stringify(stored));
  return dir;
}

/** Checks a refusal: NeonConfigError on apiKey, naming `source`, without any of the value. */
function assertRefused(error, source) {
  assert.ok(error instanceof NeonConfigError, String(error));
  assert.equal(error.field, 'apiKey');
  assert.ok(error.message.includes(`the API key from ${source}`), error.message);
  for (const text of [error.message, error.stack, JSON.stringify(error)]) assert.ok(!String(text).includes(MARK), text);
}

/** What building the client and one whoami did: the error (or none) and the bearers sent. */
async function attempt(options) {
  const scope = recorder.scope();
  try {
    const neon = new NeonAdmin({ baseUrl: scope.baseUrl, maxRetries: 0, env: {}, ...options });
    await neon.whoami();
    return { bearers: scope.bearers() };
  } catch (error) {
    return { error, bearers: scope.bearers() };
  }
}

for (const [what, bad] of Object.entries(BAD)) {
  test(`a bearer with ${what} is refused from every source, before any request`, async () => {
    const fromOption = await attempt({ apiKey: bad });
    assertRefused(fromOption.error, 'the apiKey option');

    const fromEnv = await attempt({ env: { NEON_API_KEY: bad } });
    assertRefused(fromEnv.error, 'NEON_API_KEY');

    const keyDir = configDir({ type: 'api_key', api_key: bad });
    const fromFile = await attempt({ configDir: keyDir });
    assertRefused(fromFile.error, `the Neon CLI credentials file ${join(keyDir, 'credentials.json')}`);

    const loginDir = configDir({ access_token: bad, refresh_token: 'r', expires_at: Date.now() + 3_600_000 });
    const fromLogin = await attempt({ configDir: loginDir });
    assertRefused(fromLogin.error, `the Neon CLI credentials file ${join(loginDir, 'credentials.json')}`);

    for (const outcome of [fromOption, fromEnv, fromFile, fromLogin]) assert.deepEqual(outcome.bearers, [], 'nothing sent');
  });
}

test('a refreshed login whose access token cannot go into a header is refused, and nothing is sent', async () => {
  const oauth = await startOAuth({ accessToken: () => BAD['CR LF and a header'] });
  try {
    oauth.allow('refresh-me');
    const dir = configDir({ access_token: 'stale', refresh_token: 'refresh-me', expires_at: Date.now() - 60_000 });
    const outcome = await attempt({ configDir: dir, env: { NEON_OAUTH_HOST: oauth.url } });
    assertRefused(outcome.error, 'the refreshed Neon CLI login');
    assert.equal(oauth.grants.length, 1, 'refreshed once');
    assert.deepEqual(outcome.bearers, [], 'nothing sent');
  } finally {
    oauth.stop();
  }
});

test('good bearers from each source are sent as they are', async () => {
  const good = 'napi_good_bearer_0123456789';
  assert.deepEqual((await attempt({ apiKey: ` ${good}\n` })).bearers, [good]);
  assert.deepEqual((await attempt({ env: { NEON_API_KEY: good } })).bearers, [good]);
  assert.deepEqual((await attempt({ configDir: configDir({ type: 'api_key', api_key: good }) })).bearers, [good]);
  const login = configDir({ access_token: good, refresh_token: 'r', expires_at: Date.now() + 3_600_000 });
  assert.deepEqual((await attempt({ configDir: login })).bearers, [good]);
});
