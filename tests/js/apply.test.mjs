// Declarative Neon Auth (`branchAuth(…).apply`) against the local Neon API simulator: from a
// branch without Neon Auth, from a partial and from a drifted state; a second run plans nothing;
// a dry run sends no write; prune removes only what is not listed; bad input sends nothing.
// Each test works on its own filler branch of proj-sim-alpha.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin, { NeonApiError, NeonConfigError } from '../../js/node.mjs';
import { neon, sim } from './support/simulated.mjs';

const ALPHA = 'proj-sim-alpha';

const rejection = (promise) => promise.then(() => assert.fail('expected a rejection'), (e) => e);
const writes = async () => (await sim.requests()).filter((r) => r.method !== 'GET');
const summary = (result) => result.changes.map((c) => `${c.action} ${c.target}`);

/** A whole wanted state, as a build hook would keep it in a file. */
const desired = {
  name: 'preview app',
  trustedDomains: ['https://a.preview.example.com', 'https://b.preview.example.com'],
  oauthProviders: [{ id: 'google' }, { id: 'github', clientId: 'gh-client', clientSecret: 'gh-secret-value' }],
  emailProvider: { type: 'shared', senderEmail: 'auth@example.com', senderName: 'Example' },
  emailAndPassword: { enabled: true, requireEmailVerification: true, emailVerificationMethod: 'otp' },
  allowLocalhost: true,
  plugins: { organization: { enabled: true, organizationLimit: 3 }, magicLink: { enabled: true, expiresIn: 30 } },
  webhooks: { enabled: true, webhookUrl: 'https://hooks.example.com/neon', enabledEvents: ['user.created', 'send.otp'], timeoutSeconds: 5 },
};

