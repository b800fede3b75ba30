// An in-process HTTP server that plays the Neon API badly on purpose. Tests script, per route, the
// sequence of answers (faults) the next requests get, and read back how many requests arrived and
// what they carried (headers, body, arrival time).
//
//   const server = await startFaultServer();
//   server.script('POST', '/api_keys', ['reset-after-body', 'ok']);
//   new NeonAdmin({ apiKey, baseUrl: server.baseUrl, env: {} });
//   server.count('POST', '/api_keys');   // requests that reached that route
//   await server.close();
//
// Paths are given below the API base (`/api_keys`, not `/api/v2/api_keys`). Each request takes the
// next entry of its route's list; the last entry repeats. Unscripted routes answer 'ok'.
//
// Faults:
//   'ok'                         the route's normal answer (realistic bodies, see okAnswer)
//   { status, retryAfter?, body?, headers? }
//                                that status; JSON GeneralError body unless `body` is given (an
//                                object is sent as JSON, a string as is). `retryAfter` is a number
//                                of seconds, a string, a Date (sent as an HTTP date) or a function
//                                called at answer time returning one of those.
//   { delay: ms }                the normal answer, after ms
//   'reset-before-body'          destroys the socket at once: body unread, no answer
//   'reset-after-body'           reads the whole body (the server did the work), then destroys the
//                                socket without answering
//   { hang: ms }                 reads the body, answers nothing, closes the socket after ms (the
//                                request's `hungUpAt` says when; undefined while it is held)
//   'html' | { html: status }    an HTML page with that status (default 200), text/html
//   'truncated-json'             200, Content-Length larger than what is sent; the socket is closed
//                                mid-body
//   { redirect: status, location }
//                                a 3xx pointing at another path of this server (`location` is a
//                                path below the API base, made absolute)
//   { oversized: bytes, contentLength: bool }
//                                200 with a JSON array of `bytes` bytes, streamed with or without
//                                Content-Length

import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';

/** The API base path the client is given. */
export const API_PREFIX = '/api/v2';

const CREATOR = { id: '3f2c8a9e-6b1d-4c7e-9a0f-5d8e2b4c6a1f', name: 'Ada Lovelace', image: 'https://avatars.example.com/u/ada.png' };
const CREATED_AT = '2025-11-03T09:14:27Z';

/** A listed key (`ApiKeysListResponseItem`). */
export function listedKey(id, name) {
  return { id, name, created_at: CREATED_AT, created_by: CREATOR, last_used_at: '2025-11-20T17:02:11Z', last_used_from_addr: '203.0.113.7' };
}

/** The e-mail and password settings the PATCH route starts from. */
const EMAIL_AND_PASSWORD = {
  enabled: false,
  email_verification_method: 'link',
  require_email_verification: true,
  auto_sign_in_after_verification: true,
  send_verification_email_on_sign_up: true,
  send_verification_email_on_sign_in: false,
  disable_sign_up: false,
};

const EMAIL_AND_PASSWORD_PATH = /^\/projects\/[^/]+\/branches\/[^/]+\/auth\/email_and_password$/;

/** The normal answer of a route: `[status, body]`. */
export function okAnswer(method, path, requestBody) {
  let input = {};
  try {
    input = requestBody ? JSON.parse(requestBody) : {};
  } catch {
    input = {};
  }
  if (method === 'GET' && path === '/api_keys') {
    return [200, [listedKey(7, 'ci-deploy'), listedKey(9, 'preview-bot')]];
  }
  if (method === 'POST' && path === '/api_keys') {
    const name = typeof input.key_name === 'string' ? input.key_name : 'unnamed';
    return [200, { id: 8, key: randomBytes(32).toString('hex'), name, created_at: CREATED_AT, created_by: CREATOR.id }];
  }
  const revoke = method === 'DELETE' && /^\/api_keys\/(\d+)$/.exec(path);
  if (revoke) {
    const { created_by, ...rest } = listedKey(Number(revoke[1]), 'ci-deploy');
    return [200, { ...rest, created_by: created_by.id, revoked: true }];
  }
  if (method === 'GET' && path === '/auth') {
    return [200, { account_id: CREATOR.id, auth_method: 'api_key_user', auth_data: 'fault-server' }];
  }
  if ((method === 'PATCH' || method === 'GET') && EMAIL_AND_PASSWORD_PATH.test(path)) {
    return [200, { ...EMAIL_AND_PASSWORD, ...(method === 'PATCH' ? input : {}) }];
  }
  return [404, { code: '', message: `the fault server has no ${method} ${path}` }];
}

