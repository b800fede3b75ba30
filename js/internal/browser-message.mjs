// The one text of the browser refusal. The Rust core reads the first single-quoted string of this
// file when it compiles (src/bindings/wasm_browser_refusal.rs), so keep the text free of quotes
// and escapes, and keep it the first quoted string here.
export const BROWSER_MESSAGE =
  'neon-admin refuses to run in a browser: Neon API keys grant full management access to your Neon account or organization, and there is no client-safe key. Call neon-admin from a server, a serverless or edge function, or a build script instead.';
