// `apply` keeping a branch's credentials (Beta) by name and scopes, against the simulator on the
// backend NEON_ADMIN_BACKEND picks: a missing one is issued with its secrets in
// `created_credentials` (redacted on inspect), a second run changes nothing, other scopes are
// drift (never replaced), `prune` revokes the unlisted, a dry run issues nothing, and a failure
// after an issue still delivers its secrets (error.partial), in the library and the CLI.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import NeonAdmin from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { runCli } from './support/cli-process.mjs';

const ALPHA = 'proj-sim-alpha';
let sim;
let neon;
let dir;
before(async () => {
  sim = await startSimulator();
  neon = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {} });
  dir = await mkdtemp(join(tmpdir(), 'neon-admin-apply-credentials-'));
});
after(async () => {
  sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

const live = async (branch) => (await neon.credentials(ALPHA, branch).list()).filter((c) => !c.revoked_at);
const plan = (result) => result.changes.map((c) => `${c.action} ${c.target}`);

test('missing credentials are issued once, a second run changes nothing, other scopes are drift, prune revokes the unlisted', async () => {
  const branch = 'br-filler-009';
  const auth = neon.branchAuth(ALPHA, branch);
  const desired = { enabled: false, credentials: [{ name: 'app-storage', scopes: ['storage:read', 'storage:write'] }, { name: 'app-ai', scopes: ['ai_gateway:invoke'] }] };
  const dry = await auth.apply(desired, { dryRun: true });
  assert.deepEqual(plan(dry), ['create credentials.app-storage', 'create credentials.app-ai']);
  assert.equal(dry.created_credentials, undefined);
  assert.deepEqual(await live(branch), [], 'a dry run issues nothing');

  const first = await auth.apply(desired);
  assert.deepEqual(plan(first), ['create credentials.app-storage', 'create credentials.app-ai']);
  assert.deepEqual(first.created_credentials.map((c) => c.name), ['app-storage', 'app-ai']);
  for (const c of first.created_credentials) {
    assert.equal((await neon.credentials(ALPHA, branch).reveal(c.token_id)).api_token, c.api_token, 'the live secrets');
    assert.ok(!inspect(first, { depth: 6 }).includes(c.s3_secret_access_key), 'redacted on inspect');
    assert.ok(JSON.stringify(first).includes(c.s3_secret_access_key), 'kept in JSON');
  }
  const second = await auth.apply(desired);
  assert.deepEqual(second.changes, []);
  assert.equal(second.created_credentials, undefined);

  const other = await auth.apply({ enabled: false, credentials: [{ name: 'app-ai', scopes: ['functions:invoke'] }] });
  assert.deepEqual(other.changes, [], 'drift is never replaced');
  assert.deepEqual(other.drift, [{ name: 'app-ai', token_id: first.created_credentials[1].token_id, scopes: ['ai_gateway:invoke'], wanted_scopes: ['functions:invoke'] }]);

  const pruned = await auth.apply({ enabled: false, credentials: [desired.credentials[0]] }, { prune: true });
  assert.deepEqual(plan(pruned), ['revoke credentials.app-ai']);
  assert.deepEqual((await live(branch)).map((c) => c.name), ['app-storage']);
});

test('a failure after a credential was issued still hands over its secrets, in the library and the CLI', async () => {
  // The simulator refuses a name over 255 characters, which the contract does not bound: the
  // second issue fails after the first one's secrets arrived.
  const desired = { enabled: false, credentials: [{ name: 'first', scopes: ['storage:read'] }, { name: 'x'.repeat(300), scopes: ['storage:read'] }] };
  const error = await neon.branchAuth(ALPHA, 'br-filler-010').apply(desired).then(() => assert.fail('resolved'), (e) => e);
  assert.equal(error.status, 400, error.message);
  const [issued] = error.partial.created_credentials;
  assert.equal(issued.name, 'first');
  assert.equal((await neon.credentials(ALPHA, 'br-filler-010').reveal(issued.token_id)).s3_secret_access_key, issued.s3_secret_access_key);
  assert.ok(!inspect(error.partial, { depth: 6 }).includes(issued.s3_secret_access_key), 'the partial is redacted on inspect');

  const file = join(dir, 'desired.json');
  await writeFile(file, JSON.stringify(desired));
  const env = { NEON_API_KEY: sim.seedKey, NEON_API_HOST: sim.baseUrl, NEON_CONFIG_DIR: join(dir, 'config') };
  const cli = await runCli(['auth', 'apply', '--file', file, '--project', ALPHA, '--branch', 'br-filler-011', '--env'], env);
  assert.equal(cli.code, 1, cli.stderr);
  const lines = Object.fromEntries(cli.stdout.trim().split('\n').map((l) => l.split('=')));
  const [made] = (await live('br-filler-011')).filter((c) => c.name === 'first');
  assert.equal(lines.AWS_ACCESS_KEY_ID, made.token_id, 'the issued credential went out before the error');
  assert.equal(lines.AWS_SECRET_ACCESS_KEY, (await neon.credentials(ALPHA, 'br-filler-011').reveal(made.token_id)).s3_secret_access_key);
});
