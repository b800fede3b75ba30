// The fuzz suite's view of the public surface: every method of js/index.d.ts as parameters that
// can be mutated, and how one bad call is built from it.

import { MARK, hostile, wrongType, K } from './fuzz-values.mjs';

// ---------------------------------------------------------------------------------------------
// The public surface: every method of js/index.d.ts, as parameters that can be mutated.

/** A constructor argument (`orgApiKeys(orgId)`, `branches(projectId)`, `branchAuth(p, b)`). */
export const factory = (name, spec) => ({ role: 'slot', name, spec, required: true, names: [name] });
/** A positional argument of the method itself. */
export const positional = (name, spec, names = [name]) => ({ role: 'slot', name, spec, required: true, names });
/** An object argument: `fields` maps each field to `{ spec, required }`. */
export const object = (name, fields, { required = true, names = [] } = {}) => ({ role: 'object', name, fields, required, names: [name, 'input', ...names] });
export const field = (spec, required = false) => ({ spec, required });

export const AUTH_PROVIDERS = ['better_auth', 'mock', 'stack'];
export const OAUTH_IDS = ['google', 'github', 'microsoft', 'vercel'];
export const WEBHOOK_EVENTS = ['user.created', 'user.before_create', 'send.otp', 'send.magic_link', 'organization.invitation.created', 'organization.invitation.accepted', 'phone_number.verified'];

export const ORG = factory('orgId', K.resourceId('org-sim-000001'));
export const PROJECT = factory('projectId', K.resourceId('proj-sim-alpha'));
/** Branch-auth baselines use branch IDs (no lookup request) and never br-main-000001, which the final check reads. */
export const AUTH_BRANCH_IDS = ['br-filler-001', 'br-filler-007', 'br-filler-013', 'br-filler-020', 'br-preview-b-0001', 'br-dup-000001'];
export const branchSlot = () => factory('branch', K.branchRef('br-filler-001'));

/** SMTP fields; `required` for the older full test message, optional in a (partial) update. */
export const smtpFields = (required) => ({
  host: field(K.line('smtp.example.com'), required),
  port: field(K.integer(0, 2 ** 32 - 1, 587), required),
  username: field(K.line('mailer'), required),
  password: field(K.bodyText('smtp-password'), required),
  senderEmail: field(K.line('noreply@example.com'), required),
  senderName: field(K.line('Example App'), required),
});

export const keyMethods = (owner, prefix, make, projectKind) => [
  { name: `${owner}.create`, params: [...prefix, object('newKey', { name: field(K.keyName(), true), projectId: field(projectKind) })], call: (neon, [...a]) => make(neon, a).create(...a) },
  { name: `${owner}.revoke`, params: [...prefix, positional('keyId', K.keyId())], call: (neon, [...a]) => make(neon, a).revoke(...a) },
  {
    name: `${owner}.rotate`,
    params: [...prefix, object('rotation', { oldKeyId: field(K.keyId(), true), name: field(K.keyName(), true), projectId: field(projectKind), revokeOld: field(K.boolean(false)) })],
    call: (neon, [...a]) => make(neon, a).rotate(...a),
  },
  { name: `${owner}.list`, params: [...prefix], call: (neon, [...a]) => make(neon, a).list(...a) },
];

/** `neon.branchAuth(p, b)` methods: `path` is the method's path below the BranchAuth object. */
export const authMethod = (path, params = []) => ({
  name: `branchAuth.${path}`,
  params: [PROJECT, branchSlot(), ...params],
  call: (neon, [projectId, branch, ...rest]) => {
    const parts = path.split('.');
    let owner = neon.branchAuth(projectId, branch);
    for (const part of parts.slice(0, -1)) owner = owner[part];
    return owner[parts.at(-1)](...rest);
  },
});

export const CREDENTIAL_SCOPES = ['storage:read', 'storage:write', 'ai_gateway:invoke', 'functions:invoke'];

/** `neon.credentials(p, b)` methods. */
export const credentialsMethod = (method, params = []) => ({
  name: `credentials.${method}`,
  params: [PROJECT, branchSlot(), ...params],
  call: (neon, [projectId, branch, ...rest]) => neon.credentials(projectId, branch)[method](...rest),
});

