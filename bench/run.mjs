// The benchmark (`npm run bench`, or `node bench/run.mjs [--quick] [--write-docs]`). Starts the
// fixed-response server (bench/server.mjs) as its own process, then measures every client
// (bench/clients.mjs) in the same run, interleaved: each repetition runs the clients in a rotated
// round-robin order, each in a fresh child process.
//   cold start   bench/cold.mjs per client and an empty baseline, BENCH_COLD_REPS times each
//   split        bench/cold-split.mjs: neon-admin's cold start step by step
//   runtimes     bench/first-result.mjs: time to first result in Deno, Bun, workerd and the Edge
//                Runtime against their own fetch and @neon/sdk (its own block)
//   steady       bench/steady.mjs per client, BENCH_ROUNDS rounds: warm per-request cost,
//                throughput with 64 calls in flight, decoding a 2,000-item list
//   sizes        bench/sizes.mjs: wasm raw and gzip, npm pack, installed size of each client
//   burst        bench/burst.mjs: 10 and 30 calls in a row with the default options (rate budget
//                on) against raw fetch and `rateLimit: false` (its own README block)
//   fleet        bench/fleet.mjs: applyBranchAuth on 500 rate-limited preview branches against a
//                plain @neon/sdk loop (its own block in docs/benchmarks.md)
// Prints one Markdown block (bench/report.mjs), writes bench/results.json and bench/results.md,
// and with --write-docs puts the blocks between the bench markers of docs/benchmarks.md.
//
// Counts (env, full / quick): BENCH_COLD_REPS 30/8, BENCH_ROUNDS 5/2, BENCH_WARMUP 1000/300,
// BENCH_WARM_REQUESTS 2000/1000, BENCH_BATCH 200, BENCH_TPUT_CALLS 4000/2000, BENCH_INFLIGHT 64,
// BENCH_DECODE_CALLS 20/10, BENCH_SPLIT_RUNS 10/4, BENCH_RUNTIME_REPS 10/4. BENCH_QUICK=1 (or --quick) picks the quick
// column. BENCH_NODE=<node binary> runs the children on another Node (e.g. Node 24);
// BENCH_CLIENTS=wasm,fetch measures a subset; BENCH_NEON_ADMIN=<folder> measures another copy of
// the package; BENCH_KEEP_ENV=1 keeps NODE_EXTRA_CA_CERTS in the children's environment.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, platform, arch, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CLIENTS, nativeEntry, neonAdminRoot } from './clients.mjs';
import { burstMarkdown, runBurstBench, writeBurstDoc } from './burst.mjs';
import { fleetMarkdown, runFleetBench, writeFleetDoc } from './fleet.mjs';
import { checkTargets, markdown, writeDocBlock, writeResults } from './report.mjs';
import { runtimesMarkdown, writeRuntimesDoc } from './first-result.mjs';
import { BIG_COUNT, SMALL_COUNT } from './server.mjs';
import { measureSizes } from './sizes.mjs';
import { quantile, summarize } from './stats.mjs';

