// Every public method (each declared operation and the hand-written flows) with wrong input: a
// number for a string, a string for a number, an object for a list, a value that is not one of an
// enum's, a missing required field, an unknown field, a non-object for an object. Each must be a
// NeonConfigError naming the field as the caller wrote it, saying what is expected in JavaScript's
// terms (never serde's or Rust's words), with nothing sent to the simulator.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NeonConfigError } from '../../js/node.mjs';
import { neon, sim } from './support/simulated.mjs';
import { METHODS, AUTH_PROVIDERS, OAUTH_IDS, authMethod, object, field, goodObject } from './support/fuzz-surface.mjs';
import { K } from './support/fuzz-values.mjs';

const OPERATIONS = JSON.parse(readFileSync(new URL('./support/operations.generated.json', import.meta.url), 'utf8'));

/** serde's and Rust's words, and the internal name of every input. */
const SERDE_WORDS = /invalid type|invalid value|invalid length|expected [iu](8|16|32|64)|unknown variant|unknown field|missing field|`input`|\b(struct|enum|sequence|map|i64|u32|u64|Option|Vec|String)\b/;

const OBJECT = { type: 'object' };
const apply = authMethod('apply', [
  object(
    'desired',
    {
      enabled: field(K.boolean()),
      authProvider: field(K.enumOf(AUTH_PROVIDERS)),
      databaseName: field(K.bodyText('neondb')),
      name: field(K.text(1, 256, 'shop')),
      trustedDomains: field(K.stringArray(K.domain(), 0, null, ['https://app.example.com'])),
      oauthProviders: field(K.stringArray(K.enumOf(OAUTH_IDS), 0, null, [])),
      emailProvider: field(OBJECT),
      emailAndPassword: field(OBJECT),
      allowLocalhost: field(K.boolean(false)),
      plugins: field(OBJECT),
      webhooks: field(OBJECT),
    },
    { required: true },
  ),
  object('options', { dryRun: field(K.boolean(false)), prune: field(K.boolean(false)) }, { required: false }),
]);
// Its options are checked before the branches are listed; `desired` is checked per branch, after
// the listing, so it is not walked here. Its own messages name the field in their own words.
const applyBranchAuth = {
  name: 'applyBranchAuth',
  params: [
    { role: 'slot', name: 'projectId', spec: K.resourceId('proj-sim-alpha'), names: ['projectId'] },
    { role: 'slot', name: 'desired', spec: { type: 'fixed', good: {} }, names: [] },
    object('options', { branches: field(K.line('preview/*'), true), concurrency: field(K.integer(1, 64, 2)), dryRun: field(K.boolean(false)), prune: field(K.boolean(false)) }),
  ],
  ownWords: true,
  call: (client, a) => client.applyBranchAuth(...a),
};
const WALKED = [...METHODS, apply, applyBranchAuth];

/** A value of the wrong type for `spec`, what the message must say is expected, and a label. */
function wrongTypes(spec) {
  const cases = [];
  if (spec.values) cases.push(['not one of the values', 'not-a-choice', spec.values.map((v) => `"${v}"`)]);
  if (spec.type === 'string') cases.push(['number for a string', 5, [spec.values ? 'one of' : 'a string']]);
  if (spec.type === 'integer') cases.push(['string for a number', 'abc', ['a whole number']]);
  if (spec.type === 'boolean') cases.push(['string for true or false', 'yes', ['true or false']]);
  if (spec.type === 'array' || spec.type === 'urls') cases.push(['object for a list', { 0: 'x' }, ['a list']]);
  if (spec.type === 'object') cases.push(['string for an object', 'x', ['an object']]);
  return cases;
}

