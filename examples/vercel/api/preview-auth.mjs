// Vercel Node.js Function: `POST /api/preview-auth` (Web `Request` in, `Response` out). The same
// file is a Netlify Function: netlify/functions/preview-auth.mjs re-exports its default export.
// NEON_API_KEY (and NEON_API_HOST, set only to point the function at a mock API) are read from the
// environment by neon-admin itself.

import NeonAdmin from 'neon-admin';
import { previewAuth } from '../lib/preview-auth.mjs';

export async function POST(request) {
  const neon = await NeonAdmin.connect();
  return previewAuth(request, neon, { projectId: process.env.NEON_PROJECT_ID, hookSecret: process.env.HOOK_SECRET });
}

export default POST;
