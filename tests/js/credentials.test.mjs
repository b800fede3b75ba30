// Branch credentials (Beta) against the simulator, on the backend NEON_ADMIN_BACKEND picks: the
// whole life of one (issue, list, reveal, rotate, revoke), secrets redacted on inspect but kept in
// JSON, a branch given by name, the legacy credential whose reveal is a 409, scopes the API grants
// beyond the requestable ones, and bad input refused with nothing sent.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin, { NeonApiError, NeonConfigError } from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';

const ALPHA = 'proj-sim-alpha';
const BETA = 'proj-sim-beta';
const LEGACY = 'nak_live_5eed0000000000000000000000000001';
const TELEMETRY = 'nak_live_5eed0000000000000000000000000002';

let sim;
let neon;
before(async () => {
  sim = await startSimulator();
  neon = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {} });
});
after(() => sim?.stop());

const rejection = (promise) => promise.then(() => assert.fail('resolved'), (e) => e);

/** Asserts the credential's secrets are in its JSON but not in what inspecting it prints. */
function assertRedacted(value) {
  const shown = inspect(value, { depth: 5 });
  for (const field of ['api_token', 's3_secret_access_key']) {
    assert.ok(JSON.stringify(value).includes(value[field]), `${field} kept in JSON`);
    assert.ok(!shown.includes(value[field]), `${field} redacted on inspect: ${shown}`);
  }
}

test('a credential from issue to revoke: shown once, listed without secrets, revealed, rotated, revoked', async () => {
  // The branch by name: looked up once for every call below.
  const credentials = neon.credentials(ALPHA, 'main');
  const made = await credentials.create({ name: 'deploy-bot', scopes: ['storage:read', 'ai_gateway:invoke'] });
  assert.match(made.token_id, /^nak_live_[0-9a-f]{32}$/);
  assert.match(made.s3_secret_access_key, /^nsk_live_[0-9a-f]{64}$/);
  assert.equal(made.branch_id, 'br-main-000001');
  assert.deepEqual(made.scopes, ['storage:read', 'ai_gateway:invoke']);
  assertRedacted(made);

  const listed = (await credentials.list()).find((c) => c.token_id === made.token_id);
  assert.equal(listed.name, 'deploy-bot');
  assert.equal(listed.api_token, undefined, 'a listing carries no secret');
  assert.equal(listed.revoked_at, undefined);

  const revealed = await credentials.reveal(made.token_id);
  assert.deepEqual([revealed.api_token, revealed.s3_secret_access_key], [made.api_token, made.s3_secret_access_key]);
  assertRedacted(revealed);

  const rotated = await credentials.rotate(made.token_id);
  assert.equal(rotated.token_id, made.token_id);
  assert.notEqual(rotated.api_token, made.api_token);
  assert.notEqual(rotated.s3_secret_access_key, made.s3_secret_access_key);
  assert.equal(rotated.reconciled, undefined, 'answered, nothing reconciled');
  assertRedacted(rotated);
  assert.equal((await credentials.reveal(made.token_id)).api_token, rotated.api_token, 'the rotated secrets are the live ones');

  assert.equal(await credentials.revoke(made.token_id), undefined);
  assert.match((await credentials.list()).find((c) => c.token_id === made.token_id).revoked_at, /^\d{4}-\d\d-\d\dT/);
  const lookups = async () => (await sim.requests()).filter((r) => r.method === 'GET' && r.path === `/api/v2/projects/${ALPHA}/branches`).length;
  assert.equal(await lookups(), 1, 'the name was looked up once');
  const gone = await rejection(credentials.reveal(made.token_id));
  assert.ok(gone instanceof NeonApiError && gone.status === 404, String(gone));
  assert.equal(await lookups(), 2, 'a 404 on a name found earlier looks it up again (the branch may have been made anew)');
});

test("a legacy credential's reveal says to rotate it; rotating makes it revealable; granted scopes pass through", async () => {
  const credentials = neon.credentials(BETA, 'br-beta-main-01');
  const legacy = await rejection(credentials.reveal(LEGACY));
  assert.ok(legacy instanceof NeonApiError, String(legacy));
  assert.equal(legacy.status, 409);
  assert.match(legacy.message, /cannot be recovered .*rotate it/);
  const listed = await credentials.list();
  assert.deepEqual(listed.find((c) => c.token_id === TELEMETRY).scopes, ['storage:read', 'telemetry:write']);
  const rotated = await credentials.rotate(LEGACY);
  assert.equal((await credentials.reveal(LEGACY)).api_token, rotated.api_token);
});

test('bad input is refused by field with nothing sent; a branch that is not there is a 404', async () => {
  const credentials = neon.credentials(ALPHA, 'br-filler-006');
  await sim.resetLog();
  const cases = [
    [() => credentials.create({ scopes: ['storage:read', 'telemetry:write'] }), 'scopes[1]'],
    [() => credentials.create({ name: 'x' }), 'scopes'],
    [() => credentials.create({ scopes: [], extra: 1 }), 'extra'],
    [() => credentials.reveal('..'), 'tokenId'],
    [() => credentials.rotate(''), 'tokenId'],
    [() => credentials.revoke('nak\nlive'), 'tokenId'],
    [() => neon.credentials(ALPHA).list(), 'branch'],
  ];
  for (const [call, field] of cases) {
    const error = await rejection(call());
    assert.ok(error instanceof NeonConfigError, String(error));
    assert.equal(error.field, field, error.message);
  }
  assert.deepEqual(await sim.requests(), [], 'nothing sent');
  const missing = await rejection(neon.credentials(ALPHA, 'br-no-such-000').list());
  assert.equal(missing.status, 404);
});
