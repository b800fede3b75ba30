// The facade's methods, built from the core's operation declarations (js/operations.generated.mjs,
// written by scripts/operations.mjs): each one places its arguments in the target and the input,
// runs its operation, keeps the declared inputs out of errors and redacts the declared result
// fields on inspect. Only the flows listed in that script's HAND_WRITTEN are written by hand.

import { plainJson, refuse } from './plain-data.mjs';
import { redactOnInspect } from './redaction.mjs';

/** `{ ...input, ...fields }` over a plain copy of `input` (refused by name when not a plain object). */
function merge(input, name, fields) {
  if (input === undefined) return fields;
  const plain = JSON.parse(plainJson(input, name));
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) throw refuse(name, 'must be an object');
  return { ...plain, ...fields };
}

/** The target and input of one call, from its arguments as `args` places them. */
function place(args, values) {
  const target = {};
  const fields = {};
  let input;
  let inputName = 'input';
  let hasFields = false;
  args.forEach((arg, index) => {
    const [kind, name] = arg.split(':');
    const value = values[index];
    if (kind === 'target') target[name] = value;
    else if (kind === 'input') [input, inputName] = [value, name];
    else {
      fields[name] = kind === 'list' && typeof value === 'string' ? [value] : value;
      hasFields = true;
    }
  });
  if (hasFields) return { target, input: merge(input, inputName, fields) };
  // A plain copy made here names the argument as the caller knows it when it is not plain data.
  return { target, input: input === undefined ? undefined : JSON.parse(plainJson(input, inputName)) };
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

/**
 * The methods of `methods` (one owner's rows of METHODS) over `run(op, target, input,
 * requestOptions, hidden)`: `{ top, groups }`, the methods without a sub-resource and each
 * sub-resource's frozen object of methods.
 */
export function buildMethods(methods, run) {
  const top = {};
  const groups = {};
  for (const [path, op, args, hidden, redacted] of methods) {
    const method = async (...values) => {
      const { target, input } = place(args, values);
      return redactedResult(run(op, target, input, values[args.length], hidden), redacted);
    };
    const [group, name] = path.includes('.') ? path.split('.') : [null, path];
    if (group) (groups[group] ??= {})[name] = method;
    else top[name] = method;
  }
  for (const group of Object.values(groups)) Object.freeze(group);
  return { top, groups };
}

/**
 * Puts on `prototype` a method for each of `methods` without a sub-resource, calling the
 * instance's own built one (`own(instance)[name]`): they are the class's methods, as the
 * hand-written ones are.
 */
export function delegate(prototype, methods, own) {
  for (const [name] of methods.filter(([path]) => !path.includes('.'))) {
    Object.defineProperty(prototype, name, {
      value: function (...values) {
        return own(this)[name](...values);
      },
      writable: true,
      configurable: true,
    });
  }
}
