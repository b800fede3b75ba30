// The runtime scenario suite in Vercel's Edge Runtime (npm `edge-runtime`), with neon-admin
// resolved through its `edge-light` export condition from the packed package and its
// `?module` wasm import bound to a WebAssembly.Module the host compiled, as Vercel's bundler
// arranges. The package must never compile wasm from bytes there.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';
import { installPackedPackage, scenariosPath } from '../runtimes/install.mjs';

const runner = fileURLToPath(new URL('../runtimes/edge-run.mjs', import.meta.url));

let app;
before(() => {
  app = installPackedPackage();
  copyFileSync(scenariosPath, join(app, 'scenarios.mjs'));
});

/** Runs the suite against a fresh simulator; returns the printed text and the harness's report. */
async function runEdge(realm) {
  const sim = await startSimulator();
  try {
    const printed = execFileSync(process.execPath, [runner, app, sim.baseUrl, sim.seedKey, realm], { encoding: 'utf8', timeout: 120_000 });
    const lines = printed.trimEnd().split('\n');
    return { report: JSON.parse(lines.pop()), out: lines.join('\n') };
  } finally {
    sim.stop();
  }
}

function assertPassed({ out, report }, sameRealm) {
  const shown = `${out}\n${JSON.stringify(report)}`;
  assert.match(out, /edge: 7 passed, 0 failed/, shown);
  assert.match(out, /^EdgeRuntime=string process=undefined window=undefined$/m, shown);
  assert.deepEqual(report.attempts, [], shown);
  assert.equal(report.sameRealm, sameRealm, shown);
  assert.equal(report.wasm.length, 1, shown);
  assert.match(report.wasm[0], /node_modules\/neon-admin\/pkg\/neon_admin_bg\.wasm$/, shown);
}

test('Edge Runtime passes the scenario suite with a module compiled in its own realm (as deployed)', async () => {
  assertPassed(await runEdge('edge-realm'), true);
});

test('Edge Runtime passes with a module compiled in the host realm (as next dev binds it)', async () => {
  assertPassed(await runEdge('host-realm'), false);
});
