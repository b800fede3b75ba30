// The real `neon` CLI 6.2.3 as the oracle for credential resolution: profiles made by the CLI
// itself (`neon profile create`, from a flag and from stdin), then `neon me -o json` and
// neon-admin's whoami run with the same HOME and environment against a server that records the
// bearer each sends. They must send the same key (the one the case expects), or both none.
// Runs on the backend NEON_ADMIN_BACKEND selects (scripts/test.sh runs it on both).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NeonAdmin } from '../../js/node.mjs';
import { adminWhoami, caseEnv, cliMe, runCli, startRecorder, tempHome } from './support/cli-oracle.mjs';
import { pooled } from './support/pooled.mjs';

const cfg = (home) => join(home, '.config', 'neon');
const put = (path, content) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
};
const apiKeyFile = (key) => ({ type: 'api_key', api_key: key });
const hour = 3_600_000;

let recorder;
let base; // a HOME whose profiles the CLI made: agent (--api-key), work (--api-key -), and DEFAULT
const results = new Map();

/** A copy of the CLI-made HOME. */
const fromBase = () => {
  const home = tempHome();
  cpSync(base, home, { recursive: true });
  return home;
};
const empty = () => {
  const home = tempHome();
  mkdirSync(cfg(home), { recursive: true });
  return home;
};

// Each case: a HOME, the environment, the CLI's flags and neon-admin's options, and the key both
// must send (null: neither sends one).
const cases = [
  ['env only', empty, { NEON_API_KEY: 'napi_env_only' }, [], {}, 'napi_env_only'],
  ['empty env, nothing stored', empty, { NEON_API_KEY: '' }, [], {}, null],
  ['padded env key', empty, { NEON_API_KEY: '  napi_padded  ' }, [], {}, 'napi_padded'],
  ['blank env key falls through to DEFAULT', fromBase, { NEON_API_KEY: '   ' }, [], {}, 'napi_default'],
  ['the default profile', fromBase, {}, [], {}, 'napi_default'],
  ['NEON_PROFILE names a profile made with --api-key', fromBase, { NEON_PROFILE: 'agent' }, [], {}, 'napi_agent_flag'],
  ['explicit profile made from stdin', fromBase, {}, ['--profile', 'work'], { profile: 'work' }, 'napi_work_stdin'],
  ['NEON_PROFILE=DEFAULT', fromBase, { NEON_PROFILE: 'DEFAULT' }, [], {}, 'napi_default'],
  ['NEON_PROFILE=default is unknown', fromBase, { NEON_PROFILE: 'default' }, [], {}, null],
  ['padded NEON_PROFILE', fromBase, { NEON_PROFILE: 'agent ' }, [], {}, 'napi_agent_flag'],
  ['unknown profile', fromBase, { NEON_PROFILE: 'nope' }, [], {}, null],
  [
    'profile pointing at another file',
    () => {
      const home = fromBase();
      put(join(home, 'shared', 'agent.json'), apiKeyFile('napi_elsewhere'));
      const profiles = JSON.parse(JSON.stringify({ version: 1, profiles: { DEFAULT: { credentials: 'credentials.json' }, agent: { credentials: '../../shared/agent.json' } } }));
      put(join(cfg(home), 'profiles.json'), profiles);
      return home;
    },
    { NEON_PROFILE: 'agent' }, [], {}, 'napi_elsewhere',
  ],
  [
    'named profile without profiles.json',
    () => {
      const home = empty();
      put(join(cfg(home), 'credentials.agent.json'), apiKeyFile('napi_unlisted'));
      return home;
    },
    { NEON_PROFILE: 'agent' }, [], {}, null,
  ],
  [
    'flat profiles.json (the shape neon-admin used to document)',
    () => {
      const home = empty();
      put(join(cfg(home), 'credentials.json'), apiKeyFile('napi_flat_default'));
      put(join(cfg(home), 'credentials.agent.json'), apiKeyFile('napi_flat_agent'));
      put(join(cfg(home), 'profiles.json'), { agent: 'credentials.agent.json' });
      return home;
    },
    {}, [], {}, null,
  ],
  [
    'profiles.json that is not JSON',
    () => {
      const home = fromBase();
      put(join(cfg(home), 'profiles.json'), '{"version": 1, "profiles": {');
      return home;
    },
    { NEON_PROFILE: 'agent' }, [], {}, null,
  ],
  ...['NEON_CONFIG_DIR', 'NEON_CONFIG_DIR ', 'NEONCTL_CONFIG_DIR'].map((name) => [
    `${name.trim()}${name.endsWith(' ') ? ' with a trailing space' : ''}`,
    fromBase,
    (home) => {
      put(join(home, 'elsewhere', 'credentials.json'), apiKeyFile('napi_config_dir'));
      return { [name.trim()]: `${join(home, 'elsewhere')}${name.endsWith(' ') ? ' ' : ''}` };
    },
    [], {}, 'napi_config_dir',
  ]),
  [
    'XDG_CONFIG_HOME',
    fromBase,
    (home) => {
      put(join(home, 'xdg', 'neon', 'credentials.json'), apiKeyFile('napi_xdg'));
      return { XDG_CONFIG_HOME: join(home, 'xdg') };
    },
    [], {}, 'napi_xdg',
  ],
  [
    'legacy folder only',
    () => {
      const home = empty();
      put(join(home, '.config', 'neonctl', 'credentials.json'), apiKeyFile('napi_legacy'));
      return home;
    },
    {}, [], {}, 'napi_legacy',
  ],
  [
    'both folders: neon wins',
    () => {
      const home = fromBase();
      put(join(home, '.config', 'neonctl', 'credentials.json'), apiKeyFile('napi_legacy'));
      return home;
    },
    {}, [], {}, 'napi_default',
  ],
  [
    'legacy profiles.json read in place',
    () => {
      const home = empty();
      const legacy = join(home, '.config', 'neonctl');
      put(join(legacy, 'credentials.ci.json'), apiKeyFile('napi_legacy_ci'));
      put(join(legacy, 'profiles.json'), { version: 1, profiles: { ci: { credentials: 'credentials.ci.json' } } });
      return home;
    },
    { NEON_PROFILE: 'ci' }, [], {}, 'napi_legacy_ci',
  ],
  ['explicit profile beats NEON_API_KEY', fromBase, { NEON_API_KEY: 'napi_env_loses' }, ['--profile', 'agent'], { profile: 'agent' }, 'napi_agent_flag'],
  ['NEON_API_KEY and NEON_PROFILE: the key wins', fromBase, { NEON_API_KEY: 'napi_env_wins', NEON_PROFILE: 'agent' }, [], {}, 'napi_env_wins'],
  ['explicit key and profile together', fromBase, {}, ['--profile', 'agent', '--api-key', 'napi_both'], { profile: 'agent', apiKey: 'napi_both' }, null],
  ...[
    ['OAuth login valid in the future', { access_token: 'oauth_live', refresh_token: 'r1', expires_at: Date.now() + hour }, 'oauth_live'],
    ['OAuth login expired, no refresh token', { access_token: 'oauth_old', expires_at: Date.now() - hour }, null],
    ['OAuth login without expires_at', { access_token: 'oauth_noexp' }, null],
    ['api_key file with a padded key', { type: 'api_key', api_key: '  napi_padded_file\n' }, 'napi_padded_file'],
    ['unknown credential type', { type: 'magic', api_key: 'napi_magic' }, null],
  ].map(([name, file, key]) => [
    name,
    () => {
      const home = empty();
      put(join(cfg(home), 'credentials.json'), file);
      return home;
    },
    {}, [], {}, key,
  ]),
];

