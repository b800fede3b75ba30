// Neon Auth on one branch: every branch-level operation of the API, grouped by sub-resource.
// The branch may be given by name; it is resolved once, on first use. Every method takes an
// optional last `requestOptions` argument ({ signal, timeoutMs }), `ro` below.

import { requestOptions as checkRequestOptions } from './plain-data.mjs';
import { buildMethods, delegate, redactedResult } from './facade-methods.mjs';
import { HAND_WRITTEN_SECRETS, METHODS } from './operations.generated.mjs';

const [, APPLY_REDACTED] = HAND_WRITTEN_SECRETS['branchAuth.apply'];

/** The core's `validate::resource_id`: 1 to 60 characters of a-z, 0-9 and '-'. */
const isResourceId = (value) => typeof value === 'string' && /^[a-z0-9-]{1,60}$/.test(value);

/** The core's `projects::is_branch_id`: a branch reference that is an ID (`br-…`), not a name. */
const isBranchId = (value) => isResourceId(value) && value.startsWith('br-');

/** `neon.branchAuth(projectId, branch)`. */
export class BranchAuth {
  #run;
  #projectId;
  #branch;
  #target;
  #branchId;
  #methods;

  constructor(run, projectId, branch) {
    this.#run = run;
    this.#projectId = projectId;
    this.#branch = branch;
    this.#methods = buildMethods(METHODS.branchAuth, (op, extra, input, ro, hidden) => this.#runOnBranch(op, extra, input ?? {}, ro, hidden));
    // Trusted domains, OAuth providers, the e-mail provider, e-mail and password sign-in, users,
    // plugins, webhooks and localhost sign-in: one frozen object of methods each.
    Object.assign(this, this.#methods.groups);
  }

  static {
    // enable, get, disable, updateConfig, sendTestEmail: built from their declarations too.
    delegate(BranchAuth.prototype, METHODS.branchAuth, (self) => self.#methods.top);
  }

  /**
   * The branch ID, resolved once (a failed lookup is retried on the next call; `apply` looks a
   * name up in the core and keeps what it found). An ID needs no lookup: the core returns it as
   * is, so it is taken here without a trip through the backend.
   */
  #branchTarget(requestOptions) {
    const known = isBranchId(this.#branch) ? this.#branch : this.#branchId;
    if (isResourceId(this.#projectId) && known) return Promise.resolve({ projectId: this.#projectId, branchId: known });
    this.#target ??= this.#run('branches.resolve', { projectId: this.#projectId }, { branch: this.#branch }, requestOptions).then(
      ({ id }) => ({ projectId: this.#projectId, branchId: (this.#branchId = id) }),
      (error) => {
        this.#target = undefined;
        throw error;
      },
    );
    return this.#target;
  }

  /** Runs `auth.<op>`; `hidden` names inputs the spec marks sensitive, never repeated in an error. */
  async #runOnBranch(op, extra, input, requestOptions, hidden) {
    const target = await this.#branchTarget(requestOptions);
    return this.#run(`auth.${op}`, { ...target, ...extra }, input, requestOptions, hidden);
  }

  /** The branch ID (resolving a name on first use). */
  async branchId(requestOptions) {
    checkRequestOptions(requestOptions);
    const { branchId } = await this.#branchTarget(requestOptions);
    // Resolving an ID sends no request; going through the core checks `timeoutMs` the one way it
    // is checked, also when the ID was taken as is or found earlier.
    return (await this.#run('branches.resolve', { projectId: this.#projectId }, { branch: branchId }, requestOptions)).id;
  }

  /**
   * Makes the branch's Neon Auth match `desired` (the whole wanted state; settings it does not
   * name are left alone) and returns the plan it made, or with `{ dryRun: true }` only plans.
   * `{ prune: true }` also removes trusted domains and OAuth providers `desired` does not list.
   * A second run with the same `desired` plans no change. `desired` and `options` are checked
   * before any request (a branch given by name is looked up after, by the core). If a change
   * fails after Neon Auth was enabled, the error's `partial` holds the result so far, with the keys.
   */
  async apply(desired, options, requestOptions) {
    // A branch that is not text at all is refused by the lookup, naming it `branch`.
    const target = typeof this.#branch === 'string' ? { projectId: this.#projectId, branchId: this.#branchId ?? this.#branch } : await this.#branchTarget(requestOptions);
    const result = await redactedResult(this.#run('auth.apply', target, { desired, options: options ?? {} }, requestOptions), APPLY_REDACTED);
    this.#branchId ??= result.branch_id;
    return result;
  }
}