const CODES = { 400: 'BAD_REQUEST', 401: '', 404: 'NOT_FOUND', 408: 'REQUEST_TIMEOUT', 423: 'RESOURCE_LOCKED', 429: 'TOO_MANY_REQUESTS', 500: 'INTERNAL_ERROR', 502: 'BAD_GATEWAY', 503: 'SERVICE_UNAVAILABLE', 504: 'GATEWAY_TIMEOUT' };

const routeKey = (method, path) => `${method.toUpperCase()} ${path}`;

/** Reads a request body to the end, as text. */
function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function retryAfterValue(value) {
  const v = typeof value === 'function' ? value() : value;
  return v instanceof Date ? v.toUTCString() : String(v);
}

/** An HTTP date `seconds` ahead of now, rounded up so the wait is at least `seconds`. */
export function httpDateIn(seconds) {
  return new Date(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000);
}

/** Listens on 127.0.0.1 and a free port, keeping the open sockets in `sockets`; resolves to the port. */
export async function listenTracked(server, sockets) {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address().port;
}

/** Starts a fault server on 127.0.0.1 and a free port. */
export async function startFaultServer() {
  const scripts = new Map(); // route -> { faults, next }
  const log = []; // every request: { method, path, headers, body, at, fault, hungUpAt? }
  const timers = new Set();
  const sockets = new Set();

  const later = (ms, fn) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  function nextFault(method, path) {
    const entry = scripts.get(routeKey(method, path));
    if (!entry) return 'ok';
    const fault = entry.faults[Math.min(entry.next, entry.faults.length - 1)];
    entry.next += 1;
    return fault;
  }

  function sendJson(req, res, status, body, extraHeaders = {}) {
    if (res.destroyed || res.writableEnded) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-request-id': req.headers['x-request-id'] ?? randomUUID(),
      ...extraHeaders,
    });
    res.end(text);
  }

  async function streamOversized(req, res, fault, entry) {
    const item = JSON.stringify(listedKey(7, 'x'.repeat(100)));
    const total = fault.oversized;
    // `[` item (`,` item)* padding `]`, exactly `total` bytes.
    const perItem = item.length + 1;
    const count = Math.floor((total - 2) / perItem);
    const headers = { 'content-type': 'application/json', 'x-request-id': req.headers['x-request-id'] ?? randomUUID() };
    if (fault.contentLength) headers['content-length'] = total;
    res.writeHead(200, headers);
    let sent = 0;
    const closed = new Promise((resolve) => res.on('close', resolve));
    const write = async (text) => {
      if (res.destroyed) return false;
      sent += Buffer.byteLength(text);
      entry.sentBytes = sent;
      if (!res.write(text)) {
        await Promise.race([new Promise((resolve) => res.once('drain', resolve)), closed]);
      }
      return !res.destroyed;
    };
    let chunk = '';
    const batch = 256;
    if (!(await write('['))) return;
    for (let i = 0; i < count; i += 1) {
      chunk += (i === 0 ? '' : ',') + item;
      if ((i + 1) % batch === 0) {
        if (!(await write(chunk))) return;
        chunk = '';
      }
    }
    const used = 2 + count * item.length + Math.max(0, count - 1);
    chunk += ' '.repeat(Math.max(0, total - used)) + ']';
    if (!(await write(chunk))) return;
    res.end();
    entry.sentBytes = sent;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname;
    const method = req.method.toUpperCase();
    const fault = nextFault(method, path);
    const entry = { method, path, headers: { ...req.headers }, body: null, at: Date.now(), fault };
    log.push(entry);

    if (fault === 'reset-before-body') {
      req.socket.destroy();
      return;
    }
    entry.body = await readBody(req);
    if (fault === 'reset-after-body') {
      req.socket.destroy();
      return;
    }
    if (fault && typeof fault === 'object' && 'hang' in fault) {
      later(fault.hang, () => {
        entry.hungUpAt = Date.now();
        req.socket.destroy();
      });
      return;
    }
    if (fault === 'ok') {
      const [status, body] = okAnswer(method, path, entry.body);
      sendJson(req, res, status, body);
      return;
    }
    if (fault && typeof fault === 'object' && 'delay' in fault) {
      later(fault.delay, () => {
        const [status, body] = okAnswer(method, path, entry.body);
        sendJson(req, res, status, body);
      });
      return;
    }
    if (fault === 'html' || (fault && typeof fault === 'object' && 'html' in fault)) {
      const status = fault === 'html' ? 200 : fault.html;
      const page = `<!DOCTYPE html>\n<html><head><title>${status}</title></head><body><h1>${status}</h1><p>The upstream is having a moment.</p></body></html>\n`;
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
      res.end(page);
      return;
    }
    if (fault === 'truncated-json') {
      const [, body] = okAnswer(method, path, entry.body);
      const text = JSON.stringify(body);
      const part = text.slice(0, Math.floor(text.length / 2));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) + 64 });
      res.write(part, () => {
        // Half-close after the partial body; make sure the socket goes away even if the client
        // keeps its side open.
        req.socket.end();
        later(200, () => req.socket.destroy());
      });
      return;
    }
    if (fault && typeof fault === 'object' && 'redirect' in fault) {
      const port = server.address().port;
      res.writeHead(fault.redirect, { location: `http://127.0.0.1:${port}${API_PREFIX}${fault.location}`, 'content-length': 0 });
      res.end();
      return;
    }
    if (fault && typeof fault === 'object' && 'oversized' in fault) {
      await streamOversized(req, res, fault, entry);
      return;
    }
    if (fault && typeof fault === 'object' && 'status' in fault) {
      const headers = { ...(fault.headers ?? {}) };
      if (fault.retryAfter !== undefined) headers['retry-after'] = retryAfterValue(fault.retryAfter);
      const requestId = req.headers['x-request-id'] ?? randomUUID();
      const body = fault.body ?? { code: CODES[fault.status] ?? '', message: `scripted ${fault.status}`, request_id: requestId };
      if (typeof body === 'string') {
        res.writeHead(fault.status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), ...headers });
        res.end(body);
      } else {
        sendJson(req, res, fault.status, body, headers);
      }
      return;
    }
    throw new Error(`fault server: unknown fault ${JSON.stringify(fault)}`);
  });
  const port = await listenTracked(server, sockets);

  return {
    port,
    /** The base URL to give the client. */
    baseUrl: `http://127.0.0.1:${port}${API_PREFIX}`,
    /** Sets the answers of METHOD path: each request takes the next; the last one repeats. */
    script(method, path, faults) {
      if (!Array.isArray(faults) || faults.length === 0) throw new Error('script needs a non-empty list of faults');
      scripts.set(routeKey(method, path), { faults: [...faults], next: 0 });
    },
    /** Requests received by METHOD path (or by every route without arguments). */
    count(method, path) {
      return this.requests(method, path).length;
    },
    /** The requests received by METHOD path (or all), oldest first. */
    requests(method, path) {
      if (method === undefined) return [...log];
      return log.filter((r) => r.method === method.toUpperCase() && r.path === path);
    },
    /** Forgets scripts and counts. */
    reset() {
      scripts.clear();
      log.length = 0;
    },
    /** Stops the server and drops every open connection (hanging ones included). */
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
