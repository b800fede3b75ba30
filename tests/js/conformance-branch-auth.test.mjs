// Conformance tests for discovery (projects, branches) and branch-level Neon Auth: every operation
// of the built package is called against Prism mocking Neon's official OpenAPI spec (see
// support/prism.mjs). A test passes when the call resolves with the spec's fields, the client sent
// exactly the expected requests (method, path, query and JSON body), each answered with a success,
// and Prism found nothing in them that breaks the spec. Negative controls prove that Prism's
// complaints are detected.
//
// Prism logs each request as `method path`, without its query string, and does not log bodies at
// its default level. So the requests are recorded on the wire, by the recording proxy the client
// talks to in front of Prism (support/recorder.mjs): method, path with query, body and Prism's
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

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import NeonAdmin from '../../js/node.mjs';
import { startPrism } from './support/prism.mjs';

const PROJECT = 'proj-conformance-1';
const BRANCH = 'br-sparkling-cell-123456';
const BRANCHES = `/projects/${PROJECT}/branches`;
const AUTH = `${BRANCHES}/${BRANCH}/auth`;
const API_KEY = 'k_test_123';
// The branch listing example: `main` (br-aged-salad-637688), `dev2` and `dev1`, and
// `pagination.next` = "eyJjcmVhdGV" on every page.
const EXAMPLE_CURSOR = 'eyJjcmVhdGV';
const MAIN_BRANCH_ID = 'br-aged-salad-637688';

const RESPONSE_ONE_OF = 'Violation: response.body Response body must match exactly one schema in oneOf';
const PLUGINS_RESPONSE_ONE_OF =
  'Violation: response.body.email_provider Response body property email_provider must match exactly one schema in oneOf';

let strict;
let lenient;
let neon;
let neonLenient;
let auth;
let authLenient;

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
const line = (r) => `${r.method.toLowerCase()} ${r.path}`;

const describe = (x) =>
  `\nsent:\n  ${x.requests.map((r) => `${line(r)} ${r.body ?? ''} → ${r.status ?? r.error}`).join('\n  ') || '(none)'}` +
  `\nviolations:\n  ${x.violations.join('\n  ') || '(none)'}`;

/**
 * Checks the requests of an exchange (`prism.observe`). `expected` lists each request as
 * `'method /path?query'` (no body) or `['method /path?query', body]` (a JSON body, compared after
 * parsing); `status` checks what Prism answered each one (by default: a 2xx).
 */
