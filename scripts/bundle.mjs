#!/usr/bin/env node
// Bundles the Node entry points (js/node.mjs, js/native.mjs) into one module each, beside them
// (js/node.bundle.mjs, js/native.bundle.mjs). Two modules stay their own, imported by the bundle
// from where they are: js/errors.mjs, shared by every entry so that `instanceof` holds across
// them, and the wasm glue pkg/neon_admin.js. Modules in js/'s folders import them by paths relative
// to themselves; the bundle sits in js/, so the plugin below writes each such import relative to it.
//
//   node scripts/bundle.mjs

import { build } from 'esbuild';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'js');
const SHARED = [join(ROOT, 'js', 'errors.mjs'), join(ROOT, 'pkg', 'neon_admin.js')];

/** Keeps the shared modules out of the bundle, imported relative to js/. */
const keepShared = {
  name: 'keep-shared',
  setup(bundler) {
    bundler.onResolve({ filter: /(errors\.mjs|neon_admin\.js)$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      if (!SHARED.includes(path)) return undefined;
      const fromOut = relative(OUT_DIR, path);
      return { path: fromOut.startsWith('..') ? fromOut : `./${fromOut}`, external: true };
    });
  },
};

for (const entry of ['node', 'native']) {
  // Not minified: an uncaught error makes Node print the line that threw, and a one-line bundle
  // would print all of it (tests/js/uncaught-error.test.mjs). keepNames: classes keep their own
  // names in stack frames and `.name` (`NeonAdmin`, not a renamed `NeonAdmin2`).
  await build({
    entryPoints: [join(ROOT, 'js', `${entry}.mjs`)],
    outfile: join(OUT_DIR, `${entry}.bundle.mjs`),
    bundle: true,
    format: 'esm',
    platform: 'node',
    keepNames: true,
    logLevel: 'warning',
    plugins: [keepShared],
  });
}
