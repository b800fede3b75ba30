// A branch given by name is looked up in the core, in the same call as the operation (one
// crossing from JavaScript), and once per client: later calls, through any `branchAuth()` of that
// client, use the ID found. An ID (`br-…`) is never looked up. A name whose ID now answers 404 is
// looked up again, and the operation sent once more only when the name leads to another branch.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import NeonAdmin from '../../js/node.mjs';
import { BranchAuth } from '../../js/resources/branch-auth.mjs';
import { startAnsweringRecorder } from './support/recorder.mjs';

const PROJECT = 'proj-1';
/** The branch the name `main` leads to (changed by a test to model a branch made again). */
let mainId = 'br-main-000001';
let recorder;
const branch = (id, name) => ({ id, name, project_id: PROJECT, current_state: 'ready', default: false, protected: false, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' });

before(async () => {
  recorder = await startAnsweringRecorder((body, { method, path }) => {
    if (path.startsWith(`/projects/${PROJECT}/branches?`)) return { status: 200, body: { branches: [branch(mainId, 'main')] } };
    if (method === 'GET' && path === `/projects/${PROJECT}/branches/${mainId}/auth/domains`) return { status: 200, body: { domains: [] } };
    return { status: 404, body: { code: 'not_found', message: 'branch not found' } };
  });
});
after(() => recorder?.close());

const client = () => new NeonAdmin({ apiKey: 'napi_branch_id', baseUrl: recorder.baseUrl, env: {}, maxRetries: 0, rateLimit: false });
/** The paths of the requests `call` made. */
async function pathsOf(call) {
  const before = recorder.requests().length;
  await call();
  await recorder.settled();
  return recorder.requests().slice(before).map((r) => `${r.method} ${r.path.split('?')[0]}`);
}

test('BranchAuth hands the branch as given to the backend, in one operation per call', async () => {
  for (const branch of ['br-abc-123', 'main', 'Bad Name', 42]) {
    const ops = [];
    await new BranchAuth(async (name, target) => ops.push({ name, target }), PROJECT, branch).domains.list();
    assert.deepEqual(ops, [{ name: 'branchAuth.domains.list', target: { projectId: PROJECT, branch } }]);
  }
});

test('a name is looked up once per client, an ID never', async () => {
  const neon = client();
  const auth = `GET /projects/${PROJECT}/branches/br-main-000001/auth/domains`;
  assert.deepEqual(await pathsOf(() => neon.branchAuth(PROJECT, 'main').domains.list()), [`GET /projects/${PROJECT}/branches`, auth]);
  assert.deepEqual(await pathsOf(() => neon.branchAuth(PROJECT, 'main').domains.list()), [auth], 'a second branchAuth() of the client');
  assert.deepEqual(await pathsOf(() => neon.branchAuth(PROJECT, 'br-main-000001').domains.list()), [auth]);
  assert.equal(await neon.branchAuth(PROJECT, 'main').branchId(), 'br-main-000001');
  assert.deepEqual(await pathsOf(() => client().branchAuth(PROJECT, 'main').domains.list()), [`GET /projects/${PROJECT}/branches`, auth], 'another client looks up again');
});

test('a name whose branch was made again is looked up again after its 404, and the call sent to the new branch', async () => {
  const neon = client();
  await neon.branchAuth(PROJECT, 'main').domains.list();
  mainId = 'br-main-000002';
  try {
    const paths = await pathsOf(() => neon.branchAuth(PROJECT, 'main').domains.list());
    assert.deepEqual(paths, [
      `GET /projects/${PROJECT}/branches/br-main-000001/auth/domains`,
      `GET /projects/${PROJECT}/branches`,
      `GET /projects/${PROJECT}/branches/br-main-000002/auth/domains`,
    ]);
    // A 404 on a branch the name still leads to is the answer: nothing is sent twice.
    const gone = await pathsOf(() => neon.branchAuth(PROJECT, 'main').emailProvider.get().catch((e) => assert.equal(e.status, 404)));
    assert.deepEqual(gone, [`GET /projects/${PROJECT}/branches/br-main-000002/auth/email_provider`, `GET /projects/${PROJECT}/branches`]);
  } finally {
    mainId = 'br-main-000001';
  }
});

test('branchId() goes through the core, which checks timeoutMs, even for an ID', async () => {
  const neon = new NeonAdmin({ apiKey: 'k_test_123', baseUrl: 'http://127.0.0.1:9', maxRetries: 0, timeoutMs: 2000 });
  assert.equal(await neon.branchAuth(PROJECT, 'br-abc-123').branchId(), 'br-abc-123');
  for (const timeoutMs of ['1000', 1.5, -1, 3_600_001, null]) {
    await assert.rejects(neon.branchAuth(PROJECT, 'br-abc-123').branchId({ timeoutMs }), { name: 'NeonConfigError' }, String(timeoutMs));
  }
});
