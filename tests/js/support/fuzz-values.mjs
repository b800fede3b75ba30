// The fuzz suite's bad values: a seeded PRNG (any case can be replayed from the run seed, its
// group and index) and, per kind of slot, values that must be refused.

export const SEED = process.env.FUZZ_SEED === undefined ? 0x6e656f6e : Number(process.env.FUZZ_SEED) >>> 0;
/** Marker a prototype-pollution payload would leave on `Object.prototype`. */
export const MARK = `neonFuzzPolluted_${SEED.toString(16)}`;

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG (mulberry32) and a per-case seed, so that any one case can be replayed.

export function mulberry32(seed) {
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
export function caseSeed(group, index) {
  let h = (SEED ^ Math.imul(group.length + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  for (const ch of `${group}:${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export class Rng {
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

export const HUGE = 'x'.repeat(1_000_000);
export const OVER_LIMIT = 'y'.repeat(2 ** 20 + 1);
export const CONTROL = ['\0', '\x01', '\x07', '\b', '\t', '\n', '\v', '\f', '\r', '\r\n', '\x1b', '\x1f', '\x7f', '\x85', '\x9f'];
export const SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D'];
export const NUMBERS = [0, -0, 1, -1, 1.5, -2.25, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 64, 1e308, -1e308, Number.MIN_VALUE];

export const insertAt = (r, text, piece) => {
  const at = r.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
};
/** Inserts `piece` strictly inside `text` (values that are trimmed would lose it at either end). */
export const insertInside = (r, text, piece) => {
  const at = 1 + r.int(text.length - 1);
  return text.slice(0, at) + piece + text.slice(at);
};
export const withControl = (r, good) => ['control character', insertAt(r, good, r.pick(CONTROL))];
export const withSurrogate = (r, good) => ['lone surrogate', insertAt(r, good, r.pick(SURROGATES))];
export const huge = (r) => (r.chance(0.7) ? ['1e6-char string', HUGE] : ['string over 1 MiB', OVER_LIMIT]);

export function deepObject(depth) {
  let value = 'leaf';
  for (let i = 0; i < depth; i++) value = { deep: value };
  return value;
}

export function deepArray(depth) {
  let value = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

export class FuzzRecord {
  constructor() {
    this.name = 'fuzz-key';
    this.enabled = true;
  }
}

export const boom = () => {
  throw new Error('fuzz trap');
};

/** Values that are wrong for every slot: not plain data, hostile, or too big to convert. */
export const HOSTILE = [
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

export const hostile = (r) => r.pick(HOSTILE)();

/** Plain values of the wrong JSON type for a slot of `type`. */
export function wrongType(r, type, good, required) {
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
export const kind = (type, good, bad) => ({ type, good, bad });

export const ID_BREAKERS = ['/', '..', '%2e', '%2E', '%2f', '%2F', ' ', '?', '#', '\\', '.', '_', '@', ':', '+', '%', '&', '=', 'é', '\u00a0', '\u2028', 'A', 'Z', '\uff0f'];

export function badResourceId(r, good) {
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

export function badKeyName(r, good) {
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
export function badBranchRef(r, good) {
  return r.pick([
    () => ['empty', ''],
    () => huge(r),
    () => withControl(r, r.pick([good, 'preview/feature-a', 'main'])),
    () => withSurrogate(r, r.pick([good, 'preview/feature-a', 'main'])),
  ])();
}

/** An ID that goes into a path: only what cannot be one segment, control characters, huge and broken strings are refused. */
export function badPathId(r, good) {
  return r.pick([
    () => ['empty or dot segment', r.pick(['', '.', '..'])],
    () => huge(r),
    () => withControl(r, good),
    () => withSurrogate(r, good),
  ])();
}

export function badEmail(r, good) {
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
export function badDomain(r, good) {
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
export function badLine(r, good) {
  return r.pick([() => huge(r), () => withControl(r, good), () => withSurrogate(r, good)])();
}

/** A free-text body value: JSON carries anything, so only huge and broken strings are refused. */
export function badBodyText(r, good) {
  return r.pick([() => huge(r), () => withSurrogate(r, good)])();
}

/** Text with the spec's length bounds; `lines` also refuses control characters. */
export function badText(min, max, lines) {
  return (r, good) =>
    r.pick([
      ...(min > 0 ? [() => ['empty', '']] : []),
      () => [`${max + 1} chars`, 't'.repeat(max + 1)],
      () => huge(r),
      ...(lines ? [() => withControl(r, good)] : []),
      () => withSurrogate(r, good),
    ])();
}

export function badEnum(values) {
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

export const isGoodInteger = (n, min, max) => Number.isInteger(n) && n >= min && n <= max;

export function badInteger(min, max) {
  return (r) => {
    const candidates = [min - 1, max + 1, min + 0.5, ...NUMBERS].filter((n) => !isGoodInteger(n, min, max));
    const n = r.pick(candidates);
    const label = Number.isNaN(n) ? 'NaN' : !Number.isFinite(n) ? '±Infinity' : Object.is(n, -0) ? '-0' : !Number.isInteger(n) ? 'fractional' : Math.abs(n) > 2 ** 53 ? 'beyond 2^53' : 'out of range';
    return [label, n];
  };
}

export function badStringArray(itemKind, min, max) {
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
export function badUrls(r, good) {
  return r.pick([
    () => {
      const [category, value] = badLine(r, good[0]);
      return [`bad domain: ${category}`, r.chance(0.5) ? value : [good[0], value]];
    },
    () => ['nested array', [good]],
  ])();
}

export const K = {
  keyName: () => kind('string', 'fuzz-key', badKeyName),
  resourceId: (good) => kind('string', good, badResourceId),
  branchRef: (good) => kind('string', good, badBranchRef),
  userId: () => kind('string', 'user-0001', badPathId),
  tokenId: () => kind('string', 'nak_live_00000000000000000000000000000000', badPathId),
  email: (good = 'someone@example.com') => kind('string', good, badEmail),
  domain: (good = 'https://*.preview.example.com') => kind('string', good, badDomain),
  urls: () => kind('urls', ['https://a.example.com', 'https://b.example.com'], badUrls),
  /** Spec length bounds, on one line. */
  text: (min, max, good) => kind('string', good, badText(min, max, true)),
  /** Spec length bounds, any characters. */
  specText: (min, max, good) => kind('string', good, badText(min, max, false)),
  line: (good) => kind('string', good, badLine),
  bodyText: (good) => kind('string', good, badBodyText),
  enumOf: (values, good = values[0]) => ({ ...kind('string', good, badEnum(values)), values }),
  integer: (min, max, good) => kind('integer', good, badInteger(min, max)),
  boolean: (good = true) => kind('boolean', good, null),
  keyId: () => kind('integer', 1, badInteger(1, 2 ** 53 - 1)),
  /** Personal keys cannot be scoped: any project ID at all is refused. */
  noProject: () => kind('string', undefined, (r) => (r.chance(0.5) ? ['any project ID', 'proj-sim-alpha'] : badResourceId(r, 'proj-sim-alpha'))),
  stringArray: (itemKind, min, max, good) => kind('array', good, badStringArray(itemKind, min, max)),
};
