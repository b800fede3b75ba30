// A Cloudflare Worker that a deploy hook calls to get Neon Auth ready on a preview branch:
//   POST / with `Authorization: Bearer <HOOK_SECRET>` and {"branch": "...", "previewUrl": "https://..."}
// answers {"branchId", "baseUrl", "jwksUrl", "changes"}. Safe to call on every deploy: a second
// call changes nothing. Bindings: NEON_API_KEY and HOOK_SECRET (secrets), NEON_PROJECT_ID (a var).

import NeonAdmin, { NeonApiError, NeonError } from 'neon-admin';

const OFF = 'Neon Auth is off on this branch. Enabling it shows its keys once, and this hook has nowhere safe to keep them: enable it where they can be stored as secrets (npx neon-admin auth apply --env in the build), then call the hook again';

/** Whether Neon Auth is on for `auth`'s branch (a 404 says it is off). */
const isEnabled = (auth) => auth.get().then(() => true, (error) => (error instanceof NeonApiError && error.status === 404 ? false : Promise.reject(error)));

export default {
  async fetch(request, env) {
    if (request.method !== 'POST') return new Response('POST only\n', { status: 405 });
    if (request.headers.get('authorization') !== `Bearer ${env.HOOK_SECRET}`) return new Response('unauthorized\n', { status: 401 });
    const { branch, previewUrl } = await request.json();
    // `env` carries NEON_API_KEY, and NEON_API_HOST when the Worker should call a mock API.
    const neon = await NeonAdmin.connect({ env });
    try {
      // Enabling Neon Auth shows its keys once, and a Worker has nowhere safe to keep them: it only
      // configures a branch whose Neon Auth was enabled where its keys are stored.
      const auth = neon.branchAuth(env.NEON_PROJECT_ID, branch);
      if (!(await isEnabled(auth))) return Response.json({ error: 'neon_auth_off', message: OFF }, { status: 409 });
      const result = await auth.apply({ trustedDomains: [previewUrl] });
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
