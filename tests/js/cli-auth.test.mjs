// The `auth` commands of the neon-admin CLI (status, enable, disable, domains, providers, apply)
// as real child processes against the local Neon API simulator: stdout, --json and --env lines,
// exit codes, --yes for destructive commands with nothing sent without it, and no secret where it
// must not be. The child inherits NEON_ADMIN_BACKEND, so this suite also runs on the native addon.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALPHA, assertUsage, branch, cliSuite, envLines, json, ok } from './support/cli-suite.mjs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const suite = cliSuite();
const MIN_OUTPUTS = 40;

test('auth status, enable and disable; NEON_PROJECT_ID and NEON_BRANCH stand in for the flags', async () => {
  const target = branch('preview/feature-a');
  const off = ok(await suite.cli(['auth', 'status', ...target]));
  assert.equal(off.stdout, 'not enabled (branch br-preview-a-0001)\n');
  assert.deepEqual(json(await suite.cli(['auth', 'status', ...target, '--json'])), { enabled: false, branch_id: 'br-preview-a-0001' });
  const offEnv = ok(await suite.cli(['auth', 'status', ...target, '--env']));
  assert.equal(offEnv.stdout, '', 'no lines when not enabled');

  const enabled = ok(await suite.cli(['auth', 'enable', ...target]));
  const secret = /^secret server key\s+(ssk_\S+)$/m.exec(enabled.stdout)?.[1];
  assert.ok(secret, 'the one-time secret server key is shown');
  assert.match(enabled.stdout, /^publishable client key\s+pck_\S+$/m);
  assert.match(enabled.stdout, /shown only this once/);

  const on = json(await suite.cli(['auth', 'status', ...target, '--json']));
  assert.equal(on.enabled, true);
  assert.equal(on.branch_id, 'br-preview-a-0001');
  assert.equal(on.auth_provider, 'better_auth');
  assert.match(on.jwks_url, /^https:\/\/.+jwks/);
  const onEnv = envLines(ok(await suite.cli(['auth', 'status', ...target, '--env'])).stdout);
  assert.deepEqual(onEnv, { NEON_AUTH_BASE_URL: on.base_url, NEON_AUTH_JWKS_URL: on.jwks_url });
  const table = ok(await suite.cli(['auth', 'status', ...target]));
  assert.match(table.stdout, /^enabled\s+yes$/m);
  assert.match(table.stdout, new RegExp(`^JWKS URL\\s+${on.jwks_url.replace(/[.]/g, '\\.')}$`, 'm'));
  assert.ok(!table.stdout.includes(secret) && !JSON.stringify(on).includes(secret), 'the keys are never shown again');

  const again = await suite.cli(['auth', 'enable', ...target]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /^neon-admin: Neon API answered 409/);
  // Said once, in the command line's words.
  assert.equal(again.stderr.match(/already enabled/g).length, 1, again.stderr);
  assert.match(again.stderr, /nothing to do if you want it on, and `auth apply` \(with "enabled": true\) counts this as done; .*disable it with --delete-data and enable it again/);
  assert.doesNotMatch(again.stderr, /apply\(|get\(\)|deleteData|check the request/);

  // From the environment, with --env: all four values, the keys this one time.
  const fromEnv = { NEON_PROJECT_ID: ALPHA, NEON_BRANCH: 'preview/feature-b' };
  const four = envLines(ok(await suite.cli(['auth', 'enable', '--env', '--auth-provider', 'stack'], { env: fromEnv })).stdout);
  assert.deepEqual(Object.keys(four), ['NEON_AUTH_BASE_URL', 'NEON_AUTH_JWKS_URL', 'NEON_AUTH_PUB_CLIENT_KEY', 'NEON_AUTH_SECRET_SERVER_KEY']);
  assert.match(four.NEON_AUTH_SECRET_SERVER_KEY, /^ssk_/);
  assert.equal(json(await suite.cli(['auth', 'status', '--json'], { env: fromEnv })).auth_provider, 'stack');
  // A flag wins over the variable.
  assert.equal(json(await suite.cli(['auth', 'status', '--json', '--branch', 'main'], { env: fromEnv })).enabled, false);
  // Where Neon Auth is off, a sub-resource's 404 says how to turn it on.
  const authOff = await suite.cli(['auth', 'domains', 'list', '--branch', 'main'], { env: fromEnv });
  assert.equal(authOff.code, 1);
  assert.match(authOff.stderr, /enable Neon Auth on this branch first: `auth enable`, or `auth apply` \(with "enabled": true\)/);
  assert.doesNotMatch(authOff.stderr, /branchAuth|check the ID/);

  const enabledJson = json(await suite.cli(['auth', 'enable', ...branch('main'), '--json', '--database', 'appdb']));
  assert.match(enabledJson.pub_client_key, /^pck_/);
  assert.equal(json(await suite.cli(['auth', 'status', ...branch('br-main-000001'), '--json'])).db_name, 'appdb', 'a branch ID works too');

  // Disable needs --yes; without it nothing is sent.
  await suite.sim.resetLog();
  assertUsage(await suite.cli(['auth', 'disable', ...target]), /refusing to disable Neon Auth on branch preview\/feature-a/);
  assert.equal(await suite.requestCount(), 0);
  assert.deepEqual(json(await suite.cli(['auth', 'disable', ...target, '--yes', '--json', '--delete-data'])), { branch_id: 'br-preview-a-0001', disabled: true, delete_data: true });
  assert.equal(ok(await suite.cli(['auth', 'disable', ...branch('main'), '-y'])).stdout, 'disabled Neon Auth on branch br-main-000001\n');
  assert.equal(json(await suite.cli(['auth', 'status', ...target, '--json'])).enabled, false);
  const missing = await suite.cli(['auth', 'disable', ...target, '--yes']);
  assert.equal(missing.code, 1, 'disabling what is not enabled is an API error');
  assertUsage(await suite.cli(['auth', 'status', ...branch('dup')]), /2 branches are named "dup"/);
});

test('auth domains: the wildcard preview domain from Neon\'s guide is added, listed and removed', async () => {
  const target = branch('filler-017');
  ok(await suite.cli(['auth', 'enable', ...target, '--json']));
  const wildcard = 'https://*.my-app-preview.vercel.app';
  assert.equal(ok(await suite.cli(['auth', 'domains', 'add', wildcard, ...target])).stdout, `trusted ${wildcard}\n`);
  assert.equal(ok(await suite.cli(['auth', 'domains', 'add', 'myapp://callback', ...target])).code, 0);
  assert.deepEqual(json(await suite.cli(['auth', 'domains', 'list', ...target, '--json'])).map((d) => d.domain).sort(), [wildcard, 'myapp://callback']);
  assert.deepEqual(json(await suite.cli(['auth', 'domains', 'remove', wildcard, ...target, '--yes', '--json'])), { removed: [wildcard] });
  assert.deepEqual(json(await suite.cli(['auth', 'domains', 'list', ...target, '--json'])).map((d) => d.domain), ['myapp://callback']);
  assertUsage(await suite.cli(['auth', 'domains', 'add', 'https://*.app', ...target]), /top-level domain/);

  // apply --prune adds the wildcard from a file and prunes the app scheme no longer listed.
  const file = join(suite.dir, 'wildcard.json');
  await writeFile(file, JSON.stringify({ trustedDomains: [wildcard] }));
  const applied = ok(await suite.cli(['auth', 'apply', '--file', file, '--prune', '--yes', ...target]));
  assert.match(applied.stdout, /^\+ add trustedDomains https:\/\/\*\.my-app-preview\.vercel\.app$/m);
  assert.match(applied.stdout, /^- remove trustedDomains/m);
  assert.deepEqual(json(await suite.cli(['auth', 'domains', 'list', ...target, '--json'])).map((d) => d.domain), [wildcard]);
  await writeFile(file, JSON.stringify({ trustedDomains: [] }));
  ok(await suite.cli(['auth', 'apply', '--file', file, '--prune', '--yes', ...target]));
  assert.deepEqual(json(await suite.cli(['auth', 'domains', 'list', ...target, '--json'])), [], 'apply --prune removes the wildcard');
});

test('auth domains: add, list, remove several (needs --yes), an unknown domain is exit 1', async () => {
  const target = branch('filler-010');
  ok(await suite.cli(['auth', 'enable', ...target, '--json']));
  assert.equal(ok(await suite.cli(['auth', 'domains', 'list', ...target])).stdout, 'no trusted domains\n');
  assert.equal(ok(await suite.cli(['auth', 'domains', 'add', 'https://a.example.com', ...target])).stdout, 'trusted https://a.example.com\n');
  assert.deepEqual(json(await suite.cli(['auth', 'domains', 'add', 'https://b.example.com', ...target, '--json'])), { added: ['https://b.example.com'] });
  assertUsage(await suite.cli(['auth', 'domains', 'add', 'javascript:alert(1)', ...target]), /domain/);
  const listed = json(await suite.cli(['auth', 'domains', 'list', ...target, '--json']));
  assert.deepEqual(listed.map((d) => d.domain).sort(), ['https://a.example.com', 'https://b.example.com']);
  assert.match(ok(await suite.cli(['auth', 'domains', 'list', ...target])).stdout, /^DOMAIN\s+PROVIDER\nhttps:\/\/a\.example\.com\s+better_auth\n/);
  assert.equal((await suite.cli(['auth', 'domains', 'add', 'https://a.example.com', ...target])).code, 1, 'a duplicate is a 409');

  await suite.sim.resetLog();
  assertUsage(await suite.cli(['auth', 'domains', 'remove', 'https://a.example.com', 'https://b.example.com', ...target]), /refusing to stop trusting/);
  assert.equal(await suite.requestCount(), 0);
  assertUsage(await suite.cli(['auth', 'domains', 'remove', ...target, '--yes']), /missing argument <url>/);
  const unknown = await suite.cli(['auth', 'domains', 'remove', 'https://a.example.com', 'https://nope.example.com', ...target, '--yes']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /404/);
  assert.equal(json(await suite.cli(['auth', 'domains', 'list', ...target, '--json'])).length, 2, 'nothing was removed');
  assert.deepEqual(json(await suite.cli(['auth', 'domains', 'remove', 'https://a.example.com', 'https://b.example.com', ...target, '--yes', '--json'])), {
    removed: ['https://a.example.com', 'https://b.example.com'],
  });
  assert.deepEqual(json(await suite.cli(['auth', 'domains', 'list', ...target, '--json'])), []);
});

test('auth providers: the client secret comes from an env var or stdin, is never echoed, never a flag value', async () => {
  const target = branch('br-filler-011'); // by ID: refused input then sends no branch lookup either
  ok(await suite.cli(['auth', 'enable', ...target, '--json']));
  const secret = 'gsecret-never-print-0123456789';
  const google = ok(await suite.cli(['auth', 'providers', 'add', 'google', '--client-id', 'gid-1', '--client-secret-env', 'GOOGLE_SECRET', ...target], { env: { GOOGLE_SECRET: secret } }));
  assert.equal(google.stdout, 'added google (standard, client ID gid-1)\n');
  const github = json(await suite.cli(['auth', 'providers', 'add', 'github', '--client-id', 'ghid', '--client-secret-stdin', ...target, '--json'], { input: `${secret}\n` }));
  assert.deepEqual(github, { client_id: 'ghid', id: 'github', type: 'standard' });
  assert.equal(ok(await suite.cli(['auth', 'providers', 'add', 'vercel', ...target])).stdout, 'added vercel (shared)\n');
  const listed = json(await suite.cli(['auth', 'providers', 'list', ...target, '--json']));
  assert.deepEqual(listed.map((p) => `${p.id}:${p.type}:${p.client_id ?? ''}`), ['google:standard:gid-1', 'github:standard:ghid', 'vercel:shared:']);
  assert.match(ok(await suite.cli(['auth', 'providers', 'list', ...target])).stdout, /^ID\s+TYPE\s+CLIENT ID\ngoogle\s+standard\s+gid-1\n/);

  await suite.sim.resetLog();
  const asFlag = await suite.cli(['auth', 'providers', 'add', 'microsoft', `--client-secret=${secret}`, ...target]);
  assertUsage(asFlag, /unknown option --client-secret\b/);
  assertUsage(await suite.cli(['auth', 'providers', 'add', 'microsoft', '--client-secret-env', 'UNSET_VAR', ...target]), /UNSET_VAR .*is not set/);
  assertUsage(await suite.cli(['auth', 'providers', 'add', 'microsoft', '--client-secret-env', 'A', '--client-secret-stdin', ...target], { env: { A: 'x' } }), /either/);
  assertUsage(await suite.cli(['auth', 'providers', 'add', 'microsoft', '--client-secret-stdin', ...target]), /stdin was empty/);
  assertUsage(await suite.cli(['auth', 'providers', 'add', 'myspace', ...target]), /`id`/);
  assertUsage(await suite.cli(['auth', 'providers', 'remove', 'vercel', ...target]), /refusing to remove the vercel sign-in/);
  assert.equal(await suite.requestCount(), 0);

  assert.equal(ok(await suite.cli(['auth', 'providers', 'remove', 'vercel', ...target, '--yes'])).stdout, 'removed vercel\n');
  assert.deepEqual(json(await suite.cli(['auth', 'providers', 'list', ...target, '--json'])).map((p) => p.id), ['google', 'github']);
  assert.equal((await suite.cli(['auth', 'providers', 'remove', 'vercel', ...target, '--yes'])).code, 1, 'removing it twice is a 404');
  for (const text of suite.outputs) assert.ok(!text.includes(secret), 'the client secret is never printed');
});

test('auth apply --file --env twice: Neon Auth keys once, then no changes, the base and JWKS lines, and a note saying so', async () => {
  const file = join(suite.dir, 'neon-auth.json');
  await writeFile(file, JSON.stringify({
    trustedDomains: ['https://preview.example.com'],
    oauthProviders: [{ id: 'google' }],
    emailAndPassword: { enabled: true },
  }));
  const target = branch('filler-012');
  const first = ok(await suite.cli(['auth', 'apply', '--file', file, '--env', ...target]));
  const firstEnv = envLines(first.stdout);
  assert.deepEqual(Object.keys(firstEnv), ['NEON_AUTH_BASE_URL', 'NEON_AUTH_JWKS_URL', 'NEON_AUTH_PUB_CLIENT_KEY', 'NEON_AUTH_SECRET_SERVER_KEY']);
  assert.match(firstEnv.NEON_AUTH_JWKS_URL, /^https:\/\/\S+$/);
  assert.match(first.stderr, /^\+ enable neonAuth/m, 'the changes go to stderr');
  assert.match(first.stderr, /^\+ add trustedDomains https:\/\/preview\.example\.com$/m);
  assert.match(first.stderr, /^neon-admin: Neon Auth was enabled on this run, so NEON_AUTH_PUB_CLIENT_KEY and NEON_AUTH_SECRET_SERVER_KEY were printed, this once: store them as secrets now; later runs print only NEON_AUTH_BASE_URL and NEON_AUTH_JWKS_URL$/m);

  await suite.sim.resetLog();
  const second = ok(await suite.cli(['auth', 'apply', '--file', file, '--env', ...target]));
  assert.deepEqual(envLines(second.stdout), { NEON_AUTH_BASE_URL: firstEnv.NEON_AUTH_BASE_URL, NEON_AUTH_JWKS_URL: firstEnv.NEON_AUTH_JWKS_URL });
  assert.equal(second.stderr, 'neon-admin: Neon Auth was already enabled, so its keys were not printed (only the run that enabled it printed them): read them from where they were stored\n', 'no changes on the second run, and why there are no keys');
  assert.equal(await suite.writeCount(), 0, 'the second run writes nothing');

  assert.equal(ok(await suite.cli(['auth', 'apply', '--file', file, ...target])).stdout, 'no changes\n');
  const result = json(await suite.cli(['auth', 'apply', '--file', file, '--json', ...target]));
  assert.equal(result.branch_id, 'br-filler-012');
  assert.equal(result.dry_run, false);
  assert.deepEqual(result.changes, []);
  assert.equal(result.neon_auth.jwks_url, firstEnv.NEON_AUTH_JWKS_URL);
  assert.equal(result.created_keys, undefined);
});

test('auth apply: dry run writes nothing; --prune needs --yes unless --dry-run; bad files exit 2 with nothing sent', async () => {
  const file = join(suite.dir, 'prune.json');
  await writeFile(file, JSON.stringify({ trustedDomains: ['https://keep.example.com'] }));
  const target = branch('filler-013');

  await suite.sim.resetLog();
  const plan = json(await suite.cli(['auth', 'apply', '--file', file, '--dry-run', '--json', ...target]));
  assert.equal(plan.dry_run, true);
  assert.equal(plan.neon_auth, null);
  assert.deepEqual(plan.changes.map((c) => `${c.action} ${c.target}`).slice(0, 2), ['enable neonAuth', 'add trustedDomains']);
  const human = ok(await suite.cli(['auth', 'apply', '--file', file, '--dry-run', ...target]));
  assert.match(human.stdout, /^\+ enable neonAuth .*\n\+ add trustedDomains https:\/\/keep\.example\.com\n(.*\n)*dry run: nothing was changed\n$/);
  assert.equal(await suite.writeCount(), 0);

  const applied = ok(await suite.cli(['auth', 'apply', '--file', file, ...target]));
  assert.match(applied.stdout, /^\+ enable neonAuth/m);
  assert.match(applied.stdout, /^publishable client key\s+pck_/m);
  assert.match(applied.stdout, /shown only this once/);
  ok(await suite.cli(['auth', 'domains', 'add', 'https://extra.example.com', ...target]));

  await suite.sim.resetLog();
  assertUsage(await suite.cli(['auth', 'apply', '--file', file, '--prune', ...target]), /refusing to apply .* with --prune/);
  assert.equal(await suite.requestCount(), 0, 'nothing sent without --yes');
  const pruneplan = ok(await suite.cli(['auth', 'apply', '--file', file, '--prune', '--dry-run', ...target]));
  assert.match(pruneplan.stdout, /^- remove trustedDomains .*extra\.example\.com/m);
  assert.equal(await suite.writeCount(), 0);
  const pruned = json(await suite.cli(['auth', 'apply', '--file', file, '--prune', '--yes', '--json', ...target]));
  assert.ok(pruned.changes.some((c) => c.action === 'remove' && c.target === 'trustedDomains'));
  assert.deepEqual(json(await suite.cli(['auth', 'domains', 'list', ...target, '--json'])).map((d) => d.domain), ['https://keep.example.com']);

  await suite.sim.resetLog();
  const bad = join(suite.dir, 'bad.json');
  await writeFile(bad, '{"trustedDomains": [');
  assertUsage(await suite.cli(['auth', 'apply', '--file', bad, ...target]), /bad\.json is not valid JSON/);
  await writeFile(bad, '["https://x.example.com"]');
  assertUsage(await suite.cli(['auth', 'apply', '--file', bad, ...target]), /must hold a JSON object/);
  assertUsage(await suite.cli(['auth', 'apply', '--file', join(suite.dir, 'missing.json'), ...target]), /cannot read --file .*missing\.json: no such file/);
  assertUsage(await suite.cli(['auth', 'apply', '--file', suite.dir, ...target]), /it is a directory/);
  assert.equal(await suite.requestCount(), 0, 'no request for a bad file');
});

test('the seed key never appears in any output', () => {
  assert.ok(suite.outputs.length > MIN_OUTPUTS);
  for (const text of suite.outputs) assert.ok(!text.includes(suite.sim.seedKey));
});
