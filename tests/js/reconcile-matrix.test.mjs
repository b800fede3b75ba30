// Writes that survive lost answers: every write of the public API × every way of losing its
// answer (tests/js/support/lossy-proxy.mjs in front of the simulator). Each case checks what the
// call returned, the final state at the simulator, and exactly how many writes the simulator
// received. The results go to .tmp/reconcile.json, and the last test checks that docs/reliability.md's
// reconciliation table is the one this run produced (`node scripts/reliability-table.mjs --write`).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import NeonAdmin from '../../js/node.mjs';
import { startSimulator } from '../../scripts/simulator.mjs';
import { FAULT_NAMES, LOST_ANSWERS, startLossyProxy } from './support/lossy-proxy.mjs';
import { ALPHA, AUTH_BRANCH, ORG_KEY_LINGER_MS, WRITES, tokenWorks as tokenWorksWith } from './support/reconcile-writes.mjs';
import { errorTexts } from './support/leaks.mjs';
import { DOC_PATH, MATRIX_RESULTS_PATH, checkMatrixDoc } from '../../scripts/reliability-table.mjs';

const TIMEOUT_MS = 400;
/** Text the errors must never contain: the secrets and e-mail addresses the writes send. */
const NEVER_SHOWN = ['gh-secret-do-not-print', 'smtp-pass-do-not-print', '@example.com'];

let sim;
let neon;
let proxy;
let lossy;
const rows = [];
/** A client of the simulator itself (no proxy) with `apiKey`. */
const client = (apiKey) => new NeonAdmin({ apiKey, baseUrl: sim.baseUrl, env: {} });

before(async () => {
  sim = await startSimulator({ args: ['--org-key-linger-ms', String(ORG_KEY_LINGER_MS)] });
  neon = client(sim.seedKey);
  proxy = await startLossyProxy(sim.baseUrl, { hangMs: TIMEOUT_MS * 3 });
  lossy = new NeonAdmin({ apiKey: sim.seedKey, baseUrl: proxy.baseUrl, env: {}, timeoutMs: TIMEOUT_MS });
  await neon.branchAuth(ALPHA, AUTH_BRANCH).enable();
});
after(async () => {
  await proxy?.close();
  sim?.stop();
});

const tokenWorks = (token) => tokenWorksWith(client, token);

const writesReceived = async () => (await sim.requests()).filter((r) => r.method !== 'GET').length;

/** What a call did, as the docs table shows it. */
function outcomeText(outcome, expect) {
  if (outcome.error) {
    const e = outcome.error;
    if (expect.unknown && !e.reconciled) return `${e.name}: outcome unknown`;
    return `${e.name} ${e.code || ''}`.trim() + (e.reconciled ? ` (${e.reconciled})` : '');
  }
  return outcome.value?.reconciled ?? 'resolved, nothing reconciled';
}

function expectedText(expect) {
  if (expect.unknown) return 'a rejection: outcome unknown';
  if (expect.code) return `a rejection ${expect.code} (${expect.reconciled})`;
  return expect.reconciled;
}

for (const write of WRITES) {
  for (const fault of LOST_ANSWERS) {
    test(`${write.label} × ${FAULT_NAMES[fault]}`, async () => {
      const ctx = await write.setup(neon);
      await sim.resetLog();
      proxy.disarm();
      proxy.arm(fault);
      const outcome = await write.act(lossy, ctx).then(
        (value) => ({ value }),
        (error) => ({ error }),
      );
      const expect = write.expect(fault);
      const writes = await writesReceived();
      const row = { write: write.label, fault: FAULT_NAMES[fault], outcome: outcomeText(outcome, expect), writes, expected: expectedText(expect), expectedWrites: expect.writes };
      rows.push(row);
      try {
        if (outcome.error) {
          for (const text of errorTexts(outcome.error)) for (const secret of NEVER_SHOWN) assert.ok(!String(text).includes(secret), `no secret or e-mail in: ${text}`);
        }
        if (expect.unknown) {
          assert.ok(outcome.error, 'rejects');
          assert.equal(outcome.error.reconciled, undefined);
          assert.match(outcome.error.message, /may or may not have been applied/);
        } else if (expect.code) {
          assert.ok(outcome.error, 'rejects');
          assert.equal(outcome.error.code, expect.code, outcome.error.message);
          assert.equal(outcome.error.reconciled, expect.reconciled);
        } else {
          assert.equal(outcome.error, undefined, outcome.error?.message);
          assert.equal(outcome.value.reconciled, expect.reconciled);
        }
        assert.equal(writes, expect.writes, 'writes the simulator received');
        row.state = await write.state(neon, ctx, outcome.value, tokenWorks);
        row.pass = true;
      } catch (error) {
        row.pass = false;
        throw error;
      }
    });
  }
}

test('the docs/reliability.md reconciliation table is this run\'s', () => {
  assert.equal(rows.length, WRITES.length * LOST_ANSWERS.length);
  mkdirSync(dirname(MATRIX_RESULTS_PATH), { recursive: true });
  writeFileSync(MATRIX_RESULTS_PATH, JSON.stringify({ rows }, null, 2));
  const { ok, actual } = checkMatrixDoc(rows, readFileSync(DOC_PATH, 'utf8'));
  assert.notEqual(actual, null, 'docs/reliability.md has the <!-- reconcile:start --> … <!-- reconcile:end --> markers');
  assert.ok(ok, 'the docs/reliability.md table is stale: run `node scripts/reliability-table.mjs --write` (from this run\'s .tmp/reconcile.json)');
});
