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
node --test tests/js/*.test.mjs
# The same suites on the native addon. Left out: the runtime tests (the addon is Node-only), and
# two that do not hold on it yet: concurrency.test.mjs (the simulator loses a few of 200
# simultaneous keep-alive connections from hyper) and conformance-branch-auth.test.mjs (it records
# requests by wrapping fetch, which the addon does not use).
echo "== JS tests (built package, native backend)"
NEON_ADMIN_BACKEND=native node --test tests/js/api-keys.test.mjs tests/js/branch-auth.test.mjs \
  tests/js/credentials.test.mjs tests/js/conformance.test.mjs tests/js/faults.test.mjs \
  tests/js/fuzz.test.mjs tests/js/demo.test.mjs
