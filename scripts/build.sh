#!/usr/bin/env bash
# Builds the wasm package into pkg/ (wasm-pack, offline; wasm-opt from npm binaryen), the native
# Node addon into native/ (napi-rs), and the local Neon API simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

wasm-pack build --target web --release --no-pack --out-dir pkg --out-name neon_admin -- --features wasm
rm -f pkg/.gitignore
# The generated WasmClient declares [Symbol.dispose], which needs TypeScript's esnext.disposable
# lib; the public API never exposes WasmClient, so drop it to keep the types valid under any lib.
sed -i '/\[Symbol.dispose\]/d' pkg/neon_admin.d.ts
# The features rustc enables by default for wasm32-unknown-unknown.
node_modules/.bin/wasm-opt -Oz \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers --strip-target-features \
  pkg/neon_admin_bg.wasm -o pkg/neon_admin_bg.wasm

# The native Node addon (napi-rs) for this platform, into native/.
node_modules/.bin/napi build --platform --release --features napi --output-dir native --no-js --strip
rm -f native/index.d.ts

cargo build --release -p neon-admin-simulator
