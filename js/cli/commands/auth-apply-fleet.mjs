// `neon-admin auth apply --file f --project p --branches 'preview/*'`: one desired state on many
// branches through `neon.applyBranchAuth()`. On a terminal a progress bar on stderr; with --json
// one JSON line per branch and a summary line; else a summary table. Exit 1 when a branch failed.
// Every finished branch's new Neon Auth keys are printed, also when the run stops early.

import { positiveInteger, UsageError } from '../args.mjs';
import { API_ERROR, OK } from '../exit-codes.mjs';
import { deliver, lostAuthKeys, partialOf } from '../delivery.mjs';
import * as out from '../output.mjs';

/** The options fleet mode adds to `auth apply`. */
export const fleetOptions = {
  branches: { type: 'string', value: '<glob>', description: "apply to every branch whose name matches, e.g. 'preview/*' (instead of --branch)" },
  concurrency: { type: 'string', value: '<n>', description: 'with --branches: branches applied at once (default 4)' },
};

const clock = (ms) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** The progress line: a bar, branches done of total, changes, failures, time left. */
export function progressLine({ done, total, changed, failed }, elapsedMs, width = 24) {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const left = done === 0 ? '?' : clock((elapsedMs / done) * (total - done));
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} branches, ${changed} changed, ${failed} failed, ${left} left`;
}

/** A branch result as plain JSON (the error as its name and message). */
function plainResult(result) {
  const { error, ...rest } = result;
  return error === undefined ? rest : { ...rest, error: { name: error.name, message: error.message } };
}

/** The project for fleet mode. */
function fleetTarget(values, env = process.env) {
  const projectId = values.project ?? (env.NEON_PROJECT_ID || undefined);
  if (projectId === undefined) throw new UsageError('missing --project <projectId> (or NEON_PROJECT_ID)');
  if (values.env) throw new UsageError('--env cannot be used with --branches (use --json)');
  return projectId;
}

/** The summary table, totals and new keys of `results` for people (`summary` is absent when the run stopped early). */
function fleetText(results, summary, dryRun, elapsedMs) {
  let text = out.table(results, [
    ['BRANCH', (r) => r.name],
    ['ID', (r) => r.branch_id],
    ['CHANGES', (r) => String(r.changes.length)],
    ['RESULT', (r) => (r.error ? `failed: ${out.oneLine(r.error.message)}` : r.changes.length ? (dryRun ? 'would change' : 'changed') : 'unchanged')],
  ], 'no branch matched');
  if (summary) {
    const { branches, changed, unchanged, failed, requests, waited_ms: waited } = summary;
    text += `\n${branches} branches: ${changed} ${dryRun ? 'would change' : 'changed'}, ${unchanged} unchanged, ${failed} failed (${requests} requests, ${clock(elapsedMs)})\n`;
    if (waited > 0) text += `requests waited ${clock(waited)} in total for Neon's rate limits\n`;
  }
  if (dryRun) text += 'dry run: nothing was changed\n';
  const enabled = results.filter((r) => r.created_keys);
  for (const r of enabled) {
    text += `\n${out.fields([
      ['branch', r.name],
      ['publishable client key', r.created_keys.pub_client_key],
      ['secret server key', r.created_keys.secret_server_key],
    ])}`;
  }
  if (enabled.length) text += 'Neon Auth was enabled: these keys are shown only this once, store them now.\n';
  const issued = results.flatMap((r) => (r.created_credentials ?? []).map((c) => ({ branch: r.name, ...c })));
  for (const c of issued) {
    text += `\n${out.fields([
      ['branch', c.branch],
      ['credential', c.token_id],
      ['name', c.name],
      ['API token', c.api_token],
      ['S3 secret', c.s3_secret_access_key],
    ])}`;
  }
  if (issued.length) text += 'Credentials were issued: their secrets are shown only this once (`credentials reveal` recovers them).\n';
  return text;
}

const branchKey = (r) => r.branch_id ?? r.name;

/** Runs fleet mode; resolves to the exit code. */
export async function applyFleet({ values, format, connect, confirm }, desired, { dryRun, prune }) {
  const projectId = fleetTarget(values);
  const concurrency = values.concurrency === undefined ? undefined : positiveInteger(values.concurrency, '--concurrency');
  const neon = await connect();
  if (prune && !dryRun) {
    await confirm(`apply ${out.printable(values.file)} with --prune to branches ${out.printable(values.branches)}`, 'Settings the file does not list are removed.');
  }
  const bar = format !== 'json' && process.stderr.isTTY;
  const started = Date.now();
  // With --json each branch's line (its new keys included) is out before the next branch starts
  // on that worker; a failed write stops the run (a throwing onProgress does).
  const written = new Set();
  const unwritten = [];
  const onProgress = async (progress) => {
    if (format === 'json') {
      try {
        await out.line(JSON.stringify(plainResult(progress.branch)));
        written.add(branchKey(progress.branch));
      } catch (error) {
        unwritten.push(progress.branch);
        throw error;
      }
    }
    if (bar) process.stderr.write(`\r${progressLine(progress, Date.now() - started)}\x1b[K`);
  };
  // The message for new keys in `results` (or in a line that failed) that are not out. `unknown`:
  // the run stopped without saying which other branches finished, so some may hold keys too.
  const lost = (results, unknown = false) => {
    const keyed = new Map([...unwritten, ...results].filter((r) => (r.created_keys || r.created_credentials) && !written.has(branchKey(r))).map((r) => [branchKey(r), r]));
    const names = [...keyed.values()].map((r) => `${r.name} (${r.branch_id})`);
    const others = unknown ? '; branches that finished after the run stopped may have been enabled too: see `neon-admin auth status` on each' : '';
    return (reason) => `${names.length ? lostAuthKeys(projectId, names, reason) : reason}${others}`;
  };
  let run;
  try {
    run = await neon.applyBranchAuth(projectId, desired, { branches: values.branches, concurrency, dryRun, prune, onProgress });
  } catch (error) {
    if (bar) process.stderr.write('\n');
    // The run stopped: the branches that finished are out (with their keys) before the error is.
    const results = partialOf(error)?.results ?? [];
    if (unwritten.length > 0) return deliver(Promise.reject(error), lost(results, partialOf(error) === undefined));
    const rest = results.filter((r) => !written.has(branchKey(r)));
    const text = format === 'json' ? rest.map((r) => `${JSON.stringify(plainResult(r))}\n`).join('') : fleetText(results, undefined, dryRun);
    return deliver(results.length ? out.write(text) : undefined, lost(results), error);
  }
  if (bar) process.stderr.write('\n');
  const text = format === 'json' ? `${JSON.stringify({ summary: run.summary })}\n` : fleetText(run.results, run.summary, dryRun, Date.now() - started);
  await deliver(out.write(text), lost(format === 'json' ? [] : run.results));
  return run.summary.failed > 0 ? API_ERROR : OK;
}