const began = performance.now();
const argv = new Set(process.argv.slice(2));
const quick = argv.has('--quick') || process.env.BENCH_QUICK === '1';
const count = (name, full, short) => {
  const value = Number(process.env[name] ?? (quick ? short : full));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const counted = /^BENCH_(COLD_REPS|ROUNDS|WARMUP|WARM_REQUESTS|BATCH|TPUT_CALLS|INFLIGHT|DECODE_WARMUP|DECODE_CALLS|SPLIT_RUNS|RUNTIME_REPS)$/;
const config = {
  quick,
  custom: Object.keys(process.env).some((name) => counted.test(name)),
  coldReps: count('BENCH_COLD_REPS', 30, 8),
  rounds: count('BENCH_ROUNDS', 5, 2),
  warmup: count('BENCH_WARMUP', 1000, 300),
  warmRequests: count('BENCH_WARM_REQUESTS', 2000, 1000),
  batch: count('BENCH_BATCH', 200, 200),
  tputCalls: count('BENCH_TPUT_CALLS', 4000, 2000),
  inflight: count('BENCH_INFLIGHT', 64, 64),
  decodeWarmup: count('BENCH_DECODE_WARMUP', 5, 3),
  decodeCalls: count('BENCH_DECODE_CALLS', 20, 10),
  splitRuns: count('BENCH_SPLIT_RUNS', 10, 4),
  runtimeReps: count('BENCH_RUNTIME_REPS', 10, 4),
};
const nodeBin = process.env.BENCH_NODE ?? process.execPath;
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const repoUrl = new URL('../', import.meta.url);
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

if (!existsSync(new URL('pkg/neon_admin_bg.wasm', neonAdminRoot))) {
  console.error(`No ${fileURLToPath(new URL('pkg/neon_admin_bg.wasm', neonAdminRoot))}: build it first (bash scripts/build.sh).`);
  process.exit(1);
}

function machine(droppedEnv) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown CPU';
  const node = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    cpu,
    cores: availableParallelism(),
    node,
    nodePath: nodeBin,
    os: `${platform()} ${arch()} ${release()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadBefore: loadavg()[0].toFixed(2),
    childEnvDropped: droppedEnv,
  };
}

// CPU time the whole machine spent busy (ms, from /proc/stat), to tell how much of it went to
// processes other than this benchmark's while it measured.
const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
function machineBusyMs() {
  if (!existsSync('/proc/stat')) return NaN;
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / clockTicks;
}
let childCpuMs = 0;

// NODE_EXTRA_CA_CERTS (which some sandboxes set) makes every Node process parse that whole CA bundle
// as it starts, ~85 ms of noisy start-up on Node 20 here that no client needs for http://127.0.0.1;
// the children run without it (BENCH_KEEP_ENV=1 keeps it).
const droppedEnv = process.env.BENCH_KEEP_ENV === '1' ? [] : ['NODE_EXTRA_CA_CERTS'].filter((name) => name in process.env);

/** The environment of a child: NEON_ADMIN_BACKEND=wasm or =native for those rows, unset for the rest. */
function envFor(id) {
  const env = { ...process.env };
  for (const name of droppedEnv) delete env[name];
  delete env.NEON_ADMIN_BACKEND;
  if (id === 'native' || id === 'wasm') env.NEON_ADMIN_BACKEND = id;
  return env;
}

/** Runs a child to completion; returns its wall time (ms) and its last stdout line parsed as JSON. */
function runChild(id, script, args, timeoutMs) {
  const start = process.hrtime.bigint();
  const result = spawnSync(nodeBin, [here(script), ...args], { env: envFor(id), encoding: 'utf8', timeout: timeoutMs });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    const why = result.error?.message ?? result.stderr.trim().split('\n').filter((l) => /\S/.test(l) && !/^\s+at /.test(l)).slice(-4).join(' | ');
    throw new Error(`${script} ${id} failed (exit ${result.status ?? result.signal}): ${why}`);
  }
  const out = JSON.parse(result.stdout.trim().split('\n').pop());
  childCpuMs += out.cpu ?? 0;
  return { wall, out };
}

/** Starts bench/server.mjs; resolves to { port, stop, count }. */
function startServer() {
  const child = spawn(process.execPath, [here('server.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
    child.stdout.on('data', function onData(chunk) {
      buffered += chunk;
      if (!buffered.includes('\n')) return;
      child.stdout.off('data', onData);
      const { port } = JSON.parse(buffered.split('\n')[0]);
      child.removeAllListeners('exit');
      resolve({
        port,
        async count() {
          return (await fetch(`http://127.0.0.1:${port}/__count`)).json();
        },
        stop() {
          child.stdin.end();
          setTimeout(() => child.kill(), 2000).unref();
        },
      });
    });
  });
}

const results = { machine: machine(droppedEnv), config, clients: [], cold: {}, warm: {}, throughput: {}, decode: {}, split: null, sizes: null };
if (Number(results.machine.loadBefore) > 0.5) log(`warning: load average ${results.machine.loadBefore} before the run; the machine may be busy`);
const busyBefore = machineBusyMs();
const ownBefore = process.cpuUsage();
const timedFrom = performance.now();
const server = await startServer();
const baseUrl = `http://127.0.0.1:${server.port}/api/v2`;
const bigBaseUrl = `http://127.0.0.1:${server.port}/big/api/v2`;
let expectedRequests = 0;