export const METHODS = [
  { name: 'whoami', params: [], call: (neon, a) => neon.whoami(...a) },
  { name: 'apiKeys.list', params: [], call: (neon, a) => neon.apiKeys.list(...a) },
  ...keyMethods('apiKeys', [], (neon) => neon.apiKeys, K.noProject()).filter((m) => m.name !== 'apiKeys.list'),
  ...keyMethods('orgApiKeys', [ORG], (neon, a) => neon.orgApiKeys(a.shift()), K.resourceId('proj-sim-alpha')),
  {
    name: 'projects.list',
    params: [
      object(
        'options',
        {
          search: field(K.line('alpha')),
          orgId: field(K.resourceId('org-sim-000001')),
          limit: field(K.integer(1, 400, 10)),
          cursor: field(K.line('proj-sim-alpha')),
          timeout: field(K.integer(100, 30_000, 5_000)),
          recoverable: field(K.boolean(false)),
        },
        { required: false },
      ),
    ],
    call: (neon, a) => neon.projects.list(...a).next(),
  },
  {
    name: 'branches.list',
    params: [
      PROJECT,
      object(
        'options',
        {
          search: field(K.line('preview')),
          limit: field(K.integer(1, 10_000, 5)),
          cursor: field(K.line('c1')),
          sortBy: field(K.enumOf(['name', 'created_at', 'updated_at'])),
          sortOrder: field(K.enumOf(['asc', 'desc'])),
          includeDeleted: field(K.boolean(false)),
        },
        { required: false },
      ),
    ],
    call: (neon, [projectId, ...rest]) => neon.branches(projectId).list(...rest).next(),
  },
  { name: 'branches.resolve', params: [PROJECT, positional('nameOrId', K.branchRef('br-filler-001'), ['branch'])], call: (neon, [projectId, ...rest]) => neon.branches(projectId).resolve(...rest) },
  authMethod('branchId'),
  authMethod('enable', [object('options', { authProvider: field(K.enumOf(AUTH_PROVIDERS)), databaseName: field(K.bodyText('neondb')) }, { required: false })]),
  authMethod('get'),
  authMethod('disable', [object('options', { deleteData: field(K.boolean(false)) }, { required: false })]),
  authMethod('updateConfig', [object('config', { name: field(K.text(1, 256, 'my-auth'), true) })]),
  authMethod('domains.list'),
  authMethod('domains.add', [positional('domain', K.domain(), ['domain']), object('options', { authProvider: field(K.enumOf(AUTH_PROVIDERS)) }, { required: false, names: ['domain'] })]),
  authMethod('domains.remove', [positional('domains', K.urls(), ['domains', 'domain']), object('options', { authProvider: field(K.enumOf(AUTH_PROVIDERS)) }, { required: false, names: ['domain'] })]),
  authMethod('oauthProviders.list'),
  authMethod('oauthProviders.add', [
    object('provider', {
      id: field(K.enumOf(OAUTH_IDS), true),
      clientId: field(K.bodyText('client-id-123')),
      clientSecret: field(K.bodyText('client-secret-456')),
      microsoftTenantId: field(K.bodyText('tenant-789')),
    }),
  ]),
  authMethod('oauthProviders.update', [
    positional('id', K.enumOf(OAUTH_IDS, 'github'), ['oauthProviderId', 'id']),
    object('changes', { clientId: field(K.bodyText('client-id-123')), clientSecret: field(K.bodyText('client-secret-456')), microsoftTenantId: field(K.bodyText('tenant-789')) }, { required: false }),
  ]),
  authMethod('oauthProviders.remove', [positional('id', K.enumOf(OAUTH_IDS, 'vercel'), ['oauthProviderId', 'id'])]),
  authMethod('emailProvider.get'),
  authMethod('emailProvider.update', [object('provider', { type: field(K.enumOf(['standard']), true), ...smtpFields(false) }, { names: ['type'] })]),
  authMethod('emailProvider.update', [object('provider', { type: field(K.enumOf(['shared']), true), senderEmail: field(K.line('noreply@example.com')), senderName: field(K.line('Example App')) }, { names: ['type'] })]),
  authMethod('emailProvider.test', [object('email', { recipientEmail: field(K.line('qa@example.com'), true) })]),
  authMethod('emailAndPassword.get'),
  authMethod('emailAndPassword.update', [
    object(
      'settings',
      {
        enabled: field(K.boolean(true)),
        emailVerificationMethod: field(K.enumOf(['otp', 'link'])),
        requireEmailVerification: field(K.boolean(false)),
        autoSignInAfterVerification: field(K.boolean(true)),
        sendVerificationEmailOnSignUp: field(K.boolean(true)),
        sendVerificationEmailOnSignIn: field(K.boolean(false)),
        disableSignUp: field(K.boolean(false)),
      },
      { required: false },
    ),
  ]),
  authMethod('users.create', [object('user', { email: field(K.email(), true), name: field(K.specText(1, 255, 'Some One')) })]),
  authMethod('users.remove', [positional('userId', K.userId())]),
  authMethod('users.setRoles', [positional('userId', K.userId()), positional('roles', K.stringArray(K.bodyText('admin'), 1, null, ['admin']))]),
  authMethod('plugins.get'),
  authMethod('plugins.updateOrganization', [
    object(
      'settings',
      {
        enabled: field(K.boolean(true)),
        organizationLimit: field(K.integer(1, 2 ** 31 - 1, 5)),
        membershipLimit: field(K.integer(1, 2 ** 31 - 1, 100)),
        creatorRole: field(K.enumOf(['owner', 'admin'])),
        sendInvitationEmail: field(K.boolean(false)),
      },
      { required: false },
    ),
  ]),
  authMethod('plugins.updateMagicLink', [object('settings', { enabled: field(K.boolean(true)), expiresIn: field(K.integer(5, 1440, 15)), disableSignUp: field(K.boolean(false)) }, { required: false })]),
  authMethod('plugins.getPhoneNumber'),
  authMethod('plugins.updatePhoneNumber', [object('settings', { enabled: field(K.boolean(true)), otpExpiresIn: field(K.integer(60, 600, 300)) }, { required: false })]),
  authMethod('webhooks.get'),
  authMethod('webhooks.set', [
    object('config', {
      enabled: field(K.boolean(true), true),
      webhookUrl: field(K.line('https://hooks.example.com/neon')),
      enabledEvents: field(K.stringArray(K.enumOf(WEBHOOK_EVENTS), 0, 10_000, ['user.created', 'send.otp'])),
      timeoutSeconds: field(K.integer(1, 10, 5)),
    }, { names: ['webhooks'] }),
  ]),
  authMethod('allowLocalhost.get'),
  authMethod('allowLocalhost.set', [positional('enabled', K.boolean(false))]),
  authMethod('pull'),
  authMethod('sendTestEmail', [object('email', { ...smtpFields(true), recipientEmail: field(K.line('to@example.com'), true) })]),
  credentialsMethod('list'),
  credentialsMethod('create', [object('credential', { name: field(K.line('fuzz-bot')), scopes: field(K.stringArray(K.enumOf(CREDENTIAL_SCOPES), 0, null, ['storage:read']), true) })]),
  credentialsMethod('reveal', [positional('tokenId', K.tokenId())]),
  credentialsMethod('rotate', [positional('tokenId', K.tokenId())]),
  credentialsMethod('revoke', [positional('tokenId', K.tokenId())]),
];

