// The branch an `auth` command works on: --project and --branch, else NEON_PROJECT_ID and NEON_BRANCH.

import { UsageError } from '../args.mjs';

/** The --project and --branch options every `auth` command takes. */
export const branchOptions = {
  project: { type: 'string', value: '<projectId>', description: 'the project (else NEON_PROJECT_ID)' },
  branch: { type: 'string', value: '<branch>', description: 'branch name or br-… ID (else NEON_BRANCH)' },
};

/** `{ projectId, branch }` from the flags or the environment (an empty variable counts as unset). */
export function branchTarget(values, env = process.env) {
  const projectId = values.project ?? (env.NEON_PROJECT_ID || undefined);
  const branch = values.branch ?? (env.NEON_BRANCH || undefined);
  if (projectId === undefined) throw new UsageError('missing --project <projectId> (or NEON_PROJECT_ID)');
  if (branch === undefined) throw new UsageError('missing --branch <name or br-… ID> (or NEON_BRANCH)');
  return { projectId, branch };
}

/** `neon.branchAuth()` for the target. */
export const branchAuth = (neon, { projectId, branch }) => neon.branchAuth(projectId, branch);
