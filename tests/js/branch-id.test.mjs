// A branch given by ID (`br-…`) costs no trip through the backend: BranchAuth takes it as is. The
// rule for what counts as an ID must be the core's, so every case here is also resolved by the
// core (`branches(p).resolve()`, which answers an ID without a request and looks a name up).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import NeonAdmin from '../../js/node.mjs';
import { BranchAuth } from '../../js/branch-auth.mjs';

const PROJECT = 'proj-1';
const CASES = ['br-abc-123', 'br-', `br-${'a'.repeat(57)}`, `br-${'a'.repeat(58)}`, 'br-ABC', 'br-a_b', 'br-a b', 'main', 'dev-br-1', '', 'BR-abc'];

/**
 * The operations a BranchAuth sends to the backend for one `get()` (the branch lookup, if any,
 * then `auth.get`), and the branch ID `auth.get` was given.
 */
async function backendOps(projectId, branch) {
  const ops = [];
  let id;
  const run = async (op, target, input) => {
    ops.push(op);
    if (op === 'branches.resolve') return { id: 'br-looked-up' };
    id = target.branchId;
    return {};
  };
  await new BranchAuth(run, projectId, branch).get();
  return { ops: ops.filter((op) => op !== 'auth.get'), id };
}

test('a branch ID is taken as is, without a backend operation; a name is resolved', async () => {
  assert.deepEqual(await backendOps(PROJECT, 'br-abc-123'), { ops: [], id: 'br-abc-123' });
  assert.deepEqual(await backendOps(PROJECT, 'main'), { ops: ['branches.resolve'], id: 'br-looked-up' });
  // A project ID the core refuses still goes to the core, which names the field at fault.
  assert.deepEqual((await backendOps('Bad Project', 'br-abc-123')).ops, ['branches.resolve']);
});

test('branchId() goes through the core, which checks timeoutMs, even for an ID', async () => {
  const neon = new NeonAdmin({ apiKey: 'k_test_123', baseUrl: 'http://127.0.0.1:9', maxRetries: 0, timeoutMs: 2000 });
  assert.equal(await neon.branchAuth(PROJECT, 'br-abc-123').branchId(), 'br-abc-123');
  for (const timeoutMs of ['1000', 1.5, -1, 3_600_001, null]) {
    await assert.rejects(neon.branchAuth(PROJECT, 'br-abc-123').branchId({ timeoutMs }), { name: 'NeonConfigError' }, String(timeoutMs));
  }
});

test("what counts as a branch ID is the core's rule", async () => {
  // Nothing listens on port 9: a request fails, so only an ID resolves.
  const neon = new NeonAdmin({ apiKey: 'k_test_123', baseUrl: 'http://127.0.0.1:9', maxRetries: 0, timeoutMs: 2000 });
  for (const branch of CASES) {
    const core = await neon.branches(PROJECT).resolve(branch).then((id) => id === branch, () => false);
    const { ops } = await backendOps(PROJECT, branch);
    assert.equal(ops.length === 0, core, `${JSON.stringify(branch)}: core says ID ${core}`);
  }
});
