// Copied into the Windows test app (next to its node_modules/neon-admin) and run by Windows Node:
// `node admin-whoami.mjs BASE_URL OPTIONS_JSON [GO_FILE]`. One whoami with the process's own
// environment (no `env` option, so Windows' case-insensitive variables apply), printing one JSON
// line: `{ backend, source, warning, callMs }` or `{ backend, error: { name, message } }`. With GO_FILE,
// the client is built first, `GO_FILE.<pid>.ready` written, and the call waits until GO_FILE
// exists, so that several processes call at the same moment.

import { existsSync, writeFileSync } from 'node:fs';
import NeonAdmin, { backend } from 'neon-admin';

const [baseUrl, optionsJson = '{}', goFile] = process.argv.slice(2);
let result;
try {
  const neon = new NeonAdmin({ baseUrl, maxRetries: 0, ...JSON.parse(optionsJson) });
  if (goFile) {
    writeFileSync(`${goFile}.${process.pid}.ready`, '');
    while (!existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const started = Date.now();
  await neon.whoami();
  result = { backend, source: neon.credentialSource, warning: neon.credentialWarning ?? null, callMs: Date.now() - started };
} catch (error) {
  result = { backend, error: { name: error?.name, message: error?.message } };
}
console.log(JSON.stringify(result));
