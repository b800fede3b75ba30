// The request handling both functions share: `POST` with `Authorization: Bearer <HOOK_SECRET>` and
// {"branch": "...", "previewUrl": "https://..."} makes Neon Auth on that preview branch trust the
// preview's URL, and answers {"branchId", "baseUrl", "jwksUrl", "changes"}. Idempotent.

import { NeonApiError, NeonError } from 'neon-admin';

const OFF = 'Neon Auth is off on this branch. Enabling it shows its keys once, and this hook has nowhere safe to keep them: enable it where they can be stored as secrets (npx neon-admin auth apply --env in the build), then call the hook again';

/** Whether Neon Auth is on for `auth`'s branch (a 404 says it is off). */
const isEnabled = (auth) => auth.get().then(() => true, (error) => (error instanceof NeonApiError && error.status === 404 ? false : Promise.reject(error)));

/**
 * @param {Request} request
 * @param {import('neon-admin').NeonAdmin} neon
 * @param {{ projectId: string, hookSecret: string }} settings
 */
export async function previewAuth(request, neon, { projectId, hookSecret }) {
  if (request.method !== 'POST') return new Response('POST only\n', { status: 405 });
  if (!hookSecret || request.headers.get('authorization') !== `Bearer ${hookSecret}`) return new Response('unauthorized\n', { status: 401 });
  const { branch, previewUrl } = await request.json();
  try {
    // Enabling Neon Auth shows its keys once, and a hook has nowhere safe to keep them: it only
    // configures a branch whose Neon Auth was enabled where its keys are stored.
    const auth = neon.branchAuth(projectId, branch);
    if (!(await isEnabled(auth))) return Response.json({ error: 'neon_auth_off', message: OFF }, { status: 409 });
    const result = await auth.apply({ trustedDomains: [previewUrl] });
    return Response.json({
      branchId: result.branch_id,
      baseUrl: result.neon_auth.base_url,
      jwksUrl: result.neon_auth.jwks_url,
      changes: result.changes.map((c) => `${c.action} ${c.target}`),
    });
  } catch (error) {
    if (error instanceof NeonError) return Response.json({ error: error.name, message: error.message }, { status: 502 });
    throw error;
  }
}
