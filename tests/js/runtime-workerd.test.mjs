// The runtime scenario suite in Cloudflare workerd (through Miniflare, run by node@24), with
// neon-admin resolved through its `workerd` export condition from the packed package, the wasm
// handed in as a CompiledWasm module, and no `nodejs_compat` flag.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';
import { installPackedPackage, node24, scenariosPath } from '../runtimes/install.mjs';

const runner = fileURLToPath(new URL('../runtimes/workerd-run.mjs', import.meta.url));

let sim;
let out;
let bundle;
before(async () => {
  sim = await startSimulator();
  const app = installPackedPackage();
  copyFileSync(scenariosPath, join(app, 'scenarios.mjs'));
  const printed = execFileSync(node24, [runner, app, sim.baseUrl, sim.seedKey], { encoding: 'utf8', timeout: 120_000 });
  const lines = printed.trimEnd().split('\n');
  bundle = JSON.parse(lines.pop());
  out = lines.join('\n');
});
after(() => sim.stop());

test('workerd passes the scenario suite', () => {
  assert.match(out, /workerd: 7 passed, 0 failed/, out);
});

test('the Worker ran in workerd and took its key from the env bindings', () => {
  assert.match(out, /userAgent=Cloudflare-Workers process=undefined bindings=env\/api_key_user/, out);
});

test('the workerd path loads js/workerd.mjs and imports nothing from node: (no nodejs_compat needed)', () => {
  const summary = JSON.stringify(bundle, null, 1);
  assert.ok(bundle.inputs.includes('node_modules/neon-admin/js/workerd.mjs'), summary);
  assert.ok(!bundle.inputs.some((path) => /js\/(node|deno|browser)\.m?c?js$/.test(path)), summary);
  assert.deepEqual(bundle.imports.filter((path) => !path.startsWith('node_modules/neon-admin/') && path !== 'scenarios.mjs'), ['./neon_admin_bg.wasm'], summary);
  assert.ok(!bundle.imports.some((path) => path.startsWith('node:')), summary);
  assert.equal(bundle.wasm.length, 1, summary);
  assert.match(bundle.wasm[0], /node_modules\/neon-admin\/pkg\/neon_admin_bg\.wasm$/, summary);
});
