// Conformance tests: every operation of the built package is called against Prism mocking Neon's
// official OpenAPI spec (see support/prism.mjs). A test passes when the call resolves with the
// spec's fields, the client sent exactly the expected requests (as recorded in front of Prism, so
// on either backend), each answered with a success, and Prism found nothing in them that breaks
// the spec. A negative control proves that Prism's complaints are detected.
//
// Prism's static mock answers with the spec's examples: lists hold keys 165432 and 165433 (so
// rotate() must name one of those), create returns key 165434 and revoke returns key 165435.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import NeonAdmin from '../../js/node.mjs';
import { startPrism } from './support/prism.mjs';

const ORG = 'org-cold-sky-12345678';
const PROJECT = 'twilight-river-12345678';
const LISTED_KEY = 165432;

let prism;
let neon;

before(async () => {
  prism = await startPrism();
  neon = new NeonAdmin({ apiKey: 'napi_conformance_test_key', baseUrl: prism.baseUrl, maxRetries: 0, timeoutMs: 10_000 });
});
after(() => prism?.stop());

/** `method /path?query` of a recorded request, e.g. `post /api_keys`. */
const line = (r) => `${r.method.toLowerCase()} ${r.path}`;

/**
 * Runs `call`, then checks it sent exactly `expected` requests (`method /path?query`), each
 * answered with a 2xx, and that Prism reported no violation. With `rejectsWith`, the call must
 * reject with that error code (and the error is returned).
 */
async function conforming(expected, call, rejectsWith) {
  const { result, error, requests, violations } = await prism.observe(call);
  const detail = `\nrequests: ${requests.map((r) => `${line(r)} → ${r.status ?? r.error}`).join(', ')}` +
    `\nviolations:\n  ${violations.join('\n  ') || '(none)'}`;
  if (rejectsWith) assert.equal(error?.code, rejectsWith, `the call must reject with ${rejectsWith}${detail}`);
  else assert.equal(error, undefined, `the call rejected: ${error?.name}: ${error?.message} (status ${error?.status})${detail}`);
  assert.deepEqual(violations, [], `Prism reported violations${detail}`);
  assert.deepEqual(requests.map(line), expected, `unexpected requests${detail}`);
  assert.ok(requests.every((r) => r.status >= 200 && r.status < 300), `every request succeeded${detail}`);
  return rejectsWith ? error : result;
}

const isInteger = (v) => Number.isSafeInteger(v) && v > 0;
const isTimestamp = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function assertListed(keys) {
  assert.ok(Array.isArray(keys) && keys.length > 0, 'a non-empty array');
  for (const k of keys) {
    assert.ok(isInteger(k.id), `id ${k.id}`);
    assert.equal(typeof k.name, 'string');
    assert.ok(isTimestamp(k.created_at), `created_at ${k.created_at}`);
    assert.equal(typeof k.created_by, 'object');
    assert.equal(typeof k.created_by.id, 'string');
    assert.ok(k.last_used_at === null || isTimestamp(k.last_used_at), `last_used_at ${k.last_used_at}`);
    assert.equal(typeof k.last_used_from_addr, 'string');
    assert.equal('key' in k, false, 'lists never carry tokens');
  }
  assert.ok(keys.some((k) => k.id === LISTED_KEY));
}

function assertCreated(k) {
  assert.ok(isInteger(k.id), `id ${k.id}`);
  assert.ok(typeof k.key === 'string' && k.key.length > 0, 'key is a non-empty string');
  assert.equal(typeof k.name, 'string');
  assert.ok(isTimestamp(k.created_at), `created_at ${k.created_at}`);
  assert.equal(typeof k.created_by, 'string');
}

function assertRevoked(k) {
  assert.ok(isInteger(k.id), `id ${k.id}`);
  assert.equal(typeof k.name, 'string');
  assert.ok(isTimestamp(k.created_at), `created_at ${k.created_at}`);
  assert.equal(typeof k.created_by, 'string');
  assert.equal(typeof k.last_used_from_addr, 'string');
  assert.equal(k.revoked, true);
}

