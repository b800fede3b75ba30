// Steady-state child: `node bench/steady.mjs <client-id> <config-json>`. Builds one client and,
// after a warm-up, measures on it:
//   warm        `warmRequests` sequential list() calls, timed in batches of `batch`; one sample per
//               batch = µs per request
//   throughput  `tputCalls` list() calls with `inflight` in flight at once; one sample = requests/s
//   decode      `decodeCalls` list() calls against the 2,000-item response, each timed; ms per call
// and prints one JSON line with the samples and its CPU time (ms). Each call's result length is
// checked.

import { clientById } from './clients.mjs';

const [id, configJson] = process.argv.slice(2);
const cfg = JSON.parse(configJson);
const client = clientById(id);
const mod = await client.load();
const small = client.build(mod, cfg.baseUrl);
const big = client.build(mod, cfg.bigBaseUrl);

async function call(list, expected) {
  const items = await list();
  if (!Array.isArray(items) || items.length !== expected) {
    throw new Error(`${id}: expected ${expected} items, got ${JSON.stringify(items)?.slice(0, 200)}`);
  }
}

async function inFlight(total, inflight) {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await call(small, cfg.smallCount);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inflight, total) }, worker));
}

// Warm-up: sequential calls, a burst with every connection the throughput run will use, big calls.
for (let i = 0; i < cfg.warmup; i++) await call(small, cfg.smallCount);
await inFlight(cfg.inflight * 4, cfg.inflight);
for (let i = 0; i < cfg.decodeWarmup; i++) await call(big, cfg.bigCount);

const warm = [];
for (let done = 0; done < cfg.warmRequests; done += cfg.batch) {
  const t = performance.now();
  for (let i = 0; i < cfg.batch; i++) await call(small, cfg.smallCount);
  warm.push(Number((((performance.now() - t) * 1000) / cfg.batch).toFixed(1)));
}

const t = performance.now();
await inFlight(cfg.tputCalls, cfg.inflight);
const throughput = Number((cfg.tputCalls / ((performance.now() - t) / 1000)).toFixed(1));

const decode = [];
for (let i = 0; i < cfg.decodeCalls; i++) {
  const start = performance.now();
  await call(big, cfg.bigCount);
  decode.push(Number((performance.now() - start).toFixed(3)));
}

const usage = process.resourceUsage();
const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stdout.write(`${JSON.stringify({ id, warm, throughput, decode, cpu })}\n`);
