// The runtime scenario suite in Deno 2 (npm package deno@2), through the packed package: as
// `npm:neon-admin` (resolved from node_modules/ to the `deno` export condition) and by path to
// js/deno.mjs, with only --allow-net=127.0.0.1; then where the key comes from under Deno's
// permissions. Scripts get the simulator's address inlined, since reading env needs a permission;
// each suite run gets a fresh simulator, as the suite changes its state (Neon Auth enabled once).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../scripts/simulator.mjs';
import { bin, installPackedPackage, scenariosPath } from '../runtimes/install.mjs';

let app;
const sims = [];
const freshSimulator = async () => {
  sims.push(await startSimulator());
  return sims.at(-1);
};
before(async () => {
  app = installPackedPackage();
  copyFileSync(scenariosPath, join(app, 'scenarios.mjs'));
  writeFileSync(join(app, 'deno.json'), '{"nodeModulesDir":"manual"}');
});
after(() => sims.forEach((s) => s.stop()));

// The child's environment: ours without any NEON_* variable, plus `env`.
function childEnv(env) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NEON')));
  return { ...base, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', ...env };
}

/** Runs `source` as `file` with `deno run --no-prompt <flags>`, stdin not a TTY; returns status and output. */
function deno(sim, file, source, flags, env = {}) {
  writeFileSync(join(app, file), `const SIM = ${JSON.stringify({ baseUrl: sim.baseUrl, apiKey: sim.seedKey })};\n${source}`);
  const run = spawnSync(bin('deno'), ['run', '--no-prompt', ...flags, file], {
    cwd: app,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv(env),
    timeout: 60_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}`, stdout: run.stdout };
}

const suite = (specifier, runtime) => `import NeonAdmin from '${specifier}';
import { runScenarios, summary } from './scenarios.mjs';
console.log('deno', Deno.version.deno);
console.log(summary('${runtime}', await runScenarios(NeonAdmin, SIM)));`;

test('Deno 2 (npm:neon-admin, deno condition, --allow-net only) passes the scenario suite', async () => {
  const { status, out } = deno(
    await freshSimulator(),
    'npm.mjs',
    `${suite('npm:neon-admin', 'deno-npm')}
const resolved = import.meta.resolve('npm:neon-admin');
console.log('resolved', resolved, (await import(resolved)).default === NeonAdmin);`,
    ['--allow-net=127.0.0.1'],
  );
  assert.equal(status, 0, out);
  assert.match(out, /^deno 2\.\d+\.\d+$/m, out);
  // Loaded through the `deno` condition, the very module we imported; and no --allow-read was given,
  // which js/node.mjs would need to read the wasm.
  assert.match(out, /^resolved file:\/\/\S+\/node_modules\/neon-admin\/js\/deno\.mjs true$/m, out);
  assert.match(out, /^deno-npm: 7 passed, 0 failed$/m, out);
});

test('Deno 2 (path to js/deno.mjs) passes the scenario suite', async () => {
  const { status, out } = deno(await freshSimulator(), 'path.mjs', suite('./node_modules/neon-admin/js/deno.mjs', 'deno-path'), ['--allow-net=127.0.0.1']);
  assert.equal(status, 0, out);
  assert.match(out, /^deno-path: 7 passed, 0 failed$/m, out);
});

test('Deno 2 permissions decide which credential sources are read', async () => {
  const sim = await freshSimulator();
  const probe = (flags, env) =>
    deno(
      sim,
      'creds.mjs',
      `import NeonAdmin, { NeonConfigError } from 'npm:neon-admin';
let result;
try {
  const neon = new NeonAdmin({ baseUrl: SIM.baseUrl });
  result = { source: neon.credentialSource, auth: (await neon.whoami()).auth_method };
} catch (e) {
  result = { error: e.name, config: e instanceof NeonConfigError, message: e.message };
}
console.log(JSON.stringify(result));`,
      ['--allow-net=127.0.0.1', ...flags],
      env,
    );
  const outcome = ({ status, out, stdout }) => {
    assert.equal(status, 0, out);
    return JSON.parse(stdout.trim());
  };
  const noKey = 'no Neon API key found: pass the apiKey option, or set the NEON_API_KEY environment variable, or log in with `neon auth` so that the Neon CLI\'s credentials.json exists';

  // No --allow-env: NEON_API_KEY is set but must be skipped (and named), not prompted for.
  assert.deepEqual(outcome(probe([], { NEON_API_KEY: sim.seedKey })), {
    error: 'NeonConfigError',
    config: true,
    message: `${noKey} (no config directory is known; skipped here: NEON_API_KEY (run Deno with --allow-env), the Neon CLI credentials file (run Deno with --allow-read))`,
  });

  // Only NEON_API_KEY may be read.
  assert.deepEqual(outcome(probe(['--allow-env=NEON_API_KEY'], { NEON_API_KEY: sim.seedKey })), { source: 'env', auth: 'api_key_user' });

  // The Neon CLI credentials file, readable in its folder only.
  const configDir = mkdtempSync(join(tmpdir(), 'neon-admin-deno-config-'));
  writeFileSync(join(configDir, 'credentials.json'), JSON.stringify({ type: 'api_key', api_key: sim.seedKey }));
  const fileFlags = [`--allow-read=${configDir}`, '--allow-env'];
  assert.deepEqual(outcome(probe(fileFlags, { NEON_CONFIG_DIR: configDir })), { source: 'credentials_file', auth: 'api_key_user' });
  // Without read access there, the file is skipped and named; with it, a missing file is not "skipped".
  const skipped = outcome(probe(['--allow-env'], { NEON_CONFIG_DIR: configDir })).message;
  assert.equal(skipped, `${noKey} (looked in ${configDir}; skipped here: the Neon CLI credentials file (run Deno with --allow-read))`);
  const emptyDir = mkdtempSync(join(tmpdir(), 'neon-admin-deno-empty-'));
  const missing = outcome(probe([`--allow-read=${emptyDir}`, '--allow-env'], { NEON_CONFIG_DIR: emptyDir })).message;
  assert.equal(missing, `${noKey} (looked in ${emptyDir})`);

  // An expired Neon CLI login with a refresh token: refreshing it rewrites the file, which needs
  // --allow-write, so without it the error says how to refresh it or what to use instead.
  const loginDir = mkdtempSync(join(tmpdir(), 'neon-admin-deno-login-'));
  writeFileSync(join(loginDir, 'credentials.json'), JSON.stringify({ access_token: 'expired_tok_1', refresh_token: 'refresh_tok_1', expires_at: 1 }));
  const refused = outcome(probe([`--allow-read=${loginDir}`, '--allow-env'], { NEON_CONFIG_DIR: loginDir }));
  assert.equal(refused.error, 'NeonConfigError');
  assert.match(refused.message, /`neon me`/);
  assert.match(refused.message, /NEON_API_KEY/);
  assert.ok(!/expired_tok_1|refresh_tok_1/.test(refused.message), refused.message);
});
