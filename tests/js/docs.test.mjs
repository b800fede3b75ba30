// The user README and the docs/ pages: the README stays short and readable from the npm registry's
// page (every link absolute, into this repository's files that exist), its quick start runs as
// written, each generated table sits on the docs page its generator writes, and every link
// between the pages reaches a file and a heading that exist.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { API_DOC_PATH } from '../../scripts/operations.mjs';
import { DOC_PATH as RELIABILITY_DOC_PATH } from '../../scripts/reliability-table.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const REPO = 'https://github.com/neon-admin/neon-admin';
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pages = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'docs', f));

/** Markdown text without its fenced code blocks (links there are code, not links). */
const prose = (text) => text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');

/** Every `[text](target)` link target of `text`. */
const links = (text) => [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);

/** GitHub's anchors for the headings of a Markdown file: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
function anchors(file) {
  const seen = new Map();
  const result = new Set();
  for (const [, heading] of prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replaceAll(' ', '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count ? `${base}-${count}` : base);
  }
  return result;
}

/** Checks that `path` (absolute) exists and, for a Markdown file, has the heading `anchor`. */
function assertTarget(path, anchor, where) {
  assert.ok(existsSync(path), `${where}: ${relative(root, path)} does not exist`);
  if (anchor) {
    assert.ok(statSync(path).isFile() && path.endsWith('.md'), `${where}: #${anchor} on a file that is not Markdown`);
    assert.ok(anchors(path).has(anchor), `${where}: ${relative(root, path)} has no heading #${anchor} (has ${[...anchors(path)].join(', ')})`);
  }
}

