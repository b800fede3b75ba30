// Trusted domains as Neon documents them and Better Auth's trusted origins take them, table-driven
// against the local simulator: every accepted form is sent, listed, removed by remove() and by
// apply({ prune: true }); every refused form sends nothing; and a domain the API lists is always
// removable, even one that add() refuses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NeonConfigError } from '../../js/node.mjs';
import { neon, sim } from './support/simulated.mjs';

const ALPHA = 'proj-sim-alpha';

/** Forms the API holds: exact origins, ports and paths, wildcards, custom app schemes, plain http. */
const ACCEPTED = [
  'https://app.example.com',
  'https://app.example.com:8443/auth/callback',
  'https://*.my-app-preview.vercel.app',
  'https://**.example.com',
  'https://my_host.example.com',
  'myapp://callback',
  'exp://192.168.*.*:*/**',
  'http://staging.example.com',
  'http://localhost:3000',
];

/** Refused before any request: no scheme, whitespace or controls, script or local schemes, open redirects. */
const REFUSED = [
  'portal.example.com',
  '*.example.com',
  '*',
  'https://*',
  'https://**',
  'https://*.com',
  'https://',
  'javascript:alert(1)',
  'data:text/html,hi',
  'file:///etc/passwd',
  'vbscript:msgbox',
  'about:blank',
  'https://app example.com',
  'https://app.example.com\n',
];

const rejection = (promise) => promise.then(() => assert.fail('expected a rejection'), (e) => e);
const listed = async (auth) => (await auth.domains.list()).map((d) => d.domain).sort();

/** Enables Neon Auth on a fresh branch (the seed's fillers), once per test. */
async function freshAuth(branch) {
  const auth = neon.branchAuth(ALPHA, branch);
  await auth.enable();
  return auth;
}

test('every accepted form is sent, listed and removed by remove()', async () => {
  const auth = await freshAuth('br-filler-002');
  for (const domain of ACCEPTED) await auth.domains.add(domain);
  assert.deepEqual(await listed(auth), [...ACCEPTED].sort());
  for (const domain of ACCEPTED) await auth.domains.remove(domain);
  assert.deepEqual(await listed(auth), []);
});

test('every accepted form is planned by apply and removed by apply with prune when unlisted', async () => {
  const auth = await freshAuth('br-filler-003');
  const first = await auth.apply({ enabled: true, trustedDomains: ACCEPTED });
  assert.equal(first.changes.length, ACCEPTED.length);
  assert.deepEqual(await listed(auth), [...ACCEPTED].sort());
  const again = await auth.apply({ enabled: true, trustedDomains: ACCEPTED });
  assert.deepEqual(again.changes, [], 'a second run plans nothing');

  const pruned = await auth.apply({ enabled: true, trustedDomains: [ACCEPTED[0]] }, { prune: true });
  assert.equal(pruned.changes.length, 1);
  assert.equal(pruned.changes[0].action, 'remove');
  assert.deepEqual(pruned.changes[0].before.sort(), ACCEPTED.slice(1).sort());
  assert.deepEqual(await listed(auth), [ACCEPTED[0]]);
});

test('every refused form is a NeonConfigError naming the field, without the value, and nothing is sent', async () => {
  const auth = await freshAuth('br-filler-004');
  await sim.resetLog();
  for (const domain of REFUSED) {
    const error = await rejection(auth.domains.add(domain));
    assert.ok(error instanceof NeonConfigError, `${JSON.stringify(domain)}: ${error}`);
    assert.equal(error.field, 'domain', JSON.stringify(domain));
    if (domain.length > 8) assert.ok(!error.message.includes(domain), error.message);
    const planned = await rejection(auth.apply({ enabled: true, trustedDomains: ['https://ok.example.com', domain] }));
    assert.ok(planned instanceof NeonConfigError);
    assert.equal(planned.field, 'trustedDomains[1]');
  }
  assert.equal((await sim.requests()).length, 0);
});

test('a domain the API lists is removable, even one add() refuses', async () => {
  const auth = await freshAuth('br-filler-005');
  const branchId = await auth.branchId();
  // Put a pattern add() refuses (a whole TLD) straight into the API, as another tool could.
  const url = `${sim.baseUrl}/projects/${ALPHA}/branches/${branchId}/auth/domains`;
  for (const domain of ['https://*.com', 'https://kept.example.com']) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.seedKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ domain, auth_provider: 'better_auth' }),
    });
    assert.equal(res.status, 201);
  }
  assert.ok((await rejection(auth.domains.add('https://*.com'))) instanceof NeonConfigError);
  await auth.domains.remove('https://*.com');
  assert.deepEqual(await listed(auth), ['https://kept.example.com']);

  await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.seedKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ domain: 'https://*.io', auth_provider: 'better_auth' }),
  });
  const pruned = await auth.apply({ enabled: true, trustedDomains: ['https://kept.example.com'] }, { prune: true });
  assert.deepEqual(pruned.changes.map((c) => [c.action, c.before]), [['remove', ['https://*.io']]]);
  assert.deepEqual(await listed(auth), ['https://kept.example.com']);
});
