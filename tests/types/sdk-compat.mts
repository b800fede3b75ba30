// Type-level proof against Neon's newer contract, which is published only as @neon/sdk 6.1.2's
// generated client. For each operation both packages call:
// - what @neon/sdk says the API answers must be assignable to neon-admin's result type (so every
//   field neon-admin declares exists in the answer, with a compatible type), and
// - the body neon-admin sends (its camelCase input with snake_case names, as the core sends it)
//   must be assignable to @neon/sdk's request body type (so names and types agree).
// Each check fails to compile when they disagree, and also when one side names a field the other
// lacks (optional fields included).

import type * as Sdk from '@neon/sdk';
import type * as Admin from 'neon-admin';

/** `senderEmail` → `sender_email`: the names the core puts on the wire. */
type Snake<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${Snake<Tail>}`
  : S;
/** An input object with its keys as the core sends them. */
type Wire<T> = { [K in keyof T as K extends string ? Snake<K> : K]: T[K] };
/**
 * Where neon-admin's result is stricter than the answer, on purpose: a field the answer may leave
 * out that neon-admin's decoder always writes, as `null` (`last_used_at`, optional in the newer
 * contract, is `null` for a key never used).
 */
type MissingAsNull<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> | null };
/** Where neon-admin always sends a field its input may leave out: the core fills in its default (`auth_provider`). */
type Defaulted<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> };
/** The field names of `T`, of every member when `T` is a union. */
type KeysOf<T> = T extends unknown ? keyof T : never;
/**
 * Accepts `Sent` exactly when it is assignable to `Body` and names no field `Body` lacks (an
 * optional field under a wrong name would otherwise pass).
 */
const sends = <Body,>() => <Sent extends Body & { [K in Exclude<keyof Sent, KeysOf<Body>>]: never }>(sent?: Sent): void => void sent;
/** `true` when `Result` names no field that `Answer` lacks; else the names it adds. */
type NoNewNames<Result, Answer> = [Exclude<KeysOf<Result>, KeysOf<Answer>>] extends [never] ? true : Exclude<KeysOf<Result>, KeysOf<Answer>>;
type Expect<T extends true> = T;

/** Every response check: @neon/sdk's answer type in, neon-admin's result type out. */
export const responses = {
  whoami: (r: Sdk.GetAuthDetailsResponse): Admin.AuthDetails => r,
  credentialsList: (r: Sdk.ListCredentialsResponse2): Admin.Credential[] => r.credentials,
  credentialsCreate: (r: Sdk.CreateCredentialResponse2): Admin.IssuedCredential => r,
  credentialsReveal: (r: Sdk.RevealCredentialResponse): Admin.CredentialSecrets => r,
  credentialsRotate: (r: Sdk.RotateCredentialResponse2): Admin.IssuedCredential => r,
  apiKeysList: (r: MissingAsNull<Sdk.ApiKeysListResponseItem, 'last_used_at'>[]): Admin.ApiKey[] => r,
  apiKeysCreate: (r: Sdk.CreateApiKeyResponse): Admin.CreatedApiKey => r,
  apiKeysRevoke: (r: MissingAsNull<Sdk.RevokeApiKeyResponse, 'last_used_at'>): Admin.RevokedApiKey => r,
  orgApiKeysList: (r: MissingAsNull<Sdk.OrgApiKeysListResponseItem, 'last_used_at'>[]): Admin.ApiKey[] => r,
  orgApiKeysCreate: (r: Sdk.CreateOrgApiKeyResponse): Admin.CreatedApiKey => r,
  orgApiKeysRevoke: (r: MissingAsNull<Sdk.RevokeOrgApiKeyResponse, 'last_used_at'>): Admin.RevokedApiKey => r,
  projectsList: (r: Sdk.ListProjectsResponse): Admin.Project[] => r.projects,
  branchesList: (r: Sdk.ListProjectBranchesResponse): Admin.Branch[] => r.branches,
  authEnable: (r: Sdk.CreateNeonAuthResponse): Admin.EnabledNeonAuth => r,
  authGet: (r: Sdk.GetNeonAuthResponse): Admin.NeonAuth => r,
  authUpdateConfig: (r: Sdk.UpdateNeonAuthConfigResponse): Admin.NeonAuthConfig => r,
  domainsList: (r: Sdk.ListBranchNeonAuthTrustedDomainsResponse): Admin.TrustedDomain[] => r.domains,
  oauthProvidersList: (r: Sdk.ListBranchNeonAuthOauthProvidersResponse): Admin.OAuthProvider[] => r.providers,
  oauthProvidersAdd: (r: Sdk.AddBranchNeonAuthOauthProviderResponse): Admin.OAuthProvider => r,
  oauthProvidersUpdate: (r: Sdk.UpdateBranchNeonAuthOauthProviderResponse): Admin.OAuthProvider => r,
  emailProviderGet: (r: Sdk.GetNeonAuthEmailProviderResponse): Admin.EmailProvider => r,
  emailProviderUpdate: (r: Sdk.UpdateNeonAuthEmailProviderResponse): Admin.EmailProvider => r,
  sendTestEmail: (r: Sdk.SendNeonAuthTestEmailResponse2): Admin.TestEmailResult => r,
  emailProviderTest: (r: Sdk.SendNeonAuthEmailProviderTestResponse): Admin.TestEmailResult => r,
  emailAndPasswordGet: (r: Sdk.GetNeonAuthEmailAndPasswordConfigResponse): Admin.EmailAndPassword => r,
  emailAndPasswordUpdate: (r: Sdk.UpdateNeonAuthEmailAndPasswordConfigResponse): Admin.EmailAndPassword => r,
  usersCreate: (r: Sdk.CreateBranchNeonAuthNewUserResponse): Admin.AuthUser => r,
  usersSetRoles: (r: Sdk.UpdateNeonAuthUserRoleResponse2): Admin.AuthUser => r,
  pluginsGet: (r: Sdk.GetNeonAuthPluginConfigsResponse): Admin.PluginConfigs => r,
  pluginsUpdateOrganization: (r: Sdk.UpdateNeonAuthOrganizationPluginResponse): Admin.OrganizationPlugin => r,
  pluginsUpdateMagicLink: (r: Sdk.UpdateNeonAuthMagicLinkPluginResponse): Admin.MagicLinkPlugin => r,
  pluginsGetPhoneNumber: (r: Sdk.GetNeonAuthPhoneNumberPluginResponse): Admin.PhoneNumberPlugin => r,
  pluginsUpdatePhoneNumber: (r: Sdk.UpdateNeonAuthPhoneNumberPluginResponse): Admin.PhoneNumberPlugin => r,
  webhooksGet: (r: Sdk.GetNeonAuthWebhookConfigResponse): Admin.WebhookConfig => r,
  webhooksSet: (r: Sdk.UpdateNeonAuthWebhookConfigResponse): Admin.WebhookConfig => r,
  allowLocalhostGet: (r: Sdk.GetNeonAuthAllowLocalhostResponse): Admin.AllowLocalhost => r,
  allowLocalhostSet: (r: Sdk.UpdateNeonAuthAllowLocalhostResponse): Admin.AllowLocalhost => r,
};

/** Field names: every field neon-admin's result declares is one the answer has (optional ones too). */
export type ResponseNames = [
  Expect<NoNewNames<Admin.AuthDetails, Sdk.GetAuthDetailsResponse>>,
  // One type for personal and organization keys.
  Expect<NoNewNames<Admin.ApiKey, Sdk.OrgApiKeysListResponseItem>>,
  Expect<NoNewNames<Admin.ApiKey['created_by'], Sdk.ApiKeysListResponseItem['created_by']>>,
  Expect<NoNewNames<Admin.CreatedApiKey, Sdk.CreateOrgApiKeyResponse>>,
  Expect<NoNewNames<Admin.RevokedApiKey, Sdk.RevokeOrgApiKeyResponse>>,
  Expect<NoNewNames<Admin.Project, Sdk.ListProjectsResponse['projects'][number]>>,
  Expect<NoNewNames<Admin.Branch, Sdk.ListProjectBranchesResponse['branches'][number]>>,
  Expect<NoNewNames<Admin.EnabledNeonAuth, Sdk.CreateNeonAuthResponse>>,
  Expect<NoNewNames<Admin.NeonAuth, Sdk.GetNeonAuthResponse>>,
  Expect<NoNewNames<Admin.NeonAuthConfig, Sdk.UpdateNeonAuthConfigResponse>>,
  Expect<NoNewNames<Admin.TrustedDomain, Sdk.ListBranchNeonAuthTrustedDomainsResponse['domains'][number]>>,
  Expect<NoNewNames<Admin.OAuthProvider, Sdk.NeonAuthOauthProvider>>,
  Expect<NoNewNames<Admin.EmailProvider, Sdk.GetNeonAuthEmailProviderResponse>>,
  Expect<NoNewNames<Admin.TestEmailResult, Sdk.SendNeonAuthTestEmailResponse2>>,
  Expect<NoNewNames<Admin.TestEmailResult, Sdk.SendNeonAuthEmailProviderTestResponse>>,
  Expect<NoNewNames<Admin.EmailAndPassword, Sdk.GetNeonAuthEmailAndPasswordConfigResponse>>,
  Expect<NoNewNames<Admin.AuthUser, Sdk.CreateBranchNeonAuthNewUserResponse>>,
  Expect<NoNewNames<Admin.AuthUser, Sdk.UpdateNeonAuthUserRoleResponse2>>,
  Expect<NoNewNames<Admin.PluginConfigs, Sdk.GetNeonAuthPluginConfigsResponse>>,
  Expect<NoNewNames<Admin.OrganizationPlugin, Sdk.UpdateNeonAuthOrganizationPluginResponse>>,
  Expect<NoNewNames<Admin.MagicLinkPlugin, Sdk.UpdateNeonAuthMagicLinkPluginResponse>>,
  Expect<NoNewNames<Admin.PhoneNumberPlugin, Sdk.GetNeonAuthPhoneNumberPluginResponse>>,
  Expect<NoNewNames<Admin.WebhookConfig, Sdk.GetNeonAuthWebhookConfigResponse>>,
  Expect<NoNewNames<Admin.AllowLocalhost, Sdk.GetNeonAuthAllowLocalhostResponse>>,
  Expect<NoNewNames<Admin.Credential, Sdk.CredentialMeta>>,
  Expect<NoNewNames<Admin.IssuedCredential, Sdk.CreateCredentialResponse>>,
  Expect<NoNewNames<Admin.IssuedCredential, Sdk.RotateCredentialResponse>>,
  Expect<NoNewNames<Admin.CredentialSecrets, Sdk.CredentialSecret>>,
];

type Body<Data extends { body?: unknown }> = NonNullable<Data['body']>;

/** Every request check: the body neon-admin sends, against @neon/sdk's body type. */
export const requests = {
  apiKeysCreate: sends<Body<Sdk.CreateApiKeyData>>()<{ key_name: Admin.CreateApiKeyInput['name'] }>(),
  orgApiKeysCreate: sends<Body<Sdk.CreateOrgApiKeyData>>()<{
    key_name: Admin.CreateApiKeyInput['name'];
    project_id?: Admin.CreateApiKeyInput['projectId'];
  }>(),
  authEnable: sends<Body<Sdk.CreateNeonAuthData>>()<Defaulted<Wire<Admin.EnableInput>, 'auth_provider'>>(),
  authDisable: sends<Body<Sdk.DisableNeonAuthData>>()<Wire<Admin.DisableInput>>(),
  authUpdateConfig: sends<Body<Sdk.UpdateNeonAuthConfigData>>()<Wire<Admin.ConfigInput>>(),
  domainsAdd: sends<Body<Sdk.AddBranchNeonAuthTrustedDomainData>>()<{
    domain: Admin.DomainInput['domains'][number];
    auth_provider: NonNullable<Admin.DomainInput['authProvider']>;
  }>(),
  domainsRemove: sends<Body<Sdk.DeleteBranchNeonAuthTrustedDomainData>>()<{
    domains: { domain: Admin.DomainInput['domains'][number] }[];
    auth_provider: NonNullable<Admin.DomainInput['authProvider']>;
  }>(),
  oauthProvidersAdd: sends<Body<Sdk.AddBranchNeonAuthOauthProviderData>>()<Wire<Admin.AddOAuthProviderInput>>(),
  oauthProvidersUpdate: sends<Body<Sdk.UpdateBranchNeonAuthOauthProviderData>>()<Wire<Admin.UpdateOAuthProviderInput>>(),
  emailProviderUpdate: sends<Body<Sdk.UpdateNeonAuthEmailProviderData>>()<Wire<Admin.EmailProviderInput>>(),
  sendTestEmail: sends<Body<Sdk.SendNeonAuthTestEmailData>>()<Wire<Admin.TestEmailInput>>(),
  emailProviderTest: sends<Body<Sdk.SendNeonAuthEmailProviderTestData>>()<Wire<Admin.TestEmailProviderInput>>(),
  emailAndPasswordUpdate: sends<Body<Sdk.UpdateNeonAuthEmailAndPasswordConfigData>>()<Wire<Admin.EmailAndPasswordInput>>(),
  usersCreate: sends<Body<Sdk.CreateBranchNeonAuthNewUserData>>()<Wire<Admin.CreateUserInput>>(),
  usersSetRoles: sends<Body<Sdk.UpdateNeonAuthUserRoleData>>()<{ roles: string[] }>(),
  pluginsUpdateOrganization: sends<Body<Sdk.UpdateNeonAuthOrganizationPluginData>>()<Wire<Admin.OrganizationPluginInput>>(),
  pluginsUpdateMagicLink: sends<Body<Sdk.UpdateNeonAuthMagicLinkPluginData>>()<Wire<Admin.MagicLinkPluginInput>>(),
  pluginsUpdatePhoneNumber: sends<Body<Sdk.UpdateNeonAuthPhoneNumberPluginData>>()<Wire<Admin.PhoneNumberPluginInput>>(),
  webhooksSet: sends<Body<Sdk.UpdateNeonAuthWebhookConfigData>>()<Wire<Admin.WebhookInput>>(),
  allowLocalhostSet: sends<Body<Sdk.UpdateNeonAuthAllowLocalhostData>>()<{ allow_localhost: boolean }>(),
  credentialsCreate: sends<Body<Sdk.CreateCredentialData>>()<Wire<Admin.CreateCredentialInput> & { principal_type: 'user' }>(),
};

/** Query parameters: neon-admin's list options, as sent, against @neon/sdk's query types. */
export const queries = {
  projectsList: sends<NonNullable<Sdk.ListProjectsData['query']>>()<Wire<Admin.ProjectQuery>>(),
  branchesList: sends<NonNullable<Sdk.ListProjectBranchesData['query']>>()<Wire<Admin.BranchQuery>>(),
};