/** Every bad call of `method`: `{ label, args, names, says }`, each with exactly one thing wrong. */
function badCalls(method) {
  const good = () => method.params.map((p) => (p.role === 'object' ? goodObject(p) : p.name === 'branch' ? 'br-filler-001' : structuredClone(p.spec.good)));
  const calls = [];
  method.params.forEach((param, i) => {
    const at = (value) => Object.assign(good(), { [i]: value });
    if (param.role === 'slot') {
      for (const [label, value, says] of wrongTypes(param.spec)) calls.push({ label: `${param.name}: ${label}`, args: at(value), names: param.names, says: method.ownWords ? [] : says });
      return;
    }
    calls.push({ label: `${param.name}: a string`, args: at('x'), names: [param.name], says: ['object'] });
    for (const [key, { spec, required }] of Object.entries(param.fields)) {
      for (const [label, value, says] of wrongTypes(spec)) calls.push({ label: `${param.name}.${key}: ${label}`, args: at({ ...goodObject(param), [key]: value }), names: [key], says: method.ownWords ? [] : says });
      if (required) {
        const { [key]: _, ...rest } = goodObject(param);
        calls.push({ label: `${param.name}.${key}: missing`, args: at(rest), names: [key], says: method.ownWords ? [] : ['is required'] });
      }
    }
    // A near miss of the first field: suggested, and every field the core reads listed in full
    // (`onNewKey` and `revokeOld` of a rotation never reach it).
    const [first] = Object.keys(param.fields);
    const listed = Object.keys(param.fields).filter((k) => !['revokeOld', 'onNewKey'].includes(k));
    if (first !== undefined && !method.ownWords) {
      calls.push({ label: `${param.name}: unknown field`, args: at({ ...goodObject(param), [`${first}s`]: 1 }), names: [`${first}s`], says: [`did you mean \`${first}\``, ...listed.map((k) => `\`${k}\``)] });
    }
  });
  return calls;
}

test('the walk covers every declared operation and the hand-written flows', () => {
  const walked = new Set(WALKED.map((m) => m.name));
  const missing = OPERATIONS.map((op) => op.name).filter((name) => !walked.has(name));
  assert.deepEqual(missing, []);
});

test('wrong input to any method: a NeonConfigError naming the field in JavaScript terms, nothing sent', async () => {
  await sim.resetLog();
  const failures = [];
  let checked = 0;
  for (const method of WALKED) {
    for (const { label, args, names, says } of badCalls(method)) {
      const where = `${method.name} ${label}`;
      let error;
      try {
        await method.call(neon, args);
        failures.push(`${where}: accepted`);
        continue;
      } catch (thrown) {
        error = thrown;
      }
      checked += 1;
      if (!(error instanceof NeonConfigError)) failures.push(`${where}: ${error?.name}: ${error?.message}`);
      else if (!names.includes(error.field)) failures.push(`${where}: field ${error.field}, expected one of ${names.join(', ')} (${error.message})`);
      else if (SERDE_WORDS.test(error.message)) failures.push(`${where}: serde's words in ${error.message}`);
      else {
        const unsaid = says.filter((s) => !error.message.includes(s));
        if (unsaid.length) failures.push(`${where}: does not say ${unsaid.join(', ')}: ${error.message}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(checked > 250, `only ${checked} bad calls`);
  assert.deepEqual(await sim.requests(), [], 'nothing reaches the API');
});

test('the examples of issue 23 read as the caller wrote them', async () => {
  const cases = [
    [() => neon.apiKeys.revoke('abc'), 'keyId', 'invalid `keyId`: must be a whole number'],
    [() => neon.branchAuth('proj-sim-alpha', 'br-filler-001').oauthProviders.add({ id: 'facebook' }), 'id', 'invalid `id`: must be one of "google", "github", "microsoft" or "vercel"'],
    [() => neon.branchAuth('proj-sim-alpha', 'br-filler-001').oauthProviders.update('Github', {}), 'id', 'invalid `id`: must be one of "google", "github", "microsoft" or "vercel" (did you mean "github"?)'],
    [() => neon.apiKeys.create({}), 'name', 'invalid `name`: is required'],
    [() => neon.branchAuth('proj-sim-alpha').get(), 'branch', 'invalid `branch`: is required: give a branch ID (br-…) or name'],
    [() => neon.branchAuth('proj-sim-alpha', 'br-filler-001').apply({ plugin: {} }), 'plugin', 'invalid `plugin`: is not a known field: did you mean `plugins`? the fields are `$schema`, `enabled`, `authProvider`, `databaseName`, `name`, `trustedDomains`, `oauthProviders`, `emailProvider`, `emailAndPassword`, `allowLocalhost`, `plugins`, `webhooks`, `credentials`, `omitted`'],
  ];
  await sim.resetLog();
  for (const [run, field, message] of cases) {
    const error = await run().then(() => assert.fail('accepted'), (e) => e);
    assert.ok(error instanceof NeonConfigError, String(error));
    assert.equal(error.field, field);
    assert.equal(error.message, message);
  }
  assert.deepEqual(await sim.requests(), []);
});