before(async () => {
  recorder = await startRecorder();
  base = empty();
  const setup = recorder.scope();
  const env = caseEnv(base, setup.baseUrl);
  const fromFlag = await runCli(['profile', 'create', 'agent', '--api-key', 'napi_agent_flag'], env);
  assert.equal(fromFlag.code, 0, fromFlag.stderr);
  const fromStdin = await runCli(['profile', 'create', 'work', '--api-key', '-'], env, 'napi_work_stdin\n');
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  put(join(cfg(base), 'credentials.json'), apiKeyFile('napi_default'));
  // Both programs per case; the CLI runs are the slow part, so a few run at once.
  await pooled(
    cases.map(([name, makeHome, extra, flags, options]) => async () => {
      const home = makeHome();
      const scope = recorder.scope();
      const env = caseEnv(home, scope.baseUrl, typeof extra === 'function' ? extra(home) : extra);
      const cli = await cliMe(env, flags);
      const cliSent = scope.bearers()[0] ?? null;
      const admin = await adminWhoami(NeonAdmin, env, scope.baseUrl, options);
      const adminSent = scope.bearers().slice(cliSent === null ? 0 : 1)[0] ?? null;
      results.set(name, { cli, cliSent, admin, adminSent });
    }),
  );
});
after(() => recorder.stop());

test('the CLI made its profiles in its own format', () => {
  assert.ok(results.size === cases.length);
});

for (const [name, , , , , expected] of cases) {
  test(`same key as the CLI: ${name}`, () => {
    const { cli, cliSent, admin, adminSent } = results.get(name);
    assert.equal(cliSent, expected, `the CLI sent ${cliSent} (exit ${cli.code}: ${cli.stderr.trim().split('\n').pop()})`);
    assert.equal(adminSent, expected, `neon-admin sent ${adminSent} (${admin.error?.name}: ${admin.error?.message})`);
    if (expected === null) assert.equal(admin.error?.name, 'NeonConfigError');
  });
}
