// The wasm core's transport on runtimes other than Node: the runtime's own `fetch`, redirects left
// unfollowed, the per-attempt timeout and the caller's AbortSignal both aborting the real request,
// and the body read up to the size cap. The contract is `useTransport`'s (src/bindings/wasm_transport.rs).

/** A rejection the core reads as a transport failure. */
export function failed(transport, message, status) {
  return { transport, message, status };
}

/** A network error's message and its cause's (no URL, no headers). */
function describe(error) {
  const cause = error?.cause?.message ?? error?.cause?.code;
  const message = typeof error?.message === 'string' ? error.message : 'the request failed';
  return cause ? `${message}: ${cause}` : message;
}

/** Reads the body up to `max` bytes, chunk by chunk unless its declared, uncompressed length fits. */
async function readBody(response, max) {
  const length = response.headers.get('content-length');
  const declared = length === null ? undefined : Number(length.trim());
  if (!response.body) return new Uint8Array(0);
  if (declared > max) {
    response.body.cancel().catch(() => {});
    throw failed('too_large', 'too large', response.status);
  }
  const encoding = response.headers.get('content-encoding');
  if (Number.isInteger(declared) && (encoding === null || encoding.trim().toLowerCase() === 'identity')) {
    return new Uint8Array(await response.arrayBuffer());
  }
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      reader.cancel().catch(() => {});
      throw failed('too_large', 'too large', response.status);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

/**
 * `{ signal, clear }`: a signal that aborts after `ms`, from `AbortSignal.timeout`, or from a timer
 * (which `clear` stops) where a runtime lacks it.
 */
function timeoutSignal(ms) {
  if (typeof AbortSignal.timeout === 'function') return { signal: AbortSignal.timeout(ms), clear() {} };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/**
 * Sends one attempt with `fetch`: resolves to `{ status, retryAfter, retryAfterMs, requestId, date, body }`
 * or rejects with `{ transport, message, status }`, whatever it is given.
 */
export async function sendFetch(method, url, headers, body, timeoutMs, maxBody, signal) {
  if (signal?.aborted) throw failed('aborted', 'aborted');
  let init;
  try {
    // Checked apart from the sending, as the runtime's message for a header value it refuses may
    // quote that value (the key): only the error's name is kept.
    new URL(url);
    init = { method, headers: new Headers(headerRecord(headers)), body, redirect: 'manual' };
  } catch (error) {
    throw failed('network', `the request could not be made (${error?.name ?? 'refused'}): check the options it was built from`);
  }
  const controller = new AbortController();
  init.signal = controller.signal;
  let why;
  const stop = (reason) => {
    why ??= reason;
    controller.abort();
  };
  const onAbort = () => stop('aborted');
  // The per-attempt timeout is a timeout signal, not setTimeout: Deno loads its timers on the first
  // setTimeout, 5-11 ms of a process's first request (AbortSignal.timeout: under 0.4 ms). Its timer
  // does not keep the process alive and is let run out after the attempt.
  const timeout = timeoutSignal(timeoutMs);
  const onTimeout = () => stop('timeout');
  let status;
  try {
    signal?.addEventListener('abort', onAbort);
    timeout.signal.addEventListener('abort', onTimeout);
    const response = await fetch(url, init);
    status = response.status;
    const h = response.headers;
    const answer = { status, retryAfter: h.get('retry-after') ?? undefined, retryAfterMs: h.get('retry-after-ms') ?? undefined, requestId: h.get('x-request-id') ?? undefined, date: h.get('date') ?? undefined };
    // An answer read whole is returned even if the signal fired meanwhile: it may carry a secret
    // the API shows once, and the write it answers is done.
    answer.body = await readBody(response, maxBody);
    return answer;
  } catch (error) {
    if (why) throw failed(why, why);
    if (error?.transport === 'too_large') throw error;
    throw failed('network', describe(error), status);
  } finally {
    timeout.clear();
    timeout.signal.removeEventListener('abort', onTimeout);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The core's `[name, value, name, value, …]` as a header record, for `fetch` and `node:http`. */
export function headerRecord(flat) {
  const record = {};
  for (let i = 0; i < flat.length; i += 2) record[flat[i]] = flat[i + 1];
  return record;
}
