// The neon-admin demo: who am I, list keys, create a key, rotate it, clean up.
// By default it runs against the local Neon API simulator, which it starts itself.
// `node examples/demo.mjs --live` uses the real API with NEON_API_KEY (read-only unless --write).

import NeonAdmin from '../js/node.mjs';
import { startSimulator } from '../scripts/simulator.mjs';

const live = process.argv.includes('--live');
const write = !live || process.argv.includes('--write');

let sim;
let neon;
if (live) {
  if (!process.env.NEON_API_KEY) {
    console.error('--live needs NEON_API_KEY (a Neon API key) in the environment');
    process.exit(2);
  }
  neon = await NeonAdmin.connect();
  console.log(`target: the Neon API at ${neon.baseUrl} (key from ${neon.credentialSource})`);
} else {
  sim = await startSimulator();
  neon = await NeonAdmin.connect({ apiKey: sim.seedKey, baseUrl: sim.baseUrl });
  console.log(`target: the local Neon API simulator at ${sim.baseUrl}`);
}

try {
  const me = await neon.whoami();
  console.log(`whoami: account ${me.account_id} via ${me.auth_method}`);
  const before = await neon.apiKeys.list();
  console.log(`api keys: ${before.length} listed (${before.map((k) => k.name).join(', ')})`);
  if (write) {
    const created = await neon.apiKeys.create({ name: `neon-admin-demo-${Date.now()}` });
    console.log(`created key ${created.id} "${created.name}" (token shown once; inspect shows:`, created, ')');
    const rotation = await neon.apiKeys.rotate({ oldKeyId: created.id, name: `${created.name}-rotated`, revokeOld: true });
    console.log(`rotated: new key ${rotation.created.id}, old key ${rotation.revoked?.id} revoked=${rotation.revoked?.revoked}`);
    const revoked = await neon.apiKeys.revoke(rotation.created.id);
    console.log(`cleaned up: key ${revoked.id} revoked=${revoked.revoked}`);
    const after = await neon.apiKeys.list();
    console.log(`api keys: ${after.length} listed after clean-up`);
  }
} finally {
  sim?.stop();
}
