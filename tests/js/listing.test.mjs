// The listings that span pages (projects and branches): `toArray()` collects every page in one
// call, in the order iteration gives, one request per page; a bad option rejects it before any
// request.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NeonConfigError } from '../../js/node.mjs';
import { neon, sim } from './support/simulated.mjs';

const ALPHA = 'proj-sim-alpha';

async function iterate(listing) {
  const items = [];
  for await (const item of listing) items.push(item);
  return items;
}

/** The requests to `path` since the last reset. */
const requestsTo = async (path) => (await sim.requests()).filter((r) => r.method === 'GET' && r.path === path);

test('toArray() collects every page of the project and branch listings, one request per page', async () => {
  for (const [path, list] of [
    ['/api/v2/projects', (options) => neon.projects.list(options)],
    [`/api/v2/projects/${ALPHA}/branches`, (options) => neon.branches(ALPHA).list(options)],
  ]) {
    await sim.resetLog();
    const iterated = await iterate(list({ limit: 3 }));
    const iteratedPages = (await requestsTo(path)).length;
    assert.ok(iterated.length > 6, `${path}: ${iterated.length} items, too few for several pages`);
    await sim.resetLog();
    const collected = await list({ limit: 3 }).toArray();
    assert.deepEqual(collected.map((item) => item.id), iterated.map((item) => item.id));
    assert.equal(new Set(collected.map((item) => item.id)).size, collected.length, 'no item twice');
    const pages = await requestsTo(path);
    assert.equal(pages.length, iteratedPages, `${path}: the same pages as iterating`);
    assert.ok(pages.length >= Math.ceil(collected.length / 3), `${path}: ${pages.length} requests for ${collected.length} items`);
    assert.equal(pages.filter((r) => r.query.includes('cursor=')).length, pages.length - 1, 'every page after the first follows a cursor');
  }
});

test('toArray() rejects a bad option before any request', async () => {
  await sim.resetLog();
  for (const listing of [neon.projects.list({ limit: 'ten' }), neon.branches(ALPHA).list({ sortBy: 'size' }), neon.branches('Not An Id').list()]) {
    const error = await listing.toArray().then(() => assert.fail('accepted'), (e) => e);
    assert.ok(error instanceof NeonConfigError, String(error));
    assert.ok(['limit', 'sortBy', 'projectId'].includes(error.field), error.field);
  }
  assert.deepEqual(await sim.requests(), []);
});

test('toArray() is not an enumerable property: the listing spreads and inspects like an iterator', () => {
  const listing = neon.projects.list();
  assert.deepEqual(Object.keys(listing), []);
  assert.equal(typeof listing.toArray, 'function');
  assert.equal(typeof listing[Symbol.asyncIterator], 'function');
});
