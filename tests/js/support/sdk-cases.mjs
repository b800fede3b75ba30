// The operations neon-admin and @neon/sdk 6.1.2 can both call, each as one case: the same call
// made through each package, the route the spec gives it, and a plausible answer (shaped like the
// newer contract's response type) for the recording server to send back. Used by
// differential.test.mjs. `sdk` is the ergonomic client (`createNeonClient`) where it has a named
// method, else its `raw` layer (every generated endpoint, `raw.*`) with the same client.

import { raw } from '@neon/sdk';

export const PROJECT = 'cold-sky-12345678';
export const BRANCH = 'br-cold-sky-12345678';
export const ORG = 'org-cold-sky-12345678';
const USER = '0d8fbd4a-7f0c-4a5e-9d7e-1a2b3c4d5e6f';
const BR = `/projects/${PROJECT}/branches/${BRANCH}`;
const NOW = '2026-01-01T00:00:00Z';

/** Path parameters of the branch every Neon Auth case targets, as @neon/sdk's two layers take them. */
const named = { projectId: PROJECT, branchId: BRANCH };
const path = { project_id: PROJECT, branch_id: BRANCH };
/** A raw @neon/sdk call on the ergonomic client's configured transport. */
const rawCall = (fn, sdk, options = {}) => fn({ client: sdk.client, path, throwOnError: true, ...options });
const page = (paginated) => paginated.page();
/** Every item of an async iterable (Node 20 has no Array.fromAsync). */
async function all(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}
const auth = (neon) => neon.branchAuth(PROJECT, BRANCH);
const creds = (neon) => neon.credentials(PROJECT, BRANCH);
const TOKEN = 'nak_live_0123456789abcdef0123456789abcdef';
const credentialMeta = { token_id: TOKEN, token_id_short: '0123456789ab', name: 'ci', scopes: ['storage:read'], branch_id: BRANCH, principal_type: 'user', created_at: NOW };
const credentialSecrets = { token_id: TOKEN, api_token: 'nat_live_bearer0123456789', s3_secret_access_key: `nsk_live_${'ab'.repeat(32)}` };
const issuedCredential = { ...credentialMeta, ...credentialSecrets };

const creator = { id: 'u-1', name: 'Ada', image: '' };
const listedKey = { id: 42, name: 'ci', created_at: NOW, created_by: creator, last_used_at: null, last_used_from_addr: '' };
const createdKey = { id: 43, key: 'napi_0123456789abcdef', name: 'deploy', created_at: NOW, created_by: 'u-1' };
const revokedKey = { ...listedKey, created_by: 'u-1', revoked: true };
const project = { id: PROJECT, name: 'app', region_id: 'aws-us-east-2', pg_version: 17, created_at: NOW, updated_at: NOW, org_id: ORG };
const branch = {
  id: BRANCH, project_id: PROJECT, name: 'dev', parent_id: 'br-main-00000000', current_state: 'ready',
  default: false, protected: false, created_at: NOW, updated_at: NOW,
};
const neonAuth = {
  auth_provider: 'better_auth', auth_provider_project_id: 'p-1', branch_id: BRANCH, db_name: 'neondb',
  created_at: NOW, owned_by: 'neon', jwks_url: 'https://auth.example.com/jwks', base_url: 'https://auth.example.com',
};
const enabled = {
  auth_provider: 'better_auth', auth_provider_project_id: 'p-1', pub_client_key: 'pck_1', secret_server_key: 'ssk_1',
  jwks_url: 'https://auth.example.com/jwks', schema_name: 'neon_auth', table_name: 'users_sync', base_url: 'https://auth.example.com',
};
const google = { id: 'google', type: 'standard', client_id: 'cid', client_secret: '********' };
const smtp = {
  type: 'standard', host: 'smtp.example.com', port: 587, username: 'mailer', password: '********',
  sender_email: 'noreply@example.com', sender_name: 'App',
};
const emailAndPassword = {
  enabled: true, email_verification_method: 'otp', require_email_verification: true, auto_sign_in_after_verification: true,
  send_verification_email_on_sign_up: true, send_verification_email_on_sign_in: false, disable_sign_up: false,
};
const organization = { enabled: true, organization_limit: 5, membership_limit: 100, creator_role: 'owner', send_invitation_email: true };
const magicLink = { enabled: true, expires_in: 600, disable_sign_up: false };
const phoneNumber = { enabled: true, otp_expires_in: 300 };
const webhooks = { enabled: true, webhook_url: 'https://hooks.example.com/neon', enabled_events: ['user.created'], timeout_seconds: 5 };
const smtpSettings = { host: 'smtp.example.com', port: 587, username: 'mailer', password: 'smtp-pass', sender_email: 'noreply@example.com', sender_name: 'App' };

