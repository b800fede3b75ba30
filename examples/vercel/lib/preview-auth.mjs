// The request handling both functions share: `POST` with `Authorization: Bearer <HOOK_SECRET>` and
// {"branch": "...", "previewUrl": "https://..."} makes Neon Auth on that preview branch trust the
// preview's URL, and answers {"branchId", "baseUrl", "jwksUrl", "changes"}. Idempotent.

import { NeonError } from 'neon-admin';

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
    // On the call that enables Neon Auth, result.created_keys holds its keys, shown this once; they
    // are not kept here (see README: enable Neon Auth where they can be stored).
    const result = await neon.branchAuth(projectId, branch).apply({ trustedDomains: [previewUrl] });
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
