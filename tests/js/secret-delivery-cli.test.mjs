// A secret the API returned is always delivered by the CLI too: every command that creates or
// rotates a key or enables Neon Auth, run as a real process through a proxy that fails its k-th
// request (tests/js/support/nth-request-proxy.mjs), for every k, and once with its stdout closed
// (a consumer that exited). The failures are the two that end a flow at request k: an error
// answer, and an answer lost after the API committed; the library under the CLI meets every
// other failure in tests/js/secret-delivery.test.mjs (and a process per case is slow). After each
// case, every secret the simulator minted must be in what the process printed, or revoked by the
// process, or the process must exit non-zero naming what holds it (the key ID; for Neon Auth, a
// line naming the branch and its keys); and no key live before may be revoked but the one
// `keys rotate` replaces.
// The child inherits NEON_ADMIN_BACKEND (tests/js/support/cli-process.mjs), so this suite also
// runs on the native addon.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import NeonAdmin from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { FAILURE_NAMES, startNthRequestProxy } from './support/nth-request-proxy.mjs';
import { BETA, DESIRED, FLEET, freshBranch, makeFleet, nextName, resetFleet, titleRoutes } from './support/secret-flows.mjs';
import { brokenPromises } from './support/delivery-check.mjs';
import { runCli } from './support/cli-process.mjs';

const TIMEOUT_MS = 400;
const CLI_FAILURES = [400, 'reset'];

const sim = await startSimulator({ args: ['--org-key-linger-ms', '300'] });
const proxy = await startNthRequestProxy(sim.baseUrl, { holdMs: TIMEOUT_MS * 4 });
const dir = await mkdtemp(join(tmpdir(), 'neon-admin-secret-cli-'));
const desiredFile = join(dir, 'desired.json');
await writeFile(desiredFile, JSON.stringify(DESIRED));
after(async () => {
  await proxy.close();
  sim.stop();
  await rm(dir, { recursive: true, force: true });
});
const direct = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {}, rateLimit: false });
await makeFleet(sim);

/** Runs `neon-admin …args` against the proxy; with `closed` its stdout is closed at once. */
const cli = (args, options) =>
  runCli([...args, '--timeout', String(TIMEOUT_MS)], { NEON_API_KEY: sim.seedKey, NEON_API_HOST: proxy.baseUrl, NEON_CONFIG_DIR: join(dir, 'neon-config') }, options);

/** The CLI commands that print a once-shown secret: `args(ctx)` for a fresh case from `setup`. */
const COMMANDS = [
  {
    label: 'keys create',
    setup: async () => ({ name: nextName() }),
    args: (ctx) => ['keys', 'create', ctx.name],
  },
  {
    label: 'keys rotate',
    async setup() {
      const name = nextName();
      return { name, oldKeyId: (await direct.apiKeys.create({ name: `${name}-old` })).id };
    },
    args: (ctx) => ['keys', 'rotate', String(ctx.oldKeyId), '--name', ctx.name, '--yes'],
    mayRevoke: (ctx) => [String(ctx.oldKeyId)],
  },
  {
    label: 'auth enable',
    setup: async () => ({ branchId: await freshBranch(sim) }),
    args: (ctx) => ['auth', 'enable', '--project', BETA, '--branch', ctx.branchId],
  },
  {
    label: 'auth apply',
    setup: async () => ({ branchId: await freshBranch(sim) }),
    args: (ctx) => ['auth', 'apply', '--project', BETA, '--branch', ctx.branchId, '--file', desiredFile],
  },
  {
    label: 'auth apply --branches',
    setup: async () => ({}),
    args: () => ['auth', 'apply', '--project', FLEET, '--branches', 'sd-fleet-*', '--concurrency', '1', '--file', desiredFile],
    cleanup: () => resetFleet(direct),
  },
];

/** `line` names `id` as a word of its own. */
const names = (line, id) => new RegExp(`(?<![\\w-])${id}(?![\\w-])`).test(line);

/**
 * Whether a line of `output` names what holds the secrets of `entry`: the key ID, or the branch
 * together with its Neon Auth keys (that they never arrived, or could not be written).
 */
function namesHolder(output, entry) {
  return output.split('\n').some((line) => names(line, entry.id) && (entry.kind === 'api_key' || /\bkeys\b/.test(line)));
}

/** The command with its `at`-th request failing with `failure` (none without), or its stdout closed. */
async function runCase(command, { at, failure, closed }) {
  const ctx = await command.setup();
  const before = await sim.minted();
  proxy.plan(at ? { at, failure } : undefined);
  const { code, stdout, stderr } = await cli(command.args(ctx), { closed });
  const caller = {
    who: `neon-admin ${command.label} (exit ${code})`,
    received: (secret) => stdout.includes(secret),
    resolved: code === 0,
    reported: (entry) => code !== 0 && namesHolder(`${stdout}\n${stderr}`, entry),
    requestIds: proxy.requestIds(),
    mayRevoke: command.mayRevoke?.(ctx) ?? [],
  };
  const afterRun = await sim.minted();
  proxy.plan();
  await command.cleanup?.();
  return brokenPromises({ before, after: afterRun, callers: [caller] });
}

/** The requests of each command when nothing fails. */
const routes = new Map();
for (const command of COMMANDS) {
  const ctx = await command.setup();
  proxy.plan();
  const { code, stderr } = await cli(command.args(ctx));
  if (code !== 0) throw new Error(`neon-admin ${command.label} failed with nothing failing: ${stderr}`);
  routes.set(command.label, titleRoutes(proxy.seen()));
  await command.cleanup?.();
}

for (const command of COMMANDS) {
  const seen = routes.get(command.label);
  for (const failure of CLI_FAILURES) {
    for (let k = 1; k <= seen.length; k++) {
      test(`neon-admin ${command.label} × request ${k} of ${seen.length} (${seen[k - 1]}) × ${FAILURE_NAMES[failure]}`, async () => {
        const broken = await runCase(command, { at: k, failure });
        assert.deepEqual(broken, [], broken.join('; '));
      });
    }
  }
  test(`neon-admin ${command.label} × stdout closed`, async () => {
    const broken = await runCase(command, { closed: true });
    assert.deepEqual(broken, [], broken.join('; '));
  });
}
