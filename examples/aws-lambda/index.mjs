// AWS Lambda handler (Node.js 20.x or 24.x, ESM) behind a Lambda function URL or API Gateway
// HTTP API: `POST` with `Authorization: Bearer <HOOK_SECRET>` and {"branch", "previewUrl"} makes
// Neon Auth on that preview branch trust the preview's URL. Environment: NEON_API_KEY (better: a
// secret, see README), NEON_PROJECT_ID, HOOK_SECRET; NEON_API_HOST only to point it at another API
// (a mock or a proxy), as for the neon CLI.

import NeonAdmin, { NeonApiError, NeonError } from 'neon-admin';

const OFF = 'Neon Auth is off on this branch. Enabling it shows its keys once, and this hook has nowhere safe to keep them: enable it where they can be stored as secrets (npx neon-admin auth apply --env in the build), then call the hook again';

/** Whether Neon Auth is on for `auth`'s branch (a 404 says it is off). */
const isEnabled = (auth) => auth.get().then(() => true, (error) => (error instanceof NeonApiError && error.status === 404 ? false : Promise.reject(error)));

// Built once per Lambda instance and reused by warm invocations.
const neon = new NeonAdmin();

const json = (statusCode, value) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

export async function handler(event) {
  if (event.requestContext?.http?.method !== 'POST') return json(405, { error: 'POST only' });
  if (event.headers?.authorization !== `Bearer ${process.env.HOOK_SECRET}`) return json(401, { error: 'unauthorized' });
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body;
  const { branch, previewUrl } = JSON.parse(text ?? '{}');
  try {
    // Enabling Neon Auth shows its keys once, and a Lambda has nowhere safe to keep them: it only
    // configures a branch whose Neon Auth was enabled where its keys are stored.
    const auth = neon.branchAuth(process.env.NEON_PROJECT_ID, branch);
    if (!(await isEnabled(auth))) return json(409, { error: 'neon_auth_off', message: OFF });
    const result = await auth.apply({ trustedDomains: [previewUrl] });
    return json(200, {
      branchId: result.branch_id,
      baseUrl: result.neon_auth.base_url,
      jwksUrl: result.neon_auth.jwks_url,
      changes: result.changes.map((c) => `${c.action} ${c.target}`),
    });
  } catch (error) {
    if (error instanceof NeonError) return json(502, { error: error.name, message: error.message });
    throw error;
  }
}
