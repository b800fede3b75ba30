// Vercel Edge Function: `POST /api/preview-auth-edge`. Edge functions have no process
// environment for libraries to read, so the key is handed over as `apiKey` (and NEON_API_HOST,
// set only to point the function at a mock API, as `baseUrl`).

import NeonAdmin from 'neon-admin';
import { previewAuth } from '../lib/preview-auth.mjs';

export const config = { runtime: 'edge' };

export default async function handler(request) {
  const neon = await NeonAdmin.connect({ apiKey: process.env.NEON_API_KEY, baseUrl: process.env.NEON_API_HOST });
  return previewAuth(request, neon, { projectId: process.env.NEON_PROJECT_ID, hookSecret: process.env.HOOK_SECRET });
}
