// Every secret the CLI receives reaches its stdout, or the CLI says which key holds it: each command
// that creates or rotates (keys create, keys rotate, auth enable, auth apply, auth apply --branches)
// run as a real process against the simulator with stdout closed before its first write (EPIPE),
// in each output form. A failed write is exit 3 with a stderr line naming the key and what to do;
// rotate revokes the new key again and keeps the old one. And when a library call fails after the
// API answered (`error.partial`, injected by support/cli-partial-preload.mjs around the real calls),
// the secrets received so far are printed before the error.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../scripts/simulator.mjs';
import { runCli } from './support/cli-process.mjs';
import { startFaultServer } from './support/fault-server.mjs';

const ALPHA = 'proj-sim-alpha';
const FLEET = 'proj-sim-fleet';
const EPIPE = /stdout could not take the output \(EPIPE\)/;

let sim;
let dir;
let file; // a desired Neon Auth state for apply

before(async () => {
  sim = await startSimulator({ args: ['--preview-branches', '36'] });
  dir = await mkdtemp(join(tmpdir(), 'neon-admin-cli-delivery-'));
  file = join(dir, 'desired.json');
  await writeFile(file, JSON.stringify({ trustedDomains: ['https://preview.example.com'] }));
});
after(async () => {
  sim.stop();
  await rm(dir, { recursive: true, force: true });
});

const cli = (args, options, env = {}) => runCli(args, { NEON_API_KEY: sim.seedKey, NEON_API_HOST: sim.baseUrl, NEON_CONFIG_DIR: join(dir, 'neon-config'), ...env }, options);
const closed = (args) => cli(args, { closed: true });
const json = async (args) => {
  const result = await cli(args);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
};
const works = async (token) => (await cli(['whoami', '--json'], {}, { NEON_API_KEY: token })).code === 0;
const listedIds = async () => (await json(['keys', 'list', '--json'])).map((k) => k.id);
const deletes = async () => (await sim.requests()).filter((r) => r.method === 'DELETE').map((r) => r.path);
const branch = (name) => ['--project', ALPHA, '--branch', name];

/** Asserts a failed write: exit 3 and a last stderr line `neon-admin: …` matching `pattern`; returns the match. */
function failedWrite(result, pattern) {
  assert.equal(result.code, 3, `expected exit 3, got ${result.code}: ${result.stderr}`);
  const last = /(?:^|\n)(neon-admin: [^\n]+)\n$/.exec(result.stderr)?.[1];
  assert.ok(last, `a last line from the CLI in ${result.stderr}`);
  assert.match(last, EPIPE);
  const match = pattern.exec(last);
  assert.ok(match, `${pattern} in ${last}`);
  return match;
}

test('keys create with stdout closed: exit 3, stderr names the live key and how to revoke it', async () => {
  for (const form of [[], ['--json'], ['--env'], ['--shell']]) {
    const result = await closed(['keys', 'create', 'lost-token', ...form]);
    const [, id] = failedWrite(result, /the API key (\d+) was created, but its token could not be written \(.*\) and cannot be shown again: revoke it with `(neon-admin keys revoke \d+ --yes)` and create a new one/);
    assert.ok((await listedIds()).includes(Number(id)), 'the named key exists');
    const revoke = await cli(['keys', 'revoke', id, '--yes']);
    assert.equal(revoke.code, 0, 'the advice works');
  }
});

test('keys rotate with stdout closed: the new key is revoked again, the old key keeps working, exit 3', async () => {
  for (const form of [[], ['--json'], ['--env'], ['--shell']]) {
    const old = await json(['keys', 'create', 'rot-old', '--json']);
    await sim.resetLog();
    const result = await closed(['keys', 'rotate', String(old.id), '--name', 'rot-new', '--yes', ...form]);
    const [, newId] = failedWrite(result, new RegExp(`the new key's token could not be written \\(.*\\), so nothing was rotated: the new key (\\d+) was revoked again and the old key ${old.id} still works`));
    assert.deepEqual(await deletes(), [`/api/v2/api_keys/${newId}`], 'only the new key was revoked');
    assert.equal(await works(old.key), true, 'the old key still works');
  }
});

test('keys rotate with stdout closed and the new key not revocable: stderr names the live new key', async () => {
  const server = await startFaultServer();
  try {
    server.script('DELETE', '/api_keys/8', [{ status: 400 }]);
    const result = await runCli(['keys', 'rotate', '7', '--name', 'ci-next', '--yes', '--env'], { NEON_API_KEY: 'fault-key', NEON_API_HOST: server.baseUrl }, { closed: true });
    failedWrite(result, /and revoking the new key 8 failed too: key 8 is live with a token that never arrived, revoke it with `neon-admin keys revoke 8 --yes`; the old key 7 still works/);
    assert.equal(server.count('DELETE', '/api_keys/8'), 1);
    assert.equal(server.count('DELETE', '/api_keys/7'), 0, 'the old key was never touched');
  } finally {
    await server.close();
  }
});

test('auth enable and auth apply with stdout closed: exit 3, stderr names the branch and the way to new keys', async () => {
  const lost = (name) => new RegExp(`Neon Auth was enabled on branch ${name} of ${ALPHA}, but its keys could not be written \\(.*\\) and cannot be shown again: .*--delete-data --yes`);
  const runs = [
    ['filler-001', ['auth', 'enable']],
    ['filler-002', ['auth', 'enable', '--env']],
    ['filler-003', ['auth', 'apply', '--file', file]],
    ['filler-004', ['auth', 'apply', '--file', file, '--env']],
    ['filler-005', ['auth', 'apply', '--file', file, '--json']],
  ];
  for (const [name, args] of runs) {
    failedWrite(await closed([...args, ...branch(name)]), lost(name));
    assert.equal((await json(['auth', 'status', ...branch(name), '--json'])).enabled, true, `${name}: as the message says`);
  }
  // Without a secret to lose, a failed write is still exit 3, with the plain reason.
  const plain = await closed(['auth', 'apply', '--file', file, ...branch('filler-003')]);
  assert.equal(plain.code, 3);
  assert.match(plain.stderr, /^neon-admin: stdout could not take the output \(EPIPE\)\n$/);
});

