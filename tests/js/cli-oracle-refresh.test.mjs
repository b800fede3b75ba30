// Refreshing an expired `neon auth` login, checked against the real `neon` CLI 6.2.3: both point
// at a fake OAuth server on 127.0.0.1 through NEON_OAUTH_HOST (the variable the CLI reads). The
// server rotates refresh tokens and accepts each once, so the two programs keep working only if
// each stores what the other needs: same file, same format, same lock.
// Runs on the backend NEON_ADMIN_BACKEND selects (scripts/test.sh runs it on both).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NeonAdmin } from '../../js/node.mjs';
import { adminWhoami, caseEnv, cliMe, tempHome } from './support/cli-oracle.mjs';
import { oauth, recorder } from './support/oauth-servers.mjs';


/** A HOME holding an expired login whose refresh token the OAuth server accepts. */
function expiredLogin(refreshToken) {
  const home = tempHome();
  const dir = join(home, '.config', 'neon');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'credentials.json');
  writeFileSync(path, JSON.stringify({ access_token: 'stale_access', refresh_token: refreshToken, expires_at: Date.now() - 60_000, token_type: 'bearer', user_id: 'user-1' }));
  oauth.allow(refreshToken);
  return { home, dir, path };
}

const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const expire = (path) => writeFileSync(path, JSON.stringify({ ...read(path), expires_at: Date.now() - 1000 }));
/** The CLI's lock: `.refresh-<first 16 hex of sha256(credentials path)>.lock` in the config dir. */
const lockPath = (dir, path) => join(dir, `.refresh-${createHash('sha256').update(path).digest('hex').slice(0, 16)}.lock`);

test('neon-admin refreshes an expired login like the CLI, and the CLI carries on with the file', async () => {
  const { home, dir, path } = expiredLogin('refresh-seed-1');
  const scope = recorder.scope();
  const env = caseEnv(home, scope.baseUrl, { NEON_OAUTH_HOST: oauth.url });
  const grantsBefore = oauth.grants.length;

  const admin = await adminWhoami(NeonAdmin, env, scope.baseUrl);
  assert.equal(admin.error, undefined, admin.error?.message);
  assert.equal(admin.client.credentialSource, 'credentials_file');
  const ours = read(path);
  const sent = scope.bearers()[0];
  assert.equal(sent, ours.access_token, 'the refreshed token was sent');
  assert.notEqual(sent, 'stale_access');
  assert.equal(oauth.grants.length, grantsBefore + 1);
  assert.deepEqual(oauth.grants.at(-1), { grant_type: 'refresh_token', refresh_token: 'refresh-seed-1', client_id: 'neonctl' });
  assert.equal(ours.type, 'oauth');
  assert.equal(ours.token_type, 'bearer');
  assert.equal(ours.user_id, 'user-1');
  assert.match(ours.refresh_token, /^refresh-\d+$/);
  assert.ok(Math.abs(ours.expires_at - (Date.now() + 3_600_000)) < 60_000, `expires_at ${ours.expires_at}`);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.')), [], 'no lock or temporary file left');

  // The CLI uses the token neon-admin stored, without refreshing.
  await cliMe(env);
  assert.equal(scope.bearers()[1], ours.access_token);
  assert.equal(oauth.grants.length, grantsBefore + 1);

  // Expired again: the CLI refreshes with the rotated refresh token neon-admin stored.
  expire(path);
  const cli = await cliMe(env);
  assert.equal(cli.code, 0, cli.stderr);
  const theirs = read(path);
  assert.equal(oauth.grants.at(-1).refresh_token, ours.refresh_token);
  assert.equal(scope.bearers()[2], theirs.access_token);
  assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort(), 'the same fields as the CLI writes');
  for (const key of Object.keys(ours)) assert.equal(typeof ours[key], typeof theirs[key], key);

  // And neon-admin reads the file the CLI rewrote.
  await adminWhoami(NeonAdmin, env, scope.baseUrl);
  assert.equal(scope.bearers()[3], theirs.access_token);
});

test('a login the CLI refreshed first is used as it is', async () => {
  const { home, path } = expiredLogin('refresh-seed-2');
  const scope = recorder.scope();
  const env = caseEnv(home, scope.baseUrl, { NEON_OAUTH_HOST: oauth.url });
  const cli = await cliMe(env);
  assert.equal(cli.code, 0, cli.stderr);
  const grants = oauth.grants.length;
  await adminWhoami(NeonAdmin, env, scope.baseUrl);
  assert.deepEqual(scope.bearers(), [read(path).access_token, read(path).access_token]);
  assert.equal(oauth.grants.length, grants, 'no second refresh');
});

test("the CLI's lock is waited for while held, and taken over when stale", async () => {
  const { home, dir, path } = expiredLogin('refresh-seed-3');
  const scope = recorder.scope();
  const env = caseEnv(home, scope.baseUrl, { NEON_OAUTH_HOST: oauth.url });
  const lock = lockPath(dir, path);
  writeFileSync(lock, '');
  const grants = oauth.grants.length;
  const started = Date.now();
  setTimeout(() => rmSync(lock), 400);
  const admin = await adminWhoami(NeonAdmin, env, scope.baseUrl);
  assert.equal(admin.error, undefined, admin.error?.message);
  assert.ok(Date.now() - started >= 350, 'waited for the lock');
  assert.equal(oauth.grants.length, grants + 1);

  expire(path);
  oauth.allow(read(path).refresh_token);
  writeFileSync(lock, '');
  const old = new Date(Date.now() - 120_000);
  utimesSync(lock, old, old);
  const again = await adminWhoami(NeonAdmin, env, scope.baseUrl);
  assert.equal(again.error, undefined, again.error?.message);
  assert.equal(scope.bearers().at(-1), read(path).access_token);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.')), []);
});

test('a refresh the OAuth server rejects: neither program sends a key', async () => {
  const home = tempHome();
  const dir = join(home, '.config', 'neon');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'credentials.json'), JSON.stringify({ access_token: 'stale', refresh_token: 'revoked', expires_at: 1 }));
  const scope = recorder.scope();
  const env = caseEnv(home, scope.baseUrl, { NEON_OAUTH_HOST: oauth.url });
  const cli = await cliMe(env);
  assert.notEqual(cli.code, 0);
  const admin = await adminWhoami(NeonAdmin, env, scope.baseUrl);
  assert.equal(admin.error?.name, 'NeonConfigError');
  assert.match(admin.error.message, /neon auth/);
  assert.ok(!admin.error.message.includes('revoked'), 'no token in the message');
  assert.deepEqual(scope.bearers(), []);
});
