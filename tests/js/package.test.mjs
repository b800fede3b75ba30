// The npm tarball: installs into an empty folder with no dependencies, and works through both
// `import` and `require`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let sim;
let app;
let files;

before(async () => {
  sim = await startSimulator();
  const out = mkdtempSync(join(tmpdir(), 'neon-admin-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: root, encoding: 'utf8' }));
  files = packed[0].files.map((f) => f.path).sort();
  app = mkdtempSync(join(tmpdir(), 'neon-admin-app-'));
  writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(out, packed[0].filename)], { cwd: app, stdio: 'pipe' });
});
after(() => {
  sim.stop();
  if (app) rmSync(app, { recursive: true, force: true });
});

test('the tarball holds the entry points, the wasm and the types, and no sources', () => {
  for (const needed of ['js/node.mjs', 'js/node.cjs', 'js/index.d.ts', 'pkg/neon_admin_bg.wasm', 'pkg/neon_admin.js', 'pkg/neon_admin.d.ts', 'package.json', 'README.md']) {
    assert.ok(files.includes(needed), `${needed} missing from ${files.join(', ')}`);
  }
  assert.equal(files.some((f) => f.startsWith('src/') || f.startsWith('tests/') || f.endsWith('.rs')), false, files.join(', '));
});

test('installing it adds no runtime dependency', () => {
  assert.deepEqual(readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.')), ['neon-admin']);
});

function run(file, source) {
  writeFileSync(join(app, file), source);
  return execFileSync(process.execPath, [file], { cwd: app, encoding: 'utf8', env: { ...process.env, NEON_API_KEY: sim.seedKey, SIM_URL: sim.baseUrl } });
}

test('import works in an empty project', () => {
  const out = run(
    'esm.mjs',
    `import NeonAdmin, { NeonApiError } from 'neon-admin';
const neon = new NeonAdmin({ baseUrl: process.env.SIM_URL });
const me = await neon.whoami();
console.log(neon.credentialSource, me.auth_method, typeof NeonApiError);`,
  );
  assert.equal(out.trim(), 'env api_key_user function');
});

test('require works in an empty project', () => {
  const out = run(
    'cjs.cjs',
    `const { NeonAdmin, NeonConfigError } = require('neon-admin');
new NeonAdmin({ baseUrl: process.env.SIM_URL }).apiKeys.list().then((keys) => {
  let refused = false;
  try { new NeonAdmin({ apiKey: 'a b' }); } catch (e) { refused = e instanceof NeonConfigError; }
  console.log(Array.isArray(keys), keys.length > 0, refused);
});`,
  );
  assert.equal(out.trim(), 'true true true');
});
