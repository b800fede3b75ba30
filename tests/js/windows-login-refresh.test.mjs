// Refreshing an expired `neon auth` login on Windows file semantics: the official Windows Node 22
// under Wine, the login in %USERPROFILE%\.config\neon on the prefix's C: drive, neon-admin (the
// packed package, on the wasm build and on the win32-x64-gnu addon) and the real `neon` CLI 6.2.3
// as separate Windows processes. The OAuth server (rotating refresh tokens, each accepted once)
// and the API server run here and count what was sent; tests/windows/refresh-driver.mjs runs the
// processes. Checked: the refresh and the hand-over with the CLI both ways, the CLI's lock file
// (named from the Windows path) waited for and taken over when stale, four processes at once
// refreshing once, and the atomic replace while another process holds the file open (Windows
// refuses to replace an open file: the rename is retried until it is closed, for up to 2 s, and
// past that the call still succeeds with a warning).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NEON_CLI, startOAuth, startRecorder } from './support/cli-oracle.mjs';
import { installWindowsApp } from '../windows/app.mjs';
import { requireWine, runWindowsJson, windowsPath } from '../windows/wine.mjs';

const BACKENDS = ['wasm', 'native'];
let recorder;
let oauth;
let report;
const plan = {};

before(async () => {
  requireWine();
  const app = installWindowsApp();
  recorder = await startRecorder();
  oauth = await startOAuth();
  for (const backend of BACKENDS) {
    const seeds = [1, 2, 3, 4, 5].map((n) => `win-${backend}-seed-${n}`);
    for (const seed of seeds) oauth.allow(seed);
    plan[backend] = { seeds, scopes: seeds.map(() => recorder.scope()) };
  }
  const spec = {
    cli: windowsPath(NEON_CLI),
    cliPreload: windowsPath(new URL('../windows/wine-keepalive.cjs', import.meta.url).pathname),
    adminScript: windowsPath(join(app, 'admin-whoami.mjs')),
    oauthUrl: oauth.url,
    backends: Object.fromEntries(BACKENDS.map((b) => [b, { seeds: plan[b].seeds, apis: plan[b].scopes.map((s) => s.baseUrl) }])),
  };
  const specFile = join(mkdtempSync(join(tmpdir(), 'neon-admin-win-spec-')), 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const driver = new URL('../windows/refresh-driver.mjs', import.meta.url).pathname;
  report = await runWindowsJson([windowsPath(driver), windowsPath(specFile)], { cwd: app, timeoutMs: 900_000 });
});
after(() => {
  recorder?.stop();
  oauth?.stop();
});

/** The grants the OAuth server received for refresh tokens in `tokens`. */
const grantsFor = (tokens) => oauth.grants.filter((g) => tokens.includes(g.refresh_token));
const ok = (result) => assert.ok(result.source === 'credentials_file' && !result.error, JSON.stringify(result));

for (const backend of BACKENDS) {
  const name = backend === 'native' ? 'the win32-x64-gnu addon' : 'the wasm build';

  test(`${name}: refreshes an expired login like the CLI on Windows, and the CLI carries on with the file, both ways`, () => {
    const r = report[backend].handover;
    const api = plan[backend].scopes[0];
    assert.equal(r.admin.backend, backend);
    ok(r.admin);
    assert.match(r.path, /^C:\\users\\[^\\]+\\Temp\\neon-admin-win-refresh-\w+\\\.config\\neon\\credentials\.json$/i);
    assert.equal(r.ours.type, 'oauth');
    assert.equal(r.ours.token_type, 'bearer');
    assert.equal(r.ours.user_id, 'user-1');
    assert.match(r.ours.refresh_token, /^refresh-\d+$/);
    assert.ok(Math.abs(r.ours.expires_at - (Date.now() + 3_600_000)) < 600_000, `expires_at ${r.ours.expires_at}`);
    assert.deepEqual(r.leftovers, [], 'no lock or temporary file left');
    assert.equal(r.cliUsesOurs.code, 0, r.cliUsesOurs.stderr);
    assert.equal(r.cliRefreshes.code, 0, r.cliRefreshes.stderr);
    ok(r.adminReadsTheirs);
    assert.deepEqual(Object.keys(r.ours).sort(), Object.keys(r.theirs).sort(), 'the same fields as the CLI writes');
    for (const key of Object.keys(r.ours)) assert.equal(typeof r.ours[key], typeof r.theirs[key], key);
    // neon-admin's token, the CLI using it, the CLI's own refreshed token, neon-admin using that.
    assert.deepEqual(api.bearers(), [r.ours.access_token, r.ours.access_token, r.theirs.access_token, r.theirs.access_token]);
    const grants = oauth.grants.filter((g) => g.refresh_token === plan[backend].seeds[0] || g.refresh_token === r.ours.refresh_token);
    assert.deepEqual(grants.map((g) => g.refresh_token), [plan[backend].seeds[0], r.ours.refresh_token], 'two refreshes: neon-admin with the seed, the CLI with what neon-admin stored');
  });

  test(`${name}: the CLI's lock (named from the Windows path) is waited for while held, and taken over when stale`, () => {
    const r = report[backend].lock;
    ok(r.held);
    assert.ok(r.held.callMs >= 900, `the call took ${r.held.callMs} ms while the lock was held for 1000 ms`);
    ok(r.stale);
    assert.match(r.path, /\\\.config\\neon\\\.refresh-[0-9a-f]{16}\.lock$/);
    assert.deepEqual(r.leftovers, []);
    assert.equal(plan[backend].scopes[1].bearers().at(-1), r.final.access_token);
    assert.equal(grantsFor([plan[backend].seeds[1]]).length, 1);
  });

  test(`${name}: four Windows processes at once on one expired login refresh it once`, () => {
    const r = report[backend].together;
    for (const result of r.results) ok(result);
    assert.equal(grantsFor([plan[backend].seeds[2]]).length, 1, 'one refresh');
    assert.deepEqual(plan[backend].scopes[2].bearers(), Array(4).fill(r.final.access_token));
    assert.deepEqual(r.leftovers, []);
  });

  test(`${name}: a file another process holds open is replaced once it is closed (the rename is retried for up to 2 s)`, () => {
    const r = report[backend].heldBriefly;
    ok(r.admin);
    assert.equal(r.admin.warning, null);
    assert.ok(r.admin.callMs >= 900, `the call took ${r.admin.callMs} ms while the file was held for 1000 ms`);
    assert.notEqual(r.final.access_token, 'stale_access');
    assert.equal(plan[backend].scopes[3].bearers()[0], r.final.access_token);
    assert.deepEqual(r.leftovers, []);
    assert.equal(r.holder, 0);
  });

  test(`${name}: a file held open past the retries is left as it was, with a warning, and the call still succeeds`, () => {
    const r = report[backend].heldThroughout;
    ok(r.admin);
    assert.match(r.admin.warning, /^refreshed the Neon CLI login but could not write it back to C:\\.+credentials\.json \((EPERM|Access denied\. \(os error 5\))\): this client keeps the new tokens/);
    assert.equal(r.final.access_token, 'stale_access', 'the file is untouched');
    assert.notEqual(plan[backend].scopes[4].bearers()[0], 'stale_access');
    assert.deepEqual(r.leftovers, [], 'no temporary file left');
    assert.equal(r.holder, 0);
  });
}
