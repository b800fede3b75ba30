// Values the API's spec marks `x-sensitive` (a created key's token, Neon Auth keys, SMTP server
// details, …) stay in the object and in JSON, but are redacted when the object is inspected
// (console.log, util.inspect, Deno's inspect). Marked inputs (a user's e-mail and name, a database
// name) never appear in an error, even when the API's error message repeats them. Which fields
// these are is declared with each operation in the core (`hidden`, `redacted`).

const nodeInspect = Symbol.for('nodejs.util.inspect.custom');
const denoInspect = Symbol.for('Deno.customInspect');

/** Marks `fields` of `result` as secret for inspection; returns `result`. */
export function redactOnInspect(result, fields) {
  const redacted = () => {
    const copy = { ...result };
    for (const field of fields) if (field in copy) copy[field] = '[REDACTED]';
    return copy;
  };
  // Configurable, so that marking a value a second time (a partial result passed on) never throws.
  Object.defineProperty(result, nodeInspect, {
    value: (depth, options, inspect) => (inspect ? inspect(redacted(), options) : redacted()),
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(result, denoInspect, {
    value: (inspect, options) => inspect(redacted(), options),
    enumerable: false,
    configurable: true,
  });
  return result;
}

// Shorter values are left alone, as the core does for keys: hiding them would garble the message.
const MIN_HIDDEN = 4;

/**
 * Replaces in `error`'s message and stack the values that `inputJson` (the input as sent) holds
 * under `fields`; returns `error`.
 */
export function hideInputs(error, inputJson, fields) {
  if (!fields?.length || inputJson === undefined || !(error instanceof Error)) return error;
  const input = JSON.parse(inputJson);
  const values = fields.map((field) => input?.[field]).filter((v) => typeof v === 'string' && v.length >= MIN_HIDDEN);
  for (const value of values) {
    error.message = error.message.replaceAll(value, '[REDACTED]');
    if (typeof error.stack === 'string') error.stack = error.stack.replaceAll(value, '[REDACTED]');
  }
  return error;
}

/** Redacts on inspect the fields `paths` name in `result` (`a`, `a.b`, `a[].b`; each item of a list result). */
export function redactPaths(result, paths) {
  if (!paths.length || result === null || typeof result !== 'object') return result;
  if (Array.isArray(result)) {
    for (const item of result) redactPaths(item, paths);
    return result;
  }
  const here = paths.filter((p) => !p.includes('.'));
  const below = new Map();
  for (const path of paths.filter((p) => p.includes('.'))) {
    const dot = path.indexOf('.');
    const head = path.slice(0, dot).replace(/\[\]$/, '');
    below.set(head, [...(below.get(head) ?? []), path.slice(dot + 1)]);
  }
  for (const [field, rest] of below) redactPaths(result[field], rest);
  return here.length ? redactOnInspect(result, here) : result;
}

/**
 * What `call` resolves to, its fields `paths` names redacted on inspect; when it rejects with a
 * partial result (a secret received before the failure), that is redacted the same way.
 */
export async function redactedResult(call, paths) {
  try {
    return redactPaths(await call, paths);
  } catch (error) {
    if (error?.partial !== undefined) redactPaths(error.partial, paths);
    throw error;
  }
}
