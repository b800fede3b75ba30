// A proxy in front of the simulator that answers 500 to every request whose path contains
// `fragment` (one branch's ID, say) and forwards the rest, for "one branch fails" tests.

import { createServer } from 'node:http';

const FORWARDED = ['authorization', 'accept', 'content-type', 'x-request-id', 'user-agent'];

/** Starts the proxy; resolves to `{ baseUrl, close }`. */
export async function startFailingProxy(simBaseUrl, fragment) {
  const target = new URL(simBaseUrl);
  const proxy = createServer(async (req, res) => {
    if (req.url.includes(fragment)) {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":"","message":"injected failure"}');
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = Object.fromEntries(FORWARDED.filter((h) => req.headers[h]).map((h) => [h, req.headers[h]]));
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const answer = await fetch(new URL(req.url, target), { method: req.method, headers, body });
    const type = answer.headers.get('content-type');
    res.writeHead(answer.status, type ? { 'content-type': type } : {}).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${proxy.address().port}/api/v2`, close: () => proxy.close() };
}
