// Browser contexts are refused: Debian's Chromium (headless, driven by playwright-core) loads the
// packed package from 127.0.0.1 in a page and in a dedicated worker, through the `browser`
// condition and through the raw wasm bindings; a bundle made by esbuild for the browser throws at
// load. Every attempt must end in NeonBrowserError, and the simulator must see no request.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../scripts/simulator.mjs';
import { installPackedPackage } from '../runtimes/install.mjs';

const requireRuntime = createRequire(fileURLToPath(new URL('../runtimes/package.json', import.meta.url)));
const { chromium } = requireRuntime('playwright-core');
const esbuild = requireRuntime('esbuild');
const pages = fileURLToPath(new URL('../runtimes/browser/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const REFUSAL = /^NeonBrowserError: neon-admin refuses to run in a browser: Neon API keys grant full management access/;

let sim;
let app;
let server;
let origin;
let browser;

const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' };

before(async () => {
  assert.ok(existsSync(CHROMIUM), 'Chromium is installed from Debian (.ci/run installs it)');
  sim = await startSimulator();
  app = installPackedPackage();
  const bundle = await esbuild.build({
    entryPoints: [join(pages, 'bundle-entry.mjs')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    absWorkingDir: app,
    nodePaths: [join(app, 'node_modules')],
  });
  const bundled = bundle.outputFiles[0].text;
  server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const name = path === '/' ? '/page.html' : path;
    let body;
    if (name === '/bundle.mjs') body = bundled;
    else {
      const base = name.startsWith('/node_modules/') ? app : pages;
      const file = normalize(join(base, name));
      if (!file.startsWith(base) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      body = readFileSync(file);
    }
    res.writeHead(200, { 'content-type': types[extname(name)] ?? 'text/plain' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  sim?.stop();
});

const query = () => `sim=${encodeURIComponent(sim.baseUrl)}&key=${encodeURIComponent(sim.seedKey)}`;

test('a page is refused through the browser condition and through the raw wasm bindings', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${origin}/?${query()}`);
  await page.waitForFunction(() => window.results !== undefined, null, { timeout: 10_000 }).catch(() => {});
  const results = await page.evaluate(() => window.results);
  assert.ok(results, `the page ran its attempts (page errors: ${errors.join('; ')})`);
  assert.match(results.condition, REFUSAL);
  assert.match(results.rawBindings, REFUSAL);
  assert.equal(results.rawBindings, results.condition, 'the Rust core and the JS entry give one text');
  await page.close();
});

test('a dedicated worker is refused the same way', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/?${query()}`);
  const results = await page.evaluate(
    ({ sim, key }) =>
      new Promise((resolve, reject) => {
        const worker = new Worker('/worker.mjs', { type: 'module' });
        worker.onmessage = ({ data }) => resolve(data);
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage({ sim, key });
      }),
    { sim: sim.baseUrl, key: sim.seedKey },
  );
  assert.match(results.condition, REFUSAL);
  assert.match(results.rawBindings, REFUSAL);
  await page.close();
});

test('a bundle built by esbuild for the browser throws the refusal when it loads', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/?${query()}`);
  const outcome = await page.evaluate(async () => {
    try {
      await import('/bundle.mjs');
      return `loaded: ${globalThis.neonAdminLoaded}`;
    } catch (error) {
      return `${error.name}: ${error.message}`;
    }
  });
  assert.match(outcome, REFUSAL);
  await page.close();
});

test('the simulator received no request from any browser context', async () => {
  assert.deepEqual(await sim.requests(), []);
});
