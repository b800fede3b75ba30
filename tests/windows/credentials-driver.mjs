// Runs inside Windows Node (tests/js/windows-credentials.test.mjs starts it under Wine):
// `node credentials-driver.mjs SPEC.json`. Makes a home whose profiles the real `neon` CLI made
// on Windows, then for each case a home on the Windows temp folder (C:), the case's files and
// environment, and runs `neon me -o json` and neon-admin's whoami (once per backend), each as its
// own Windows process with that environment. The servers that record which key each sent run on
// the Linux side; this prints one JSON line: what each process said, per case.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pooled } from '../js/support/pooled.mjs';
import { caseEnv, lastJson, runNode } from './windows-child.mjs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// The CLI runs with tests/windows/wine-keepalive.cjs preloaded (a Wine 8 socket quirk its fetch hits).
const cli = (args, env, input) => runNode(['-r', spec.cliPreload, spec.cli, ...args, '--no-analytics'], env, input);
const put = (path, content) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
};

// The base home: two profiles made by the CLI itself (one from a flag, one from stdin) and a DEFAULT file.
const base = mkdtempSync(join(tmpdir(), 'neon-admin-win-base-'));
mkdirSync(join(base, '.config', 'neon'), { recursive: true });
const setupEnv = caseEnv(base, { NEON_API_HOST: spec.setupBase });
const made = [
  await cli(['profile', 'create', 'agent', '--api-key', 'napi_agent_flag'], setupEnv),
  await cli(['profile', 'create', 'work', '--api-key', '-'], setupEnv, 'napi_work_stdin\n'),
];
put(join(base, '.config', 'neon', 'credentials.json'), { type: 'api_key', api_key: 'napi_default' });
let profilesJson = null;
try {
  profilesJson = JSON.parse(readFileSync(join(base, '.config', 'neon', 'profiles.json'), 'utf8'));
} catch {
  // reported through `made` (the CLI's exit codes and output) and asserted on the Linux side
}

const results = {};
await pooled(
  spec.cases.map((c) => async () => {
    const home = mkdtempSync(join(tmpdir(), 'neon-admin-win-case-'));
    if (c.base) cpSync(base, home, { recursive: true });
    for (const [relative, content] of Object.entries(c.files ?? {})) {
      // `{home}` in a file stands for the case's home (escaped as JSON in a JSON document).
      const text = typeof content === 'string' ? content.replaceAll('{home}', home) : JSON.stringify(content).replaceAll('{home}', JSON.stringify(home).slice(1, -1));
      put(join(home, relative), text);
    }
    const env = caseEnv(home, { NEON_API_HOST: c.cliBase, ...c.env });
    const cliRun = await cli(['me', '-o', 'json', ...(c.flags ?? [])], env);
    const admin = {};
    for (const [backend, adminBase] of Object.entries(c.adminBases)) {
      admin[backend] = lastJson(await runNode([spec.adminScript, adminBase, JSON.stringify(c.options ?? {})], { ...env, NEON_ADMIN_BACKEND: backend }));
    }
    results[c.name] = { home, cli: { code: cliRun.code, stderr: cliRun.stderr.trim().split('\n').pop() ?? '' }, admin };
  }),
  3,
);
for (const dir of [base, ...Object.values(results).map((r) => r.home)]) rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ base, made: made.map((m) => ({ code: m.code, stdout: m.stdout.slice(-500), stderr: m.stderr.slice(-1500) })), profilesJson, results }));
