// The runtime scenario suite in Bun (npm package bun@1), through the packed package, with both
// `import` and `require` (the `bun` export condition, js/node.bundle.mjs), on both backends: the
// native addon when its platform package is installed (as on Node), wasm over Bun's fetch under
// NEON_ADMIN_BACKEND=wasm and when the platform package is missing.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../scripts/simulator.mjs';
import { bin, installPackedPackage, scenariosPath } from '../runtimes/install.mjs';

// Each suite run gets a fresh simulator, as the suite changes its state (Neon Auth enabled once).
const sims = [];
const freshSimulator = async () => {
  sims.push(await startSimulator());
  return sims.at(-1);
};
let sim; // for the runs that change nothing
let withAddon; // the packed package and this machine's platform package
let withoutAddon; // the packed package alone
before(async () => {
  sim = await freshSimulator();
  withAddon = installPackedPackage({ withAddon: true });
  withoutAddon = installPackedPackage();
  for (const app of [withAddon, withoutAddon]) copyFileSync(scenariosPath, join(app, 'scenarios.mjs'));
});
after(() => sims.forEach((s) => s.stop()));

/** Runs `source` as `file` in `app` with `bun run`, plus `env`; returns status and output. */
function bun(app, file, source, env = {}, simulator = sim) {
  writeFileSync(join(app, file), source);
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NEON')));
  const run = spawnSync(bin('bun'), ['run', file], {
    cwd: app,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...base, SIM_URL: simulator.baseUrl, SIM_KEY: simulator.seedKey, ...env },
    timeout: 60_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}`, stdout: run.stdout };
}

const suite = `import NeonAdmin, { backend } from 'neon-admin';
import { runScenarios, summary } from './scenarios.mjs';
console.log(typeof Bun, Bun.version, import.meta.resolve('neon-admin'));
const outcome = await runScenarios(NeonAdmin, { baseUrl: process.env.SIM_URL, apiKey: process.env.SIM_KEY });
console.log('backend', backend);
console.log(summary('bun', outcome));`;

for (const [name, app, env, expected] of [
  ['with the platform package: native', () => withAddon, {}, 'native'],
  ['with the platform package and NEON_ADMIN_BACKEND=wasm: wasm', () => withAddon, { NEON_ADMIN_BACKEND: 'wasm' }, 'wasm'],
  ['without the platform package: wasm', () => withoutAddon, {}, 'wasm'],
]) {
  test(`Bun (ESM import) passes the scenario suite ${name}`, async () => {
    const { status, out } = bun(app(), 'esm.mjs', suite, env, await freshSimulator());
    assert.equal(status, 0, out);
    assert.match(out, /^object 1\.\d+\.\d+ file:\/\/\S+\/node_modules\/neon-admin\/js\/node\.bundle\.mjs$/m, out);
    assert.match(out, new RegExp(`^backend ${expected}$`, 'm'), out);
    assert.match(out, /^bun: 7 passed, 0 failed$/m, out);
    // Nothing is printed besides: the wasm fallback is quiet when the addon is not installed.
    assert.equal(out.trim().split('\n').length, 3, out);
  });
}

for (const [name, app, expected] of [
  ['the native addon', () => withAddon, 'native'],
  ['wasm', () => withoutAddon, 'wasm'],
]) {
  test(`Bun (CommonJS require) loads the same API, on ${name}`, () => {
    const { status, out, stdout } = bun(
      app(),
      'cjs.cjs',
      `const { NeonAdmin, backend } = require('neon-admin');
new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} })
  .whoami()
  .then((me) => console.log(typeof Bun, backend, me.auth_method));`,
    );
    assert.equal(status, 0, out);
    assert.equal(stdout.trim(), `object ${expected} api_key_user`, out);
  });
}
