// `neon-admin credentials list|create|reveal|rotate|revoke`: a branch's credentials (Beta). The
// secrets (`api_token`, `s3_secret_access_key`) are printed once at create and rotate; `reveal`
// prints them again, so a write that fails says how to recover them.

import { branchOptions, branchTarget } from './branch-target.mjs';
import { UsageError } from '../args.mjs';
import { deliver } from '../delivery.mjs';
import * as out from '../output.mjs';

const credentialsOf = (neon, { projectId, branch }) => neon.credentials(projectId, branch);
const STORAGE = ['storage:read', 'storage:write'];

/**
 * The --env lines of a credential with `scopes`, under the names the `neon` CLI gives the same
 * values: the S3 key pair for storage scopes, the bearer as the AI Gateway token.
 */
export function credentialEnv(secrets, scopes) {
  const pairs = {};
  if (scopes.some((s) => STORAGE.includes(s))) Object.assign(pairs, { AWS_ACCESS_KEY_ID: secrets.token_id, AWS_SECRET_ACCESS_KEY: secrets.s3_secret_access_key });
  if (scopes.includes('ai_gateway:invoke')) pairs.NEON_AI_GATEWAY_TOKEN = secrets.api_token;
  return pairs;
}

/** Writes a credential's secrets in `format`; --env with no line to print writes JSON and says so. */
async function writeSecrets(secrets, scopes, format) {
  if (format === 'json') return out.json(secrets);
  if (format === 'env' || format === 'shell') {
    const pairs = credentialEnv(secrets, scopes);
    if (Object.keys(pairs).length > 0) return out.envLines(pairs, format, secrets);
    await out.json(secrets);
    throw new UsageError(`--env has no variable for the scopes ${scopes.join(', ') || '(none)'}: the credential was printed as JSON`);
  }
  return out.write(`${out.fields([
    ['token ID', secrets.token_id],
    ['name', secrets.name],
    ['scopes', scopes.join(', ')],
    ['API token', secrets.api_token],
    ['S3 secret', secrets.s3_secret_access_key],
  ])}These secrets are shown once: store them now (\`credentials reveal\` recovers them).\n`);
}

/** Writes the secrets of credential `tokenId`; a failed write says how to recover them. */
function deliverSecrets(secrets, scopes, format, target) {
  const reveal = `neon-admin credentials reveal ${out.printable(secrets.token_id)} --project ${out.printable(target.projectId)} --branch ${out.printable(target.branch)}`;
  return deliver(writeSecrets(secrets, scopes, format), (reason) => `the secrets of credential ${secrets.token_id} could not be written (${reason}): recover them with \`${reveal}\``);
}

/** The scopes of credential `tokenId`, from the listing (reveal and a recovered rotate carry none). */
async function scopesOf(credentials, tokenId) {
  const listed = await credentials.list();
  return listed.find((c) => c.token_id === tokenId)?.scopes ?? [];
}

const list = {
  summary: 'list the credentials of a branch (never their secrets)',
  options: branchOptions,
  async run({ values, format, connect }) {
    const target = branchTarget(values);
    const credentials = await credentialsOf(await connect(), target).list();
    if (format === 'json') return out.json(credentials);
    await out.write(out.table(
      credentials,
      [
        ['TOKEN ID', (c) => c.token_id],
        ['NAME', (c) => c.name],
        ['SCOPES', (c) => c.scopes.join(',')],
        ['CREATED', (c) => c.created_at],
        ['LAST USED', (c) => c.last_used_at],
        ['REVOKED', (c) => c.revoked_at],
      ],
      'no credentials',
    ));
  },
};

const create = {
  summary: 'issue a credential (its secrets are printed once)',
  options: {
    ...branchOptions,
    scopes: { type: 'string', value: '<a,b>', description: 'comma-separated: storage:read, storage:write, ai_gateway:invoke, functions:invoke (required)' },
    name: { type: 'string', value: '<name>', description: 'a label; it also lets a create whose answer was lost find its credential' },
  },
  env: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (storage scopes), NEON_AI_GATEWAY_TOKEN (ai_gateway:invoke)',
  async run({ values, format, connect }) {
    const target = branchTarget(values);
    if (values.scopes === undefined) throw new UsageError('missing --scopes <a,b> (e.g. storage:read,storage:write)');
    const scopes = values.scopes.split(',').map((s) => s.trim()).filter(Boolean);
    if ((format === 'env' || format === 'shell') && Object.keys(credentialEnv({}, scopes)).length === 0) {
      throw new UsageError(`--env has no variable for the scopes ${scopes.join(', ')}: use --json`);
    }
    const created = await credentialsOf(await connect(), target).create({ scopes, ...(values.name !== undefined && { name: values.name }) });
    await deliverSecrets(created, created.scopes, format, target);
  },
};

const reveal = {
  summary: "print a credential's live secrets again",
  args: ['<tokenId>'],
  options: branchOptions,
  env: 'as `credentials create`, by the credential\'s scopes',
  description: ['A credential issued before reveal existed has no secret to recover (status 409): rotate it.'],
  async run({ args: [tokenId], values, format, connect }) {
    const target = branchTarget(values);
    const credentials = credentialsOf(await connect(), target);
    const secrets = await credentials.reveal(tokenId);
    const scopes = format === 'env' || format === 'shell' ? await scopesOf(credentials, tokenId) : [];
    await deliverSecrets(secrets, scopes, format, target);
  },
};

const rotate = {
  summary: "replace a credential's secrets (the old ones stop working)",
  args: ['<tokenId>'],
  options: branchOptions,
  env: 'as `credentials create`, by the credential\'s scopes',
  description: ['Never sent twice: if its answer is lost, the live secrets are recovered with reveal and printed.'],
  destructive: true,
  async run({ args: [tokenId], values, format, connect, confirm }) {
    const target = branchTarget(values);
    const credentials = credentialsOf(await connect(), target);
    await confirm(`rotate credential ${out.printable(tokenId)}`, 'Its current secrets stop working at once.');
    const rotated = await credentials.rotate(tokenId);
    const scopes = rotated.scopes ?? (format === 'env' || format === 'shell' ? await scopesOf(credentials, tokenId) : []);
    await deliverSecrets(rotated, scopes, format, target);
  },
};

const revoke = {
  summary: 'revoke a credential (cannot be undone)',
  args: ['<tokenId>'],
  options: branchOptions,
  destructive: true,
  async run({ args: [tokenId], values, format, connect, confirm }) {
    const target = branchTarget(values);
    const credentials = credentialsOf(await connect(), target);
    await confirm(`revoke credential ${out.printable(tokenId)}`, 'It stops working at once; this cannot be undone.');
    await credentials.revoke(tokenId);
    if (format === 'json') return out.json({ token_id: tokenId, revoked: true });
    await out.line(`revoked credential ${out.printable(tokenId)}`);
  },
};

export const credentials = {
  summary: 'branch credentials (Beta): list, create, reveal, rotate, revoke',
  subcommands: { list, create, reveal, rotate, revoke },
};
