// Netlify Function (v2 signature: `Request` in, `Response` out), served at
// /.netlify/functions/preview-auth: the Vercel Node.js function, unchanged.
export { default } from '../../api/preview-auth.mjs';
