// The fleet benchmark: one desired Neon Auth state applied to BENCH_FLEET_BRANCHES (500) preview
// branches of the simulator (`--preview-branches`, four starting states in turn) with its rate
// limits on, scaled by BENCH_FLEET_SCALE (10) to keep the run short; the client's budget is scaled
// the same. Two contestants, each on a fresh simulator:
//   neon-admin   `neon.applyBranchAuth(project, desired, { branches: 'preview/*' })` (wasm backend)
//   @neon/sdk    a plain loop, concurrency 4: list the branches, then per branch the same reads and
//                writes (auth, trusted domains, webhooks; enable when off); its client retries 429s
//                twice honouring Retry-After; webhooks go through its raw functions, which do not
// Reported: wall time against the floor the limits set (requests needed ÷ allowed rate), requests
// sent, 429s the simulator sent and 429s that reached the caller, branches failed.
// `node bench/fleet.mjs [--write-docs]` runs it alone; bench/run.mjs runs it after the rest.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import NeonAdmin from '../js/node.mjs';
import { startSimulator } from '../scripts/simulator.mjs';
import { writeDocBlock } from './report.mjs';

const START = '<!-- bench-fleet:start -->';
const END = '<!-- bench-fleet:end -->';
const FLEET = 'proj-sim-fleet';
const desired = {
  trustedDomains: ['https://preview.example.com'],
  webhooks: { enabled: true, webhookUrl: 'https://hooks.example.com/neon', enabledEvents: ['user.created'], timeoutSeconds: 5 },
};

/** What the simulator saw: requests logged and 429s sent. */
async function simulatorCounts(sim) {
  const limit = await (await fetch(new URL('/__sim/rate-limit', sim.baseUrl))).json();
  return { logged: (await sim.requests()).length, throttled: limit.throttled };
}

async function ours(sim, scale) {
  const neon = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {}, rateLimit: { perMinute: 700 * scale, perRoutePerSecond: 40 * scale } });
  const start = performance.now();
  const run = await neon.applyBranchAuth(FLEET, desired, { branches: 'preview/*', concurrency: 4 });
  const wallMs = performance.now() - start;
  const errors = run.results.filter((r) => r.error).map((r) => r.error);
  return { wallMs, branches: run.summary.branches, failed: run.summary.failed, callerRateLimited: errors.filter((e) => e.status === 429).length };
}

async function sdkLoop(sim) {
  const { createNeonClient, raw } = await import('@neon/sdk');
  const neon = createNeonClient({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, throwOnError: true });
  const rawClient = raw.createClient(raw.createConfig({ baseUrl: sim.baseUrl, auth: () => sim.seedKey }));
  const call = raw.wrapRaw;
  const wanted = desired.webhooks;
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const start = performance.now();
  const all = await neon.branches.list({ projectId: FLEET }).all();
  const branches = all.filter((b) => b.name.startsWith('preview/'));
  const errors = [];
  const one = async (branch) => {
    const ids = { projectId: FLEET, branchId: branch.id };
    const path = { project_id: FLEET, branch_id: branch.id };
    try {
      await neon.auth.get(ids).catch(async (error) => {
        if (error.status !== 404) throw error;
        await neon.auth.create({ ...ids, auth_provider: 'better_auth' });
      });
      const domains = await neon.auth.trustedDomains.list(ids);
      for (const domain of desired.trustedDomains) {
        if (!domains.some((d) => d.domain === domain)) await neon.auth.trustedDomains.add({ ...ids, domain, auth_provider: 'better_auth' });
      }
      const webhooks = await call(raw.getNeonAuthWebhookConfig)({ client: rawClient, path, throwOnError: true });
      const body = { enabled: wanted.enabled, webhook_url: wanted.webhookUrl, enabled_events: wanted.enabledEvents, timeout_seconds: wanted.timeoutSeconds };
      const current = { enabled: webhooks.enabled, webhook_url: webhooks.webhook_url, enabled_events: webhooks.enabled_events, timeout_seconds: webhooks.timeout_seconds };
      if (!same(current, body)) await call(raw.updateNeonAuthWebhookConfig)({ client: rawClient, path, body, throwOnError: true });
    } catch (error) {
      errors.push(error);
    }
  };
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < branches.length) await one(branches[next++]);
  }));
  const wallMs = performance.now() - start;
  const status = (e) => e.status ?? e.response?.status;
  return { wallMs, branches: branches.length, failed: errors.length, callerRateLimited: errors.filter((e) => status(e) === 429).length };
}

