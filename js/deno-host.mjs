// The credential host of Deno: environment and files are read only where permission was granted,
// so a missing --allow-env or --allow-read skips that source (and names it) instead of
// prompting or crashing.

const granted = (descriptor) => {
  try {
    return Deno.permissions.querySync(descriptor).state === 'granted';
  } catch {
    return false;
  }
};

/** A host over `env` (default: `Deno.env` where allowed) and files where reading is allowed. */
export function denoHost(env) {
  const envSkipped = env === undefined && !granted({ name: 'env', variable: 'NEON_API_KEY' });
  let looked = false; // a credentials file path was tried
  let refused = false; // and reading one of them was not allowed
  const read = (name) => (granted({ name: 'env', variable: name }) ? Deno.env.get(name) : undefined);
  return {
    env: (name) => (env === undefined ? read(name) : typeof env[name] === 'string' ? env[name] : undefined),
    readFile(path) {
      looked = true;
      if (!granted({ name: 'read', path })) {
        refused = true;
        return undefined;
      }
      try {
        return Deno.readTextFileSync(path);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw new Error(error?.name ?? 'unreadable');
      }
    },
    homeDir: () => read('HOME') ?? read('USERPROFILE'),
    // Read by the core once no key was found, after the files were tried: the file source counts as
    // skipped if a tried path was not readable (or, with no path tried, if reading is not allowed).
    get unavailable() {
      const skipped = envSkipped ? ['NEON_API_KEY (run Deno with --allow-env)'] : [];
      if (looked ? refused : !granted({ name: 'read' })) skipped.push('the Neon CLI credentials file (run Deno with --allow-read)');
      return skipped;
    },
  };
}
