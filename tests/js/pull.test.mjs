// `branchAuth(…).pull()` against the local Neon API simulator: the seeded Console-style branch
// (proj-sim-beta, `console`) comes back as the wanted state `apply` takes, with the secrets the
// API does not show listed in `omitted`; `apply(pull())` then plans and sends nothing, there, on
// the demo's branch and on a branch without Neon Auth. A provider given by `clientId` alone keeps
// its stored secret, and is refused, naming the field, where there is none to keep. `auth pull`
// runs in a real process. Both backends (NEON_ADMIN_BACKEND).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NeonConfigError } from '../../js/node.mjs';
import { provisionBranchAuth } from '../../examples/provision-branch-auth.mjs';
import { neon, sim } from './support/simulated.mjs';
import { runCli } from './support/cli-process.mjs';

const ALPHA = 'proj-sim-alpha';
const BETA = 'proj-sim-beta';

const rejection = (promise) => promise.then(() => assert.fail('expected a rejection'), (e) => e);
const writes = async () => (await sim.requests()).filter((r) => r.method !== 'GET');

/** The Console-style branch's Neon Auth, as the simulator seeds it (simulator/src/state/console.rs). */
const CONSOLE = {
  enabled: true,
  authProvider: 'better_auth',
  databaseName: 'app',
  name: 'Acme (set up in the Console)',
  trustedDomains: ['https://app.acme.example', 'https://*.preview.acme.example'],
  oauthProviders: [{ id: 'google' }, { id: 'github', clientId: 'Iv1.console0github' }],
  emailProvider: { type: 'standard', host: 'smtp.acme.example', port: 587, username: 'auth-mailer', senderEmail: 'auth@acme.example', senderName: 'Acme' },
  emailAndPassword: {
    enabled: true,
    emailVerificationMethod: 'link',
    requireEmailVerification: true,
    autoSignInAfterVerification: false,
    sendVerificationEmailOnSignUp: true,
    sendVerificationEmailOnSignIn: false,
    disableSignUp: false,
  },
  allowLocalhost: false,
  plugins: {
    organization: { enabled: true, organizationLimit: 3, membershipLimit: 50, creatorRole: 'admin', sendInvitationEmail: true },
    magicLink: { enabled: true, expiresIn: 30, disableSignUp: true },
    phoneNumber: { enabled: true, otpExpiresIn: 120 },
  },
  webhooks: { enabled: true, webhookUrl: 'https://hooks.acme.example/neon-auth', enabledEvents: ['user.created', 'send.otp'], timeoutSeconds: 7 },
  omitted: ['oauthProviders.github.clientSecret', 'emailProvider.password'],
};

test('pull reads the Console-style branch as the wanted state, secrets left out and listed in omitted', async () => {
  const pulled = await neon.branchAuth(BETA, 'console').pull();
  assert.deepEqual(pulled, CONSOLE);
  assert.ok(!JSON.stringify(pulled).includes('console-smtp-password'));
  assert.ok(!JSON.stringify(pulled).includes('console-github-secret'));
  assert.ok(!inspect(pulled).includes("'app'"), 'the database name is redacted on inspect, as in get()');
});

test('apply(pull()) on the Console-style branch plans no change and sends no write', async () => {
  const auth = neon.branchAuth(BETA, 'console');
  const pulled = await auth.pull();
  await sim.resetLog();
  assert.deepEqual((await auth.apply(pulled, { dryRun: true })).changes, []);
  assert.deepEqual((await auth.apply(pulled)).changes, []);
  assert.deepEqual((await auth.apply(pulled, { prune: true })).changes, []);
  assert.deepEqual(await writes(), []);
  assert.deepEqual(await auth.pull(), CONSOLE, 'the secrets are still there to pull around');
});

test("apply(pull()) on the demo's branch (preview/feature-a) plans no change", async () => {
  const target = { projectId: ALPHA, branch: 'preview/feature-a', previewUrl: 'https://feature-a.preview.example.com' };
  await provisionBranchAuth(neon, target, () => {});
  const auth = neon.branchAuth(ALPHA, target.branch);
  const pulled = await auth.pull();
  assert.deepEqual(pulled.trustedDomains, [target.previewUrl]);
  assert.deepEqual(pulled.oauthProviders, [{ id: 'google' }]);
  assert.deepEqual(pulled.omitted, []);
  await sim.resetLog();
  assert.deepEqual((await auth.apply(pulled)).changes, []);
  assert.deepEqual(await writes(), []);
});

