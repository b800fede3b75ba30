// Runs inside Windows Node (tests/js/windows-login-refresh.test.mjs starts it under Wine):
// `node refresh-driver.mjs SPEC.json`. For each backend, four scenarios of refreshing an expired
// `neon auth` login in %USERPROFILE%\.config\neon on the Windows temp folder (C:), each process
// (neon-admin's whoami, the real `neon` CLI) a Windows process of its own. The API and OAuth
// servers run on the Linux side, which counts grants and bearers; this prints one JSON line with
// what the processes said and what the files held after each step.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseEnv, lastJson, runNode } from './windows-child.mjs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
/** Every temporary folder made here, removed at the end. */
const temporary = [];
const tempDir = (prefix) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A home holding an expired login with `refreshToken`, and the environment to use it. */
function expiredLogin(refreshToken, apiBase) {
  const home = tempDir('neon-admin-win-refresh-');
  const dir = join(home, '.config', 'neon');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'credentials.json');
  writeFileSync(path, JSON.stringify({ access_token: 'stale_access', refresh_token: refreshToken, expires_at: Date.now() - 60_000, token_type: 'bearer', user_id: 'user-1' }));
  return { dir, path, env: caseEnv(home, { NEON_API_HOST: apiBase, NEON_OAUTH_HOST: spec.oauthUrl }) };
}
const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const expire = (path) => writeFileSync(path, JSON.stringify({ ...read(path), expires_at: Date.now() - 1000 }));
/** Files other than credentials.json: a lock or a temporary file left behind. */
const leftovers = (dir) => readdirSync(dir).filter((f) => f !== 'credentials.json');
/** The CLI's lock on Windows: `.refresh-<16 hex of sha256(the credentials path)>.lock` in the config folder. */
const lockPath = (dir, path) => join(dir, `.refresh-${createHash('sha256').update(path).digest('hex').slice(0, 16)}.lock`);

/** Waits until `count` processes wrote `<go>.<pid>.ready`, then creates `go`. */
async function readyThenGo(go, count) {
  const deadline = Date.now() + 120_000;
  while (readdirSync(join(go, '..')).filter((f) => f.endsWith('.ready')).length < count && Date.now() < deadline) await sleep(20);
  writeFileSync(go, '');
}

const admin = async (env, backend, apiBase, goFile) => {
  const started = Date.now();
  const result = lastJson(await runNode([spec.adminScript, apiBase, '{}', ...(goFile ? [goFile] : [])], { ...env, NEON_ADMIN_BACKEND: backend }));
  return { ...result, ms: Date.now() - started };
};
const cli = async (env) => {
  const run = await runNode(['-r', spec.cliPreload, spec.cli, 'me', '-o', 'json', '--no-analytics'], env);
  return { code: run.code, stderr: run.stderr.trim().split('\n').pop() ?? '' };
};

const out = {};
for (const [backend, s] of Object.entries(spec.backends)) {
  const r = {};
  // 1. neon-admin refreshes; the CLI uses what it stored, refreshes in turn, and neon-admin reads that.
  {
    const { dir, path, env } = expiredLogin(s.seeds[0], s.apis[0]);
    r.handover = { admin: await admin(env, backend, s.apis[0]) };
    r.handover.ours = read(path);
    r.handover.leftovers = leftovers(dir);
    r.handover.cliUsesOurs = await cli(env);
    expire(path);
    r.handover.cliRefreshes = await cli(env);
    r.handover.theirs = read(path);
    r.handover.adminReadsTheirs = await admin(env, backend, s.apis[0]);
    r.handover.path = path;
  }
  // 2. The CLI's lock: waited for while held, taken over when stale (older than a minute).
  {
    const { dir, path, env } = expiredLogin(s.seeds[1], s.apis[1]);
    const lock = lockPath(dir, path);
    writeFileSync(lock, '');
    const go = join(tempDir('neon-admin-win-go-'), 'go');
    const held = admin(env, backend, s.apis[1], go);
    await readyThenGo(go, 1);
    await sleep(1000);
    rmSync(lock);
    r.lock = { held: await held };
    expire(path);
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    r.lock.stale = await admin(env, backend, s.apis[1]);
    r.lock.final = read(path);
    r.lock.leftovers = leftovers(dir);
    r.lock.path = lock;
  }
  // 3. Four processes at once on one expired login.
  {
    const { dir, path, env } = expiredLogin(s.seeds[2], s.apis[2]);
    const go = join(tempDir('neon-admin-win-go-'), 'go');
    const runs = Array.from({ length: 4 }, () => admin(env, backend, s.apis[2], go));
    await readyThenGo(go, 4);
    r.together = { results: await Promise.all(runs), final: read(path), leftovers: leftovers(dir) };
  }
  // 4. The credentials file held open by another process (as a virus scanner, an editor or a
  //    reader would) while neon-admin replaces it: released 1 s after the call starts, and held
  //    past the call.
  for (const [key, seed, api, holdMs] of [['heldBriefly', s.seeds[3], s.apis[3], 1000], ['heldThroughout', s.seeds[4], s.apis[4], 8000]]) {
    const { dir, path, env } = expiredLogin(seed, api);
    const opened = join(tempDir('neon-admin-win-held-'), 'opened');
    const go = join(tempDir('neon-admin-win-go-'), 'go');
    const holder = runNode(
      ['-e', `const fs = require('fs'); const fd = fs.openSync(process.argv[1], 'r'); fs.writeFileSync(process.argv[2], ''); const wait = () => fs.existsSync(process.argv[3]) ? setTimeout(() => fs.closeSync(fd), ${holdMs}) : setTimeout(wait, 5); wait();`, path, opened, go],
      caseEnv(dir),
    );
    while (!existsSync(opened)) await sleep(20);
    const call = admin(env, backend, api, go);
    await readyThenGo(go, 1);
    r[key] = { admin: await call, final: read(path) };
    r[key].holder = (await holder).code;
    r[key].leftovers = leftovers(dir);
  }
  out[backend] = r;
}
for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(out));
