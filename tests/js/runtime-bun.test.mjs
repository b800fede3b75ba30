// The runtime scenario suite in Bun (npm package bun@1), through the packed package, with both
// `import` and `require` (the `bun` export condition, js/node.mjs).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../scripts/simulator.mjs';
import { bin, installPackedPackage, scenariosPath } from '../runtimes/install.mjs';

let sim;
let app;
before(async () => {
  sim = await startSimulator();
  app = installPackedPackage();
  copyFileSync(scenariosPath, join(app, 'scenarios.mjs'));
});
after(() => sim.stop());

/** Runs `source` as `file` with `bun run`; returns status and output. */
function bun(file, source) {
  writeFileSync(join(app, file), source);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NEON')));
  const run = spawnSync(bin('bun'), ['run', file], {
    cwd: app,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, SIM_URL: sim.baseUrl, SIM_KEY: sim.seedKey },
    timeout: 60_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}`, stdout: run.stdout };
}

test('Bun (ESM import) passes the scenario suite', () => {
  const { status, out } = bun(
    'esm.mjs',
    `import NeonAdmin from 'neon-admin';
import { runScenarios, summary } from './scenarios.mjs';
console.log(typeof Bun, Bun.version, import.meta.resolve('neon-admin'));
const outcome = await runScenarios(NeonAdmin, { baseUrl: process.env.SIM_URL, apiKey: process.env.SIM_KEY });
console.log(summary('bun', outcome));`,
  );
  assert.equal(status, 0, out);
  assert.match(out, /^object 1\.\d+\.\d+ file:\/\/\S+\/node_modules\/neon-admin\/js\/node\.bundle\.mjs$/m, out);
  assert.match(out, /^bun: 7 passed, 0 failed$/m, out);
});

test('Bun (CommonJS require) loads the same API', () => {
  const { status, out, stdout } = bun(
    'cjs.cjs',
    `const { NeonAdmin } = require('neon-admin');
new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} })
  .whoami()
  .then((me) => console.log(typeof Bun, me.auth_method));`,
  );
  assert.equal(status, 0, out);
  assert.equal(stdout.trim(), 'object api_key_user', out);
});
