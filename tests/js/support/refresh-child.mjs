// One process of the login-refresh tests (tests/js/login-refresh.test.mjs): builds a client on
// the Neon CLI login in CHILD_CONFIG_DIR (backend from NEON_ADMIN_BACKEND, OAuth server from
// NEON_OAUTH_HOST), prints `ready`, waits for a line on stdin (so that several processes start
// at once), makes CHILD_CALLS whoami calls against CHILD_BASE_URL, and prints one JSON line:
// `{ results: [{ ok } | { error: { name, message } }], warning }`.

import { createInterface } from 'node:readline';
import { NeonAdmin } from '../../../js/node.mjs';

const { CHILD_CONFIG_DIR, CHILD_BASE_URL, CHILD_CALLS = '1', NEON_OAUTH_HOST } = process.env;
const neon = await NeonAdmin.connect({ configDir: CHILD_CONFIG_DIR, baseUrl: CHILD_BASE_URL, maxRetries: 0, env: { NEON_OAUTH_HOST } });
console.log('ready');
const lines = createInterface({ input: process.stdin });
await new Promise((resolve) => lines.once('line', resolve));
lines.close();
const results = [];
for (let i = 0; i < Number(CHILD_CALLS); i++) {
  results.push(
    await neon.whoami().then(
      () => ({ ok: true }),
      (e) => ({ error: { name: e.name, message: e.message } }),
    ),
  );
}
console.log(JSON.stringify({ results, warning: neon.credentialWarning ?? null }));
