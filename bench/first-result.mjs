// Time to first result in Deno and Bun, beside Node's in the main table: `node
// bench/first-result.mjs <baseUrl> <reps>` runs, in fresh processes of each runtime, neon-admin
// through that runtime's entry (js/deno.mjs in Deno, the bundled js/node.bundle.mjs in Bun) and the runtime's own
// `fetch`, alternating, and prints one JSON line: { deno: { neonAdmin: [...], fetch: [...] }, bun: … }
// in ms from the script's first line to the first decoded list. BENCH_NEON_ADMIN=<folder> measures
// another copy of the package, as in the rest of the benchmark.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bin } from '../tests/runtimes/install.mjs';
import { API_KEY, neonAdminRoot } from './clients.mjs';

const [baseUrl, reps] = process.argv.slice(2);
const root = fileURLToPath(neonAdminRoot);

/** The measured script: neon-admin from `entry`, or the runtime's fetch when `entry` is null. */
const script = (entry) => `const start = performance.now();
let items;
${entry
    ? `const { default: NeonAdmin } = await import(${JSON.stringify(entry)});
items = await new NeonAdmin({ apiKey: ${JSON.stringify(API_KEY)}, baseUrl: ${JSON.stringify(baseUrl)}, env: {}, rateLimit: false }).apiKeys.list();`
    : `const res = await fetch(${JSON.stringify(`${baseUrl}/api_keys`)}, { headers: { authorization: 'Bearer ${API_KEY}' } });
items = await res.json();`}
if (!Array.isArray(items)) throw new Error('no list');
console.log(JSON.stringify({ ms: performance.now() - start }));
`;

const runtimes = {
  deno: { entry: join(root, 'js/deno.mjs'), command: (file) => [bin('deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', `--allow-read=${root}`, file]] },
  bun: { entry: existsSync(join(root, 'js/node.bundle.mjs')) ? join(root, 'js/node.bundle.mjs') : join(root, 'js/node.mjs'), command: (file) => [bin('bun'), [file]] },
};

const dir = mkdtempSync(join(tmpdir(), 'neon-admin-first-result-'));
const out = {};
try {
  for (const [name, runtime] of Object.entries(runtimes)) {
    const files = { neonAdmin: join(dir, `${name}-neon-admin.mjs`), fetch: join(dir, `${name}-fetch.mjs`) };
    writeFileSync(files.neonAdmin, script(runtime.entry));
    writeFileSync(files.fetch, script(null));
    out[name] = { neonAdmin: [], fetch: [] };
    for (let rep = 0; rep < Number(reps); rep++) {
      for (const which of rep % 2 ? ['fetch', 'neonAdmin'] : ['neonAdmin', 'fetch']) {
        const [command, args] = runtime.command(files[which]);
        const run = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' }, timeout: 60_000 });
        if (run.status !== 0) throw new Error(`${name} ${which} failed: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
        out[name][which].push(JSON.parse(run.stdout.trim().split('\n').pop()).ms);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(out)}\n`);