/**
 * @type {Array<{ name: string, route: string, answer: unknown, status?: number,
 *   admin: (neon: any) => Promise<unknown>, sdk: (sdk: any) => Promise<unknown> }>}
 */
export const cases = [
  { name: 'whoami', route: 'GET /auth', answer: { account_id: 'u-1', auth_method: 'api_key_user' },
    admin: (n) => n.whoami(), sdk: (s) => raw.getAuthDetails({ client: s.client, throwOnError: true }) },

  { name: 'apiKeys.list', route: 'GET /api_keys', answer: [listedKey],
    admin: (n) => n.apiKeys.list(), sdk: (s) => s.apiKeys.list() },
  { name: 'apiKeys.create', route: 'POST /api_keys', answer: createdKey,
    admin: (n) => n.apiKeys.create({ name: 'deploy' }), sdk: (s) => s.apiKeys.create({ keyName: 'deploy' }) },
  { name: 'apiKeys.revoke', route: 'DELETE /api_keys/42', answer: revokedKey,
    admin: (n) => n.apiKeys.revoke(42), sdk: (s) => s.apiKeys.revoke({ keyId: 42 }) },
  { name: 'orgApiKeys.list', route: `GET /organizations/${ORG}/api_keys`, answer: [listedKey],
    admin: (n) => n.orgApiKeys(ORG).list(),
    sdk: (s) => raw.listOrgApiKeys({ client: s.client, path: { org_id: ORG }, throwOnError: true }) },
  { name: 'orgApiKeys.create', route: `POST /organizations/${ORG}/api_keys`, answer: { ...createdKey, project_id: PROJECT },
    admin: (n) => n.orgApiKeys(ORG).create({ name: 'deploy', projectId: PROJECT }),
    sdk: (s) => raw.createOrgApiKey({ client: s.client, path: { org_id: ORG }, body: { key_name: 'deploy', project_id: PROJECT }, throwOnError: true }) },
  { name: 'orgApiKeys.revoke', route: `DELETE /organizations/${ORG}/api_keys/42`, answer: revokedKey,
    admin: (n) => n.orgApiKeys(ORG).revoke(42),
    sdk: (s) => raw.revokeOrgApiKey({ client: s.client, path: { org_id: ORG, key_id: 42 }, throwOnError: true }) },

  { name: 'projects.list', route: 'GET /projects', answer: { projects: [project], pagination: { cursor: PROJECT } },
    admin: (n) => all(n.projects.list({ search: 'app', orgId: ORG, limit: 5 })),
    sdk: (s) => page(s.projects.list({ search: 'app', org_id: ORG, limit: 5 })) },
  { name: 'projects.list (timeout, recoverable, cursor)', route: 'GET /projects', answer: { projects: [project] },
    admin: (n) => all(n.projects.list({ limit: 5, timeout: 2000, recoverable: true, cursor: 'c1' })),
    sdk: (s) => raw.listProjects({ client: s.client, query: { limit: 5, timeout: 2000, recoverable: true, cursor: 'c1' }, throwOnError: true }) },
  { name: 'branches.list', route: `GET /projects/${PROJECT}/branches`, answer: { branches: [branch], annotations: {}, pagination: {} },
    admin: (n) => all(n.branches(PROJECT).list({ search: 'dev', limit: 3 })),
    sdk: (s) => page(s.branches.list({ projectId: PROJECT, search: 'dev', limit: 3 })) },
  { name: 'branches.list (sortBy, sortOrder, includeDeleted, cursor)', route: `GET /projects/${PROJECT}/branches`,
    answer: { branches: [branch], annotations: {}, pagination: {} },
    admin: (n) => all(n.branches(PROJECT).list({ sortBy: 'name', sortOrder: 'asc', includeDeleted: true, cursor: 'c1' })),
    sdk: (s) => raw.listProjectBranches({
      client: s.client, path: { project_id: PROJECT }, query: { sort_by: 'name', sort_order: 'asc', include_deleted: true, cursor: 'c1' }, throwOnError: true,
    }) },
  { name: 'branches.resolve (by name)', route: `GET /projects/${PROJECT}/branches`, answer: { branches: [branch], annotations: {}, pagination: {} },
    admin: (n) => n.branches(PROJECT).resolve('dev'),
    sdk: (s) => page(s.branches.list({ projectId: PROJECT, search: 'dev' })) },

  { name: 'branchAuth.enable', route: `POST ${BR}/auth`, answer: enabled, status: 201,
    admin: (n) => auth(n).enable({ authProvider: 'better_auth', databaseName: 'neondb' }),
    sdk: (s) => s.auth.create({ ...named, auth_provider: 'better_auth', database_name: 'neondb' }) },
  { name: 'branchAuth.get', route: `GET ${BR}/auth`, answer: neonAuth, admin: (n) => auth(n).get(), sdk: (s) => s.auth.get(named) },
  { name: 'branchAuth.disable', route: `DELETE ${BR}/auth`, answer: {},
    admin: (n) => auth(n).disable({ deleteData: true }), sdk: (s) => s.auth.disable({ ...named, deleteData: true }) },
  { name: 'branchAuth.updateConfig', route: `PATCH ${BR}/auth/config`, answer: { name: 'Acme' },
    admin: (n) => auth(n).updateConfig({ name: 'Acme' }), sdk: (s) => s.auth.updateConfig({ ...named, name: 'Acme' }) },

  { name: 'branchAuth.domains.list', route: `GET ${BR}/auth/domains`, answer: { domains: [{ domain: 'https://app.example.com', auth_provider: 'better_auth' }] },
    admin: (n) => auth(n).domains.list(), sdk: (s) => s.auth.trustedDomains.list(named) },
  { name: 'branchAuth.domains.add', route: `POST ${BR}/auth/domains`, answer: {}, status: 201,
    admin: (n) => auth(n).domains.add('https://app.example.com', { authProvider: 'better_auth' }),
    sdk: (s) => s.auth.trustedDomains.add({ ...named, domain: 'https://app.example.com', auth_provider: 'better_auth' }) },
  { name: 'branchAuth.domains.remove', route: `DELETE ${BR}/auth/domains`, answer: {},
    admin: (n) => auth(n).domains.remove(['https://app.example.com', 'https://b.example.com'], { authProvider: 'better_auth' }),
    sdk: (s) => s.auth.trustedDomains.delete({
      ...named, auth_provider: 'better_auth', domains: [{ domain: 'https://app.example.com' }, { domain: 'https://b.example.com' }],
    }) },

  { name: 'branchAuth.oauthProviders.list', route: `GET ${BR}/auth/oauth_providers`, answer: { providers: [google] },
    admin: (n) => auth(n).oauthProviders.list(), sdk: (s) => s.auth.oauthProviders.list(named) },
  { name: 'branchAuth.oauthProviders.add', route: `POST ${BR}/auth/oauth_providers`, answer: google,
    admin: (n) => auth(n).oauthProviders.add({ id: 'google', clientId: 'cid', clientSecret: 'csecret' }),
    sdk: (s) => s.auth.oauthProviders.add({ ...named, id: 'google', client_id: 'cid', client_secret: 'csecret' }) },
  { name: 'branchAuth.oauthProviders.update', route: `PATCH ${BR}/auth/oauth_providers/microsoft`,
    answer: { id: 'microsoft', type: 'standard', client_id: 'cid2', client_secret: '********' },
    admin: (n) => auth(n).oauthProviders.update('microsoft', { clientId: 'cid2', clientSecret: 's2', microsoftTenantId: 'organizations' }),
    sdk: (s) => s.auth.oauthProviders.update({ ...named, providerId: 'microsoft', client_id: 'cid2', client_secret: 's2', microsoft_tenant_id: 'organizations' }) },
  { name: 'branchAuth.oauthProviders.remove', route: `DELETE ${BR}/auth/oauth_providers/github`, answer: {},
    admin: (n) => auth(n).oauthProviders.remove('github'), sdk: (s) => s.auth.oauthProviders.delete({ ...named, providerId: 'github' }) },

  { name: 'branchAuth.emailProvider.get', route: `GET ${BR}/auth/email_provider`, answer: smtp,
    admin: (n) => auth(n).emailProvider.get(), sdk: (s) => rawCall(raw.getNeonAuthEmailProvider, s) },
  { name: 'branchAuth.emailProvider.update (standard, every field)', route: `PATCH ${BR}/auth/email_provider`, answer: smtp,
    admin: (n) => auth(n).emailProvider.update({
      type: 'standard', host: 'smtp.example.com', port: 587, username: 'mailer', password: 'smtp-pass', senderEmail: 'noreply@example.com', senderName: 'App',
    }),
    sdk: (s) => rawCall(raw.updateNeonAuthEmailProvider, s, { body: { type: 'standard', ...smtpSettings } }) },
  { name: 'branchAuth.emailProvider.update (standard, sender name only)', route: `PATCH ${BR}/auth/email_provider`, answer: smtp,
    admin: (n) => auth(n).emailProvider.update({ type: 'standard', senderName: 'App' }),
    sdk: (s) => rawCall(raw.updateNeonAuthEmailProvider, s, { body: { type: 'standard', sender_name: 'App' } }) },
  { name: 'branchAuth.emailProvider.update (shared)', route: `PATCH ${BR}/auth/email_provider`, answer: { type: 'shared' },
    admin: (n) => auth(n).emailProvider.update({ type: 'shared' }),
    sdk: (s) => rawCall(raw.updateNeonAuthEmailProvider, s, { body: { type: 'shared' } }) },
  { name: 'branchAuth.emailProvider.test', route: `POST ${BR}/auth/email_provider/test`, answer: { success: true },
    admin: (n) => auth(n).emailProvider.test({ recipientEmail: 'ada@example.com' }),
    sdk: (s) => rawCall(raw.sendNeonAuthEmailProviderTest, s, { body: { recipient_email: 'ada@example.com' } }) },
  { name: 'branchAuth.sendTestEmail', route: `POST ${BR}/auth/send_test_email`, answer: { success: false, error_message: 'connection refused' },
    admin: (n) => auth(n).sendTestEmail({
      host: 'smtp.example.com', port: 587, username: 'mailer', password: 'smtp-pass', senderEmail: 'noreply@example.com', senderName: 'App',
      recipientEmail: 'ada@example.com',
    }),
    sdk: (s) => rawCall(raw.sendNeonAuthTestEmail, s, { body: { ...smtpSettings, recipient_email: 'ada@example.com' } }) },

  { name: 'branchAuth.emailAndPassword.get', route: `GET ${BR}/auth/email_and_password`, answer: emailAndPassword,
    admin: (n) => auth(n).emailAndPassword.get(), sdk: (s) => rawCall(raw.getNeonAuthEmailAndPasswordConfig, s) },
  { name: 'branchAuth.emailAndPassword.update', route: `PATCH ${BR}/auth/email_and_password`, answer: emailAndPassword,
    admin: (n) => auth(n).emailAndPassword.update({ enabled: true, emailVerificationMethod: 'otp', requireEmailVerification: true, disableSignUp: false }),
    sdk: (s) => rawCall(raw.updateNeonAuthEmailAndPasswordConfig, s, {
      body: { enabled: true, email_verification_method: 'otp', require_email_verification: true, disable_sign_up: false },
    }) },

  { name: 'branchAuth.users.create', route: `POST ${BR}/auth/users`, answer: { id: USER }, status: 201,
    admin: (n) => auth(n).users.create({ email: 'ada@example.com', name: 'Ada' }),
    sdk: (s) => s.auth.users.create({ ...named, email: 'ada@example.com', name: 'Ada' }) },
  { name: 'branchAuth.users.remove', route: `DELETE ${BR}/auth/users/${USER}`, answer: undefined, status: 204,
    admin: (n) => auth(n).users.remove(USER), sdk: (s) => s.auth.users.delete({ ...named, authUserId: USER }) },
  { name: 'branchAuth.users.setRoles', route: `PUT ${BR}/auth/users/${USER}/role`, answer: { id: USER },
    admin: (n) => auth(n).users.setRoles(USER, ['admin', 'user']),
    sdk: (s) => s.auth.users.updateRole({ ...named, authUserId: USER, roles: ['admin', 'user'] }) },

  { name: 'branchAuth.plugins.get', route: `GET ${BR}/auth/plugins`,
    answer: { organization, magic_link: magicLink, phone_number: phoneNumber, email_provider: smtp, email_and_password: emailAndPassword, oauth_providers: [google], allow_localhost: true },
    admin: (n) => auth(n).plugins.get(), sdk: (s) => rawCall(raw.getNeonAuthPluginConfigs, s) },
  { name: 'branchAuth.plugins.updateOrganization', route: `PATCH ${BR}/auth/plugins/organization`, answer: organization,
    admin: (n) => auth(n).plugins.updateOrganization({ enabled: true, organizationLimit: 5, membershipLimit: 100, creatorRole: 'owner', sendInvitationEmail: true }),
    sdk: (s) => rawCall(raw.updateNeonAuthOrganizationPlugin, s, {
      body: { enabled: true, organization_limit: 5, membership_limit: 100, creator_role: 'owner', send_invitation_email: true },
    }) },
  { name: 'branchAuth.plugins.updateMagicLink', route: `PATCH ${BR}/auth/plugins/magic-link`, answer: magicLink,
    admin: (n) => auth(n).plugins.updateMagicLink({ enabled: true, expiresIn: 600, disableSignUp: false }),
    sdk: (s) => rawCall(raw.updateNeonAuthMagicLinkPlugin, s, { body: { enabled: true, expires_in: 600, disable_sign_up: false } }) },
  { name: 'branchAuth.plugins.getPhoneNumber', route: `GET ${BR}/auth/plugins/phone-number`, answer: phoneNumber,
    admin: (n) => auth(n).plugins.getPhoneNumber(), sdk: (s) => rawCall(raw.getNeonAuthPhoneNumberPlugin, s) },
  { name: 'branchAuth.plugins.updatePhoneNumber', route: `PATCH ${BR}/auth/plugins/phone-number`, answer: phoneNumber,
    admin: (n) => auth(n).plugins.updatePhoneNumber({ enabled: true, otpExpiresIn: 300 }),
    sdk: (s) => rawCall(raw.updateNeonAuthPhoneNumberPlugin, s, { body: { enabled: true, otp_expires_in: 300 } }) },

  { name: 'branchAuth.webhooks.get', route: `GET ${BR}/auth/webhooks`, answer: webhooks,
    admin: (n) => auth(n).webhooks.get(), sdk: (s) => rawCall(raw.getNeonAuthWebhookConfig, s) },
  { name: 'branchAuth.webhooks.set', route: `PUT ${BR}/auth/webhooks`, answer: webhooks,
    admin: (n) => auth(n).webhooks.set({ enabled: true, webhookUrl: 'https://hooks.example.com/neon', enabledEvents: ['user.created'], timeoutSeconds: 5 }),
    sdk: (s) => rawCall(raw.updateNeonAuthWebhookConfig, s, {
      body: { enabled: true, webhook_url: 'https://hooks.example.com/neon', enabled_events: ['user.created'], timeout_seconds: 5 },
    }) },

  { name: 'branchAuth.allowLocalhost.get', route: `GET ${BR}/auth/allow_localhost`, answer: { allow_localhost: true },
    admin: (n) => auth(n).allowLocalhost.get(), sdk: (s) => rawCall(raw.getNeonAuthAllowLocalhost, s) },
  { name: 'branchAuth.allowLocalhost.set', route: `PATCH ${BR}/auth/allow_localhost`, answer: { allow_localhost: false },
    admin: (n) => auth(n).allowLocalhost.set(false),
    sdk: (s) => rawCall(raw.updateNeonAuthAllowLocalhost, s, { body: { allow_localhost: false } }) },

  { name: 'credentials.list', route: `GET ${BR}/credentials`, answer: { credentials: [credentialMeta] },
    admin: (n) => creds(n).list(), sdk: (s) => s.credentials.list(named) },
  { name: 'credentials.create', route: `POST ${BR}/credentials`, answer: issuedCredential, status: 201,
    admin: (n) => creds(n).create({ name: 'ci', scopes: ['storage:read', 'ai_gateway:invoke'] }),
    sdk: (s) => s.credentials.create({ ...named, name: 'ci', scopes: ['storage:read', 'ai_gateway:invoke'], principal_type: 'user' }) },
  { name: 'credentials.create (no name)', route: `POST ${BR}/credentials`, answer: issuedCredential, status: 201,
    admin: (n) => creds(n).create({ scopes: ['functions:invoke'] }),
    sdk: (s) => s.credentials.create({ ...named, scopes: ['functions:invoke'], principal_type: 'user' }) },
  { name: 'credentials.reveal', route: `POST ${BR}/credentials/${TOKEN}/reveal`, answer: credentialSecrets,
    admin: (n) => creds(n).reveal(TOKEN), sdk: (s) => s.credentials.reveal({ ...named, tokenId: TOKEN }) },
  { name: 'credentials.rotate', route: `POST ${BR}/credentials/${TOKEN}/rotate`, answer: issuedCredential,
    admin: (n) => creds(n).rotate(TOKEN), sdk: (s) => s.credentials.rotate({ ...named, tokenId: TOKEN }) },
  { name: 'credentials.revoke', route: `DELETE ${BR}/credentials/${TOKEN}`, answer: undefined, status: 204,
    admin: (n) => creds(n).revoke(TOKEN), sdk: (s) => s.credentials.revoke({ ...named, tokenId: TOKEN }) },
];
