// For the conformance suites of discovery (projects, branches) and branch-level Neon Auth
// (conformance-branch-auth*.test.mjs): every operation of the built package is called against
// Prism mocking Neon's official OpenAPI spec (see prism.mjs). A test passes when the call resolves
// with the spec's fields, the client sent exactly the expected requests (method, path, query and
// JSON body), each answered with a success, and Prism found nothing in them that breaks the spec.
// Negative controls prove that Prism's complaints are detected.
//
// Prism logs each request as `method path`, without its query string, and does not log bodies at
// its default level. So the requests are recorded on the wire, by the recording proxy the client
// talks to in front of Prism (recorder.mjs): method, path with query, body and Prism's
// status. It sees the requests of either backend (the wasm client's fetch or the native addon's
// own HTTP stack), so this suite runs unchanged on both.
//
// Two Prism instances run. `strict` (`--errors`) serves almost every test. `lenient` (no
// `--errors`) serves the few operations whose answer holds the spec's `NeonAuthEmailServerConfig`:
// that schema is `oneOf: [StandardEmailServer, SharedEmailServer]` with a `type` discriminator,
// but neither branch declares `type` and `SharedEmailServer` requires nothing, so any object that
// matches `StandardEmailServer` matches both branches. Prism validates with plain JSON Schema
// (its ajv runs without `discriminator` support), so the standard-shaped answer it generates
// breaks the spec by its own rules: with `--errors` it answers 500 instead. The lenient instance
// sends that answer and logs `Violation: response.body …`; those tests still require no request
// violation, and the exact response-side lines.
//
// Prism's static mock answers with the spec's examples where there are some (projects, branches)
// and with values generated from the schemas elsewhere: the tests check fields and types, not
// generated values.
//
// This module starts both instances (before the first test) and holds what the two suites
// share: the clients, the request checks and one field check per schema of the spec.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import NeonAdmin from '../../../js/node.mjs';
import { startPrism } from './prism.mjs';

export const PROJECT = 'proj-conformance-1';
export const BRANCH = 'br-sparkling-cell-123456';
export const BRANCHES = `/projects/${PROJECT}/branches`;
export const AUTH = `${BRANCHES}/${BRANCH}/auth`;
export const API_KEY = 'k_test_123';
// The branch listing example: `main` (br-aged-salad-637688), `dev2` and `dev1`, and
// `pagination.next` = "eyJjcmVhdGV" on every page.
export const EXAMPLE_CURSOR = 'eyJjcmVhdGV';
export const MAIN_BRANCH_ID = 'br-aged-salad-637688';

export const RESPONSE_ONE_OF = 'Violation: response.body Response body must match exactly one schema in oneOf';
export const PLUGINS_RESPONSE_ONE_OF =
  'Violation: response.body.email_provider Response body property email_provider must match exactly one schema in oneOf';

export let strict;
export let lenient;
export let neon;
export let neonLenient;
export let auth;
export let authLenient;

before(async () => {
  [strict, lenient] = await Promise.all([startPrism(), startPrism({ errors: false })]);
  const client = (prism) => new NeonAdmin({ apiKey: API_KEY, baseUrl: prism.baseUrl, maxRetries: 0, timeoutMs: 10_000, env: {} });
  neon = client(strict);
  neonLenient = client(lenient);
  auth = neon.branchAuth(PROJECT, BRANCH);
  authLenient = neonLenient.branchAuth(PROJECT, BRANCH);
});
after(() => Promise.all([strict?.stop(), lenient?.stop()]));

/** `method /path?query` of a recorded request, e.g. `get /projects?limit=10`. */
export const line = (r) => `${r.method.toLowerCase()} ${r.path}`;

export const describe = (x) =>
  `\nsent:\n  ${x.requests.map((r) => `${line(r)} ${r.body ?? ''} → ${r.status ?? r.error}`).join('\n  ') || '(none)'}` +
  `\nviolations:\n  ${x.violations.join('\n  ') || '(none)'}`;

/**
 * Checks the requests of an exchange (`prism.observe`). `expected` lists each request as
 * `'method /path?query'` (no body) or `['method /path?query', body]` (a JSON body, compared after
 * parsing); `status` checks what Prism answered each one (by default: a 2xx).
 */
