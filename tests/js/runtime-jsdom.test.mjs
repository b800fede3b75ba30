// Node with jsdom's browser globals (window, document, navigator) is still a server and is not
// refused; an Electron renderer (Node's `process` with `process.type === 'renderer'`) is.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';
import { installPackedPackage, node24 } from '../runtimes/install.mjs';

const jsdomPath = fileURLToPath(new URL('../runtimes/node_modules/jsdom/lib/api.js', import.meta.url));
let sim;
let app;
before(async () => {
  sim = await startSimulator();
  app = installPackedPackage();
});
after(() => sim.stop());

function run(name, source) {
  writeFileSync(join(app, name), source);
  // jsdom 31 needs Node 22 or newer: the children run on Node 24.
  const out = spawnSync(node24, [name], { cwd: app, encoding: 'utf8', env: { ...process.env, SIM_URL: sim.baseUrl, SIM_KEY: sim.seedKey } });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.trim();
}

test('Node with jsdom globals is not refused', () => {
  const out = run(
    'jsdom.mjs',
    `import { createRequire } from 'node:module';
const { JSDOM } = createRequire(import.meta.url)(${JSON.stringify(jsdomPath)});
const dom = new JSDOM('<!doctype html><p>hi</p>', { url: 'http://127.0.0.1/' });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.self = dom.window;
const { default: NeonAdmin } = await import('neon-admin');
const me = await new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} }).whoami();
console.log(typeof window, typeof document, me.auth_method);`,
  );
  assert.equal(out, 'object object api_key_user');
});

test('an Electron renderer is refused with NeonBrowserError before any request', async () => {
  await sim.resetLog();
  const out = run(
    'renderer.mjs',
    `process.type = 'renderer';
globalThis.window = globalThis;
globalThis.document = {};
const { default: NeonAdmin, NeonBrowserError } = await import('neon-admin');
try {
  new NeonAdmin({ apiKey: process.env.SIM_KEY, baseUrl: process.env.SIM_URL, env: {} });
  console.log('built');
} catch (error) {
  console.log(error.name, error instanceof NeonBrowserError, /no client-safe key/.test(error.message));
}`,
  );
  assert.equal(out, 'NeonBrowserError true true');
  assert.deepEqual(await sim.requests(), []);
});
