#!/usr/bin/env node
// neon-admin command line: finds the command in argv, parses its options strictly, runs it over
// the package's JS API, and exits 0 (ok), 1 (API or network error), 2 (usage or configuration) or
// 3 (the output could not be written as asked). Every error is one line on stderr:
// `neon-admin: <message>`, in the CLI's words (flags and variables, not library options).

import { locate, parse, positionals, UsageError, wantsHelp } from './args.mjs';
import { commands } from './commands/index.mjs';
import { confirm } from './confirm.mjs';
import { connect, version } from './connect.mjs';
import { exitCodeFor, OK, USAGE_ERROR } from './exit-codes.mjs';
import { helpText } from './help.mjs';
import { cliWording } from './wording.mjs';
import { warn, write } from './output.mjs';

/** Runs the command line `argv`; resolves to the exit code. */
async function main(argv) {
  const { node, path, rest } = locate(commands, argv);
  if (wantsHelp(rest)) {
    await write(helpText(commands, node, path));
    return OK;
  }
  if (path.length === 0 && rest.length === 1 && rest[0] === '--version') {
    await write(`${version()}\n`);
    return OK;
  }
  if (path.length === 0 && rest.length === 0) {
    process.stderr.write(helpText(commands, node, path));
    return USAGE_ERROR;
  }
  if (node.subcommands) {
    const where = path.length ? `neon-admin ${path.join(' ')}` : 'neon-admin';
    throw new UsageError(`missing command: ${where} ${Object.keys(node.subcommands).join('|')} (see ${where} --help)`);
  }
  const command = `neon-admin ${path.join(' ')}`;
  let values;
  let args;
  try {
    let list;
    ({ values, positionals: list } = parse(rest, node.options));
    args = positionals(list, node.args);
  } catch (error) {
    if (error.name === 'UsageError') error.message += ` (see ${command} --help)`;
    throw error;
  }
  const forms = ['json', 'env', 'shell'].filter((form) => values[form]);
  if (forms.length > 1) throw new UsageError(`${forms.map((form) => `--${form}`).join(' and ')} cannot be used together`);
  if ((values.env || values.shell) && !node.env) throw new UsageError(`${command} has no --${forms[0]} output`);
  return (
    (await node.run({
      args,
      values,
      format: forms[0] ?? 'human',
      connect: () => connect(values),
      confirm: (action, warning) => confirm(action, warning, values),
    })) ?? OK
  );
}

const code = await main(process.argv.slice(2)).catch((error) => {
  warn(cliWording(error?.message ?? String(error)));
  return exitCodeFor(error);
});
// Exit as soon as the output is flushed, instead of waiting for idle keep-alive connections and
// V8's background work to wind down (over 100 ms after a request).
process.exitCode = code;
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
