// The debug log (`logger` option, NEON_ADMIN_LOG=debug, the CLI's --verbose): one line per
// attempt, with the retry decisions, and never a secret. Every operation runs with every kind of
// secret in its inputs and in the answers (API key tokens, Neon Auth keys, SMTP passwords, OAuth
// client secrets, e-mail addresses), and the whole log is searched for each; the requests logged
// are those of every declared operation (tests/js/support/operations.generated.json), no more and
// no fewer. test.sh runs this file on both backends.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import NeonAdmin from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { startFaultServer } from './support/fault-server.mjs';

const ALPHA = 'proj-sim-alpha';
const ORG = 'org-sim-000001';
const LINE = /^neon-admin: (GET|POST|PATCH|PUT|DELETE) \/\S* attempt \d+\/\d+: .+ in \d+ ms, request [0-9a-f-]{36}(; .+)?$/;
const cli = fileURLToPath(new URL('../../js/cli/main.mjs', import.meta.url));
/**
 * Each declared request (`METHOD /path/{param}`), with a pattern for the logged ones; `apply` is a
 * flow over the others' requests and has none of its own.
 */
const DECLARED_ROUTES = JSON.parse(readFileSync(new URL('./support/operations.generated.json', import.meta.url), 'utf8'))
  .filter((op) => op.method !== 'COMPOSITE')
  .map((op) => ({ route: `${op.method} ${op.path}`, pattern: new RegExp(`^${op.method} ${op.path.replace(/\{[a-z_]+\}/g, '[^/?]+')}(\\?|$)`) }));

let sim;
before(async () => {
  sim = await startSimulator();
});
after(() => sim.stop());

const collect = async (iterable) => {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
};

/** Runs every public operation once, with secrets in the inputs; returns the secrets seen. */
async function everyOperation(neon) {
  const secrets = [sim.seedKey];
  const keep = (...values) => secrets.push(...values.filter((v) => typeof v === 'string' && v.length > 0));
  const email = 'ada.lovelace@secret-mail.example.com';
  const smtpPassword = 'smtp-password-0f9e8d7c6b5a';
  const clientSecret = 'oauth-client-secret-1a2b3c4d5e';
  keep(email, smtpPassword, clientSecret, 'sender.person@mailer.example.com', 'recipient.person@inbox.example.com');

  await neon.whoami();
  const created = await neon.apiKeys.create({ name: 'ci' });
  keep(created.key);
  await neon.apiKeys.list();
  const rotation = await neon.apiKeys.rotate({ oldKeyId: created.id, name: 'ci-next', onNewKey: (k) => keep(k.key) });
  keep(rotation.created.key);
  await neon.apiKeys.revoke(rotation.created.id);
  const org = await neon.orgApiKeys(ORG).create({ name: 'deploy', projectId: ALPHA });
  keep(org.key);
  await neon.orgApiKeys(ORG).list();
  await neon.orgApiKeys(ORG).revoke(org.id);

  await collect(neon.projects.list({ search: email, limit: 5 }));
  await collect(neon.branches(ALPHA).list({ search: email }));
  await neon.branches(ALPHA).resolve('preview/feature-a');

  const auth = neon.branchAuth(ALPHA, 'preview/feature-a');
  await auth.branchId();
  const enabled = await auth.enable();
  keep(enabled.pub_client_key, enabled.secret_server_key);
  await auth.get();
  await auth.updateConfig({ name: 'auth' });
  await auth.domains.add('https://a.preview.example.com');
  await auth.domains.list();
  await auth.domains.remove('https://a.preview.example.com');
  await auth.oauthProviders.add({ id: 'google', clientId: 'gid-1', clientSecret });
  await auth.oauthProviders.update('google', { clientId: 'gid-2', clientSecret: `${clientSecret}-2` });
  keep(`${clientSecret}-2`);
  await auth.oauthProviders.list();
  await auth.oauthProviders.remove('google');
  await auth.emailProvider.update({ type: 'standard', host: 'smtp.example.com', port: 587, username: 'mailer', password: smtpPassword, senderEmail: 'sender.person@mailer.example.com', senderName: 'Example' });
  await auth.emailProvider.get();
  await auth.emailProvider.test({ recipientEmail: 'recipient.person@inbox.example.com' });
  await auth.emailAndPassword.update({ enabled: true, emailVerificationMethod: 'link' });
  await auth.emailAndPassword.get();
  const user = await auth.users.create({ email, name: 'Ada' });
  await auth.users.setRoles(user.id, ['admin']);
  await auth.users.remove(user.id);
  await auth.plugins.get();
  await auth.plugins.updateOrganization({ organizationLimit: 3 });
  await auth.plugins.updateMagicLink({ enabled: true });
  await auth.plugins.updatePhoneNumber({ enabled: true });
  await auth.plugins.getPhoneNumber();
  await auth.webhooks.set({ enabled: true, webhookUrl: 'https://hooks.example.com/neon' });
  await auth.webhooks.get();
  await auth.allowLocalhost.set(true);
  await auth.allowLocalhost.get();
  await auth.sendTestEmail({ host: 'smtp.example.com', port: 587, username: 'u', password: smtpPassword, senderEmail: 'sender.person@mailer.example.com', senderName: 'A', recipientEmail: 'recipient.person@inbox.example.com' });
  await auth.apply({ trustedDomains: ['https://b.preview.example.com'], oauthProviders: [{ id: 'github', clientId: 'gh-1', clientSecret: `${clientSecret}-3` }] });
  keep(`${clientSecret}-3`);
  await auth.disable({ deleteData: true });

  const credentials = neon.credentials(ALPHA, 'preview/feature-a');
  const issued = await credentials.create({ name: 'log-bot', scopes: ['storage:read'] });
  keep(issued.api_token, issued.s3_secret_access_key);
  await credentials.list();
  const revealed = await credentials.reveal(issued.token_id);
  keep(revealed.api_token, revealed.s3_secret_access_key);
  const rotated = await credentials.rotate(issued.token_id);
  keep(rotated.api_token, rotated.s3_secret_access_key);
  await credentials.revoke(issued.token_id);
  return secrets;
}

