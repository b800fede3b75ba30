#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh machine (Rust wasm target, wasm-pack,
# wasm-bindgen-cli at the version Cargo.lock pins, npm devDependencies). Quick when already done.
# With --with-browser it also installs Debian's Chromium, which the browser-refusal tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [ "${1:-}" = "--with-browser" ] && [ ! -x /usr/bin/chromium ]; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends chromium
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null; then
  cargo install wasm-pack --locked
fi

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  # --locked can fail to resolve for older CLI releases; fall back to a fresh resolution.
  cargo install wasm-bindgen-cli --version "$want" --locked || cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The runtimes the runtime tests use (Deno, Bun, Node 24, workerd, Edge Runtime, Chromium's driver),
# in their own folder so that node@24's `node` never shadows the machine's Node.
if [ ! -f tests/runtimes/node_modules/.package-lock.json ] || [ tests/runtimes/package-lock.json -nt tests/runtimes/node_modules/.package-lock.json ]; then
  npm ci --prefix tests/runtimes --no-audit --no-fund
fi