try {
  // Which clients run: BENCH_CLIENTS subset; the native addon only where the package has one.
  const wanted = process.env.BENCH_CLIENTS?.split(',').map((s) => s.trim());
  for (const c of CLIENTS) {
    const entry = { id: c.id, label: c.label, available: true, note: null };
    if (wanted && !wanted.includes(c.id)) Object.assign(entry, { available: false, note: 'left out by BENCH_CLIENTS' });
    else if (c.id === 'native' && !nativeEntry()) {
      Object.assign(entry, { available: false, note: 'this checkout has no native addon (`neon-admin/native` does not resolve, no js/native.mjs, NEON_ADMIN_BACKEND is not `native`)' });
    }
    if (entry.available) {
      // One probe run each: checks the client works against the server, and warms the file cache.
      try {
        runChild(c.id, 'cold.mjs', [c.id, baseUrl, String(SMALL_COUNT)], 60_000);
        expectedRequests++;
      } catch (error) {
        if (c.id !== 'native') throw error;
        Object.assign(entry, { available: false, note: `the native addon did not load: ${error.message}` });
      }
    }
    if (!entry.available) log(`${c.label}: skipped: ${entry.note}`);
    results.clients.push(entry);
  }
  const ids = results.clients.filter((c) => c.available).map((c) => c.id);
  if (!ids.includes('fetch')) throw new Error('raw fetch is the reference and cannot be left out');
  runChild('empty', 'cold.mjs', ['empty'], 60_000);

  // Cold start, interleaved: every repetition runs the baseline and each client once, rotated.
  log(`cold start: ${config.coldReps} repetitions × ${ids.length + 1} processes`);
  const cold = Object.fromEntries(['empty', ...ids].map((id) => [id, []]));
  for (let rep = 0; rep < config.coldReps; rep++) {
    for (const id of rotate(['empty', ...ids], rep)) {
      const { wall, out } = runChild(id, 'cold.mjs', [id, baseUrl, String(SMALL_COUNT)], 60_000);
      cold[id].push({ wall, ...out });
      if (id !== 'empty') expectedRequests++;
    }
  }
  // Each client's cost is paired with the empty process of the same repetition, which cancels the
  // slow drifts of a shared machine (its page cache, other work) that a single baseline would not.
  const rssMB = (samples) => summarize(samples.map((s) => s.maxRSS / 1024));
  results.cold.empty = { wall: summarize(cold.empty.map((s) => s.wall)), cpu: summarize(cold.empty.map((s) => s.cpu)), rssMB: rssMB(cold.empty) };
  for (const id of ids) {
    const samples = cold[id];
    const median = (f) => quantile(samples.map(f), 0.5);
    results.cold[id] = {
      cost: summarize(samples.map((s, rep) => s.wall - cold.empty[rep].wall)),
      wall: summarize(samples.map((s) => s.wall)),
      cpu: summarize(samples.map((s, rep) => s.cpu - cold.empty[rep].cpu)),
      rssMB: rssMB(samples),
      firstResult: summarize(samples.map((s) => s.called - s.start)),
      backend: samples[0].backend,
      phases: {
        import: median((s) => s.imported - s.start),
        build: median((s) => s.built - s.imported),
        call: median((s) => s.called - s.built),
        exitWait: median((s) => s.exit - s.called),
      },
    };
  }

  // neon-admin's cold start step by step, with and without the first call.
  if (ids.includes('wasm')) {
    log(`cold-start split: ${config.splitRuns} × 3 processes`);
    const runs = { call: [], nocall: [], prefetch: [] };
    for (let i = 0; i < config.splitRuns; i++) {
      for (const mode of rotate(Object.keys(runs), i)) {
        runs[mode].push(runChild('wasm', 'cold-split.mjs', [baseUrl, mode], 60_000).out);
        expectedRequests += { call: 2, nocall: 0, prefetch: 3 }[mode];
      }
    }
    const medians = (list) => Object.fromEntries(Object.keys(list[0]).map((k) => [k, quantile(list.map((m) => m[k]), 0.5)]));
    results.split = { runs: config.splitRuns, call: medians(runs.call), nocall: medians(runs.nocall), prefetch: medians(runs.prefetch) };
  }

  // Time to first result in Deno, Bun, workerd and the Edge Runtime, each against its own fetch
  // and @neon/sdk (BENCH_RUNTIMES=0 skips it).
  if (process.env.BENCH_RUNTIMES !== '0') {
    log(`first result in Deno, Bun, workerd and Edge: ${config.runtimeReps} × 3 processes each`);
    results.runtimes = runChild('runtimes', 'first-result.mjs', [baseUrl, String(config.runtimeReps)], 1_800_000).out;
    // One request per sample that ran (a contestant that fails in a runtime is dropped there).
    expectedRequests += Object.values(results.runtimes).flatMap((rows) => Object.values(rows)).reduce((n, row) => n + row.samples.length, 0);
  }

  // Steady state, interleaved: every round runs one child per client, rotated.
  log(`steady state: ${config.rounds} rounds × ${ids.length} processes`);
  const childConfig = JSON.stringify({ ...config, baseUrl, bigBaseUrl, smallCount: SMALL_COUNT, bigCount: BIG_COUNT });
  // Samples are kept per round ([round][sample]) so that ratios can be taken round by round.
  const steady = Object.fromEntries(ids.map((id) => [id, { warm: [], throughput: [], decode: [] }]));
  for (let round = 0; round < config.rounds; round++) {
    for (const id of rotate(ids, round)) {
      const { out } = runChild(id, 'steady.mjs', [id, childConfig], 300_000);
      steady[id].warm.push(out.warm);
      steady[id].throughput.push([out.throughput]);
      steady[id].decode.push(out.decode);
      expectedRequests += config.warmup + config.inflight * 4 + config.decodeWarmup + Math.ceil(config.warmRequests / config.batch) * config.batch +
        config.tputCalls + config.decodeCalls;
    }
    log(`  round ${round + 1}/${config.rounds} done`);
  }
  // The raw samples too, to look at a noisy run afterwards.
  results.samples = {
    coldWallMs: Object.fromEntries(Object.entries(cold).map(([id, list]) => [id, list.map((x) => Number(x.wall.toFixed(2)))])),
    steady,
  };
  for (const id of ids) {
    results.warm[id] = summarize(steady[id].warm.flat());
    results.throughput[id] = summarize(steady[id].throughput.flat());
    results.decode[id] = summarize(steady[id].decode.flat());
  }
  // Paired values, one per repetition (cold: cost) or round (median of that round's samples), for
  // ratios taken within a repetition: every client ran in it under the same conditions.
  const perRound = (measure) => Object.fromEntries(ids.map((id) => [id, steady[id][measure].map((round) => quantile(round, 0.5))]));
  results.paired = {
    cold: Object.fromEntries(ids.map((id) => [id, cold[id].map((s, rep) => s.wall - cold.empty[rep].wall)])),
    firstResult: Object.fromEntries(ids.map((id) => [id, cold[id].map((s) => s.called - s.start)])),
    warm: perRound('warm'),
    throughput: perRound('throughput'),
    decode: perRound('decode'),
  };

  const { requests, cpu: serverCpuMs } = await server.count();
  results.serverRequests = { answered: requests, expected: expectedRequests };
  // Everything the machine was busy with, less this benchmark's own processes: other work.
  const own = process.cpuUsage(ownBefore);
  const otherMs = machineBusyMs() - busyBefore - childCpuMs - serverCpuMs - (own.user + own.system) / 1000;
  results.machine.otherCores = Number((otherMs / (performance.now() - timedFrom)).toFixed(3));
  if (results.machine.otherCores > 0.1) {
    log(`warning: other processes kept ${results.machine.otherCores.toFixed(2)} cores busy on average while this measured; results are noisy`);
  }
  if (requests !== expectedRequests) log(`warning: the server answered ${requests} requests, ${expectedRequests} expected (retries?)`);
} finally {
  server.stop();
}

