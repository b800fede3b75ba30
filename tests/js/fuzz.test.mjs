// Hostile input against every public method, through the built package and the local simulator.
//
// Thousands of seeded bad inputs (wrong types, missing and unknown fields, huge strings, NaN,
// ±Infinity, -0, unsafe integers, BigInt, Symbols, functions, Dates, Maps, class instances, deep
// nesting, `__proto__` keys, throwing getters, Proxies, control characters, lone surrogates, IDs
// that try to escape their path segment) go through one client. Each call must reject (the
// constructor: throw) with a NeonConfigError naming the field, and nothing may reach the server.
// Afterwards no prototype is polluted and the same client, on the same wasm instance, still works:
// a Rust panic would have trapped and poisoned the instance.
//
// Reproduce one case: FUZZ_SEED=<seed> FUZZ_CASE=<group>:<index> node --test tests/js/fuzz.test.mjs
// (the seed and case are printed with every failure; FUZZ_SEED alone runs a different sample;
// FUZZ_REPORT=<file> also writes every failure as JSON).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import NeonAdmin, { NeonApiError, NeonConfigError } from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { SEED, MARK, caseSeed, Rng, CONTROL, insertInside, withControl, withSurrogate, huge, hostile, wrongType, badInteger } from './support/fuzz-values.mjs';
import { METHODS, mutateCall, describe } from './support/fuzz-surface.mjs';

const ONLY = process.env.FUZZ_CASE ?? null;
/** Bad calls spread over every method and the constructor. */
const METHOD_CASES = 11_000;
/** Bad option sets through `NeonAdmin.connect()`. */
const CONNECT_CASES = 2_000;
/** Calls in flight at once (each must be refused before anything is sent, so this is cheap). */
const POOL = 64;
const CALL_TIMEOUT_MS = 15_000;
const NOWHERE = '/nonexistent/neon-admin-fuzz-config';

// ---------------------------------------------------------------------------------------------
// Constructor and connect options.

