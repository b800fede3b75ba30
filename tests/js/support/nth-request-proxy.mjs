// A proxy in front of the simulator that fails one chosen request of a flow: the k-th request
// since the last `plan()` (or the k-th write, any method but GET), in one of the ways below.
// Every other request is passed through unchanged. It remembers the `X-Request-ID` of every
// request it saw, so a test can tell which revocations (`/__sim/minted`) a caller made.
//
//   const proxy = await startNthRequestProxy(sim.baseUrl, { holdMs: 1500 });
//   proxy.plan({ at: 3, failure: 'reset' });   // the 3rd request is committed, its answer lost
//   await flow(new NeonAdmin({ apiKey, baseUrl: proxy.baseUrl, env: {}, timeoutMs: 400 }));
//   proxy.seen();                              // requests since plan(), e.g. ['GET /api_keys', …]
//   proxy.requestIds();                        // their X-Request-IDs
//
// Failures (FAILURES, in the order of the docs table):
//   500, 400     the API refuses with that status; nothing is forwarded, so nothing is done
//   'reset'      forwarded (the API commits it), then the connection is destroyed without an answer
//   'timeout'    forwarded, then no answer until the client gives up (or `holdMs` passes)
//   'lost'       forwarded, then a gateway's 502 in place of the API's answer
//   'abort'      `onAbort()` is called (the caller aborts its signal) as the request arrives; the
//                request is not forwarded and gets no answer
//   'drop-before'  the request is never forwarded; the connection is reset
// `before` (async) runs as the chosen request arrives, before its failure: a second caller's
// whole flow, say.

import { createServer } from 'node:http';
import { listenTracked } from './fault-server.mjs';
import { forward, passOn, readBody } from './lossy-proxy.mjs';

/** The failures every flow is run with, at every request. */
export const FAILURES = [500, 400, 'reset', 'timeout', 'lost', 'abort'];

/** How each failure is named in test titles and in the docs table. */
export const FAILURE_NAMES = {
  500: 'error 500',
  400: 'error 400',
  reset: 'reset after commit',
  timeout: 'timeout after commit',
  lost: 'answer lost after commit',
  abort: 'signal aborted',
  'drop-before': 'never reached the API',
};

const COMMITTED = new Set(['reset', 'timeout', 'lost']);

function refuse(res, status) {
  const body = JSON.stringify({ code: '', message: `the proxy answered ${status} in place of the API` });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}

/**
 * Starts the proxy on 127.0.0.1 in front of `targetBaseUrl` (the simulator's API base URL).
 * @returns {Promise<{ baseUrl: string, plan: (plan?: { at: number, failure: any, writes?: boolean, onAbort?: () => void, before?: () => Promise<void> }) => void, seen: () => string[], requestIds: () => Set<string>, close: () => Promise<void> }>}
 */
export async function startNthRequestProxy(targetBaseUrl, { holdMs = 1500 } = {}) {
  const target = new URL(targetBaseUrl);
  const sockets = new Set();
  const timers = new Set();
  let current = null;
  let seen = [];
  let writes = 0;
  const ids = new Set();

  const hold = (req) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      req.socket.destroy();
    }, holdMs);
    timers.add(timer);
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = new URL(req.url, target).pathname.slice(target.pathname.replace(/\/$/, '').length);
    seen.push(`${req.method} ${path}`);
    if (req.method !== 'GET') writes += 1;
    if (req.headers['x-request-id']) ids.add(req.headers['x-request-id']);
    const plan = current;
    const chosen = plan !== null && (plan.writes ? req.method !== 'GET' && writes === plan.at : seen.length === plan.at);
    const failure = chosen ? plan.failure : null;
    try {
      if (chosen && plan.before) await plan.before();
      if (failure === 500 || failure === 400) return refuse(res, failure);
      if (failure === 'drop-before') return req.socket.destroy();
      if (failure === 'abort') {
        plan.onAbort();
        return hold(req);
      }
      const answer = await forward(target, req, body);
      if (failure === null) return passOn(res, answer);
      if (!COMMITTED.has(failure)) throw new Error(`unknown failure ${failure}`);
      if (failure === 'reset') return req.socket.destroy();
      if (failure === 'timeout') return hold(req);
      refuse(res, 502);
    } catch (error) {
      res.writeHead(599, { 'content-type': 'text/plain' }).end(`nth-request proxy failed: ${error.message}`);
    }
  });
  const port = await listenTracked(server, sockets);
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    /** Counts requests afresh and fails the `at`-th (the `at`-th write with `writes`); none without a plan. */
    plan(plan = null) {
      current = plan;
      seen = [];
      writes = 0;
      ids.clear();
    },
    /** The requests since the last plan, as `METHOD /path`. */
    seen: () => [...seen],
    /** The `X-Request-ID` of every request since the last plan. */
    requestIds: () => new Set(ids),
    close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
