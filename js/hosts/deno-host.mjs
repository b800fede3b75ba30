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
    ...denoWriting(),
    // Read by the core once no key was found, after the files were tried: the file source counts as
    // skipped if a tried path was not readable (or, with no path tried, if reading is not allowed).
    get unavailable() {
      const skipped = envSkipped ? ['NEON_API_KEY (run Deno with --allow-env)'] : [];
      if (looked ? refused : !granted({ name: 'read' })) skipped.push('the Neon CLI credentials file (run Deno with --allow-read)');
      return skipped;
    },
  };
}

/** Separator-aware parent folder and name of a path. */
const split = (path) => {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? ['.', path] : [path.slice(0, i) || '/', path.slice(i + 1)];
};

/**
 * File writing for refreshing an expired Neon CLI login, only where --allow-write covers the
 * path: without it, canWrite() is false and such a login is refused with advice.
 */
function denoWriting() {
  const mayWrite = (path) => granted({ name: 'write', path });
  const must = (path) => {
    if (!mayWrite(path)) throw new Error('no write permission (run Deno with --allow-write)');
  };
  return {
    canWrite: () => mayWrite(),
    absolute(path) {
      if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return path;
      try {
        return `${Deno.cwd()}/${path}`;
      } catch {
        return path;
      }
    },
    writeFileAtomic(path, text) {
      must(path);
      const [dir, name] = split(path);
      const temporary = `${dir}/.${name}.${Deno.pid}.${Date.now()}.tmp`;
      try {
        Deno.writeTextFileSync(temporary, text, { mode: 0o600 });
        Deno.renameSync(temporary, path);
      } catch (error) {
        try {
          Deno.removeSync(temporary);
        } catch {}
        throw new Error(error?.name ?? 'write failed');
      }
    },
    createNew(path) {
      must(path);
      try {
        Deno.mkdirSync(split(path)[0], { recursive: true });
        Deno.openSync(path, { write: true, createNew: true, mode: 0o600 }).close();
        return true;
      } catch (error) {
        if (error instanceof Deno.errors.AlreadyExists) return false;
        throw new Error(error?.name ?? 'create failed');
      }
    },
    removeFile(path) {
      try {
        Deno.removeSync(path);
      } catch {}
    },
    modifiedMs(path) {
      try {
        return Deno.statSync(path).mtime?.getTime();
      } catch {
        return undefined;
      }
    },
  };
}
