// A Cloudflare Worker that a deploy hook calls to get Neon Auth ready on a preview branch:
//   POST / with `Authorization: Bearer <HOOK_SECRET>` and {"branch": "...", "previewUrl": "https://..."}
// answers {"branchId", "baseUrl", "jwksUrl", "changes"}. Safe to call on every deploy: a second
// call changes nothing. Bindings: NEON_API_KEY and HOOK_SECRET (secrets), NEON_PROJECT_ID (a var).

import NeonAdmin, { NeonError } from 'neon-admin';

export default {
  async fetch(request, env) {
    if (request.method !== 'POST') return new Response('POST only\n', { status: 405 });
    if (request.headers.get('authorization') !== `Bearer ${env.HOOK_SECRET}`) return new Response('unauthorized\n', { status: 401 });
    const { branch, previewUrl } = await request.json();
    // `env` carries NEON_API_KEY, and NEON_API_HOST when the Worker should call a mock API.
    const neon = await NeonAdmin.connect({ env });
    try {
      // On the call that enables Neon Auth, result.created_keys holds its keys, shown this once; they
      // are not kept here (see README: enable Neon Auth where they can be stored).
      const result = await neon.branchAuth(env.NEON_PROJECT_ID, branch).apply({ trustedDomains: [previewUrl] });
      return Response.json({
        branchId: result.branch_id,
        baseUrl: result.neon_auth.base_url,
        jwksUrl: result.neon_auth.jwks_url,
        changes: result.changes.map((c) => `${c.action} ${c.target}`),
      });
    } catch (error) {
      // NeonError messages never hold a key; they say what to fix.
      if (error instanceof NeonError) return Response.json({ error: error.name, message: error.message }, { status: 502 });
      throw error;
    }
  },
};
