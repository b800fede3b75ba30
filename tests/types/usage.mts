// Type-level test of the public API: compiles only if the declarations match this usage.
// `@ts-expect-error` lines fail the check if the mistake they show stops being an error.

import NeonAdmin, {
  backend,
  NeonApiError,
  NeonConfigError,
  NeonRotationError,
  type ApiKey,
  type ApplyResult,
  type CreatedApiKey,
  type DesiredNeonAuth,
  type FleetApplyResult,
  type FleetProgress,
  type Branch,
  type Listing,
  type PlannedChange,
  type PulledNeonAuth,
  type Project,
  type Rotation,
} from 'neon-admin';

export async function usage(): Promise<void> {
  const neon = await NeonAdmin.connect({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000, maxRetries: 0, env: {} });
  const fromVault = new NeonAdmin({ apiKey: async () => 'k', logger: (line: string) => console.error(line) });
  const fromSync = new NeonAdmin({ apiKey: () => 'k' });
  void fromVault, fromSync;
  // @ts-expect-error an apiKey function resolves to a string
  new NeonAdmin({ apiKey: async () => 42 });
  // @ts-expect-error the logger is a function
  new NeonAdmin({ logger: 'stderr' });
  const source: 'option' | 'env' | 'credentials_file' | 'keyring' = neon.credentialSource;
  const warning: string | undefined = neon.credentialWarning;
  const keys: ApiKey[] = await neon.apiKeys.list();
  const first: number = keys[0].id;
  const lastUsed: string | null = keys[0].last_used_at;
  const created: CreatedApiKey = await neon.apiKeys.create({ name: 'ci' });
  const token: string = created.key;
  const rotation: Rotation = await neon.orgApiKeys('org-1').rotate({ oldKeyId: first, name: 'n', revokeOld: true });
  const revokedOk: boolean | undefined = rotation.revoked?.revoked;
  const method: string = (await neon.whoami()).auth_method;
  await neon.orgApiKeys('org-1').create({ name: 'p', projectId: 'proj-1' });
  try {
    await neon.apiKeys.revoke(first);
  } catch (e) {
    if (e instanceof NeonApiError) {
      const status: number = e.status;
      const id: string = e.requestId;
      void status, id;
    } else if (e instanceof NeonConfigError) {
      const field: string | undefined = e.field;
      void field;
    }
  }
  // @ts-expect-error the create input needs a name
  await neon.apiKeys.create({});
  // @ts-expect-error key IDs are numbers
  await neon.apiKeys.revoke('12');
  // @ts-expect-error unknown option
  new NeonAdmin({ colour: 'blue' });
  void source, lastUsed, token, revokedOk, method;
}

export async function branchAuthUsage(neon: NeonAdmin): Promise<void> {
  for await (const project of neon.projects.list({ search: 'alpha', limit: 5 })) {
    const id: string = project.id;
    void id;
  }
  const branchId: string = await neon.branches('proj-1').resolve('main');
  const auth = neon.branchAuth('proj-1', 'preview/feature-a');
  const enabled = await auth.enable({ authProvider: 'better_auth' });
  const secret: string = enabled.secret_server_key;
  await auth.domains.add('https://preview.example.com');
  await auth.oauthProviders.add({ id: 'google', clientId: 'c', clientSecret: 's' });
  await auth.emailProvider.update({ type: 'shared' });
  await auth.emailProvider.update({ type: 'standard', senderName: 'Shop EU' });
  const tested = await auth.emailProvider.test({ recipientEmail: 'qa@example.com' });
  const testedOk: boolean = tested.success;
  for await (const b of neon.branches('proj-1').list({ sortBy: 'name', sortOrder: 'asc', includeDeleted: true })) void b.id;
  for await (const p of neon.projects.list({ timeout: 500, recoverable: false })) void p.id;
  const projects: Listing<Project> = neon.projects.list({ limit: 50 });
  const everyProject: Project[] = await projects.toArray();
  const everyBranch: Branch[] = await neon.branches('proj-1').list().toArray();
  void everyProject, everyBranch;
  // @ts-expect-error sort fields are typed
  neon.branches('proj-1').list({ sortBy: 'size' });
  const settings = await auth.emailAndPassword.update({ enabled: true, emailVerificationMethod: 'otp' });
  const on: boolean = settings.enabled;
  await auth.webhooks.set({ enabled: true, webhookUrl: 'https://hooks.example.com', enabledEvents: ['user.created'] });
  await auth.users.setRoles('u1', ['admin']);
  await auth.disable({ deleteData: true });
  // @ts-expect-error unknown OAuth provider
  await auth.oauthProviders.add({ id: 'myspace' });
  // @ts-expect-error webhook events are typed
  await auth.webhooks.set({ enabled: true, enabledEvents: ['user.exploded'] });
  void branchId, secret, on, testedOk;
}

