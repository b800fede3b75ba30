// The npm tarballs. The main package (what `npm pack` makes from the checkout, and the release
// `npm publish` makes) carries the JS, the wasm and the types, no native addon, installs into an
// empty folder with no dependencies, and works through both `import` and `require`. The addon
// ships in its own platform package (npm/<platform>/, made by `napi create-npm-dirs` from the
// "napi" config), which the release lists in `optionalDependencies` at the same version
// (`napi pre-publish`, run by prepublishOnly). The release is staged in a temp folder here, as
// `npm publish` would make it, without touching the checkout. tests/js/backend.test.mjs installs
// both tarballs and loads the addon from the platform package.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';
import { assertWindowsX64, dropWindowsLibc } from '../windows/app.mjs';
import { platformArchAbi } from '../../js/backends/native-client.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const napi = join(root, 'node_modules/.bin/napi');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const platform = platformArchAbi();
/** Every platform of the napi config, as napi-rs names their folders (`linux-x64-gnu`, …). */
const platforms = readdirSync(join(root, 'npm')).sort();

// Size bounds for the main tarball. At this change it was 233 kB packed and 0.64 MB unpacked
// (29 files), and it grows with the features (280 kB and 0.76 MB a few commits later): almost all
// of it is the wasm (0.5 to 0.6 MB raw after wasm-opt; the target in docs/benchmarks.md is 150 kB gzip).
// The bounds leave room for about twice that, and sit far below what the addon alone adds (5.4 MB
// raw, 2.0 MB packed), so a .node that finds its way back in, or any other large file, fails here.
const MAX_PACKED = 500_000;
const MAX_UNPACKED = 1_500_000;

let sim;
const temps = [];
let app;
let plain; // `npm pack --json` of the checkout
let release; // { main, platform }: `npm pack --json` of the staged release packages, and where they are
let staged; // the staged release folder

const temp = (prefix) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
const pack = (cwd, out) => JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd, encoding: 'utf8' }))[0];

/** Stages the release in a temp folder: the files `npm pack` takes, npm/ from the napi config, the addon from native/, then `napi pre-publish`. */
function stageRelease(files) {
  const stage = temp('neon-admin-release-');
  for (const file of files) cpSync(join(root, file), join(stage, file));
  const env = { ...process.env, NO_COLOR: '1' };
  execFileSync(napi, ['create-npm-dirs'], { cwd: stage, env, stdio: 'pipe' });
  dropWindowsLibc(stage);
  for (const dir of readdirSync(join(stage, 'npm'))) {
    const addon = join(root, 'native', `neon-admin.${dir}.node`);
    if (existsSync(addon)) cpSync(addon, join(stage, 'npm', dir, `neon-admin.${dir}.node`));
  }
  // Adds optionalDependencies and checks each platform package; publishes nothing.
  execFileSync(napi, ['pre-publish', '-t', 'npm', '--no-gh-release', '--skip-optional-publish'], { cwd: stage, env, stdio: 'pipe' });
  return stage;
}