test('every operation logs one line per attempt, and no secret of any input or answer', async () => {
  const lines = [];
  // Without the rate budget, whose wait lines the rate test checks: here one line per attempt.
  const neon = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {}, rateLimit: false, logger: (line) => lines.push(line) });
  await sim.resetLog();
  const secrets = await everyOperation(neon);
  const sent = await sim.requests();
  assert.equal(lines.length, sent.length, 'one line per request the simulator saw');
  for (const line of lines) assert.match(line, LINE);
  assert.ok(lines.some((l) => /^neon-admin: POST \/api_keys attempt 1\/3: 200 in \d+ ms/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => l.includes('GET /projects?limit=…&search=…')), 'query values are left out');
  const logged = lines.map((l) => l.match(/^neon-admin: (\S+ \S+) attempt/)[1]);
  const unknown = logged.filter((request) => !DECLARED_ROUTES.some(({ pattern }) => pattern.test(request)));
  assert.deepEqual(unknown, [], 'every logged request is a declared operation\'s');
  const missing = DECLARED_ROUTES.filter(({ pattern }) => !logged.some((request) => pattern.test(request))).map(({ route }) => route);
  assert.deepEqual(missing, [], 'every declared operation\'s request is logged');
  const log = lines.join('\n');
  assert.ok(secrets.length >= 12, `secrets collected: ${secrets.length}`);
  for (const secret of secrets) assert.ok(!log.includes(secret), `the log shows a secret (${secret.slice(0, 4)}…)`);
  assert.doesNotMatch(log, /@/, 'no e-mail address, nor any part of one');
});

test('retries, waits and Retry-After decisions are logged; server text and headers are not', async () => {
  const server = await startFaultServer();
  const secret = 'napi_secret_the_server_echoed_0123456789';
  try {
    server.script('GET', '/api_keys', [
      { status: 503, body: { code: 'busy', message: `busy, your key is ${secret}` }, headers: { 'x-request-id': secret } },
      { status: 429, retryAfter: 0 },
      'ok',
    ]);
    server.script('POST', '/api_keys', [{ status: 429, retryAfter: 3600 }]);
    server.script('DELETE', '/api_keys/7', ['reset-after-body']);
    const lines = [];
    // The rate budget's own lines are the next test's; here only the attempts are counted.
    const neon = new NeonAdmin({ apiKey: secret, baseUrl: server.baseUrl, env: {}, rateLimit: false, logger: (line) => lines.push(line) });
    await neon.apiKeys.list();
    assert.equal(lines.length, 3, lines.join('\n'));
    assert.match(lines[0], /^neon-admin: GET \/api_keys attempt 1\/3: 503 in \d+ ms, request \S+; retrying in \d+ ms$/);
    assert.match(lines[1], /attempt 2\/3: 429 in \d+ ms, request \S+; rate limited or busy: Retry-After 0 ms, retrying in \d+ ms$/);
    assert.match(lines[2], /attempt 3\/3: 200 in/);
    const requestIds = new Set(lines.map((l) => l.match(/request (\S+?)(;|$)/)[1]));
    assert.equal(requestIds.size, 1, 'the attempts of one call share its request ID');

    lines.length = 0;
    await assert.rejects(neon.apiKeys.create({ name: 'x' }), (e) => e.status === 429);
    // A create lists the keys first (so that a lost answer could be reconciled).
    assert.deepEqual(lines.map((l) => l.replace(/\d+ ms, request [0-9a-f-]+/, 'N ms')), [
      'neon-admin: GET /api_keys attempt 1/3: 200 in N ms',
      'neon-admin: POST /api_keys attempt 1/3: 429 in N ms; not retried: Retry-After 3600000 ms is longer than the 60000 ms this client waits',
    ]);

    lines.length = 0;
    await assert.rejects(neon.apiKeys.revoke(7), (e) => e.name === 'NeonNetworkError');
    assert.equal(lines.length, 1);
    assert.match(lines[0], /DELETE \/api_keys\/7 attempt 1\/3: no answer \(connection failed or broke off\) in \d+ ms, request \S+; not retried: a write whose answer was lost may have been applied$/);

    const all = lines.join('\n');
    assert.ok(!all.includes(secret));
  } finally {
    await server.close();
  }
});