export async function requestOptionsUsage(neon: NeonAdmin): Promise<void> {
  const controller = new AbortController();
  await neon.apiKeys.list({ signal: controller.signal, timeoutMs: 5000 });
  await neon.branchAuth('p', 'br-x').domains.add('https://x.example.com', undefined, { signal: controller.signal });
  // @ts-expect-error request options are typed
  await neon.whoami({ timeout: 5 });
}

export async function provisioningUsage(neon: NeonAdmin): Promise<void> {
  const desired: DesiredNeonAuth = {
    trustedDomains: ['https://preview.example.com'],
    oauthProviders: [{ id: 'google' }, { id: 'github', clientId: 'id', clientSecret: 's' }],
    emailProvider: { type: 'shared', senderEmail: 'a@example.com' },
    emailAndPassword: { enabled: true, emailVerificationMethod: 'otp' },
    plugins: { magicLink: { enabled: true, expiresIn: 30 } },
    webhooks: { enabled: true, webhookUrl: 'https://hooks.example.com', enabledEvents: ['user.created'] },
  };
  const result: ApplyResult = await neon.branchAuth('proj-1', 'preview/x').apply(desired, { dryRun: true, prune: false });
  const actions: string[] = result.changes.map((c: PlannedChange) => `${c.action} ${c.target}`);
  const jwks: string | undefined = result.neon_auth?.jwks_url;
  const secret: string | undefined = result.created_keys?.secret_server_key;
  const rotation: Rotation = await neon.apiKeys.rotate({ oldKeyId: 1, name: 'n', onNewKey: async (key: CreatedApiKey) => void key.key });
  try {
    await neon.apiKeys.rotate({ oldKeyId: 1, name: 'n', onNewKey: () => { throw new Error('store failed'); } });
  } catch (e) {
    if (e instanceof NeonRotationError) {
      const revoked: boolean = e.newKeyRevoked;
      void revoked;
    }
  }
  // What pull returns is what apply takes; `omitted` lists what it left out.
  const pulled: PulledNeonAuth = await neon.branchAuth('proj-1', 'console').pull();
  const omitted: string[] = pulled.omitted;
  await neon.branchAuth('proj-1', 'console').apply(pulled);
  void omitted;
  // @ts-expect-error an unknown OAuth provider
  await neon.branchAuth('proj-1', 'b').apply({ oauthProviders: [{ id: 'myspace' }] });
  // @ts-expect-error dryRun is a boolean
  await neon.branchAuth('proj-1', 'b').apply({}, { dryRun: 'yes' });
  void actions, jwks, secret, rotation;
}

export async function fleetUsage(neon: NeonAdmin): Promise<void> {
  new NeonAdmin({ apiKey: 'k', rateLimit: { perMinute: 7000, perRoutePerSecond: 400 } });
  new NeonAdmin({ apiKey: 'k', rateLimit: false });
  const desired: DesiredNeonAuth = { trustedDomains: ['https://preview.example.com'] };
  const run: FleetApplyResult = await neon.applyBranchAuth('proj-1', desired, {
    branches: 'preview/*',
    concurrency: 8,
    onProgress: (p: FleetProgress) => void `${p.done}/${p.total} ${p.branch.name}`,
  });
  await neon.applyBranchAuth('proj-1', desired, { branches: ['preview/a', 'br-x'], dryRun: true });
  await neon.applyBranchAuth('proj-1', desired, { branches: (b) => b.name.startsWith('preview/'), prune: true });
  const failed: string[] = run.results.filter((r) => r.error).map((r) => `${r.branch_id}: ${r.error?.message}`);
  const waited: number = run.summary.waited_ms;
  const secret: string | undefined = run.results[0].created_keys?.secret_server_key;
  // @ts-expect-error branches is required
  await neon.applyBranchAuth('proj-1', desired, {});
  // @ts-expect-error rateLimit is false or an object of numbers
  new NeonAdmin({ rateLimit: true });
  void failed, waited, secret;
}

// The backend is one of two names.
const chosen: 'wasm' | 'native' = backend;
// @ts-expect-error: no third backend
const other: 'browser' = backend;
void chosen;
void other;
