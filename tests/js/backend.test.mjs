// Backend choice on Node, through the release tarballs installed as a user would: the native addon
// from the platform package (neon-admin-<platform>, the main package's optional dependency) by
// default, under NEON_ADMIN_BACKEND=native and through the `neon-admin/native` entry; wasm under
// NEON_ADMIN_BACKEND=wasm. Without the platform package: the default import on wasm, quietly, a
// one-line warning and wasm under the variable, and a clear error naming the package under the
// explicit entry.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';
import { platformArchAbi } from '../../js/backends/native-client.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const platform = platformArchAbi();
const platformPackage = `neon-admin-${platform}`;

let sim;
const temps = [];
let withAddon; // an app with both tarballs installed
let withoutAddon; // an app with the main tarball only (the optional dependency cannot be fetched offline)

const temp = (prefix) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
const pack = (cwd, out) => join(out, JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd, encoding: 'utf8' }))[0].filename);

/**
 * The two release tarballs as `npm publish` would make them (the same staging as
 * tests/js/package.test.mjs, which checks their contents): the files `npm pack` takes from the
 * checkout, npm/ from `napi create-npm-dirs`, the addon from native/, then `napi pre-publish`
 * (which adds optionalDependencies; publishes nothing).
 */
function packRelease() {
  const stage = temp('neon-admin-release-');
  const [plain] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }));
  for (const { path } of plain.files) cpSync(join(root, path), join(stage, path));
  const napi = join(root, 'node_modules/.bin/napi');
  const env = { ...process.env, NO_COLOR: '1' };
  execFileSync(napi, ['create-npm-dirs'], { cwd: stage, env, stdio: 'pipe' });
  // pre-publish checks every platform package of the napi config, so each gets its addon.
  for (const dir of readdirSync(join(stage, 'npm'))) {
    const addon = join(root, 'native', `neon-admin.${dir}.node`);
    assert.ok(existsSync(addon), `${addon} is not built (npm run build)`);
    cpSync(addon, join(stage, 'npm', dir, `neon-admin.${dir}.node`));
  }
  execFileSync(napi, ['pre-publish', '-t', 'npm', '--no-gh-release', '--skip-optional-publish'], { cwd: stage, env, stdio: 'pipe' });
  const out = temp('neon-admin-release-pack-');
  return { main: pack(stage, out), platform: pack(join(stage, 'npm', platform), out) };
}

function install(tarballs) {
  const app = temp('neon-admin-backend-');
  writeFileSync(join(app, 'package.json'), '{"name":"backend-app","version":"1.0.0","private":true,"type":"module"}');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', ...tarballs], { cwd: app, stdio: 'pipe' });
  return app;
}

