// Secrets as the spec marks them. The pinned spec's `x-sensitive` marks (and OAuth client
// secrets, unmarked but secret) are read for every operation neon-admin calls (the routes of
// support/sdk-cases.mjs). Every marked result field must be redacted when the result is inspected,
// yet kept in the value and in JSON; every marked input must never appear in an error, whether
// neon-admin refuses the input or the API answers with an error that repeats it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import NeonAdmin, { NeonApiError, NeonConfigError } from '../../js/node.mjs';
import { neon } from './support/simulated.mjs';
import { startAnsweringRecorder } from './support/recorder.mjs';
import { cases } from './support/sdk-cases.mjs';
import { sensitiveInputFields, sensitiveResultFields, specOperation } from './support/spec-sensitive.mjs';

const ALPHA = 'proj-sim-alpha';
const BRANCH = 'br-preview-a-0001';
const ORG = 'org-sim-000001';
/** Operations of the newer contract only, which the pinned 2.7.3 spec does not have. */
const NEWER_ONLY = new Set([
  'branchAuth.emailProvider.test',
  'credentials.list',
  'credentials.create',
  'credentials.reveal',
  'credentials.rotate',
  'credentials.revoke',
]);

/**
 * The newer contract marks nothing `x-sensitive`; what it shows once is secret all the same (a
 * credential's bearer and S3 secret, "returned exactly once"), marked here as the spec would.
 */
const shownOnce = (...fields) => ({ results: fields.map((f) => ({ path: [f] })), inputs: [] });
const NEWER_MARKS = {
  'credentials.create': shownOnce('api_token', 's3_secret_access_key'),
  'credentials.reveal': shownOnce('api_token', 's3_secret_access_key'),
  'credentials.rotate': shownOnce('api_token', 's3_secret_access_key'),
};

/** Operation name → its marked result fields and marked input fields, from the spec. */
const marks = new Map();
for (const c of cases) {
  const op = c.name.split(' (')[0];
  const operation = specOperation(c.route);
  if (!operation) {
    assert.ok(NEWER_ONLY.has(op), `${c.route} is not in the pinned spec`);
    if (NEWER_MARKS[op]) marks.set(op, NEWER_MARKS[op]);
    continue;
  }
  marks.set(op, { results: sensitiveResultFields(operation), inputs: sensitiveInputFields(operation) });
}
const opsWith = (kind) => [...marks].filter(([, m]) => m[kind].length > 0).map(([op]) => op);

// A second server, on 127.0.0.1: it answers every request with an error repeating the request's
// body (as an API message might quote a value back), or with `canned` when that is set.
let canned;
let recorder;
let echoClient;
before(async () => {
  recorder = await startAnsweringRecorder((body) =>
    canned ? { status: 200, body: canned } : { status: 409, body: { code: 'conflict', message: `conflict with ${body}` } });
  echoClient = new NeonAdmin({ apiKey: 'napi_sensitive', baseUrl: recorder.baseUrl, env: {}, maxRetries: 0 });
});
after(() => recorder?.close());

/** The operation's result for the spec-shaped answer of its differential case (support/sdk-cases.mjs). */
async function cannedResult(op) {
  const { answer, admin } = cases.find((c) => c.name.split(' (')[0] === op);
  canned = answer;
  try {
    return await admin(echoClient);
  } finally {
    canned = undefined;
  }
}

const auth = () => neon.branchAuth(ALPHA, BRANCH);
const smtpSettings = { host: 'smtp.sensitive.example', port: 587, username: 'mailer-sensitive', password: 'smtp-pass-sensitive', senderEmail: 'noreply@example.com', senderName: 'App' };
const smtp = { type: 'standard', ...smtpSettings };

/** How to get each result with marked fields from the simulator, run in this order (later ones need earlier state). */
const scenarios = {
  'apiKeys.create': () => neon.apiKeys.create({ name: 'key-name-sensitive' }),
  'orgApiKeys.create': () => neon.orgApiKeys(ORG).create({ name: 'org-key-name-sensitive', projectId: ALPHA }),
  'branchAuth.enable': () => auth().enable({ authProvider: 'better_auth' }),
  'branchAuth.get': () => auth().get(),
  'branchAuth.oauthProviders.add': () => auth().oauthProviders.add({ id: 'google', clientId: 'client-id-1', clientSecret: 'client-secret-sensitive-1' }),
  'branchAuth.oauthProviders.update': () => auth().oauthProviders.update('google', { clientSecret: 'client-secret-sensitive-2' }),
  'branchAuth.oauthProviders.list': () => auth().oauthProviders.list(),
  'branchAuth.emailProvider.update': () => auth().emailProvider.update(smtp),
  'branchAuth.emailProvider.get': () => auth().emailProvider.get(),
  'branchAuth.plugins.get': () => auth().plugins.get(),
  'credentials.create': () => neon.credentials(ALPHA, BRANCH).create({ name: 'sensitive-bot', scopes: ['storage:read'] }),
  'credentials.reveal': async () => neon.credentials(ALPHA, BRANCH).reveal((await neon.credentials(ALPHA, BRANCH).list())[0].token_id),
  'credentials.rotate': async () => neon.credentials(ALPHA, BRANCH).rotate((await neon.credentials(ALPHA, BRANCH).list())[0].token_id),
};

/** The objects in `value` that hold the field `path` ends in; a neon-admin list result is the API's list itself. */
function holders(value, path) {
  const [head, ...rest] = path;
  if (value === null || typeof value !== 'object') return [];
  if (rest.length === 0) return head in value ? [value] : [];
  if (head === '[]') return Array.isArray(value) ? value.flatMap((item) => holders(item, rest)) : [];
  if (Array.isArray(value) && rest[0] === '[]') return holders(value, rest);
  return holders(value[head], rest);
}

