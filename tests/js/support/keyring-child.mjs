// Run inside `keyctl session -` (a fresh kernel session keyring shared by this process and its
// children): the real `neon` CLI stores an API key in the OS keyring for profile `kr`, then `neon
// me --profile kr` and neon-admin (backend from NEON_ADMIN_BACKEND) read it. Prints one JSON line.

import { NeonAdmin, backend } from '../../../js/node.mjs';
import { adminWhoami, cliMe, runCli } from './cli-oracle.mjs';

const env = { ...process.env };
const baseUrl = env.NEON_API_HOST;
const created = await runCli(['profile', 'create', 'kr', '--api-key', 'napi_in_keyring', '--keyring'], env);
const cli = await cliMe(env, ['--profile', 'kr']);
const admin = await adminWhoami(NeonAdmin, env, baseUrl, { profile: 'kr' });
console.log(
  JSON.stringify({
    backend,
    created: { code: created.code, stderr: created.stderr },
    cli: { code: cli.code, stderr: cli.stderr },
    source: admin.client?.credentialSource,
    error: admin.error && { name: admin.error.name, message: admin.error.message },
  }),
);