before(async () => {
  sim = await startSimulator();
  const out = temp('neon-admin-pack-');
  plain = pack(root, out);
  staged = stageRelease(plain.files.map((f) => f.path));
  const releaseOut = temp('neon-admin-release-pack-');
  release = { main: pack(staged, releaseOut), platforms: Object.fromEntries(platforms.map((p) => [p, pack(join(staged, 'npm', p), releaseOut)])), out: releaseOut };
  app = temp('neon-admin-app-');
  writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(out, plain.filename)], { cwd: app, stdio: 'pipe' });
});
after(() => {
  sim.stop();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const paths = (packed) => packed.files.map((f) => f.path).sort();

test('the tarball holds the entry points, the wasm, the types, the README and the license, and no sources', () => {
  const files = paths(plain);
  for (const needed of ['js/node.mjs', 'js/node.bundle.mjs', 'js/node.cjs', 'js/native.mjs', 'js/native.bundle.mjs', 'js/native.cjs', 'js/index.d.ts', 'js/error-classes.d.ts', 'pkg/neon_admin_bg.wasm', 'pkg/neon_admin.js', 'pkg/neon_admin.d.ts', 'package.json', 'README.md', 'LICENSE']) {
    assert.ok(files.includes(needed), `${needed} missing from ${files.join(', ')}`);
  }
  assert.equal(files.some((f) => f.startsWith('src/') || f.startsWith('tests/') || f.startsWith('npm/') || f.endsWith('.rs')), false, files.join(', '));
});

test('the bundled Node entry points are what scripts/build.sh js makes of the sources today', () => {
  const fresh = temp('neon-admin-bundle-');
  execFileSync('bash', ['-c', `cp -r js pkg package.json "${fresh}/" && mkdir -p "${fresh}/scripts" && cp scripts/build.sh scripts/bundle.mjs "${fresh}/scripts/" && ln -s "${join(root, 'node_modules')}" "${fresh}/node_modules" && bash "${fresh}/scripts/build.sh" js`], { cwd: root, stdio: 'pipe' });
  for (const entry of ['node', 'native']) {
    const name = `js/${entry}.bundle.mjs`;
    assert.equal(readFileSync(join(root, name), 'utf8'), readFileSync(join(fresh, name), 'utf8'), `${name} is stale: run bash scripts/build.sh js`);
  }
});

test('the main tarball holds no native addon and stays small', () => {
  for (const packed of [plain, release.main]) {
    assert.deepEqual(paths(packed).filter((f) => f.endsWith('.node')), [], `${packed.filename}: ${paths(packed).join(', ')}`);
    assert.ok(packed.size < MAX_PACKED, `${packed.filename} is ${packed.size} bytes packed; the bound is ${MAX_PACKED}`);
    assert.ok(packed.unpackedSize < MAX_UNPACKED, `${packed.filename} is ${packed.unpackedSize} bytes unpacked; the bound is ${MAX_UNPACKED}`);
  }
  // The release is the same files; only package.json gains optionalDependencies.
  assert.deepEqual(paths(release.main), paths(plain));
});

test('the release lists every platform package as an optional dependency at its own version, and nothing else', () => {
  const released = JSON.parse(readFileSync(join(staged, 'package.json'), 'utf8'));
  assert.deepEqual(released.optionalDependencies, Object.fromEntries(platforms.map((p) => [`neon-admin-${p}`, manifest.version])));
  assert.ok(platforms.includes('linux-x64-gnu') && platforms.includes('linux-arm64-gnu') && platforms.includes('win32-x64-gnu'), platforms.join(', '));
  assert.equal(released.dependencies, undefined);
  // Everything else is the checkout's package.json.
  const { optionalDependencies, ...rest } = released;
  assert.deepEqual(rest, manifest);
  // The checkout itself declares no optionalDependencies (see docs/platforms.md: they would break `npm ci`
  // until the platform package is published), and its plain tarball none either.
  assert.equal(manifest.optionalDependencies, undefined);
});

for (const dir of platforms) {
  test(`the platform package ${dir} holds only the addon, for its os, cpu and libc`, () => {
    const [os, cpu, abi] = dir.split('-');
    const addonFile = `neon-admin.${dir}.node`;
    const packed = release.platforms[dir];
    assert.deepEqual(paths(packed), ['README.md', addonFile, 'package.json'].sort());
    assert.equal(packed.name, `neon-admin-${dir}`);
    assert.equal(packed.version, manifest.version);
    const pj = JSON.parse(readFileSync(join(staged, 'npm', dir, 'package.json'), 'utf8'));
    assert.equal(pj.main, addonFile);
    assert.deepEqual(pj.os, [os]);
    assert.deepEqual(pj.cpu, [cpu]);
    if (os === 'linux') assert.deepEqual(pj.libc, [abi === 'musl' ? 'musl' : 'glibc']);
    assert.equal(pj.dependencies, undefined);
    // The addon in it is the build in native/, byte for byte, and a binary for that CPU (ELF e_machine).
    const addon = readFileSync(join(staged, 'npm', dir, addonFile));
    assert.ok(addon.equals(readFileSync(join(root, 'native', addonFile))));
    if (os === 'win32') {
      assert.equal(cpu, 'x64');
      assertWindowsX64(join(staged, 'npm', dir, addonFile));
      assert.equal(pj.libc, undefined, 'no libc field: npm refuses one on Windows');
    } else {
      assert.equal(addon.readUInt16LE(18), { x64: 0x3e, arm64: 0xb7 }[cpu], `${addonFile} is not an ELF binary for ${cpu}`);
    }
  });
}

test('the committed npm/ folder is what `napi create-npm-dirs` makes from the napi config', () => {
  const committed = readdirSync(join(root, 'npm')).sort();
  assert.deepEqual(committed, readdirSync(join(staged, 'npm')).sort());
  assert.ok(committed.includes(platform), `npm/${platform} missing: ${committed.join(', ')}`);
  for (const dir of committed) {
    for (const file of ['package.json', 'README.md']) {
      assert.equal(readFileSync(join(root, 'npm', dir, file), 'utf8'), readFileSync(join(staged, 'npm', dir, file), 'utf8'), `npm/${dir}/${file} is stale: run \`napi create-npm-dirs\``);
    }
  }
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