export function assertRequests(x, expected, { status = (s) => s >= 200 && s < 300 } = {}) {
  const detail = describe(x);
  const lines = expected.map((e) => (Array.isArray(e) ? e[0] : e));
  assert.deepEqual(x.requests.map(line), lines, `unexpected requests${detail}`);
  expected.forEach((e, i) => {
    const { body } = x.requests[i];
    if (Array.isArray(e)) {
      assert.ok(body !== undefined, `request ${i} has no body${detail}`);
      assert.deepEqual(JSON.parse(body), e[1], `unexpected body of request ${i}${detail}`);
    } else {
      assert.equal(body, undefined, `request ${i} has a body: ${body}${detail}`);
    }
    assert.ok(status(x.requests[i].status), `unexpected status ${x.requests[i].status} of request ${i}${detail}`);
  });
}

/**
 * Runs `call` against `prism`, checks it resolved, sent exactly `expected` (see assertRequests)
 * and that Prism's violations are exactly `violations` (line endings; none by default).
 */
export async function conforming(expected, call, { prism = strict, violations = [] } = {}) {
  const x = await prism.observe(call);
  const detail = describe(x);
  assert.equal(x.error, undefined, `the call rejected: ${x.error?.name}: ${x.error?.message} (status ${x.error?.status})${detail}`);
  assert.equal(x.violations.length, violations.length, `unexpected violations${detail}`);
  violations.forEach((ending, i) => assert.ok(x.violations[i].endsWith(ending), `violation ${i} should end with ${ending}${detail}`));
  assertRequests(x, expected);
  return x.result;
}

/**
 * Sends `body` to `path` with fetch, bypassing the client; returns Prism's status and violations
 * after checking that exactly this request was recorded.
 */