function constructorCase(r, sim) {
  const good = { apiKey: sim.seedKey, baseUrl: sim.baseUrl, timeoutMs: 30_000, maxRetries: 2, userAgent: 'fuzz/1.0', configDir: NOWHERE, env: {} };
  const variant = r.float();
  const apiKeyBad = () =>
    r.pick([
      () => ['empty or blank', r.pick(['', '   ', '\t\n'])],
      () => ['inner whitespace', insertInside(r, 'napi_fuzzkey0123', r.pick([' ', '\t', '\u00a0', '\u2028', '\u3000']))],
      () => ['inner control character', insertInside(r, 'napi_fuzzkey0123', r.pick(CONTROL))],
      () => withSurrogate(r, 'napi_fuzzkey0123'),
      () => ['non-ASCII', r.pick(['ключ-napi', 'napi_é', 'napi_🔑'])],
      () => ['513 chars', 'k'.repeat(513)],
      () => huge(r),
    ])();
  const profileBad = () =>
    r.pick([
      // Not the Neon CLI's pattern ^[A-Za-z0-9][A-Za-z0-9._-]*$ (an empty value counts as unset).
      () => ['bad profile name', r.pick(['.hidden', '-dash', '..', '../etc', 'a/b', 'a\\b', 'a b', 'p:1', 'profé'])],
      () => withControl(r, 'work'),
      () => withSurrogate(r, 'work'),
      () => huge(r),
    ])();
  if (variant < 0.12) {
    const [category, value] = apiKeyBad();
    return { options: { baseUrl: sim.baseUrl, configDir: NOWHERE, env: { NEON_API_KEY: value } }, slot: 'env.NEON_API_KEY', category, label: describe(value), names: ['NEON_API_KEY'] };
  }
  if (variant < 0.2) {
    const [category, value] = profileBad();
    return { options: { baseUrl: sim.baseUrl, configDir: NOWHERE, env: {}, profile: value }, slot: 'profile', category, label: describe(value), names: ['profile'] };
  }
  if (variant < 0.26) {
    const [category, value] = profileBad();
    return { options: { baseUrl: sim.baseUrl, configDir: NOWHERE, env: { NEON_PROFILE: value } }, slot: 'env.NEON_PROFILE', category, label: describe(value), names: ['profile', 'NEON_PROFILE'] };
  }
  const options = { ...good, env: {} };
  const key = r.pick(['apiKey', 'baseUrl', 'timeoutMs', 'maxRetries', 'userAgent', 'configDir', 'profile', 'env', 'options', 'options', 'unknown', 'proto']);
  let made;
  let names = [key];
  let result = options;
  switch (key) {
    case 'apiKey':
      made = r.chance(0.6) ? apiKeyBad() : r.chance(0.75) ? wrongType(r, 'string', 'napi', false) : hostile(r);
      break;
    case 'baseUrl':
      made = r.chance(0.6)
        ? r.pick([
            () => ['not an absolute URL', r.pick(['', 'not a url', '127.0.0.1:8080/api/v2', '/api/v2', 'http://[::1'])],
            () => ['not http(s)', r.pick(['ftp://127.0.0.1/api/v2', 'javascript:alert(1)', 'file:///etc/passwd', 'data:,x', 'ws://127.0.0.1/'])],
            () => ['plain http to a public host', r.pick(['http://console.neon.tech/api/v2', 'http://10.0.0.1/api/v2', 'http://example.com'])],
            () => ['credentials in URL', r.pick(['https://user:pw@console.neon.tech/api/v2', sim.baseUrl.replace('http://', 'http://user@')])],
            () => ['query or fragment', sim.baseUrl + r.pick(['?x=1', '#frag', '?'])],
            () => huge(r),
            () => withControl(r, sim.baseUrl),
            () => withSurrogate(r, sim.baseUrl),
          ])()
        : r.chance(0.75)
          ? wrongType(r, 'string', sim.baseUrl, false)
          : hostile(r);
      break;
    case 'timeoutMs':
      made = r.chance(0.6) ? badInteger(1, 3_600_000)(r) : r.chance(0.75) ? wrongType(r, 'integer', 30_000, false) : hostile(r);
      break;
    case 'maxRetries':
      made = r.chance(0.6) ? badInteger(0, 10)(r) : r.chance(0.75) ? wrongType(r, 'integer', 2, false) : hostile(r);
      break;
    case 'userAgent':
      made = r.chance(0.6)
        ? r.pick([
            () => ['201 chars', 'a'.repeat(201)],
            () => ['non-ASCII', 'agént/1.0'],
            () => ['inner control character', insertInside(r, 'fuzz/1.0', r.pick(CONTROL))],
            () => withSurrogate(r, 'fuzz/1.0'),
            () => huge(r),
          ])()
        : r.chance(0.75)
          ? wrongType(r, 'string', 'fuzz/1.0', false)
          : hostile(r);
      break;
    case 'configDir':
    case 'profile':
      made = r.chance(0.75) ? wrongType(r, 'string', 'x', false) : hostile(r);
      break;
    case 'env':
      made = ['env not an object', r.pick([null, 5, 'NEON_API_KEY=x', true, Symbol('env'), () => ({}), 10n, [], [['NEON_API_KEY', 'x']]])];
      break;
    case 'options':
      made = r.chance(0.4) ? ['options not an object', r.pick([null, 5, 'napi_key', true, Symbol('o'), 10n, () => ({}), [], [good]])] : hostile(r);
      names = ['options'];
      result = made[1];
      break;
    case 'unknown': {
      const name = r.pick(['api_key', 'base_url', 'token', 'key', 'timeout', 'retries', 'extra', 'fetch', 'headers']);
      options[name] = 'x';
      made = ['unknown option', name];
      names = [name];
      break;
    }
    case 'proto': {
      const own = r.pick(['__proto__', 'constructor', 'prototype']);
      result = Object.assign(JSON.parse(`{"${own}": {"${MARK}": true, "apiKey": "napi_from_proto"}}`), options);
      made = [`own "${own}" key (JSON.parse)`, own];
      names = [own];
      break;
    }
  }
  if (key !== 'options' && key !== 'unknown' && key !== 'proto') options[key] = made[1];
  const [category, value, extraNames = []] = made;
  return { options: result, slot: key === 'unknown' || key === 'proto' ? 'options' : key, category, label: describe(value), names: [...names, ...extraNames] };
}

// ---------------------------------------------------------------------------------------------
// Running and judging.

const failures = [];

function settle(promise) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), CALL_TIMEOUT_MS);
  });
  return Promise.race([promise.then((value) => ({ ok: true, value }), (error) => ({ ok: false, error })), timeout]).finally(() => clearTimeout(timer));
}

