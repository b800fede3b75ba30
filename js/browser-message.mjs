// The one text of the browser refusal (the Rust core has the same for raw bindings).
export const BROWSER_MESSAGE =
  'neon-admin refuses to run in a browser: Neon API keys grant full management access to your Neon account or organization, and there is no client-safe key. Call neon-admin from a server, a serverless or edge function, or a build script instead.';
