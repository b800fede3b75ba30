// Conformance of discovery (projects, branches), the Neon Auth integration, trusted domains and
// OAuth providers against Prism: see support/conformance-branch-auth.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROJECT, BRANCH, BRANCHES, AUTH, EXAMPLE_CURSOR, MAIN_BRANCH_ID, strict, lenient, neon, auth, describe, assertRequests, conforming, raw, AUTH_PROVIDERS, assertStrings, assertProject, assertBranch, assertEnabled, assertIntegration, assertOAuthProvider, collect } from './support/conformance-branch-auth.mjs';

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