/** Problems with how a bad call was refused (empty when it was refused as it should be). */
function judge(error, names) {
  if (!(error instanceof NeonConfigError) || error.name !== 'NeonConfigError') {
    const message = String(error?.message ?? error).slice(0, 160);
    return [`refused with ${error?.name ?? typeof error}${error instanceof Error ? '' : ' (not an Error)'} instead of NeonConfigError: ${message}`];
  }
  const message = String(error.message);
  const field = typeof error.field === 'string' ? error.field : '';
  if (!names.some((n) => (field && field.includes(n)) || message.includes(n))) {
    return [`NeonConfigError names none of ${JSON.stringify(names.map((n) => n.slice(0, 30)))} (field ${JSON.stringify(field.slice(0, 60))}): ${message.slice(0, 160)}`];
  }
  return [];
}

function record(group, index, what, c, problem) {
  failures.push({ group, index, method: what, slot: c.slot, category: c.category, label: c.label, problem });
}

/** Runs `cases` (functions returning a promise-producing job) with at most POOL in flight. */
async function runPool(count, job) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await job(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(POOL, count) }, worker));
}

const selected = (group, index) => ONLY === null || ONLY === `${group}:${index}`;

function summary(group) {
  const mine = failures.filter((f) => f.group === group);
  const buckets = new Map();
  for (const f of mine) {
    const kindOfProblem = f.problem.replace(/:.*$/s, '');
    const key = `${f.method} › ${f.slot}: ${f.category} → ${kindOfProblem}`;
    if (!buckets.has(key)) buckets.set(key, { count: 0, example: f });
    buckets.get(key).count++;
  }
  const lines = [...buckets.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, 60)
    .map(([key, { count, example }]) => `  ${count}× ${key}\n      e.g. FUZZ_SEED=${SEED} FUZZ_CASE=${example.group}:${example.index} — input ${example.label}\n      ${example.problem}`);
  return `${mine.length} bad ${group} call(s) were not refused properly (seed ${SEED}, ${buckets.size} kinds${buckets.size > 60 ? ', first 60 shown' : ''}):\n${lines.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------

let sim;
let neon;
const protoSnapshot = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(','));
const prototypesBefore = protoSnapshot();

before(async () => {
  sim = await startSimulator();
  neon = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {} });
  await sim.resetLog();
});
after(() => {
  sim?.stop();
  // FUZZ_REPORT=<file> writes every failure (not just the summary) as JSON.
  if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ seed: SEED, failures }, null, 1));
});

test('every declared operation is fuzzed (tests/js/support/operations.generated.json)', () => {
  const declared = JSON.parse(readFileSync(new URL('./support/operations.generated.json', import.meta.url), 'utf8'));
  // `apply` takes the other operations' inputs as its wanted state; tests/js/apply.test.mjs refuses bad ones.
  const missing = declared.map((op) => op.name).filter((name) => name !== 'branchAuth.apply' && !METHODS.some((m) => m.name === name));
  assert.deepEqual(missing, [], 'add the method to METHODS');
});

test(`${METHOD_CASES} seeded bad calls on every method and the constructor are refused with NeonConfigError`, async (t) => {
  const targets = [...METHODS.map((m) => ({ method: m })), { ctor: true }];
  const counts = new Map();
  const started = Date.now();
  await runPool(METHOD_CASES, async (index) => {
    if (!selected('methods', index)) return;
    const r = new Rng(caseSeed('methods', index));
    const target = targets[index % targets.length];
    if (target.ctor) {
      const c = constructorCase(r, sim);
      counts.set('new NeonAdmin', (counts.get('new NeonAdmin') ?? 0) + 1);
      let client;
      try {
        client = new NeonAdmin(c.options);
      } catch (error) {
        for (const problem of judge(error, c.names)) record('methods', index, 'new NeonAdmin', c, problem);
        return;
      }
      record('methods', index, 'new NeonAdmin', c, `constructed a client (credentialSource ${client.credentialSource}, baseUrl ${client.baseUrl}) instead of throwing`);
      return;
    }
    const { method } = target;
    const c = mutateCall(r, method);
    counts.set(method.name, (counts.get(method.name) ?? 0) + 1);
    let promise;
    try {
      promise = method.call(neon, c.args);
    } catch (error) {
      const problems = judge(error, c.names);
      record('methods', index, method.name, c, `threw synchronously instead of returning a rejected promise${problems.length ? `; ${problems[0]}` : ''}`);
      return;
    }
    if (!promise || typeof promise.then !== 'function') {
      record('methods', index, method.name, c, `returned ${describe(promise)} instead of a promise`);
      return;
    }
    const outcome = await settle(promise);
    if (outcome.timedOut) record('methods', index, method.name, c, `neither resolved nor rejected within ${CALL_TIMEOUT_MS} ms`);
    else if (outcome.ok) record('methods', index, method.name, c, `resolved (${describe(outcome.value)}) instead of rejecting`);
    else for (const problem of judge(outcome.error, c.names)) record('methods', index, method.name, c, problem);
  });
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  t.diagnostic(`seed ${SEED}: ${total} bad calls over ${counts.size} methods (${Math.min(...counts.values())}–${Math.max(...counts.values())} each) in ${Date.now() - started} ms`);
  if (ONLY === null) {
    assert.ok(total >= 10_000, `only ${total} bad calls ran`);
    const untested = targets.map((x) => (x.ctor ? 'new NeonAdmin' : x.method.name)).filter((n) => !counts.has(n));
    assert.deepEqual(untested, [], 'every method got bad calls');
  }
  assert.equal(failures.filter((f) => f.group === 'methods').length, 0, summary('methods'));
});

test(`${CONNECT_CASES} seeded bad option sets through NeonAdmin.connect() reject with NeonConfigError`, async (t) => {
  const started = Date.now();
  let ran = 0;
  await runPool(CONNECT_CASES, async (index) => {
    if (!selected('connect', index)) return;
    ran++;
    const c = constructorCase(new Rng(caseSeed('connect', index)), sim);
    let promise;
    try {
      promise = NeonAdmin.connect(c.options);
    } catch (error) {
      record('connect', index, 'NeonAdmin.connect', c, `threw synchronously instead of returning a rejected promise: ${error?.name}: ${String(error?.message).slice(0, 100)}`);
      return;
    }
    const outcome = await settle(promise);
    if (outcome.timedOut) record('connect', index, 'NeonAdmin.connect', c, 'neither resolved nor rejected');
    else if (outcome.ok) record('connect', index, 'NeonAdmin.connect', c, `resolved to a client (credentialSource ${outcome.value?.credentialSource}) instead of rejecting`);
    else for (const problem of judge(outcome.error, c.names)) record('connect', index, 'NeonAdmin.connect', c, problem);
  });
  t.diagnostic(`seed ${SEED}: ${ran} bad connect() calls in ${Date.now() - started} ms`);
  assert.equal(failures.filter((f) => f.group === 'connect').length, 0, summary('connect'));
});

test('the simulator received no request from any bad call', async () => {
  const requests = await sim.requests();
  const shown = requests.slice(0, 25).map((q) => `${q.method} ${q.path.length > 120 ? `${q.path.slice(0, 120)}…` : q.path}`);
  assert.equal(requests.length, 0, `bad calls reached the server (seed ${SEED}):\n  ${shown.join('\n  ')}`);
});

test('no prototype was polluted by __proto__, constructor or prototype keys', () => {
  assert.deepEqual(protoSnapshot(), prototypesBefore);
  assert.equal(MARK in {}, false);
  assert.equal(Object.prototype[MARK], undefined);
  assert.equal({}.apiKey, undefined);
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
});

test('the same client and wasm instance still work after every bad call', async () => {
  await sim.resetLog();
  const me = await neon.whoami();
  assert.equal(me.auth_data, 'seed');
  assert.ok(Array.isArray(await neon.apiKeys.list()));
  const error = await neon.branchAuth('proj-sim-alpha', 'br-main-000001').get().then(
    () => assert.fail('Neon Auth is not enabled on br-main-000001: get() must reject'),
    (e) => e,
  );
  assert.ok(error instanceof NeonApiError, `expected NeonApiError, got ${error?.name}: ${error?.message}`);
  assert.equal(error.name, 'NeonApiError');
  assert.equal(error.status, 404);
  // A fresh client on the same (possibly poisoned) wasm instance works too.
  const fresh = await NeonAdmin.connect({ apiKey: sim.seedKey, baseUrl: sim.baseUrl, env: {} });
  assert.equal((await fresh.whoami()).auth_data, 'seed');
  // Exactly these four good calls were sent.
  assert.equal((await sim.requests()).length, 4);
});
