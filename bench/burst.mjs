// Bursts with the default options: what a build hook that makes a handful of calls in a row gets.
// Against one simulator (no rate limits of its own, so only the client's budget can slow a call),
// in this process, BENCH_BURST_ROUNDS (7) rounds, the contestants interleaved in each round:
//   raw fetch              the same GETs with `fetch`, one after another
//   neon-admin (default)   `new NeonAdmin({ apiKey, baseUrl })`: the default import and options,
//                          the rate budget on
//   neon-admin (no budget) the same with `rateLimit: false`, the extra row that shows the budget's cost
// Two bursts: 10 sequential `apiKeys.list()` (one route), and 30 calls over three routes
// (`apiKeys.list()`, `whoami()`, one page of `projects.list()`). Each client is warmed up by one
// call on another route first, so the rows measure the burst, not the first request.
// `node bench/burst.mjs [--write-docs]` runs it alone; bench/run.mjs runs it after the rest.

import { fileURLToPath } from 'node:url';
import NeonAdmin from '../js/node.mjs';
import { startSimulator } from '../scripts/simulator.mjs';
import { writeDocBlock } from './report.mjs';
import { pairedRatio, summarize } from './stats.mjs';

const ROUTES = ['api_keys', 'auth', 'projects?limit=100'];

/** The bursts each client runs: `one` calls on one route, `three` over three routes. */
function clientBursts(neon) {
  const calls = [() => neon.apiKeys.list(), () => neon.whoami(), () => neon.projects.list()[Symbol.asyncIterator]().next()];
  return {
    warm: () => calls[1](),
    one: async () => {
      for (let i = 0; i < 10; i++) await calls[0]();
    },
    three: async () => {
      for (let i = 0; i < 30; i++) await calls[i % 3]();
    },
  };
}

function fetchBursts(sim) {
  const get = async (path) => {
    const res = await fetch(`${sim.baseUrl}/${path}`, { headers: { authorization: `Bearer ${sim.seedKey}`, accept: 'application/json' } });
    if (!res.ok) throw new Error(`raw fetch got ${res.status}`);
    await res.json();
  };
  return {
    warm: () => get(ROUTES[1]),
    one: async () => {
      for (let i = 0; i < 10; i++) await get(ROUTES[0]);
    },
    three: async () => {
      for (let i = 0; i < 30; i++) await get(ROUTES[i % 3]);
    },
  };
}

/**
 * Runs the burst bench.
 * @returns {Promise<{ rounds: number, rows: Array<{ id: string, label: string, one: object, three: object, oneRatio: object | null, threeRatio: object | null }> }>}
 */
export async function runBurstBench({ rounds = Number(process.env.BENCH_BURST_ROUNDS ?? 7), log = () => {} } = {}) {
  log(`burst: 10 calls on one route and 30 over three routes, ${rounds} rounds`);
  const sim = await startSimulator();
  try {
    // A fresh client per round, so that no round starts with the budget another one spent.
    const contestants = [
      { id: 'fetch', label: 'raw `fetch`', make: () => fetchBursts(sim) },
      { id: 'default', label: 'neon-admin, default options', make: () => clientBursts(new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {} })) },
      { id: 'unbudgeted', label: 'neon-admin, `rateLimit: false`', make: () => clientBursts(new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {}, rateLimit: false })) },
    ];
    const samples = Object.fromEntries(contestants.map((c) => [c.id, { one: [], three: [] }]));
    for (let round = 0; round < rounds; round++) {
      for (const kind of ['one', 'three']) {
        for (const c of contestants) {
          const bursts = c.make();
          await bursts.warm(); // connections, the wasm module, the JIT: one call on another route
          const start = performance.now();
          await bursts[kind]();
          samples[c.id][kind].push(performance.now() - start);
        }
      }
    }
    const base = samples.fetch;
    return {
      rounds,
      rows: contestants.map((c) => ({
        id: c.id,
        label: c.label,
        one: summarize(samples[c.id].one),
        three: summarize(samples[c.id].three),
        oneRatio: pairedRatio(samples[c.id].one, base.one),
        threeRatio: pairedRatio(samples[c.id].three, base.three),
      })),
    };
  } finally {
    sim.stop();
  }
}

const ms = (s) => `${s.median.toFixed(1)} ms`;
const times = (r) => (r ? `${r.median.toFixed(2)}×` : 'n/a');

/** The Markdown block for `results`, with the goal's verdict. */
export function burstMarkdown(results) {
  const byId = Object.fromEntries(results.rows.map((r) => [r.id, r]));
  const wait = (kind) => byId.default[kind].median - byId.unbudgeted[kind].median;
  const met = wait('one') < 10 && wait('three') < 30;
  return [
    `Bursts with the default options (rate budget on), medians of ${results.rounds} rounds, against the local simulator:`,
    '',
    '| client | 10 calls, one route | × raw fetch | 30 calls, three routes | × raw fetch |',
    '|---|---|---|---|---|',
    ...results.rows.map((r) => `| ${r.label} | ${ms(r.one)} | ${times(r.oneRatio)} | ${ms(r.three)} | ${times(r.threeRatio)} |`),
    '',
    `Goal: calls within Neon's limits are sent at once, so the default options cost no waiting over \`rateLimit: false\` (under 1 ms a call): ${met ? 'met' : '**not met**'} (${wait('one').toFixed(1)} ms and ${wait('three').toFixed(1)} ms more).`,
  ].join('\n');
}

/** Replaces the burst block of docs/benchmarks.md. */
export const writeBurstDoc = (block) => writeDocBlock(block, '<!-- bench-burst:start -->', '<!-- bench-burst:end -->');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const block = burstMarkdown(await runBurstBench({ log: (m) => process.stderr.write(`[bench] ${m}\n`) }));
  if (process.argv.includes('--write-docs')) writeBurstDoc(block);
  process.stdout.write(`${block}\n`);
}
