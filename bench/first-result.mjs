// Time to first result outside Node: `node bench/first-result.mjs <baseUrl> <reps>` runs, in fresh
// processes, neon-admin, the runtime's own `fetch` and `@neon/sdk`, alternating in a rotated order
// each repetition, and prints one JSON line (see `measureRuntimes`):
//   deno         neon-admin through js/deno.mjs (wasm)
//   bun          the bundled js/node.bundle.mjs, on the native addon where it loads (as on Node)
//   bun (wasm)   the same entry under NEON_ADMIN_BACKEND=wasm (over Bun's fetch)
//   workerd      a Worker in Miniflare (bench/first-result-workers.mjs, on Node 24)
//   edge         an Edge Function in the Edge Runtime (the same script)
// In Deno and Bun each sample is ms from the script's first line to the first decoded list, and
// neon-admin's is split into import, `new NeonAdmin()` and the first `apiKeys.list()`; workerd
// and edge are measured as bench/first-result-workers.mjs says. A contestant that cannot run in a
// runtime gets its error, not numbers.
// `node bench/first-result.mjs [--write-docs]` alone starts the fixed-response server, runs
// BENCH_RUNTIME_REPS (10) repetitions and prints (with --write-docs: writes) the runtimes block of
// docs/benchmarks.md. BENCH_NEON_ADMIN=<folder> measures another copy of the package;
// BENCH_ONLY_RUNTIMES=deno,bun measures a subset (names as above).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bin, node24 } from '../tests/runtimes/install.mjs';
import { API_KEY, neonAdminRoot } from './clients.mjs';
import { writeDocBlock } from './report.mjs';
import { quantile } from './stats.mjs';

const root = fileURLToPath(neonAdminRoot);
const sdkEntry = fileURLToPath(import.meta.resolve('@neon/sdk'));
const sdkFolder = dirname(dirname(realpathSync(sdkEntry)));

/** The measured script of a contestant: `load` imports, `build` makes the client, `list` calls. */
const script = ({ load, build, list }) => `const start = performance.now();
const marks = {};
let items;
try {
  ${load}
  marks.import = performance.now() - start;
  ${build}
  marks.build = performance.now() - start - marks.import;
  items = await ${list};
  marks.call = performance.now() - start - marks.import - marks.build;
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error).split('\\n')[0] }));
  throw error;
}
if (!Array.isArray(items)) throw new Error('no list');
console.log(JSON.stringify({ ms: performance.now() - start, ...marks }));
`;

const contestants = (entry, baseUrl) => ({
  'neon-admin': {
    load: `const { default: NeonAdmin } = await import(${JSON.stringify(entry)});`,
    build: `const client = new NeonAdmin({ apiKey: ${JSON.stringify(API_KEY)}, baseUrl: ${JSON.stringify(baseUrl)}, env: {}, rateLimit: false });`,
    list: 'client.apiKeys.list()',
  },
  fetch: {
    load: '',
    build: '',
    list: `fetch(${JSON.stringify(`${baseUrl}/api_keys`)}, { headers: { authorization: 'Bearer ${API_KEY}', accept: 'application/json' } }).then((res) => res.json())`,
  },
  '@neon/sdk': {
    load: `const { createNeonClient } = await import(${JSON.stringify(sdkEntry)});`,
    build: `const client = createNeonClient({ apiKey: ${JSON.stringify(API_KEY)}, baseUrl: ${JSON.stringify(baseUrl)}, throwOnError: true });`,
    list: 'client.apiKeys.list()',
  },
});

const bunEntry = existsSync(join(root, 'js/node.bundle.mjs')) ? join(root, 'js/node.bundle.mjs') : join(root, 'js/node.mjs');
const RUNTIMES = {
  deno: {
    entry: join(root, 'js/deno.mjs'),
    command: (file) => [bin('deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', `--allow-read=${root},${sdkFolder}`, file]],
    env: { DENO_NO_UPDATE_CHECK: '1' },
  },
  bun: { entry: bunEntry, command: (file) => [bin('bun'), [file]], env: {} },
  'bun (wasm)': { entry: bunEntry, command: (file) => [bin('bun'), [file]], env: { NEON_ADMIN_BACKEND: 'wasm' } },
};

