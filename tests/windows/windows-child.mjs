// Helpers for the scripts that run inside Windows Node (tests/windows/*-driver.mjs): a case's
// environment as a Windows process has it, and child processes of Windows Node (the `neon` CLI,
// neon-admin) with stdin given and closed, output collected.

import { spawn } from 'node:child_process';

/** The variables every Windows process has (a process without SystemRoot cannot use sockets). */
const SYSTEM = ['SystemRoot', 'SystemDrive', 'windir', 'ComSpec', 'PATHEXT', 'PATH', 'TEMP', 'TMP', 'ProgramData', 'ALLUSERSPROFILE'];

/**
 * A case's environment: the system variables, USERPROFILE (the home a Windows user has), CI (the
 * CLI never opens a browser) and `extra`, where `{home}` stands for the case's home folder and
 * `{home/}` for the same path written with forward slashes.
 */
export function caseEnv(home, extra = {}) {
  const env = {};
  for (const name of SYSTEM) if (process.env[name] !== undefined) env[name] = process.env[name];
  env.USERPROFILE = home;
  env.CI = 'true';
  for (const [name, value] of Object.entries(extra)) {
    env[name] = value.replaceAll('{home/}', home.replaceAll('\\', '/')).replaceAll('{home}', home);
  }
  return env;
}

/** Runs `node.exe ...args` with `env`, writing `input` to its stdin; resolves to `{ code, stdout, stderr }`. */
export function runNode(args, env, input = '') {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The last line of a child's stdout as JSON, or `{ failed }` with its output. */
export function lastJson({ code, stdout, stderr }) {
  try {
    return JSON.parse(stdout.trim().split('\n').pop());
  } catch {
    return { failed: { code, stdout: stdout.slice(-2000), stderr: stderr.slice(-2000) } };
  }
}