function assertRequests(x, expected, { status = (s) => s >= 200 && s < 300 } = {}) {
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
async function conforming(expected, call, { prism = strict, violations = [] } = {}) {
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
async function raw(prism, method, path, body) {
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

const isTimestamp = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const AUTH_PROVIDERS = ['mock', 'stack', 'better_auth'];
const OAUTH_PROVIDER_IDS = ['google', 'github', 'microsoft', 'vercel'];
const WEBHOOK_EVENTS = ['user.before_create', 'user.created', 'send.otp', 'send.magic_link', 'organization.invitation.created',
  'organization.invitation.accepted', 'phone_number.verified'];

function assertOptional(value, field, check) {
  if (field in value) assert.ok(check(value[field]), `${field}: ${JSON.stringify(value[field])}`);
}

function assertStrings(value, fields) {
  for (const f of fields) assert.equal(typeof value[f], 'string', `${f}: ${JSON.stringify(value[f])}`);
}

function assertBooleans(value, fields) {
  for (const f of fields) assert.equal(typeof value[f], 'boolean', `${f}: ${JSON.stringify(value[f])}`);
}

/** `Project` as the package lists it (a subset of the spec's `ProjectListItem`). */
function assertProject(p) {
  assertStrings(p, ['id', 'name', 'region_id']);
  assert.ok(Number.isSafeInteger(p.pg_version), `pg_version ${p.pg_version}`);
  assert.ok(isTimestamp(p.created_at), `created_at ${p.created_at}`);
  assert.ok(isTimestamp(p.updated_at), `updated_at ${p.updated_at}`);
  assertOptional(p, 'org_id', (v) => typeof v === 'string');
}

/** `Branch` as the package lists it (a subset of the spec's `Branch`). */
function assertBranch(b) {
  assertStrings(b, ['id', 'project_id', 'name', 'current_state']);
  assertBooleans(b, ['default', 'protected']);
  assert.ok(isTimestamp(b.created_at), `created_at ${b.created_at}`);
  assert.ok(isTimestamp(b.updated_at), `updated_at ${b.updated_at}`);
  assertOptional(b, 'parent_id', (v) => typeof v === 'string');
}

/** `NeonAuthCreateIntegrationResponse`. */
function assertEnabled(r) {
  assert.ok(AUTH_PROVIDERS.includes(r.auth_provider), `auth_provider ${r.auth_provider}`);
  assertStrings(r, ['auth_provider_project_id', 'pub_client_key', 'secret_server_key', 'jwks_url', 'schema_name', 'table_name']);
  assertOptional(r, 'base_url', (v) => typeof v === 'string');
}

/** `NeonAuthIntegration`. */
function assertIntegration(r) {
  assert.ok(AUTH_PROVIDERS.includes(r.auth_provider), `auth_provider ${r.auth_provider}`);
  assertStrings(r, ['auth_provider_project_id', 'branch_id', 'db_name', 'jwks_url']);
  assert.ok(isTimestamp(r.created_at), `created_at ${r.created_at}`);
  assert.ok(['user', 'neon'].includes(r.owned_by), `owned_by ${r.owned_by}`);
  assertOptional(r, 'transfer_status', (v) => ['initiated', 'finished'].includes(v));
  assertOptional(r, 'base_url', (v) => typeof v === 'string');
  assertOptional(r, 'name', (v) => typeof v === 'string');
}

/** `NeonAuthOauthProvider`. */
function assertOAuthProvider(p) {
  assert.ok(OAUTH_PROVIDER_IDS.includes(p.id), `id ${p.id}`);
  assert.ok(['standard', 'shared'].includes(p.type), `type ${p.type}`);
  assertOptional(p, 'client_id', (v) => typeof v === 'string');
  assertOptional(p, 'client_secret', (v) => typeof v === 'string');
}

/** `NeonAuthEmailServerConfig` (either branch: every field is optional on `SharedEmailServer`). */
function assertEmailProvider(e) {
  assert.ok(isObject(e), 'an object');
  assertOptional(e, 'type', (v) => ['standard', 'shared'].includes(v));
  for (const f of ['host', 'username', 'password', 'sender_email', 'sender_name']) assertOptional(e, f, (v) => typeof v === 'string');
  assertOptional(e, 'port', Number.isSafeInteger);
}

/** `NeonAuthEmailAndPasswordConfig`. */
function assertEmailAndPassword(e) {
  assertBooleans(e, ['enabled', 'require_email_verification', 'auto_sign_in_after_verification', 'send_verification_email_on_sign_up',
    'send_verification_email_on_sign_in', 'disable_sign_up']);
  assert.ok(['link', 'otp'].includes(e.email_verification_method), `email_verification_method ${e.email_verification_method}`);
}

/** `NeonAuthOrganizationConfig`. */
function assertOrganization(o) {
  assertBooleans(o, ['enabled', 'send_invitation_email']);
  assert.ok(Number.isSafeInteger(o.organization_limit) && o.organization_limit >= 1, `organization_limit ${o.organization_limit}`);
  assert.ok(Number.isSafeInteger(o.membership_limit) && o.membership_limit >= 1, `membership_limit ${o.membership_limit}`);
  assert.ok(['admin', 'owner'].includes(o.creator_role), `creator_role ${o.creator_role}`);
}

/** `NeonAuthMagicLinkConfig`. */
function assertMagicLink(m) {
  assertBooleans(m, ['enabled', 'disable_sign_up']);
  assert.ok(Number.isSafeInteger(m.expires_in) && m.expires_in >= 5 && m.expires_in <= 1440, `expires_in ${m.expires_in}`);
}

/** `NeonAuthPhoneNumberConfig`. */
function assertPhoneNumber(p) {
  assertBooleans(p, ['enabled']);
  assertOptional(p, 'otp_expires_in', (v) => Number.isSafeInteger(v) && v >= 60 && v <= 600);
}

/** `NeonAuthWebhookConfig`. */
function assertWebhooks(w) {
  assertBooleans(w, ['enabled']);
  assertOptional(w, 'webhook_url', (v) => typeof v === 'string');
  assertOptional(w, 'enabled_events', (v) => Array.isArray(v) && v.every((e) => WEBHOOK_EVENTS.includes(e)));
  assertOptional(w, 'timeout_seconds', (v) => Number.isSafeInteger(v) && v >= 1 && v <= 10);
}

/** `NeonAuthCreateNewUserResponse` / `UpdateNeonAuthUserRoleResponse`. */
function assertUser(u) {
  assert.ok(isObject(u), 'an object');
  assertStrings(u, ['id']);
}

const collect = async (iterable) => {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
};

// --- Negative controls --------------------------------------------------------------------------

test('negative control: an invalid auth request is reported by Prism', async () => {
  const { status, violations } = await raw(strict, 'POST', `${AUTH}/domains`, {});
  assert.equal(status, 422);
  assert.ok(violations.length >= 1, 'at least one violation');
  for (const field of ['domain', 'auth_provider']) {
    assert.ok(violations.some((l) => l.includes(`Violation: request.body Request body must have required property '${field}'`)),
      `violations:\n${violations.join('\n')}`);
  }
});

test('negative control: the lenient Prism still reports request violations', async () => {
  const { status, violations } = await raw(lenient, 'PATCH', `${AUTH}/allow_localhost`, { allow_localhost: 'yes' });
  assert.equal(status, 422);
  assert.ok(violations.some((l) => l.includes('Violation: request.body.allow_localhost')), `violations:\n${violations.join('\n')}`);
});

// --- Discovery ----------------------------------------------------------------------------------

test('projects.list: GET /projects?limit=10 (a short page ends the listing)', async () => {
  const projects = await conforming(['get /projects?limit=10'], () => collect(neon.projects.list()));
  assert.equal(projects.length, 2);
  projects.forEach(assertProject);
});

test('projects.list with search, orgId and limit: a full page without a cursor ends the listing', async () => {
  // The example holds 2 projects, so `limit: 2` makes the page full; it carries no
  // `pagination.cursor`, so there is nothing to follow.
  const projects = await conforming(['get /projects?limit=2&search=shiny&org_id=org-cold-sky-12345678'],
    () => collect(neon.projects.list({ search: 'shiny', orgId: 'org-cold-sky-12345678', limit: 2 })));
  assert.equal(projects.length, 2);
  projects.forEach(assertProject);
});

test('branches.list: GET …/branches, then the cursor once (Prism repeats it, which ends the listing)', async () => {
  const branches = await conforming([`get ${BRANCHES}`, `get ${BRANCHES}?cursor=${EXAMPLE_CURSOR}`],
    () => collect(neon.branches(PROJECT).list()));
  // The static example answers both pages alike: its 3 branches, twice.
  assert.equal(branches.length, 6);
  branches.forEach(assertBranch);
  assert.deepEqual(branches.slice(0, 3).map((b) => b.name), ['main', 'dev2', 'dev1']);
});

test('branches.list with search and limit', async () => {
  const branches = await conforming(
    [`get ${BRANCHES}?search=dev&limit=3`, `get ${BRANCHES}?search=dev&cursor=${EXAMPLE_CURSOR}&limit=3`],
    () => collect(neon.branches(PROJECT).list({ search: 'dev', limit: 3 })));
  assert.equal(branches.length, 6);
  branches.forEach(assertBranch);
});

test('branches.resolve(name): GET …/branches?search=name, following the cursor', async () => {
  const x = await strict.observe(() => neon.branches(PROJECT).resolve('main'));
  assert.deepEqual(x.violations, [], `Prism reported violations${describe(x)}`);
  assertRequests(x, [`get ${BRANCHES}?search=main`, `get ${BRANCHES}?search=main&cursor=${EXAMPLE_CURSOR}`]);
  // Prism answers the second page with the first page's example again, so the same branch (same
  // ID) is listed twice: it is still one branch named "main".
  assert.equal(x.error, undefined, `the call rejected: ${x.error?.name}: ${x.error?.message}`);
  assert.equal(x.result, MAIN_BRANCH_ID);
});

test('branches.resolve(ID): returned as is, without any request', async () => {
  assert.equal(await conforming([], () => neon.branches(PROJECT).resolve(BRANCH)), BRANCH);
});

test('branchAuth.branchId() with an ID: no request', async () => {
  assert.equal(await conforming([], () => auth.branchId()), BRANCH);
});

// --- Neon Auth: the integration -----------------------------------------------------------------

test('enable: POST …/auth', async () => {
  assertEnabled(await conforming([[`post ${AUTH}`, { auth_provider: 'better_auth' }]], () => auth.enable()));
});

test('enable with authProvider and databaseName: POST …/auth', async () => {
  const enabled = await conforming([[`post ${AUTH}`, { auth_provider: 'better_auth', database_name: 'neondb' }]],
    () => auth.enable({ authProvider: 'better_auth', databaseName: 'neondb' }));
  assertEnabled(enabled);
});

test('get: GET …/auth', async () => {
  assertIntegration(await conforming([`get ${AUTH}`], () => auth.get()));
});

test('disable: DELETE …/auth with {delete_data: false}; no content', async () => {
  assert.equal(await conforming([[`delete ${AUTH}`, { delete_data: false }]], () => auth.disable()), undefined);
});

test('disable with deleteData: DELETE …/auth with {delete_data: true}; no content', async () => {
  assert.equal(await conforming([[`delete ${AUTH}`, { delete_data: true }]], () => auth.disable({ deleteData: true })), undefined);
});

test('updateConfig: PATCH …/auth/config', async () => {
  const config = await conforming([[`patch ${AUTH}/config`, { name: 'Conformance app' }]], () => auth.updateConfig({ name: 'Conformance app' }));
  assertStrings(config, ['name']);
});

// --- Trusted domains ----------------------------------------------------------------------------

test('domains.list: GET …/auth/domains', async () => {
  const domains = await conforming([`get ${AUTH}/domains`], () => auth.domains.list());
  assert.ok(Array.isArray(domains) && domains.length > 0, 'a non-empty array');
  for (const d of domains) {
    assertStrings(d, ['domain']);
    assert.ok(AUTH_PROVIDERS.includes(d.auth_provider), `auth_provider ${d.auth_provider}`);
  }
});

test('domains.add: POST …/auth/domains; no content', async () => {
  const result = await conforming([[`post ${AUTH}/domains`, { domain: 'https://preview.example.com', auth_provider: 'better_auth' }]],
    () => auth.domains.add('https://preview.example.com'));
  assert.equal(result, undefined);
});

test('domains.add with authProvider', async () => {
  const result = await conforming([[`post ${AUTH}/domains`, { domain: 'https://app.example.com', auth_provider: 'stack' }]],
    () => auth.domains.add('https://app.example.com', { authProvider: 'stack' }));
  assert.equal(result, undefined);
});

test('domains.remove one: DELETE …/auth/domains; no content', async () => {
  const result = await conforming(
    [[`delete ${AUTH}/domains`, { auth_provider: 'better_auth', domains: [{ domain: 'https://preview.example.com' }] }]],
    () => auth.domains.remove('https://preview.example.com'));
  assert.equal(result, undefined);
});

test('domains.remove several with authProvider', async () => {
  const body = { auth_provider: 'mock', domains: [{ domain: 'https://a.example.com' }, { domain: 'https://b.example.com' }] };
  const result = await conforming([[`delete ${AUTH}/domains`, body]],
    () => auth.domains.remove(['https://a.example.com', 'https://b.example.com'], { authProvider: 'mock' }));
  assert.equal(result, undefined);
});

// --- OAuth providers ----------------------------------------------------------------------------

test('oauthProviders.list: GET …/auth/oauth_providers', async () => {
  const providers = await conforming([`get ${AUTH}/oauth_providers`], () => auth.oauthProviders.list());
  assert.ok(Array.isArray(providers) && providers.length > 0, 'a non-empty array');
  providers.forEach(assertOAuthProvider);
});

test('oauthProviders.add with client credentials: POST …/auth/oauth_providers', async () => {
  const provider = await conforming(
    [[`post ${AUTH}/oauth_providers`, { id: 'google', client_id: 'client-123', client_secret: 'secret-456' }]],
    () => auth.oauthProviders.add({ id: 'google', clientId: 'client-123', clientSecret: 'secret-456' }));
  assertOAuthProvider(provider);
});

test('oauthProviders.add shared (no credentials), Microsoft tenant', async () => {
  const provider = await conforming([[`post ${AUTH}/oauth_providers`, { id: 'microsoft', microsoft_tenant_id: 'tenant-789' }]],
    () => auth.oauthProviders.add({ id: 'microsoft', microsoftTenantId: 'tenant-789' }));
  assertOAuthProvider(provider);
});

test('oauthProviders.update: PATCH …/auth/oauth_providers/{id}', async () => {
  const changes = { client_id: 'client-new', client_secret: 'secret-new', microsoft_tenant_id: 'tenant-new' };
  const provider = await conforming([[`patch ${AUTH}/oauth_providers/microsoft`, changes]],
    () => auth.oauthProviders.update('microsoft', { clientId: 'client-new', clientSecret: 'secret-new', microsoftTenantId: 'tenant-new' }));
  assertOAuthProvider(provider);
});

test('oauthProviders.remove: DELETE …/auth/oauth_providers/{id}; no content', async () => {
  assert.equal(await conforming([`delete ${AUTH}/oauth_providers/github`], () => auth.oauthProviders.remove('github')), undefined);
});

// --- E-mail -------------------------------------------------------------------------------------

test('emailProvider.get: GET …/auth/email_provider (lenient Prism: see the top of this file)', async () => {
  const provider = await conforming([`get ${AUTH}/email_provider`], () => authLenient.emailProvider.get(),
    { prism: lenient, violations: [RESPONSE_ONE_OF] });
  assertEmailProvider(provider);
});

const STANDARD_INPUT = {
  type: 'standard', host: 'smtp.example.com', port: 587, username: 'mailer', password: 'smtp-password',
  senderEmail: 'noreply@example.com', senderName: 'Example',
};
const STANDARD_BODY = {
  type: 'standard', host: 'smtp.example.com', port: 587, username: 'mailer', password: 'smtp-password',
  sender_email: 'noreply@example.com', sender_name: 'Example',
};

test('emailProvider.update standard: PATCH …/auth/email_provider (the spec\'s oneOf cannot accept it)', async () => {
  // The body is right: `type: "standard"` is the discriminator's key for `StandardEmailServer`, and
  // the body has every field that schema requires, with the right types. But `SharedEmailServer`
  // requires nothing and allows any property, so the same body also matches it, and plain
  // JSON Schema (which is what Prism checks: it ignores `discriminator`) rejects a oneOf matched
  // twice. No standard body can pass, with or without `type`; Prism answers 422. So this test
  // checks the body the client sent, that Prism's only complaint is that oneOf, and (below) that
  // Prism accepts the very same fields where the spec uses `StandardEmailServer` alone.
  const x = await strict.observe(() => auth.emailProvider.update(STANDARD_INPUT));
  const detail = describe(x);
  assertRequests(x, [[`patch ${AUTH}/email_provider`, STANDARD_BODY]], { status: (s) => s === 422 });
  const ONE_OF = 'Request body must match exactly one schema in oneOf';
  assert.ok(x.violations.some((l) => l.endsWith(`Violation: request.body ${ONE_OF}`)), `the oneOf violation${detail}`);
  assert.ok(x.violations.every((l) => l.endsWith(ONE_OF) || l.endsWith('Request did not pass the validation rules')),
    `no violation but the oneOf${detail}`);
  assert.equal(x.error?.name, 'NeonApiError', `rejected by Prism's 422${detail}`);
  assert.equal(x.error.status, 422);

  // `SendNeonAuthTestEmailRequest` is `allOf: [StandardEmailServer, {recipient_email}]`: the body
  // sent above, plus a recipient, passes Prism's validation there.
  const proof = await raw(strict, 'POST', `${AUTH}/send_test_email`, { ...JSON.parse(x.requests[0].body), recipient_email: 'ada@example.com' });
  assert.deepEqual(proof.violations, [], 'the body is a valid StandardEmailServer');
  assert.equal(proof.status, 200);
});

test('emailProvider.update shared: PATCH …/auth/email_provider (lenient Prism)', async () => {
  const provider = await conforming(
    [[`patch ${AUTH}/email_provider`, { type: 'shared', sender_email: 'noreply@example.com', sender_name: 'Example' }]],
    () => authLenient.emailProvider.update({ type: 'shared', senderEmail: 'noreply@example.com', senderName: 'Example' }),
    { prism: lenient, violations: [RESPONSE_ONE_OF] });
  assertEmailProvider(provider);
});

test('emailProvider.update shared with Neon\'s defaults (lenient Prism)', async () => {
  const provider = await conforming([[`patch ${AUTH}/email_provider`, { type: 'shared' }]],
    () => authLenient.emailProvider.update({ type: 'shared' }), { prism: lenient, violations: [RESPONSE_ONE_OF] });
  assertEmailProvider(provider);
});

test('emailAndPassword.get: GET …/auth/email_and_password', async () => {
  assertEmailAndPassword(await conforming([`get ${AUTH}/email_and_password`], () => auth.emailAndPassword.get()));
});

test('emailAndPassword.update: PATCH …/auth/email_and_password', async () => {
  const body = {
    enabled: true, email_verification_method: 'otp', require_email_verification: true, auto_sign_in_after_verification: false,
    send_verification_email_on_sign_up: true, send_verification_email_on_sign_in: false, disable_sign_up: false,
  };
  const settings = await conforming([[`patch ${AUTH}/email_and_password`, body]], () => auth.emailAndPassword.update({
    enabled: true, emailVerificationMethod: 'otp', requireEmailVerification: true, autoSignInAfterVerification: false,
    sendVerificationEmailOnSignUp: true, sendVerificationEmailOnSignIn: false, disableSignUp: false,
  }));
  assertEmailAndPassword(settings);
});

test('emailAndPassword.update with one setting', async () => {
  const settings = await conforming([[`patch ${AUTH}/email_and_password`, { disable_sign_up: true }]],
    () => auth.emailAndPassword.update({ disableSignUp: true }));
  assertEmailAndPassword(settings);
});

test('sendTestEmail: POST …/auth/send_test_email', async () => {
  const body = {
    host: 'smtp.example.com', port: 587, username: 'mailer', password: 'smtp-password',
    sender_email: 'noreply@example.com', sender_name: 'Example', recipient_email: 'ada@example.com',
  };
  const outcome = await conforming([[`post ${AUTH}/send_test_email`, body]], () => auth.sendTestEmail({
    host: 'smtp.example.com', port: 587, username: 'mailer', password: 'smtp-password',
    senderEmail: 'noreply@example.com', senderName: 'Example', recipientEmail: 'ada@example.com',
  }));
  assertBooleans(outcome, ['success']);
  assertOptional(outcome, 'error_message', (v) => typeof v === 'string');
});

// --- Users --------------------------------------------------------------------------------------

test('users.create: POST …/auth/users', async () => {
  assertUser(await conforming([[`post ${AUTH}/users`, { email: 'ada@example.com', name: 'Ada Lovelace' }]],
    () => auth.users.create({ email: 'ada@example.com', name: 'Ada Lovelace' })));
});

test('users.create without a name', async () => {
  assertUser(await conforming([[`post ${AUTH}/users`, { email: 'grace@example.com' }]], () => auth.users.create({ email: 'grace@example.com' })));
});

test('users.remove: DELETE …/auth/users/{auth_user_id}; no content', async () => {
  assert.equal(await conforming([`delete ${AUTH}/users/user-123`], () => auth.users.remove('user-123')), undefined);
});

test('users.setRoles: PUT …/auth/users/{auth_user_id}/role', async () => {
  assertUser(await conforming([[`put ${AUTH}/users/user-123/role`, { roles: ['admin', 'member'] }]],
    () => auth.users.setRoles('user-123', ['admin', 'member'])));
});

// --- Plugins ------------------------------------------------------------------------------------

test('plugins.get: GET …/auth/plugins (lenient Prism: its email_provider)', async () => {
  const plugins = await conforming([`get ${AUTH}/plugins`], () => authLenient.plugins.get(),
    { prism: lenient, violations: [PLUGINS_RESPONSE_ONE_OF] });
  assert.ok(isObject(plugins), 'an object');
  assertOptional(plugins, 'organization', (v) => (assertOrganization(v), true));
  assertOptional(plugins, 'magic_link', (v) => (assertMagicLink(v), true));
  assertOptional(plugins, 'phone_number', (v) => (assertPhoneNumber(v), true));
  assertOptional(plugins, 'email_provider', (v) => (assertEmailProvider(v), true));
  assertOptional(plugins, 'email_and_password', (v) => (assertEmailAndPassword(v), true));
  assertOptional(plugins, 'oauth_providers', (v) => Array.isArray(v) && (v.forEach(assertOAuthProvider), true));
  assertOptional(plugins, 'allow_localhost', (v) => typeof v === 'boolean');
});

test('plugins.updateOrganization: PATCH …/auth/plugins/organization', async () => {
  const body = { enabled: true, organization_limit: 5, membership_limit: 50, creator_role: 'admin', send_invitation_email: true };
  const organization = await conforming([[`patch ${AUTH}/plugins/organization`, body]], () => auth.plugins.updateOrganization({
    enabled: true, organizationLimit: 5, membershipLimit: 50, creatorRole: 'admin', sendInvitationEmail: true,
  }));
  assertOrganization(organization);
});

test('plugins.updateMagicLink: PATCH …/auth/plugins/magic-link', async () => {
  const magicLink = await conforming([[`patch ${AUTH}/plugins/magic-link`, { enabled: true, expires_in: 15, disable_sign_up: false }]],
    () => auth.plugins.updateMagicLink({ enabled: true, expiresIn: 15, disableSignUp: false }));
  assertMagicLink(magicLink);
});

test('plugins.getPhoneNumber: GET …/auth/plugins/phone-number', async () => {
  assertPhoneNumber(await conforming([`get ${AUTH}/plugins/phone-number`], () => auth.plugins.getPhoneNumber()));
});

test('plugins.updatePhoneNumber: PATCH …/auth/plugins/phone-number', async () => {
  const phone = await conforming([[`patch ${AUTH}/plugins/phone-number`, { enabled: true, otp_expires_in: 120 }]],
    () => auth.plugins.updatePhoneNumber({ enabled: true, otpExpiresIn: 120 }));
  assertPhoneNumber(phone);
});

// --- Webhooks and localhost ---------------------------------------------------------------------

test('webhooks.get: GET …/auth/webhooks', async () => {
  assertWebhooks(await conforming([`get ${AUTH}/webhooks`], () => auth.webhooks.get()));
});

test('webhooks.set: PUT …/auth/webhooks', async () => {
  const body = { enabled: true, webhook_url: 'https://hooks.example.com/neon', enabled_events: ['user.created', 'send.otp'], timeout_seconds: 5 };
  const webhooks = await conforming([[`put ${AUTH}/webhooks`, body]], () => auth.webhooks.set({
    enabled: true, webhookUrl: 'https://hooks.example.com/neon', enabledEvents: ['user.created', 'send.otp'], timeoutSeconds: 5,
  }));
  assertWebhooks(webhooks);
});

test('webhooks.set disabled, without a URL', async () => {
  assertWebhooks(await conforming([[`put ${AUTH}/webhooks`, { enabled: false }]], () => auth.webhooks.set({ enabled: false })));
});

test('allowLocalhost.get: GET …/auth/allow_localhost', async () => {
  const setting = await conforming([`get ${AUTH}/allow_localhost`], () => auth.allowLocalhost.get());
  assertBooleans(setting, ['allow_localhost']);
});

test('allowLocalhost.set: PATCH …/auth/allow_localhost', async () => {
  const setting = await conforming([[`patch ${AUTH}/allow_localhost`, { allow_localhost: false }]], () => auth.allowLocalhost.set(false));
  assertBooleans(setting, ['allow_localhost']);
});

test('apply with dryRun: reads Neon Auth, then the settings the wanted state names; writes nothing', async () => {
  const result = await conforming([`get ${AUTH}`, `get ${AUTH}/allow_localhost`], () => auth.apply({ allowLocalhost: true }, { dryRun: true }));
  assert.equal(result.branch_id, BRANCH);
  assert.equal(result.dry_run, true);
  assert.ok(Array.isArray(result.changes));
});
