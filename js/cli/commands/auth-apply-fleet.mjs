// `neon-admin auth apply --file f --project p --branches 'preview/*'`: one desired state on many
// branches through `neon.applyBranchAuth()`. On a terminal a progress bar on stderr; with --json
// one JSON line per branch and a summary line; else a summary table. Exit 1 when a branch failed.

import { positiveInteger, UsageError } from '../args.mjs';
import { API_ERROR, OK } from '../exit-codes.mjs';
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
  const onProgress = (progress) => {
    if (format === 'json') out.line(JSON.stringify(plainResult(progress.branch)));
    if (bar) process.stderr.write(`\r${progressLine(progress, Date.now() - started)}\x1b[K`);
  };
  const run = await neon.applyBranchAuth(projectId, desired, { branches: values.branches, concurrency, dryRun, prune, onProgress });
  if (bar) process.stderr.write('\n');
  if (format === 'json') {
    out.line(JSON.stringify({ summary: run.summary }));
  } else {
    out.table(run.results, [
      ['BRANCH', (r) => r.name],
      ['ID', (r) => r.branch_id],
      ['CHANGES', (r) => String(r.changes.length)],
      ['RESULT', (r) => (r.error ? `failed: ${out.oneLine(r.error.message)}` : r.changes.length ? (dryRun ? 'would change' : 'changed') : 'unchanged')],
    ], 'no branch matched');
    const { branches, changed, unchanged, failed, requests, waited_ms: waited } = run.summary;
    out.line();
    out.line(`${branches} branches: ${changed} ${dryRun ? 'would change' : 'changed'}, ${unchanged} unchanged, ${failed} failed (${requests} requests, ${clock(Date.now() - started)})`);
    if (waited > 0) out.line(`requests waited ${clock(waited)} in total for Neon's rate limits`);
    if (dryRun) out.line('dry run: nothing was changed');
    const enabled = run.results.filter((r) => r.created_keys);
    for (const r of enabled) {
      out.line();
      out.fields([
        ['branch', r.name],
        ['publishable client key', r.created_keys.pub_client_key],
        ['secret server key', r.created_keys.secret_server_key],
      ]);
    }
    if (enabled.length) out.line('Neon Auth was enabled: these keys are shown only this once, store them now.');
  }
  return run.summary.failed > 0 ? API_ERROR : OK;
}
