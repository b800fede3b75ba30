// Refreshing an expired Neon CLI login from several real processes, and where the refreshed
// login cannot be written back. Each process is tests/js/support/refresh-child.mjs; the OAuth
// server (tests/js/support/cli-oracle.mjs) rotates refresh tokens and accepts each once, so a
// second refresh of one login fails. Runs on the backend NEON_ADMIN_BACKEND selects (both in
// scripts/test.sh).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempHome } from './support/cli-oracle.mjs';
import { oauth, recorder } from './support/oauth-servers.mjs';

const CHILD = fileURLToPath(new URL('./support/refresh-child.mjs', import.meta.url));


let serial = 0;
/** A config folder holding an expired login whose refresh token the OAuth server accepts once. */
function expiredLogin() {
  const dir = join(tempHome(), 'neon');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'credentials.json');
  const refresh = `refresh-start-${++serial}`;
  writeFileSync(path, JSON.stringify({ access_token: 'stale_access', refresh_token: refresh, expires_at: Date.now() - 60_000, token_type: 'bearer' }));
  oauth.allow(refresh);
  return { dir, path };
}

/** The CLI's lock: `.refresh-<first 16 hex of sha256(credentials path)>.lock` in the config dir. */
const lockPath = (dir, path) => join(dir, `.refresh-${createHash('sha256').update(path).digest('hex').slice(0, 16)}.lock`);

/**
 * Starts a child process (`command` runs node with the child script as its last arguments);
 * resolves once it printed `ready`, to `{ go, done }`: `go()` lets it make its calls, `done`
 * resolves to what it printed last.
 */
function startChild(command, env) {
  const [program, ...args] = command;
  const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let ready;
  const isReady = new Promise((resolve) => (ready = resolve));
  child.stdout.on('data', (chunk) => {
    out += chunk;
    if (out.startsWith('ready\n')) ready();
  });
  child.stderr.on('data', (chunk) => (err += chunk));
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      ready();
      if (code !== 0) return reject(new Error(`child exited ${code}: ${err}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
  return isReady.then(() => ({ go: () => child.stdin.end('go\n'), done }));
}

const node = [process.execPath, CHILD];

for (const held of [false, true]) {
  test(`three processes refreshing one expired login at once send one refresh request${held ? ', the lock just released' : ''}`, async () => {
    const { dir, path } = expiredLogin();
    const scope = recorder.scope();
    const env = { CHILD_CONFIG_DIR: dir, CHILD_BASE_URL: scope.baseUrl, NEON_OAUTH_HOST: oauth.url };
    const grants = oauth.grants.length;
    const children = await Promise.all([1, 2, 3].map(() => startChild(node, env)));
    const lock = lockPath(dir, path);
    // Another process (the Neon CLI, say) holds the lock, and lets go while all three wait for it.
    if (held) writeFileSync(lock, '');
    for (const child of children) child.go();
    if (held) {
      await sleep(300);
      rmSync(lock);
    }
    const outcomes = await Promise.all(children.map((c) => c.done));
    for (const { results } of outcomes) assert.deepEqual(results, [{ ok: true }]);
    assert.equal(oauth.grants.length, grants + 1, 'exactly one refresh request');
    const stored = JSON.parse(readFileSync(path, 'utf8'));
    assert.deepEqual(scope.bearers(), [stored.access_token, stored.access_token, stored.access_token], 'all three sent the refreshed token');
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.')), [], 'no lock or temporary file left');
  });
}

test('a refreshed login that cannot be written back is kept by the client, and the warning says so', async () => {
  const { dir, path } = expiredLogin();
  const before = readFileSync(path, 'utf8');
  const scope = recorder.scope();
  const grants = oauth.grants.length;
  // The config folder mounted read-only in a mount namespace of the child's own (as a mounted
  // secret is): neither the lock nor the rewritten file can be created there.
  const readOnly = ['unshare', '-rm', 'sh', '-c', 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"', dir, ...node];
  const child = await startChild(readOnly, { CHILD_CONFIG_DIR: dir, CHILD_BASE_URL: scope.baseUrl, NEON_OAUTH_HOST: oauth.url, CHILD_CALLS: '3' });
  child.go();
  const { results, warning } = await child.done;
  assert.deepEqual(results, [{ ok: true }, { ok: true }, { ok: true }]);
  assert.equal(oauth.grants.length, grants + 1, 'refreshed once: the later calls used the kept tokens');
  const sent = scope.bearers();
  assert.equal(sent.length, 3);
  assert.match(sent[0], /^access-\d+$/);
  assert.deepEqual(sent, [sent[0], sent[0], sent[0]], 'every call sent the refreshed token');
  assert.equal(readFileSync(path, 'utf8'), before, 'the file is as it was');
  assert.ok(warning.includes(`refreshed the Neon CLI login but could not write it back to ${path}`), warning);
  assert.match(warning, /this client keeps the new tokens and uses them until they expire/);
  assert.match(warning, /run `neon auth` to log in again, or set NEON_API_KEY/);
  assert.ok(!warning.includes(sent[0]) && !warning.includes('refresh-'), 'no token in the warning');
});
