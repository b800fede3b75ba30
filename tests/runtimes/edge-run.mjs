// Runs the scenario suite inside Vercel's Edge Runtime (npm `edge-runtime`):
// `node edge-run.mjs <app folder> <simulator URL> <simulator key> [host-realm|edge-realm]`.
// esbuild bundles a fetch handler from the app folder with the `edge-light` condition; as
// Vercel's bundler does, each `*.wasm?module` import becomes a global that the host fills with a
// WebAssembly.Module it compiled itself: in Node's realm (`host-realm`, as `next dev` does, with
// wasm code generation disabled in the runtime) or in the runtime's own realm (`edge-realm`, as a
// deployed Edge Function sees it). Then every way to compile wasm from bytes throws and is recorded.
// Prints the handler's response, then `{ attempts, wasm, sameRealm }` as JSON.
//
// With `<handler file> <request JSON>` after those, it runs that Edge Function instead (an
// example's default export, `Request` in and `Response` out), its `process.env.X` replaced at
// build time as Vercel does, by NEON_API_KEY and NEON_API_HOST for the simulator plus the
// request's `bindings`; it sends `{ method, headers, body }` and prints `<status> <body>`.

import { build } from 'esbuild';
import { EdgeRuntime } from 'edge-runtime';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [app, simUrl, simKey, realm = 'host-realm', handlerFile, requestJson] = process.argv.slice(2);
const example = handlerFile ? JSON.parse(requestJson) : undefined;
const env = example ? { NEON_API_HOST: simUrl, NEON_API_KEY: simKey, ...example.bindings } : {};

writeFileSync(
  join(app, 'edge-worker.mjs'),
  example
    ? `import handler from ${JSON.stringify(handlerFile)};
addEventListener('fetch', (event) => event.respondWith(handler(event.request)));
`
    : `import NeonAdmin from 'neon-admin';
import { runScenarios, summary } from './scenarios.mjs';
addEventListener('fetch', (event) => event.respondWith((async () => {
  const facts = ['EdgeRuntime=' + typeof EdgeRuntime, 'process=' + typeof process, 'window=' + typeof window];
  try {
    const { baseUrl, apiKey } = await event.request.json();
    return new Response(facts.join(' ') + '\\n' + summary('edge', await runScenarios(NeonAdmin, { baseUrl, apiKey })));
  } catch (error) {
    return new Response(facts.join(' ') + '\\nedge: the suite threw ' + error);
  }
})()));
`,
);

// `x.wasm?module` -> `export default globalThis.wasm_<hash>`; the host binds that global.
const wasmGlobals = new Map();
const wasmModuleImports = {
  name: 'wasm-module-imports',
  setup(b) {
    b.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({ path: join(args.resolveDir, args.path.slice(0, -'?module'.length)), namespace: 'wasm-module' }));
    b.onLoad({ filter: /.*/, namespace: 'wasm-module' }, (args) => {
      const name = 'wasm_' + createHash('sha1').update(args.path).digest('hex');
      wasmGlobals.set(name, args.path);
      return { contents: `export default globalThis.${name};`, loader: 'js' };
    });
  },
};

const bundle = await build({
  absWorkingDir: app,
  entryPoints: ['edge-worker.mjs'],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'neutral',
  conditions: ['edge-light', 'worker'],
  logLevel: 'error',
  plugins: [wasmModuleImports],
  define: Object.fromEntries(Object.entries(env).map(([name, value]) => [`process.env.${name}`, JSON.stringify(value)])),
});

const inEdgeRealm = realm === 'edge-realm';
const wasmBytes = [...wasmGlobals].map(([name, file]) => [name, readFileSync(file)]);
const hostModules = inEdgeRealm ? {} : Object.fromEntries(wasmBytes.map(([name, bytes]) => [name, new WebAssembly.Module(bytes)]));
const runtime = new EdgeRuntime({
  codeGeneration: { strings: false, wasm: inEdgeRealm },
  extend: (context) => Object.assign(context, hostModules),
});
if (inEdgeRealm) {
  for (const [name, bytes] of wasmBytes) runtime.evaluate(`(bytes) => { globalThis.${name} = new WebAssembly.Module(bytes); }`)(bytes);
}
const sameRealm = runtime.evaluate(wasmBytes.map(([name]) => `${name} instanceof WebAssembly.Module`).join(' && '));

runtime.evaluate(`{
  const W = WebAssembly;
  const attempts = (globalThis.__compileAttempts = []);
  const refuse = (name) => {
    attempts.push(name);
    throw new W.CompileError(name + ' from bytes is not allowed here');
  };
  const compiled = (m) => Object.prototype.toString.call(m) === '[object WebAssembly.Module]';
  const instantiate = W.instantiate;
  W.Module = new Proxy(W.Module, { construct: () => refuse('new WebAssembly.Module') });
  W.compile = async () => refuse('WebAssembly.compile');
  W.compileStreaming = async () => refuse('WebAssembly.compileStreaming');
  W.instantiateStreaming = async () => refuse('WebAssembly.instantiateStreaming');
  W.instantiate = async (source, imports) => (compiled(source) ? instantiate(source, imports) : refuse('WebAssembly.instantiate'));
}`);
runtime.evaluate(bundle.outputFiles[0].text);

if (example) {
  const res = await runtime.dispatchFetch('http://edge.local/', { method: example.method, headers: example.headers, body: example.body });
  console.log(`${res.status} ${await res.text()}`);
} else {
  const res = await runtime.dispatchFetch('http://edge.local/', { method: 'POST', body: JSON.stringify({ baseUrl: simUrl, apiKey: simKey }) });
  console.log(await res.text());
}
console.log(JSON.stringify({ attempts: runtime.evaluate('__compileAttempts.slice()'), wasm: [...wasmGlobals.values()], sameRealm }));
