// The neon-admin demo. By default it starts the local Neon API simulator and, against it:
// manages API keys (who am I, create, rotate, clean up), then provisions Neon Auth on a preview
// branch found by name, twice, to show that a second run changes nothing. Progress goes to
// stderr; the app's settings go to stdout as KEY=value lines.
//
// `node examples/demo.mjs --live` uses the real API instead: it needs NEON_API_KEY,
// NEON_PROJECT_ID, NEON_BRANCH and PREVIEW_URL, and creates no API keys unless --write is given.

import NeonAdmin from '../js/node.mjs';
import { startSimulator } from '../scripts/simulator.mjs';
import { envLines, provisionBranchAuth } from './provision-branch-auth.mjs';

const live = process.argv.includes('--live');
const log = (...parts) => console.error(...parts);

let sim;
let neon;
let target;
if (live) {
  const { NEON_API_KEY, NEON_PROJECT_ID, NEON_BRANCH, PREVIEW_URL } = process.env;
  if (!NEON_API_KEY || !NEON_PROJECT_ID || !NEON_BRANCH || !PREVIEW_URL) {
    log('--live needs NEON_API_KEY, NEON_PROJECT_ID, NEON_BRANCH (name or ID) and PREVIEW_URL');
    process.exit(2);
  }
  neon = await NeonAdmin.connect();
  target = { projectId: NEON_PROJECT_ID, branch: NEON_BRANCH, previewUrl: PREVIEW_URL };
  log(`target: the Neon API at ${neon.baseUrl}`);
} else {
  sim = await startSimulator();
  neon = await NeonAdmin.connect({ apiKey: sim.seedKey, baseUrl: sim.baseUrl });
  target = { projectId: 'proj-sim-alpha', branch: 'preview/feature-a', previewUrl: 'https://feature-a.preview.example.com' };
  log(`target: the local Neon API simulator at ${sim.baseUrl}`);
}

try {
  const me = await neon.whoami();
  log(`whoami: account ${me.account_id} via ${me.auth_method}`);
  log(`api keys: ${(await neon.apiKeys.list()).length} listed`);
  if (!live || process.argv.includes('--write')) {
    const created = await neon.apiKeys.create({ name: `neon-admin-demo-${Date.now()}` });
    log('created a key; its token is returned once and printing it shows it redacted:', created);
    const rotation = await neon.apiKeys.rotate({ oldKeyId: created.id, name: `${created.name}-rotated`, revokeOld: true });
    log(`rotated: new key ${rotation.created.id}, old key ${rotation.revoked?.id} revoked`);
    await neon.apiKeys.revoke(rotation.created.id);
    log(`cleaned up: key ${rotation.created.id} revoked`);
  }

  log(`\nprovisioning Neon Auth on ${target.projectId} / ${target.branch} (first run):`);
  await provisionBranchAuth(neon, target, (line) => log(`  ${line}`));
  log('provisioning again (nothing left to change):');
  const settings = await provisionBranchAuth(neon, target, (line) => log(`  ${line}`));
  console.log(envLines(settings));
} finally {
  sim?.stop();
}
