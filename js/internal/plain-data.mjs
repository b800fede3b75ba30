// Every value a caller passes crosses into the core as JSON text made here. Only plain data
// passes: strings (well-formed), finite numbers, booleans, null, plain arrays and plain objects.
// Anything else (NaN, Infinity, BigInt, symbols, functions, dates, maps, class instances, proxies
// whose traps throw, throwing getters, cycles, huge or deeply nested values) is a NeonConfigError
// naming the field, thrown before anything is sent.

import { toNeonError } from './to-neon-error.mjs';

const MAX_DEPTH = 16;
const MAX_STRING = 1 << 20;
const MAX_ITEMS = 10_000;

/** A NeonConfigError about the field at `path`. */
export const refuse = (path, message) => toNeonError({ name: 'NeonConfigError', message: `invalid \`${path}\`: ${message}`, field: path });

function isPlain(value, prototype) {
  try {
    const proto = Object.getPrototypeOf(value);
    return proto === prototype || proto === null;
  } catch {
    return false;
  }
}

function read(target, key, path) {
  try {
    return target[key];
  } catch {
    throw refuse(path, 'could not be read');
  }
}

function copy(value, path, depth) {
  if (depth > MAX_DEPTH) throw refuse(path, 'is nested too deeply');
  switch (typeof value) {
    case 'string':
      if (value.length > MAX_STRING) throw refuse(path, 'is too long');
      if (!value.isWellFormed()) throw refuse(path, 'is not well-formed text (it has a lone surrogate)');
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw refuse(path, 'must be a finite number');
      return Object.is(value, -0) ? 0 : value;
    case 'boolean':
      return value;
    case 'undefined':
      return undefined;
    case 'object':
      break;
    default:
      throw refuse(path, `must be plain data, not a ${typeof value}`);
  }
  if (value === null) return null;
  let isArray;
  try {
    isArray = Array.isArray(value);
  } catch {
    throw refuse(path, 'could not be read');
  }
  if (isArray) {
    if (!isPlain(value, Array.prototype)) throw refuse(path, 'must be a plain array');
    const length = read(value, 'length', path);
    if (!(length <= MAX_ITEMS)) throw refuse(path, 'has too many items');
    const out = [];
    for (let i = 0; i < length; i++) {
      const item = copy(read(value, i, `${path}[${i}]`), `${path}[${i}]`, depth + 1);
      out.push(item === undefined ? null : item);
    }
    return out;
  }
  if (!isPlain(value, Object.prototype)) throw refuse(path, 'must be a plain object');
  let keys;
  try {
    keys = Object.keys(value);
  } catch {
    throw refuse(path, 'could not be read');
  }
  if (keys.length > MAX_ITEMS) throw refuse(path, 'has too many fields');
  const out = {};
  for (const key of keys) {
    const field = depth === 0 ? key : `${path}.${key}`;
    const item = copy(read(value, key, field), field, depth + 1);
    if (item !== undefined) Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The JSON text of `value` (a plain object; `undefined` counts as `{}`), or a NeonConfigError. */
export function plainJson(value, name) {
  if (value === undefined) return '{}';
  return JSON.stringify(copy(value, name, 0));
}

/**
 * Splits a plain object into the fields named in `names` (read as they are, not copied: they may
 * hold values that are not plain data) and the rest (for `plainJson`). `undefined` gives no fields
 * and an undefined rest; anything but a readable plain object is a NeonConfigError naming `name`.
 */
export function takeFields(value, name, names) {
  if (value === undefined) return { taken: {}, rest: undefined };
  if (value === null || typeof value !== 'object' || !isPlain(value, Object.prototype)) throw refuse(name, 'must be a plain object');
  let keys;
  try {
    keys = Object.keys(value);
  } catch {
    throw refuse(name, 'could not be read');
  }
  const taken = {};
  const rest = {};
  for (const key of keys) {
    const item = read(value, key, key);
    Object.defineProperty(names.includes(key) ? taken : rest, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return { taken, rest };
}

/**
 * Reads `{ signal, timeoutMs }`; anything else is a NeonConfigError naming it. `timeoutMs` is
 * handed on as a number for the core to check.
 */
export function requestOptions(options) {
  if (options === undefined || options === null) return { timeoutMs: undefined, signal: undefined };
  if (typeof options !== 'object' || !isPlain(options, Object.prototype)) throw refuse('requestOptions', 'must be a plain object like { signal, timeoutMs }');
  let keys;
  try {
    keys = Object.keys(options);
  } catch {
    throw refuse('requestOptions', 'could not be read');
  }
  const result = { timeoutMs: undefined, signal: undefined };
  for (const key of keys) {
    const value = read(options, key, key);
    if (value === undefined) continue;
    if (key === 'signal') {
      let looksLikeSignal = false;
      try {
        looksLikeSignal = typeof value === 'object' && typeof value.aborted === 'boolean' && typeof value.addEventListener === 'function';
      } catch {
        looksLikeSignal = false;
      }
      if (!looksLikeSignal) throw refuse('signal', 'must be an AbortSignal');
      result.signal = value;
    } else if (key === 'timeoutMs') {
      // The core checks it (check_timeout_ms in src/bindings/shared.rs). Both bindings take a number, so
      // anything else goes as NaN, which the core refuses like any bad number.
      result.timeoutMs = typeof value === 'number' ? value : NaN;
    } else {
      throw refuse(String(key).slice(0, 40), 'unknown request option; expected signal or timeoutMs');
    }
  }
  return result;
}

/**
 * Client options: the JSON text of all but `env`, `logger` (and `apiKey` when it is a function),
 * `env` itself (an object whose string values are read as variables; Workers' bindings may hold
 * other values, which are ignored), `logger` as given, and `keyFunction`, the `apiKey` function
 * if one was given.
 */
export function clientOptions(options) {
  const {
    taken: { env, apiKey, logger },
    rest,
  } = takeFields(options, 'options', ['env', 'apiKey', 'logger']);
  const keyFunction = typeof apiKey === 'function' ? apiKey : undefined;
  if (apiKey !== undefined && !keyFunction) rest.apiKey = apiKey;
  if (env !== undefined) {
    let isObject = false;
    try {
      isObject = typeof env === 'object' && env !== null && !Array.isArray(env);
    } catch {
      isObject = false;
    }
    if (!isObject) throw refuse('env', 'must be an object of strings');
  }
  return { json: plainJson(rest, 'options'), env, keyFunction, logger };
}
