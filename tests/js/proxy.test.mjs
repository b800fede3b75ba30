// Proxies: the native backend sends through HTTPS_PROXY (a CONNECT tunnel, counted by a small
// proxy on 127.0.0.1) and bypasses it for hosts in NO_PROXY; the wasm backend uses the runtime's
// fetch, which does not read those variables.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { inherited } from './support/child-env.mjs';

const entry = fileURLToPath(new URL('../../js/node.mjs', import.meta.url));
let proxy;
let tunnels = [];

before(async () => {
  proxy = createServer((socket) => {
    socket.once('data', (chunk) => {
      const line = chunk.toString('latin1').split('\r\n')[0];
      tunnels.push(line);
      // Refuse every tunnel: the test only needs to see that the client asked for one.
      socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});
after(() => proxy.close());

const run = promisify(execFile);

/** Calls whoami on an https host through a child process (async: the proxy lives in this one). */
async function whoami(backend, env) {
  const script = `import NeonAdmin, { backend } from ${JSON.stringify(entry)};
const neon = new NeonAdmin({ apiKey: 'napi_proxytest_0123456789', baseUrl: 'https://api.neon-admin-test.invalid/api/v2', maxRetries: 0, timeoutMs: 5000, env: {} });
try { await neon.whoami(); console.log(backend, 'resolved'); } catch (e) { console.log(backend, e.name); }`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...inherited('NEON_ADMIN_RECORD_OPS'), NEON_ADMIN_BACKEND: backend, ...env },
  });
  return stdout.trim();
}

test('the native backend tunnels through HTTPS_PROXY', async () => {
  tunnels = [];
  const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
  assert.equal(await whoami('native', { HTTPS_PROXY: proxyUrl }), 'native NeonNetworkError');
  assert.deepEqual(tunnels, ['CONNECT api.neon-admin-test.invalid:443 HTTP/1.1']);
  tunnels = [];
  assert.equal(await whoami('native', { https_proxy: proxyUrl }), 'native NeonNetworkError');
  assert.equal(tunnels.length, 1, 'lowercase https_proxy works too');
});

test('NO_PROXY bypasses the proxy', async () => {
  tunnels = [];
  const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
  assert.equal(await whoami('native', { HTTPS_PROXY: proxyUrl, NO_PROXY: 'neon-admin-test.invalid' }), 'native NeonNetworkError');
  assert.deepEqual(tunnels, []);
});

test('the wasm backend (Node fetch) does not read proxy variables', async () => {
  tunnels = [];
  const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
  assert.equal(await whoami('wasm', { HTTPS_PROXY: proxyUrl }), 'wasm NeonNetworkError');
  assert.deepEqual(tunnels, []);
});
