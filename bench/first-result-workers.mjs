// One first-result sample in workerd or the Edge Runtime, for bench/first-result.mjs:
// `node24 bench/first-result-workers.mjs <workerd|edge> <neon-admin|fetch|@neon/sdk> <baseUrl> <package root>`
// prints one JSON line, `{ ms, … }` or `{ error }`. The handler is bundled first (esbuild, with the
// runtime's export condition, as its deploy tooling does; not timed), then:
//   workerd  a new Miniflare with that one Worker (its `.wasm` import handed over as a
//            `CompiledWasm` module, which workerd compiles while it starts): `startup` is from
//            `new Miniflare()` to ready, `ms` the Worker's first request, from dispatch to the
//            decoded list's length in the response. Time inside a Worker only moves on I/O, so
//            it is measured from outside.
//   edge     a new EdgeRuntime in this process: the host compiles the `?module` wasm import (as
//            `next dev` does), then the bundle is evaluated (`import`) and the first request
//            dispatched; `ms` is all of it, from before the host's compile to the response.
// Both read Miniflare, edge-runtime and esbuild from tests/runtimes (Miniflare needs Node 22+).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { API_KEY } from './clients.mjs';

const [runtime, contestant, baseUrl, root] = process.argv.slice(2);
const fromRuntimes = createRequire(new URL('../tests/runtimes/package.json', import.meta.url));
const load = (name) => import(pathToFileURL(fromRuntimes.resolve(name)).href);
const { build } = await load('esbuild');
const sdkEntry = fileURLToPath(import.meta.resolve('@neon/sdk'));

/** The handler's body: resolves `items`, the decoded list, from `BASE` and `KEY`. */
const LIST = {
  'neon-admin': (entry) => ({
    imports: `import NeonAdmin from ${JSON.stringify(entry)};`,
    body: 'const items = await new NeonAdmin({ apiKey: KEY, baseUrl: BASE, env: {}, rateLimit: false }).apiKeys.list();',
  }),
  fetch: () => ({
    imports: '',
    body: "const items = await (await fetch(BASE + '/api_keys', { headers: { authorization: 'Bearer ' + KEY, accept: 'application/json' } })).json();",
  }),
  '@neon/sdk': () => ({
    imports: `import { createNeonClient } from ${JSON.stringify(sdkEntry)};`,
    body: 'const items = await createNeonClient({ apiKey: KEY, baseUrl: BASE, throwOnError: true }).apiKeys.list();',
  }),
};

const handler = (entry) => {
  const { imports, body } = LIST[contestant](entry);
  return `${imports}
const BASE = ${JSON.stringify(baseUrl)};
const KEY = ${JSON.stringify(API_KEY)};
async function handle() {
  try {
    ${body}
    return new Response(JSON.stringify({ count: items.length }));
  } catch (error) {
    return new Response(JSON.stringify({ error: String(error?.message ?? error).split('\\n')[0] }));
  }
}
`;
};

/** Bundles `source` (resolving from the package root) with `conditions`; `wasm` rewrites `.wasm` imports. */
async function bundle(source, conditions, format, wasm) {
  const out = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format,
    platform: 'neutral',
    conditions,
    logLevel: 'silent',
    plugins: [
      {
        name: 'wasm',
        setup(b) {
          b.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => wasm(join(args.resolveDir, args.path.replace(/\?module$/, ''))));
          // A wasm module the host binds as a global (the Edge Runtime's `?module` imports).
          b.onLoad({ filter: /.*/, namespace: 'wasm-global' }, (args) => ({ contents: `export default globalThis.${args.path};`, loader: 'js' }));
        },
      },
    ],
  });
  return out.outputFiles[0].text;
}

const answer = async (res) => {
  const body = JSON.parse(await res.text());
  if (body.error || !(body.count > 0)) throw new Error(body.error ?? 'no list');
};

async function workerd() {
  const { Miniflare } = await load('miniflare');
  const wasmFiles = new Map();
  const code = await bundle(`${handler(join(root, 'js/workerd.mjs'))}export default { fetch: handle };`, ['workerd', 'worker'], 'esm', (file) => {
    wasmFiles.set(basename(file), file);
    return { path: `./${basename(file)}`, external: true };
  });
  const started = performance.now();
  const mf = new Miniflare({
    compatibilityDate: '2025-09-01',
    modulesRoot: root,
    modules: [
      { type: 'ESModule', path: join(root, 'worker.js'), contents: code },
      ...[...wasmFiles].map(([name, file]) => ({ type: 'CompiledWasm', path: join(root, name), contents: readFileSync(file) })),
    ],
  });
  try {
    await mf.ready;
    const ready = performance.now();
    await answer(await mf.dispatchFetch('http://worker.local/'));
    return { ms: performance.now() - ready, startup: ready - started };
  } finally {
    await mf.dispose().catch(() => {});
  }
}

async function edge() {
  const { EdgeRuntime } = await load('edge-runtime');
  const wasmGlobals = new Map();
  const code = await bundle(`${handler(join(root, 'js/edge.mjs'))}addEventListener('fetch', (event) => event.respondWith(handle()));`, ['edge-light', 'worker'], 'iife', (file) => {
    const name = `wasm_${wasmGlobals.size}`;
    wasmGlobals.set(name, readFileSync(file));
    return { path: name, namespace: 'wasm-global' };
  });
  const started = performance.now();
  const modules = Object.fromEntries([...wasmGlobals].map(([name, bytes]) => [name, new WebAssembly.Module(bytes)]));
  const runtime = new EdgeRuntime({ codeGeneration: { strings: false, wasm: false }, extend: (context) => Object.assign(context, modules) });
  runtime.evaluate(code);
  const evaluated = performance.now();
  await answer(await runtime.dispatchFetch('http://edge.local/'));
  const done = performance.now();
  return { ms: done - started, import: evaluated - started, call: done - evaluated };
}

try {
  const result = await (runtime === 'workerd' ? workerd() : edge());
  console.log(JSON.stringify(result));
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error).split('\n')[0] }));
  process.exitCode = 1;
}
