// The native backend: loads the napi-rs addon built for this platform and wraps its
// `NativeClient` in the same shape as the wasm `WasmClient` (JSON text in and out, errors as
// records), so the one JS API drives either. Aborts reach the addon as `cancel(id)`.
//
// Where the addon comes from, first found wins:
//   1. the platform package `neon-admin-<platform>-<arch>[-<abi>]` (e.g. neon-admin-linux-x64-gnu),
//      which the published package lists in `optionalDependencies` at its own version, so that npm
//      installs only the one matching the machine's os, cpu and libc;
//   2. the local build in `native/` (`napi build --platform`), for development and the tests.

import { createRequire } from 'node:module';
import { BROWSER_MESSAGE } from '../internal/browser-message.mjs';
import { NeonBrowserError } from '../errors.mjs';
import { toNeonError } from '../internal/to-neon-error.mjs';

// This module is js/backends/native-client.mjs, or inlined into js/native.bundle.mjs (and
// js/node.bundle.mjs): the package root is two folders up, or one.
const ROOT = new URL(new URL('.', import.meta.url).pathname.endsWith('/backends/') ? '../../' : '../', import.meta.url);
const require = createRequire(ROOT);

/** The libc the runtime was loaded with, from its diagnostic report (null when it has none). */
function reportedGlibc() {
  const report = process.report;
  const excludeNetwork = report.excludeNetwork;
  report.excludeNetwork = true; // skips the slow network-interface part of the report
  try {
    return report.getReport().header.glibcVersionRuntime ?? null;
  } finally {
    report.excludeNetwork = excludeNetwork;
  }
}

