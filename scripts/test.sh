#!/usr/bin/env bash
# Runs every check and test. Expects scripts/setup.sh and scripts/build.sh to have run (npm test
# runs all three).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "== rustfmt"
cargo fmt --all --check
echo "== clippy (native and wasm)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --features wasm -- -D warnings
cargo clippy --lib --features napi -- -D warnings
echo "== cargo test"
cargo test --workspace
echo "== TypeScript declarations"
node_modules/.bin/tsc -p tests/types
echo "== JS tests (built package, wasm backend)"
# On Node the default import picks the native addon when it loads, so this run asks for wasm. It
# also records which operations each test file ran, and then checks that the committed record
# (docs/api.md's operation table is rendered from it) is what ran: see scripts/operation-coverage.mjs.
record=$(mktemp -d)
NEON_ADMIN_RECORD_OPS="$record" NEON_ADMIN_BACKEND=wasm node --test tests/js/*.test.mjs
node scripts/operation-coverage.mjs --check "$record"
rm -rf "$record"
# The same suites, with the same expectations, on the native addon: every tests/js/*.test.mjs, so
# a new suite runs on both backends unless it is listed here. Left out, as they test no backend
# through the variable:
#   runtime-*.test.mjs  other runtimes (browser, Bun, Deno, edge, jsdom, Node 24, workerd) on the
#                       wasm build; the addon is Node-only.
#   examples-*.test.mjs the deploy-target examples, each on its platform's runtime, from the packed
#                       package (which holds no addon).
#   native-arm64.test.mjs  the arm64 addon under qemu, loaded explicitly through neon-admin/native.
#   windows-*.test.mjs  Windows Node 22 under Wine (tests/windows/wine.mjs), a process of its own
#                       that runs the packed package on each backend, told which per child.
#   package.test.mjs    the npm tarballs' contents, and the main tarball alone installed in an
#                       empty project (no addon there: the variable would only add a fallback).
#   backend.test.mjs    backend choice itself, both ways: each child gets its own environment.
#   proxy.test.mjs      HTTPS_PROXY on each backend: each child is told its backend.
#   transports.test.mjs the wasm core's two JS transports, called directly (no backend).
# NEON_ADMIN_BACKEND=native falls back to wasm (with a warning) when the addon cannot be loaded, so
# the run first checks that it really gets the addon.
echo "== JS tests (built package, native backend)"
native_tests=()
for file in tests/js/*.test.mjs; do
  case "${file##*/}" in
    runtime-*.test.mjs | examples-*.test.mjs | native-arm64.test.mjs | windows-*.test.mjs | package.test.mjs | backend.test.mjs | proxy.test.mjs | transports.test.mjs) ;;
    *) native_tests+=("$file") ;;
  esac
done
NEON_ADMIN_BACKEND=native node --input-type=module -e "
  import { backend } from './js/node.mjs';
  if (backend !== 'native') { console.error('NEON_ADMIN_BACKEND=native did not load the native addon'); process.exit(1); }"
NEON_ADMIN_BACKEND=native node --test "${native_tests[@]}"