test('the README opens with the two set-up commands and stays under 300 lines', () => {
  const lines = readme.split('\n');
  assert.ok(lines.length <= 300, `${lines.length} lines`);
  assert.equal(lines[0], '# neon-admin');
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)[1].trim().split('\n');
  assert.deepEqual(firstBlock.map((l) => l.split(/\s+#/)[0].trim()), ['npm run demo', 'npm test']);
  assert.ok(readme.indexOf('```sh') < readme.indexOf('\n## '), 'the commands come before the first section');
  for (const section of ['Install', 'Quick start', 'Try it against the local simulator', 'The CLI in brief', 'Build hooks', 'Deploy targets', 'Documentation']) {
    assert.match(readme, new RegExp(`^## ${section}$`, 'm'));
  }
});

test('every README link is absolute, so it works on the registry\'s page, and reaches a file of this repository', () => {
  const targets = links(readme);
  assert.ok(targets.length >= 15, `${targets.length} links`);
  for (const target of targets) {
    assert.match(target, /^https:\/\//, `README link ${target} is relative: the npm registry's page cannot follow it`);
    if (!target.startsWith(`${REPO}/`)) continue;
    const [, path, anchor] = /^[^#]*?\/(?:blob|tree)\/main\/([^#]+)(?:#(.+))?$/.exec(target) ?? [];
    if (path === undefined) {
      assert.ok([`${REPO}/issues`].includes(target), `README link ${target} names no file`);
      continue;
    }
    assertTarget(join(root, path), anchor, `README link ${target}`);
  }
  const documented = new Set(targets.filter((t) => t.includes('/docs/')).map((t) => t.replace(/.*\/docs\/([^#]+).*/, '$1')));
  assert.deepEqual([...documented].sort(), pages.map((p) => p.slice(p.lastIndexOf('/') + 1)).sort(), 'the README links every docs page');
});

test('package.json names the repository the README links to, and the tarball\'s license is a file', () => {
  assert.equal(manifest.repository.url, `git+${REPO}.git`);
  assert.equal(manifest.homepage, `${REPO}#readme`);
  assert.equal(manifest.bugs.url, `${REPO}/issues`);
  assert.ok(manifest.keywords.includes('neon') && manifest.keywords.includes('neon-auth'), manifest.keywords.join(', '));
  assert.equal(manifest.license, 'MIT');
  assert.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /^MIT License\n/);
});

test('every link between the docs pages reaches a file and a heading that exist', () => {
  let checked = 0;
  for (const page of pages) {
    for (const target of links(readFileSync(page, 'utf8'))) {
      if (/^https?:\/\//.test(target)) continue;
      const [path, anchor] = target.split('#');
      assertTarget(path ? join(dirname(page), path) : page, anchor, `${relative(root, page)} link ${target}`);
      checked += 1;
    }
  }
  assert.ok(checked >= 20, `${checked} links`);
});

test('each generated table is on the docs page its generator writes, and nowhere else', () => {
  const blocks = {
    operations: API_DOC_PATH,
    reliability: RELIABILITY_DOC_PATH,
    reconcile: RELIABILITY_DOC_PATH,
    'secret-delivery': RELIABILITY_DOC_PATH,
    bench: join(root, 'docs', 'benchmarks.md'),
    'bench-fleet': join(root, 'docs', 'benchmarks.md'),
    'bench-runtimes': join(root, 'docs', 'benchmarks.md'),
  };
  for (const [name, home] of Object.entries(blocks)) {
    assert.ok(pages.includes(home), `${relative(root, home)} is a docs page`);
    for (const file of [join(root, 'README.md'), ...pages]) {
      const text = readFileSync(file, 'utf8');
      const count = text.split(`<!-- ${name}:start -->`).length - 1;
      assert.equal(count, file === home ? 1 : 0, `${relative(root, file)} holds the ${name} block ${count} times`);
      if (file === home) assert.ok(text.indexOf(`<!-- ${name}:end -->`) > text.indexOf(`<!-- ${name}:start -->`), `${name} block closed`);
    }
  }
});

/** `text` with `from` replaced by `to`, which must occur exactly once. */
function swapOnce(text, from, to) {
  assert.equal(text.split(from).length - 1, 1, `the quick start holds ${from} once`);
  return text.replace(from, () => to);
}

test('the README quick start runs as written against the simulator, with only the target swapped', async () => {
  const sim = await startSimulator();
  try {
    let code = /^## Quick start\n\n```js\n([\s\S]*?)^```$/m.exec(readme)[1];
    code = swapOnce(code, "from 'neon-admin'", `from ${JSON.stringify(pathToFileURL(join(root, 'js', 'node.mjs')).href)}`);
    code = swapOnce(code, 'NeonAdmin.connect()', 'NeonAdmin.connect({ baseUrl: process.env.SIM_URL })');
    code = swapOnce(code, "'proj-cool-sky-123456'", "'proj-sim-alpha'");
    code = swapOnce(code, "'preview/my-feature'", "'preview/feature-a'");
    const file = join(mkdtempSync(join(tmpdir(), 'neon-admin-quick-start-')), 'quick-start.mjs');
    writeFileSync(file, `const saved = [];\nconst saveSecretSomewhere = async (secret) => { saved.push(secret); };\n${code}\nconsole.log(JSON.stringify(saved));\n`);
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NEON_') || name === 'NEON_ADMIN_BACKEND')), NEON_API_KEY: sim.seedKey, SIM_URL: sim.baseUrl };
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', env, timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trim().split('\n');
    const [token, serverKey] = JSON.parse(lines.at(-1));
    assert.match(serverKey, /^ssk_/, 'apply enabled Neon Auth on the branch and the server key was saved');
    assert.equal((await (await fetch(`${sim.baseUrl}/auth`, { headers: { authorization: `Bearer ${token}` } })).json()).auth_method, 'api_key_user', 'the saved token is a working key');
    assert.match(run.stdout, /key: '\[REDACTED\]'/);
    assert.match(run.stdout, /^\d+ changes; JWKS at https:\/\/\S+$/m);
    assert.ok(!lines.slice(0, -1).some((line) => line.includes(token) || line.includes(serverKey)), 'no secret is printed');
  } finally {
    sim.stop();
  }
});
