// A proxy in front of the simulator that loses answers on purpose. Armed with a fault, it lets
// the next write (any method but GET) reach the simulator, waits until the simulator has
// answered (so the write is committed), and then drops that answer instead of passing it on.
// Everything else, and every request once the fault is used up, is passed through unchanged.
//
//   const proxy = await startLossyProxy(sim.baseUrl);
//   proxy.arm('reset');                // the next write is committed, its answer lost
//   new NeonAdmin({ apiKey, baseUrl: proxy.baseUrl, env: {} });
//   await proxy.close();
//
// Faults (LOST_ANSWERS, in this order in the docs/reliability.md table):
//   'reset'          the connection is destroyed without an answer
//   'hang'           no answer; the socket is closed after `hangMs` (longer than the client's timeout)
//   500, 502, 504    that status with a JSON error body instead of the answer
//   'html-200'       a 200 with an HTML page (a captive portal, a misrouted load balancer)
//   'drop-before'    the request is never forwarded (nothing committed), the connection is reset

import { createServer, request as httpRequest } from 'node:http';
import { listenTracked } from './fault-server.mjs';

/** The faults of the reconciliation matrix. */
export const LOST_ANSWERS = ['reset', 'hang', 500, 502, 504, 'html-200', 'drop-before'];

/** How each fault is named in the docs/reliability.md table. */
export const FAULT_NAMES = {
  reset: 'reset after commit',
  hang: 'hang past timeout',
  500: '500',
  502: '502',
  504: '504',
  'html-200': 'HTML 200',
  'drop-before': 'dropped before forwarding',
};

/** Reads a request or answer body to the end. */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Sends one request to `target` and resolves to its whole answer. */
export function forward(target, req, body) {
  return new Promise((resolve, reject) => {
    const url = new URL(req.url, target);
    const headers = { ...req.headers, host: url.host, 'content-length': String(body.length) };
    const out = httpRequest(url, { method: req.method, headers }, (res) => {
      readBody(res).then((answer) => resolve({ status: res.statusCode, headers: res.headers, body: answer }), reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

/** Sends `answer` (from `forward`) on as it came, with its length. */
export function passOn(res, answer) {
  const { 'transfer-encoding': _te, connection: _c, ...headers } = answer.headers;
  res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
  res.end(answer.body);
}

/**
 * Starts the proxy on 127.0.0.1 in front of `targetBaseUrl` (the simulator's API base URL).
 * @returns {Promise<{ baseUrl: string, arm: (fault: any, options?: { times?: number, method?: string, onRequest?: () => Promise<void> }) => void, disarm: () => void, lost: () => number, close: () => Promise<void> }>}
 */
export async function startLossyProxy(targetBaseUrl, { hangMs = 1500 } = {}) {
  const target = new URL(targetBaseUrl);
  let rules = []; // { fault, times, method, onRequest }: the first one matching a write loses its answer
  let lost = 0;
  const sockets = new Set();
  const timers = new Set();

  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const rule = req.method === 'GET' ? undefined : rules.find((r) => r.times > 0 && (!r.method || r.method === req.method));
      const fault = rule ? rule.fault : null;
      if (rule) {
        rule.times -= 1;
        lost += 1;
        await rule.onRequest?.();
      }
      if (fault === 'drop-before') return req.socket.destroy();
      const answer = await forward(target, req, body);
      if (fault === null) return passOn(res, answer);
      if (fault === 'reset') return req.socket.destroy();
      if (fault === 'hang') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          req.socket.destroy();
        }, hangMs);
        timers.add(timer);
        return;
      }
      if (fault === 'html-200') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<!doctype html><html><body><h1>Welcome</h1></body></html>');
      }
      res.writeHead(fault, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: '', message: `the proxy answered ${fault} in place of the real answer` }));
    } catch (error) {
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`lossy proxy failed: ${error.message}`);
    }
  });
  const port = await listenTracked(server, sockets);
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    /**
     * Loses the answers of the next `times` writes (default 1; only `method` ones if given) with
     * `fault`, after the rules armed before it are used up for that method. `onRequest`, if
     * given, is awaited when such a write arrives, before it is forwarded or dropped: what it
     * does happens while the write is in flight (another caller's write, say).
     */
    arm(fault, { times = 1, method, onRequest } = {}) {
      rules.push({ fault, times, method, onRequest });
    },
    /** Forgets every armed fault. */
    disarm() {
      rules = [];
    },
    /** How many answers were lost so far. */
    lost: () => lost,
    close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
