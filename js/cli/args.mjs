// Command-line parsing on node:util parseArgs: the global options, finding the command in argv,
// and strict parsing of one command's options and arguments. Usage mistakes are UsageError (exit 2).

import { parseArgs } from 'node:util';
import { printable } from './output.mjs';

/** A usage or configuration mistake on the command line; nothing was sent. Exit code 2. */
export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options every command takes. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean', description: 'print one JSON document on stdout' },
  env: { type: 'boolean', description: 'print verbatim KEY=value lines for $GITHUB_ENV or a .env file (only the commands that say so)' },
  shell: { type: 'boolean', description: "print export KEY='value' lines for a POSIX shell's source or eval (where --env is offered)" },
  'api-host': { type: 'string', value: '<url>', description: 'API base URL (else NEON_API_HOST, else https://console.neon.tech/api/v2); https, or http for a loopback host' },
  timeout: { type: 'string', value: '<ms>', description: 'per-attempt timeout in milliseconds (default 30000)' },
  verbose: { type: 'boolean', short: 'v', description: 'log each request attempt to stderr (method, path, status, ms, request ID, retries; never a secret), as NEON_ADMIN_LOG=debug does' },
  yes: { type: 'boolean', short: 'y', description: 'do a destructive command without asking (required when stdin is not a terminal)' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
  version: { type: 'boolean', description: 'print the version' },
};

/** Every `--name` (and `-x`) that takes a value, across `tree`, so that values are skipped when finding the command. */
function valueOptions(tree) {
  const names = new Set();
  const add = (options) => {
    for (const [name, spec] of Object.entries(options ?? {})) {
      if (spec.type !== 'string') continue;
      names.add(`--${name}`);
      if (spec.short) names.add(`-${spec.short}`);
    }
  };
  add(GLOBAL_OPTIONS);
  const walk = (node) => {
    add(node.options);
    for (const child of Object.values(node.subcommands ?? {})) walk(child);
  };
  walk(tree);
  return names;
}

/**
 * Finds the command named by the leading words of `argv` (options may come before, between or
 * after them). Returns the node reached, its path of words, and argv without those words.
 */
export function locate(tree, argv) {
  const takesValue = valueOptions(tree);
  let node = tree;
  const path = [];
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (token.startsWith('-') && token !== '-') {
      rest.push(token);
      if (!token.includes('=') && takesValue.has(token) && i + 1 < argv.length) rest.push(argv[++i]);
      continue;
    }
    if (node.subcommands) {
      const child = Object.hasOwn(node.subcommands, token) ? node.subcommands[token] : undefined;
      if (!child) {
        const known = Object.keys(node.subcommands).join(', ');
        throw new UsageError(`unknown command "${printable([...path, token].join(' '))}" (${path.length ? `neon-admin ${path.join(' ')}` : 'neon-admin'} has: ${known})`);
      }
      node = child;
      path.push(token);
      continue;
    }
    rest.push(token);
  }
  return { node, path, rest };
}

/** True when `-h` or `--help` comes before any `--`. */
export function wantsHelp(args) {
  for (const token of args) {
    if (token === '--') return false;
    if (token === '--help' || token === '-h') return true;
  }
  return false;
}

/** Strict parse of `args` with the global options and `options`; unknown options and missing values are UsageError. */
export function parse(args, options = {}) {
  const config = {};
  for (const [name, spec] of Object.entries({ ...GLOBAL_OPTIONS, ...options })) {
    config[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  try {
    return parseArgs({ args, options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseErrorMessage(error));
  }
}

/** A short message for a parseArgs error that never repeats an option's value. */
function parseErrorMessage(error) {
  const option = /'(-[^'\s=]*)/.exec(String(error.message))?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return option ? `unknown option ${printable(option)}` : 'unknown option';
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return option ? `option ${printable(option)} ${/argument missing/.test(error.message) ? 'needs a value' : 'does not take a value'}` : 'bad option value';
    default:
      return 'bad arguments';
  }
}

/**
 * Checks the positional arguments against `spec` (e.g. ['<name>'], or ['<url>...'] for one or
 * more); returns them.
 */
export function positionals(list, spec = []) {
  const variadic = spec.length > 0 && spec[spec.length - 1].endsWith('...');
  if (list.length < spec.length) throw new UsageError(`missing argument ${spec[list.length].replace(/\.\.\.$/, '')}`);
  if (!variadic && list.length > spec.length) throw new UsageError(`unexpected argument "${printable(list[spec.length])}"`);
  return list;
}

/** A positive whole number given on the command line, else UsageError naming `what`. */
export function positiveInteger(text, what) {
  const value = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${what} must be a positive whole number`);
  return value;
}
