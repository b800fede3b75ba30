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
  const unavailable = [];
  if (env === undefined && !granted({ name: 'env', variable: 'NEON_API_KEY' })) {
    unavailable.push('NEON_API_KEY (run Deno with --allow-env)');
  }
  if (!granted({ name: 'read' })) unavailable.push('the Neon CLI credentials file (run Deno with --allow-read)');
  const read = (name) => (granted({ name: 'env', variable: name }) ? Deno.env.get(name) : undefined);
  return {
    env: (name) => (env === undefined ? read(name) : typeof env[name] === 'string' ? env[name] : undefined),
    readFile(path) {
      if (!granted({ name: 'read', path })) return undefined;
      try {
        return Deno.readTextFileSync(path);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw new Error(error?.name ?? 'unreadable');
      }
    },
    homeDir: () => read('HOME') ?? read('USERPROFILE'),
    unavailable,
  };
}
