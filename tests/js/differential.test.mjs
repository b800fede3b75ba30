// Differential suite: every operation neon-admin and @neon/sdk 6.1.2 (generated from Neon's newer
// spec, which is published only as that client) can both call is made through each package
// against one recording server on 127.0.0.1, and the two requests must agree: method, path, query
// string and JSON body. The cases are in support/sdk-cases.mjs, one test each.
//
// Query parameters are compared as a multiset of name/value pairs: the spec declares each one as a
// named form parameter, so their order carries no meaning (repeated names keep their order).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createNeonClient } from '@neon/sdk';
import NeonAdmin from '../../js/node.mjs';
import { startAnsweringRecorder } from './support/recorder.mjs';
import { BRANCH, cases, ORG, PROJECT } from './support/sdk-cases.mjs';

/** What the answering server sends back for the case being run. */
let answer = { status: 200, body: {} };
let recorder;
let neon;
let sdk;

before(async () => {
  recorder = await startAnsweringRecorder(() => answer);
  // reconcile: false, as a create otherwise lists the keys first (so that a lost answer can be
  // reconciled): the operation's own request is what is compared.
  neon = new NeonAdmin({ apiKey: 'napi_differential', baseUrl: recorder.baseUrl, env: {}, reconcile: false });
  sdk = createNeonClient({ apiKey: 'napi_differential', baseUrl: recorder.baseUrl, throwOnError: true, retries: 0 });
});
after(() => recorder?.close());

/** The requests `call` made, in the form the two packages are compared in. */
async function requestsOf(call) {
  const before = recorder.requests().length;
  await call();
  await recorder.settled();
  return recorder.requests().slice(before).map(({ method, path, body }) => {
    const url = new URL(path, 'http://recorder.invalid');
    const query = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { method, path: url.pathname, query, body: body === undefined ? undefined : JSON.parse(body) };
  });
}

/** Methods that are flows over the operations below, or need no request: nothing to compare. */
const NOT_SHARED = new Set(['apiKeys.rotate', 'orgApiKeys.rotate', 'branchAuth.apply', 'branchAuth.pull', 'branchAuth.branchId', 'applyBranchAuth']);

/** The methods of `object`'s class and the classes it extends (below Object). */
function classMethods(object) {
  const names = new Set();
  for (let proto = Object.getPrototypeOf(object); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const m of Object.getOwnPropertyNames(proto)) if (m !== 'constructor' && typeof object[m] === 'function') names.add(m);
  }
  return [...names];
}

/** Every public method of neon-admin, as `group.method`. */
function publicMethods(client) {
  const methods = (prefix, object) => {
    const own = Object.entries(object).filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v));
    return [...classMethods(object).map((m) => `${prefix}${m}`), ...own.flatMap(([group, v]) => classMethods(v).map((m) => `${prefix}${group}.${m}`))];
  };
  return [
    ...methods('', client).filter((m) => !m.includes('.')),
    ...methods('apiKeys.', client.apiKeys),
    ...methods('orgApiKeys.', client.orgApiKeys(ORG)),
    ...methods('projects.', client.projects),
    ...methods('branches.', client.branches(PROJECT)),
    ...methods('branchAuth.', client.branchAuth(PROJECT, BRANCH)),
    ...methods('credentials.', client.credentials(PROJECT, BRANCH)),
  ].filter((m) => !['orgApiKeys', 'branches', 'branchAuth', 'credentials'].includes(m));
}

test('every operation of neon-admin has a case, and every case an operation', () => {
  const names = cases.map((c) => c.name);
  assert.deepEqual(names, [...new Set(names)], 'each case once');
  const operations = publicMethods(neon).filter((m) => !NOT_SHARED.has(m));
  const covered = new Set(cases.map((c) => c.name.split(' (')[0]));
  assert.deepEqual(operations.filter((m) => !covered.has(m)), [], 'operations without a case');
  assert.deepEqual([...covered].filter((m) => !operations.includes(m)), [], 'cases of no operation');
  assert.ok(operations.length >= 38, `${operations.length} operations`);
  const conformanceDoc = readFileSync(new URL('../../docs/conformance.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  const [, stated, ops, extra] = /It runs (\d+) differential tests, one per operation \((\d+) operations, plus (\d+) /.exec(conformanceDoc) ?? [];
  assert.deepEqual([Number(stated), Number(ops), Number(extra)], [cases.length, covered.size, cases.length - covered.size], 'docs/conformance.md states the counts');
});

for (const c of cases) {
  test(c.name, async () => {
    answer = { status: c.status ?? 200, body: c.answer };
    const fromSdk = await requestsOf(() => c.sdk(sdk));
    // The case itself: @neon/sdk sends one request, on the route the case names.
    assert.equal(fromSdk.length, 1, 'requests @neon/sdk sent');
    assert.equal(`${fromSdk[0].method} ${fromSdk[0].path}`, c.route);
    const fromAdmin = await requestsOf(() => c.admin(neon));
    assert.deepEqual(fromAdmin, fromSdk);
  });
}
