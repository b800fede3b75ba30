// Credential resolution through the built package: option, env, Neon CLI credentials files.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import NeonAdmin, { NeonConfigError } from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { assertNoLeak } from './support/leaks.mjs';

let sim;
before(async () => {
  sim = await startSimulator();
});
after(() => sim.stop());

function configDir(files) {
  const dir = mkdtempSync(join(tmpdir(), 'neon-admin-cfg-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

test('the apiKey option wins over NEON_API_KEY and files', async () => {
  const dir = configDir({ 'credentials.json': { type: 'api_key', api_key: 'file_key_123' } });
  const neon = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, configDir: dir, env: { NEON_API_KEY: 'env_key_123' } });
  assert.equal(neon.credentialSource, 'option');
  assert.equal((await neon.whoami()).auth_data, 'seed');
});

test('NEON_API_KEY from the env option is used next', async () => {
  const neon = new NeonAdmin({ baseUrl: sim.baseUrl, env: { NEON_API_KEY: sim.seedKey } });
  assert.equal(neon.credentialSource, 'env');
  assert.equal((await neon.whoami()).auth_data, 'seed');
});

test('NEON_API_KEY from process.env is read when no env object is given', async () => {
  const saved = process.env.NEON_API_KEY;
  process.env.NEON_API_KEY = sim.seedKey;
  try {
    const neon = await NeonAdmin.connect({ baseUrl: sim.baseUrl });
    assert.equal(neon.credentialSource, 'env');
    assert.equal((await neon.whoami()).auth_method, 'api_key_user');
  } finally {
    if (saved === undefined) delete process.env.NEON_API_KEY;
    else process.env.NEON_API_KEY = saved;
  }
});

test('the Neon CLI credentials file: api_key and unexpired OAuth token kinds', async () => {
  const dir = configDir({ 'credentials.json': { type: 'api_key', api_key: sim.seedKey } });
  const neon = new NeonAdmin({ baseUrl: sim.baseUrl, env: { NEON_CONFIG_DIR: dir } });
  assert.equal(neon.credentialSource, 'credentials_file');
  assert.equal((await neon.whoami()).auth_data, 'seed');

  const oauth = configDir({ 'credentials.json': { access_token: sim.seedKey, expires_at: Date.now() + 3_600_000 } });
  const viaToken = new NeonAdmin({ baseUrl: sim.baseUrl, configDir: oauth, env: {} });
  assert.equal((await viaToken.whoami()).auth_data, 'seed');
});

test('XDG_CONFIG_HOME/neon, then the legacy neonctl folder, and profiles from profiles.json', () => {
  const xdg = configDir({
    'neonctl/credentials.json': { type: 'api_key', api_key: 'legacy_key_1' },
    'neon/credentials.staging.json': { type: 'api_key', api_key: 'staging_key_1' },
    'neon/profiles.json': { version: 1, profiles: { staging: { credentials: 'credentials.staging.json' } } },
  });
  const legacy = new NeonAdmin({ baseUrl: sim.baseUrl, env: { XDG_CONFIG_HOME: xdg } });
  assert.equal(legacy.credentialSource, 'credentials_file');
  const staging = new NeonAdmin({ baseUrl: sim.baseUrl, profile: 'staging', env: { XDG_CONFIG_HOME: xdg } });
  assert.equal(staging.credentialSource, 'credentials_file');
  const viaEnv = new NeonAdmin({ baseUrl: sim.baseUrl, env: { XDG_CONFIG_HOME: xdg, NEON_PROFILE: 'staging' } });
  assert.equal(viaEnv.credentialSource, 'credentials_file');
  assert.throws(
    () => new NeonAdmin({ baseUrl: sim.baseUrl, profile: 'missing', env: { XDG_CONFIG_HOME: xdg } }),
    (e) => e instanceof NeonConfigError && e.message.includes('Known profiles: staging'),
  );
  // An explicit profile beats NEON_API_KEY; NEON_API_KEY beats NEON_PROFILE, with a warning.
  const explicit = new NeonAdmin({ baseUrl: sim.baseUrl, profile: 'staging', env: { XDG_CONFIG_HOME: xdg, NEON_API_KEY: 'env_key_9' } });
  assert.equal(explicit.credentialSource, 'credentials_file');
  assert.equal(explicit.credentialWarning, undefined);
  const ambient = new NeonAdmin({ baseUrl: sim.baseUrl, env: { XDG_CONFIG_HOME: xdg, NEON_API_KEY: 'env_key_9', NEON_PROFILE: 'staging' } });
  assert.equal(ambient.credentialSource, 'env');
  assert.match(ambient.credentialWarning, /profile "staging" from NEON_PROFILE was ignored/);
  assert.throws(() => new NeonAdmin({ apiKey: 'opt_key_9', profile: 'staging', env: { XDG_CONFIG_HOME: xdg } }), NeonConfigError);
});

test('an expired OAuth login says to run neon auth, without the token', () => {
  const dir = configDir({ 'credentials.json': { type: 'oauth', access_token: 'expired_tok_1', expires_at: Date.now() - 1000 } });
  assert.throws(
    () => new NeonAdmin({ baseUrl: sim.baseUrl, configDir: dir, env: {} }),
    (e) => {
      assert.ok(e instanceof NeonConfigError);
      assert.match(e.message, /expired/);
      assert.match(e.message, /neon auth/);
      assertNoLeak(e, 'expired_tok_1');
      return true;
    },
  );
});

test('a malformed or unreadable file is an error naming its path', () => {
  const dir = configDir({ 'credentials.json': '{"type": "api_key", ' });
  assert.throws(() => new NeonAdmin({ configDir: dir, env: {} }), (e) => e instanceof NeonConfigError && e.message.includes(join(dir, 'credentials.json')));
  // A directory in place of the file cannot be read as one.
  const asDir = configDir({});
  mkdirSync(join(asDir, 'credentials.json'));
  assert.throws(() => new NeonAdmin({ configDir: asDir, env: {} }), (e) => e instanceof NeonConfigError && e.message.includes(join(asDir, 'credentials.json')));
});

test('nothing found: one error listing all three ways', () => {
  const empty = configDir({});
  assert.throws(
    () => new NeonAdmin({ env: { NEON_CONFIG_DIR: empty } }),
    (e) => {
      assert.ok(e instanceof NeonConfigError);
      for (const way of ['apiKey', 'NEON_API_KEY', 'neon auth']) assert.ok(e.message.includes(way), e.message);
      return true;
    },
  );
});