before(async () => {
  sim = await startSimulator();
  const tarballs = packRelease();
  withAddon = install([tarballs.main, tarballs.platform]);
  withoutAddon = install([tarballs.main]);
});
after(() => {
  sim.stop();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function run(app, source, env = {}, file = 'check.mjs') {
  writeFileSync(join(app, file), source);
  const out = spawnSync(process.execPath, [file], {
    cwd: app,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SIM_URL: sim.baseUrl, SIM_KEY: sim.seedKey, ...env },
  });
  return { status: out.status, stdout: out.stdout.trim(), stderr: out.stderr.trim() };
}

// Prints the backend, a call's result, and every .node file this process loaded (relative paths).
const whoami = `import NeonAdmin, { backend } from 'neon-admin';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
const me = await new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} }).whoami();
const addons = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.endsWith('.node'));
console.log(backend, me.auth_method, addons.map((f) => relative(process.cwd(), f)).join(',') || 'no-addon');`;

const fromPlatformPackage = `node_modules/${platformPackage}/neon-admin.${platform}.node`;

test('the platform package is what the optional dependency resolves to; the main package carries no addon', () => {
  const tree = JSON.parse(execFileSync('npm', ['ls', '--all', '--json'], { cwd: withAddon, encoding: 'utf8' }));
  assert.equal(tree.problems, undefined, JSON.stringify(tree.problems));
  // npm installs the package for this machine only; the other platforms' stay listed, uninstalled.
  const others = readdirSync(join(root, 'npm')).map((dir) => `neon-admin-${dir}`).filter((name) => name !== platformPackage);
  assert.ok(others.length > 0);
  assert.deepEqual(tree.dependencies['neon-admin'].dependencies, { [platformPackage]: { version }, ...Object.fromEntries(others.map((name) => [name, {}])) });
  for (const name of others) assert.equal(existsSync(join(withAddon, 'node_modules', name)), false, `${name} was installed`);
  assert.equal(existsSync(join(withAddon, 'node_modules/neon-admin/native')), false);
  const files = (dir) => readdirSync(dir, { recursive: true }).map(String);
  assert.deepEqual(files(join(withAddon, 'node_modules/neon-admin')).filter((f) => f.endsWith('.node')), []);
  assert.ok(existsSync(join(withAddon, fromPlatformPackage)));
  // Offline, the unpublished optional dependency is skipped and the install still succeeds.
  assert.deepEqual(readdirSync(join(withoutAddon, 'node_modules')).filter((d) => !d.startsWith('.')), ['neon-admin']);
});

test('native from the platform package by default and with NEON_ADMIN_BACKEND=native, wasm with NEON_ADMIN_BACKEND=wasm', () => {
  const chosen = run(withAddon, whoami);
  assert.equal(chosen.stdout, `native api_key_user ${fromPlatformPackage}`, chosen.stderr);
  assert.equal(chosen.stderr, '');
  const native = run(withAddon, whoami, { NEON_ADMIN_BACKEND: 'native' });
  assert.equal(native.stdout, `native api_key_user ${fromPlatformPackage}`, native.stderr);
  assert.equal(native.stderr, '');
  const wasm = run(withAddon, whoami, { NEON_ADMIN_BACKEND: 'wasm' });
  assert.equal(wasm.stdout, 'wasm api_key_user no-addon', wasm.stderr);
  assert.equal(wasm.stderr, '');
});

test('the neon-admin/native entry uses the addon from the platform package, through import and require', () => {
  const esm = run(
    withAddon,
    `import NeonAdmin from 'neon-admin/native';
const me = await new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} }).whoami();
console.log(me.auth_method);`,
  );
  assert.equal(esm.stdout, 'api_key_user', esm.stderr);
  const cjs = run(
    withAddon,
    `const { NeonAdmin } = require('neon-admin/native');
new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} }).apiKeys.list().then((keys) => {
  console.log(Array.isArray(keys), Object.keys(require.cache).some((f) => f.endsWith('${fromPlatformPackage}')));
});`,
    {},
    'check.cjs',
  );
  assert.equal(cjs.stdout, 'true true', cjs.stderr);
});

test('an Electron renderer is refused on the native backend too, before any request', () => {
  const renderer = run(
    withAddon,
    `process.type = 'renderer';
const { default: NeonAdmin, NeonBrowserError, backend } = await import('neon-admin');
try {
  new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} });
  console.log(backend, 'built');
} catch (error) {
  console.log(backend, error.name, error instanceof NeonBrowserError, /no client-safe key/.test(error.message));
}`,
  );
  assert.equal(renderer.stdout, 'native NeonBrowserError true true', renderer.stderr);
});

const missing = new RegExp(`no native addon for ${platform}: the package ${platformPackage}@${version.replaceAll('.', '\\.')} is not installed`);

test('without the platform package: wasm by default, a one-line warning and wasm under the variable', () => {
  const wasm = run(withoutAddon, whoami);
  assert.equal(wasm.stdout, 'wasm api_key_user no-addon', wasm.stderr);
  assert.equal(wasm.stderr, '');
  const fallback = run(withoutAddon, whoami, { NEON_ADMIN_BACKEND: 'native' });
  assert.equal(fallback.stdout, 'wasm api_key_user no-addon');
  assert.equal(fallback.stderr.split('\n').length, 1, fallback.stderr);
  assert.match(fallback.stderr, /^neon-admin: NEON_ADMIN_BACKEND=native but the native addon could not be loaded/);
  assert.match(fallback.stderr, missing);
  assert.match(fallback.stderr, /using the wasm backend$/);
});

test('without the platform package: neon-admin/native throws an Error naming the package to install', () => {
  const esm = run(withoutAddon, `import 'neon-admin/native';`);
  assert.notEqual(esm.status, 0);
  assert.match(esm.stderr, new RegExp(`Error: neon-admin/native: ${missing.source}`));
  assert.match(esm.stderr, new RegExp(`npm install ${platformPackage}@${version.replaceAll('.', '\\.')}`));
  const cjs = run(
    withoutAddon,
    `try { require('neon-admin/native'); console.log('loaded'); } catch (e) { console.log(e instanceof Error, e.message.split('\\n')[0]); }`,
    {},
    'check.cjs',
  );
  assert.equal(cjs.stdout, `true neon-admin/native: no native addon for ${platform}: the package ${platformPackage}@${version} is not installed`, cjs.stderr);
});

test('a platform package of another version is refused, not loaded', () => {
  const manifest = join(withAddon, 'node_modules', platformPackage, 'package.json');
  const original = readFileSync(manifest, 'utf8');
  writeFileSync(manifest, JSON.stringify({ ...JSON.parse(original), version: '0.0.0-other' }));
  try {
    const explicit = run(withAddon, `import 'neon-admin/native';`);
    assert.notEqual(explicit.status, 0);
    assert.match(explicit.stderr, new RegExp(`${platformPackage}@${version.replaceAll('.', '\\.')} is installed at version 0\\.0\\.0-other, but this neon-admin needs exactly`));
    const fallback = run(withAddon, whoami, { NEON_ADMIN_BACKEND: 'native' });
    assert.equal(fallback.stdout, 'wasm api_key_user no-addon', fallback.stderr);
    const quiet = run(withAddon, whoami);
    assert.equal(quiet.stdout, 'wasm api_key_user no-addon', quiet.stderr);
    assert.equal(quiet.stderr, '');
  } finally {
    writeFileSync(manifest, original);
  }
});
