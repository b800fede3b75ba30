// The project a Windows user has after `npm install neon-admin` on Windows x64: the packed main
// package and the win32-x64-gnu platform package (packed from npm/win32-x64-gnu/, where
// scripts/build.sh native-windows puts the addon), installed from their tarballs, plus the
// scripts the Windows suites run in it.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installPackedPackage, scenariosPath } from '../runtimes/install.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The platform name of the Windows addon (napi-rs's name for x86_64-pc-windows-gnu). */
export const WINDOWS_PLATFORM = 'win32-x64-gnu';

/**
 * Removes the `libc` field that `napi create-npm-dirs` gives the Windows platform packages of
 * `folder` (napi-rs writes `"libc": ["glibc"]` for every `-gnu` target): npm refuses a package
 * with a `libc` field on any OS but Linux, so it would never install on Windows. The committed
 * npm/win32-x64-gnu/package.json is this function's output, and the release staging of
 * tests/js/package.test.mjs applies it after `napi create-npm-dirs`.
 */
export function dropWindowsLibc(folder) {
  for (const dir of readdirSync(join(folder, 'npm')).filter((d) => d.startsWith('win32-'))) {
    const file = join(folder, 'npm', dir, 'package.json');
    if (!existsSync(file)) continue;
    const { libc: _libc, ...manifest } = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

/** Throws unless `file` is a Windows x64 binary (a PE file: "MZ", then "PE\0\0" and machine 0x8664). */
export function assertWindowsX64(file) {
  const bytes = readFileSync(file);
  const pe = bytes.readUInt32LE(0x3c);
  if (bytes.toString('latin1', 0, 2) !== 'MZ' || bytes.readUInt32LE(pe) !== 0x4550 || bytes.readUInt16LE(pe + 4) !== 0x8664) {
    throw new Error(`${file} is not a Windows x64 binary: run \`bash scripts/build.sh native-windows\``);
  }
}

/**
 * A new app folder with both packages installed, `scenarios.mjs` and `admin-whoami.mjs` in it.
 * npm checks a tarball named on its command line against this machine (linux), so the platform
 * package goes in with --force; on Windows npm installs it as the main package's optional
 * dependency.
 */
export function installWindowsApp() {
  const dir = join(root, 'npm', WINDOWS_PLATFORM);
  assertWindowsX64(join(dir, `neon-admin.${WINDOWS_PLATFORM}.node`));
  const app = installPackedPackage();
  const out = mkdtempSync(join(tmpdir(), 'neon-admin-win-tgz-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--force', join(out, packed.filename)], { cwd: app, stdio: 'pipe' });
  copyFileSync(scenariosPath, join(app, 'scenarios.mjs'));
  copyFileSync(fileURLToPath(new URL('./admin-whoami.mjs', import.meta.url)), join(app, 'admin-whoami.mjs'));
  return app;
}
