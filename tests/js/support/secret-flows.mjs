// The flows of tests/js/secret-delivery.test.mjs: every library call that can receive a
// once-shown secret (an API key's token, Neon Auth's keys, a branch credential's secrets). Each
// flow has:
//   label                  how test titles and the docs table name it
//   setup(direct, sim)     prepares a fresh case through `direct` (a client of the simulator
//                          itself): new names, a new branch, the key to rotate; returns its context
//   act(api, ctx, hooks)   the call under test; `hooks.signal` goes to the call, and
//                          `hooks.callback(i)` is called by the flow's i-th callback (from 1)
//   callbacks              the callback kind (`onNewKey`, `onProgress`) and how many calls a run
//                          makes, when the flow takes one
//   mayRevoke(ctx)         ids of keys (already live before the call) it is asked to revoke
//   cleanup(direct, ctx)   puts back what later cases share (the fleet's branches)
//   pairs                  false when a second caller doing the same at once cannot keep the
//                          promise by the API's design (two rotations of one credential)

export const ORG = 'org-sim-000001';
/** A project without Neon Auth: fresh branches for enable and apply are made from its main branch. */
export const BETA = 'proj-sim-beta';
const BETA_MAIN = 'br-beta-main-01';
/** The project of the fleet flow: its main branch and FLEET_BRANCHES, made once (makeFleet). */
export const FLEET = 'proj-sim-filler-01';
const FLEET_MAIN = 'br-filler-01-main';
export const FLEET_BRANCHES = ['sd-fleet-1', 'sd-fleet-2', 'sd-fleet-3'];
/** What apply and the fleet make of a branch without Neon Auth: enable, then more changes. */
export const DESIRED = { enabled: true, trustedDomains: ['https://app.example.com', 'https://admin.example.com'], name: 'secret-delivery' };
/** DESIRED with a credential to issue after the Neon Auth changes. */
export const DESIRED_WITH_CREDENTIAL = { ...DESIRED, credentials: [{ name: 'sd-app', scopes: ['storage:read', 'ai_gateway:invoke'] }] };

let serial = 0;
export const nextName = () => `sd-${process.pid}-${++serial}`;

/** Makes a branch without Neon Auth in BETA; resolves to its id. */
export async function freshBranch(sim) {
  const { status, body } = await sim.hook(`projects/${BETA}/branches/${BETA_MAIN}/child/${nextName()}`);
  if (status !== 201) throw new Error(`the branch hook answered ${status}`);
  return body.id;
}

/** Disables Neon Auth on the fleet's branches, with its data, so that the next case enables each afresh. */
export async function resetFleet(direct) {
  for (const name of FLEET_BRANCHES) {
    await direct
      .branchAuth(FLEET, name)
      .disable({ deleteData: true })
      .catch((error) => {
        if (error.status !== 404) throw error;
      });
  }
}

/** Makes the fleet's branches (once, before the first case). */
export async function makeFleet(sim) {
  for (const name of FLEET_BRANCHES) {
    const { status } = await sim.hook(`projects/${FLEET}/branches/${FLEET_MAIN}/child/${name}`);
    if (status !== 201) throw new Error(`the branch hook answered ${status}`);
  }
}

/**
 * The requests a flow sent (`METHOD /path`), as test titles name them: branches as `{branch N}` in
 * the order the flow first sent to them and key ids as `{key}`, since each case has fresh ones.
 */
export function titleRoutes(seen) {
  const branches = [...new Set(seen.flatMap((route) => route.match(/br-[a-z0-9-]+/g) ?? []))];
  return seen.map((route) => route.replace(/br-[a-z0-9-]+/g, (id) => `{branch ${branches.indexOf(id) + 1}}`).replace(/\/api_keys\/\d+$/, '/api_keys/{key}'));
}

const noCleanup = async () => {};
const requestOptions = ({ signal }) => (signal ? { signal } : undefined);

function createFlow(label, keys, projectId) {
  return {
    label,
    // A same-named key another job of the same user creates within the same second cannot be told
    // apart from this call's lost one (docs/reliability.md; the way out is a name per job), so the
    // second caller that must never be touched is another member of the organization.
    pairByAnotherMember: true,
    setup: async () => ({ name: nextName() }),
    act: (api, ctx, hooks) => keys(api).create(projectId ? { name: ctx.name, projectId } : { name: ctx.name }, requestOptions(hooks)),
    mayRevoke: () => [],
    cleanup: noCleanup,
  };
}