/** Runs one sample: the last JSON line the child printed, or `{ error }` when it failed. */
function sample(command, args, env, cwd) {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env }, timeout: 120_000 });
  const last = run.stdout?.trim().split('\n').pop();
  let out;
  try {
    out = JSON.parse(last);
  } catch {
    out = { error: (run.error?.message ?? run.stderr?.trim().split('\n').filter((l) => /\S/.test(l) && !/^\s+at /.test(l)).pop()) || `exit ${run.status}` };
  }
  if (run.status !== 0 && !out.error) out = { error: `exit ${run.status ?? run.signal}` };
  return out;
}

/**
 * Measures every runtime: resolves to `{ [runtime]: { [contestant]: { samples: object[], error?: string } } }`,
 * the samples in repetition order (so that ratios can be taken pair by pair).
 */
export function measureRuntimes(baseUrl, reps, log = () => {}) {
  const only = process.env.BENCH_ONLY_RUNTIMES?.split(',').map((name) => name.trim());
  const wanted = (name) => !only || only.includes(name);
  const dir = mkdtempSync(join(tmpdir(), 'neon-admin-first-result-'));
  const out = {};
  try {
    for (const [name, runtime] of Object.entries(RUNTIMES).filter(([name]) => wanted(name))) {
      const list = contestants(runtime.entry, baseUrl);
      const files = {};
      for (const [id, parts] of Object.entries(list)) {
        files[id] = join(dir, `${name.replace(/\W+/g, '-')}-${id.replace(/\W+/g, '-')}.mjs`);
        writeFileSync(files[id], script(parts));
      }
      out[name] = collect(Object.keys(list), reps, (id) => sample(...runtime.command(files[id]), runtime.env, dir));
      log(`  ${name} done`);
    }
    const workers = fileURLToPath(new URL('first-result-workers.mjs', import.meta.url));
    for (const name of ['workerd', 'edge'].filter(wanted)) {
      out[name] = collect(['neon-admin', 'fetch', '@neon/sdk'], reps, (id) => sample(node24, [workers, name, id, baseUrl, root], {}, dir));
      log(`  ${name} done`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** `reps` rounds of `run(id)` for each id, in a rotated order; a contestant that fails once is dropped. */
function collect(ids, reps, run) {
  const rows = Object.fromEntries(ids.map((id) => [id, { samples: [] }]));
  for (let rep = 0; rep < reps; rep++) {
    for (const id of ids.map((_, i) => ids[(i + rep) % ids.length])) {
      if (rows[id].error) continue;
      const result = run(id);
      if (result.error) rows[id] = { samples: [], error: result.error };
      else rows[id].samples.push(result);
    }
  }
  return rows;
}

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const median = (list) => (list.length ? quantile(list, 0.5) : NaN);
/** The median of the per-repetition ratios a/b, over the repetitions where both ran. */
const pairedRatio = (a, b) => median(a.samples.slice(0, b.samples.length).map((s, i) => s.ms / b.samples[i].ms).filter(Number.isFinite));

const WHY_SDK = {
  deno: 'its request builder spreads all of its own options, `client` among them, into the `RequestInit` of `new Request()`, and Deno reads a `client` there as its `Deno.HttpClient` extension and throws',
};

/**
 * The Markdown block for `measureRuntimes`'s result; `load` (the 1-minute load averages before and
 * after the run, as strings) says how busy the machine was.
 */
export function runtimesMarkdown(results, reps, load) {
  const lines = [
    `Time to first result outside Node (\`bench/first-result.mjs\`, ${reps} processes per cell, alternating; median ms, and the median of the per-repetition ratios). neon-admin's time is split into import, \`new NeonAdmin()\` and the first \`apiKeys.list()\` (in the Edge Runtime: the host's compile of the wasm and the bundle's evaluation, then the first request); workerd's cells are the Worker's first request after Miniflare's start-up, whose own median follows the table.`,
    ...(load ? [`Load average ${load.before} before the run and ${load.after} after, on ${availableParallelism()} cores (above the core count, every process waited for a core and the ratios are noisy).`] : []),
    '',
    '| runtime | neon-admin, ms | import / build / first call | its `fetch`, ms | × its fetch | `@neon/sdk`, ms | neon-admin × `@neon/sdk` |',
    '|---|---|---|---|---|---|---|',
  ];
  const verdicts = [];
  const notes = [];
  for (const [name, rows] of Object.entries(results)) {
    const na = rows['neon-admin'];
    const f = rows.fetch;
    const sdk = rows['@neon/sdk'];
    const ms = (row) => (row.error ? 'fails (below)' : fixed(median(row.samples.map((s) => s.ms))));
    const part = (k) => (na.samples[0]?.[k] === undefined ? '–' : fixed(median(na.samples.map((s) => s[k]))));
    const split = na.error || na.samples[0]?.import === undefined ? '–' : ['import', 'build', 'call'].map(part).join(' / ');
    const vsFetch = na.error || f.error ? NaN : pairedRatio(na, f);
    const vsSdk = na.error || sdk.error ? NaN : pairedRatio(na, sdk);
    lines.push(`| ${name} | ${ms(na)} | ${split} | ${ms(f)} | ${fixed(vsFetch, 2)}× | ${ms(sdk)} | ${sdk.error ? 'n/a' : `${fixed(vsSdk, 2)}×`} |`);
    for (const [id, row] of Object.entries(rows)) {
      if (row.error) notes.push(`- ${name}: ${id} fails: "${row.error}"${id === '@neon/sdk' && WHY_SDK[name] ? `: ${WHY_SDK[name]}` : ''}.`);
    }
    const startups = Object.entries(rows).filter(([, row]) => row.samples[0]?.startup !== undefined);
    if (startups.length) {
      const each = startups.map(([id, row]) => `${id} ${fixed(median(row.samples.map((s) => s.startup)))}`);
      notes.push(`- ${name}: Miniflare's start-up to ready (workerd's own process start included, and the wasm compile for neon-admin), median ms: ${each.join(', ')}.`);
    }
    verdicts.push({ name, fetchMet: vsFetch <= 1.5, vsFetch, sdkMet: sdk.error ? null : vsSdk <= 1 });
  }
  if (notes.length) lines.push('', ...notes);
  lines.push('');
  lines.push(`Goal: within 1.5× of the runtime's own fetch: ${verdicts.map((v) => `${v.name} ${v.fetchMet ? 'met' : '**missed**'} (${fixed(v.vsFetch, 2)}×)`).join(', ')}. ` +
    `Never slower than @neon/sdk where it runs: ${verdicts.filter((v) => v.sdkMet !== null).map((v) => `${v.name} ${v.sdkMet ? 'met' : '**missed**'}`).join(', ') || 'it ran nowhere'}.`);
  return lines.join('\n');
}

/** Replaces the runtimes block of docs/benchmarks.md. */
export const writeRuntimesDoc = (block) => writeDocBlock(block, '<!-- bench-runtimes:start -->', '<!-- bench-runtimes:end -->');

/** Starts bench/server.mjs in its own process; resolves to { baseUrl, stop }. */
function startServer() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('server.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk) => {
      const { port } = JSON.parse(String(chunk).split('\n')[0]);
      resolve({ baseUrl: `http://127.0.0.1:${port}/api/v2`, stop: () => child.stdin.end() });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [baseUrl, reps] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (baseUrl) {
    process.stdout.write(`${JSON.stringify(measureRuntimes(baseUrl, Number(reps)))}\n`);
  } else {
    const count = Number(process.env.BENCH_RUNTIME_REPS ?? 10);
    const before = loadavg()[0].toFixed(2);
    const server = await startServer();
    let results;
    try {
      results = measureRuntimes(server.baseUrl, count, (m) => process.stderr.write(`[bench] ${m}\n`));
    } finally {
      server.stop();
    }
    const block = runtimesMarkdown(results, count, { before, after: loadavg()[0].toFixed(2) });
    if (process.argv.includes('--write-docs')) writeRuntimesDoc(block);
    process.stdout.write(`${block}\n`);
  }
}
