// Fixed-response HTTP server for the benchmark, run as its own process so that it never shares an
// event loop with a client being measured. Listens on 127.0.0.1 (port 0 unless BENCH_PORT), prints
// {"port": N} on its first stdout line, and answers:
//   GET /api/v2/api_keys      a small list (3 items) shaped like the spec's ApiKeysListResponseItem
//   GET /big/api/v2/api_keys  the same shape, 2,000 items (the decode measure)
//   GET /__count              {"requests": N, "cpu": ms}: how many api_keys requests it answered (a
//                             sanity check) and the CPU time it used
// Everything else is a 404. Bodies are built once; every answer is the same bytes. It exits when
// its parent closes stdin, so a crashed harness never leaves it running.

import { createServer } from 'node:http';

/** One list item as Neon's spec describes it (ApiKeysListResponseItem). */
export function apiKeyItem(i) {
  const minute = String(i % 60).padStart(2, '0');
  return {
    id: 165432 + i,
    name: `bench-key-${i}`,
    created_at: `2024-11-15T20:${minute}:35Z`,
    created_by: { id: '629982cc-de05-43db-ae16-28f2399c4910', name: 'Bench User', image: 'https://example.com/avatar.png' },
    last_used_at: i % 3 === 0 ? null : `2024-11-16T08:${minute}:51Z`,
    last_used_from_addr: `192.0.2.${i % 250}`,
  };
}

export const SMALL_COUNT = 3;
export const BIG_COUNT = 2000;

const list = (n) => Buffer.from(JSON.stringify(Array.from({ length: n }, (_, i) => apiKeyItem(i))));

function start() {
  const small = list(SMALL_COUNT);
  const big = list(BIG_COUNT);
  let requests = 0;
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    let body = null;
    if (req.method === 'GET' && path === '/api/v2/api_keys') body = small;
    else if (req.method === 'GET' && path === '/big/api/v2/api_keys') body = big;
    if (body) {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    } else if (path === '/__count') {
      const { user, system } = process.cpuUsage();
      const count = Buffer.from(JSON.stringify({ requests, cpu: (user + system) / 1000 }));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': count.length });
      res.end(count);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"code":"NOT_FOUND","message":"not found"}');
    }
  });
  server.keepAliveTimeout = 30_000;
  server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

if (import.meta.url === `file://${process.argv[1]}`) start();
