// Neon Auth on one branch. Every operation's method is generated (branch-auth.generated.mjs),
// grouped by sub-resource; `apply` and `branchId` are written here. The branch may be given by
// name: the core looks it up, once per client, in the same call as the operation.

import { requestOptions as checkRequestOptions } from '../internal/plain-data.mjs';
import { BranchAuthMethods, HAND_WRITTEN_SECRETS } from './branch-auth.generated.mjs';

const APPLY_SECRETS = HAND_WRITTEN_SECRETS['branchAuth.apply'];

/** `neon.branchAuth(projectId, branch)`. */
export class BranchAuth extends BranchAuthMethods {
  #call;
  #run;
  #projectId;
  #branch;

  constructor(run, projectId, branch) {
    // Operations without input send `{}`, as the API's bodies are objects.
    const call = (name, own, input, requestOptions, secrets) => run(name, { projectId, branch, ...own }, input ?? {}, requestOptions, secrets);
    super(call);
    this.#call = call;
    this.#run = run;
    this.#projectId = projectId;
    this.#branch = branch;
  }

  /** The branch ID (looking a name up, once per client). */
  async branchId(requestOptions) {
    checkRequestOptions(requestOptions);
    return this.#run('branches.resolve', { projectId: this.#projectId }, { branch: this.#branch }, requestOptions);
  }

  /**
   * Makes the branch's Neon Auth match `desired` (the whole wanted state; settings it does not
   * name are left alone) and returns the plan it made, or with `{ dryRun: true }` only plans.
   * `{ prune: true }` also removes trusted domains and OAuth providers `desired` does not list.
   * A second run with the same `desired` plans no change. `desired` and `options` are checked
   * before any request (a branch given by name is looked up after, by the core). If a change
   * fails after Neon Auth was enabled, the error's `partial` holds the result so far, with the keys.
   */
  apply(desired, options, requestOptions) {
    return this.#call('branchAuth.apply', {}, { desired, options: options ?? {} }, requestOptions, APPLY_SECRETS);
  }
}