test('negative control: an invalid request is reported by Prism', async () => {
  const { result: status, requests, violations } = await prism.observe(async () => {
    const response = await fetch(`${prism.baseUrl}/api_keys`, {
      method: 'POST',
      headers: { authorization: 'Bearer napi_conformance_test_key', 'content-type': 'application/json' },
      body: '{}',
    });
    await response.arrayBuffer();
    return response.status;
  });
  assert.equal(status, 422);
  assert.deepEqual(requests, [{ method: 'POST', path: '/api_keys', body: '{}', status: 422, error: undefined }]);
  assert.ok(violations.some((l) => l.includes("Violation: request.body Request body must have required property 'key_name'")),
    `violations:\n${violations.join('\n')}`);
});

test('whoami: GET /auth', async () => {
  const auth = await conforming(['get /auth'], () => neon.whoami());
  assert.equal(typeof auth.account_id, 'string');
  assert.ok(['keycloak', 'session_cookie', 'api_key_user', 'api_key_org', 'oauth'].includes(auth.auth_method), auth.auth_method);
  assert.ok(auth.auth_data === undefined || typeof auth.auth_data === 'string');
});

test('apiKeys.list: GET /api_keys', async () => {
  assertListed(await conforming(['get /api_keys'], () => neon.apiKeys.list()));
});

// A create lists the keys first, so that a lost answer can be reconciled.
test('apiKeys.create: POST /api_keys', async () => {
  assertCreated(await conforming(['get /api_keys', 'post /api_keys'], () => neon.apiKeys.create({ name: 'conformance' })));
});

test('apiKeys.revoke: DELETE /api_keys/{key_id}', async () => {
  assertRevoked(await conforming(['delete /api_keys/165433'], () => neon.apiKeys.revoke(165433)));
});

test('apiKeys.rotate with revokeOld: list, create, check the new key, revoke', async () => {
  const rotation = await conforming(['get /api_keys', 'post /api_keys', 'get /auth', `delete /api_keys/${LISTED_KEY}`],
    () => neon.apiKeys.rotate({ oldKeyId: LISTED_KEY, name: 'conformance-rotated', revokeOld: true }));
  assertCreated(rotation.created);
  assertRevoked(rotation.revoked);
  assert.equal(rotation.revoke_error, null);
});

test('orgApiKeys.list: GET /organizations/{org_id}/api_keys', async () => {
  assertListed(await conforming([`get /organizations/${ORG}/api_keys`], () => neon.orgApiKeys(ORG).list()));
});

test('orgApiKeys.create: POST /organizations/{org_id}/api_keys', async () => {
  const org = `/organizations/${ORG}/api_keys`;
  assertCreated(await conforming([`get ${org}`, `post ${org}`], () => neon.orgApiKeys(ORG).create({ name: 'conformance' })));
});

// Prism answers with the spec's example key, which carries no project_id: the scope check revokes
// it (a conforming DELETE) and the call rejects.
test('orgApiKeys.create with projectId', async () => {
  const org = `/organizations/${ORG}/api_keys`;
  const error = await conforming([`get ${org}`, `post ${org}`, `delete ${org}/165434`],
    () => neon.orgApiKeys(ORG).create({ name: 'conformance-project', projectId: PROJECT }), 'key_scope_mismatch');
  assert.match(error.message, /came back scoped to no project instead of project/);
});

test('orgApiKeys.revoke: DELETE /organizations/{org_id}/api_keys/{key_id}', async () => {
  assertRevoked(await conforming([`delete /organizations/${ORG}/api_keys/165433`], () => neon.orgApiKeys(ORG).revoke(165433)));
});

test('orgApiKeys.rotate with revokeOld: list, create, check the new key, revoke', async () => {
  const org = `/organizations/${ORG}/api_keys`;
  const rotation = await conforming([`get ${org}`, `post ${org}`, 'get /auth', `delete ${org}/${LISTED_KEY}`],
    () => neon.orgApiKeys(ORG).rotate({ oldKeyId: LISTED_KEY, name: 'conformance-rotated', revokeOld: true }));
  assertCreated(rotation.created);
  assertRevoked(rotation.revoked);
  assert.equal(rotation.revoke_error, null);
});

// With projectId, Prism's unscoped example key is revoked by the scope check; the old key is untouched.
test('orgApiKeys.rotate with projectId: list, create, revoke the wrongly scoped new key', async () => {
  const org = `/organizations/${ORG}/api_keys`;
  await conforming([`get ${org}`, `post ${org}`, `delete ${org}/165434`],
    () => neon.orgApiKeys(ORG).rotate({ oldKeyId: LISTED_KEY, name: 'conformance-rotated', projectId: PROJECT, revokeOld: true }), 'key_scope_mismatch');
});
