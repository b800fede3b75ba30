// Help text for the whole CLI, a command group, or one command, built from the command tree.

import { GLOBAL_OPTIONS } from './args.mjs';

const optionLabel = (name, spec) => `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;

function optionLines(options) {
  const entries = Object.entries(options);
  const width = Math.max(...entries.map(([name, spec]) => optionLabel(name, spec).length));
  return entries.map(([name, spec]) => `  ${optionLabel(name, spec).padEnd(width)}  ${spec.description}`);
}

const usageOf = (path, node) => [...path, ...(node.args ?? [])].join(' ');

/** Every command below `node` as [words, node] pairs, depth first. */
function leaves(node, path = []) {
  if (!node.subcommands) return [[path, node]];
  return Object.entries(node.subcommands).flatMap(([name, child]) => leaves(child, [...path, name]));
}

function commandList(node, path) {
  const rows = leaves(node).map(([words, leaf]) => [usageOf([...path, ...words], leaf), leaf.summary]);
  const width = Math.max(...rows.map(([usage]) => usage.length));
  return rows.map(([usage, summary]) => `  ${usage.padEnd(width)}  ${summary}`);
}

const FOOTER = [
  'Credentials: NEON_API_KEY, else the Neon CLI\'s stored login (`neon auth`); the key is never printed.',
  'Exit codes: 0 ok; 1 API or network error (or a rotation whose revocation failed); 2 usage or configuration error;',
  '  3 the output could not be written (stdout closed: stderr names the key whose secret did not arrive and what',
  '  to do; or a value --env cannot carry: the result went to stdout as JSON instead).',
];

/** The help text for the node at `path` (the root when `path` is empty). */
export function helpText(root, node, path) {
  const lines = [];
  if (path.length === 0) {
    lines.push('Usage: neon-admin <command> [options]', '', root.summary, '', 'Commands:', ...commandList(root, []));
    lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS), '', ...root.details, '', ...FOOTER);
    lines.push('', 'Run `neon-admin <command> --help` for a command\'s options.');
  } else if (node.subcommands) {
    lines.push(`Usage: neon-admin ${path.join(' ')} <command> [options]`, '', node.summary, '', 'Commands:', ...commandList(node, path));
    if (node.options) lines.push('', 'Options:', ...optionLines(node.options));
    lines.push('', `Run \`neon-admin ${path.join(' ')} <command> --help\` for a command's options.`);
  } else {
    lines.push(`Usage: neon-admin ${usageOf(path, node)} [options]`, '', `${node.summary[0].toUpperCase()}${node.summary.slice(1)}.`);
    if (node.description) lines.push('', ...node.description);
    if (node.options && Object.keys(node.options).length) lines.push('', 'Options:', ...optionLines(node.options));
    const output = ['  default  a table (or lines) for people', '  --json   one JSON document'];
    if (node.env) {
      output.push(
        `  --env    ${node.env}`,
        '           as KEY=value lines, each value verbatim, for $GITHUB_ENV and .env files; a value that a',
        '           shell or dotenv would read differently is refused (the JSON document instead, exit 3)',
      );
      output.push("  --shell  the same as export KEY='value' lines, quoted for `source` or `eval` in sh, bash or zsh");
    }
    lines.push('', 'Output:', ...output);
    if (node.destructive) {
      const when = typeof node.destructive === 'string' ? ` ${node.destructive}` : '';
      lines.push('', `Destructive${when}: asks y/N on a terminal; pass --yes (-y) when stdin is not a terminal.`);
    }
    lines.push('', 'Global options: --json, --env, --shell, --api-host <url>, --timeout <ms>, -v/--verbose, -y/--yes, -h/--help (see `neon-admin --help`)', ...FOOTER);
  }
  return `${lines.join('\n')}\n`;
}
