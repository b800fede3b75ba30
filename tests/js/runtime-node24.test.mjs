// The runtime scenario suite in Node 24 (npm package node@24), through the packed package, with
// both `import` and `require`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../scripts/simulator.mjs';
import { installPackedPackage, node24, scenariosPath } from '../runtimes/install.mjs';

let sim;
let app;
before(async () => {
  sim = await startSimulator();
  app = installPackedPackage();
  copyFileSync(scenariosPath, join(app, 'scenarios.mjs'));
});
after(() => sim.stop());

function runIn(file, source) {
  writeFileSync(join(app, file), source);
  return execFileSync(node24, [file], { cwd: app, encoding: 'utf8', env: { ...process.env, SIM_URL: sim.baseUrl, SIM_KEY: sim.seedKey } });
}

test('Node 24 (ESM import) passes the scenario suite', () => {
  const out = runIn(
    'esm.mjs',
    `import NeonAdmin from 'neon-admin';
import { runScenarios, summary } from './scenarios.mjs';
const outcome = await runScenarios(NeonAdmin, { baseUrl: process.env.SIM_URL, apiKey: process.env.SIM_KEY });
console.log(process.version.split('.')[0], summary('node24-esm', outcome));`,
  );
  assert.match(out, /^v24 /);
  assert.match(out, /node24-esm: 7 passed, 0 failed/, out);
});

test('Node 24 (CommonJS require) loads the same API', () => {
  const out = runIn(
    'cjs.cjs',
    `const { NeonAdmin } = require('neon-admin');
new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} }).whoami().then((me) => console.log(me.auth_method));`,
  );
  assert.equal(out.trim(), 'api_key_user');
});