// ---------------------------------------------------------------------------------------------
// Building one bad call: every parameter good except exactly one thing.

export const UNKNOWN_KEYS = ['extra', 'key_name', 'project_id', 'NAME', 'Name', 'toString', 'hasOwnProperty', 'valueOf', 'then', 'a.b', '0', 'k'.repeat(300), 'field\0', 'é'];

export function goodObject(param) {
  const value = {};
  for (const [key, { spec }] of Object.entries(param.fields)) if (spec.good !== undefined) value[key] = structuredClone(spec.good);
  return value;
}

/** A bad value for a slot of `spec`: specific to its kind, of the wrong type, or hostile. */
export function badFor(r, spec, required) {
  const roll = r.float();
  if (roll < 0.5) {
    if (spec.bad) return spec.bad(r, spec.good);
    if (spec.type === 'boolean') return ['non-boolean', r.pick(['true', 'false', '', 1, 0, NaN, 'yes'])];
  }
  if (roll < 0.82) return wrongType(r, spec.type, spec.good, required);
  return hostile(r);
}

/** Bad request options (the optional last argument of every method). */
export function badRequestOptions(r) {
  return r.pick([
    () => ['requestOptions not an object', r.pick([5, 'signal', true, 10n, Symbol('ro'), () => ({})])],
    () => ['requestOptions an array', r.pick([[], [{ timeoutMs: 1000 }]])],
    () => ['signal not an AbortSignal', { signal: r.pick(['abort', 5, {}, { aborted: false }, null, true, new EventTarget(), () => {}]) }, ['signal']],
    () => ['timeoutMs out of range or not an integer', { timeoutMs: r.pick([0, -0, -1, 1.5, 3_600_001, NaN, Infinity, -Infinity, '1000', null, true, 2 ** 53]) }, ['timeoutMs']],
    () => {
      const key = r.pick(['retries', 'timeout', 'Signal', 'timeout_ms', 'maxRetries', 'headers']);
      return ['unknown request option', { [key]: 1 }, [key]];
    },
    () => ['requestOptions with __proto__ key', JSON.parse(`{"__proto__": {"${MARK}": true}}`), ['__proto__']],
    () => hostile(r),
  ])();
}

