// The credential host of runtimes without a file system or a process environment (Cloudflare
// workerd, Vercel Edge): variables come only from the `env` object the caller passes in, as
// Workers hand bindings to their handler.

/** A host over `env` only; the credentials file is never available. */
export function envHost(env) {
  const unavailable = ['the Neon CLI credentials file (this runtime has no file system)'];
  if (env === undefined) unavailable.unshift('NEON_API_KEY (pass NeonAdmin.connect({ env }) with your bindings)');
  return {
    env: (name) => (typeof env?.[name] === 'string' ? env[name] : undefined),
    unavailable,
  };
}
