// Runs the neon-admin CLI (js/cli/main.mjs) as a real child process with no terminal, for the CLI
// suites that check what reaches stdout: stdout and stderr collected, or stdout closed before the
// CLI writes anything (its reader gone, as after `| head -c 0`), so every write fails with EPIPE.
// The child inherits NEON_ADMIN_BACKEND, so these suites also run on the native addon.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inherited } from './child-env.mjs';

const MAIN = fileURLToPath(new URL('../../../js/cli/main.mjs', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./cli-partial-preload.mjs', import.meta.url));

/**
 * Runs `neon-admin …args` with exactly `env` (plus PATH, NEON_ADMIN_BACKEND and NEON_ADMIN_RECORD_OPS). `closed`: stdout
 * is a pipe whose reading end is closed at once. `failAfter`: the library call that the preload
 * makes fail after the API answered (see cli-partial-preload.mjs). Resolves to
 * `{ code, stdout, stderr }`.
 */
export function runCli(args, env, { closed = false, failAfter } = {}) {
  const childEnv = {
    PATH: process.env.PATH,
    ...inherited('NEON_ADMIN_BACKEND', 'NEON_ADMIN_RECORD_OPS'),
    ...(failAfter ? { NEON_ADMIN_TEST_FAIL_AFTER: failAfter } : {}),
    ...env,
  };
  const node = failAfter ? ['--import', PRELOAD, MAIN] : [MAIN];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // Closing our end now, before the child has even loaded, makes its first write fail.
    if (closed) child.stdout.destroy();
    else child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
