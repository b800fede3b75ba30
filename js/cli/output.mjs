// The three output forms: human tables and fields (default), one JSON document (--json), and
// KEY=value lines (--env). Human output never shows control characters from the API.

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

/** Writes `text` and a newline to stdout. */
export function line(text = '') {
  process.stdout.write(`${text}\n`);
}

/** Writes `value` as one JSON document on stdout. */
export function json(value) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Writes `KEY=value` lines for the entries of `pairs` whose value is set. A value that would
 * break the line format (a newline) is refused.
 */
export function env(pairs) {
  let text = '';
  for (const [key, value] of Object.entries(pairs)) {
    if (value === undefined || value === null || value === '') continue;
    if (/[\r\n\0]/.test(String(value))) throw new Error(`the value of ${key} cannot be written as a KEY=value line`);
    text += `${key}=${value}\n`;
  }
  process.stdout.write(text);
}

/**
 * Writes `rows` as an aligned table. `columns` is [[header, row => value], …]; an empty list
 * writes `empty` instead.
 */
export function table(rows, columns, empty = '(none)') {
  if (rows.length === 0) {
    line(empty);
    return;
  }
  const grid = [columns.map(([header]) => header), ...rows.map((row) => columns.map(([, get]) => cell(get(row))))];
  const widths = columns.map((_, i) => Math.max(...grid.map((r) => r[i].length)));
  for (const r of grid) line(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
}

/** Writes `[label, value]` pairs as aligned `label  value` lines (unset values are left out). */
export function fields(pairs) {
  const shown = pairs.filter(([, value]) => value !== undefined && value !== null);
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  for (const [label, value] of shown) line(`${label.padEnd(width)}  ${cell(value)}`);
}

/** A diagnostic line on stderr, prefixed like every message of the CLI. */
export function warn(message) {
  process.stderr.write(`neon-admin: ${oneLine(message)}\n`);
}