/**
 * One bad call on `method`: `{ args, slot, category, label, names }`. `names` are the field names
 * the NeonConfigError may give (any one of them, in `field` or in the message).
 */
export function mutateCall(r, method) {
  const args = method.params.map((p) => {
    if (p.role === 'object') return goodObject(p);
    if (p === PROJECT || p.name === 'projectId') return p.spec.good;
    if (p.name === 'branch') return r.pick(AUTH_BRANCH_IDS);
    return structuredClone(p.spec.good);
  });
  // Every method takes optional request options ({ signal, timeoutMs }) as its last argument.
  const targets = [...method.params.map((_, i) => i), 'ro'];
  const which = r.pick(targets);
  let slot;
  let made;
  let names;
  if (which === 'ro') {
    made = badRequestOptions(r);
    slot = 'requestOptions';
    names = ['requestOptions'];
    args[method.params.length] = made[1];
  } else {
    const param = method.params[which];
    if (param.role === 'slot') {
      made = badFor(r, param.spec, param.required);
      slot = param.name;
      names = param.names;
      args[which] = made[1];
    } else {
      const value = args[which];
      const fieldNames = Object.keys(param.fields);
      const required = fieldNames.filter((k) => param.fields[k].required);
      const roll = r.float();
      if (roll < 0.66) {
        const key = r.pick(fieldNames);
        const { spec, required: req } = param.fields[key];
        made = badFor(r, spec, req);
        slot = `${param.name}.${key}`;
        names = [key];
        value[key] = made[1];
      } else if (roll < 0.78) {
        const bad = r.chance(0.5) ? hostile(r) : wrongType(r, 'object', value, param.required);
        made = bad;
        slot = param.name;
        names = [...param.names, ...required];
        args[which] = bad[1];
      } else if (roll < 0.9) {
        const key = r.pick(UNKNOWN_KEYS);
        value[key] = r.pick(['x', 1, true, null]);
        made = ['unknown field', key];
        slot = param.name;
        names = [key];
      } else if (roll < 0.95 && required.length > 0) {
        const key = r.pick(required);
        delete value[key];
        made = ['missing required field', key];
        slot = `${param.name}.${key}`;
        names = [key];
      } else {
        const key = r.pick(['__proto__', 'constructor', 'prototype']);
        const payload = key === 'constructor' ? `{"prototype": {"${MARK}": true}}` : `{"${MARK}": true}`;
        args[which] = Object.assign(JSON.parse(`{"${key}": ${payload}}`), value);
        made = [`own "${key}" key (JSON.parse)`, args[which]];
        slot = param.name;
        names = [key];
      }
    }
  }
  const [category, value, extraNames = []] = made;
  return { args, slot, category, label: describe(value), names: [...names, ...extraNames] };
}

/** A short, printable description of a value (strings are escaped and cut). */
export function describe(value) {
  if (typeof value === 'string') return value.length > 60 ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} chars)` : JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return String(value).slice(0, 60);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  let tag = 'object';
  try {
    tag = Object.prototype.toString.call(value);
    const text = JSON.stringify(value, (_, v) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 40)}…(${v.length})` : typeof v === 'bigint' ? `${v}n` : v));
    return `${tag} ${(text ?? '').slice(0, 120)}`;
  } catch {
    return `${tag} (cannot be serialized)`;
  }
}
