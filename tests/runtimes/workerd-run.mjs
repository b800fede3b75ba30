// Runs the scenario suite inside Cloudflare workerd through Miniflare (needs Node 22+, so the test
// starts it with node@24): `node workerd-run.mjs <app folder> <simulator URL> <simulator key>`.
// esbuild bundles a Worker from the app folder, resolving `neon-admin` with the `workerd`
// condition; the package's `.wasm` import stays a separate module that Miniflare hands to workerd
// as `CompiledWasm`, so it arrives as a WebAssembly.Module. `node:` imports stay external and no
// compatibility flag is set, so workerd would refuse to load one. Prints the Worker's response
// (or why it failed to run), then the bundle's inputs and imports as JSON.
//
// With `<worker file> <request JSON>` after those, it runs that Worker instead (an example's),
// binding NEON_API_KEY and NEON_API_HOST to the simulator plus the request's `bindings`, and
// sends it `{ method, headers, body, bindings }`; the response is printed as `<status> <body>`.

import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const [app, simUrl, simKey, workerFile, requestJson] = process.argv.slice(2);
const example = workerFile ? JSON.parse(requestJson) : undefined;

if (example) copyFileSync(workerFile, join(app, 'worker.mjs'));
else writeFileSync(
  join(app, 'worker.mjs'),
  `import NeonAdmin from 'neon-admin';
import { runScenarios, summary } from './scenarios.mjs';
export default {
  async fetch(request, env) {
    const outcome = await runScenarios(NeonAdmin, { baseUrl: env.SIM_URL, apiKey: env.NEON_API_KEY });
    const bound = await NeonAdmin.connect({ baseUrl: env.SIM_URL, env });
    const me = await bound.whoami();
    const facts = ['userAgent=' + navigator.userAgent, 'process=' + typeof process, 'bindings=' + bound.credentialSource + '/' + me.auth_method];
    return new Response(facts.join(' ') + '\\n' + summary('workerd', outcome));
  },
};
`,
);

// `node:` imports stay external; every `.wasm` import becomes a module named after its file.
const wasmFiles = new Map();
const keepWasmApart = {
  name: 'workerd-modules',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, external: true }));
    b.onResolve({ filter: /\.wasm$/ }, (args) => {
      const file = join(args.resolveDir, args.path);
      wasmFiles.set(basename(file), file);
      return { path: `./${basename(file)}`, external: true };
    });
  },
};

const bundle = await build({
  absWorkingDir: app,
  entryPoints: ['worker.mjs'],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker'],
  metafile: true,
  logLevel: 'error',
  plugins: [keepWasmApart],
});

const mf = new Miniflare({
  compatibilityDate: '2025-09-01',
  modulesRoot: app,
  modules: [
    { type: 'ESModule', path: join(app, 'worker.js'), contents: bundle.outputFiles[0].text },
    ...[...wasmFiles].map(([name, file]) => ({ type: 'CompiledWasm', path: join(app, name), contents: readFileSync(file) })),
  ],
  bindings: example ? { NEON_API_HOST: simUrl, NEON_API_KEY: simKey, ...example.bindings } : { SIM_URL: simUrl, NEON_API_KEY: simKey },
});
try {
  if (example) {
    const res = await mf.dispatchFetch('http://worker.local/', { method: example.method, headers: example.headers, body: example.body });
    console.log(`${res.status} ${await res.text()}`);
  } else {
    const res = await mf.dispatchFetch('http://worker.local/');
    console.log(await res.text());
  }
} catch (error) {
  console.log(`workerd: failed to run: ${error.message}`);
} finally {
  await mf.dispose().catch(() => {}); // after a failed start, dispose rejects with the same error
}
const imports = Object.values(bundle.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
console.log(JSON.stringify({ inputs: Object.keys(bundle.metafile.inputs), imports, wasm: [...wasmFiles.values()] }));