test('a branch without Neon Auth pulls as { enabled: false }, which apply keeps as it is', async () => {
  const auth = neon.branchAuth(ALPHA, 'filler-002');
  const pulled = await auth.pull();
  assert.deepEqual(pulled, { enabled: false, omitted: [] });
  await sim.resetLog();
  assert.deepEqual((await auth.apply(pulled)).changes, []);
  assert.deepEqual(await writes(), []);
});

test('clientId alone keeps the stored secret when the provider has that client ID', async () => {
  const auth = neon.branchAuth(BETA, 'console');
  await sim.resetLog();
  const result = await auth.apply({ oauthProviders: [{ id: 'github', clientId: 'Iv1.console0github' }] });
  assert.deepEqual(result.changes, []);
  assert.deepEqual(await writes(), []);
});

test('clientId alone is refused, naming the field, where there is no stored secret to keep; nothing is written', async () => {
  const consoleAuth = neon.branchAuth(BETA, 'console');
  const cases = [
    [consoleAuth, [{ id: 'github', clientId: 'another-app' }], 'oauthProviders[0].clientSecret', /another client ID/],
    [consoleAuth, [{ id: 'github', clientId: 'Iv1.console0github' }, { id: 'google', clientId: 'own-google' }], 'oauthProviders[1].clientSecret', /shared credentials/],
    [consoleAuth, [{ id: 'vercel', clientId: 'own-vercel' }], 'oauthProviders[0].clientSecret', /not configured/],
    // Neon Auth off: refused before it is enabled.
    [neon.branchAuth(ALPHA, 'filler-003'), [{ id: 'github', clientId: 'own-app' }], 'oauthProviders[0].clientSecret', /not configured/],
  ];
  for (const [auth, oauthProviders, field, message] of cases) {
    await sim.resetLog();
    for (const options of [{ dryRun: true }, {}]) {
      const error = await rejection(auth.apply({ allowLocalhost: true, oauthProviders }, options));
      assert.ok(error instanceof NeonConfigError, String(error));
      assert.equal(error.field, field);
      assert.match(error.message, message);
    }
    assert.deepEqual(await writes(), [], `${field}: nothing written`);
  }
  await assert.rejects(neon.branchAuth(ALPHA, 'filler-003').get(), (e) => e.status === 404, 'Neon Auth was not enabled');
});

test("another branch's pull applies where the providers' secrets are already set, and is refused where not", async () => {
  const pulled = await neon.branchAuth(BETA, 'console').pull();
  const target = neon.branchAuth(ALPHA, 'filler-004');
  const refused = await rejection(target.apply(pulled));
  assert.equal(refused.field, 'oauthProviders[1].clientSecret');
  await assert.rejects(target.get(), (e) => e.status === 404);
  // With the secret given once, the same file applies; a second run with clientId alone changes nothing.
  const withSecret = {
    ...pulled,
    oauthProviders: [{ id: 'google' }, { id: 'github', clientId: 'Iv1.console0github', clientSecret: 'the-github-secret' }],
    emailProvider: { ...pulled.emailProvider, password: 'the-smtp-password' },
  };
  assert.ok((await target.apply(withSecret)).changes.length > 0);
  assert.deepEqual((await target.apply(pulled)).changes, []);
});

test('auth pull prints the JSON in a real process; --branches prints one map of branch name → file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'neon-admin-pull-'));
  const env = { NEON_API_KEY: sim.seedKey, NEON_API_HOST: sim.baseUrl, NEON_CONFIG_DIR: join(dir, 'neon-config') };
  try {
    const one = await runCli(['auth', 'pull', '--project', BETA, '--branch', 'console'], env);
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(JSON.parse(one.stdout), CONSOLE);
    assert.ok(!one.stdout.includes('console-smtp-password'));

    const many = await runCli(['auth', 'pull', '--project', BETA, '--branches', '*'], env);
    assert.equal(many.code, 0, many.stderr);
    assert.deepEqual(JSON.parse(many.stdout), { console: CONSOLE, main: { enabled: false, omitted: [] } });

    const dups = await runCli(['auth', 'pull', '--project', ALPHA, '--branches', 'dup'], env);
    assert.deepEqual(Object.keys(JSON.parse(dups.stdout)).sort(), ['br-dup-000001', 'br-dup-000002'], 'a shared name is keyed by ID');

    const both = await runCli(['auth', 'pull', '--project', BETA, '--branch', 'main', '--branches', '*'], env);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--branch and --branches cannot be used together/);
    const help = await runCli(['auth', 'pull', '--help'], env);
    assert.match(help.stdout, /omitted/);
    assert.match((await runCli(['auth', '--help'], env)).stdout, /auth pull/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
