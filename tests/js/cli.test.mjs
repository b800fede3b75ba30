// The neon-admin command line (js/cli/main.mjs), every command run as a real child process with no
// terminal, against the local Neon API simulator (and the fault server for a failed revocation):
// stdout, --json, --env lines, exit codes 0/1/2, --yes required for destructive commands with
// nothing sent without it, --help for every command, and no secret where it must not be.
// The child inherits NEON_ADMIN_BACKEND, so this suite also runs on the native addon.


import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALPHA, assertUsage, branch, cliSuite, envLines, json, ok } from './support/cli-suite.mjs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFaultServer } from './support/fault-server.mjs';

const suite = cliSuite();
const MIN_OUTPUTS = 40;

const COMMANDS = [
  ['whoami'],
  ['keys'], ['keys', 'list'], ['keys', 'create'], ['keys', 'revoke'], ['keys', 'rotate'],
  ['auth'], ['auth', 'status'], ['auth', 'enable'], ['auth', 'disable'], ['auth', 'apply'],
  ['auth', 'domains'], ['auth', 'domains', 'list'], ['auth', 'domains', 'add'], ['auth', 'domains', 'remove'],
  ['auth', 'providers'], ['auth', 'providers', 'list'], ['auth', 'providers', 'add'], ['auth', 'providers', 'remove'],
  ['credentials'], ['credentials', 'list'], ['credentials', 'create'], ['credentials', 'reveal'], ['credentials', 'rotate'], ['credentials', 'revoke'],
];
const GROUPS = new Set(['keys', 'auth', 'auth domains', 'auth providers', 'credentials']);

test('--help for every command exits 0, names the command, and sends nothing', async () => {
  await suite.sim.resetLog();
  const root = ok(await suite.cli(['--help']));
  assert.match(root.stdout, /^Usage: neon-admin <command>/);
  for (const path of COMMANDS.filter((p) => !GROUPS.has(p.join(' ')))) {
    assert.ok(root.stdout.includes(path.join(' ')), `neon-admin --help lists ${path.join(' ')}`);
  }
  assert.match(root.stdout, /Exit codes: 0 ok; 1 .*; 2 .*\n +3 the output could not be written/);
  const results = await Promise.all(COMMANDS.map((path) => suite.cli([...path, '--help'])));
  results.forEach((result, i) => {
    ok(result);
    assert.ok(result.stdout.startsWith(`Usage: neon-admin ${COMMANDS[i].join(' ')} `), `${COMMANDS[i].join(' ')} --help: ${result.stdout.slice(0, 80)}`);
  });
  // -h works too, wherever it stands, and wins over other mistakes on the line.
  assert.match(ok(await suite.cli(['keys', '-h', 'create', '--bogus'])).stdout, /^Usage: neon-admin keys create <name>/);
  assert.match(ok(await suite.cli(['keys', 'rotate', '--help'])).stdout, /--name <name>/);
  const applyHelp = ok(await suite.cli(['auth', 'apply', '--help'])).stdout;
  assert.match(applyHelp, /npx neon-admin auth apply --file neon-auth\.json --env >> \.env/);
  assert.match(applyHelp, /The run that enables Neon Auth also prints its two keys, the only time they exist[^]*Every later run prints only the base and JWKS URLs/);
  assert.match(applyHelp, /--env +NEON_AUTH_BASE_URL and NEON_AUTH_JWKS_URL on every run; NEON_AUTH_PUB_CLIENT_KEY and NEON_AUTH_SECRET_SERVER_KEY only on the run that enables Neon Auth/);
  assert.match(ok(await suite.cli(['--version'])).stdout, /^\d+\.\d+\.\d+\n$/);
  assert.equal(await suite.requestCount(), 0);
});

