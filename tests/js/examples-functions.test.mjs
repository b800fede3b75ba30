// The deploy-target examples that serve HTTP (examples/cloudflare-worker, vercel, aws-lambda),
// each run as its platform would run it, from the packed package, against the simulator: the
// Worker in workerd, the Edge Function in Edge Runtime, the Node function (also Netlify's) and the
// Lambda handler on Node 20 and Node 24. On a branch whose Neon Auth is off, a call is refused
// with 409 and enables nothing (its keys would be shown to a hook with nowhere safe to keep them);
// once it is on, a first call makes it trust the preview URL, a second changes nothing, and a
// wrong hook secret is refused.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import NeonAdmin from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { installExample, node24 } from '../runtimes/install.mjs';

const workerdRunner = fileURLToPath(new URL('../runtimes/workerd-run.mjs', import.meta.url));
const edgeRunner = fileURLToPath(new URL('../runtimes/edge-run.mjs', import.meta.url));
const HOOK_SECRET = 'hook-secret-for-tests';
const bindings = { NEON_PROJECT_ID: 'proj-sim-alpha', HOOK_SECRET };

let sim;
before(async () => {
  sim = await startSimulator();
});
after(() => sim.stop());

/** The deploy hook's request for a branch; `secret` is the bearer token it sends. */
const hookRequest = (branch, secret = HOOK_SECRET) => ({
  method: 'POST',
  headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
  body: JSON.stringify({ branch, previewUrl: `https://${branch.split('/').pop()}.preview.example.com` }),
});

/** `<status> <body>` as printed by the runners, parsed. */
function parseAnswer(printed) {
  const [first] = printed.split('\n');
  const space = first.indexOf(' ');
  return { status: Number(first.slice(0, space)), body: first.slice(space + 1) };
}

/**
 * Checks a call while Neon Auth is off, then (enabled the way the docs say, where its keys are
 * kept) a first call, a second call and a refused call of one example, against `target`.
 */
async function assertHook(call, branch, target = sim) {
  const mintedBefore = (await target.minted()).length;
  const off = await call(hookRequest(branch));
  assert.equal(off.status, 409, off.body);
  assert.equal(JSON.parse(off.body).error, 'neon_auth_off');
  assert.equal((await target.minted()).length, mintedBefore, 'the refused call enabled nothing');
  await new NeonAdmin({ apiKey: target.seedKey, baseUrl: target.baseUrl, env: {} }).branchAuth('proj-sim-alpha', branch).enable();
  const first = await call(hookRequest(branch));
  assert.equal(first.status, 200, first.body);
  const answer = JSON.parse(first.body);
  assert.match(answer.branchId, /^br-/);
  assert.match(answer.jwksUrl, /^https:\/\/.+\/\.well-known\/jwks\.json$/);
  assert.deepEqual(answer.changes, ['add trustedDomains']);
  const second = await call(hookRequest(branch));
  assert.equal(second.status, 200, second.body);
  assert.deepEqual(JSON.parse(second.body).changes, [], 'a second call changes nothing');
  const refused = await call(hookRequest(branch, 'wrong'));
  assert.equal(refused.status, 401);
  assert.ok(!refused.body.includes(sim.seedKey));
}

test('Cloudflare Worker (examples/cloudflare-worker) in workerd', async () => {
  const app = installExample('cloudflare-worker');
  const worker = join(app, 'cloudflare-worker/src/index.mjs');
  const call = (request) =>
    parseAnswer(execFileSync(node24, [workerdRunner, app, sim.baseUrl, sim.seedKey, worker, JSON.stringify({ ...request, bindings })], { encoding: 'utf8', timeout: 120_000 }));
  await assertHook(call, 'preview/feature-a');
});

test('Vercel Edge Function (examples/vercel/api/preview-auth-edge.mjs) in Edge Runtime', async () => {
  const app = installExample('vercel');
  const handler = join(app, 'vercel/api/preview-auth-edge.mjs');
  const call = (request) =>
    parseAnswer(execFileSync(process.execPath, [edgeRunner, app, sim.baseUrl, sim.seedKey, 'edge-realm', handler, JSON.stringify({ ...request, bindings })], { encoding: 'utf8', timeout: 120_000 }));
  await assertHook(call, 'preview/feature-b');
});

/** Runs `source` (an ES module body) in `app` with `node`; resolves to what it printed. */
function runNode(node, app, source, env) {
  return execFileSync(node, ['--input-type=module', '-e', source], {
    cwd: app,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH, NEON_API_HOST: sim.baseUrl, NEON_API_KEY: sim.seedKey, ...bindings, ...env },
  });
}

test('Vercel Node.js Function, also the Netlify Function (examples/vercel/api/preview-auth.mjs), on Node', async () => {
  const app = installExample('vercel');
  const call = async (request) =>
    JSON.parse(
      runNode(process.execPath, app, `
        import netlify from './vercel/netlify/functions/preview-auth.mjs';
        import { POST } from './vercel/api/preview-auth.mjs';
        if (netlify !== POST) throw new Error('the Netlify function is not the Vercel one');
        const request = JSON.parse(process.env.HOOK_REQUEST);
        const response = await POST(new Request('http://localhost/api/preview-auth', request));
        console.log(JSON.stringify({ status: response.status, body: await response.text() }));`, { HOOK_REQUEST: JSON.stringify(request) }),
    );
  await assertHook(call, 'main');
});

// Node 20 is the machine's Node (the one running the tests; the CI image's is 20), Node 24 the npm
// package node@24 of tests/runtimes: each invocation checks the major version it ran on, so a
// machine with another Node fails here rather than testing a third version under this name.
for (const [label, node, major] of [['Node 20', process.execPath, '20'], ['Node 24', node24, '24']]) {
  test(`AWS Lambda handler (examples/aws-lambda) through an invoke harness, ${label}`, async () => {
    const app = installExample('aws-lambda');
    const branch = 'preview/feature-a';
    const fresh = await startSimulator();
    try {
      const invoke = (request) => {
        // A Lambda function URL / HTTP API (payload 2.0) event, body base64 as it often arrives.
        const event = {
          version: '2.0',
          rawPath: '/',
          headers: request.headers,
          requestContext: { http: { method: request.method, path: '/' } },
          body: Buffer.from(request.body).toString('base64'),
          isBase64Encoded: true,
        };
        const printed = runNode(node, app, `
          const { handler } = await import('./aws-lambda/index.mjs');
          const results = [];
          for (const event of JSON.parse(process.env.EVENTS)) results.push(await handler(event));
          console.log(JSON.stringify({ node: process.versions.node, results }));`, { EVENTS: JSON.stringify([event]), NEON_API_HOST: fresh.baseUrl, NEON_API_KEY: fresh.seedKey });
        const { node: version, results } = JSON.parse(printed);
        assert.equal(version.split('.')[0], major);
        return { status: results[0].statusCode, body: results[0].body };
      };
      await assertHook(invoke, branch, fresh);
    } finally {
      fresh.stop();
    }
  });
}