/** True on a musl Linux (Alpine), false on glibc; glibc when it cannot be told. */
function isMusl() {
  // Bun writes its report in well under a millisecond, and its node:fs, which nothing else on
  // the way to a first result needs, takes a few to load; Node's report takes several.
  if (process.versions.bun) {
    try {
      return !reportedGlibc();
    } catch {
      // no report: read ldd as on Node
    }
  }
  try {
    return process.getBuiltinModule('node:fs').readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch {
    // no ldd (distroless images): ask the runtime which libc it was loaded with
  }
  try {
    return !reportedGlibc();
  } catch {
    return false;
  }
}

/** The platform part of the addon's names, as napi-rs spells it (`linux-x64-gnu`, `darwin-arm64`, …). */
export function platformArchAbi(platform = process.platform, arch = process.arch, musl = platform === 'linux' && isMusl()) {
  if (platform === 'linux') {
    if (arch === 'arm') return `linux-arm-${musl ? 'musleabihf' : 'gnueabihf'}`;
    return `linux-${arch}-${musl ? 'musl' : 'gnu'}`;
  }
  // Windows addons are built with MinGW (x86_64-pc-windows-gnu), which napi-rs names `-gnu`.
  if (platform === 'win32') return `win32-${arch}-gnu`;
  if (platform === 'android' && arch === 'arm') return 'android-arm-eabi';
  return `${platform}-${arch}`;
}

/** This package's name, version and the platform packages it was published with. */
function ownManifest() {
  try {
    const { name, version, optionalDependencies } = require('./package.json');
    return { name, version, optionalDependencies: optionalDependencies ?? {} };
  } catch {
    return { name: 'neon-admin', version: undefined, optionalDependencies: {} };
  }
}

/** Whether `error` says that `specifier` itself (not something it needs) was not found. */
function notFound(error, specifier) {
  return error?.code === 'MODULE_NOT_FOUND' && String(error.message).includes(`'${specifier}`);
}

/** Requires the platform package, checking that its version is this package's own. */
function requirePlatformPackage(packageName, version) {
  let installed;
  try {
    installed = require(`${packageName}/package.json`).version;
  } catch (error) {
    if (notFound(error, packageName)) return { problem: 'is not installed', error };
    throw error;
  }
  if (version && installed !== version) {
    const problem = `is installed at version ${installed}, but this neon-admin needs exactly ${version}`;
    return { problem, error: new Error(`${packageName} ${problem}`) };
  }
  try {
    return { addon: require(packageName) };
  } catch (error) {
    return { problem: `is installed but could not be loaded (${firstLine(error)})`, error };
  }
}

const firstLine = (error) => String(error?.message).split('\n')[0];

/**
 * Loads the addon: the platform package first, then the local build in native/. Throws an Error
 * naming the package to install when neither loads: its first line says what is missing, the
 * second what to do, and its `cause` holds the underlying load errors.
 */
export function loadAddon() {
  const suffix = platformArchAbi();
  const own = ownManifest();
  const packageName = `${own.name}-${suffix}`;
  const wanted = own.version ? `${packageName}@${own.version}` : packageName;

  const fromPackage = requirePlatformPackage(packageName, own.version);
  if (fromPackage.addon) return fromPackage.addon;
  let fromLocal;
  try {
    return require(`./native/${own.name}.${suffix}.node`);
  } catch (error) {
    fromLocal = error;
  }

  const published = Object.keys(own.optionalDependencies).filter((dep) => dep.startsWith(`${own.name}-`));
  const first =
    published.length > 0 && !published.includes(packageName)
      ? `no native addon for ${suffix}: neon-admin ${own.version} publishes one only for ${published.map((p) => p.slice(own.name.length + 1)).join(', ')}`
      : `no native addon for ${suffix}: the package ${wanted} ${fromPackage.problem}`;
  const advice =
    `npm installs ${packageName} as an optional dependency of neon-admin on matching machines, ` +
    'unless optional dependencies are omitted (--omit=optional, --no-optional) or the lockfile was made on another platform; ' +
    `install it with \`npm install ${wanted}\`, or use the wasm backend (import 'neon-admin' without NEON_ADMIN_BACKEND=native).`;
  throw new Error(`${first}\n${advice}`, {
    cause: new AggregateError([fromPackage.error, fromLocal], `load errors: ${packageName}, then native/`),
  });
}

/** The addon's errors carry the JSON of an error record as their message. */
function fromAddon(error) {
  try {
    return toNeonError(JSON.parse(error.message));
  } catch {
    return error;
  }
}

/** Only the string values of an env object (Workers-style bindings may hold others). */
function strings(env) {
  const out = {};
  for (const key of Object.keys(env)) {
    const value = env[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/**
 * A backend client (backend-contract.mjs) over the addon's `NativeClient`. Starts the addon
 * building its first HTTP client on a thread of its own, which loads the system's certificates
 * while the import and the caller's code go on, instead of inside the first `new NeonAdmin()`.
 */
export function nativeClientClass(addon) {
  addon.prepareHttp?.();
  let nextId = 1;
  return class NativeBackedClient {
    #native;

    constructor(optionsJson, env, logger) {
      // The wasm core refuses browsers itself; the one browser that can load an addon is an
      // Electron renderer, refused here before any key is read.
      if (process.type === 'renderer') throw new NeonBrowserError({ message: BROWSER_MESSAGE });
      try {
        this.#native = new addon.NativeClient(optionsJson, env === undefined ? undefined : strings(env), logger);
      } catch (error) {
        throw fromAddon(error);
      }
    }

    get credentialSource() {
      return this.#native.credentialSource;
    }

    get credentialWarning() {
      return this.#native.credentialWarning ?? undefined;
    }

    get baseUrl() {
      return this.#native.baseUrl;
    }

    get requestsSent() {
      return this.#native.requestsSent;
    }

    get waitedMs() {
      return this.#native.waitedMs;
    }

    async run(op, targetJson, inputJson, timeoutMs, signal) {
      const id = signal ? (nextId = (nextId % 0x7fffffff) + 1) : undefined;
      const onAbort = () => this.#native.cancel(id);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await this.#native.run(op, targetJson, inputJson, timeoutMs, id);
      } catch (error) {
        throw fromAddon(error);
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    }
  };
}

/** The loader `defineNeonAdmin` takes, for the native backend's client class. */
export function nativeLoader(Client) {
  return { client: () => Client, ready: async () => {}, host: (env) => env };
}