function rotateFlow(label, keys, { onNewKey }) {
  return {
    label,
    callbacks: onNewKey ? { kind: 'onNewKey', calls: 1 } : undefined,
    async setup(direct) {
      const name = nextName();
      const old = await keys(direct).create({ name: `${name}-old` });
      return { name, oldKeyId: old.id };
    },
    act(api, ctx, hooks) {
      const input = { oldKeyId: ctx.oldKeyId, name: ctx.name };
      // Without a callback, revokeOld is asked for: the rotation then has the same steps.
      if (onNewKey) input.onNewKey = () => hooks.callback(1);
      else input.revokeOld = true;
      return keys(api).rotate(input, requestOptions(hooks));
    },
    mayRevoke: (ctx) => [String(ctx.oldKeyId)],
    cleanup: noCleanup,
  };
}

const personal = (api) => api.apiKeys;
const organization = (api) => api.orgApiKeys(ORG);

/** Every flow, in the order of the docs table. */
export const FLOWS = [
  createFlow('apiKeys.create', personal),
  createFlow('orgApiKeys.create', organization),
  createFlow('orgApiKeys.create with projectId', organization, BETA),
  rotateFlow('apiKeys.rotate with onNewKey', personal, { onNewKey: true }),
  rotateFlow('apiKeys.rotate without onNewKey', personal, { onNewKey: false }),
  rotateFlow('orgApiKeys.rotate with onNewKey', organization, { onNewKey: true }),
  rotateFlow('orgApiKeys.rotate without onNewKey', organization, { onNewKey: false }),
  {
    label: 'branchAuth.enable',
    setup: async (direct, sim) => ({ branchId: await freshBranch(sim) }),
    act: (api, ctx, hooks) => api.branchAuth(BETA, ctx.branchId).enable(undefined, requestOptions(hooks)),
    mayRevoke: () => [],
    cleanup: noCleanup,
  },
  {
    label: 'branchAuth.apply',
    setup: async (direct, sim) => ({ branchId: await freshBranch(sim) }),
    act: (api, ctx, hooks) => api.branchAuth(BETA, ctx.branchId).apply(DESIRED, undefined, requestOptions(hooks)),
    mayRevoke: () => [],
    cleanup: noCleanup,
  },
  {
    label: 'branchAuth.apply with a credential',
    setup: async (direct, sim) => ({ branchId: await freshBranch(sim) }),
    act: (api, ctx, hooks) => api.branchAuth(BETA, ctx.branchId).apply(DESIRED_WITH_CREDENTIAL, undefined, requestOptions(hooks)),
    mayRevoke: () => [],
    cleanup: noCleanup,
  },
  {
    label: 'credentials.create',
    setup: async () => ({ name: nextName() }),
    act: (api, ctx, hooks) => api.credentials(BETA, BETA_MAIN).create({ name: ctx.name, scopes: ['storage:read'] }, requestOptions(hooks)),
    mayRevoke: () => [],
    cleanup: noCleanup,
  },
  {
    label: 'credentials.rotate',
    // Two rotations of one credential at once cannot both end with live secrets: the later one
    // replaces the earlier one's (docs/reliability.md), so there is no second caller here.
    pairs: false,
    setup: async (direct) => ({ tokenId: (await direct.credentials(BETA, BETA_MAIN).create({ name: nextName(), scopes: ['storage:read'] })).token_id }),
    act: (api, ctx, hooks) => api.credentials(BETA, BETA_MAIN).rotate(ctx.tokenId, requestOptions(hooks)),
    mayRevoke: (ctx) => [ctx.tokenId],
    cleanup: noCleanup,
  },
  {
    label: 'applyBranchAuth',
    callbacks: { kind: 'onProgress', calls: FLEET_BRANCHES.length },
    setup: async () => ({}),
    act(api, ctx, hooks) {
      let calls = 0;
      const options = { branches: FLEET_BRANCHES, concurrency: 1, onProgress: () => hooks.callback(++calls) };
      if (hooks.signal) options.signal = hooks.signal;
      return api.applyBranchAuth(FLEET, DESIRED, options);
    },
    mayRevoke: () => [],
    cleanup: resetFleet,
  },
];
