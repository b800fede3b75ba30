// `neon-admin auth pull`: a branch's Neon Auth as the JSON file `auth apply --file` takes, through
// `branchAuth().pull()`; with --branches, one JSON map of every matching branch.

import { UsageError } from '../args.mjs';
import * as out from '../output.mjs';
import { globPattern } from '../../resources/fleet-apply.mjs';
import { branchAuth, branchOptions, branchTarget } from './branch-target.mjs';

/**
 * The matching branches' pulled states, keyed by branch name in listing order; a name that more
 * than one matching branch has is keyed by each branch's `br-…` ID instead, so no branch hides
 * another.
 */
async function pullFleet(neon, projectId, glob) {
  const pattern = globPattern(glob);
  const picked = [];
  for await (const branch of neon.branches(projectId).list()) if (pattern.test(branch.name)) picked.push(branch);
  const shared = new Set(picked.filter((b, i) => picked.findIndex((c) => c.name === b.name) !== i).map((b) => b.name));
  const pulled = {};
  for (const branch of picked) {
    pulled[shared.has(branch.name) ? branch.id : branch.name] = await neon.branchAuth(projectId, branch.id).pull();
  }
  return pulled;
}

export const pull = {
  summary: "print a branch's Neon Auth as the JSON file `auth apply` takes",
  options: {
    ...branchOptions,
    branches: { type: 'string', value: '<glob>', description: "every branch whose name matches, e.g. 'preview/*' (instead of --branch): one JSON map" },
  },
  description: [
    'Prints JSON on stdout in every format (--json changes nothing): `auth apply --file` on the same',
    'branch then plans no change. Secrets the API does not show (the SMTP password, OAuth client',
    'secrets) are left out and listed under "omitted": apply keeps them as they are. An OAuth',
    'provider with its own app comes back as its clientId alone, which apply reads as "keep the',
    'stored secret". A branch without Neon Auth gives {"enabled": false, "omitted": []}.',
    "With --branches 'preview/*': one JSON object of branch name → that branch's file (a name that",
    'several matching branches share is replaced by each one\'s br-… ID).',
    '  npx neon-admin auth pull --branch main > neon-auth.json',
  ],
  async run({ values, connect }) {
    if (values.branches !== undefined) {
      if (values.branch !== undefined) throw new UsageError('--branch and --branches cannot be used together');
      const projectId = values.project ?? (process.env.NEON_PROJECT_ID || undefined);
      if (projectId === undefined) throw new UsageError('missing --project <projectId> (or NEON_PROJECT_ID)');
      const neon = await connect();
      return out.json(await pullFleet(neon, projectId, values.branches));
    }
    const target = branchTarget(values);
    const neon = await connect();
    return out.json(await branchAuth(neon, target).pull());
  },
};
