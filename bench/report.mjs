// Turns the benchmark's results into its outputs: the targets check, one Markdown block (tables,
// machine line, misses) printed to the terminal and written to bench/results.md, the JSON in
// bench/results.json, and, on request, the same block between the bench markers of docs/benchmarks.md.

import { readFileSync, writeFileSync } from 'node:fs';
import { pairedRatio, ratio } from './stats.mjs';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const fixed = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const digitsFor = (v) => (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
/** "12.3 (11.0–14.1)": median and p10–p90. */
const spread = (s, digits) => (s && s.n ? `${fixed(s.median, digits ?? digitsFor(s.median))} (${fixed(s.p10, digits ?? digitsFor(s.p10))}–${fixed(s.p90, digits ?? digitsFor(s.p90))})` : '–');
const times = (r) => (r === null || r === undefined ? '–' : `${r.toFixed(2)}×`);
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const kB = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(bytes >= 100_000 ? 0 : 1)} kB` : '–');

/** The paired ratio of client a to client b for a measure (see stats.pairedRatio), or null. */
const pairedOf = (results, measure, a, b) => pairedRatio(results.paired?.[measure]?.[a], results.paired?.[measure]?.[b]);

/** Evaluates the issue's targets; returns rows `{ name, target, measured, pass, miss }`. */
export function checkTargets(results) {
  const { cold, warm, sizes, clients, runtimeDependencies } = results;
  const has = (id) => clients.some((c) => c.id === id && c.available);
  const cost = (id) => cold[id]?.cost.median;
  const rows = [];
  // `atLeast` marks a measure where higher is better (requests per second).
  const ratioRow = (name, r, limit, what, atLeast = false) => {
    const value = r?.median ?? null;
    const pass = value !== null && (atLeast ? value >= limit : value <= limit);
    const sign = atLeast ? '≥' : '≤';
    const off = value === null ? 0 : Math.abs((value / limit - 1) * 100).toFixed(0);
    rows.push({
      name,
      target: `${sign} ${limit}×`,
      measured: r ? `${times(value)} (${times(r.p10)}–${times(r.p90)})` : '–',
      pass,
      miss: value === null ? 'not measured' : pass ? null : `${value.toFixed(2)}× against ${sign} ${limit}×: ${off}% ${atLeast ? 'under' : 'over'} (${what})`,
    });
  };
  if (has('default')) {
    const d = `the default import (here: ${cold.default?.backend ?? 'wasm'})`;
    const first = (id) => cold[id]?.firstResult?.median;
    ratioRow(`${d}: time to first result vs raw fetch`, pairedOf(results, 'firstResult', 'default', 'fetch'), 0.6,
      `${fixed(first('default'), 1)} ms against ${fixed(first('fetch'), 1)} ms; the target allows ${fixed(first('fetch') * 0.6, 1)} ms`);
    ratioRow(`${d}: warm per-request cost vs raw fetch`, pairedOf(results, 'warm', 'default', 'fetch'), 1.0,
      `${fixed(warm.default?.median, 0)} µs against ${fixed(warm.fetch?.median, 0)} µs`);
    ratioRow(`${d}: requests/s with 64 in flight vs raw fetch`, pairedOf(results, 'throughput', 'default', 'fetch'), 1.0,
      `${fixed(results.throughput.default?.median, 0)} against ${fixed(results.throughput.fetch?.median, 0)} requests/s`, true);
    ratioRow(`${d}: decoding a 2,000-key list vs raw fetch`, pairedOf(results, 'decode', 'default', 'fetch'), 1.5,
      `${fixed(results.decode.default?.median, 2)} ms against ${fixed(results.decode.fetch?.median, 2)} ms`);
  }
  ratioRow('neon-admin (wasm) cold-start cost vs raw fetch', pairedOf(results, 'cold', 'wasm', 'fetch'), 1.25,
    `${fixed(cost('wasm'), 1)} ms against ${fixed(cost('fetch'), 1)} ms; the target allows ${fixed(cost('fetch') * 1.25, 1)} ms`);

  const backends = ['wasm', 'native'].filter(has).filter((id) => cold[id]);
  const fastest = backends.sort((a, b) => cost(a) - cost(b))[0];
  const sdks = ['sdk', 'api-client'].filter(has).filter((id) => cold[id]);
  const fasterSdk = sdks.sort((a, b) => cost(a) - cost(b))[0];
  const label = (id) => clients.find((c) => c.id === id)?.label;
  ratioRow(`fastest neon-admin backend (${label(fastest)}) cold-start cost vs the faster official SDK (${label(fasterSdk)})`,
    pairedOf(results, 'cold', fastest, fasterSdk), 0.7,
    `${fixed(cost(fastest), 1)} ms against ${fixed(cost(fasterSdk), 1)} ms; the target allows ${fixed(cost(fasterSdk) * 0.7, 1)} ms`);

  for (const id of ['wasm', 'native'].filter(has)) {
    const w = warm[id]?.median;
    const f = warm.fetch?.median;
    ratioRow(`${label(id)} warm per-request cost vs raw fetch`, pairedOf(results, 'warm', id, 'fetch'), 1.15,
      `${fixed(w, 0)} µs against ${fixed(f, 0)} µs; the target allows ${fixed(f * 1.15, 0)} µs`);
  }

  const gz = sizes?.wasm?.gzip;
  const gzPass = Number.isFinite(gz) && gz <= 150_000;
  rows.push({
    name: 'wasm size, gzip',
    target: '≤ 150 kB',
    measured: kB(gz),
    pass: gzPass,
    miss: gzPass ? null : `${kB(gz)} against ≤ 150 kB: ${kB(gz - 150_000)} (${((gz / 150_000 - 1) * 100).toFixed(0)}%) over`,
  });
  // Issue 17's limit: the tarball within +10% of its size when the work began (272,524 bytes).
  const tarball = sizes?.pack?.size;
  const tarballLimit = Math.floor(272_524 * 1.1);
  const tarballPass = Number.isFinite(tarball) && tarball <= tarballLimit;
  rows.push({
    name: '`npm pack` tarball, at most +10% over 272,524 bytes',
    target: `≤ ${tarballLimit} bytes`,
    measured: Number.isFinite(tarball) ? `${tarball} bytes` : '–',
    pass: tarballPass,
    miss: tarballPass ? null : `${tarball} bytes against ≤ ${tarballLimit}`,
  });
  const deps = runtimeDependencies ?? [];
  rows.push({
    name: 'runtime dependencies (package.json `dependencies`)',
    target: 'none',
    measured: deps.length ? deps.join(', ') : 'none',
    pass: deps.length === 0,
    miss: deps.length ? `${deps.length} runtime dependencies: ${deps.join(', ')}` : null,
  });
  return rows;
}

/** The Markdown block: machine line, main table, sizes, cold-start split, targets, misses. */
export function markdown(results) {
  const { machine, config, clients, cold, warm, throughput, decode, sizes, split, targets } = results;
  const shown = clients.filter((c) => c.available);
  const lines = [];
  lines.push(`<!-- generated by \`node bench/run.mjs --write-docs\`; do not edit by hand -->`);
  lines.push('');
  lines.push(`Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.os}; run ${machine.date} ` +
    `(${config.custom ? 'counts changed by BENCH_* variables' : config.quick ? 'quick run' : 'full run'}, ${fixed(results.durationSeconds, 0)} s; ` +
    `other processes kept ${fixed(machine.otherCores, 2)} of ${machine.cores} cores busy on average while it measured` +
    `${machine.childEnvDropped?.length ? `; children ran without ${machine.childEnvDropped.join(', ')}` : ''}).`);
  lines.push('');
  lines.push(`Each cell is the median (p10–p90) of its samples; × is the ratio to raw fetch, taken within each repetition ` +
    `(cold start) or round (the others: that round's medians), where every client ran under the same conditions, and then ` +
    `the median of those ratios; peak RSS is the ratio of the medians. For requests/s higher is better, for everything else lower. Cold start: ${config.coldReps} process${config.coldReps === 1 ? '' : 'es'} per client; warm: ${plural(config.rounds, 'round')} × ` +
    `${config.warmRequests} sequential calls in batches of ${config.batch}; throughput: ${plural(config.rounds, 'round')} × ${config.tputCalls} calls, ` +
    `${config.inflight} in flight; decode: ${plural(config.rounds, 'round')} × ${config.decodeCalls} calls on a 2,000-item list.`);
  lines.push('');
  lines.push('| client | first result, ms | × | cold start, ms | × | peak RSS, MiB | × | warm, µs/request | × | requests/s, 64 in flight | × | decode 2,000 keys, ms/call | × | installed size |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const c of shown) {
    const inst = sizes?.installed?.[c.id === 'native' || c.id === 'default' ? 'wasm' : c.id];
    const installedCell = inst ? `${kB(inst.bytes)}${inst.packages > 1 ? ` (${inst.packages} packages)` : ''}` : '–';
    const x = (measure) => times(pairedOf(results, measure, c.id, 'fetch')?.median);
    const label = c.id === 'default' && cold.default?.backend ? `${c.label}: ${cold.default.backend}` : c.label;
    lines.push(`| ${label} | ${spread(cold[c.id]?.firstResult, 1)} | ${x('firstResult')} | ${spread(cold[c.id]?.cost, 1)} | ${x('cold')} ` +
      `| ${spread(cold[c.id]?.rssMB, 1)} | ${times(ratio(cold[c.id]?.rssMB.median, cold.fetch?.rssMB.median))} ` +
      `| ${spread(warm[c.id], 0)} | ${x('warm')} ` +
      `| ${spread(throughput[c.id], 0)} | ${x('throughput')} ` +
      `| ${spread(decode[c.id], 2)} | ${x('decode')} | ${installedCell} |`);
  }
  lines.push('');
  lines.push(`First result is \`performance.now()\` when the first list has been decoded, counted from the measuring script's first ` +
    `line (so Node's own start-up, the same for every client, is left out). `);
  lines.push(`Cold start is the process's wall time minus that of a Node process that loads the same script and does nothing, ` +
    `run in the same repetition (that empty process: ${spread(cold.empty?.wall, 1)} ms, peak RSS ${spread(cold.empty?.rssMB, 1)} MiB).`);
  for (const c of clients.filter((x) => !x.available)) lines.push(`${c.label}: not measured: ${c.note}`);
  lines.push('');
  if (sizes) {
    lines.push('| size | bytes | kB |');
    lines.push('|---|---|---|');
    lines.push(`| \`pkg/neon_admin_bg.wasm\`, raw | ${sizes.wasm.raw} | ${kB(sizes.wasm.raw)} |`);
    lines.push(`| \`pkg/neon_admin_bg.wasm\`, gzip (level 6) | ${sizes.wasm.gzip} | ${kB(sizes.wasm.gzip)} |`);
    if (sizes.pack) {
      lines.push(`| \`npm pack\` tarball (${sizes.pack.files} files) | ${sizes.pack.size} | ${kB(sizes.pack.size)} |`);
      lines.push(`| unpacked | ${sizes.pack.unpackedSize} | ${kB(sizes.pack.unpackedSize)} |`);
    }
    for (const e of sizes.errors) lines.push(`| (${e}) | | |`);
    lines.push('');
  }
  lines.push('Where the cold start goes (median ms of the marks each cold-start process records; "exit wait" is the time from the ' +
    'first result to the process\'s exit event, when the event loop is empty and Node waits for V8\'s background tasks):');
  lines.push('');
  lines.push('| client | import | build | first call | exit wait | CPU time (all threads) minus the empty process\'s |');
  lines.push('|---|---|---|---|---|---|');
  for (const c of shown) {
    const p = cold[c.id]?.phases;
    if (p) lines.push(`| ${c.label} | ${fixed(p.import, 1)} | ${fixed(p.build, 1)} | ${fixed(p.call, 1)} | ${fixed(p.exitWait, 1)} | ${spread(cold[c.id].cpu, 1)} |`);
  }
  if (split?.call) {
    const { call: s, nocall: n, prefetch: p } = split;
    lines.push('');
    lines.push(`neon-admin (wasm) step by step (\`bench/cold-split.mjs\`, median of ${split.runs} runs, ms): glue import ${fixed(s.glue, 1)}, ` +
      `js import ${fixed(s.js, 1)}, read wasm ${fixed(s.read, 1)}, compile ${fixed(s.compile, 1)}, instantiate ${fixed(s.instantiate, 1)}, ` +
      `build client ${fixed(s.build, 1)}, first call ${fixed(s.call, 1)}, second call ${fixed(s.second, 1)}, exit wait ${fixed(s.exitWait, 1)}. ` +
      `Without any call the exit wait is ${fixed(n?.exitWait, 1)}; after one raw fetch() made first (${fixed(p?.prefetch, 1)}), ` +
      `neon-admin's first call takes ${fixed(p?.call, 1)}.`);
  }
  lines.push('');
  lines.push('| target | limit | measured (p10–p90 of the ratios) | |');
  lines.push('|---|---|---|---|');
  for (const t of targets) lines.push(`| ${t.name} | ${t.target} | ${t.measured} | ${t.pass ? 'met' : '**missed**'} |`);
  for (const [kind, names] of Object.entries(results.otherDependencies ?? {})) lines.push(`\nThe package also declares ${kind}: ${names.join(', ')}.`);
  const misses = targets.filter((t) => !t.pass);
  if (misses.length) {
    lines.push('');
    lines.push('Missed:');
    lines.push('');
    for (const t of misses) lines.push(`- ${t.name}: ${t.miss}.`);
  }
  return lines.join('\n');
}

/** Writes results.json and results.md next to this file. */
export function writeResults(results, block) {
  writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(new URL('results.md', import.meta.url), `# neon-admin benchmark results\n\n${block}\n`);
}

/** Replaces the block of docs/benchmarks.md between the bench markers (or the markers given). */
export function writeDocBlock(block, startMarker = START, endMarker = END) {
  const url = new URL('../docs/benchmarks.md', import.meta.url);
  const text = readFileSync(url, 'utf8');
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`docs/benchmarks.md has no ${startMarker} … ${endMarker} block`);
  writeFileSync(url, `${text.slice(0, start + startMarker.length)}\n${block}\n${text.slice(end)}`);
}
