// Consent for destructive commands: --yes, or a y/N question on stderr when stdin is a terminal.
// Without a terminal and without --yes the command stops before sending anything.

import { createInterface } from 'node:readline';
import { UsageError } from './args.mjs';

/**
 * Resolves when the user agreed to `action` (e.g. "revoke API key 42"; `warning` is added to the
 * question) or passed --yes; otherwise throws UsageError (exit 2) and nothing has been sent.
 */
export async function confirm(action, warning, { yes }) {
  if (yes) return;
  if (!process.stdin.isTTY) {
    throw new UsageError(`refusing to ${action} without --yes (stdin is not a terminal to ask on); nothing was sent`);
  }
  const question = `${action[0].toUpperCase()}${action.slice(1)}?${warning ? ` ${warning}` : ''}`;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise((resolve) => {
    rl.once('close', () => resolve(''));
    rl.question(`${question} [y/N] `, resolve);
  });
  rl.close();
  if (!/^\s*y(es)?\s*$/i.test(answer)) throw new UsageError('not confirmed; nothing was changed');
}
