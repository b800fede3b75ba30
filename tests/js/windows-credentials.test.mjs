// Credentials on Windows, with the real `neon` CLI 6.2.3 as the oracle: both run on the official
// Windows Node 22 under Wine, each case in its own home on the Windows temp folder (C:), with
// USERPROFILE as a Windows user's home and no HOME unless the case sets one (as Git Bash does).
// `neon me -o json` and neon-admin's whoami (the packed package, once on the wasm build and once
// on the win32-x64-gnu addon) run as separate Windows processes with the same environment, against
// a server on the Linux side that records the bearer each sends: all three must send the case's
// key, or none. The CLI's Windows runs are slow (about 5 s each), so the cases are the ones
// where Windows differs: home, separators, drive paths, CRLF files, variable-name case.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NEON_CLI, startRecorder } from './support/cli-oracle.mjs';
import { installWindowsApp } from '../windows/app.mjs';
import { requireWine, runWindowsJson, windowsPath } from '../windows/wine.mjs';

const BACKENDS = ['wasm', 'native'];
const apiKeyFile = (key) => ({ type: 'api_key', api_key: key });
const hour = 3_600_000;
const cfg = '.config/neon';

// [name, { base: start from the CLI-made home, files, env, flags, options }, expected key (null: none sent)]
const cases = [
  ['USERPROFILE only: the default profile in %USERPROFILE%\\.config\\neon', { base: true }, 'napi_default'],
  ['NEON_PROFILE names a profile the CLI made on Windows', { base: true, env: { NEON_PROFILE: 'agent' } }, 'napi_agent_flag'],
  ['explicit profile the CLI made from stdin', { base: true, flags: ['--profile', 'work'], options: { profile: 'work' } }, 'napi_work_stdin'],
  ['unknown profile', { base: true, env: { NEON_PROFILE: 'nope' } }, null],
  ['HOME (as Git Bash sets it) wins over USERPROFILE', { base: true, files: { [`gitbash/${cfg}/credentials.json`]: apiKeyFile('napi_git_bash_home') }, env: { HOME: '{home}\\gitbash' } }, 'napi_git_bash_home'],
  ['NEON_CONFIG_DIR with backslashes', { base: true, files: { 'elsewhere/credentials.json': apiKeyFile('napi_config_dir') }, env: { NEON_CONFIG_DIR: '{home}\\elsewhere' } }, 'napi_config_dir'],
  ['NEON_CONFIG_DIR with forward slashes', { base: true, files: { 'elsewhere/credentials.json': apiKeyFile('napi_config_fwd') }, env: { NEON_CONFIG_DIR: '{home/}/elsewhere' } }, 'napi_config_fwd'],
  ['XDG_CONFIG_HOME', { base: true, files: { 'xdg/neon/credentials.json': apiKeyFile('napi_xdg') }, env: { XDG_CONFIG_HOME: '{home}\\xdg' } }, 'napi_xdg'],
  ['legacy neonctl folder only', { files: { '.config/neonctl/credentials.json': apiKeyFile('napi_legacy') } }, 'napi_legacy'],
  [
    'profiles.json pointing with a relative backslash path',
    { base: true, files: { 'shared/agent.json': apiKeyFile('napi_relative'), [`${cfg}/profiles.json`]: { version: 1, profiles: { DEFAULT: { credentials: 'credentials.json' }, agent: { credentials: '..\\..\\shared\\agent.json' } } } }, env: { NEON_PROFILE: 'agent' } },
    'napi_relative',
  ],
  [
    'profiles.json pointing at an absolute drive path',
    { base: true, files: { 'shared/abs.json': apiKeyFile('napi_drive_path'), [`${cfg}/profiles.json`]: { version: 1, profiles: { agent: { credentials: '{home}\\shared\\abs.json' } } } }, env: { NEON_PROFILE: 'agent' } },
    'napi_drive_path',
  ],
  ['credentials.json saved with CRLF line endings', { files: { [`${cfg}/credentials.json`]: '{\r\n  "type": "api_key",\r\n  "api_key": "napi_crlf"\r\n}\r\n' } }, 'napi_crlf'],
  ['a key padded with CRLF', { files: { [`${cfg}/credentials.json`]: apiKeyFile('  napi_padded_crlf\r\n') } }, 'napi_padded_crlf'],
  ['NEON_API_KEY set as neon_api_key (Windows variable names ignore case)', { env: { neon_api_key: 'napi_lowercase_name' } }, 'napi_lowercase_name'],
  ['OAuth login valid in the future', { files: { [`${cfg}/credentials.json`]: { access_token: 'oauth_live', refresh_token: 'r1', expires_at: Date.now() + hour } } }, 'oauth_live'],
];

let recorder;
let report;
const scopes = new Map();

before(async () => {
  requireWine();
  const app = installWindowsApp();
  recorder = await startRecorder();
  const specCases = cases.map(([name, c]) => {
    const own = { cli: recorder.scope(), admin: Object.fromEntries(BACKENDS.map((b) => [b, recorder.scope()])) };
    scopes.set(name, own);
    return { name, ...c, cliBase: own.cli.baseUrl, adminBases: Object.fromEntries(BACKENDS.map((b) => [b, own.admin[b].baseUrl])) };
  });
  const specFile = join(mkdtempSync(join(tmpdir(), 'neon-admin-win-spec-')), 'spec.json');
  const preload = new URL('../windows/wine-keepalive.cjs', import.meta.url).pathname;
  writeFileSync(specFile, JSON.stringify({ cli: windowsPath(NEON_CLI), cliPreload: windowsPath(preload), adminScript: windowsPath(join(app, 'admin-whoami.mjs')), setupBase: recorder.scope().baseUrl, cases: specCases }));
  const driver = new URL('../windows/credentials-driver.mjs', import.meta.url).pathname;
  report = await runWindowsJson([windowsPath(driver), windowsPath(specFile)], { cwd: app, timeoutMs: 900_000 });
});
after(() => recorder?.stop());

test('the CLI made its profiles on Windows, in profiles.json beside credentials.json', () => {
  assert.deepEqual(report.made.map((m) => m.code), [0, 0], JSON.stringify(report.made));
  assert.deepEqual(Object.keys(report.profilesJson.profiles).sort(), ['DEFAULT', 'agent', 'work']);
  assert.match(report.base, /^C:\\/);
});

for (const [name, , expected] of cases) {
  test(`same key as the CLI on Windows: ${name}`, () => {
    const { cli, admin } = report.results[name];
    const own = scopes.get(name);
    const cliSent = own.cli.bearers()[0] ?? null;
    assert.equal(cliSent, expected, `the CLI sent ${cliSent} (exit ${cli.code}: ${cli.stderr})`);
    for (const backend of BACKENDS) {
      const result = admin[backend];
      assert.equal(result.backend, backend, JSON.stringify(result));
      const sent = own.admin[backend].bearers()[0] ?? null;
      assert.equal(sent, expected, `neon-admin (${backend}) sent ${sent}: ${JSON.stringify(result)}`);
      if (expected === null) assert.equal(result.error?.name, 'NeonConfigError');
    }
  });
}
