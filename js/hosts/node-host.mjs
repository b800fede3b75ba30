// Environment and file access for Node (also used by Bun and Deno's Node compatibility). Writing
// is used only to refresh an expired Neon CLI login the way the CLI does (lock file, atomic rewrite).

// The built-in modules are taken when a file is first touched, not imported: a client given its
// key needs none of them, and Bun takes a few milliseconds to load its node:fs.
const fs = () => process.getBuiltinModule('node:fs');
const path = () => process.getBuiltinModule('node:path');

/**
 * Renames `from` over `to`. On Windows a file that another process holds open cannot be replaced
 * (EPERM, EACCES or EBUSY) until it is closed; such holds (a virus scanner, an indexer, the CLI
 * reading the file) are short, so the rename is tried again for up to 2 s before it fails.
 */
function renameReplacing(from, to) {
  const deadline = Date.now() + 2000;
  for (;;) {
    try {
      return fs().renameSync(from, to);
    } catch (error) {
      if (process.platform !== 'win32' || !['EPERM', 'EACCES', 'EBUSY'].includes(error?.code) || Date.now() >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/** A credential host over `env` (default `process.env`) and the file system. */
export function nodeHost(env) {
  const vars = env ?? process.env;
  return {
    env: (name) => (typeof vars[name] === 'string' ? vars[name] : undefined),
    readFile(file) {
      try {
        return fs().readFileSync(file, 'utf8');
      } catch (error) {
        if (error?.code === 'ENOENT' || error?.code === 'ENOTDIR') return undefined;
        throw new Error(error?.code ?? 'unreadable');
      }
    },
    homeDir: () => process.getBuiltinModule('node:os').homedir(),
    absolute: (file) => path().resolve(file),
    canWrite: () => true,
    writeFileAtomic(file, text) {
      const { basename, dirname, join } = path();
      const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
      try {
        fs().writeFileSync(temporary, text, { encoding: 'utf8', mode: 0o600 });
        renameReplacing(temporary, file);
      } catch (error) {
        try {
          fs().unlinkSync(temporary);
        } catch {}
        throw new Error(error?.code ?? 'write failed');
      }
    },
    createNew(file) {
      try {
        fs().mkdirSync(path().dirname(file), { recursive: true });
        fs().closeSync(fs().openSync(file, 'wx', 0o600));
        return true;
      } catch (error) {
        if (error?.code === 'EEXIST') return false;
        throw new Error(error?.code ?? 'create failed');
      }
    },
    removeFile(file) {
      try {
        fs().unlinkSync(file);
      } catch {}
    },
    modifiedMs(file) {
      try {
        return fs().statSync(file).mtimeMs;
      } catch {
        return undefined;
      }
    },
  };
}
