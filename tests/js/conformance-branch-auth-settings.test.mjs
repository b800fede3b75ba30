// Conformance of Neon Auth's e-mail, users, plugins, webhooks, localhost, apply and pull against
// Prism: see support/conformance-branch-auth.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BRANCH, AUTH, RESPONSE_ONE_OF, PLUGINS_RESPONSE_ONE_OF, strict, lenient, neon, auth, authLenient, describe, assertRequests, conforming, raw, isObject, assertOptional, assertBooleans, assertOAuthProvider, assertEmailProvider, assertEmailAndPassword, assertOrganization, assertMagicLink, assertPhoneNumber, assertWebhooks, assertUser } from './support/conformance-branch-auth.mjs';

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
  // Prism answers the spec's example, which holds every plugin: each must come through, checked.
  assert.deepEqual(Object.keys(plugins).sort(), ['allow_localhost', 'email_and_password', 'email_provider', 'magic_link', 'oauth_providers', 'organization', 'phone_number']);
  assertOrganization(plugins.organization);
  assertMagicLink(plugins.magic_link);
  assertPhoneNumber(plugins.phone_number);
  assertEmailProvider(plugins.email_provider);
  assertEmailAndPassword(plugins.email_and_password);
  assert.deepEqual(plugins.oauth_providers.map((p) => p.id), ['google']);
  plugins.oauth_providers.forEach(assertOAuthProvider);
  assert.equal(plugins.allow_localhost, true);
  assert.deepEqual([plugins.organization.organization_limit, plugins.magic_link.expires_in, plugins.phone_number.otp_expires_in], [10, 5, 300], 'the example\'s values');
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

test('apply with dryRun: reads Neon Auth, then the settings the wanted state names; plans from what it read; writes nothing', async () => {
  // The spec's example answers allow_localhost: true, so asking for false plans exactly one update.
  const result = await conforming([`get ${AUTH}`, `get ${AUTH}/allow_localhost`], () => auth.apply({ allowLocalhost: false }, { dryRun: true }));
  assert.equal(result.branch_id, BRANCH);
  assert.equal(result.dry_run, true);
  assert.deepEqual(result.changes, [{ action: 'update', target: 'allowLocalhost', before: true, after: false }]);
  const unchanged = await conforming([`get ${AUTH}`, `get ${AUTH}/allow_localhost`], () => auth.apply({ allowLocalhost: true }, { dryRun: true }));
  assert.deepEqual(unchanged.changes, [], 'what the API already holds plans nothing');
});

test('pull: reads Neon Auth, then every setting apply compares, and nothing else (lenient Prism: the e-mail provider and plugin answers)', async () => {
  const reads = ['', '/domains', '/oauth_providers', '/email_provider', '/email_and_password', '/allow_localhost', '/plugins', '/plugins/phone-number', '/webhooks'];
  const pulled = await conforming(reads.map((path) => `get ${AUTH}${path}`), () => authLenient.pull(),
    { prism: lenient, violations: [RESPONSE_ONE_OF, PLUGINS_RESPONSE_ONE_OF] });
  assert.equal(pulled.enabled, true);
  assert.ok(Array.isArray(pulled.omitted) && Array.isArray(pulled.trustedDomains) && Array.isArray(pulled.oauthProviders));
  assert.equal(typeof pulled.allowLocalhost, 'boolean');
});
