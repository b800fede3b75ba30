// The CLI's --env and --shell output for any value the API might return, fed through the fault
// server: --env writes a verbatim KEY=value line only for a plain value, which dotenv, $GITHUB_ENV
// and a shell all read back unchanged; any other value goes out as JSON with exit 3 (the secret is
// not lost); --shell lines, sourced by a real sh, give back every value exactly and run nothing.
// The child inherits NEON_ADMIN_BACKEND, so this suite also runs on the native addon.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { runCli } from './support/cli-process.mjs';
import { startFaultServer } from './support/fault-server.mjs';

const BRANCH = ['--project', 'proj-env-1', '--branch', 'br-env-000001'];
const AUTH_PATH = '/projects/proj-env-1/branches/br-env-000001/auth';

// Values a shell, dotenv or $GITHUB_ENV would read differently; `touch` leaves PWNED behind if run.
const HOSTILE = [
  'tok$(touch PWNED)x',
  'tok`touch PWNED`x',
  `it's "quoted"`,
  'two words  and\ttab',
  'line one\nline two',
  '$HOME ${PATH} # not a comment',
  "'",
  'trailing backslash\\',
  ' leading space',
];
// Every character --env writes verbatim.
const PLAIN = 'https://u@h.example.com:443/a/b%20c,d+e=f_g.h-i';

// The dotenv rules, as Node's own parser for `node --env-file` applies them (the rules of npm
// `dotenv`, which Next.js and Vite use: `export ` allowed, quotes stripped, an unquoted value ends
// at `#` and is trimmed).
const dotenvParse = (text) => ({ ...parseEnv(text) });

let server;
let dir;

