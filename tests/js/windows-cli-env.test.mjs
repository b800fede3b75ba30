// The neon-admin CLI on Windows: the official Windows Node 22 under Wine runs the packed package's
// CLI (node_modules/neon-admin/js/cli/main.mjs, what `npx neon-admin` starts) against the
// simulator, with stdout going to a file as in `neon-admin … --env >> $env:GITHUB_ENV`. The
// --env output must be the same bytes as on Linux: `KEY=value` lines ending in LF alone (no CR,
// which dotenv and $GITHUB_ENV would keep in the value), on the wasm build and on the addon.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { startSimulator } from '../../scripts/simulator.mjs';
import { installWindowsApp } from '../windows/app.mjs';
import { requireWine, runWindowsNode } from '../windows/wine.mjs';

let sim;
let app;
before(async () => {
  requireWine();
  app = installWindowsApp();
  sim = await startSimulator();
});
after(() => sim.stop());

const cli = (args, env = {}) =>
  runWindowsNode([join('node_modules', 'neon-admin', 'js', 'cli', 'main.mjs'), ...args], {
    cwd: app,
    env: { NEON_API_KEY: sim.seedKey, NEON_API_HOST: sim.baseUrl, ...env },
  });

/** Asserts `stdout` is exactly `names.length` `NAME=value` lines, each ended by LF alone, and returns them parsed. */
function envLines(stdout, names) {
  assert.ok(!stdout.includes('\r'), `a CR in ${JSON.stringify(stdout)}`);
  assert.ok(stdout.endsWith('\n'));
  const lines = stdout.slice(0, -1).split('\n');
  assert.deepEqual(lines.map((l) => l.slice(0, l.indexOf('='))), names);
  for (const line of lines) assert.match(line, /^[A-Z_]+=[^\s'"$`#\\]+$/);
  return { ...parseEnv(stdout) };
}

for (const backend of ['wasm', 'native']) {
  test(`--env on Windows (${backend}): auth enable and keys create write LF-only KEY=value lines that dotenv reads back, and the key works`, async () => {
    const branch = backend === 'wasm' ? 'preview/feature-a' : 'preview/feature-b';
    const enabled = await cli(['auth', 'enable', '--project', 'proj-sim-alpha', '--branch', branch, '--env'], { NEON_ADMIN_BACKEND: backend });
    assert.equal(enabled.code, 0, enabled.stderr);
    const auth = envLines(enabled.stdout, ['NEON_AUTH_BASE_URL', 'NEON_AUTH_JWKS_URL', 'NEON_AUTH_PUB_CLIENT_KEY', 'NEON_AUTH_SECRET_SERVER_KEY']);
    assert.match(auth.NEON_AUTH_JWKS_URL, /^https?:\/\/\S+$/);

    const status = await cli(['auth', 'status', '--project', 'proj-sim-alpha', '--branch', branch, '--env'], { NEON_ADMIN_BACKEND: backend });
    assert.equal(status.code, 0, status.stderr);
    const again = envLines(status.stdout, ['NEON_AUTH_BASE_URL', 'NEON_AUTH_JWKS_URL']);
    assert.deepEqual(again, { NEON_AUTH_BASE_URL: auth.NEON_AUTH_BASE_URL, NEON_AUTH_JWKS_URL: auth.NEON_AUTH_JWKS_URL });

    const created = await cli(['keys', 'create', `windows-${backend}`, '--env'], { NEON_ADMIN_BACKEND: backend });
    assert.equal(created.code, 0, created.stderr);
    const { NEON_API_KEY } = envLines(created.stdout, ['NEON_API_KEY']);
    const whoami = await cli(['whoami', '--json'], { NEON_API_KEY, NEON_ADMIN_BACKEND: backend });
    assert.equal(whoami.code, 0, whoami.stderr);
    assert.equal(JSON.parse(whoami.stdout).auth_method, 'api_key_user');
  });
}

test('the CLI on Windows: a usage mistake exits 2 with one line on stderr, and nothing on stdout', async () => {
  const result = await cli(['keys', 'create', 'x', '--env', '--shell']);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /--env and --shell cannot be used together/);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
});