log('sizes: npm pack and installs');
results.sizes = measureSizes(neonAdminRoot, repoUrl);
const pkgJson = JSON.parse(readFileSync(new URL('package.json', neonAdminRoot), 'utf8'));
results.runtimeDependencies = Object.keys(pkgJson.dependencies ?? {});
results.otherDependencies = Object.fromEntries(
  ['optionalDependencies', 'peerDependencies'].filter((k) => Object.keys(pkgJson[k] ?? {}).length).map((k) => [k, Object.keys(pkgJson[k])]),
);
// BENCH_FLEET=0 leaves the fleet section out (its block in docs/benchmarks.md is then left as it is).
if (process.env.BENCH_FLEET !== '0') {
  log('fleet: applyBranchAuth on the rate-limited simulator, and a plain @neon/sdk loop');
  results.fleet = await runFleetBench({ log });
}
results.burst = await runBurstBench({ log });
results.machine.loadAfter = loadavg()[0].toFixed(2);
results.durationSeconds = (performance.now() - began) / 1000;
results.targets = checkTargets(results);

const block = markdown(results);
const fleetBlock = results.fleet ? fleetMarkdown(results.fleet) : '(fleet section left out: BENCH_FLEET=0)';
const burstBlock = burstMarkdown(results.burst);
const runtimesBlock = results.runtimes ? runtimesMarkdown(results.runtimes, config.runtimeReps, { before: results.machine.loadBefore, after: results.machine.loadAfter }) : '(runtimes section left out: BENCH_RUNTIMES=0)';
const blocks = [block, runtimesBlock, burstBlock, fleetBlock].join('\n\n');
writeResults(results, blocks);
if (argv.has('--write-docs')) {
  writeDocBlock(block);
  if (results.runtimes) writeRuntimesDoc(runtimesBlock);
  writeBurstDoc(burstBlock);
  if (results.fleet) writeFleetDoc(fleetBlock);
}
process.stdout.write(`${blocks}\n`);
log(`done in ${results.durationSeconds.toFixed(0)} s; wrote bench/results.json and bench/results.md${argv.has('--write-docs') ? ' and docs/benchmarks.md' : ''}`);
