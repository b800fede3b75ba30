// Size measures: the wasm file raw and gzipped (zlib's default level 6, like `gzip`), the
// `npm pack` tarball of neon-admin, and each client's installed size with its dependencies: the
// package is installed into an empty temporary folder (`npm install --prefer-offline
// --ignore-scripts`) and every file under its node_modules is summed. neon-admin is installed from
// its own packed tarball; raw fetch installs nothing (0).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const npmEnv = { ...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };
const npm = (args, cwd) => execFileSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Total bytes of the regular files under `dir` (symlinks not followed). */
export function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += lstatSync(path).size;
  }
  return total;
}

/** Raw and gzip bytes of the package's wasm. */
export function wasmSizes(rootUrl) {
  const bytes = readFileSync(new URL('pkg/neon_admin_bg.wasm', rootUrl));
  return { raw: bytes.length, gzip: gzipSync(bytes).length };
}

/** Installs `spec` into a fresh folder; returns the bytes of its node_modules and the package count. */
function installedBytes(spec) {
  const dir = mkdtempSync(join(tmpdir(), 'neon-admin-bench-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{"name":"bench-install","private":true}\n');
    npm(['install', '--prefer-offline', '--ignore-scripts', '--no-save', '--no-package-lock', spec], dir);
    const modules = join(dir, 'node_modules');
    const packages = readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)) : name.startsWith('.') ? [] : [name]));
    return { bytes: folderBytes(modules), packages: packages.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The installed version of a dependency of this repository. */
function installedVersion(name, repoUrl) {
  return JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, repoUrl), 'utf8')).version;
}

/**
 * Every size measure. `rootUrl` is the neon-admin package folder, `repoUrl` this repository.
 * Returns `{ wasm, pack, installed: { [clientId]: { bytes, packages, spec } }, errors }`.
 */
export function measureSizes(rootUrl, repoUrl) {
  const errors = [];
  const wasm = wasmSizes(rootUrl);
  const packDir = mkdtempSync(join(tmpdir(), 'neon-admin-pack-'));
  const installed = { fetch: { bytes: 0, packages: 0, spec: '(built into Node)' } };
  let pack = null;
  try {
    const [info] = JSON.parse(npm(['pack', '--json', '--pack-destination', packDir], fileURLToPath(rootUrl)));
    pack = { size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount, filename: info.filename };
    const tarball = join(packDir, info.filename);
    installed.wasm = { ...installedBytes(tarball), spec: `${info.name}@${info.version} (packed)` };
  } catch (error) {
    errors.push(`npm pack / install of neon-admin failed: ${error.message.split('\n')[0]}`);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
  for (const [id, name] of [['sdk', '@neon/sdk'], ['api-client', '@neondatabase/api-client']]) {
    try {
      const spec = `${name}@${installedVersion(name, repoUrl)}`;
      installed[id] = { ...installedBytes(spec), spec };
    } catch (error) {
      errors.push(`install of ${name} failed: ${error.message.split('\n')[0]}`);
    }
  }
  return { wasm, pack, installed, errors };
}
