// The native backend: loads the napi-rs addon built for this platform and wraps its
// `NativeClient` in the same shape as the wasm `WasmClient` (JSON text in and out, errors as
// records), so the one
// JS API drives either. Aborts reach the addon as `cancel(id)`.

import { createRequire } from 'node:module';
import { toNeonError } from './errors.mjs';

const require = createRequire(import.meta.url);

/** The addon file name for this platform, as `napi build --platform` names it. */
function addonName() {
  const { platform, arch } = process;
  const suffix = platform === 'linux' ? `linux-${arch}-gnu` : platform === 'win32' ? `win32-${arch}-msvc` : `${platform}-${arch}`;
  return `../native/neon-admin.${suffix}.node`;
}

/** Loads the addon; throws when it is not built for this platform. */
export function loadAddon() {
  return require(addonName());
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

/** A `WasmClient`-shaped class over the addon's `NativeClient`. */
export function nativeClientClass(addon) {
  let nextId = 1;
  return class NativeBackedClient {
    #native;

    constructor(optionsJson, env) {
      try {
        this.#native = new addon.NativeClient(optionsJson, env === undefined ? undefined : strings(env));
      } catch (error) {
        throw fromAddon(error);
      }
    }

    get credentialSource() {
      return this.#native.credentialSource;
    }

    get baseUrl() {
      return this.#native.baseUrl;
    }

    async call(op, targetJson, inputJson, timeoutMs, signal) {
      const id = signal ? (nextId = (nextId % 0x7fffffff) + 1) : undefined;
      const onAbort = () => this.#native.cancel(id);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await this.#native.call(op, targetJson, inputJson, timeoutMs, id);
      } catch (error) {
        throw fromAddon(error);
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    }
  };
}
