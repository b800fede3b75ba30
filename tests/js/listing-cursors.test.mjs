// A listing whose answer gives the cursor of an earlier page again would cycle for ever: it ends
// with a NeonApiError (`cursor_repeated`) naming the listing, after the pages it read, for the
// projects and branches listings (followed in JS) and the branch lookup by name (in the core). A
// page that repeats the cursor it was asked with is the API's way of saying "no more" (Prism does
// it) and still ends the listing quietly.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import NeonAdmin, { NeonApiError } from '../../js/node.mjs';
import { startFaultServer } from './support/fault-server.mjs';

const PROJECT = 'cold-sky-12345678';
const BRANCHES = `/projects/${PROJECT}/branches`;
const NOW = '2025-11-03T09:14:27Z';
const project = (n) => ({ id: `cold-sky-0000000${n}`, name: `app-${n}`, region_id: 'aws-us-east-2', pg_version: 17, created_at: NOW, updated_at: NOW });
const branch = (n) => ({ id: `br-dev-0000000${n}`, project_id: PROJECT, name: `dev-${n}`, current_state: 'ready', default: false, protected: false, created_at: NOW, updated_at: NOW });
const projectsPage = (n, cursor) => ({ status: 200, body: { projects: [project(n)], pagination: { cursor } } });
const branchesPage = (n, next) => ({ status: 200, body: { branches: [branch(n)], pagination: { next } } });

let server;
before(async () => {
  server = await startFaultServer();
});
after(() => server.close());

const client = () => new NeonAdmin({ apiKey: 'napi_listing_test_0123456789', baseUrl: server.baseUrl, env: {}, maxRetries: 0 });

/** Up to `max` items of `listing`, and the error that ended it, if any. */
async function drain(listing, max = 20) {
  const items = [];
  try {
    for await (const item of listing) {
      items.push(item);
      if (items.length >= max) break;
    }
    return { items };
  } catch (error) {
    return { items, error };
  }
}

function assertRepeated(error, listing, pages) {
  assert.ok(error instanceof NeonApiError, `expected a NeonApiError, got ${error}`);
  assert.equal(error.name, 'NeonApiError');
  assert.equal(error.code, 'cursor_repeated');
  assert.equal(error.status, 200);
  assert.ok(error.message.includes(`${listing}: page ${pages} gave the cursor of an earlier page`), error.message);
}

test('projects.list: a cursor that comes back two pages later ends the listing with an error', async () => {
  server.reset();
  server.script('GET', '/projects', [projectsPage(1, 'c1'), projectsPage(2, 'c2'), projectsPage(3, 'c1')]);
  const { items, error } = await drain(client().projects.list({ limit: 1 }));
  assert.deepEqual(items.map((p) => p.name), ['app-1', 'app-2', 'app-3']);
  assertRepeated(error, 'projects.list', 3);
  assert.equal(server.count('GET', '/projects'), 3);
});

test('projects.list: a cursor the caller started from is one of the earlier ones', async () => {
  server.reset();
  server.script('GET', '/projects', [projectsPage(1, 'c1'), projectsPage(2, 'c0')]);
  const { items, error } = await drain(client().projects.list({ limit: 1, cursor: 'c0' }));
  assert.equal(items.length, 2);
  assertRepeated(error, 'projects.list', 2);
});

test('branches.list: a cursor that comes back ends the listing with an error', async () => {
  server.reset();
  server.script('GET', BRANCHES, [branchesPage(1, 'n1'), branchesPage(2, 'n2'), branchesPage(3, 'n3'), branchesPage(4, 'n2')]);
  const { items, error } = await drain(client().branches(PROJECT).list());
  assert.deepEqual(items.map((b) => b.name), ['dev-1', 'dev-2', 'dev-3', 'dev-4']);
  assertRepeated(error, 'branches.list', 4);
  assert.equal(server.count('GET', BRANCHES), 4);
});

test('branches.resolve(name): the lookup in the core ends with the same error', async () => {
  server.reset();
  server.script('GET', BRANCHES, [branchesPage(1, 'n1'), branchesPage(2, 'n2'), branchesPage(3, 'n1')]);
  const error = await client().branches(PROJECT).resolve('main').then(() => assert.fail('resolved'), (e) => e);
  assertRepeated(error, 'branches.resolve', 3);
  assert.equal(server.count('GET', BRANCHES), 3);
});

test('a page that repeats the cursor it was asked with still ends the listing quietly', async () => {
  server.reset();
  server.script('GET', '/projects', [projectsPage(1, 'c1'), projectsPage(2, 'c1')]);
  const projects = await drain(client().projects.list({ limit: 1 }));
  assert.deepEqual([projects.items.length, projects.error], [2, undefined]);
  server.script('GET', BRANCHES, [branchesPage(1, 'n1'), branchesPage(2, 'n1')]);
  const branches = await drain(client().branches(PROJECT).list());
  assert.deepEqual([branches.items.length, branches.error], [2, undefined]);
});
