// `neon-admin auth apply --branches` in a child process against the simulator's fleet project:
// the progress bar on a pseudo-terminal (script -qc), JSON lines and the summary line, the
// summary table, exit codes (1 when a branch failed, 2 for --branch with --branches).
// The child inherits NEON_ADMIN_BACKEND, so this suite also runs on the native addon.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';
import { startFailingProxy } from './support/failing-proxy.mjs';
import { inherited } from './support/child-env.mjs';

const MAIN = fileURLToPath(new URL('../../js/cli/main.mjs', import.meta.url));
const FLEET = 'proj-sim-fleet';
const desired = { trustedDomains: ['https://preview.example.com'], webhooks: { enabled: true, webhookUrl: 'https://hooks.example.com/neon', enabledEvents: ['user.created'], timeoutSeconds: 5 } };

let sim;
let dir;
let file;

before(async () => {
  sim = await startSimulator({ args: ['--preview-branches', '12'] });
  dir = await mkdtemp(join(tmpdir(), 'neon-admin-cli-fleet-'));
  file = join(dir, 'desired.json');
  await writeFile(file, JSON.stringify(desired));
});
after(async () => {
  sim.stop();
  await rm(dir, { recursive: true, force: true });
});

const childEnv = (host = sim.baseUrl) => ({
  PATH: process.env.PATH,
  NEON_API_KEY: sim.seedKey,
  NEON_API_HOST: host,
  NEON_CONFIG_DIR: join(dir, 'neon-config'),
  ...inherited('NEON_ADMIN_BACKEND', 'NEON_ADMIN_RECORD_OPS'),
});

/** Runs the CLI without a terminal. */
function cli(args, host) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: childEnv(host), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const quote = (arg) => `'${arg.replace(/'/g, "'\\''")}'`;

test('on a terminal: a progress bar on stderr, then the summary table; a second run changes nothing', async () => {
  // script(1) gives the child a pseudo-terminal; its output (stdout and stderr) comes back on ours.
  const command = [process.execPath, MAIN, 'auth', 'apply', '--file', file, '--project', FLEET, '--branches', 'preview/pr-000?'].map(quote).join(' ');
  const { stdout } = await new Promise((resolve, reject) =>
    execFile('script', ['-qec', command, '/dev/null'], { env: childEnv() }, (error, out) => (error ? reject(error) : resolve({ stdout: out }))),
  );
  const bars = stdout.split('\r').filter((part) => part.startsWith('['));
  assert.ok(bars.length >= 9, stdout);
  assert.match(bars[0], /^\[#*-*\] 1\/9 branches, \d changed, 0 failed, \d+:\d\d left/);
  assert.match(bars.at(-1), /^\[#{24}\] 9\/9 branches, 7 changed, 0 failed, 0:00 left/);
  assert.match(stdout, /BRANCH\s+ID\s+CHANGES\s+RESULT/);
  assert.match(stdout, /preview\/pr-0004\s+br-fleet-00004\s+0\s+unchanged/);
  assert.match(stdout, /9 branches: 7 changed, 2 unchanged, 0 failed \(\d+ requests/);
  assert.match(stdout, /secret server key/, 'keys of the branches Neon Auth was enabled on, shown once');

  const again = await cli(['auth', 'apply', '--file', file, '--project', FLEET, '--branches', 'preview/pr-000?']);
  assert.equal(again.code, 0);
  assert.equal(again.stderr, '', 'no progress bar without a terminal');
  assert.match(again.stdout, /9 branches: 0 changed, 9 unchanged, 0 failed/);
});

test('--json: one JSON line per branch, then the summary line; --dry-run writes nothing', async () => {
  await sim.resetLog();
  const run = await cli(['auth', 'apply', '--file', file, '--project', FLEET, '--branches', 'preview/pr-001*', '--dry-run', '--json', '--concurrency', '2']);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.length, 4);
  assert.deepEqual(lines.slice(0, 3).map((l) => l.name).sort(), ['preview/pr-0010', 'preview/pr-0011', 'preview/pr-0012']);
  // Each branch's plan, from the state the simulator seeds it with.
  const plans = Object.fromEntries(lines.slice(0, 3).map((l) => [l.name, l.changes.map((c) => `${c.action} ${c.target}`)]));
  assert.deepEqual(plans, { 'preview/pr-0010': ['update webhooks'], 'preview/pr-0011': ['add trustedDomains', 'update webhooks'], 'preview/pr-0012': [] });
  assert.deepEqual(lines.find((l) => l.name === 'preview/pr-0011').changes[0], { action: 'add', target: 'trustedDomains', before: null, after: 'https://preview.example.com' });
  assert.ok(lines.slice(0, 3).every((l) => l.branch_id === `br-fleet-0${l.name.slice(-4)}`), 'each line names its branch');
  assert.deepEqual(Object.keys(lines[3].summary).sort(), ['branches', 'changed', 'failed', 'requests', 'unchanged', 'waited_ms']);
  assert.equal(lines[3].summary.branches, 3);
  assert.equal(lines[3].summary.failed, 0);
  assert.deepEqual((await sim.requests()).filter((r) => r.method !== 'GET'), []);
});

test('exit codes: 1 when a branch failed (the others applied), 2 for --branch with --branches', async () => {
  const proxy = await startFailingProxy(sim.baseUrl, 'br-fleet-00006');
  try {
    const run = await cli(['auth', 'apply', '--file', file, '--project', FLEET, '--branches', 'preview/pr-000[5-8]', '--json'], proxy.baseUrl);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const failed = lines.filter((l) => l.error);
    assert.deepEqual(failed.map((l) => [l.branch_id, l.error.name]), [['br-fleet-00006', 'NeonApiError']]);
    assert.deepEqual(lines.at(-1).summary.failed, 1);
    assert.equal(lines.at(-1).summary.branches, 4);
  } finally {
    proxy.close();
  }
  const both = await cli(['auth', 'apply', '--file', file, '--project', FLEET, '--branches', 'preview/*', '--branch', 'main']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--branch and --branches cannot be used together/);
  assert.equal(both.stdout, '');
  const noProject = await cli(['auth', 'apply', '--file', file, '--branches', 'preview/*']);
  assert.equal(noProject.code, 2);
  const concurrency = await cli(['auth', 'apply', '--file', file, '--project', FLEET, '--branch', 'main', '--concurrency', '3']);
  assert.equal(concurrency.code, 2);
  assert.match(concurrency.stderr, /--concurrency needs --branches/);
});
