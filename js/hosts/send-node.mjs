// The wasm core's transport on Node: `node:http` / `node:https` with keep-alive agents. Node's
// `fetch` (undici) costs about 25 ms the first time it is used in a process and more per request
// than `node:http`; the measures are in docs/benchmarks.md. The behaviour is
// send-fetch.mjs's: redirects are not followed, the per-attempt timeout and the caller's
// AbortSignal end the real request, the body is read up to the size cap (compressed bodies
// included), and failures reject with `{ transport, message, status }`.

import { failed, headerRecord } from './send-fetch.mjs';

// One keep-alive agent per protocol, made on first use, so that a process that never speaks TLS
// never loads it (as Node's fetch does). Idle sockets are unref'd by the agent, so they never hold
// the process open.
const clients = {};
function client(protocol) {
  if (protocol !== 'http:' && protocol !== 'https:') return undefined;
  clients[protocol] ??= (() => {
    const module = process.getBuiltinModule(protocol === 'https:' ? 'node:https' : 'node:http');
    return { module, agent: new module.Agent({ keepAlive: true }) };
  })();
  return clients[protocol];
}

/** A decompressing stream for a `content-encoding` Node's HTTP client leaves as is, if any. */
function decoder(encoding) {
  const name = encoding?.trim().toLowerCase();
  if (!name || name === 'identity') return undefined;
  const zlib = process.getBuiltinModule('node:zlib');
  if (name === 'gzip' || name === 'x-gzip') return zlib.createGunzip();
  if (name === 'deflate') return zlib.createInflate();
  if (name === 'br') return zlib.createBrotliDecompress();
  return undefined;
}

const header = (value) => (Array.isArray(value) ? value.join(', ') : value);

/**
 * Reads one answer up to `maxBody` bytes (decompressing it if needed), then calls
 * `finish(error, answer)` once.
 */
function receive(response, request, maxBody, finish) {
  const status = response.statusCode;
  const h = response.headers;
  const declared = h['content-length'] === undefined ? undefined : Number(h['content-length']);
  const tooLarge = () => {
    request.destroy();
    finish(failed('too_large', 'too large', status));
  };
  if (declared > maxBody) return tooLarge();
  const unzip = decoder(h['content-encoding']);
  const stream = unzip ? response.pipe(unzip) : response;
  const chunks = [];
  let size = 0;
  stream.on('data', (chunk) => {
    size += chunk.length;
    if (size > maxBody) tooLarge();
    else chunks.push(chunk);
  });
  let ended = false;
  stream.on('end', () => {
    ended = true;
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
    finish(undefined, { status, retryAfter: header(h['retry-after']), retryAfterMs: header(h['retry-after-ms']), requestId: header(h['x-request-id']), date: header(h.date), body: all });
  });
  const broke = (error) => finish(failed('network', `the answer broke off (${error?.code ?? error?.message ?? 'aborted'})`, status));
  stream.on('error', broke);
  if (unzip) response.on('error', broke);
  response.on('close', () => {
    if (!ended && !unzip) broke();
  });
}

/**
 * Sends one attempt over `node:http(s)`: resolves to `{ status, retryAfter, retryAfterMs,
 * requestId, date, body }` or rejects with `{ transport, message, status }`, whatever it is given.
 */
export function sendNode(method, url, headers, body, timeoutMs, maxBody, signal) {
  return new Promise((resolve, reject) => {
    let target;
    try {
      target = new URL(url);
    } catch {
      reject(failed('network', 'invalid URL'));
      return;
    }
    const http = client(target.protocol);
    if (!http) {
      reject(failed('network', `unsupported protocol ${target.protocol}`));
      return;
    }
    let request;
    let timer;
    let why;
    let status;
    let settled = false;
    const finish = (error, answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (why) reject(failed(why, why));
      else if (error) reject(error);
      else resolve(answer);
    };
    const stop = (reason) => {
      why ??= reason;
      request?.destroy();
      finish();
    };
    const onAbort = () => stop('aborted');
    try {
      const head = headerRecord(headers);
      if (body) head['content-length'] = String(body.length);
      request = http.module.request(target, { method, headers: head, agent: http.agent }, (response) => {
        status = response.statusCode;
        receive(response, request, maxBody, finish);
      });
      request.on('error', (error) => finish(failed('network', error?.code ? `${error.code}: ${error.message}` : String(error?.message ?? 'the request failed'), status)));
      // Armed once the request exists, as both end it.
      timer = setTimeout(() => stop('timeout'), timeoutMs);
      signal?.addEventListener('abort', onAbort);
      if (signal?.aborted) stop('aborted');
      else request.end(body);
    } catch (error) {
      // Node refuses at once a method, header or body it cannot send; its message may quote a
      // header's value (the key), so only its code is kept.
      request?.destroy();
      finish(failed('network', `the request could not be made (${error?.code ?? error?.name ?? 'refused'}): check the options it was built from`));
    }
  });
}