test('from a branch without Neon Auth: the dry run plans everything and writes nothing, apply makes it, a second run makes nothing', async () => {
  const auth = neon.branchAuth(ALPHA, 'filler-001');
  await sim.resetLog();
  const plan = await auth.apply(desired, { dryRun: true });
  assert.equal(plan.dry_run, true);
  assert.equal(plan.branch_id, 'br-filler-001');
  assert.equal(plan.neon_auth, null);
  assert.equal(plan.created_keys, undefined);
  assert.deepEqual(summary(plan), [
    'enable neonAuth', 'update name', 'add trustedDomains', 'add trustedDomains',
    'add oauthProviders.google', 'add oauthProviders.github', 'update emailProvider', 'update emailAndPassword',
    'update allowLocalhost', 'update plugins.organization', 'update plugins.magicLink', 'update webhooks',
  ]);
  assert.deepEqual(await writes(), [], 'a dry run sends no write');
  await assert.rejects(auth.get(), (e) => e instanceof NeonApiError && e.status === 404);

  const applied = await auth.apply(desired);
  assert.equal(applied.dry_run, false);
  assert.equal(applied.changes[0].action, 'enable');
  assert.match(applied.created_keys.secret_server_key, /\S{8,}/);
  assert.ok(!inspect(applied).includes(applied.created_keys.secret_server_key), 'keys redacted in inspect');
  assert.match(applied.neon_auth.jwks_url, /^https?:\/\//);
  const state = await auth.get();
  assert.equal(state.name, 'preview app');
  assert.deepEqual((await auth.domains.list()).map((d) => d.domain).sort(), desired.trustedDomains);
  const providers = await auth.oauthProviders.list();
  assert.deepEqual(providers.map((p) => `${p.id}:${p.type}`).sort(), ['github:standard', 'google:shared']);
  assert.equal((await auth.emailAndPassword.get()).email_verification_method, 'otp');
  assert.equal((await auth.allowLocalhost.get()).allow_localhost, true);
  const plugins = await auth.plugins.get();
  assert.equal(plugins.organization.organization_limit, 3);
  assert.equal(plugins.magic_link.expires_in, 30);
  assert.deepEqual((await auth.webhooks.get()).enabled_events.sort(), ['send.otp', 'user.created']);

  await sim.resetLog();
  const again = await auth.apply(desired);
  assert.deepEqual(again.changes, [], 'a second run plans nothing');
  assert.equal(again.created_keys, undefined);
  assert.equal(again.neon_auth.jwks_url, applied.neon_auth.jwks_url);
  assert.deepEqual(await writes(), [], 'and sends no write');
  // The order of a list of events does not count as a change.
  const reordered = { ...desired, webhooks: { ...desired.webhooks, enabledEvents: ['send.otp', 'user.created'] } };
  assert.deepEqual((await auth.apply(reordered)).changes, []);
});

test('from a partial state only the missing settings are made', async () => {
  const auth = neon.branchAuth(ALPHA, 'filler-002');
  await auth.enable();
  await auth.domains.add('https://a.preview.example.com');
  await auth.oauthProviders.add({ id: 'google' });
  await sim.resetLog();
  const result = await auth.apply({ trustedDomains: ['https://a.preview.example.com', 'https://b.preview.example.com'], oauthProviders: [{ id: 'google' }] });
  assert.deepEqual(summary(result), ['add trustedDomains']);
  assert.deepEqual(result.changes[0], { action: 'add', target: 'trustedDomains', before: null, after: 'https://b.preview.example.com' });
  assert.equal(result.created_keys, undefined, 'already enabled: no keys');
  assert.deepEqual((await writes()).map((r) => `${r.method} ${r.path.replace(/^.*\/auth/, '')}`), ['POST /domains']);
});

test('from a drifted state exactly the drifted settings change, showing only the fields that differ', async () => {
  const auth = neon.branchAuth(ALPHA, 'filler-003');
  await auth.apply(desired);
  await auth.emailAndPassword.update({ requireEmailVerification: false });
  await auth.allowLocalhost.set(false);
  await auth.oauthProviders.update('github', { clientId: 'someone-else' });
  await auth.plugins.updateMagicLink({ expiresIn: 60 });

  const plan = await auth.apply(desired, { dryRun: true });
  assert.deepEqual(summary(plan), ['update oauthProviders.github', 'update emailAndPassword', 'update allowLocalhost', 'update plugins.magicLink']);
  const byTarget = Object.fromEntries(plan.changes.map((c) => [c.target, c]));
  assert.deepEqual(byTarget.emailAndPassword.before, { require_email_verification: false });
  assert.deepEqual(byTarget.emailAndPassword.after, { require_email_verification: true });
  assert.deepEqual(byTarget['plugins.magicLink'].after, { expires_in: 30 });
  assert.equal(byTarget['oauthProviders.github'].after.client_id, 'gh-client');

  const applied = await auth.apply(desired);
  assert.deepEqual(summary(applied), summary(plan));
  assert.equal((await auth.emailAndPassword.get()).require_email_verification, true);
  assert.equal((await auth.plugins.get()).magic_link.expires_in, 30);
  assert.deepEqual((await auth.apply(desired)).changes, []);
});

test('a provider switched between shared and own credentials is removed and added again', async () => {
  const auth = neon.branchAuth(ALPHA, 'filler-004');
  await auth.apply({ oauthProviders: [{ id: 'google' }] });
  const result = await auth.apply({ oauthProviders: [{ id: 'google', clientId: 'own-app', clientSecret: 'own-secret-1' }] });
  assert.deepEqual(summary(result), ['remove oauthProviders.google', 'add oauthProviders.google']);
  const [google] = await auth.oauthProviders.list();
  assert.equal(google.type, 'standard');
  assert.equal(google.client_id, 'own-app');
});

test('prune removes only the domains and providers not listed, and only when asked', async () => {
  const auth = neon.branchAuth(ALPHA, 'filler-005');
  await auth.apply({ trustedDomains: ['https://keep.example.com', 'https://old.example.com', 'https://older.example.com'], oauthProviders: [{ id: 'google' }, { id: 'vercel' }] });
  const wanted = { trustedDomains: ['https://keep.example.com'], oauthProviders: [{ id: 'google' }] };

  assert.deepEqual((await auth.apply(wanted)).changes, [], 'without prune nothing unlisted is removed');
  assert.equal((await auth.domains.list()).length, 3);

  await sim.resetLog();
  const plan = await auth.apply(wanted, { prune: true, dryRun: true });
  assert.deepEqual(summary(plan), ['remove trustedDomains', 'remove oauthProviders.vercel']);
  assert.deepEqual(plan.changes[0].before, ['https://old.example.com', 'https://older.example.com']);
  assert.deepEqual(await writes(), [], 'a dry run with prune sends no write');

  const pruned = await auth.apply(wanted, { prune: true });
  assert.deepEqual(summary(pruned), summary(plan));
  assert.deepEqual((await auth.domains.list()).map((d) => d.domain), ['https://keep.example.com']);
  assert.deepEqual((await auth.oauthProviders.list()).map((p) => p.id), ['google']);
  assert.deepEqual((await auth.apply(wanted, { prune: true })).changes, []);
});

test('secrets never appear in a plan', async () => {
  const auth = neon.branchAuth(ALPHA, 'filler-006');
  const wanted = {
    oauthProviders: [{ id: 'github', clientId: 'gh', clientSecret: 'very-secret-client-value' }],
    emailProvider: { type: 'standard', host: 'smtp.example.com', port: 587, username: 'mailer', password: 'very-secret-smtp-value', senderEmail: 'a@example.com', senderName: 'A' },
  };
  const result = await auth.apply(wanted);
  const text = JSON.stringify(result.changes);
  assert.ok(!text.includes('very-secret'), text);
  const github = result.changes.find((c) => c.target === 'oauthProviders.github');
  assert.equal(github.after.client_secret, '[REDACTED]');
  const email = result.changes.find((c) => c.target === 'emailProvider');
  assert.equal(email.after.password, '[REDACTED]');
  assert.equal(email.after.host, 'smtp.example.com');
  // The password is not returned by the API, so it cannot be compared: the same file plans nothing.
  assert.deepEqual((await auth.apply(wanted)).changes, []);
});

test('enabled: false disables Neon Auth once, then plans nothing', async () => {
  const auth = neon.branchAuth(ALPHA, 'filler-007');
  await auth.apply({ allowLocalhost: true });
  const off = await auth.apply({ enabled: false });
  assert.deepEqual(off.changes, [{ action: 'disable', target: 'neonAuth', before: true, after: false }]);
  assert.equal(off.neon_auth, null);
  await assert.rejects(auth.get(), (e) => e.status === 404);
  assert.deepEqual((await auth.apply({ enabled: false })).changes, []);
});

test('bad input is refused by name before anything is sent', async () => {
  const auth = neon.branchAuth(ALPHA, 'br-filler-008');
  const cases = [
    [{ trustedDomains: ['https://ok.example.com', 'not a url'] }, 'trustedDomains[1]'],
    [{ trustedDomains: ['https://x.example.com', 'https://x.example.com'] }, 'trustedDomains[1]'],
    [{ oauthProviders: [{ id: 'github', clientSecret: 'only-secret' }] }, 'oauthProviders[0].clientId'],
    [{ oauthProviders: [{ id: 'google' }, { id: 'google' }] }, 'oauthProviders[1].id'],
    [{ oauthProviders: [{ id: 'myspace' }] }, 'oauthProviders[0].id'],
    [{ emailProvider: { type: 'shared', password: 'not-for-neon' } }, 'emailProvider.password'],
    [{ webhooks: { enabled: true, webhookUrl: 'https://hooks.example.com/\n' } }, 'webhooks.webhookUrl'],
    [{ trustedDomains: ['https://*.com'] }, 'trustedDomains[0]'],
    [{ plugins: { magicLink: { expiresIn: 1 } } }, 'plugins.magicLink.expiresIn'],
    [{ enabled: false, allowLocalhost: true }, 'enabled'],
    [{ trustedDomain: ['https://typo.example.com'] }, 'trustedDomain'],
    [{ name: '' }, 'name'],
  ];
  await sim.resetLog();
  for (const [wanted, field] of cases) {
    const error = await rejection(auth.apply(wanted));
    assert.ok(error instanceof NeonConfigError, `${field}: ${error}`);
    assert.equal(error.field, field, String(error));
  }
  const options = await rejection(auth.apply({}, { dryrun: true }));
  assert.ok(options instanceof NeonConfigError);
  assert.equal(options.field, 'dryrun');
  assert.deepEqual(await sim.requests(), [], 'nothing was sent, not even a read');
});

test("the documented example file applies, and a second run plans nothing", async () => {
  const { readFile } = await import('node:fs/promises');
  const file = JSON.parse(await readFile(new URL('../../examples/neon-auth.json', import.meta.url), 'utf8'));
  const auth = neon.branchAuth(ALPHA, 'filler-009');
  const first = await auth.apply(file);
  assert.deepEqual(summary(first), [
    // The run that enables Neon Auth writes every named setting, as its dry run plans.
    'enable neonAuth', 'add trustedDomains', 'add oauthProviders.google', 'update emailAndPassword', 'update allowLocalhost', 'update plugins.organization', 'update webhooks',
  ]);
  assert.deepEqual((await auth.apply(file)).changes, []);
});

test('a dry run plans exactly the changes the real run makes, from every branch state', async () => {
  const pluginsAsDefault = { allowLocalhost: true, plugins: { organization: { enabled: true } } };
  const earlier = { trustedDomains: ['https://old.example.com'], oauthProviders: [{ id: 'vercel' }], allowLocalhost: false, plugins: { magicLink: { enabled: true } } };
  const states = {
    disabled: async () => {},
    'enabled bare': (auth) => auth.enable(),
    'enabled with settings': (auth) => auth.apply(earlier),
  };
  const files = [[desired, { prune: true }], [pluginsAsDefault, {}]];
  let branch = 13;
  for (const [state, make] of Object.entries(states)) {
    for (const [file, options] of files) {
      const auth = neon.branchAuth(ALPHA, `filler-0${branch++}`);
      await make(auth);
      const plan = await auth.apply(file, { ...options, dryRun: true });
      const applied = await auth.apply(file, options);
      assert.deepEqual(applied.changes, plan.changes, `${state}: ${JSON.stringify(file)}`);
      assert.deepEqual((await auth.apply(file, options)).changes, [], `${state}: then nothing is left to do`);
    }
  }
});

test('the whole file is checked before a branch given by name is looked up (offline, nothing is sent)', async () => {
  const offline = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: 'http://127.0.0.1:9/api/v2', env: {}, maxRetries: 0 });
  const error = await rejection(offline.branchAuth(ALPHA, 'preview/feature-a').apply({ trustedDomains: ['https://ok.example.com', 'not a url'] }));
  assert.ok(error instanceof NeonConfigError, String(error));
  assert.equal(error.field, 'trustedDomains[1]');
  const options = await rejection(offline.branchAuth(ALPHA, 'preview/feature-a').apply({}, { dryrun: true }));
  assert.equal(options.field, 'dryrun');
  await sim.resetLog();
  const byName = neon.branchAuth(ALPHA, 'filler-019');
  assert.deepEqual(summary(await byName.apply({ allowLocalhost: true }, { dryRun: true })), ['enable neonAuth', 'update allowLocalhost']);
  assert.deepEqual((await sim.requests()).map((r) => r.method), ['GET', 'GET'], 'the name is looked up once, then the branch read');
  assert.equal(await byName.branchId(), 'br-filler-019', 'and the ID found is kept');
  assert.equal((await sim.requests()).length, 2);
});
