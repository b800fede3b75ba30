// Environment and file access for Node (also used by Bun and Deno's Node compatibility). Writing
// is used only to refresh an expired Neon CLI login the way the CLI does (lock file, atomic rewrite).

import { mkdirSync, openSync, closeSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Renames `from` over `to`. On Windows a file that another process holds open cannot be replaced
 * (EPERM, EACCES or EBUSY) until it is closed; such holds (a virus scanner, an indexer, the CLI
 * reading the file) are short, so the rename is tried again for up to 2 s before it fails.
 */
function renameReplacing(from, to) {
  const deadline = Date.now() + 2000;
  for (;;) {
    try {
      return renameSync(from, to);
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
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        if (error?.code === 'ENOENT' || error?.code === 'ENOTDIR') return undefined;
        throw new Error(error?.code ?? 'unreadable');
      }
    },
    homeDir: () => homedir(),
    absolute: (path) => resolve(path),
    canWrite: () => true,
    writeFileAtomic(path, text) {
      const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
      try {
        writeFileSync(temporary, text, { encoding: 'utf8', mode: 0o600 });
        renameReplacing(temporary, path);
      } catch (error) {
        try {
          unlinkSync(temporary);
        } catch {}
        throw new Error(error?.code ?? 'write failed');
      }
    },
    createNew(path) {
      try {
        mkdirSync(dirname(path), { recursive: true });
        closeSync(openSync(path, 'wx', 0o600));
        return true;
      } catch (error) {
        if (error?.code === 'EEXIST') return false;
        throw new Error(error?.code ?? 'create failed');
      }
    },
    removeFile(path) {
      try {
        unlinkSync(path);
      } catch {}
    },
    modifiedMs(path) {
      try {
        return statSync(path).mtimeMs;
      } catch {
        return undefined;
      }
    },
  };
}
