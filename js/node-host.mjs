// Environment and file access for Node (also used by Bun and Deno's Node compatibility).

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';

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
  };
}
