// The backend contract (js/backend-contract.mjs), checked the same way on every client the facade
// can drive: the wasm core's WasmClient, the native addon's client, and the client of an `apiKey`
// function over each of them. Each must have every member with its type, count its requests,
// run an operation, and reject as the facade expects. The facade's own counts (a fleet apply's
// summary) then hold with every backend.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import NeonAdmin from '../../js/node.mjs';
import { BACKEND_MEMBERS } from '../../js/backends/backend-contract.mjs';
import { keyFunctionClient } from '../../js/backends/key-function.mjs';
import { loadAddon, nativeClientClass, nativeLoader } from '../../js/backends/native-client.mjs';
import { wasmLoader } from '../../js/backends/wasm-loader.mjs';
import { nodeHost } from '../../js/hosts/node-host.mjs';
import { sendNode } from '../../js/hosts/send-node.mjs';
import { clientOptions } from '../../js/internal/plain-data.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';

const wasm = wasmLoader(() => readFileSync(new URL('../../pkg/neon_admin_bg.wasm', import.meta.url)), sendNode, nodeHost);
const native = nativeLoader(nativeClientClass(loadAddon()));
const BACKENDS = { wasm, native };

let sim;
before(async () => {
  sim = await startSimulator({ args: ['--preview-branches', '4'] });
});
after(() => sim?.stop());

/** Each client of the contract, built over `loader` with `options`, by name. */
function clients(loader, options) {
  const { json, env } = clientOptions({ baseUrl: sim.baseUrl, env: {}, ...options });
  const Client = loader.client();
  const host = loader.host(env);
  let calls = 0;
  const keyFunction = keyFunctionClient(Client, json, host, undefined, async () => {
    calls += 1;
    return options.apiKey;
  });
  return { plain: new Client(json, host), keyFunction, keyCalls: () => calls };
}

/** The rejection of `promise`. */
const rejection = (promise) => promise.then(() => assert.fail('resolved'), (error) => error);

for (const [backend, loader] of Object.entries(BACKENDS)) {
  for (const kind of ['plain', 'keyFunction']) {
    test(`${backend} ${kind}: every member of the contract, with its type and meaning`, async () => {
      await loader.ready();
      const made = clients(loader, { apiKey: sim.seedKey });
      const client = made[kind];
      for (const [member, types] of Object.entries(BACKEND_MEMBERS)) {
        assert.ok(member in client, `${member} is missing`);
        assert.ok(types.includes(typeof client[member]), `${member} is ${typeof client[member]}, not ${types.join(' or ')}`);
      }
      assert.equal(client.credentialSource, 'option');
      assert.equal(client.credentialWarning, undefined);
      assert.equal(client.baseUrl, sim.baseUrl.replace(/\/$/, ''));
      assert.deepEqual([client.requestsSent, client.waitedMs], [0, 0], 'nothing sent yet');

      const me = JSON.parse(await client.run('whoami', '{}', '{}', undefined, undefined));
      assert.equal(me.auth_data, 'seed');
      await client.run('whoami', '{}', '{}', 5000, new AbortController().signal);
      assert.equal(client.requestsSent, 2);
      assert.ok(client.waitedMs >= 0);

      const aborted = await rejection(client.run('whoami', '{}', '{}', undefined, AbortSignal.abort()));
      assert.equal(aborted.name, 'NeonAbortError');
      const bad = await rejection(client.run('branches.list', '{"projectId":"Not An Id"}', '{}', undefined, undefined));
      assert.equal(bad.name, 'NeonConfigError');
      assert.equal(client.requestsSent, 2, 'refusals send nothing');
      if (kind === 'keyFunction') assert.equal(made.keyCalls(), 1);
    });
  }

  test(`${backend}: a key the API refuses is a NeonApiError from every client alike`, async () => {
    await loader.ready();
    const made = clients(loader, { apiKey: 'napi_not_a_known_key_0123456789', maxRetries: 0 });
    for (const client of [made.plain, made.keyFunction]) {
      const error = await rejection(client.run('whoami', '{}', '{}', undefined, undefined));
      assert.equal(error.name, 'NeonApiError');
      assert.equal(error.status, 401);
      assert.equal(client.requestsSent, 1);
    }
  });
}

test("applyBranchAuth's summary counts requests and waits with an apiKey function as with a key", async () => {
  const desired = { trustedDomains: ['https://preview.example.com'] };
  const options = { branches: 'preview/*', dryRun: true };
  const summaries = [];
  for (const apiKey of [sim.seedKey, async () => sim.seedKey]) {
    const neon = new NeonAdmin({ apiKey, baseUrl: sim.baseUrl, env: {} });
    summaries.push((await neon.applyBranchAuth('proj-sim-fleet', desired, options)).summary);
  }
  for (const summary of summaries) {
    assert.ok(Number.isInteger(summary.requests) && summary.requests > 4, JSON.stringify(summary));
    assert.ok(Number.isInteger(summary.waited_ms) && summary.waited_ms >= 0, JSON.stringify(summary));
  }
  assert.equal(summaries[1].requests, summaries[0].requests);
});
