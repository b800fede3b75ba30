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

const SEED = process.env.FUZZ_SEED === undefined ? 0x6e656f6e : Number(process.env.FUZZ_SEED) >>> 0;
const ONLY = process.env.FUZZ_CASE ?? null;
/** Bad calls spread over every method and the constructor. */
const METHOD_CASES = 11_000;
/** Bad option sets through `NeonAdmin.connect()`. */
const CONNECT_CASES = 2_000;
/** Calls in flight at once (each must be refused before anything is sent, so this is cheap). */
const POOL = 64;
const CALL_TIMEOUT_MS = 15_000;
/** Marker a prototype-pollution payload would leave on `Object.prototype`. */
const MARK = `neonFuzzPolluted_${SEED.toString(16)}`;
const NOWHERE = '/nonexistent/neon-admin-fuzz-config';

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG (mulberry32) and a per-case seed, so that any one case can be replayed.

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes the run seed, a group salt and a case index into one 32-bit seed. */
function caseSeed(group, index) {
  let h = (SEED ^ Math.imul(group.length + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  for (const ch of `${group}:${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

class Rng {
  constructor(seed) {
    this.float = mulberry32(seed);
  }
  int(n) {
    return Math.floor(this.float() * n);
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  chance(p) {
    return this.float() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Bad values. Every generator returns [category, value, extraNames?]: the category groups
// failures in the report; extraNames are keys inside the value an error may rightly name.

const HUGE = 'x'.repeat(1_000_000);
const OVER_LIMIT = 'y'.repeat(2 ** 20 + 1);
const CONTROL = ['\0', '\x01', '\x07', '\b', '\t', '\n', '\v', '\f', '\r', '\r\n', '\x1b', '\x1f', '\x7f', '\x85', '\x9f'];
const SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D'];
const NUMBERS = [0, -0, 1, -1, 1.5, -2.25, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 64, 1e308, -1e308, Number.MIN_VALUE];

const insertAt = (r, text, piece) => {
  const at = r.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
};
/** Inserts `piece` strictly inside `text` (values that are trimmed would lose it at either end). */
const insertInside = (r, text, piece) => {
  const at = 1 + r.int(text.length - 1);
  return text.slice(0, at) + piece + text.slice(at);
};
const withControl = (r, good) => ['control character', insertAt(r, good, r.pick(CONTROL))];
const withSurrogate = (r, good) => ['lone surrogate', insertAt(r, good, r.pick(SURROGATES))];
const huge = (r) => (r.chance(0.7) ? ['1e6-char string', HUGE] : ['string over 1 MiB', OVER_LIMIT]);

function deepObject(depth) {
  let value = 'leaf';
  for (let i = 0; i < depth; i++) value = { deep: value };
  return value;
}

function deepArray(depth) {
  let value = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

class FuzzRecord {
  constructor() {
    this.name = 'fuzz-key';
    this.enabled = true;
  }
}

const boom = () => {
  throw new Error('fuzz trap');
};

/** Values that are wrong for every slot: not plain data, hostile, or too big to convert. */
const HOSTILE = [
  () => ['Symbol', Symbol('fuzz')],
  () => ['function', function fuzz() {
    return 'x';
  }],
  () => ['arrow function', () => 'x'],
  () => ['class', class Fuzz {}],
  () => ['BigInt', 12345678901234567890n],
  () => ['Date', new Date(0)],
  () => ['invalid Date', new Date(NaN)],
  () => ['Map', new Map([['name', 'x']])],
  () => ['Set', new Set(['x'])],
  () => ['WeakMap', new WeakMap()],
  () => ['RegExp', /x/g],
  () => ['class instance', new FuzzRecord(), ['name', 'enabled']],
  () => ['boxed String', new String('proj-sim-alpha')],
  () => ['boxed Number', new Number(1)],
  () => ['boxed Boolean', new Boolean(true)],
  () => ['Uint8Array', new Uint8Array([1, 2, 3])],
  () => ['ArrayBuffer', new ArrayBuffer(8)],
  () => ['Promise', Promise.resolve('x')],
  () => ['Error', new Error('x')],
  () => ['object nested 100 deep', deepObject(100), ['deep']],
  () => ['array nested 100 deep', deepArray(100)],
  () => ['throwing getter', { get boom() {
    return boom();
  } }, ['boom']],
  () => ['Proxy whose getPrototypeOf throws', new Proxy({}, { getPrototypeOf: boom })],
  () => ['Proxy whose ownKeys throws', new Proxy({}, { ownKeys: boom })],
  () => ['Proxy whose getOwnPropertyDescriptor throws', new Proxy({ boom: 1 }, { getOwnPropertyDescriptor: boom })],
  () => ['Proxy whose get throws', new Proxy({ boom: 1 }, { get: boom }), ['boom']],
  () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return ['revoked Proxy', proxy];
  },
  () => {
    const array = ['x'];
    Object.defineProperty(array, 0, { get: boom, enumerable: true });
    return ['array with a throwing element getter', array];
  },
  () => ['array of 10001 items', new Array(10_001).fill('x')],
  () => ['sparse array of length 1e6', new Array(1_000_000)],
  () => [
    'object with __proto__/constructor/prototype own keys',
    JSON.parse(`{"__proto__": {"${MARK}": true}, "constructor": {"prototype": {"${MARK}": true}}, "prototype": {"${MARK}": true}}`),
    ['__proto__', 'constructor', 'prototype'],
  ],
  () => ['null-prototype object', Object.assign(Object.create(null), { boom: 'x' }), ['boom']],
];

const hostile = (r) => r.pick(HOSTILE)();

/** Plain values of the wrong JSON type for a slot of `type`. */
function wrongType(r, type, good, required) {
  const options = [];
  if (type !== 'string' && type !== 'urls') options.push(() => ['string instead of ' + type, r.pick(['', 'true', '1', '0x10', String(good)])]);
  if (type !== 'integer') options.push(() => ['number instead of ' + type, r.pick(NUMBERS)]);
  if (type !== 'boolean') options.push(() => ['boolean instead of ' + type, r.chance(0.5)]);
  if (type !== 'array' && type !== 'urls') options.push(() => ['array instead of ' + type, r.pick([[], [good], [[good]]])]);
  if (type !== 'object') options.push(() => ['object instead of ' + type, r.pick([{}, { value: good }, { 0: good, length: 1 }])]);
  if (required) options.push(() => ['null where required', null], () => ['undefined where required', undefined]);
  return r.pick(options)();
}

/** A slot kind: its JSON type, a good value, and its specific bad values. */
const kind = (type, good, bad) => ({ type, good, bad });

const ID_BREAKERS = ['/', '..', '%2e', '%2E', '%2f', '%2F', ' ', '?', '#', '\\', '.', '_', '@', ':', '+', '%', '&', '=', 'é', '\u00a0', '\u2028', 'A', 'Z', '\uff0f'];

function badResourceId(r, good) {
  return r.pick([
    () => ['empty', ''],
    () => {
      const letters = [...good].flatMap((c, i) => (/[a-z]/.test(c) ? [i] : []));
      const at = r.pick(letters);
      return ['uppercase', good.slice(0, at) + good[at].toUpperCase() + good.slice(at + 1)];
    },
    () => ['all uppercase', good.toUpperCase()],
    () => ['with /', insertAt(r, good, '/')],
    () => ['dot segment', r.pick(['.', '..'])],
    () => ['%2e', r.pick(['%2e', '%2e%2e', '%2E%2E', '.%2e'])],
    () => ['traversal', r.pick(['../', '..%2f', '%2e%2e/', '..\\']) + good],
    () => ['with space', r.pick([insertAt(r, good, ' '), ` ${good}`, `${good} `])],
    () => ['with a character outside [a-z0-9-]', insertAt(r, good, r.pick(ID_BREAKERS))],
    () => ['with a query or fragment', good + r.pick(['?x=1', '#x', '?', '#'])],
    () => ['61 chars', 'a'.repeat(61)],
    () => ['Cyrillic lookalike', good.replace(/a|e|o|p|c/, (c) => ({ a: 'а', e: 'е', o: 'о', p: 'р', c: 'с' })[c])],
    () => huge(r),
    () => withControl(r, good),
    () => withSurrogate(r, good),
  ])();
}

function badKeyName(r, good) {
  return r.pick([
    () => ['empty', ''],
    () => ['blank', r.pick(['   ', '\t\n ', '\u3000'])],
    () => ['65 chars', 'k'.repeat(65)],
    () => ['65 non-ASCII chars', 'é'.repeat(65)],
    () => huge(r),
    () => withControl(r, good),
    () => withSurrogate(r, good),
  ])();
}

/** A branch given by name or ID that is refused before any lookup is sent. */
function badBranchRef(r, good) {
  return r.pick([
    () => ['empty', ''],
    () => huge(r),
    () => withControl(r, r.pick([good, 'preview/feature-a', 'main'])),
    () => withSurrogate(r, r.pick([good, 'preview/feature-a', 'main'])),
  ])();
}

function badUserId(r, good) {
  return r.pick([
    () => ['empty or dot segment', r.pick(['', '.', '..'])],
    () => huge(r),
    () => withControl(r, good),
    () => withSurrogate(r, good),
  ])();
}

function badEmail(r, good) {
  return r.pick([
    () => ['not an e-mail address', r.pick(['', 'plain', 'no-at.example.com', 'a@b', '@example.com', 'a@.example.com', 'a@example.com.', 'a@@example.com', 'a@b@example.com'])],
    () => ['with space', r.pick(['a b@example.com', ' a@example.com', 'a@example.com ', 'a@exa mple.com', 'a\u00a0b@example.com'])],
    () => ['257 chars', 'a'.repeat(251) + '@x.com'],
    () => huge(r),
    () => withControl(r, good),
    () => withSurrogate(r, good),
  ])();
}

/** A trusted domain to add: refused without a scheme, with a script or local scheme, or as a pattern trusting a whole TLD. */
function badDomain(r, good) {
  return r.pick([
    () => ['no scheme', r.pick(['', 'preview.example.com', '//example.com', '/relative/path', '*.example.com', '1x://example.com'])],
    () => ['script or local scheme', r.pick(['javascript:alert(1)', 'JavaScript://x.example.com', 'data:text/plain,x', 'file:///etc/passwd', 'vbscript:x', 'about:blank'])],
    () => ['no host', r.pick(['https://', 'http://', 'https:///path'])],
    () => ['trusts a whole TLD or every host', r.pick(['https://*', 'https://**', 'https://*.com', 'http://*:8080', 'https://**.io/cb'])],
    () => ['with space', r.pick(['https://exa mple.com', ` ${good}`, `${good} `, insertAt(r, good, ' '), `${good}\u2028`])],
    () => huge(r),
    () => withControl(r, good),
    () => withSurrogate(r, good),
  ])();
}

/** A value that ends up in a URL, header or mail line: only control characters, huge and broken strings are refused. */
function badLine(r, good) {
  return r.pick([() => huge(r), () => withControl(r, good), () => withSurrogate(r, good)])();
}

/** A free-text body value: JSON carries anything, so only huge and broken strings are refused. */
function badBodyText(r, good) {
  return r.pick([() => huge(r), () => withSurrogate(r, good)])();
}

/** Text with the spec's length bounds; `lines` also refuses control characters. */
function badText(min, max, lines) {
  return (r, good) =>
    r.pick([
      ...(min > 0 ? [() => ['empty', '']] : []),
      () => [`${max + 1} chars`, 't'.repeat(max + 1)],
      () => huge(r),
      ...(lines ? [() => withControl(r, good)] : []),
      () => withSurrogate(r, good),
    ])();
}

function badEnum(values) {
  return (r, good) =>
    r.pick([
      () => ['empty', ''],
      () => ['wrong case', r.chance(0.5) ? good.toUpperCase() : good[0].toUpperCase() + good.slice(1)],
      () => ['padded', r.pick([` ${good}`, `${good} `, `${good}\n`])],
      () => ['near miss', r.pick([good.replace(/[_.]/g, '-'), good.slice(0, -1), `${good}s`, 'unknown', 'other'])],
      () => huge(r),
      () => withControl(r, good),
      () => withSurrogate(r, good),
    ])().map((v, i) => (i === 1 && values.includes(v) ? 'unknown' : v));
}

const isGoodInteger = (n, min, max) => Number.isInteger(n) && n >= min && n <= max;

function badInteger(min, max) {
  return (r) => {
    const candidates = [min - 1, max + 1, min + 0.5, ...NUMBERS].filter((n) => !isGoodInteger(n, min, max));
    const n = r.pick(candidates);
    const label = Number.isNaN(n) ? 'NaN' : !Number.isFinite(n) ? '±Infinity' : Object.is(n, -0) ? '-0' : !Number.isInteger(n) ? 'fractional' : Math.abs(n) > 2 ** 53 ? 'beyond 2^53' : 'out of range';
    return [label, n];
  };
}

function badStringArray(itemKind, min, max) {
  return (r, good) =>
    r.pick([
      ...(min > 0 ? [() => ['empty array', []]] : []),
      ...(max === null ? [] : [() => [`${max + 1} items`, new Array(max + 1).fill(good[0])]]),
      () => {
        const [category, item] = itemKind.bad(r, itemKind.good);
        return [`bad item: ${category}`, [...good, item]];
      },
      () => ['non-string item', [...good, r.pick([1, null, true, {}, [good[0]]])]],
    ])();
}

/** Domains to remove: any listed value goes, so only what cannot be sent is refused. */
function badUrls(r, good) {
  return r.pick([
    () => {
      const [category, value] = badLine(r, good[0]);
      return [`bad domain: ${category}`, r.chance(0.5) ? value : [good[0], value]];
    },
    () => ['nested array', [good]],
  ])();
}

const K = {
  keyName: () => kind('string', 'fuzz-key', badKeyName),
  resourceId: (good) => kind('string', good, badResourceId),
  branchRef: (good) => kind('string', good, badBranchRef),
  userId: () => kind('string', 'user-0001', badUserId),
  email: (good = 'someone@example.com') => kind('string', good, badEmail),
  domain: (good = 'https://*.preview.example.com') => kind('string', good, badDomain),
  urls: () => kind('urls', ['https://a.example.com', 'https://b.example.com'], badUrls),
  /** Spec length bounds, on one line. */
  text: (min, max, good) => kind('string', good, badText(min, max, true)),
  /** Spec length bounds, any characters. */
  specText: (min, max, good) => kind('string', good, badText(min, max, false)),
  line: (good) => kind('string', good, badLine),
  bodyText: (good) => kind('string', good, badBodyText),
  enumOf: (values, good = values[0]) => kind('string', good, badEnum(values)),
  integer: (min, max, good) => kind('integer', good, badInteger(min, max)),
  boolean: (good = true) => kind('boolean', good, null),
  keyId: () => kind('integer', 1, badInteger(1, 2 ** 53 - 1)),
  /** Personal keys cannot be scoped: any project ID at all is refused. */
  noProject: () => kind('string', undefined, (r) => (r.chance(0.5) ? ['any project ID', 'proj-sim-alpha'] : badResourceId(r, 'proj-sim-alpha'))),
  stringArray: (itemKind, min, max, good) => kind('array', good, badStringArray(itemKind, min, max)),
};

// ---------------------------------------------------------------------------------------------
// The public surface: every method of js/index.d.ts, as parameters that can be mutated.

/** A constructor argument (`orgApiKeys(orgId)`, `branches(projectId)`, `branchAuth(p, b)`). */
const factory = (name, spec) => ({ role: 'slot', name, spec, required: true, names: [name] });
/** A positional argument of the method itself. */
const positional = (name, spec, names = [name]) => ({ role: 'slot', name, spec, required: true, names });
/** An object argument: `fields` maps each field to `{ spec, required }`. */
const object = (name, fields, { required = true, names = [] } = {}) => ({ role: 'object', name, fields, required, names: [name, 'input', ...names] });
const field = (spec, required = false) => ({ spec, required });

const AUTH_PROVIDERS = ['better_auth', 'mock', 'stack'];
const OAUTH_IDS = ['google', 'github', 'microsoft', 'vercel'];
const WEBHOOK_EVENTS = ['user.created', 'user.before_create', 'send.otp', 'send.magic_link', 'organization.invitation.created', 'organization.invitation.accepted', 'phone_number.verified'];

const ORG = factory('orgId', K.resourceId('org-sim-000001'));
const PROJECT = factory('projectId', K.resourceId('proj-sim-alpha'));
/** Branch-auth baselines use branch IDs (no lookup request) and never br-main-000001, which the final check reads. */
const AUTH_BRANCH_IDS = ['br-filler-001', 'br-filler-007', 'br-filler-013', 'br-filler-020', 'br-preview-b-0001', 'br-dup-000001'];
const branchSlot = () => factory('branch', K.branchRef('br-filler-001'));

/** SMTP fields; `required` for the older full test message, optional in a (partial) update. */
const smtpFields = (required) => ({
  host: field(K.line('smtp.example.com'), required),
  port: field(K.integer(0, 2 ** 32 - 1, 587), required),
  username: field(K.line('mailer'), required),
  password: field(K.bodyText('smtp-password'), required),
  senderEmail: field(K.line('noreply@example.com'), required),
  senderName: field(K.line('Example App'), required),
});

const keyMethods = (owner, prefix, make, projectKind) => [
  { name: `${owner}.create`, params: [...prefix, object('input', { name: field(K.keyName(), true), projectId: field(projectKind) })], call: (neon, [...a]) => make(neon, a).create(...a) },
  { name: `${owner}.revoke`, params: [...prefix, positional('keyId', K.keyId())], call: (neon, [...a]) => make(neon, a).revoke(...a) },
  {
    name: `${owner}.rotate`,
    params: [...prefix, object('input', { oldKeyId: field(K.keyId(), true), name: field(K.keyName(), true), projectId: field(projectKind), revokeOld: field(K.boolean(false)) })],
    call: (neon, [...a]) => make(neon, a).rotate(...a),
  },
  { name: `${owner}.list`, params: [...prefix], call: (neon, [...a]) => make(neon, a).list(...a) },
];

/** `neon.branchAuth(p, b)` methods: `path` is the method's path below the BranchAuth object. */
const authMethod = (path, params = []) => ({
  name: `branchAuth.${path}`,
  params: [PROJECT, branchSlot(), ...params],
  call: (neon, [projectId, branch, ...rest]) => {
    const parts = path.split('.');
    let owner = neon.branchAuth(projectId, branch);
    for (const part of parts.slice(0, -1)) owner = owner[part];
    return owner[parts.at(-1)](...rest);
  },
});

const METHODS = [
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
  authMethod('domains.remove', [positional('domains', K.urls(), ['domain']), object('options', { authProvider: field(K.enumOf(AUTH_PROVIDERS)) }, { required: false, names: ['domain'] })]),
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
  authMethod('sendTestEmail', [object('email', { ...smtpFields(true), recipientEmail: field(K.line('to@example.com'), true) })]),
];

// ---------------------------------------------------------------------------------------------
// Building one bad call: every parameter good except exactly one thing.

const UNKNOWN_KEYS = ['extra', 'key_name', 'project_id', 'NAME', 'Name', 'toString', 'hasOwnProperty', 'valueOf', 'then', 'a.b', '0', 'k'.repeat(300), 'field\0', 'é'];

function goodObject(param) {
  const value = {};
  for (const [key, { spec }] of Object.entries(param.fields)) if (spec.good !== undefined) value[key] = structuredClone(spec.good);
  return value;
}

/** A bad value for a slot of `spec`: specific to its kind, of the wrong type, or hostile. */
function badFor(r, spec, required) {
  const roll = r.float();
  if (roll < 0.5) {
    if (spec.bad) return spec.bad(r, spec.good);
    if (spec.type === 'boolean') return ['non-boolean', r.pick(['true', 'false', '', 1, 0, NaN, 'yes'])];
  }
  if (roll < 0.82) return wrongType(r, spec.type, spec.good, required);
  return hostile(r);
}

/** Bad request options (the optional last argument of every method). */
function badRequestOptions(r) {
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
function mutateCall(r, method) {
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
function describe(value) {
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
  const missing = declared.map((op) => op.facade).filter((name) => name !== 'branchAuth.apply' && !METHODS.some((m) => m.name === name));
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
