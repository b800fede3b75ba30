// Loaded with `node --import` into a CLI process by runCli({ failAfter }): makes one library call
// fail after the API answered, the way the library reports such a failure (a NeonError carrying
// what the call had received as `error.partial`), so that the CLI's handling of `partial` runs
// against the simulator's real keys. NEON_ADMIN_TEST_FAIL_AFTER names the call:
//   create  apiKeys.create creates the key, then fails with the CreatedApiKey as partial;
//   rotate  rotate creates the new key (old key untouched, onNewKey not called), then fails with
//           the Rotation so far ({ created, revoked: null, revoke_error: null });
//   apply   branchAuth().apply runs, then fails with its ApplyResult as partial;
//   fleet   applyBranchAuth runs one branch at a time and stops when the second branch finishes
//           (its progress is not reported), failing with { results } of both finished branches.

import { NeonAdmin } from '../../../js/node.mjs';

class InjectedFailure extends Error {
  constructor(partial) {
    super('the call failed after the API answered (injected by the test)');
    this.name = 'NeonNetworkError';
    this.partial = partial;
  }
}

/** Replaces `owner[name]` with a wrapper of the original. */
function wrap(owner, name, wrapper) {
  const original = owner[name];
  owner[name] = function (...args) {
    return wrapper.call(this, original, ...args);
  };
}

const injections = {
  create(neon) {
    wrap(Object.getPrototypeOf(neon.apiKeys), 'create', async function (create, ...args) {
      throw new InjectedFailure(await create.apply(this, args));
    });
  },
  rotate(neon) {
    wrap(Object.getPrototypeOf(neon.apiKeys), 'rotate', async function (_rotate, { oldKeyId: _old, onNewKey: _hook, revokeOld: _revoke, ...input }) {
      throw new InjectedFailure({ created: await this.create(input), revoked: null, revoke_error: null });
    });
  },
  apply(neon) {
    wrap(Object.getPrototypeOf(neon.branchAuth('proj-sim-alpha', 'main')), 'apply', async function (apply, ...args) {
      throw new InjectedFailure(await apply.apply(this, args));
    });
  },
  fleet(neon) {
    wrap(Object.getPrototypeOf(neon), 'applyBranchAuth', async function (applyBranchAuth, projectId, desired, options) {
      const finished = [];
      const onProgress = async (progress) => {
        finished.push(progress.branch);
        if (finished.length === 2) throw new Error('stop');
        await options.onProgress?.(progress);
      };
      await applyBranchAuth.call(this, projectId, desired, { ...options, concurrency: 1, onProgress }).catch(() => {});
      throw new InjectedFailure({ results: finished });
    });
  },
};

const inject = injections[process.env.NEON_ADMIN_TEST_FAIL_AFTER];
if (!inject) throw new Error(`NEON_ADMIN_TEST_FAIL_AFTER must be one of ${Object.keys(injections).join(', ')}`);
wrap(NeonAdmin, 'connect', async function (connect, ...args) {
  const neon = await connect.apply(this, args);
  inject(neon);
  return neon;
});