/** Runs both contestants on fresh simulators; resolves to the results. */
export async function runFleetBench({ branches = Number(process.env.BENCH_FLEET_BRANCHES ?? 500), scale = Number(process.env.BENCH_FLEET_SCALE ?? 10), log = () => {} } = {}) {
  const perSecond = (700 * scale) / 60;
  const rows = [];
  for (const [id, label, run] of [['neon-admin', 'neon-admin `applyBranchAuth` (wasm)', (sim) => ours(sim, scale)], ['sdk', '@neon/sdk plain loop', sdkLoop]]) {
    log(`fleet: ${label}, ${branches} branches, limits ×${scale}`);
    const sim = await startSimulator({ args: [`--rate-limit=${scale}`, '--preview-branches', String(branches)] });
    try {
      const result = await run(sim);
      const { logged, throttled } = await simulatorCounts(sim);
      // The floor: the requests the job needed (those the simulator admitted) at the allowed rate.
      const floorMs = ((logged - throttled) / perSecond) * 1000;
      rows.push({ id, label, ...result, requests: logged, simulator429: throttled, floorMs, ratio: result.wallMs / floorMs });
    } finally {
      sim.stop();
    }
  }
  return { branches, scale, perMinute: 700 * scale, rows, date: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
}

const seconds = (ms) => (ms / 1000).toFixed(1);

/** Whether neon-admin met the goal: at most 1.10× the floor, no failure, no 429 at the caller. */
function goal(row) {
  const met = row.ratio <= 1.1 && row.failed === 0 && row.callerRateLimited === 0;
  return `Goal for neon-admin, at most 1.10× the floor with 0 failures and 0 429s at the caller: ${met ? 'met' : '**not met**'}.`;
}

/** The docs/benchmarks.md block for `results`. */
export function fleetMarkdown(results) {
  const lines = [
    '<!-- generated by `node bench/fleet.mjs --write-docs` (or `node bench/run.mjs --write-docs`); do not edit by hand -->',
    `${results.branches} preview branches, one desired state, simulator limits ×${results.scale} (${results.perMinute} requests/min per account, ${40 * results.scale}/s per route; the client's budget scaled the same), concurrency 4, ${results.date}:`,
    '',
    '| client | wall time | floor | × floor | requests sent | 429s sent by the simulator | 429s at the caller | branches failed |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.rows.map((r) =>
      `| ${r.label} | ${seconds(r.wallMs)} s | ${seconds(r.floorMs)} s | ${r.ratio.toFixed(2)}× | ${r.requests} | ${r.simulator429} | ${r.callerRateLimited} | ${r.failed} of ${r.branches} |`,
    ),
    '',
    goal(results.rows[0]),
    '',
    'The floor is the requests the job needed (those the simulator admitted) divided by the allowed rate',
    `(${(results.perMinute / 60).toFixed(1)}/s here, Neon's 11.7/s times ${results.scale}); both the limits and the floor are scaled by the same factor.`,
    "A run can end under the floor: the limits allow a minute's worth of requests at once (and 40 a second on each route), and the client sends what fits at once.",
  ];
  return lines.join('\n');
}

/** Replaces the fleet block of docs/benchmarks.md. */
export const writeFleetDoc = (block) => writeDocBlock(block, START, END);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await runFleetBench({ log: (m) => process.stderr.write(`[bench] ${m}\n`) });
  const block = fleetMarkdown(results);
  writeFileSync(new URL('fleet-results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  if (process.argv.includes('--write-docs')) writeFleetDoc(block);
  process.stdout.write(`${block}\n`);
}
