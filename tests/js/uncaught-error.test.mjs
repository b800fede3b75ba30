// What a user sees when a neon-admin error is not caught: Node prints the throwing line of the
// published entry point, then the error's name, message and stack. The entry points are readable
// multi-line code (scripts/build.sh js), so that output stays short: a NeonApiError (a wrong key,
// 401 from the simulator) and a NeonConfigError (a bad option, from the constructor), through
// `import` (js/node.bundle.mjs) and `require` (js/node.cjs), on Node 20 and Node 24, each in its
// own process. The backend is the one NEON_ADMIN_BACKEND picks for the suite.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';
import { node24 } from '../runtimes/install.mjs';

const esmEntry = fileURLToPath(new URL('../../js/node.bundle.mjs', import.meta.url));
const cjsEntry = fileURLToPath(new URL('../../js/node.cjs', import.meta.url));
const WRONG_KEY = 'wrong-key-for-the-uncaught-test';
/** The most an uncaught neon-admin error may print, in bytes. */
const MAX_STDERR = 2048;

let sim;
let dir;
before(async () => {
  sim = await startSimulator();
  dir = mkdtempSync(join(tmpdir(), 'neon-admin-uncaught-'));
});
after(() => sim.stop());

/** Scripts that let a neon-admin error escape, by module system and error. */
const scripts = {
  'esm-api': ['mjs', `import NeonAdmin from ${JSON.stringify(esmEntry)};
const neon = new NeonAdmin({ apiKey: process.env.WRONG_KEY, baseUrl: process.env.SIM_URL, env: {} });
await neon.apiKeys.list();`],
  'esm-config': ['mjs', `import NeonAdmin from ${JSON.stringify(esmEntry)};
new NeonAdmin({ apiKey: process.env.WRONG_KEY, timeoutMs: 'soon' });`],
  'cjs-api': ['cjs', `const { NeonAdmin } = require(${JSON.stringify(cjsEntry)});
new NeonAdmin({ apiKey: process.env.WRONG_KEY, baseUrl: process.env.SIM_URL, env: {} }).apiKeys.list();`],
  'cjs-config': ['cjs', `const { NeonAdmin } = require(${JSON.stringify(cjsEntry)});
new NeonAdmin({ apiKey: process.env.WRONG_KEY, timeoutMs: 'soon' });`],
};

const expected = {
  api: { name: 'NeonApiError', message: /401/ },
  config: { name: 'NeonConfigError', message: /timeoutMs/ },
};

const nodes = { 'Node 20': process.execPath, 'Node 24': node24 };

for (const [nodeName, node] of Object.entries(nodes)) {
  for (const [script, [ext, source]] of Object.entries(scripts)) {
    const kind = expected[script.split('-')[1]];
    test(`${nodeName}, ${script}: an uncaught ${kind.name} prints its name, message and a short stack, under ${MAX_STDERR} bytes`, () => {
      const file = join(dir, `${script}.${ext}`);
      writeFileSync(file, source);
      const run = spawnSync(node, [file], { encoding: 'utf8', env: { ...process.env, SIM_URL: sim.baseUrl, WRONG_KEY }, timeout: 60_000 });
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stdout, '');
      const stderr = run.stderr;
      assert.ok(Buffer.byteLength(stderr) < MAX_STDERR, `${Buffer.byteLength(stderr)} bytes on stderr:\n${stderr.slice(0, 3000)}`);
      const lines = stderr.split('\n');
      // Node's header: where it was thrown (file:line), the source line, a caret under it; then the error.
      assert.match(lines[0], /^(file:\/\/)?\/\S+:\d+$/, stderr);
      assert.ok(lines.every((line) => line.length <= 300), `a line of ${Math.max(...lines.map((l) => l.length))} characters:\n${stderr}`);
      const errorLine = lines.findIndex((line) => line.startsWith(`${kind.name}: `));
      assert.ok(errorLine >= 0 && errorLine <= 5, `"${kind.name}: …" within the first lines:\n${stderr}`);
      assert.match(lines[errorLine], kind.message);
      const frames = lines.slice(errorLine + 1).filter((line) => /^\s+at /.test(line));
      assert.ok(frames.length >= 1 && frames.length <= 10, `${frames.length} stack frames:\n${stderr}`);
      assert.ok(!stderr.includes(WRONG_KEY), 'the key is never printed');
      // Frames name the classes as written (the bundler keeps names): `new NeonAdmin`, not `NeonAdmin2`.
      if (script.endsWith('config')) assert.match(frames.join('\n'), /at new NeonAdmin \(/, stderr);
      assert.match(lines.findLast((line) => line.trim()) ?? '', new RegExp(`^Node\\.js ${nodeName === 'Node 20' ? 'v20' : 'v24'}\\.`));
    });
  }
}
