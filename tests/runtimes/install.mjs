// Packs the package with `npm pack` and installs the tarball into a new, empty project folder,
// as a user would; the runtime tests load neon-admin from there, never from the sources.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { platformArchAbi } from '../../js/backends/native-client.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runtime binaries installed by `tests/runtimes/package.json`. */
export const bin = (name) => fileURLToPath(new URL(`./node_modules/.bin/${name}`, import.meta.url));

/** Node 24's binary, from `tests/runtimes/node24` (installed first by scripts/setup.sh). */
export const node24 = fileURLToPath(new URL('./node24/node_modules/node/bin/node', import.meta.url));

/** The scenario suite's path, to copy or import into a runtime. */
export const scenariosPath = fileURLToPath(new URL('./scenarios.mjs', import.meta.url));

const pack = (cwd, out) => join(out, JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd, encoding: 'utf8' }))[0].filename);

/**
 * Returns a new folder holding `node_modules/neon-admin` installed from a fresh tarball; with
 * `withAddon`, this machine's platform package (`npm/<platform>/`, its addon put there by
 * `scripts/build.sh native`) is installed beside it, as npm does from the optional dependency.
 */
export function installPackedPackage({ withAddon = false } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'neon-admin-tgz-'));
  const tarballs = [pack(root, out)];
  if (withAddon) {
    const platform = platformArchAbi();
    const dir = join(root, 'npm', platform);
    if (!existsSync(join(dir, `neon-admin.${platform}.node`))) throw new Error(`${dir} has no addon: run \`bash scripts/build.sh native\` first`);
    tarballs.push(pack(dir, out));
  }
  const app = mkdtempSync(join(tmpdir(), 'neon-admin-runtime-'));
  writeFileSync(join(app, 'package.json'), '{"name":"runtime-app","version":"1.0.0","private":true,"type":"module"}');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', ...tarballs], { cwd: app, stdio: 'pipe' });
  return app;
}

/** A new app folder with the packed package installed and a copy of `examples/<name>` in `<app>/<name>`. */
export function installExample(name) {
  const app = installPackedPackage();
  cpSync(join(root, 'examples', name), join(app, name), { recursive: true });
  return app;
}
