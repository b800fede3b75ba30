// `neon-admin credentials …` as a real process against the simulator: issue with --json and
// --env (the neon CLI's variable names), list, reveal, rotate and revoke (--yes required), a
// failed write of the secrets naming the reveal that recovers them, and --env refused before
// anything is sent when no variable fits the scopes.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../scripts/simulator.mjs';
import { runCli } from './support/cli-process.mjs';

let sim;
let dir;
before(async () => {
  sim = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'neon-admin-cli-credentials-'));
});
after(async () => {
  sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ NEON_API_KEY: sim.seedKey, NEON_API_HOST: sim.baseUrl, NEON_CONFIG_DIR: join(dir, 'config'), NEON_PROJECT_ID: 'proj-sim-alpha', NEON_BRANCH: 'br-filler-008' });
const cli = (args, options) => runCli(['credentials', ...args], env(), options);
const ok = (result) => {
  assert.equal(result.code, 0, result.stderr);
  return result;
};

test('create prints the secrets once (--json, --env under the neon CLI names); list never does; reveal and rotate print them again', async () => {
  const made = JSON.parse(ok(await cli(['create', '--scopes', 'storage:read,ai_gateway:invoke', '--name', 'cli-bot', '--json'])).stdout);
  assert.match(made.token_id, /^nak_live_/);
  const listed = ok(await cli(['list'])).stdout;
  assert.match(listed, /TOKEN ID +NAME +SCOPES/);
  assert.ok(listed.includes(made.token_id) && !listed.includes(made.api_token) && !listed.includes(made.s3_secret_access_key), listed);

  const revealed = ok(await cli(['reveal', made.token_id, '--env'])).stdout;
  assert.equal(revealed, `AWS_ACCESS_KEY_ID=${made.token_id}\nAWS_SECRET_ACCESS_KEY=${made.s3_secret_access_key}\nNEON_AI_GATEWAY_TOKEN=${made.api_token}\n`);

  const refused = await cli(['rotate', made.token_id]);
  assert.equal(refused.code, 2, 'a destructive command without --yes and no terminal');
  const rotated = ok(await cli(['rotate', made.token_id, '--yes', '--env'])).stdout;
  const lines = Object.fromEntries(rotated.trim().split('\n').map((l) => l.split('=')));
  assert.equal(lines.AWS_ACCESS_KEY_ID, made.token_id);
  assert.notEqual(lines.AWS_SECRET_ACCESS_KEY, made.s3_secret_access_key, 'new secrets');
  assert.match(lines.NEON_AI_GATEWAY_TOKEN, /\S{16,}/);

  const human = ok(await cli(['reveal', made.token_id])).stdout;
  assert.ok(human.includes(lines.AWS_SECRET_ACCESS_KEY) && /shown once/.test(human), human);
  ok(await cli(['revoke', made.token_id, '--yes']));
  assert.match(JSON.parse(ok(await cli(['list', '--json'])).stdout).find((c) => c.token_id === made.token_id).revoked_at, /^\d{4}-/);
});

test('a secret that cannot be written names the reveal that recovers it; --env with no variable for the scopes sends nothing', async () => {
  const lost = await cli(['create', '--scopes', 'storage:write', '--name', 'closed-out'], { closed: true });
  assert.equal(lost.code, 3, lost.stderr);
  const tokenId = /credential (nak_live_[0-9a-f]+)/.exec(lost.stderr)?.[1];
  assert.ok(tokenId, lost.stderr);
  assert.match(lost.stderr, new RegExp(`neon-admin credentials reveal ${tokenId} --project proj-sim-alpha --branch br-filler-008`));
  const recovered = JSON.parse(ok(await cli(['reveal', tokenId, '--json'])).stdout);
  assert.match(recovered.s3_secret_access_key, /^nsk_live_/);

  await sim.resetLog();
  const refused = await cli(['create', '--scopes', 'functions:invoke', '--env']);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /--env has no variable for the scopes functions:invoke: use --json/);
  assert.deepEqual(await sim.requests(), []);
});
