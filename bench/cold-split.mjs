// Where neon-admin's (wasm) cold start goes: `node bench/cold-split.mjs <baseUrl> [call|nocall|prefetch]`.
// performance.now() marks (ms) around each step, printed as one JSON line at exit:
//   prefetch     (prefetch mode only) one raw fetch() of the same URL first, so that Node's own
//                fetch set-up (loading undici) is paid before neon-admin starts
//   glue         import of the wasm-bindgen glue (pkg/neon_admin.js)
//   js           import of the package's Node entry (js/node.bundle.mjs, or js/node.mjs in a copy
//                without bundles)
//   read         reading pkg/neon_admin_bg.wasm
//   compile      new WebAssembly.Module(bytes)
//   instantiate  initSync({ module }): new WebAssembly.Instance and the glue's set-up
//   build        new NeonAdmin(...) (the module is already instantiated)
//   call         the first apiKeys.list()
//   second       a second apiKeys.list() (what a call costs once everything is loaded)
//   exitWait     from the last step to the process's 'exit' event: the event loop is empty, Node
//                waits for V8's background tasks (such as optimizing wasm compiles) to finish
// `nocall` stops after build, which isolates the background work of neon-admin's own wasm from
// that of Node's fetch (undici's HTTP parser is wasm too).

import { existsSync, readFileSync, writeSync } from 'node:fs';
import { API_KEY, neonAdminRoot } from './clients.mjs';

const marks = { start: performance.now() };
const [baseUrl, mode] = process.argv.slice(2);
let last = marks.start;
const step = (name) => {
  const now = performance.now();
  marks[name] = now - last;
  last = now;
};

process.on('exit', () => {
  marks.exitWait = performance.now() - last;
  const usage = process.resourceUsage();
  marks.maxRSS = usage.maxRSS;
  marks.cpu = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  writeSync(1, `${JSON.stringify(marks)}\n`);
});

if (mode === 'prefetch') {
  await (await fetch(`${baseUrl}/api_keys`, { headers: { authorization: `Bearer ${API_KEY}` } })).json();
  step('prefetch');
}
const glue = await import(new URL('pkg/neon_admin.js', neonAdminRoot).href);
step('glue');
const bundled = new URL('js/node.bundle.mjs', neonAdminRoot);
const { NeonAdmin } = await import((existsSync(bundled) ? bundled : new URL('js/node.mjs', neonAdminRoot)).href);
step('js');
const bytes = readFileSync(new URL('pkg/neon_admin_bg.wasm', neonAdminRoot));
step('read');
const module = new WebAssembly.Module(bytes);
step('compile');
glue.initSync({ module });
step('instantiate');
const client = new NeonAdmin({ apiKey: API_KEY, baseUrl, env: {}, rateLimit: false });
step('build');
if (mode !== 'nocall') {
  await client.apiKeys.list();
  step('call');
  await client.apiKeys.list();
  step('second');
}
