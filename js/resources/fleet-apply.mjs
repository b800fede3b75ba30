// `neon.applyBranchAuth(projectId, desired, options)`: one desired Neon Auth state applied to many
// branches of a project. Lists every branch, picks them by glob, names/IDs or predicate, and runs
// the single-branch `apply` on each with bounded concurrency. Every request goes through the
// client's rate budget, so a fleet runs at Neon's limit without 429s; a failing branch is
// recorded in its result and the others go on. Whatever stops the run, the error it rejects with
// carries every finished branch's entry (`error.partial`): Neon Auth keys are shown only once.

import { refuse, takeFields } from '../internal/plain-data.mjs';
import { redactPaths } from '../internal/redaction.mjs';
import { HAND_WRITTEN_SECRETS } from './branch-auth.generated.mjs';
import { toNeonError } from '../internal/to-neon-error.mjs';

const APPLY_SECRETS = HAND_WRITTEN_SECRETS['branchAuth.apply'];

const OPTIONS = ['branches', 'concurrency', 'dryRun', 'prune', 'signal', 'onProgress'];
const MAX_CONCURRENCY = 64;

const escape = (text) => text.replace(/[\\^$.|+?*()[\]{}\-]/g, '\\$&');

/**
 * A glob over branch names as a RegExp: `*` any run of characters but `/`, `**` any run, `?` one
 * character but `/`, `[a-z0-9]` / `[!…]` one character of (or not of) a set.
 */
export function globPattern(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const close = c === '[' ? glob.indexOf(']', i + 2) : -1;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (close > 0) {
      const set = glob.slice(i + 1, close);
      const negated = set.startsWith('!');
      // Ranges stay ranges; every other character of the set is literal.
      const body = (negated ? set.slice(1) : set).split(/(?<=.)-(?=.)/).map(escape).join('-');
      source += negated ? `[^/${body}]` : `[${body}]`;
      i = close;
    } else source += escape(c);
  }
  return new RegExp(`^${source}$`);
}

