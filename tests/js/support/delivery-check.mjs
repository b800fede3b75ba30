// The contract of tests/js/secret-delivery.test.mjs (HELPERS decision 1): every secret the API
// minted during a call reached its caller, in what the call returned or in what it threw (its
// `partial`, searched deeply), or the call itself revoked the key it belongs to, or (for the key
// of a create whose answer was lost, which the call cannot tell apart from another caller's) a
// rejection names it; and no call revoked a key it did not create, except the one it was asked to
// revoke.

/** Properties searched for secrets on errors: not the text, where a secret would be a leak. */
const TEXT = new Set(['message', 'stack']);

/**
 * Walks `value` (own properties, enumerable or not; errors and causes too), once per object:
 * `onString(text, name, holder)` for every string, `name` being the property of `holder` that
 * holds it.
 */
function walk(value, onString, name = '', holder = null, visited = new WeakSet()) {
  if (typeof value === 'string') return onString(value, name, holder);
  if (value === null || typeof value !== 'object' || visited.has(value)) return;
  visited.add(value);
  for (const key of Object.getOwnPropertyNames(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if ('value' in descriptor) walk(descriptor.value, onString, key, value, visited);
  }
  // Orphans (keys made by a create whose answer was lost) are named by their numeric id.
  if (Array.isArray(value.orphans)) for (const orphan of value.orphans) onString(String(orphan?.id), 'orphan', value);
}

/** Every string reachable from `value`, but the text of errors (where a secret would be a leak). */
export function reachableStrings(value) {
  const found = new Set();
  walk(value, (text, name) => {
    if (!TEXT.has(name) && name !== 'orphan') found.add(text);
  });
  return found;
}

/** The code of a rejection saying that enabling Neon Auth worked but its keys never arrived. */
const KEYS_NOT_RECEIVED = 'keys_not_received';

/**
 * What the errors in `value` name as holding a secret they could not deliver, as `api_key:<id>` (its orphans,
 * and numbers in its messages), `neon_auth:<branch id>` (branches named by a
 * `keys_not_received` rejection) and `credential:<token id>` (credentials named in a message, as
 * a lost create names the candidates it cannot tell apart); nested errors (a fleet's) count too.
 */
function namedHolders(value) {
  const named = new Set();
  walk(value, (text, name, holder) => {
    if (name === 'orphan') named.add(`api_key:${text}`);
    if (name !== 'message') return;
    for (const [number] of text.matchAll(/(?<![\w-])\d+(?![\w-])/g)) named.add(`api_key:${number}`);
    if (holder.code === KEYS_NOT_RECEIVED) for (const [branch] of text.matchAll(/br-[a-z0-9-]+/g)) named.add(`neon_auth:${branch}`);
    for (const [credential] of text.matchAll(/nak_live_[0-9a-f]+/g)) named.add(`credential:${credential}`);
  });
  return named;
}

/**
 * A library call as `brokenPromises` sees it, from its `outcome` (`{ value }` or `{ error }`), the
 * request ids it sent and the key ids it was asked to revoke. An error (thrown, or a fleet
 * branch's in the result) that names what holds a secret reports it: the key of a create whose answer was lost, which the call cannot tell apart
 * from another caller's, is left live and named (in `orphans` or the message); a Neon Auth enabled
 * by a request whose answer was lost is named by a `keys_not_received` rejection (getting new keys
 * means deleting its users, which is the caller's decision).
 */
export function libraryCaller(who, outcome, requestIds, mayRevoke) {
  const resolved = !('error' in outcome);
  const strings = reachableStrings(resolved ? outcome.value : outcome.error);
  const named = namedHolders(resolved ? outcome.value : outcome.error);
  return {
    who,
    received: (secret) => strings.has(secret),
    resolved,
    reported: (entry) => named.has(`${entry.kind}:${entry.id}`),
    requestIds,
    mayRevoke,
  };
}

const entryKey = (entry) => `${entry.kind}:${entry.id}:${entry.secrets[0]}`;
const describe = (entry) =>
  ({ api_key: `API key ${entry.id}`, credential: `the secrets of credential ${entry.id}` })[entry.kind] ?? `the Neon Auth keys of branch ${entry.id}`;

/**
 * The broken promises of one case, as sentences (empty when it kept the contract).
 * @param {object} c
 * @param {any[]} c.before `/__sim/minted` before the call(s)
 * @param {any[]} c.after  `/__sim/minted` after them
 * @param {{ who: string, received: (secret: string) => boolean, resolved: boolean, reported?: (entry: any) => boolean, requestIds: Set<string>, mayRevoke: string[] }[]} c.callers
 *   `resolved`: the call succeeded; `reported(entry)`: the caller was told which key holds a
 *   secret it did not get (a CLI's non-zero exit naming it)
 */
export function brokenPromises({ before, after, callers }) {
  const broken = [];
  const earlier = new Map(before.map((entry) => [entryKey(entry), entry]));
  const revokerOf = (entry) => callers.find((caller) => entry.revoked && caller.requestIds.has(entry.revoked_by_request));
  for (const entry of after) {
    const was = earlier.get(entryKey(entry));
    const revoker = revokerOf(entry);
    if (was) {
      // Live before the call: only the key a caller was asked to revoke may have gone.
      if (!was.revoked && entry.revoked && !(revoker && revoker.mayRevoke.includes(entry.id))) {
        broken.push(`${describe(entry)}, live before the call, lost to a revocation by ${revoker ? revoker.who : 'a request of no caller'}, which did not create it`);
      }
      continue;
    }
    const owners = callers.filter((caller) => entry.secrets.every((secret) => caller.received(secret)));
    for (const owner of owners) {
      if (revoker && revoker !== owner) broken.push(`${revoker.who} revoked ${describe(entry)}, which ${owner.who} received`);
      if (entry.revoked && owner.resolved) broken.push(`${owner.who} resolved with ${describe(entry)}, which no longer works`);
    }
    if (owners.length === 0 && !revoker && !callers.some((caller) => caller.reported?.(entry))) {
      const state = entry.revoked ? 'revoked by a request of no caller' : 'still live, and no rejection names it';
      broken.push(`${describe(entry)} reached no caller: ${state}`);
    }
  }
  return broken;
}
