// The CLI suites' common ground (cli.test.mjs, cli-auth.test.mjs): a simulator and an empty Neon
// CLI config dir for the suite, `neon-admin` run as a real child process with no terminal, and
// every output kept, so that the suite can check that the seed key never shows.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../../scripts/simulator.mjs';
import { inherited } from './child-env.mjs';

const MAIN = fileURLToPath(new URL('../../../js/cli/main.mjs', import.meta.url));
export const ALPHA = 'proj-sim-alpha';

/**
 * Registers the suite's before and after hooks; returns its helpers. `suite.sim` and `suite.dir`
 * (an empty Neon CLI config dir, and room for apply files) are set once the suite has started;
 * `suite.outputs` holds every stdout and stderr.
 */
export function cliSuite() {
  const suite = { sim: undefined, dir: undefined, outputs: [] };
  before(async () => {
    suite.sim = await startSimulator();
    suite.dir = await mkdtemp(join(tmpdir(), 'neon-admin-cli-'));
  });
  after(async () => {
    suite.sim.stop();
    await rm(suite.dir, { recursive: true, force: true });
  });

  /**
   * Runs `neon-admin …args` with the seed key and the simulator's URL in the environment (`env`
   * adds or, with undefined, removes variables) and `input` on stdin (never a terminal).
   */
  suite.cli = (args, { env = {}, input = '' } = {}) => {
    const childEnv = {
      PATH: process.env.PATH,
      NEON_API_KEY: suite.sim.seedKey,
      NEON_API_HOST: suite.sim.baseUrl,
      NEON_CONFIG_DIR: join(suite.dir, 'neon-config'), // never the real user's login
      ...inherited('NEON_ADMIN_BACKEND', 'NEON_ADMIN_RECORD_OPS'),
    };
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete childEnv[key];
      else childEnv[key] = value;
    }
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [MAIN, ...args], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        suite.outputs.push(stdout, stderr);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(input);
    });
  };
  suite.requestCount = async () => (await suite.sim.requests()).length;
  suite.writeCount = async () => (await suite.sim.requests()).filter((r) => r.method !== 'GET').length;
  return suite;
}

/** Parses `KEY=value` lines into an object, refusing any other line. */
export function envLines(stdout) {
  const pairs = {};
  for (const line of stdout.split('\n').filter(Boolean)) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    assert.ok(match, `not a KEY=value line: ${line}`);
    pairs[match[1]] = match[2];
  }
  return pairs;
}

/** Asserts a usage/configuration failure: exit 2, one `neon-admin: …` line on stderr, nothing on stdout. */
export function assertUsage(result, pattern) {
  assert.equal(result.code, 2, `expected exit 2, got ${result.code}: ${result.stderr}`);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^neon-admin: [^\n]+\n$/);
  if (pattern) assert.match(result.stderr, pattern);
}

/** Asserts exit 0; returns the result. */
export const ok = (result) => {
  assert.equal(result.code, 0, `expected exit 0, got ${result.code}: ${result.stderr}`);
  return result;
};
/** The JSON a successful run printed. */
export const json = (result) => JSON.parse(ok(result).stdout);
/** The --project and --branch flags of `name` in ALPHA. */
export const branch = (name) => ['--project', ALPHA, '--branch', name];