test('auth apply --branches with stdout closed: exit 3, stderr names every branch whose keys did not arrive', async () => {
  // The fleet project seeds every fourth branch (pr-0001, pr-0005, …) without Neon Auth.
  const names = (text) => text.split(', ').map((n) => n.split(' ')[0]).sort();
  const table = await closed(['auth', 'apply', '--file', file, '--project', FLEET, '--branches', 'preview/pr-000[1-9]']);
  const [, all] = failedWrite(table, new RegExp(`Neon Auth was enabled on branches (.*) of ${FLEET}, but their keys could not be written`));
  assert.deepEqual(names(all), ['preview/pr-0001', 'preview/pr-0005', 'preview/pr-0009']);

  // --json stops at the first line that cannot be written; the branches it names are enabled.
  const lines = await closed(['auth', 'apply', '--file', file, '--project', FLEET, '--branches', 'preview/pr-001[3-7]', '--json']);
  const [, some] = failedWrite(lines, new RegExp(`Neon Auth was enabled on (?:branch|branches) (.*) of ${FLEET}, but (?:its|their) keys could not be written`));
  assert.ok(names(some).every((name) => ['preview/pr-0013', 'preview/pr-0017'].includes(name)), some);
  for (const name of names(some)) {
    assert.equal((await json(['auth', 'status', '--project', FLEET, '--branch', name, '--json'])).enabled, true, name);
  }
});

test('a call that fails after the API answered: its new token or keys are printed first, then the error (exit 1)', async () => {
  const injected = /^neon-admin: the call failed after the API answered \(injected by the test\)\n$/;
  const create = await cli(['keys', 'create', 'partial-create', '--env'], { failAfter: 'create' });
  assert.equal(create.code, 1);
  assert.match(create.stderr, injected);
  const token = /^NEON_API_KEY=(\S+)\n$/.exec(create.stdout)?.[1];
  assert.equal(await works(token), true, 'the printed token is the live key');

  const old = await json(['keys', 'create', 'partial-old', '--json']);
  const rotate = await cli(['keys', 'rotate', String(old.id), '--name', 'partial-new', '--yes', '--json'], { failAfter: 'rotate' });
  assert.equal(rotate.code, 1);
  assert.match(rotate.stderr, injected);
  const rotation = JSON.parse(rotate.stdout);
  assert.deepEqual([rotation.created.name, rotation.revoked, await works(rotation.created.key)], ['partial-new', null, true]);

  const apply = await cli(['auth', 'apply', '--file', file, '--env', ...branch('filler-006')], { failAfter: 'apply' });
  assert.equal(apply.code, 1);
  assert.match(apply.stderr, /\n?neon-admin: the call failed after the API answered/);
  assert.match(apply.stdout, /^NEON_AUTH_BASE_URL=\S+\nNEON_AUTH_JWKS_URL=\S+\nNEON_AUTH_PUB_CLIENT_KEY=pck_\S+\nNEON_AUTH_SECRET_SERVER_KEY=ssk_\S+\n$/);

  // With stdout closed as well: the message names the key and then the call's own error.
  const both = await cli(['keys', 'create', 'partial-closed'], { failAfter: 'create', closed: true });
  failedWrite(both, /the API key \d+ was created, but its token could not be written .*; before that, the command failed: the call failed after the API answered/);
});

test('auth apply --branches that stops: every finished branch is printed once, with its keys, then the error', async () => {
  // The preload stops the run as the second branch finishes: the first was printed as it finished,
  // the second comes from the error's partial results.
  const lines = await cli(['auth', 'apply', '--file', file, '--project', FLEET, '--branches', 'preview/pr-002[15]', '--json'], { failAfter: 'fleet' });
  assert.equal(lines.code, 1);
  assert.match(lines.stderr, /injected by the test/);
  const printed = lines.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  assert.deepEqual(printed.map((r) => r.name).sort(), ['preview/pr-0021', 'preview/pr-0025'], 'each branch once');
  for (const r of printed) assert.match(r.created_keys.secret_server_key, /^ssk_/);
  assert.equal(printed.some((r) => 'summary' in r), false, 'no summary for a run that stopped');

  // pr-0023 had Neon Auth already (no keys), pr-0033 is enabled by this run.
  const table = await cli(['auth', 'apply', '--file', file, '--project', FLEET, '--branches', 'preview/pr-00[23]3'], { failAfter: 'fleet' });
  assert.equal(table.code, 1);
  assert.match(table.stdout, /^BRANCH\s+ID\s+CHANGES\s+RESULT$/m);
  assert.deepEqual([...table.stdout.matchAll(/^(preview\/pr-\d+)\s+br-/gm)].map((m) => m[1]).sort(), ['preview/pr-0023', 'preview/pr-0033']);
  assert.deepEqual([...table.stdout.matchAll(/^branch\s+(\S+)$/gm)].map((m) => m[1]), ['preview/pr-0033']);
  assert.equal([...table.stdout.matchAll(/^secret server key\s+ssk_\S+$/gm)].length, 1);
  assert.match(table.stdout, /shown only this once/);
});
