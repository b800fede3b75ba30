// The demo (`npm run demo`'s script) against the simulator: it provisions a preview branch, and a
// second provisioning run changes nothing; stdout holds only the app's KEY=value lines.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const demo = fileURLToPath(new URL('../../examples/demo.mjs', import.meta.url));

test('the demo prints the env lines and a second run changes nothing', () => {
  const result = execFileSync(process.execPath, [demo], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEON_API_KEY: '' } });
  assert.deepEqual(result.trim().split('\n'), [
    'NEON_AUTH_BASE_URL=https://auth.sim.neon.invalid/br-preview-a-0001',
    'NEON_AUTH_JWKS_URL=https://auth.sim.neon.invalid/br-preview-a-0001/.well-known/jwks.json',
  ]);
});

test('the demo tells what it changed on the first run and that the second run changed nothing', () => {
  const out = spawnSync(process.execPath, [demo], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const [first, second] = out.stderr.split('provisioning again');
  assert.match(first, /enable neonAuth/);
  assert.match(first, /add trustedDomains https:\/\/feature-a\.preview\.example\.com/);
  assert.match(first, /add oauthProviders\.google/);
  assert.match(first, /keys were returned once/);
  assert.match(second, /no changes: the branch already matched/);
  assert.doesNotMatch(second, /\b(enable|add|update|remove) [a-zA-Z.]+/);
  assert.doesNotMatch(out.stderr + out.stdout, /pck_|ssk_/, 'no Neon Auth key is ever printed');
});
