// The command tree: groups have `subcommands`; a command has `summary`, `args`, `options`, `env`
// (what --env prints, if it has that output), `destructive`, and `run(context)`.

import { auth } from './auth.mjs';
import { credentials } from './credentials.mjs';
import { keys } from './keys.mjs';
import { whoami } from './whoami.mjs';

export const commands = {
  summary: 'Manage Neon API keys, branch-level Neon Auth and branch credentials.',
  details: [
    'Environment:',
    '  NEON_API_KEY       the API key (else the Neon CLI\'s stored login)',
    '  NEON_API_HOST      API base URL, as --api-host',
    '  NEON_PROJECT_ID    default --project of the auth and credentials commands',
    '  NEON_BRANCH        default --branch of the auth and credentials commands',
    '  NEON_ADMIN_BACKEND native: use the native addon instead of WebAssembly',
  ],
  subcommands: { whoami, keys, auth, credentials },
};
