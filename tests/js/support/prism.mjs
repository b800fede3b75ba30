// Test support: runs Stoplight Prism (`prism mock --errors`) on Neon's official OpenAPI spec
// (the one shipped in @neondatabase/api-client) behind a recorder (support/recorder.mjs), captures
// Prism's log and picks out what it reports about each request. Clients use the recorder's URL:
// the recorder notes exactly what was sent (method, path with query, body) and what Prism
// answered, whichever backend sends it; Prism's log says what breaks the spec. Prism picks a free
// port itself (`-p 0`) and prints it once listening.
//
// Prism's log (single-process mode, no colours when piped) looks like:
//   [10:17:35 PM] › [HTTP SERVER] post /api_keys ℹ  info      Request received
//   [10:17:35 PM] ›     [VALIDATOR] ✔  success   The request passed the validation rules. …
// and, for a request that breaks the spec:
//   [10:17:35 PM] ›     [VALIDATOR] ⚠  warning   Request did not pass the validation rules
//   [10:17:35 PM] ›     [VALIDATOR] ✖  error     Request body must have required property 'key_name'
//   [10:17:35 PM] ›     [VALIDATOR] ✖  error     Violation: request.body Request body must have …
// A request Prism cannot serve at all ends with "Request terminated with error: …".

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import { node24 } from '../../runtimes/install.mjs';
import { startRecorder } from './recorder.mjs';

const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

/** Path of Neon's OpenAPI spec inside node_modules. */
export const specPath = join(packageDir('@neondatabase/api-client'), 'public-v2-for-users.gen.yaml');

const prismDir = packageDir('@stoplight/prism-cli');
// Prism 5.16 wants Node >= 24.18: it runs on the project's Node 24, whatever Node runs the tests.
const prismBin = join(prismDir, JSON.parse(readFileSync(join(prismDir, 'package.json'), 'utf8')).bin.prism);

const STARTUP_TIMEOUT_MS = 60_000;
const SYNC_PREFIX = '/__prism_sync__/';
const ANSI = /\x1b\[[0-9;]*m/g;
const READY = /Prism is listening on (http:\/\/\S+)/;
const REQUEST = /\[HTTP SERVER\] ([a-z]+) (\S+) .*Request received/;
const VIOLATION = /\[VALIDATOR\] \S+\s+(?:error|warning)\s|Violation: |Request terminated with error/;

// Every Prism still running is killed when this process ends, whatever the reason.
const running = new Set();
const killAll = () => running.forEach((child) => child.kill('SIGKILL'));
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

/**
 * Starts Prism and resolves once it listens.
 * @param {{ errors?: boolean }} [options] `errors` (default true) runs Prism with `--errors`: a
 *   violation in the request, or in the answer Prism generated itself, then fails the call (422
 *   or 500). With `errors: false` a bad request still gets a 422, but a generated answer that
 *   breaks the spec is sent anyway and only logged (`Violation: response…`).
 * @returns {Promise<{ baseUrl: string, logs(): string[], observe(call): Promise<object>, stop(): Promise<void> }>}
 *   `baseUrl` is the recorder's: point clients (and raw fetches) there.
 */
export async function startPrism({ errors = true } = {}) {
  const flags = errors ? ['--errors'] : [];
  const child = spawn(node24, [prismBin, 'mock', '-h', '127.0.0.1', '-p', '0', ...flags, specPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    running.delete(child);
    resolve(signal ?? code);
  }));

  /** Each log line, with the request (`method path`) it was logged under, if any. */
  const entries = [];
  const listeners = new Set();
  let current = null;
  const onLine = (raw) => {
    const text = raw.replace(ANSI, '');
    const request = text.match(REQUEST);
    if (request) current = `${request[1]} ${request[2]}`;
    entries.push({ text, request: current });
    listeners.forEach((listener) => listener(text));
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);

  /** Resolves with the first match of `pattern` in a new line; rejects on timeout or exit. */
  const waitFor = (pattern, timeoutMs, what) => new Promise((resolve, reject) => {
    let settled = false;
    const done = (fn, value) => {
      if (settled) return;
      settled = true;
      listeners.delete(listener);
      clearTimeout(timer);
      fn(value);
    };
    const listener = (text) => { const m = text.match(pattern); if (m) done(resolve, m); };
    const fail = (why) => done(reject, new Error(`Prism: ${why} while waiting for ${what}\n--- log ---\n${logs().join('\n')}`));
    const timer = setTimeout(() => fail(`no answer after ${timeoutMs} ms`), timeoutMs);
    listeners.add(listener);
    exited.then((how) => fail(`exited (${how})`));
  });

  const logs = () => entries.map((e) => e.text);
  const own = (e) => !e.request?.startsWith(`get ${SYNC_PREFIX}`);

  let prismUrl;
  let recorder;
  try {
    [, prismUrl] = await waitFor(READY, STARTUP_TIMEOUT_MS, 'startup');
    recorder = await startRecorder(prismUrl);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  /** `method path` of each request Prism received, as it prints them (e.g. `post /api_keys`). */
  const logged = () => entries.filter((e) => own(e) && REQUEST.test(e.text)).map((e) => e.request);
  /** Log lines reporting that a request (or Prism's answer) broke the spec. */
  const violations = () => entries.filter((e) => own(e) && VIOLATION.test(e.text)).map((e) => e.text);

  let syncs = 0;
  /**
   * Waits until everything Prism logged for the requests answered so far has been read: sends a
   * marker request straight to Prism (not recorded) and waits for its log line (Prism writes its
   * log in order).
   */
  async function sync() {
    const path = `${SYNC_PREFIX}${++syncs}`;
    const seen = waitFor(new RegExp(`\\[HTTP SERVER\\] get ${path} `), 10_000, `marker ${path}`);
    await (await fetch(`${prismUrl}${path}`)).arrayBuffer();
    await seen;
  }

  const handle = {
    baseUrl: recorder.baseUrl,
    logs,
    /**
     * Runs `call` (which sends its requests to `baseUrl`) and returns its outcome with what
     * crossed the recorder meanwhile and what Prism reported about it:
     * `{ result, error, requests: [{ method, path, body, status, error }], violations }` (see
     * support/recorder.mjs for the request fields). Throws if Prism's log does not name exactly
     * the recorded requests, in order (the violations would then be attributed to the wrong call).
     */
    async observe(call) {
      const before = { recorded: recorder.requests().length, logged: logged().length, violations: violations().length };
      let result;
      let error;
      try {
        result = await call();
      } catch (thrown) {
        error = thrown;
      }
      await recorder.settled();
      await sync();
      const requests = recorder.requests().slice(before.recorded);
      const forwarded = requests.map((r) => `${r.method.toLowerCase()} ${r.path.split('?')[0]}`);
      const prismSaw = logged().slice(before.logged);
      if (!isDeepStrictEqual(prismSaw, forwarded)) {
        throw new Error(`Prism logged [${prismSaw.join(', ')}] but the recorder forwarded [${forwarded.join(', ')}]`);
      }
      return { result, error, requests, violations: violations().slice(before.violations) };
    },
    /** Stops the recorder and Prism (SIGTERM, then SIGKILL after 5 s). */
    async stop() {
      await recorder.close();
      if (!running.has(child)) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return handle;
}
