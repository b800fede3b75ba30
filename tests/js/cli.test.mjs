// The neon-admin command line (js/cli/main.mjs), every command run as a real child process with no
// terminal, against the local Neon API simulator (and the fault server for a failed revocation):
// stdout, --json, --env lines, exit codes 0/1/2, --yes required for destructive commands with
// nothing sent without it, --help for every command, and no secret where it must not be.
// The child inherits NEON_ADMIN_BACKEND, so this suite also runs on the native addon.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';
import { startFaultServer } from './support/fault-server.mjs';
import { inherited } from './support/child-env.mjs';

const MAIN = fileURLToPath(new URL('../../js/cli/main.mjs', import.meta.url));
const ALPHA = 'proj-sim-alpha';

let sim;
let dir; // temp dir: an empty Neon CLI config dir, and apply files
const outputs = []; // every stdout and stderr, to check that the seed key never shows

before(async () => {
  sim = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'neon-admin-cli-'));
});
after(async () => {
  sim.stop();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs `neon-admin …args` with the seed key and the simulator's URL in the environment (`env`
 * adds or, with undefined, removes variables) and `input` on stdin (never a terminal).
 */
function cli(args, { env = {}, input = '' } = {}) {
  const childEnv = {
    PATH: process.env.PATH,
    NEON_API_KEY: sim.seedKey,
    NEON_API_HOST: sim.baseUrl,
    NEON_CONFIG_DIR: join(dir, 'neon-config'), // never the real user's login
    ...inherited('NEON_ADMIN_BACKEND', 'NEON_ADMIN_RECORD_OPS'),
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** Parses `KEY=value` lines into an object, refusing any other line. */
function envLines(stdout) {
  const pairs = {};
  for (const line of stdout.split('\n').filter(Boolean)) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    assert.ok(match, `not a KEY=value line: ${line}`);
    pairs[match[1]] = match[2];
  }
  return pairs;
}

/** Asserts a usage/configuration failure: exit 2, one `neon-admin: …` line on stderr, nothing on stdout. */
function assertUsage(result, pattern) {
  assert.equal(result.code, 2, `expected exit 2, got ${result.code}: ${result.stderr}`);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^neon-admin: [^\n]+\n$/);
  if (pattern) assert.match(result.stderr, pattern);
}

const ok = (result) => {
  assert.equal(result.code, 0, `expected exit 0, got ${result.code}: ${result.stderr}`);
  return result;
};
const json = (result) => JSON.parse(ok(result).stdout);
const requestCount = async () => (await sim.requests()).length;
const writeCount = async () => (await sim.requests()).filter((r) => r.method !== 'GET').length;
const branch = (name) => ['--project', ALPHA, '--branch', name];

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
  await sim.resetLog();
  const root = ok(await cli(['--help']));
  assert.match(root.stdout, /^Usage: neon-admin <command>/);
  for (const path of COMMANDS.filter((p) => !GROUPS.has(p.join(' ')))) {
    assert.ok(root.stdout.includes(path.join(' ')), `neon-admin --help lists ${path.join(' ')}`);
  }
  assert.match(root.stdout, /Exit codes: 0 ok; 1 .*; 2 .*\n +3 the output could not be written/);
  const results = await Promise.all(COMMANDS.map((path) => cli([...path, '--help'])));
  results.forEach((result, i) => {
    ok(result);
    assert.ok(result.stdout.startsWith(`Usage: neon-admin ${COMMANDS[i].join(' ')} `), `${COMMANDS[i].join(' ')} --help: ${result.stdout.slice(0, 80)}`);
  });
  // -h works too, wherever it stands, and wins over other mistakes on the line.
  assert.match(ok(await cli(['keys', '-h', 'create', '--bogus'])).stdout, /^Usage: neon-admin keys create <name>/);
  assert.match(ok(await cli(['keys', 'rotate', '--help'])).stdout, /--name <name>/);
  const applyHelp = ok(await cli(['auth', 'apply', '--help'])).stdout;
  assert.match(applyHelp, /npx neon-admin auth apply --file neon-auth\.json --env >> \.env/);
  assert.match(applyHelp, /The run that enables Neon Auth also prints its two keys, the only time they exist[^]*Every later run prints only the base and JWKS URLs/);
  assert.match(applyHelp, /--env +NEON_AUTH_BASE_URL and NEON_AUTH_JWKS_URL on every run; NEON_AUTH_PUB_CLIENT_KEY and NEON_AUTH_SECRET_SERVER_KEY only on the run that enables Neon Auth/);
  assert.match(ok(await cli(['--version'])).stdout, /^\d+\.\d+\.\d+\n$/);
  assert.equal(await requestCount(), 0);
});