test('usage mistakes exit 2 with one line on stderr, and send nothing', async () => {
  await suite.sim.resetLog();
  const none = await suite.cli([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^Usage: neon-admin <command>/, 'no command prints the usage to stderr');
  assertUsage(await suite.cli(['bogus']), /unknown command "bogus"/);
  assertUsage(await suite.cli(['keys', 'bogus']), /unknown command "keys bogus".*list, create, revoke, rotate/);
  assertUsage(await suite.cli(['keys']), /missing command: neon-admin keys list\|create\|revoke\|rotate/);
  assertUsage(await suite.cli(['keys', 'list', '--bogus']), /unknown option --bogus \(see neon-admin keys list --help\)/);
  assertUsage(await suite.cli(['keys', 'create']), /missing argument <name>/);
  assertUsage(await suite.cli(['keys', 'create', 'a', 'b']), /unexpected argument "b"/);
  assertUsage(await suite.cli(['keys', 'create', 'a', '--org']), /option --org needs a value/);
  assertUsage(await suite.cli(['keys', 'create', 'a', '--project', 'proj-sim-beta']), /--project needs --org/);
  assertUsage(await suite.cli(['keys', 'revoke', 'abc', '--yes']), /key ID must be a positive whole number/);
  assertUsage(await suite.cli(['keys', 'revoke', '0', '--yes']), /positive whole number/);
  assertUsage(await suite.cli(['keys', 'rotate', '100001', '--yes']), /missing --name/);
  assertUsage(await suite.cli(['keys', 'list', '--json', '--env']), /--json and --env cannot be used together/);
  assertUsage(await suite.cli(['whoami', '--env']), /whoami has no --env output/);
  assertUsage(await suite.cli(['keys', 'list', '--env']), /keys list has no --env output/);
  assertUsage(await suite.cli(['whoami', '--timeout', 'soon']), /--timeout must be a positive whole number/);
  assertUsage(await suite.cli(['auth', 'status', '--branch', 'main']), /missing --project <projectId> \(or NEON_PROJECT_ID\)/);
  assertUsage(await suite.cli(['auth', 'status', '--project', ALPHA]), /missing --branch .*\(or NEON_BRANCH\)/);
  assertUsage(await suite.cli(['auth', 'apply', ...branch('main')]), /missing --file/);
  assertUsage(await suite.cli(['auth', 'enable', ...branch('br-main-000001'), '--auth-provider', 'firebase']), /authProvider/);
  assertUsage(await suite.cli(['auth', 'status', '--project', 'Bad_Project', '--branch', 'main']), /projectId/);
  assert.equal(await suite.requestCount(), 0, 'no request may reach the server');
});

test('credentials and API host: no key and plain http to a non-loopback host exit 2; the flag wins over NEON_API_HOST', async () => {
  await suite.sim.resetLog();
  // In the CLI's words: its variables and the `neon auth` login, never the library's apiKey option.
  const noKey = await suite.cli(['whoami'], { env: { NEON_API_KEY: undefined } });
  assertUsage(noKey, /^neon-admin: no Neon API key found: set the NEON_API_KEY environment variable, or log in with `neon auth`/);
  assert.doesNotMatch(noKey.stderr, /apiKey/);
  assertUsage(await suite.cli(['whoami'], { env: { NEON_API_KEY: '' } }), /no Neon API key found/);
  assertUsage(await suite.cli(['whoami'], { env: { NEON_API_HOST: 'http://api.example.com/api/v2' } }), /^neon-admin: invalid `NEON_API_HOST`: must use https/);
  assertUsage(await suite.cli(['whoami', '--api-host', 'http://api.example.com/api/v2']), /--api-host \(or NEON_API_HOST\).*https/);
  assertUsage(await suite.cli(['whoami', '--api-host', 'not a url']), /--api-host/);
  assert.equal(await suite.requestCount(), 0);

  const flagWins = json(await suite.cli(['whoami', '--json', '--api-host', suite.sim.baseUrl], { env: { NEON_API_HOST: 'http://api.example.com/api/v2' } }));
  assert.equal(flagWins.auth_data, 'seed');
  // The Neon CLI's stored login is the last resort, as in the library.
  const configDir = join(suite.dir, 'stored-login');
  await rm(configDir, { recursive: true, force: true });
  await mkdir(configDir);
  await writeFile(join(configDir, 'credentials.json'), JSON.stringify({ type: 'api_key', api_key: suite.sim.seedKey }));
  const stored = ok(await suite.cli(['whoami'], { env: { NEON_API_KEY: undefined, NEON_CONFIG_DIR: configDir } }));
  assert.match(stored.stdout, /credentials from\s+the Neon CLI's stored login/);
});

test('whoami: a table, --json, and a User-Agent naming the CLI; never the key', async () => {
  await suite.sim.resetLog();
  const table = ok(await suite.cli(['whoami']));
  assert.match(table.stdout, /^account\s+11111111-2222-4333-8444-555555555555$/m);
  assert.match(table.stdout, /^auth method\s+api_key_user$/m);
  assert.match(table.stdout, /^detail\s+seed$/m);
  assert.match(table.stdout, /^credentials from\s+NEON_API_KEY$/m);
  assert.ok(!table.stdout.includes(suite.sim.seedKey));
  assert.equal(table.stderr, '', 'no warning (on NEON_ADMIN_BACKEND=native: the addon loaded)');
  const me = json(await suite.cli(['whoami', '--json']));
  assert.deepEqual(me, { account_id: '11111111-2222-4333-8444-555555555555', auth_data: 'seed', auth_method: 'api_key_user' });
  const requests = await suite.sim.requests();
  assert.equal(requests.length, 2);
  assert.match(requests[0].user_agent, /^neon-admin-cli\/\d+\.\d+\.\d+ neon-admin\//);
});

test('keys: create (token once; --json and --env), list, revoke needs --yes, a revoked key gets exit 1', async () => {
  const created = json(await suite.cli(['keys', 'create', 'cli-deploy', '--json']));
  assert.equal(created.name, 'cli-deploy');
  assert.match(created.key, /^[a-z0-9]{64}$/);

  const human = ok(await suite.cli(['keys', 'create', 'cli-human']));
  const token = /^key\s+([a-z0-9]{64})$/m.exec(human.stdout)?.[1];
  assert.ok(token, 'the one-time token is shown in the table');
  assert.match(human.stdout, /shown only this once/);

  const env = ok(await suite.cli(['keys', 'create', 'cli-env', '--env']));
  const { NEON_API_KEY: envToken, ...rest } = envLines(env.stdout);
  assert.match(envToken, /^[a-z0-9]{64}$/);
  assert.deepEqual(rest, {}, 'only NEON_API_KEY');
  assert.equal(json(await suite.cli(['whoami', '--json'], { env: { NEON_API_KEY: envToken } })).auth_data, 'cli-env', 'the printed token works');

  const listed = json(await suite.cli(['keys', 'list', '--json']));
  const entry = listed.find((k) => k.id === created.id);
  assert.equal(entry.name, 'cli-deploy');
  assert.ok(listed.every((k) => !('key' in k)), 'lists never carry tokens');
  const table = ok(await suite.cli(['keys', 'list']));
  assert.match(table.stdout, /^ID\s+NAME\s+CREATED\s+LAST USED\s+CREATED BY$/m);
  assert.match(table.stdout, new RegExp(`^${created.id}\\s+cli-deploy\\s`, 'm'));
  for (const secret of [created.key, token, envToken]) assert.ok(!table.stdout.includes(secret));

  // Without --yes and without a terminal: exit 2 and nothing sent.
  await suite.sim.resetLog();
  assertUsage(await suite.cli(['keys', 'revoke', String(created.id)]), /refusing to revoke API key \d+ without --yes.*nothing was sent/);
  assert.equal(await suite.requestCount(), 0);
  assert.equal(json(await suite.cli(['keys', 'list', '--json'])).some((k) => k.id === created.id), true, 'still listed');

  const revoked = ok(await suite.cli(['keys', 'revoke', String(created.id), '--yes']));
  assert.equal(revoked.stdout, `revoked API key ${created.id} (cli-deploy)\n`);
  const revokedAgain = await suite.cli(['keys', 'revoke', String(created.id), '-y', '--json']);
  assert.equal(revokedAgain.code, 1, 'a 404 is an API error');
  assert.match(revokedAgain.stderr, /^neon-admin: Neon API answered 404: [^\n]+\n$/);
  const dead = await suite.cli(['whoami'], { env: { NEON_API_KEY: created.key } });
  assert.equal(dead.code, 1);
  assert.match(dead.stderr, /^neon-admin: Neon API answered 401/);
  assert.ok(!dead.stderr.includes(created.key), 'the key is never in a message');

  const humanKey = listed.find((k) => k.name === 'cli-human');
  const gone = json(await suite.cli(['keys', 'revoke', String(humanKey.id), '--yes', '--json']));
  assert.deepEqual([gone.id, gone.revoked], [humanKey.id, true]);
});

test('keys rotate: the new key is printed, the old one revoked; a key not listed is exit 2 with nothing created', async () => {
  const old = json(await suite.cli(['keys', 'create', 'rot-old', '--json']));
  await suite.sim.resetLog();
  assertUsage(await suite.cli(['keys', 'rotate', String(old.id), '--name', 'rot-new']), /refusing to rotate API key/);
  assert.equal(await suite.requestCount(), 0);

  const env = envLines(ok(await suite.cli(['keys', 'rotate', String(old.id), '--name', 'rot-new', '--yes', '--env'])).stdout);
  assert.match(env.NEON_API_KEY, /^[a-z0-9]{64}$/);
  assert.equal(json(await suite.cli(['whoami', '--json'], { env: { NEON_API_KEY: env.NEON_API_KEY } })).auth_data, 'rot-new');
  assert.equal((await suite.cli(['whoami'], { env: { NEON_API_KEY: old.key } })).code, 1, 'the old key was revoked');

  const next = json(await suite.cli(['keys', 'create', 'rot-json', '--json']));
  const rotation = json(await suite.cli(['keys', 'rotate', String(next.id), '--name', 'rot-json-2', '--yes', '--json']));
  assert.equal(rotation.created.name, 'rot-json-2');
  assert.match(rotation.created.key, /^[a-z0-9]{64}$/);
  assert.equal(rotation.revoked.id, next.id);
  assert.equal(rotation.revoke_error, null);

  const human = ok(await suite.cli(['keys', 'rotate', String(rotation.created.id), '--name', 'rot-human', '-y']));
  assert.match(human.stdout, /^name\s+rot-human$/m);
  assert.match(human.stdout, /shown only this once/);
  assert.match(human.stdout, new RegExp(`^revoked the old key ${rotation.created.id} \\(rot-json-2\\)$`, 'm'));

  await suite.sim.resetLog();
  assertUsage(await suite.cli(['keys', 'rotate', '999999', '--name', 'never', '--yes']), /oldKeyId.*nothing was created/);
  assert.equal(await suite.writeCount(), 0, 'nothing created');
});

test('keys rotate: a failed revocation still prints the new key, says why on stderr, and exits 1', async () => {
  const server = await startFaultServer();
  try {
    server.script('DELETE', '/api_keys/7', [{ status: 500 }]);
    const result = await suite.cli(['keys', 'rotate', '7', '--name', 'ci-next', '--yes', '--env'], { env: { NEON_API_HOST: server.baseUrl, NEON_API_KEY: 'fault-key' } });
    assert.equal(result.code, 1);
    assert.match(envLines(result.stdout).NEON_API_KEY, /^[0-9a-f]{64}$/, 'the new key is still output');
    assert.match(result.stderr, /^neon-admin: the new key 8 was created, but revoking the old key 7 failed: [^\n]*500[^\n]*\n$/);
    assert.equal(server.count('POST', '/api_keys'), 1);
    assert.equal(server.count('DELETE', '/api_keys/7'), 1);

    const rotation = await suite.cli(['keys', 'rotate', '7', '--name', 'ci-next', '--yes', '--json'], { env: { NEON_API_HOST: server.baseUrl, NEON_API_KEY: 'fault-key' } });
    assert.equal(rotation.code, 1);
    const parsed = JSON.parse(rotation.stdout);
    assert.equal(parsed.revoked, null);
    assert.match(parsed.revoke_error, /500/);

    // No answer at all: a network error is exit 1 too.
    server.script('GET', '/auth', ['reset-before-body']);
    const network = await suite.cli(['whoami', '--timeout', '2000'], { env: { NEON_API_HOST: server.baseUrl, NEON_API_KEY: 'fault-key' } });
    assert.equal(network.code, 1);
    assert.match(network.stderr, /^neon-admin: could not reach the Neon API/);
  } finally {
    await server.close();
  }
});

test('organization keys: --org lists and creates (project-scoped with --project), revoke --org', async () => {
  const org = ['--org', 'org-sim-000001'];
  const created = json(await suite.cli(['keys', 'create', 'beta-bot', ...org, '--project', 'proj-sim-beta', '--json']));
  assert.equal(created.project_id, 'proj-sim-beta');
  const listed = json(await suite.cli(['keys', 'list', ...org, '--json']));
  assert.deepEqual(listed.map((k) => [k.id, k.project_id]), [[created.id, 'proj-sim-beta']]);
  const table = ok(await suite.cli(['keys', 'list', ...org]));
  assert.match(table.stdout, /^ID\s+NAME\s+PROJECT\s+CREATED/m);
  assert.match(table.stdout, /beta-bot\s+proj-sim-beta/);
  assert.equal(json(await suite.cli(['keys', 'list', '--json'])).some((k) => k.id === created.id), false, 'not among personal keys');
  const rotated = envLines(ok(await suite.cli(['keys', 'rotate', String(created.id), '--name', 'beta-bot-2', ...org, '--project', 'proj-sim-beta', '--yes', '--env'])).stdout);
  // The old key is revoked at once, but (as on the live API) may stay listed for a few seconds.
  const scoped = json(await suite.cli(['keys', 'list', ...org, '--json'])).filter((k) => k.id !== created.id);
  assert.deepEqual(scoped.map((k) => [k.name, k.project_id]), [['beta-bot-2', 'proj-sim-beta']]);
  assert.equal((await suite.cli(['whoami', '--json'], { env: { NEON_API_KEY: created.key } })).code, 1, 'the old key no longer works');
  assert.equal(json(await suite.cli(['whoami', '--json'], { env: { NEON_API_KEY: rotated.NEON_API_KEY } })).auth_method, 'api_key_org');
  ok(await suite.cli(['keys', 'revoke', String(scoped[0].id), ...org, '--yes']));
  assert.equal((await suite.cli(['whoami', '--json'], { env: { NEON_API_KEY: rotated.NEON_API_KEY } })).code, 1);
  // Once the revoked keys are no longer listed, the table says so.
  let remaining = json(await suite.cli(['keys', 'list', ...org, '--json']));
  for (let i = 0; i < 20 && remaining.length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    remaining = json(await suite.cli(['keys', 'list', ...org, '--json']));
  }
  assert.deepEqual(remaining, []);
  assert.equal(ok(await suite.cli(['keys', 'list', ...org])).stdout, 'no API keys\n');
});

test('the seed key never appears in any output', () => {
  assert.ok(suite.outputs.length > MIN_OUTPUTS);
  for (const text of suite.outputs) assert.ok(!text.includes(suite.sim.seedKey));
});
