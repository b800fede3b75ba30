// A build-hook step: make sure Neon Auth is on for a preview branch and configured for the
// preview's URL, then print the values the app needs as KEY=value lines (append them to .env or
// $GITHUB_ENV). Safe to run on every deploy: `apply` changes only what differs from the wanted
// state, so a second run changes nothing.
//
//   NEON_API_KEY=… NEON_PROJECT_ID=… NEON_BRANCH=preview/my-feature PREVIEW_URL=https://… \
//     node examples/provision-branch-auth.mjs >> .env

import { pathToFileURL } from 'node:url';
import NeonAdmin from '../js/node.mjs';

/**
 * Provisions Neon Auth on `branch` (a name or `br-…` ID) and returns the app's settings.
 * Progress goes to `log`; secrets are never logged.
 */
export async function provisionBranchAuth(neon, { projectId, branch, previewUrl, google }, log = console.error) {
  const auth = neon.branchAuth(projectId, branch);
  const result = await auth.apply({
    trustedDomains: [previewUrl],
    oauthProviders: [{ id: 'google', ...google }],
    emailAndPassword: { enabled: true },
  });
  log(`branch ${JSON.stringify(branch)} is ${result.branch_id}`);
  for (const { action, target, after } of result.changes) {
    log(`${action} ${target}${typeof after === 'string' ? ` ${after}` : ''}`);
  }
  if (result.changes.length === 0) log('no changes: the branch already matched');
  if (result.created_keys) log('Neon Auth was enabled: its keys were returned once (store them in your secret manager; they are not printed)');
  return { NEON_AUTH_BASE_URL: result.neon_auth.base_url ?? '', NEON_AUTH_JWKS_URL: result.neon_auth.jwks_url };
}

/** Formats settings as `KEY=value` lines. */
export function envLines(settings) {
  return Object.entries(settings).map(([key, value]) => `${key}=${value}`).join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { NEON_PROJECT_ID: projectId, NEON_BRANCH: branch, PREVIEW_URL: previewUrl } = process.env;
  if (!projectId || !branch || !previewUrl) {
    console.error('set NEON_PROJECT_ID, NEON_BRANCH (name or ID) and PREVIEW_URL (and NEON_API_KEY or log in with `neon auth`)');
    process.exit(2);
  }
  const google = process.env.GOOGLE_CLIENT_ID ? { clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET } : undefined;
  const neon = await NeonAdmin.connect();
  console.log(envLines(await provisionBranchAuth(neon, { projectId, branch, previewUrl, google })));
}
