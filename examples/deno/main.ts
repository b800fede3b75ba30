// A Deno script that prints the API keys of your Neon account that were not used for 90 days
// (candidates for revocation). Narrowest permissions: network access to the Neon API only, and
// the one variable it reads.
//
//   deno run --allow-net=console.neon.tech --allow-env=NEON_API_KEY main.ts

import NeonAdmin from 'npm:neon-admin@^0.1.0';

const DAY_MS = 24 * 60 * 60 * 1000;
const cutoff = Date.now() - 90 * DAY_MS;

// The key is handed over explicitly: neon-admin then reads no other variable and no file, so
// neither --allow-env for other names nor --allow-read is needed.
const neon = await NeonAdmin.connect({ apiKey: Deno.env.get('NEON_API_KEY'), baseUrl: Deno.args[0] });
const keys = await neon.apiKeys.list();
const stale = keys.filter((key) => Date.parse(key.last_used_at ?? key.created_at) < cutoff);
for (const key of stale) console.log(`${key.id}\t${key.name}\tlast used ${key.last_used_at ?? 'never'}`);
console.log(`${stale.length} of ${keys.length} keys unused for 90 days`);
