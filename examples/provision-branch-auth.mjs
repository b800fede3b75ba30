// A build-hook step: make sure Neon Auth is on for a preview branch and configured for the
// preview's URL, then print the values the app needs as KEY=value lines (append them to .env or
// $GITHUB_ENV). Safe to run on every deploy: each step only changes what is missing.
//
//   NEON_API_KEY=… NEON_PROJECT_ID=… NEON_BRANCH=preview/my-feature PREVIEW_URL=https://… \
//     node examples/provision-branch-auth.mjs >> .env

import { pathToFileURL } from 'node:url';
import NeonAdmin, { NeonApiError } from '../js/node.mjs';

/**
 * Provisions Neon Auth on `branch` (a name or `br-…` ID) and returns the app's settings.
 * Progress goes to `log`; secrets are never logged.
 */
export async function provisionBranchAuth(neon, { projectId, branch, previewUrl, google }, log = console.error) {
  const branchId = await neon.branches(projectId).resolve(branch);
  log(`branch ${JSON.stringify(branch)} is ${branchId}`);
  const auth = neon.branchAuth(projectId, branchId);

  let info = await auth.get().catch((error) => {
    if (error instanceof NeonApiError && error.status === 404) return null;
    throw error;
  });
  if (info) {
    log('Neon Auth was already enabled');
  } else {
    const enabled = await auth.enable();
    log('enabled Neon Auth (its keys were returned once: store them in your secret manager, they are not printed)');
    void enabled;
    info = await auth.get();
  }

  const domains = await auth.domains.list();
  if (domains.some((d) => d.domain === previewUrl)) {
    log(`${previewUrl} was already trusted`);
  } else {
    await auth.domains.add(previewUrl);
    log(`trusted ${previewUrl}`);
  }

  const providers = await auth.oauthProviders.list();
  if (providers.some((p) => p.id === 'google')) {
    log('Google sign-in was already configured');
  } else {
    await auth.oauthProviders.add({ id: 'google', ...google });
    log(google?.clientId ? 'added Google sign-in with your OAuth app' : "added Google sign-in (Neon's shared development credentials)");
  }

  const emailAndPassword = await auth.emailAndPassword.get();
  if (emailAndPassword.enabled) {
    log('e-mail and password sign-in was already on');
  } else {
    await auth.emailAndPassword.update({ enabled: true });
    log('turned on e-mail and password sign-in');
  }

  return { NEON_AUTH_BASE_URL: info.base_url ?? '', NEON_AUTH_JWKS_URL: info.jwks_url };
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
