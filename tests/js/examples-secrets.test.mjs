// No example, and no snippet in the README or docs/, sends a secret where it does not last or where
// it is shown: the `--env` output of a neon-admin command that can print a key (`auth apply`,
// `auth enable`, `keys create`, `keys rotate`) is never redirected whole into a file, `$GITHUB_ENV`
// or `$GITHUB_OUTPUT`; a workflow that reads such output masks each key (`::add-mask::`) before it
// does anything else with it, and writes only non-secret names to `$GITHUB_ENV`; no JS example logs
// a secret field. The examples' own tests (examples-scripts, examples-functions) run them and check
// their logs; this test covers every file, also those no runtime test runs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every file under `dir`, node_modules left out. */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const examples = walk(join(root, 'examples'));
const docs = [join(root, 'README.md'), ...walk(join(root, 'docs'))];
const read = (file) => readFileSync(file, 'utf8');
const SECRET_NAMES = ['NEON_AUTH_PUB_CLIENT_KEY', 'NEON_AUTH_SECRET_SERVER_KEY', 'NEON_API_KEY'];

/** Shell text of a file: a workflow's `run:` steps, a Markdown file's sh/bash/yaml code blocks, a shell script. */
function shellOf(file) {
  const text = read(file);
  if (file.endsWith('.yml') || file.endsWith('.yaml')) {
    return Object.values(parse(text).jobs ?? {}).flatMap((job) => (job.steps ?? []).filter((s) => s.run).map((s) => s.run));
  }
  if (file.endsWith('.md')) return [...text.matchAll(/^```(?:sh|bash|yaml|yml|json)\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  if (file.endsWith('.sh')) return [text];
  return [];
}

/** Lines that run a neon-admin command able to print a secret with `--env`, joined with their continuation lines. */
function secretPrintingCommands(shell) {
  const logical = shell.replace(/\\\n\s*/g, ' ').split('\n');
  return logical.filter((line) => /neon-admin\s+(auth\s+(apply|enable)|keys\s+(create|rotate))\b/.test(line) && /\s--env\b/.test(line));
}

test('no example or snippet redirects the --env output of a command that prints keys into a file, $GITHUB_ENV or $GITHUB_OUTPUT', () => {
  let commands = 0;
  for (const file of [...examples, ...docs]) {
    for (const shell of shellOf(file)) {
      for (const line of secretPrintingCommands(shell)) {
        commands += 1;
        assert.doesNotMatch(line, /--env\b[^|]*>|\|\s*tee\b|\$GITHUB_(ENV|OUTPUT)/, `${relative(root, file)}: ${line.trim()}`);
      }
    }
  }
  assert.ok(commands >= 3, `${commands} commands checked`);
});

test('a workflow that reads keys from neon-admin masks each one first and exports only names that are not secret', () => {
  const workflows = examples.filter((f) => f.endsWith('.yml'));
  assert.ok(workflows.length >= 1);
  let masked = 0;
  for (const file of workflows) {
    for (const run of shellOf(file)) {
      if (secretPrintingCommands(run).length === 0) continue;
      const lines = run.split('\n');
      const maskAt = lines.findIndex((l) => /echo "::add-mask::\$value"/.test(l));
      assert.ok(maskAt >= 0, `${relative(root, file)}: the step reading neon-admin's --env output masks the values`);
      const firstUse = lines.findIndex((l, i) => i !== maskAt && /\$value/.test(l) && !/read -r/.test(l));
      assert.ok(maskAt < firstUse, `${relative(root, file)}: the value is masked before it is used`);
      for (const line of lines.filter((l) => /\$GITHUB_(ENV|OUTPUT)/.test(l))) {
        assert.ok(!SECRET_NAMES.some((name) => line.includes(name)), `${relative(root, file)}: ${line.trim()}`);
        assert.match(line, /^\s*[A-Z_ |]+\)/, `${relative(root, file)}: only lines for listed names reach $GITHUB_ENV: ${line.trim()}`);
      }
      masked += 1;
    }
  }
  assert.ok(masked >= 1, 'the GitHub Actions example reads keys and is checked');
});

test('no JS or TS example logs a secret field', () => {
  const sources = examples.filter((f) => /\.(mjs|js|ts)$/.test(f));
  assert.ok(sources.length >= 8, `${sources.length} sources`);
  const logCall = /\b(console\.\w+|log)\(([^;]*)/g;
  const secretField = /\b(created_keys|secret_server_key|pub_client_key|clientSecret|client_secret|password|token)\b|\.key\b/;
  for (const file of sources) {
    for (const [, , args] of read(file).matchAll(logCall)) {
      assert.doesNotMatch(args, secretField, `${relative(root, file)} logs ${args.trim()}`);
    }
  }
});