test('rate decisions are logged: a wait for the budget, and a 429 that holds its route', async () => {
  const server = await startFaultServer();
  try {
    server.script('GET', '/api_keys', ['ok', 'ok', 'ok', { status: 429, retryAfter: 0 }, 'ok']);
    const lines = [];
    const neon = new NeonAdmin({ apiKey: 'napi_rate_log_key_0123456789', baseUrl: server.baseUrl, env: {}, rateLimit: { perRoutePerSecond: 2 }, logger: (line) => lines.push(line) });
    for (let i = 0; i < 4; i++) await neon.apiKeys.list();
    const waits = lines.filter((l) => /^neon-admin: rate budget: GET \/api_keys waited \d+ ms$/.test(l));
    assert.ok(waits.length >= 1, lines.join('\n'));
    assert.ok(lines.some((l) => l === 'neon-admin: rate budget: 429 on GET /api_keys: holding the route for its Retry-After of 0 ms and slowing the account'), lines.join('\n'));
    assert.ok(!lines.join('\n').includes('napi_rate_log_key'));
  } finally {
    await server.close();
  }
});

test('a logger that throws loses its line, never the call', async () => {
  const neon = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {}, logger: () => { throw new Error('broken logger'); } });
  assert.equal((await neon.whoami()).auth_data, 'seed');
});

test('without a logger or NEON_ADMIN_LOG nothing is logged; a logger that is not a function is refused', async () => {
  const run = (env) =>
    spawnSync(process.execPath, ['--input-type=module', '-e', `
      import NeonAdmin from ${JSON.stringify(new URL('../../js/node.mjs', import.meta.url).href)};
      const neon = new NeonAdmin({ apiKey: process.env.K, baseUrl: process.env.U });
      await neon.whoami();`], { encoding: 'utf8', env: { ...process.env, K: sim.seedKey, U: sim.baseUrl, ...env } });
  const quiet = run({ NEON_ADMIN_LOG: '' });
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.equal(quiet.stderr, '');
  const loud = run({ NEON_ADMIN_LOG: 'debug' });
  assert.equal(loud.status, 0, loud.stderr);
  assert.match(loud.stderr.trim(), /^neon-admin: GET \/auth attempt 1\/3: 200 in \d+ ms, request \S+$/);
  assert.ok(!loud.stderr.includes(sim.seedKey));
  assert.throws(() => new NeonAdmin({ apiKey: 'k', logger: 'stderr' }), (e) => e.name === 'NeonConfigError' && e.field === 'logger');
});

test('the CLI logs with --verbose, on stderr, and prints its answer on stdout as before', () => {
  const run = (...args) => spawnSync(process.execPath, [cli, ...args, '--api-host', sim.baseUrl], { encoding: 'utf8', env: { ...process.env, NEON_API_KEY: sim.seedKey, NEON_ADMIN_LOG: '' } });
  const plain = run('whoami', '--json');
  const verbose = run('whoami', '--json', '--verbose');
  assert.equal(verbose.status, 0, verbose.stderr);
  assert.equal(verbose.stdout, plain.stdout);
  assert.equal(plain.stderr, '');
  assert.match(verbose.stderr.trim(), /^neon-admin: GET \/auth attempt 1\/3: 200 in \d+ ms, request \S+$/);
  assert.ok(!verbose.stderr.includes(sim.seedKey));
});
