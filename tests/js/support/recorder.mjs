// Test support: a recording reverse proxy on 127.0.0.1. A client pointed at its URL talks to the
// target server through it, and every request is recorded as it crossed the wire: method, path
// with query, body and the status the target answered. It sees whatever sends the requests (the
// wasm client's fetch, the native addon's own HTTP stack, a raw fetch), so tests that check what
// was sent hold on every backend.
//
// Request bodies are read whole before being forwarded (the tests' bodies are small); responses
// are streamed back. The proxy never closes an idle client connection (the client does), so a
// client that pools connections never sends a request on a connection being closed; each
// forwarded request uses a fresh connection to the target, for the same reason.

import { createServer, request as httpRequest } from 'node:http';
import { pipeline } from 'node:stream/promises';

// Headers that describe one connection, not the message (RFC 9110, section 7.6.1), plus Host.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

const endToEnd = (headers) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));

/**
 * Starts a recorder in front of `target` (an `http://host:port` origin) and resolves once it
 * listens.
 * @returns {Promise<{ baseUrl: string, requests(): Array<{ method: string, path: string,
 *   body: string | undefined, status: number | undefined, error: string | undefined }>,
 *   settled(): Promise<void>, close(): Promise<void> }>}
 *   `requests()` lists every request received so far, in arrival order: `path` is the request
 *   target as sent (path and query), `body` the request body as text (undefined when empty),
 *   `status` what the target answered (undefined until then, or when it could not be reached, with
 *   `error` saying why: the client then gets a 502). `settled()` waits until every request received
 *   so far has its answer or error.
 */
export async function startRecorder(target) {
  const upstream = new URL(target);
  if (upstream.protocol !== 'http:') throw new Error(`recorder: only http targets, not ${target}`);
  const records = [];
  const pending = new Set();

  const server = createServer((req, res) => {
    const record = { method: req.method, path: req.url, body: undefined, status: undefined, error: undefined };
    records.push(record);
    const done = forward(req, res, record).catch((error) => {
      record.error = String(error?.message ?? error);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`recorder: ${record.error}`);
    });
    pending.add(done);
    done.finally(() => pending.delete(done));
  });
  // No idle timeout on client connections: the client closes them (see above).
  server.keepAliveTimeout = 0;

  async function forward(req, res, record) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    if (body.length > 0) record.body = body.toString('utf8');

    const answer = await new Promise((resolve, reject) => {
      const out = httpRequest({
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...endToEnd(req.headers), host: upstream.host, 'content-length': String(body.length) },
        agent: false, // a fresh connection each time
      }, resolve);
      out.once('error', reject);
      out.end(body);
    });
    record.status = answer.statusCode;
    res.writeHead(answer.statusCode, endToEnd(answer.headers));
    await pipeline(answer, res);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });

  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    requests: () => records.map((r) => ({ ...r })),
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Starts a recorder in front of its own server on 127.0.0.1, which answers every request with
 * `answer(body, { method, path })`: `{ status, body }`, `body` sent as JSON (none when undefined).
 * @param {(requestBody: string, request: { method: string, path: string }) => { status: number, body?: unknown }} answer
 * @returns {Promise<Awaited<ReturnType<typeof startRecorder>>>} the recorder; `close()` stops both
 */
export async function startAnsweringRecorder(answer) {
  const target = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const { status, body } = answer(Buffer.concat(chunks).toString('utf8'), { method: req.method, path: req.url });
      if (body === undefined) {
        res.writeHead(status).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise((resolve) => target.listen(0, '127.0.0.1', resolve));
  const recorder = await startRecorder(`http://127.0.0.1:${target.address().port}`);
  return {
    ...recorder,
    async close() {
      await recorder.close();
      await new Promise((resolve) => target.close(resolve));
    },
  };
}
