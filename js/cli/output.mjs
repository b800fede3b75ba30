// The output forms: human tables and fields (default), one JSON document (--json), verbatim
// KEY=value lines (--env) and quoted `export KEY='value'` lines (--shell). Human output never shows
// control characters from the API.
//
// Every write resolves only once stdout took the text, and rejects with an OutputError when it could
// not (a reader that went away: EPIPE), so that a command holds back each irreversible step until
// the secret before it is out, and never exits 0 with a secret unwritten.

let broken; // the first error stdout reported; every later write fails with it
process.stdout.on('error', (error) => {
  broken ??= error;
});

/** stdout could not take the output (e.g. EPIPE: its reader exited). Exit code 3. */
export class OutputError extends Error {
  constructor(cause) {
    super(`stdout could not take the output (${cause?.code ?? cause?.message ?? cause})`, { cause });
    this.name = 'OutputError';
  }
}

/** An --env value that a shell or dotenv would interpret; the result went out as JSON instead. Exit code 3. */
export class EnvValueError extends Error {
  constructor(keys) {
    super(
      `the value of ${keys.join(', ')} holds characters that a shell or dotenv would interpret, so no KEY=value lines were written: the result is on stdout as JSON instead (store any key in it now: it is shown only this once). Use --shell for quoted lines, or --json`,
    );
    this.name = 'EnvValueError';
  }
}

/** `text` with control characters (terminal escapes included) replaced, for human output and messages. */
export function printable(text) {
  // eslint-disable-next-line no-control-regex
  return String(text).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** `text` on one printable line (line breaks become spaces). */
export function oneLine(text) {
  return printable(String(text).replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

const cell = (value) => (value === undefined || value === null || value === '' ? '-' : printable(typeof value === 'object' ? JSON.stringify(value) : value));

/** Writes `text` to stdout; resolves once stdout took it, rejects with OutputError when it could not. */
export function write(text) {
  return new Promise((resolve, reject) => {
    if (broken) {
      reject(new OutputError(broken));
      return;
    }
    process.stdout.write(text, (error) => (error ? reject(new OutputError(error)) : resolve()));
  });
}

/** Writes `text` and a newline to stdout (as `write`). */
export const line = (text = '') => write(`${text}\n`);

/** `value` as one JSON document (the form --json writes). */
export const jsonText = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes `value` as one JSON document on stdout (as `write`). */
export const json = (value) => write(jsonText(value));

// A value --env writes verbatim: nothing in it that a POSIX shell (`$`, quotes, spaces, `~`, globs,
// `;`…), dotenv (`#`, surrounding quotes, `$` for dotenv-expand) or `$GITHUB_ENV` (line breaks)
// would read differently. Neon's URLs, tokens and keys are all of this form.
const PLAIN = /^[A-Za-z0-9_.,:/@%+=-]+$/;

/** `value` in POSIX single quotes (a `'` becomes `'\''`): taken literally by sh, bash, zsh, dash. */
export const shellQuote = (value) => `'${String(value).replaceAll("'", "'\\''")}'`;

/**
 * Writes the entries of `pairs` whose value is set: `KEY=value` lines for format 'env', `export
 * KEY='value'` lines for 'shell'. When --env would have to write a value that is not plain (or
 * --shell one holding a NUL byte), it writes `fallback` as JSON instead, so that no secret among
 * the values is lost, and then throws EnvValueError.
 */
export async function envLines(pairs, format, fallback) {
  const set = Object.entries(pairs).filter(([, value]) => value !== undefined && value !== null && value !== '');
  const unsafe = set.filter(([, value]) => (format === 'shell' ? String(value).includes('\0') : !PLAIN.test(String(value))));
  if (unsafe.length > 0) {
    await json(fallback);
    throw new EnvValueError(unsafe.map(([key]) => key));
  }
  await write(set.map(([key, value]) => (format === 'shell' ? `export ${key}=${shellQuote(value)}\n` : `${key}=${value}\n`)).join(''));
}

/**
 * `rows` as an aligned table. `columns` is [[header, row => value], …]; an empty list gives the
 * line `empty` instead.
 */
export function table(rows, columns, empty = '(none)') {
  if (rows.length === 0) return `${empty}\n`;
  const grid = [columns.map(([header]) => header), ...rows.map((row) => columns.map(([, get]) => cell(get(row))))];
  const widths = columns.map((_, i) => Math.max(...grid.map((r) => r[i].length)));
  return grid.map((r) => `${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}\n`).join('');
}

/** `[label, value]` pairs as aligned `label  value` lines (unset values are left out). */
export function fields(pairs) {
  const shown = pairs.filter(([, value]) => value !== undefined && value !== null);
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${label.padEnd(width)}  ${cell(value)}\n`).join('');
}

/** A diagnostic line on stderr, prefixed like every message of the CLI. */
export function warn(message) {
  process.stderr.write(`neon-admin: ${oneLine(message)}\n`);
}
