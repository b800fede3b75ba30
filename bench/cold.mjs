// Cold-start child: `node bench/cold.mjs <client-id|empty> <baseUrl> <expected-items>`. Imports the
// client, builds it, completes one GET /api_keys, and at exit prints one JSON line with its peak
// RSS (`process.resourceUsage().maxRSS`, KiB), its CPU time (user + system, ms, all threads) and
// performance.now() marks (ms since the process's time origin) for import, build, the first call
// and the 'exit' event. With `empty` it does nothing: the baseline whose wall time is subtracted
// from every client's.

import { writeSync } from 'node:fs';

const start = performance.now();
const [id, baseUrl, expected] = process.argv.slice(2);
const out = { id, start };

process.on('exit', () => {
  out.exit = performance.now();
  const usage = process.resourceUsage();
  out.maxRSS = usage.maxRSS;
  out.cpu = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  writeSync(1, `${JSON.stringify(out)}\n`);
});

if (id !== 'empty') {
  const { clientById } = await import('./clients.mjs');
  const client = clientById(id);
  const mod = await client.load();
  out.imported = performance.now();
  if (mod.backend) out.backend = mod.backend;
  const list = client.build(mod, baseUrl);
  out.built = performance.now();
  const items = await list();
  out.called = performance.now();
  if (!Array.isArray(items) || items.length !== Number(expected)) {
    throw new Error(`${id}: expected ${expected} items, got ${JSON.stringify(items)?.slice(0, 200)}`);
  }
}
