// The scenario suite every runtime runs through the packed package. Plain JavaScript with no
// runtime-specific imports, so Node, Deno, Bun, workerd and the Edge Runtime can all load it.
// `runScenarios` never throws: it returns each scenario's outcome and the counts.

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/**
 * @param {any} NeonAdmin the package's class, as this runtime imports it
 * @param {{ baseUrl: string, apiKey: string }} sim the simulator to talk to
 */
export async function runScenarios(NeonAdmin, { baseUrl, apiKey }) {
  const neon = new NeonAdmin({ apiKey, baseUrl, env: {} });
  const scenarios = {
    'whoami names the seeded user': async () => {
      const me = await neon.whoami();
      check(me.auth_method === 'api_key_user', `auth_method ${me.auth_method}`);
      check(neon.credentialSource === 'option', `credentialSource ${neon.credentialSource}`);
    },
    'NEON_API_KEY from an env object': async () => {
      const fromEnv = await NeonAdmin.connect({ baseUrl, env: { NEON_API_KEY: apiKey } });
      check(fromEnv.credentialSource === 'env', `credentialSource ${fromEnv.credentialSource}`);
      check((await fromEnv.whoami()).auth_data === 'seed', 'whoami through the env key');
    },
    'create, list and revoke a key; the revoked key gets NeonApiError 401': async () => {
      const created = await neon.apiKeys.create({ name: 'runtime-check' });
      check(typeof created.key === 'string' && created.key.length > 20, 'a token is returned');
      check(JSON.parse(JSON.stringify(created)).key === created.key, 'JSON keeps the token');
      const listed = await neon.apiKeys.list();
      check(listed.some((k) => k.id === created.id), 'the new key is listed');
      const revoked = await neon.apiKeys.revoke(created.id);
      check(revoked.revoked === true, 'revoked');
      const error = await rejection(new NeonAdmin({ apiKey: created.key, baseUrl, env: {} }).whoami());
      check(error.name === 'NeonApiError' && error.status === 401, `${error.name} ${error.status}`);
      check(!String(error.message).includes(created.key) && !String(error.stack).includes(created.key), 'no key in the error');
    },
    'enable Neon Auth on a branch found by name': async () => {
      const auth = neon.branchAuth('proj-sim-alpha', 'preview/feature-a');
      const enabled = await auth.enable();
      check(typeof enabled.secret_server_key === 'string', 'the server key is returned once');
      const info = await auth.get();
      check(info.branch_id === 'br-preview-a-0001', `branch ${info.branch_id}`);
      await auth.domains.add('https://runtime.preview.example.com');
      check((await auth.domains.list()).length === 1, 'one trusted domain');
      const again = await rejection(auth.enable());
      check(again.name === 'NeonApiError' && again.status === 409, `${again.name} ${again.status}`);
    },
    'bad input is a NeonConfigError naming the field': async () => {
      const error = await rejection(neon.apiKeys.revoke(-1));
      check(error.name === 'NeonConfigError' && error.field === 'keyId', `${error.name} ${error.field}`);
      const ambiguous = await rejection(neon.branches('proj-sim-alpha').resolve('dup'));
      check(ambiguous.name === 'NeonConfigError', ambiguous.name);
      let thrown;
      try {
        new NeonAdmin({ apiKey: 'has space', baseUrl, env: {} });
      } catch (e) {
        thrown = e;
      }
      check(thrown?.name === 'NeonConfigError', `constructor: ${thrown?.name}`);
    },
    'an unreachable server is a NeonNetworkError': async () => {
      const closed = new NeonAdmin({ apiKey, baseUrl: 'http://127.0.0.1:9/api/v2', maxRetries: 0, timeoutMs: 5000, env: {} });
      const error = await rejection(closed.whoami());
      check(error.name === 'NeonNetworkError', `${error.name}: ${error.message}`);
    },
    'no credentials: one NeonConfigError naming the ways': async () => {
      let thrown;
      try {
        new NeonAdmin({ baseUrl, env: {}, configDir: '/nonexistent/neon-admin-runtime-check' });
      } catch (e) {
        thrown = e;
      }
      check(thrown?.name === 'NeonConfigError', `${thrown?.name}`);
      check(/NEON_API_KEY/.test(thrown.message) && /apiKey/.test(thrown.message), thrown.message);
    },
  };
  const results = [];
  for (const [name, run] of Object.entries(scenarios)) {
    try {
      await run();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: `${error?.name}: ${error?.message}` });
    }
  }
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed, results };
}

/** The closing line each runtime prints: `<runtime>: N passed, M failed`. */
export function summary(runtime, outcome) {
  const lines = outcome.results.filter((r) => !r.ok).map((r) => `  FAILED ${r.name}: ${r.error}`);
  return [...lines, `${runtime}: ${outcome.passed} passed, ${outcome.failed} failed`].join('\n');
}
