// The operation declarations of the core (src/, `operations!`) against everything derived from
// them or written beside them: the generated files are current, every operation was run by a
// conformance suite (by the record of what each test file ran: scripts/operation-coverage.mjs), the declared
// method and path are the ones the differential cases see on the wire, and the JavaScript facade
// runs each operation under its declared name with its declared secret fields.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { LIST_PATH, outputs, readCoverage, readTable } from '../../scripts/operations.mjs';
import { HAND_WRITTEN } from '../../scripts/operations/classes.mjs';
import { operationRunner } from '../../js/backends/operation-runner.mjs';
import { cases } from './support/sdk-cases.mjs';
import { ApiKeys } from '../../js/resources/api-keys.mjs';
import { BranchAuth } from '../../js/resources/branch-auth.mjs';
import { Credentials } from '../../js/resources/credentials.mjs';
import { Branches, Projects } from '../../js/resources/projects-and-branches.mjs';

const table = JSON.parse(readFileSync(LIST_PATH, 'utf8'));
/** Operations of the newer contract only (not in the pinned spec Prism serves): their contract test is the differential one. */
const NEWER_ONLY = new Set([
  'branchAuth.emailProvider.test',
  'credentials.list',
  'credentials.create',
  'credentials.reveal',
  'credentials.rotate',
  'credentials.revoke',
]);

test('the generated declarations, test list and docs/api.md table are current', () => {
  for (const { path, actual, expected } of outputs(readTable())) {
    assert.ok(expected !== null, `${path} has its generated block`);
    assert.ok(actual === expected, `${path} is stale: run \`node scripts/operations.mjs\``);
  }
});

test('every operation was run by a conformance suite', () => {
  const coverage = readCoverage();
  const caseNames = new Set(cases.map((c) => c.name.split(' (')[0]));
  const missing = table.filter((op) => {
    if (NEWER_ONLY.has(op.name)) return !caseNames.has(op.name);
    return !coverage[op.name].some((file) => file.startsWith('conformance'));
  });
  assert.deepEqual(missing.map((op) => op.name), [], 'call the operation in a conformance suite (or add a differential case for a newer-only operation), then refresh the record (scripts/operation-coverage.mjs)');
  assert.ok(table.length >= 42, `${table.length} operations`);
});

test('the declared method and path are what the differential cases send', () => {
  let checked = 0;
  for (const c of cases) {
    const name = c.name.split(' (')[0];
    const op = table.find((o) => o.name === name);
    assert.ok(op, `the differential case ${c.name} names a declared operation`);
    const path = op.path.replace(/\{[a-z_]+\}/g, '[^/]+');
    assert.match(c.route, new RegExp(`^${op.method} ${path}$`), `${op.name}: declared ${op.method} ${op.path}`);
    checked += 1;
  }
  assert.ok(checked >= 40, `${checked} cases`);
});

/** A value for a declared parameter, good enough for the facade to pass it on. */
function argument(param) {
  const type = param.ts;
  if (type === 'string' || type.startsWith('string |')) return 'x-arg';
  if (type === 'boolean') return true;
  if (type === 'number') return 7;
  if (type === 'string[]') return ['x-arg'];
  if (type === 'OAuthProviderId') return 'google';
  return {};
}

/** A result holding a `secret-<field>` value at every field `paths` name (`a.b`, `a[].b`). */
function resultWith(paths) {
  const result = { plain: 'visible' };
  for (const path of paths) {
    let node = result;
    const parts = path.split('.');
    for (const part of parts.slice(0, -1)) {
      const list = part.endsWith('[]');
      const key = list ? part.slice(0, -2) : part;
      if (list) node = (node[key] ??= [{}])[0];
      else node = node[key] ??= {};
    }
    node[parts.at(-1)] = `secret-${path}`;
  }
  return result;
}

/** The facade object and method of `op` over a backend that records what it is asked to run. */
function facadeMethod(op, run) {
  const [head, ...rest] = op.name.split('.');
  let owner = {
    apiKeys: new ApiKeys(run, 'apiKeys', {}),
    orgApiKeys: new ApiKeys(run, 'orgApiKeys', { orgId: 'org-1' }),
    branchAuth: new BranchAuth(run, 'proj-1', 'br-1'),
    credentials: new Credentials(run, 'proj-1', 'br-1'),
    projects: new Projects(run),
    branches: new Branches(run, 'proj-1'),
  }[head];
  if (!owner) return null;
  for (const part of rest.slice(0, -1)) owner = owner[part];
  return owner[rest.at(-1)].bind(owner);
}

