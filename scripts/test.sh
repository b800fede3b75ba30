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
echo "== cargo test"
cargo test --workspace
echo "== TypeScript declarations"
node_modules/.bin/tsc -p tests/types
echo "== JS tests (built package)"
node --test tests/js/*.test.mjs