test('usage mistakes exit 2 with one line on stderr, and send nothing', async () => {
  await sim.resetLog();
  const none = await cli([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^Usage: neon-admin <command>/, 'no command prints the usage to stderr');
  assertUsage(await cli(['bogus']), /unknown command "bogus"/);
  assertUsage(await cli(['keys', 'bogus']), /unknown command "keys bogus".*list, create, revoke, rotate/);
  assertUsage(await cli(['keys']), /missing command: neon-admin keys list\|create\|revoke\|rotate/);
  assertUsage(await cli(['keys', 'list', '--bogus']), /unknown option --bogus \(see neon-admin keys list --help\)/);
  assertUsage(await cli(['keys', 'create']), /missing argument <name>/);
  assertUsage(await cli(['keys', 'create', 'a', 'b']), /unexpected argument "b"/);
  assertUsage(await cli(['keys', 'create', 'a', '--org']), /option --org needs a value/);
  assertUsage(await cli(['keys', 'create', 'a', '--project', 'proj-sim-beta']), /--project needs --org/);
  assertUsage(await cli(['keys', 'revoke', 'abc', '--yes']), /key ID must be a positive whole number/);
  assertUsage(await cli(['keys', 'revoke', '0', '--yes']), /positive whole number/);
  assertUsage(await cli(['keys', 'rotate', '100001', '--yes']), /missing --name/);
  assertUsage(await cli(['keys', 'list', '--json', '--env']), /--json and --env cannot be used together/);
  assertUsage(await cli(['whoami', '--env']), /whoami has no --env output/);
  assertUsage(await cli(['keys', 'list', '--env']), /keys list has no --env output/);
  assertUsage(await cli(['whoami', '--timeout', 'soon']), /--timeout must be a positive whole number/);
  assertUsage(await cli(['auth', 'status', '--branch', 'main']), /missing --project <projectId> \(or NEON_PROJECT_ID\)/);
  assertUsage(await cli(['auth', 'status', '--project', ALPHA]), /missing --branch .*\(or NEON_BRANCH\)/);
  assertUsage(await cli(['auth', 'apply', ...branch('main')]), /missing --file/);
  assertUsage(await cli(['auth', 'enable', ...branch('br-main-000001'), '--auth-provider', 'firebase']), /authProvider/);
  assertUsage(await cli(['auth', 'status', '--project', 'Bad_Project', '--branch', 'main']), /projectId/);
  assert.equal(await requestCount(), 0, 'no request may reach the server');
});

test('credentials and API host: no key and plain http to a non-loopback host exit 2; the flag wins over NEON_API_HOST', async () => {
  await sim.resetLog();
  // In the CLI's words: its variables and the `neon auth` login, never the library's apiKey option.
  const noKey = await cli(['whoami'], { env: { NEON_API_KEY: undefined } });
  assertUsage(noKey, /^neon-admin: no Neon API key found: set the NEON_API_KEY environment variable, or log in with `neon auth`/);
  assert.doesNotMatch(noKey.stderr, /apiKey/);
  assertUsage(await cli(['whoami'], { env: { NEON_API_KEY: '' } }), /no Neon API key found/);
  assertUsage(await cli(['whoami'], { env: { NEON_API_HOST: 'http://api.example.com/api/v2' } }), /^neon-admin: invalid `NEON_API_HOST`: must use https/);
  assertUsage(await cli(['whoami', '--api-host', 'http://api.example.com/api/v2']), /--api-host \(or NEON_API_HOST\).*https/);
  assertUsage(await cli(['whoami', '--api-host', 'not a url']), /--api-host/);
  assert.equal(await requestCount(), 0);

  const flagWins = json(await cli(['whoami', '--json', '--api-host', sim.baseUrl], { env: { NEON_API_HOST: 'http://api.example.com/api/v2' } }));
  assert.equal(flagWins.auth_data, 'seed');
  // The Neon CLI's stored login is the last resort, as in the library.
  const configDir = join(dir, 'stored-login');
  await rm(configDir, { recursive: true, force: true });
  await mkdir(configDir);
  await writeFile(join(configDir, 'credentials.json'), JSON.stringify({ type: 'api_key', api_key: sim.seedKey }));
  const stored = ok(await cli(['whoami'], { env: { NEON_API_KEY: undefined, NEON_CONFIG_DIR: configDir } }));
  assert.match(stored.stdout, /credentials from\s+the Neon CLI's stored login/);
});

test('whoami: a table, --json, and a User-Agent naming the CLI; never the key', async () => {
  await sim.resetLog();
  const table = ok(await cli(['whoami']));
  assert.match(table.stdout, /^account\s+11111111-2222-4333-8444-555555555555$/m);
  assert.match(table.stdout, /^auth method\s+api_key_user$/m);
  assert.match(table.stdout, /^detail\s+seed$/m);
  assert.match(table.stdout, /^credentials from\s+NEON_API_KEY$/m);
  assert.ok(!table.stdout.includes(sim.seedKey));
  assert.equal(table.stderr, '', 'no warning (on NEON_ADMIN_BACKEND=native: the addon loaded)');
  const me = json(await cli(['whoami', '--json']));
  assert.deepEqual(me, { account_id: '11111111-2222-4333-8444-555555555555', auth_data: 'seed', auth_method: 'api_key_user' });
  const requests = await sim.requests();
  assert.equal(requests.length, 2);
  assert.match(requests[0].user_agent, /^neon-admin-cli\/\d+\.\d+\.\d+ neon-admin\//);
});

test('keys: create (token once; --json and --env), list, revoke needs --yes, a revoked key gets exit 1', async () => {
  const created = json(await cli(['keys', 'create', 'cli-deploy', '--json']));
  assert.equal(created.name, 'cli-deploy');
  assert.match(created.key, /^[a-z0-9]{64}$/);

  const human = ok(await cli(['keys', 'create', 'cli-human']));
  const token = /^key\s+([a-z0-9]{64})$/m.exec(human.stdout)?.[1];
  assert.ok(token, 'the one-time token is shown in the table');
  assert.match(human.stdout, /shown only this once/);

  const env = ok(await cli(['keys', 'create', 'cli-env', '--env']));
  const { NEON_API_KEY: envToken, ...rest } = envLines(env.stdout);
  assert.match(envToken, /^[a-z0-9]{64}$/);
  assert.deepEqual(rest, {}, 'only NEON_API_KEY');
  assert.equal(json(await cli(['whoami', '--json'], { env: { NEON_API_KEY: envToken } })).auth_data, 'cli-env', 'the printed token works');

  const listed = json(await cli(['keys', 'list', '--json']));
  const entry = listed.find((k) => k.id === created.id);
  assert.equal(entry.name, 'cli-deploy');
  assert.ok(listed.every((k) => !('key' in k)), 'lists never carry tokens');
  const table = ok(await cli(['keys', 'list']));
  assert.match(table.stdout, /^ID\s+NAME\s+CREATED\s+LAST USED\s+CREATED BY$/m);
  assert.match(table.stdout, new RegExp(`^${created.id}\\s+cli-deploy\\s`, 'm'));
  for (const secret of [created.key, token, envToken]) assert.ok(!table.stdout.includes(secret));

  // Without --yes and without a terminal: exit 2 and nothing sent.
  await sim.resetLog();
  assertUsage(await cli(['keys', 'revoke', String(created.id)]), /refusing to revoke API key \d+ without --yes.*nothing was sent/);
  assert.equal(await requestCount(), 0);
  assert.equal(json(await cli(['keys', 'list', '--json'])).some((k) => k.id === created.id), true, 'still listed');

  const revoked = ok(await cli(['keys', 'revoke', String(created.id), '--yes']));
  assert.equal(revoked.stdout, `revoked API key ${created.id} (cli-deploy)\n`);
  const revokedAgain = await cli(['keys', 'revoke', String(created.id), '-y', '--json']);
  assert.equal(revokedAgain.code, 1, 'a 404 is an API error');
  assert.match(revokedAgain.stderr, /^neon-admin: Neon API answered 404: [^\n]+\n$/);
  const dead = await cli(['whoami'], { env: { NEON_API_KEY: created.key } });
  assert.equal(dead.code, 1);
  assert.match(dead.stderr, /^neon-admin: Neon API answered 401/);
  assert.ok(!dead.stderr.includes(created.key), 'the key is never in a message');

  const humanKey = listed.find((k) => k.name === 'cli-human');
  const gone = json(await cli(['keys', 'revoke', String(humanKey.id), '--yes', '--json']));
  assert.deepEqual([gone.id, gone.revoked], [humanKey.id, true]);
});

test('keys rotate: the new key is printed, the old one revoked; a key not listed is exit 2 with nothing created', async () => {
  const old = json(await cli(['keys', 'create', 'rot-old', '--json']));
  await sim.resetLog();
  assertUsage(await cli(['keys', 'rotate', String(old.id), '--name', 'rot-new']), /refusing to rotate API key/);
  assert.equal(await requestCount(), 0);

  const env = envLines(ok(await cli(['keys', 'rotate', String(old.id), '--name', 'rot-new', '--yes', '--env'])).stdout);
  assert.match(env.NEON_API_KEY, /^[a-z0-9]{64}$/);
  assert.equal(json(await cli(['whoami', '--json'], { env: { NEON_API_KEY: env.NEON_API_KEY } })).auth_data, 'rot-new');
  assert.equal((await cli(['whoami'], { env: { NEON_API_KEY: old.key } })).code, 1, 'the old key was revoked');

  const next = json(await cli(['keys', 'create', 'rot-json', '--json']));
  const rotation = json(await cli(['keys', 'rotate', String(next.id), '--name', 'rot-json-2', '--yes', '--json']));
  assert.equal(rotation.created.name, 'rot-json-2');
  assert.match(rotation.created.key, /^[a-z0-9]{64}$/);
  assert.equal(rotation.revoked.id, next.id);
  assert.equal(rotation.revoke_error, null);

  const human = ok(await cli(['keys', 'rotate', String(rotation.created.id), '--name', 'rot-human', '-y']));
  assert.match(human.stdout, /^name\s+rot-human$/m);
  assert.match(human.stdout, /shown only this once/);
  assert.match(human.stdout, new RegExp(`^revoked the old key ${rotation.created.id} \\(rot-json-2\\)$`, 'm'));

  await sim.resetLog();
  assertUsage(await cli(['keys', 'rotate', '999999', '--name', 'never', '--yes']), /oldKeyId.*nothing was created/);
  assert.equal(await writeCount(), 0, 'nothing created');
});

test('keys rotate: a failed revocation still prints the new key, says why on stderr, and exits 1', async () => {
  const server = await startFaultServer();
  try {
    server.script('DELETE', '/api_keys/7', [{ status: 500 }]);
    const result = await cli(['keys', 'rotate', '7', '--name', 'ci-next', '--yes', '--env'], { env: { NEON_API_HOST: server.baseUrl, NEON_API_KEY: 'fault-key' } });
    assert.equal(result.code, 1);
    assert.match(envLines(result.stdout).NEON_API_KEY, /^[0-9a-f]{64}$/, 'the new key is still output');
    assert.match(result.stderr, /^neon-admin: the new key 8 was created, but revoking the old key 7 failed: [^\n]*500[^\n]*\n$/);
    assert.equal(server.count('POST', '/api_keys'), 1);
    assert.equal(server.count('DELETE', '/api_keys/7'), 1);

    const rotation = await cli(['keys', 'rotate', '7', '--name', 'ci-next', '--yes', '--json'], { env: { NEON_API_HOST: server.baseUrl, NEON_API_KEY: 'fault-key' } });
    assert.equal(rotation.code, 1);
    const parsed = JSON.parse(rotation.stdout);
    assert.equal(parsed.revoked, null);
    assert.match(parsed.revoke_error, /500/);

    // No answer at all: a network error is exit 1 too.
    server.script('GET', '/auth', ['reset-before-body']);
    const network = await cli(['whoami', '--timeout', '2000'], { env: { NEON_API_HOST: server.baseUrl, NEON_API_KEY: 'fault-key' } });
    assert.equal(network.code, 1);
    assert.match(network.stderr, /^neon-admin: could not reach the Neon API/);
  } finally {
    await server.close();
  }
});

test('organization keys: --org lists and creates (project-scoped with --project), revoke --org', async () => {
  const org = ['--org', 'org-sim-000001'];
  const created = json(await cli(['keys', 'create', 'beta-bot', ...org, '--project', 'proj-sim-beta', '--json']));
  assert.equal(created.project_id, 'proj-sim-beta');
  const listed = json(await cli(['keys', 'list', ...org, '--json']));
  assert.deepEqual(listed.map((k) => [k.id, k.project_id]), [[created.id, 'proj-sim-beta']]);
  const table = ok(await cli(['keys', 'list', ...org]));
  assert.match(table.stdout, /^ID\s+NAME\s+PROJECT\s+CREATED/m);
  assert.match(table.stdout, /beta-bot\s+proj-sim-beta/);
  assert.equal(json(await cli(['keys', 'list', '--json'])).some((k) => k.id === created.id), false, 'not among personal keys');
  const rotated = envLines(ok(await cli(['keys', 'rotate', String(created.id), '--name', 'beta-bot-2', ...org, '--project', 'proj-sim-beta', '--yes', '--env'])).stdout);
  // The old key is revoked at once, but (as on the live API) may stay listed for a few seconds.
  const scoped = json(await cli(['keys', 'list', ...org, '--json'])).filter((k) => k.id !== created.id);
  assert.deepEqual(scoped.map((k) => [k.name, k.project_id]), [['beta-bot-2', 'proj-sim-beta']]);
  assert.equal((await cli(['whoami', '--json'], { env: { NEON_API_KEY: created.key } })).code, 1, 'the old key no longer works');
  assert.equal(json(await cli(['whoami', '--json'], { env: { NEON_API_KEY: rotated.NEON_API_KEY } })).auth_method, 'api_key_org');
  ok(await cli(['keys', 'revoke', String(scoped[0].id), ...org, '--yes']));
  assert.equal((await cli(['whoami', '--json'], { env: { NEON_API_KEY: rotated.NEON_API_KEY } })).code, 1);
  // Once the revoked keys are no longer listed, the table says so.
  let remaining = json(await cli(['keys', 'list', ...org, '--json']));
  for (let i = 0; i < 20 && remaining.length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    remaining = json(await cli(['keys', 'list', ...org, '--json']));
  }
  assert.deepEqual(remaining, []);
  assert.equal(ok(await cli(['keys', 'list', ...org])).stdout, 'no API keys\n');
});

test('auth status, enable and disable; NEON_PROJECT_ID and NEON_BRANCH stand in for the flags', async () => {
  const target = branch('preview/feature-a');
  const off = ok(await cli(['auth', 'status', ...target]));
  assert.equal(off.stdout, 'not enabled (branch br-preview-a-0001)\n');
  assert.deepEqual(json(await cli(['auth', 'status', ...target, '--json'])), { enabled: false, branch_id: 'br-preview-a-0001' });
  const offEnv = ok(await cli(['auth', 'status', ...target, '--env']));
  assert.equal(offEnv.stdout, '', 'no lines when not enabled');

  const enabled = ok(await cli(['auth', 'enable', ...target]));
  const secret = /^secret server key\s+(ssk_\S+)$/m.exec(enabled.stdout)?.[1];
  assert.ok(secret, 'the one-time secret server key is shown');
  assert.match(enabled.stdout, /^publishable client key\s+pck_\S+$/m);
  assert.match(enabled.stdout, /shown only this once/);

  const on = json(await cli(['auth', 'status', ...target, '--json']));
  assert.equal(on.enabled, true);
  assert.equal(on.branch_id, 'br-preview-a-0001');
  assert.equal(on.auth_provider, 'better_auth');
  assert.match(on.jwks_url, /^https:\/\/.+jwks/);
  const onEnv = envLines(ok(await cli(['auth', 'status', ...target, '--env'])).stdout);
  assert.deepEqual(onEnv, { NEON_AUTH_BASE_URL: on.base_url, NEON_AUTH_JWKS_URL: on.jwks_url });
  const table = ok(await cli(['auth', 'status', ...target]));
  assert.match(table.stdout, /^enabled\s+yes$/m);
  assert.match(table.stdout, new RegExp(`^JWKS URL\\s+${on.jwks_url.replace(/[.]/g, '\\.')}$`, 'm'));
  assert.ok(!table.stdout.includes(secret) && !JSON.stringify(on).includes(secret), 'the keys are never shown again');

  const again = await cli(['auth', 'enable', ...target]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /^neon-admin: Neon API answered 409/);
  // Said once, in the command line's words.
  assert.equal(again.stderr.match(/already enabled/g).length, 1, again.stderr);
  assert.match(again.stderr, /nothing to do if you want it on, and `auth apply` \(with "enabled": true\) counts this as done; .*disable it with --delete-data and enable it again/);
  assert.doesNotMatch(again.stderr, /apply\(|get\(\)|deleteData|check the request/);

  // From the environment, with --env: all four values, the keys this one time.
  const fromEnv = { NEON_PROJECT_ID: ALPHA, NEON_BRANCH: 'preview/feature-b' };
  const four = envLines(ok(await cli(['auth', 'enable', '--env', '--auth-provider', 'stack'], { env: fromEnv })).stdout);
  assert.deepEqual(Object.keys(four), ['NEON_AUTH_BASE_URL', 'NEON_AUTH_JWKS_URL', 'NEON_AUTH_PUB_CLIENT_KEY', 'NEON_AUTH_SECRET_SERVER_KEY']);
  assert.match(four.NEON_AUTH_SECRET_SERVER_KEY, /^ssk_/);
  assert.equal(json(await cli(['auth', 'status', '--json'], { env: fromEnv })).auth_provider, 'stack');
  // A flag wins over the variable.
  assert.equal(json(await cli(['auth', 'status', '--json', '--branch', 'main'], { env: fromEnv })).enabled, false);
  // Where Neon Auth is off, a sub-resource's 404 says how to turn it on.
  const authOff = await cli(['auth', 'domains', 'list', '--branch', 'main'], { env: fromEnv });
  assert.equal(authOff.code, 1);
  assert.match(authOff.stderr, /enable Neon Auth on this branch first: `auth enable`, or `auth apply` \(with "enabled": true\)/);
  assert.doesNotMatch(authOff.stderr, /branchAuth|check the ID/);

  const enabledJson = json(await cli(['auth', 'enable', ...branch('main'), '--json', '--database', 'appdb']));
  assert.match(enabledJson.pub_client_key, /^pck_/);
  assert.equal(json(await cli(['auth', 'status', ...branch('br-main-000001'), '--json'])).db_name, 'appdb', 'a branch ID works too');

  // Disable needs --yes; without it nothing is sent.
  await sim.resetLog();
  assertUsage(await cli(['auth', 'disable', ...target]), /refusing to disable Neon Auth on branch preview\/feature-a/);
  assert.equal(await requestCount(), 0);
  assert.deepEqual(json(await cli(['auth', 'disable', ...target, '--yes', '--json', '--delete-data'])), { branch_id: 'br-preview-a-0001', disabled: true, delete_data: true });
  assert.equal(ok(await cli(['auth', 'disable', ...branch('main'), '-y'])).stdout, 'disabled Neon Auth on branch br-main-000001\n');
  assert.equal(json(await cli(['auth', 'status', ...target, '--json'])).enabled, false);
  const missing = await cli(['auth', 'disable', ...target, '--yes']);
  assert.equal(missing.code, 1, 'disabling what is not enabled is an API error');
  assertUsage(await cli(['auth', 'status', ...branch('dup')]), /2 branches are named "dup"/);
});

test('auth domains: the wildcard preview domain from Neon\'s guide is added, listed and removed', async () => {
  const target = branch('filler-017');
  ok(await cli(['auth', 'enable', ...target, '--json']));
  const wildcard = 'https://*.my-app-preview.vercel.app';
  assert.equal(ok(await cli(['auth', 'domains', 'add', wildcard, ...target])).stdout, `trusted ${wildcard}\n`);
  assert.equal(ok(await cli(['auth', 'domains', 'add', 'myapp://callback', ...target])).code, 0);
  assert.deepEqual(json(await cli(['auth', 'domains', 'list', ...target, '--json'])).map((d) => d.domain).sort(), [wildcard, 'myapp://callback']);
  assert.deepEqual(json(await cli(['auth', 'domains', 'remove', wildcard, ...target, '--yes', '--json'])), { removed: [wildcard] });
  assert.deepEqual(json(await cli(['auth', 'domains', 'list', ...target, '--json'])).map((d) => d.domain), ['myapp://callback']);
  assertUsage(await cli(['auth', 'domains', 'add', 'https://*.app', ...target]), /top-level domain/);

  // apply --prune adds the wildcard from a file and prunes the app scheme no longer listed.
  const file = join(dir, 'wildcard.json');
  await writeFile(file, JSON.stringify({ trustedDomains: [wildcard] }));
  const applied = ok(await cli(['auth', 'apply', '--file', file, '--prune', '--yes', ...target]));
  assert.match(applied.stdout, /^\+ add trustedDomains https:\/\/\*\.my-app-preview\.vercel\.app$/m);
  assert.match(applied.stdout, /^- remove trustedDomains/m);
  assert.deepEqual(json(await cli(['auth', 'domains', 'list', ...target, '--json'])).map((d) => d.domain), [wildcard]);
  await writeFile(file, JSON.stringify({ trustedDomains: [] }));
  ok(await cli(['auth', 'apply', '--file', file, '--prune', '--yes', ...target]));
  assert.deepEqual(json(await cli(['auth', 'domains', 'list', ...target, '--json'])), [], 'apply --prune removes the wildcard');
});

test('auth domains: add, list, remove several (needs --yes), an unknown domain is exit 1', async () => {
  const target = branch('filler-010');
  ok(await cli(['auth', 'enable', ...target, '--json']));
  assert.equal(ok(await cli(['auth', 'domains', 'list', ...target])).stdout, 'no trusted domains\n');
  assert.equal(ok(await cli(['auth', 'domains', 'add', 'https://a.example.com', ...target])).stdout, 'trusted https://a.example.com\n');
  assert.deepEqual(json(await cli(['auth', 'domains', 'add', 'https://b.example.com', ...target, '--json'])), { added: ['https://b.example.com'] });
  assertUsage(await cli(['auth', 'domains', 'add', 'javascript:alert(1)', ...target]), /domain/);
  const listed = json(await cli(['auth', 'domains', 'list', ...target, '--json']));
  assert.deepEqual(listed.map((d) => d.domain).sort(), ['https://a.example.com', 'https://b.example.com']);
  assert.match(ok(await cli(['auth', 'domains', 'list', ...target])).stdout, /^DOMAIN\s+PROVIDER\nhttps:\/\/a\.example\.com\s+better_auth\n/);
  assert.equal((await cli(['auth', 'domains', 'add', 'https://a.example.com', ...target])).code, 1, 'a duplicate is a 409');

  await sim.resetLog();
  assertUsage(await cli(['auth', 'domains', 'remove', 'https://a.example.com', 'https://b.example.com', ...target]), /refusing to stop trusting/);
  assert.equal(await requestCount(), 0);
  assertUsage(await cli(['auth', 'domains', 'remove', ...target, '--yes']), /missing argument <url>/);
  const unknown = await cli(['auth', 'domains', 'remove', 'https://a.example.com', 'https://nope.example.com', ...target, '--yes']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /404/);
  assert.equal(json(await cli(['auth', 'domains', 'list', ...target, '--json'])).length, 2, 'nothing was removed');
  assert.deepEqual(json(await cli(['auth', 'domains', 'remove', 'https://a.example.com', 'https://b.example.com', ...target, '--yes', '--json'])), {
    removed: ['https://a.example.com', 'https://b.example.com'],
  });
  assert.deepEqual(json(await cli(['auth', 'domains', 'list', ...target, '--json'])), []);
});

test('auth providers: the client secret comes from an env var or stdin, is never echoed, never a flag value', async () => {
  const target = branch('br-filler-011'); // by ID: refused input then sends no branch lookup either
  ok(await cli(['auth', 'enable', ...target, '--json']));
  const secret = 'gsecret-never-print-0123456789';
  const google = ok(await cli(['auth', 'providers', 'add', 'google', '--client-id', 'gid-1', '--client-secret-env', 'GOOGLE_SECRET', ...target], { env: { GOOGLE_SECRET: secret } }));
  assert.equal(google.stdout, 'added google (standard, client ID gid-1)\n');
  const github = json(await cli(['auth', 'providers', 'add', 'github', '--client-id', 'ghid', '--client-secret-stdin', ...target, '--json'], { input: `${secret}\n` }));
  assert.deepEqual(github, { client_id: 'ghid', id: 'github', type: 'standard' });
  assert.equal(ok(await cli(['auth', 'providers', 'add', 'vercel', ...target])).stdout, 'added vercel (shared)\n');
  const listed = json(await cli(['auth', 'providers', 'list', ...target, '--json']));
  assert.deepEqual(listed.map((p) => `${p.id}:${p.type}:${p.client_id ?? ''}`), ['google:standard:gid-1', 'github:standard:ghid', 'vercel:shared:']);
  assert.match(ok(await cli(['auth', 'providers', 'list', ...target])).stdout, /^ID\s+TYPE\s+CLIENT ID\ngoogle\s+standard\s+gid-1\n/);

  await sim.resetLog();
  const asFlag = await cli(['auth', 'providers', 'add', 'microsoft', `--client-secret=${secret}`, ...target]);
  assertUsage(asFlag, /unknown option --client-secret\b/);
  assertUsage(await cli(['auth', 'providers', 'add', 'microsoft', '--client-secret-env', 'UNSET_VAR', ...target]), /UNSET_VAR .*is not set/);
  assertUsage(await cli(['auth', 'providers', 'add', 'microsoft', '--client-secret-env', 'A', '--client-secret-stdin', ...target], { env: { A: 'x' } }), /either/);
  assertUsage(await cli(['auth', 'providers', 'add', 'microsoft', '--client-secret-stdin', ...target]), /stdin was empty/);
  assertUsage(await cli(['auth', 'providers', 'add', 'myspace', ...target]), /`id`/);
  assertUsage(await cli(['auth', 'providers', 'remove', 'vercel', ...target]), /refusing to remove the vercel sign-in/);
  assert.equal(await requestCount(), 0);

  assert.equal(ok(await cli(['auth', 'providers', 'remove', 'vercel', ...target, '--yes'])).stdout, 'removed vercel\n');
  assert.deepEqual(json(await cli(['auth', 'providers', 'list', ...target, '--json'])).map((p) => p.id), ['google', 'github']);
  assert.equal((await cli(['auth', 'providers', 'remove', 'vercel', ...target, '--yes'])).code, 1, 'removing it twice is a 404');
  for (const text of outputs) assert.ok(!text.includes(secret), 'the client secret is never printed');
});

test('auth apply --file --env twice: Neon Auth keys once, then no changes, the base and JWKS lines, and a note saying so', async () => {
  const file = join(dir, 'neon-auth.json');
  await writeFile(file, JSON.stringify({
    trustedDomains: ['https://preview.example.com'],
    oauthProviders: [{ id: 'google' }],
    emailAndPassword: { enabled: true },
  }));
  const target = branch('filler-012');
  const first = ok(await cli(['auth', 'apply', '--file', file, '--env', ...target]));
  const firstEnv = envLines(first.stdout);
  assert.deepEqual(Object.keys(firstEnv), ['NEON_AUTH_BASE_URL', 'NEON_AUTH_JWKS_URL', 'NEON_AUTH_PUB_CLIENT_KEY', 'NEON_AUTH_SECRET_SERVER_KEY']);
  assert.match(firstEnv.NEON_AUTH_JWKS_URL, /^https:\/\/\S+$/);
  assert.match(first.stderr, /^\+ enable neonAuth/m, 'the changes go to stderr');
  assert.match(first.stderr, /^\+ add trustedDomains https:\/\/preview\.example\.com$/m);
  assert.match(first.stderr, /^neon-admin: Neon Auth was enabled on this run, so NEON_AUTH_PUB_CLIENT_KEY and NEON_AUTH_SECRET_SERVER_KEY were printed, this once: store them as secrets now; later runs print only NEON_AUTH_BASE_URL and NEON_AUTH_JWKS_URL$/m);

  await sim.resetLog();
  const second = ok(await cli(['auth', 'apply', '--file', file, '--env', ...target]));
  assert.deepEqual(envLines(second.stdout), { NEON_AUTH_BASE_URL: firstEnv.NEON_AUTH_BASE_URL, NEON_AUTH_JWKS_URL: firstEnv.NEON_AUTH_JWKS_URL });
  assert.equal(second.stderr, 'neon-admin: Neon Auth was already enabled, so its keys were not printed (only the run that enabled it printed them): read them from where they were stored\n', 'no changes on the second run, and why there are no keys');
  assert.equal(await writeCount(), 0, 'the second run writes nothing');

  assert.equal(ok(await cli(['auth', 'apply', '--file', file, ...target])).stdout, 'no changes\n');
  const result = json(await cli(['auth', 'apply', '--file', file, '--json', ...target]));
  assert.equal(result.branch_id, 'br-filler-012');
  assert.equal(result.dry_run, false);
  assert.deepEqual(result.changes, []);
  assert.equal(result.neon_auth.jwks_url, firstEnv.NEON_AUTH_JWKS_URL);
  assert.equal(result.created_keys, undefined);
});

test('auth apply: dry run writes nothing; --prune needs --yes unless --dry-run; bad files exit 2 with nothing sent', async () => {
  const file = join(dir, 'prune.json');
  await writeFile(file, JSON.stringify({ trustedDomains: ['https://keep.example.com'] }));
  const target = branch('filler-013');

  await sim.resetLog();
  const plan = json(await cli(['auth', 'apply', '--file', file, '--dry-run', '--json', ...target]));
  assert.equal(plan.dry_run, true);
  assert.equal(plan.neon_auth, null);
  assert.deepEqual(plan.changes.map((c) => `${c.action} ${c.target}`).slice(0, 2), ['enable neonAuth', 'add trustedDomains']);
  const human = ok(await cli(['auth', 'apply', '--file', file, '--dry-run', ...target]));
  assert.match(human.stdout, /^\+ enable neonAuth .*\n\+ add trustedDomains https:\/\/keep\.example\.com\n(.*\n)*dry run: nothing was changed\n$/);
  assert.equal(await writeCount(), 0);

  const applied = ok(await cli(['auth', 'apply', '--file', file, ...target]));
  assert.match(applied.stdout, /^\+ enable neonAuth/m);
  assert.match(applied.stdout, /^publishable client key\s+pck_/m);
  assert.match(applied.stdout, /shown only this once/);
  ok(await cli(['auth', 'domains', 'add', 'https://extra.example.com', ...target]));

  await sim.resetLog();
  assertUsage(await cli(['auth', 'apply', '--file', file, '--prune', ...target]), /refusing to apply .* with --prune/);
  assert.equal(await requestCount(), 0, 'nothing sent without --yes');
  const pruneplan = ok(await cli(['auth', 'apply', '--file', file, '--prune', '--dry-run', ...target]));
  assert.match(pruneplan.stdout, /^- remove trustedDomains .*extra\.example\.com/m);
  assert.equal(await writeCount(), 0);
  const pruned = json(await cli(['auth', 'apply', '--file', file, '--prune', '--yes', '--json', ...target]));
  assert.ok(pruned.changes.some((c) => c.action === 'remove' && c.target === 'trustedDomains'));
  assert.deepEqual(json(await cli(['auth', 'domains', 'list', ...target, '--json'])).map((d) => d.domain), ['https://keep.example.com']);

  await sim.resetLog();
  const bad = join(dir, 'bad.json');
  await writeFile(bad, '{"trustedDomains": [');
  assertUsage(await cli(['auth', 'apply', '--file', bad, ...target]), /bad\.json is not valid JSON/);
  await writeFile(bad, '["https://x.example.com"]');
  assertUsage(await cli(['auth', 'apply', '--file', bad, ...target]), /must hold a JSON object/);
  assertUsage(await cli(['auth', 'apply', '--file', join(dir, 'missing.json'), ...target]), /cannot read --file .*missing\.json: no such file/);
  assertUsage(await cli(['auth', 'apply', '--file', dir, ...target]), /it is a directory/);
  assert.equal(await requestCount(), 0, 'no request for a bad file');
});

test('the seed key never appears in any output', () => {
  assert.ok(outputs.length > 100);
  for (const text of outputs) assert.ok(!text.includes(sim.seedKey));
});