/** Checks the options; returns them with defaults filled in. */
function fleetOptions(options) {
  if (options === undefined || options === null) throw refuse('options', 'is required: pass { branches }');
  const { taken, rest } = takeFields(options, 'options', OPTIONS);
  const unknown = Object.keys(rest ?? {})[0];
  if (unknown !== undefined) throw refuse(unknown.slice(0, 40), `unknown option; expected one of ${OPTIONS.join(', ')}`);
  const { branches, concurrency = 4, dryRun = false, prune = false, signal, onProgress } = taken;
  const isList = Array.isArray(branches) && branches.length > 0 && branches.every((b) => typeof b === 'string' && b !== '');
  if (!(typeof branches === 'string' && branches !== '') && !isList && typeof branches !== 'function') {
    throw refuse('branches', "must be a glob over branch names ('preview/*'), a non-empty array of names or br-… IDs, or a predicate");
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw refuse('concurrency', `must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  if (typeof dryRun !== 'boolean') throw refuse('dryRun', 'must be true or false');
  if (typeof prune !== 'boolean') throw refuse('prune', 'must be true or false');
  if (onProgress !== undefined && typeof onProgress !== 'function') throw refuse('onProgress', 'must be a function');
  return { branches, concurrency, dryRun, prune, signal, onProgress };
}

/**
 * The branches `selector` picks from `all`, in listing order, plus a failed result for each name
 * or ID of an array that matches no branch.
 */
async function select(all, selector) {
  if (typeof selector === 'string') {
    const pattern = globPattern(selector);
    return { picked: all.filter((b) => pattern.test(b.name)), missing: [] };
  }
  if (Array.isArray(selector)) {
    const wanted = new Set(selector);
    const picked = all.filter((b) => wanted.has(b.id) || wanted.has(b.name));
    const found = new Set(picked.flatMap((b) => [b.id, b.name]));
    return { picked, missing: [...wanted].filter((w) => !found.has(w)) };
  }
  const picked = [];
  for (const branch of all) if (await selector(branch)) picked.push(branch);
  return { picked, missing: [] };
}

/**
 * Copies what one branch's apply did into its entry: its result, or, when it failed part way, the
 * partial result its error carries (the keys of a Neon Auth it enabled before failing). The keys
 * are a fresh object, redacted when inspected.
 */
function record(entry, done) {
  if (Array.isArray(done?.changes)) entry.changes = done.changes;
  if (done?.neon_auth !== undefined) entry.neon_auth = done.neon_auth;
  if (done?.created_keys) entry.created_keys = redactPaths({ created_keys: { ...done.created_keys } }, APPLY_SECRETS.redacted).created_keys;
  if (done?.created_credentials) entry.created_credentials = redactPaths({ created_credentials: done.created_credentials.map((c) => ({ ...c })) }, APPLY_SECRETS.redacted).created_credentials;
  if (done?.drift) entry.drift = done.drift;
}

/**
 * `{ results, summary }`: the entries in listing order (unmatched names first) and their counts;
 * a run that stopped has fewer results than `branches`, and counts only those.
 */
function report(results, order, total, counts, before, after) {
  results.sort((a, b) => (order.get(a) ?? -1) - (order.get(b) ?? -1));
  const failed = results.filter((r) => r.error !== undefined).length;
  return {
    results,
    summary: {
      branches: total,
      changed: counts.changed,
      unchanged: results.length - counts.changed - failed,
      failed,
      requests: after.requests - before.requests,
      waited_ms: Math.round(after.waitedMs - before.waitedMs),
    },
  };
}

/**
 * The error that stopped a run, as a NeonError (its own class kept) carrying `partial`: the
 * report of the branches finished so far. Where that error is also a branch's `error`, it is not
 * enumerable there, so `JSON.stringify(error)` meets no cycle.
 */
function stopped(thrown, partial) {
  const error = toNeonError(thrown);
  for (const entry of partial.results) {
    if (entry.error === error) Object.defineProperty(entry, 'error', { value: error, enumerable: false, writable: true, configurable: true });
  }
  error.partial = partial;
  return error;
}

/**
 * Runs a fleet apply.
 * @param {object} env `run` (the operation runner), `usage()` ({ requests, waitedMs } so far) and
 *   `listBranches(projectId, requestOptions)` (the branch listing, with `toArray()`)
 */
export async function applyAcrossBranches(env, projectId, desired, options) {
  const { branches, concurrency, dryRun, prune, signal, onProgress } = fleetOptions(options);
  const requestOptions = signal === undefined ? undefined : { signal };
  const before = env.usage();
  const results = [];
  const order = new Map();
  const counts = { done: 0, changed: 0, failed: 0 };
  let total = 0;
  try {
    const all = await env.listBranches(projectId, requestOptions).toArray();
    const { picked, missing } = await select(all, branches);
    for (const entry of missing) {
      const error = refuse('branches', `no branch of project ${projectId} has the name or ID ${JSON.stringify(entry)}`);
      results.push({ branch_id: null, name: entry, changes: [], error });
    }
    total = picked.length + missing.length;
    counts.done = counts.failed = missing.length;
    const plan = { projectId, desired, dryRun, prune, requestOptions, onProgress, concurrency };
    const stop = await applyPicked(env, picked, plan, { results, order, counts, total });
    if (stop !== undefined) throw stop;
  } catch (thrown) {
    throw stopped(thrown, report(results, order, total, counts, before, env.usage()));
  }
  return report(results, order, total, counts, before, env.usage());
}

/**
 * Applies to each picked branch, `concurrency` at a time, adding each finished entry to
 * `progress.results`; resolves to the error that stopped the run, if one did.
 */
async function applyPicked(env, picked, { projectId, desired, dryRun, prune, requestOptions, onProgress, concurrency }, progress) {
  const { results, order, counts, total } = progress;
  let next = 0;
  let stop;

  const applyOne = async (branch) => {
    const entry = { branch_id: branch.id, name: branch.name, changes: [] };
    try {
      const target = { projectId, branch: branch.id };
      // The runner redacts the result and a partial result (this branch's keys) on inspect.
      const result = await env.run('branchAuth.apply', target, { desired, options: { dryRun, prune } }, requestOptions, APPLY_SECRETS);
      record(entry, result);
      if (result.changes.length > 0) counts.changed++;
    } catch (error) {
      record(entry, error?.partial);
      // The caller's mistakes and aborts apply to every branch: stop rather than repeat them.
      if (error?.name === 'NeonConfigError' || error?.name === 'NeonAbortError') stop ??= error;
      entry.error = error;
      counts.failed++;
    }
    counts.done++;
    return entry;
  };

  const worker = async () => {
    while (stop === undefined && next < picked.length) {
      const index = next++;
      const entry = await applyOne(picked[index]);
      order.set(entry, index);
      results.push(entry);
      if (onProgress !== undefined && stop === undefined) {
        try {
          await onProgress({ ...counts, total, branch: entry });
        } catch (error) {
          stop ??= error;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, picked.length) }, worker));
  return stop;
}
