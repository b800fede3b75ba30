// A proxy in front of the simulator that proves calls overlap: it holds every request it receives
// until `hold` of them are open at once (received, not yet answered), then lets them all through,
// and every later one at once. It counts the most requests that were ever open together, so a
// test can assert concurrency on what the server saw rather than on its own bookkeeping. A client
// that never has `hold` requests open would wait forever: after `releaseAfterMs` the proxy lets
// the held ones through anyway, and the test's count assertions fail instead of hanging.
//
//   const proxy = await startHoldingProxy(sim.baseUrl, { hold: 200 });
//   new NeonAdmin({ apiKey, baseUrl: proxy.baseUrl, env: {} });
//   proxy.peak();  // the most requests open at once
//   await proxy.close();

import { createServer } from 'node:http';
import { listenTracked } from './fault-server.mjs';
import { forward, readBody } from './lossy-proxy.mjs';

/** Starts the proxy on 127.0.0.1 in front of `targetBaseUrl` (the simulator's API base URL). */
export async function startHoldingProxy(targetBaseUrl, { hold, releaseAfterMs = 60_000 }) {
  const target = new URL(targetBaseUrl);
  const sockets = new Set();
  let open = 0;
  let peak = 0;
  let releasedByCount = false;
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const timer = setTimeout(release, releaseAfterMs);

  const server = createServer(async (req, res) => {
    open += 1;
    peak = Math.max(peak, open);
    if (open >= hold && !releasedByCount) {
      releasedByCount = true;
      release();
    }
    try {
      const body = await readBody(req);
      await released;
      const answer = await forward(target, req, body);
      const { 'transfer-encoding': _te, connection: _c, ...headers } = answer.headers;
      res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
      res.end(answer.body);
    } catch (error) {
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`holding proxy failed: ${error.message}`);
    } finally {
      open -= 1;
    }
  });
  const port = await listenTracked(server, sockets);
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    /** The most requests that were open at once. */
    peak: () => peak,
    /** Whether the held requests went through because `hold` were open (not because time ran out). */
    releasedByCount: () => releasedByCount,
    close() {
      clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