export async function raw(prism, method, path, body) {
  const x = await prism.observe(async () => {
    const response = await fetch(`${prism.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response.status;
  });
  assert.equal(x.error, undefined, `the fetch rejected: ${x.error?.message}`);
  assertRequests(x, [[`${method.toLowerCase()} ${path}`, body]], { status: (s) => s === x.result });
  return { status: x.result, violations: x.violations };
}

// --- Field checks, one per schema of the spec ---------------------------------------------------

export const isTimestamp = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const AUTH_PROVIDERS = ['mock', 'stack', 'better_auth'];
export const OAUTH_PROVIDER_IDS = ['google', 'github', 'microsoft', 'vercel'];
export const WEBHOOK_EVENTS = ['user.before_create', 'user.created', 'send.otp', 'send.magic_link', 'organization.invitation.created',
  'organization.invitation.accepted', 'phone_number.verified'];

export function assertOptional(value, field, check) {
  if (field in value) assert.ok(check(value[field]), `${field}: ${JSON.stringify(value[field])}`);
}

export function assertStrings(value, fields) {
  for (const f of fields) assert.equal(typeof value[f], 'string', `${f}: ${JSON.stringify(value[f])}`);
}

export function assertBooleans(value, fields) {
  for (const f of fields) assert.equal(typeof value[f], 'boolean', `${f}: ${JSON.stringify(value[f])}`);
}

/** `Project` as the package lists it (a subset of the spec's `ProjectListItem`). */
export function assertProject(p) {
  assertStrings(p, ['id', 'name', 'region_id']);
  assert.ok(Number.isSafeInteger(p.pg_version), `pg_version ${p.pg_version}`);
  assert.ok(isTimestamp(p.created_at), `created_at ${p.created_at}`);
  assert.ok(isTimestamp(p.updated_at), `updated_at ${p.updated_at}`);
  assertOptional(p, 'org_id', (v) => typeof v === 'string');
}

/** `Branch` as the package lists it (a subset of the spec's `Branch`). */
export function assertBranch(b) {
  assertStrings(b, ['id', 'project_id', 'name', 'current_state']);
  assertBooleans(b, ['default', 'protected']);
  assert.ok(isTimestamp(b.created_at), `created_at ${b.created_at}`);
  assert.ok(isTimestamp(b.updated_at), `updated_at ${b.updated_at}`);
  assertOptional(b, 'parent_id', (v) => typeof v === 'string');
}

/** `NeonAuthCreateIntegrationResponse`. */
export function assertEnabled(r) {
  assert.ok(AUTH_PROVIDERS.includes(r.auth_provider), `auth_provider ${r.auth_provider}`);
  assertStrings(r, ['auth_provider_project_id', 'pub_client_key', 'secret_server_key', 'jwks_url', 'schema_name', 'table_name']);
  assertOptional(r, 'base_url', (v) => typeof v === 'string');
}

/** `NeonAuthIntegration`. */
export function assertIntegration(r) {
  assert.ok(AUTH_PROVIDERS.includes(r.auth_provider), `auth_provider ${r.auth_provider}`);
  assertStrings(r, ['auth_provider_project_id', 'branch_id', 'db_name', 'jwks_url']);
  assert.ok(isTimestamp(r.created_at), `created_at ${r.created_at}`);
  assert.ok(['user', 'neon'].includes(r.owned_by), `owned_by ${r.owned_by}`);
  assertOptional(r, 'transfer_status', (v) => ['initiated', 'finished'].includes(v));
  assertOptional(r, 'base_url', (v) => typeof v === 'string');
  assertOptional(r, 'name', (v) => typeof v === 'string');
}

/** `NeonAuthOauthProvider`. */
export function assertOAuthProvider(p) {
  assert.ok(OAUTH_PROVIDER_IDS.includes(p.id), `id ${p.id}`);
  assert.ok(['standard', 'shared'].includes(p.type), `type ${p.type}`);
  assertOptional(p, 'client_id', (v) => typeof v === 'string');
  assertOptional(p, 'client_secret', (v) => typeof v === 'string');
}

/** `NeonAuthEmailServerConfig` (either branch: every field is optional on `SharedEmailServer`). */
export function assertEmailProvider(e) {
  assert.ok(isObject(e), 'an object');
  assertOptional(e, 'type', (v) => ['standard', 'shared'].includes(v));
  for (const f of ['host', 'username', 'password', 'sender_email', 'sender_name']) assertOptional(e, f, (v) => typeof v === 'string');
  assertOptional(e, 'port', Number.isSafeInteger);
}

/** `NeonAuthEmailAndPasswordConfig`. */
export function assertEmailAndPassword(e) {
  assertBooleans(e, ['enabled', 'require_email_verification', 'auto_sign_in_after_verification', 'send_verification_email_on_sign_up',
    'send_verification_email_on_sign_in', 'disable_sign_up']);
  assert.ok(['link', 'otp'].includes(e.email_verification_method), `email_verification_method ${e.email_verification_method}`);
}

/** `NeonAuthOrganizationConfig`. */
export function assertOrganization(o) {
  assertBooleans(o, ['enabled', 'send_invitation_email']);
  assert.ok(Number.isSafeInteger(o.organization_limit) && o.organization_limit >= 1, `organization_limit ${o.organization_limit}`);
  assert.ok(Number.isSafeInteger(o.membership_limit) && o.membership_limit >= 1, `membership_limit ${o.membership_limit}`);
  assert.ok(['admin', 'owner'].includes(o.creator_role), `creator_role ${o.creator_role}`);
}

/** `NeonAuthMagicLinkConfig`. */
export function assertMagicLink(m) {
  assertBooleans(m, ['enabled', 'disable_sign_up']);
  assert.ok(Number.isSafeInteger(m.expires_in) && m.expires_in >= 5 && m.expires_in <= 1440, `expires_in ${m.expires_in}`);
}

/** `NeonAuthPhoneNumberConfig`. */
export function assertPhoneNumber(p) {
  assertBooleans(p, ['enabled']);
  assertOptional(p, 'otp_expires_in', (v) => Number.isSafeInteger(v) && v >= 60 && v <= 600);
}

/** `NeonAuthWebhookConfig`. */
export function assertWebhooks(w) {
  assertBooleans(w, ['enabled']);
  assertOptional(w, 'webhook_url', (v) => typeof v === 'string');
  assertOptional(w, 'enabled_events', (v) => Array.isArray(v) && v.every((e) => WEBHOOK_EVENTS.includes(e)));
  assertOptional(w, 'timeout_seconds', (v) => Number.isSafeInteger(v) && v >= 1 && v <= 10);
}

/** `NeonAuthCreateNewUserResponse` / `UpdateNeonAuthUserRoleResponse`. */
export function assertUser(u) {
  assert.ok(isObject(u), 'an object');
  assertStrings(u, ['id']);
}

export const collect = async (iterable) => {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
};