before(async () => {
  server = await startFaultServer();
  dir = await mkdtemp(join(tmpdir(), 'neon-admin-cli-env-'));
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const cli = (args) => runCli(args, { NEON_API_KEY: 'fault-key', NEON_API_HOST: server.baseUrl, NEON_CONFIG_DIR: join(dir, 'neon-config') });

/** Sources `text` in a real sh (in `dir`) and returns the named variables as it sees them. */
async function sourced(text, names) {
  const file = join(dir, 'out.sh');
  await writeFile(file, text);
  const script = `. ./out.sh && ${names.map((name) => `printf '%s\\0' "$${name}"`).join(' && ')}`;
  const stdout = await new Promise((resolve, reject) => {
    execFile('sh', ['-c', script], { cwd: dir, env: { PATH: process.env.PATH, HOME: '/nonexistent' } }, (error, out) => (error ? reject(error) : resolve(out)));
  });
  return Object.fromEntries(stdout.split('\0').slice(0, -1).map((value, i) => [names[i], value]));
}

const pwned = () => access(join(dir, 'PWNED')).then(() => true, () => false);

/** The `$GITHUB_ENV` rules: `NAME=value` (everything after the first `=`, taken literally) or a `NAME<<DELIMITER` block. */
function githubEnvParse(text) {
  const pairs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      pairs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      pairs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return pairs;
}

const createdKey = (key) => ({ status: 200, body: { id: 8, key, name: 'ci-next', created_at: '2025-11-03T09:14:27Z', created_by: '3f2c8a9e-6b1d-4c7e-9a0f-5d8e2b4c6a1f' } });
const enabledAuth = (value) => ({
  status: 201,
  body: {
    auth_provider: 'better_auth',
    auth_provider_project_id: 'p-1',
    pub_client_key: `pck_${value}`,
    secret_server_key: `ssk_${value}`,
    jwks_url: 'https://auth.example.com/.well-known/jwks.json',
    schema_name: 'neon_auth',
    table_name: 'users_sync',
    base_url: `https://auth.example.com/${value}`,
  },
});

/** Asserts the --env refusal: exit 3, no KEY=value line, the whole result as JSON on stdout, and a stderr line naming `keys`. */
function assertRefused(result, keys) {
  assert.equal(result.code, 3, result.stderr);
  assert.doesNotMatch(result.stdout, /^[A-Z_]+=/m, 'no verbatim line');
  assert.match(result.stderr, new RegExp(`^neon-admin: the value of ${keys.join(', ')} holds characters that a shell or dotenv would interpret, so no KEY=value lines were written: the result is on stdout as JSON instead.*--shell`));
  return JSON.parse(result.stdout);
}

test('keys create: --shell gives back every value in sh and runs nothing; --env refuses it and prints the JSON instead', async () => {
  for (const value of HOSTILE) {
    server.script('POST', '/api_keys', [createdKey(value)]);
    const shell = await cli(['keys', 'create', 'ci-next', '--shell']);
    assert.equal(shell.code, 0, shell.stderr);
    assert.match(shell.stdout, /^export NEON_API_KEY='/);
    assert.deepEqual(await sourced(shell.stdout, ['NEON_API_KEY']), { NEON_API_KEY: value }, JSON.stringify(value));

    server.script('POST', '/api_keys', [createdKey(value)]);
    const refused = assertRefused(await cli(['keys', 'create', 'ci-next', '--env']), ['NEON_API_KEY']);
    assert.equal(refused.key, value, 'the token still reaches the user');
    assert.equal(refused.id, 8);
  }
  assert.equal(await pwned(), false, 'nothing in a value ran');
});

test('keys create --env with a plain value: one line that dotenv, $GITHUB_ENV and sh all read back unchanged', async () => {
  server.script('POST', '/api_keys', [createdKey(PLAIN)]);
  const result = await cli(['keys', 'create', 'ci-next', '--env']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, `NEON_API_KEY=${PLAIN}\n`);
  assert.deepEqual(dotenvParse(result.stdout), { NEON_API_KEY: PLAIN });
  assert.deepEqual(githubEnvParse(result.stdout), { NEON_API_KEY: PLAIN });
  assert.deepEqual(await sourced(result.stdout, ['NEON_API_KEY']), { NEON_API_KEY: PLAIN });
  // The shell form of the same value is read back unchanged by dotenv as well.
  server.script('POST', '/api_keys', [createdKey(PLAIN)]);
  const shell = await cli(['keys', 'create', 'ci-next', '--shell']);
  assert.deepEqual(dotenvParse(shell.stdout), { NEON_API_KEY: PLAIN });
});

test('auth enable and auth status: four values through --shell; --env refuses and prints the JSON with both keys', async () => {
  const names = ['NEON_AUTH_BASE_URL', 'NEON_AUTH_JWKS_URL', 'NEON_AUTH_PUB_CLIENT_KEY', 'NEON_AUTH_SECRET_SERVER_KEY'];
  for (const value of HOSTILE) {
    server.script('POST', AUTH_PATH, [enabledAuth(value)]);
    const shell = await cli(['auth', 'enable', ...BRANCH, '--shell']);
    assert.equal(shell.code, 0, shell.stderr);
    assert.deepEqual(await sourced(shell.stdout, names), {
      NEON_AUTH_BASE_URL: `https://auth.example.com/${value}`,
      NEON_AUTH_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
      NEON_AUTH_PUB_CLIENT_KEY: `pck_${value}`,
      NEON_AUTH_SECRET_SERVER_KEY: `ssk_${value}`,
    });

    server.script('POST', AUTH_PATH, [enabledAuth(value)]);
    const refused = assertRefused(await cli(['auth', 'enable', ...BRANCH, '--env']), ['NEON_AUTH_BASE_URL', 'NEON_AUTH_PUB_CLIENT_KEY', 'NEON_AUTH_SECRET_SERVER_KEY']);
    assert.deepEqual([refused.pub_client_key, refused.secret_server_key], [`pck_${value}`, `ssk_${value}`]);

    const { status: _status, body } = enabledAuth(value);
    const { pub_client_key: _p, secret_server_key: _s, ...info } = body;
    const { schema_name: _schema, table_name: _table, ...shared } = info;
    server.script('GET', AUTH_PATH, [{ status: 200, body: { ...shared, branch_id: 'br-env-000001', db_name: 'neondb', created_at: '2025-11-03T09:14:27Z', owned_by: 'user' } }]);
    const status = assertRefused(await cli(['auth', 'status', ...BRANCH, '--env']), ['NEON_AUTH_BASE_URL']);
    assert.equal(status.base_url, `https://auth.example.com/${value}`);
  }
  assert.equal(await pwned(), false, 'nothing in a value ran');
});

test('keys rotate --env with a token --env cannot carry: the token goes out as JSON, then the old key is revoked, exit 3', async () => {
  server.script('POST', '/api_keys', [createdKey('tok$(touch PWNED)x')]);
  const before = server.count('DELETE', '/api_keys/7');
  const result = await cli(['keys', 'rotate', '7', '--name', 'ci-next', '--yes', '--env']);
  const refused = assertRefused(result, ['NEON_API_KEY']);
  assert.equal(refused.key, 'tok$(touch PWNED)x');
  assert.equal(server.count('DELETE', '/api_keys/7'), before + 1, 'the token was delivered, so the rotation went on');
  assert.equal(server.count('DELETE', '/api_keys/8'), 0, 'the new key stays');

  server.script('POST', '/api_keys', [createdKey("it's")]);
  const shell = await cli(['keys', 'rotate', '7', '--name', 'ci-next', '--yes', '--shell']);
  assert.equal(shell.code, 0, shell.stderr);
  assert.deepEqual(await sourced(shell.stdout, ['NEON_API_KEY']), { NEON_API_KEY: "it's" });
});

test('--env, --shell and --json exclude each other; --shell only where --env is offered', async () => {
  for (const [args, pattern] of [
    [['keys', 'create', 'x', '--env', '--shell'], /--env and --shell cannot be used together/],
    [['keys', 'create', 'x', '--json', '--shell'], /--json and --shell cannot be used together/],
    [['keys', 'list', '--shell'], /keys list has no --shell output/],
  ]) {
    const result = await cli(args);
    assert.equal(result.code, 2);
    assert.match(result.stderr, pattern);
  }
  const help = await cli(['auth', 'enable', '--help']);
  assert.match(help.stdout, /--shell {2}the same as export KEY='value' lines/);
  assert.match(help.stdout, /as KEY=value lines, each value verbatim, for \$GITHUB_ENV and \.env files; a value that a\n +shell or dotenv would read differently is refused \(the JSON document instead, exit 3\)/);
});