test('the facade runs every operation under its declared name, hiding and redacting the declared fields', async () => {
  let checked = 0;
  for (const op of table) {
    const seen = [];
    const listing = op.result.startsWith('Listing<');
    // The backend answers; the one runner (as NeonAdmin has it) redacts what the method declares.
    const backend = {
      run: async (name) => {
        if (listing) return JSON.stringify({ items: [resultWith(op.redacted_results)], next_cursor: null });
        if (name === 'branches.resolve') return JSON.stringify('br-1');
        const result = resultWith(op.redacted_results.map((p) => p.replace(/^created\./, '')));
        return JSON.stringify(op.result.endsWith('[]') ? [result] : result);
      },
    };
    const runner = operationRunner(backend);
    const run = (name, target, input, requestOptions, secrets) => {
      seen.push({ name, hidden: secrets?.hidden ?? [] });
      return runner(name, target, input, requestOptions, secrets);
    };
    const method = facadeMethod(op, run);
    if (!method) continue; // `whoami` is on the client itself.
    const args = op.params.map(argument);
    if (op.name.endsWith('.resolve')) args[0] = 'main';
    let result = method(...args);
    if (typeof result?.next === 'function') result = (await result.next()).value;
    else result = await result;
    const own = seen.find((s) => s.name === op.name);
    assert.ok(own, `${op.name} runs ${op.name} (ran ${seen.map((s) => s.name).join(', ')})`);
    assert.deepEqual(own.hidden, op.hidden_inputs, `${op.name}: hidden inputs`);
    const shown = inspect(result, { depth: 5 });
    for (const path of op.redacted_results) {
      assert.ok(!shown.includes(`secret-${path.replace(/^created\./, '')}`), `${op.name}: ${path} is redacted on inspect: ${shown}`);
    }
    if (typeof result === 'object') assert.match(shown, /visible/, `${op.name}: only the declared fields are redacted`);
    checked += 1;
  }
  assert.equal(checked, table.length - 1);
});

/** The target field a `target` parameter fills: the path parameter its owner does not. */
const targetField = (op) =>
  [...op.path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1].replace(/_([a-z])/g, (_, c) => c.toUpperCase())).find((p) => !['orgId', 'projectId', 'branchId'].includes(p));

test('the facade puts each argument where the declaration places it', async () => {
  // whoami is on the client itself (checked by the differential suite).
  const built = table.filter((op) => !HAND_WRITTEN.has(op.name) && !op.result.startsWith('Listing<') && op.name.includes('.'));
  for (const op of built) {
    const seen = [];
    const run = async (name, target, input) => seen.push({ name, target, input });
    const values = op.params.map((p, i) => (p.kind === 'input' ? { [`from_${p.name}`]: i } : argument(p)));
    await facadeMethod(op, run)(...values);
    const { target, input } = seen.find((s) => s.name === op.name);
    op.params.forEach(({ kind, name }, i) => {
      if (kind === 'target') assert.equal(target[targetField(op)], values[i], `${op.name}: argument ${i} is target.${targetField(op)}`);
      if (kind === 'input') assert.equal(input[`from_${name}`], i, `${op.name}: argument ${i} is the input`);
      if (kind === 'field') assert.deepEqual(input[name], values[i], `${op.name}: argument ${i} is input.${name}`);
      if (kind === 'list') assert.deepEqual(input[name], [values[i]].flat(), `${op.name}: argument ${i} is the list input.${name}`);
    });
  }
  assert.deepEqual(
    [...new Set(built.filter((op) => op.params.some((p) => p.kind === 'target')).map(targetField))].sort(),
    ['keyId', 'oauthProviderId', 'tokenId', 'userId'],
    'path parameters go in fields of the core\'s Target',
  );
  assert.ok(built.length >= 33, `${built.length} built methods`);
});

test('the declarations are wrapped within 100 columns (rustfmt leaves macro input alone)', () => {
  const long = [];
  for (const file of readdirSync(new URL('../../src/resources/', import.meta.url), { recursive: true }).filter((f) => f.endsWith('.rs'))) {
    const text = readFileSync(new URL(`../../src/resources/${file}`, import.meta.url), 'utf8');
    const block = text.slice(text.indexOf('\noperations! {'));
    if (!text.includes('\noperations! {')) continue;
    block.split('\n').forEach((line, i) => {
      if (line.length > 100) long.push(`${file}: ${line.length} columns: ${line.trim().slice(0, 40)}…`);
    });
  }
  assert.deepEqual(long, []);
});