test('the spec marks the secrets this suite knows of', () => {
  const shown = (op) => marks.get(op).results.map((f) => f.path.join('.'));
  assert.deepEqual(shown('apiKeys.create'), ['key', 'name']);
  assert.deepEqual(shown('branchAuth.enable'), ['pub_client_key', 'secret_server_key']);
  assert.ok(shown('branchAuth.plugins.get').includes('email_provider.password'));
  assert.ok(shown('branchAuth.oauthProviders.list').includes('providers.[].client_secret'));
  assert.deepEqual(marks.get('branchAuth.users.create').inputs.map((f) => f.path.join('.')), ['email', 'name']);
});

test('every operation with marked result fields has a scenario here', () => {
  assert.deepEqual(opsWith('results').filter((op) => !(op in scenarios)), []);
});

// A field the simulator leaves out (the spec makes most of them optional) is checked on the
// spec-shaped answer of the operation's differential case instead, and the test says so.
for (const [op, scenario] of Object.entries(scenarios)) {
  test(`${op}: marked result fields are redacted on inspect and kept in JSON`, async (t) => {
    const fields = marks.get(op)?.results ?? [];
    assert.ok(fields.length > 0, `the spec marks no field of ${op}'s answer`);
    const simulated = await scenario();
    for (const { path, schema } of fields) {
      const field = path.at(-1);
      let result = simulated;
      if (holders(result, path).length === 0) {
        t.diagnostic(`${path.join('.')}: not in the simulator's answer, checked on the spec-shaped one`);
        result = await cannedResult(op);
      }
      const found = holders(result, path);
      assert.ok(found.length > 0, `${op}'s answer has no ${path.join('.')} (${schema})`);
      const shown = inspect(result, { depth: Infinity });
      for (const holder of found) {
        const value = holder[field];
        assert.equal(JSON.parse(JSON.stringify(holder))[field], value, `${field} is kept in JSON`);
        assert.match(inspect(holder, { depth: Infinity }), new RegExp(`\\b${field}: '\\[REDACTED\\]'`), `${path.join('.')} (${schema})`);
        if (typeof value === 'string' && value.length >= 4) assert.ok(!shown.includes(value), `${path.join('.')} shown on inspect`);
      }
    }
  });
}

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
/** Calls an operation with one marked input set to `value` (the other inputs valid). */
const inputCalls = {
  'branchAuth.enable': (client, input) => client.branchAuth(ALPHA, BRANCH).enable({ authProvider: 'better_auth', ...input }),
  'branchAuth.users.create': (client, input) => client.branchAuth(ALPHA, BRANCH).users.create({ email: 'ada@example.com', name: 'Ada', ...input }),
  'branchAuth.oauthProviders.add': (client, input) => client.branchAuth(ALPHA, BRANCH).oauthProviders.add({ id: 'google', clientId: 'cid', clientSecret: 'cs', ...input }),
  'branchAuth.oauthProviders.update': (client, input) => client.branchAuth(ALPHA, BRANCH).oauthProviders.update('google', { clientId: 'cid', ...input }),
  'branchAuth.emailProvider.update': (client, input) => client.branchAuth(ALPHA, BRANCH).emailProvider.update({ ...smtp, ...input }),
  'branchAuth.sendTestEmail': (client, input) => client.branchAuth(ALPHA, BRANCH).sendTestEmail({ ...smtpSettings, recipientEmail: 'ada@example.com', ...input }),
};
const valid = {
  email: 'marked-7q3z@example.com', name: 'Marked 7q3z', databaseName: 'marked_7q3z', clientSecret: 'secret-marked-7q3z',
  host: 'smtp.marked-7q3z.example', username: 'user-marked-7q3z', password: 'pass-marked-7q3z',
};

function assertNotEchoed(error, value) {
  for (const text of [error.message, String(error), inspect(error, { depth: Infinity }), JSON.stringify(error)]) {
    assert.ok(!text.includes(value.slice(0, 40)), `the error repeats the input: ${text.slice(0, 200)}`);
  }
}

test('every operation with marked inputs has a call here', () => {
  assert.deepEqual(opsWith('inputs').filter((op) => !(op in inputCalls)), []);
});

for (const op of Object.keys(inputCalls)) {
  test(`${op}: a marked input is never repeated in an error`, async () => {
    const fields = marks.get(op)?.inputs ?? [];
    assert.ok(fields.length > 0, `the spec marks no input of ${op}`);
    for (const { path } of fields) {
      const field = camel(path.at(-1));
      assert.ok(field in valid, `no test value for ${field}`);
      // The API's error: the request is sent, the answer repeats it.
      let sent = recorder.requests().length;
      const apiError = await inputCalls[op](echoClient, { [field]: valid[field] }).then(() => assert.fail('expected an error'), (e) => e);
      assert.ok(apiError instanceof NeonApiError, `${field}: ${apiError}`);
      await recorder.settled();
      assert.ok(recorder.requests().slice(sent).some((r) => r.body?.includes(valid[field])), `${field} was sent`);
      assertNotEchoed(apiError, valid[field]);
      // Too large to be sane: refused before any request, naming the field, or else the API's error.
      sent = recorder.requests().length;
      const huge = `${valid[field]}-${'x'.repeat(70_000)}`;
      const refused = await inputCalls[op](echoClient, { [field]: huge }).then(() => assert.fail('expected an error'), (e) => e);
      if (refused instanceof NeonConfigError) {
        assert.equal(refused.field, field);
        assert.equal(recorder.requests().length, sent, 'nothing sent');
      } else {
        assert.ok(refused instanceof NeonApiError, `${field}: ${refused}`);
      }
      assertNotEchoed(refused, huge);
    }
  });
}
