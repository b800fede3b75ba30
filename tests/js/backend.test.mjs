// Backend choice on Node, through the packed package: wasm by default, the native addon with
// NEON_ADMIN_BACKEND=native or the `neon-admin/native` entry; a missing addon falls back to wasm
// with a one-line warning under the variable, and fails loudly under the explicit entry.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../scripts/simulator.mjs';
import { installPackedPackage } from '../runtimes/install.mjs';

let sim;
let app;
before(async () => {
  sim = await startSimulator();
  app = installPackedPackage();
});
after(() => sim.stop());

function run(source, env = {}) {
  writeFileSync(join(app, 'check.mjs'), source);
  const out = spawnSync(process.execPath, ['check.mjs'], {
    cwd: app,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SIM_URL: sim.baseUrl, SIM_KEY: sim.seedKey, ...env },
  });
  return { status: out.status, stdout: out.stdout.trim(), stderr: out.stderr.trim() };
}

const whoami = `import NeonAdmin, { backend } from 'neon-admin';
const me = await new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} }).whoami();
console.log(backend, me.auth_method);`;

test('the tarball carries the native addon for this platform', () => {
  assert.ok(readdirSync(join(app, 'node_modules/neon-admin/native')).some((f) => f.endsWith('.node')));
});

test('wasm by default, native with NEON_ADMIN_BACKEND=native', () => {
  assert.equal(run(whoami).stdout, 'wasm api_key_user');
  const native = run(whoami, { NEON_ADMIN_BACKEND: 'native' });
  assert.equal(native.stdout, 'native api_key_user');
  assert.equal(native.stderr, '');
});

test('the neon-admin/native entry uses the addon', () => {
  const out = run(`import NeonAdmin from 'neon-admin/native';
const me = await new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} }).whoami();
console.log(me.auth_method);`);
  assert.equal(out.stdout, 'api_key_user', out.stderr);
});

test('without the addon: a one-line warning and wasm under the variable, an error under the entry', () => {
  for (const file of readdirSync(join(app, 'node_modules/neon-admin/native'))) rmSync(join(app, 'node_modules/neon-admin/native', file));
  const fallback = run(whoami, { NEON_ADMIN_BACKEND: 'native' });
  assert.equal(fallback.stdout, 'wasm api_key_user');
  assert.equal(fallback.stderr.split('\n').length, 1, fallback.stderr);
  assert.match(fallback.stderr, /^neon-admin: NEON_ADMIN_BACKEND=native but the native addon could not be loaded/);
  const explicit = run(`import 'neon-admin/native';`);
  assert.notEqual(explicit.status, 0);
  assert.match(explicit.stderr, /Cannot find module|neon-admin\.linux/);
});
