// `neon-admin auth apply --file <json>`: make a branch's Neon Auth match a file, through
// `branchAuth().apply(desired, { dryRun, prune })`; prints the changes, the result as JSON, or the
// app's settings as KEY=value lines for a build hook (`… --env >> .env`).

import { readFile } from 'node:fs/promises';
import { UsageError } from '../args.mjs';
import { deliver, lostAuthKeys, partialOf } from '../delivery.mjs';
import * as out from '../output.mjs';
import { applyFleet, fleetOptions } from './auth-apply-fleet.mjs';
import { branchAuth, branchOptions, branchTarget } from './branch-target.mjs';
import { credentialEnv } from './credentials.mjs';

const SIGNS = { add: '+', create: '+', enable: '+', remove: '-', delete: '-', disable: '-' };

/** A copy of `value` with fields that look secret replaced, for human output only. */
function redact(value) {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, /secret|password|_key$|Key$/.test(key) ? '[REDACTED]' : redact(item)]));
}

const show = (value) => (typeof value === 'string' ? value : JSON.stringify(redact(value)));

/** One change as a line: `+ add trustedDomains https://x`, `~ update emailAndPassword {…}`, `- remove …`. */
export function changeLine({ action, target, before, after }) {
  const sign = SIGNS[action] ?? '~';
  const value = sign === '-' ? (before ?? after) : (after ?? before);
  return out.printable(`${sign} ${action} ${target}${value === null || value === undefined ? '' : ` ${show(value)}`}`);
}

/** The desired state from `path` ("-" is stdin): a JSON object, else UsageError. Never echoes the content. */
async function readDesired(path) {
  let text;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    const reason = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a directory' }[error.code] ?? 'it could not be read';
    throw new UsageError(`cannot read --file ${out.printable(path)}: ${reason}`);
  }
  let desired;
  try {
    desired = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(error.message);
    const where = at ? ` (line ${text.slice(0, Number(at[1])).split('\n').length})` : '';
    throw new UsageError(`--file ${out.printable(path)} is not valid JSON${where}`);
  }
  if (desired === null || typeof desired !== 'object' || Array.isArray(desired)) {
    throw new UsageError(`--file ${out.printable(path)} must hold a JSON object (the desired Neon Auth settings)`);
  }
  return desired;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export const apply = {
  summary: "make a branch's Neon Auth match a JSON file (safe to rerun)",
  options: {
    ...branchOptions,
    file: { type: 'string', value: '<path>', description: 'the desired settings, a JSON object ("-" reads stdin); required' },
    'dry-run': { type: 'boolean', description: 'only show what would change' },
    prune: { type: 'boolean', description: 'also remove domains and providers the file does not list' },
    ...fleetOptions,
  },
  env: 'NEON_AUTH_BASE_URL and NEON_AUTH_JWKS_URL on every run; NEON_AUTH_PUB_CLIENT_KEY and NEON_AUTH_SECRET_SERVER_KEY only on the run that enables Neon Auth (changes, and which run this was, go to stderr)',
  description: [
    'The file uses camelCase keys: enabled, authProvider, databaseName, trustedDomains, oauthProviders,',
    'emailProvider, emailAndPassword, allowLocalhost, plugins {organization, magicLink, phoneNumber}, webhooks,',
    'credentials [{name, scopes}] (issued when missing, their secrets printed once; other scopes: drift).',
    'Prints one line per change (+ add, ~ update, - remove) or "no changes". A build hook:',
    '  npx neon-admin auth apply --file neon-auth.json --env >> .env',
    'The run that enables Neon Auth also prints its two keys, the only time they exist: store them as',
    'secrets (a CI secret or a secret manager) then. Every later run prints only the base and JWKS URLs.',
    "With --branches 'preview/*' the file is applied to every matching branch of the project, under",
    "Neon's rate limits: a progress bar on a terminal, one JSON line per branch with --json, else a",
    'summary table; exit code 1 when any branch failed.',
  ],
  destructive: 'with --prune (unless --dry-run)',
  async run(context) {
    const { values, format, connect, confirm } = context;
    const fleet = values.branches !== undefined;
    const target = fleet ? undefined : branchTarget(values);
    if (fleet && values.branch !== undefined) throw new UsageError('--branch and --branches cannot be used together');
    if (values.concurrency !== undefined && !fleet) throw new UsageError('--concurrency needs --branches');
    if (values.file === undefined) throw new UsageError('missing --file <path> (the desired settings as JSON)');
    const desired = await readDesired(values.file);
    const dryRun = Boolean(values['dry-run']);
    const prune = Boolean(values.prune);
    if (fleet) return applyFleet(context, desired, { dryRun, prune });
    const neon = await connect();
    const auth = branchAuth(neon, target);
    if (prune && !dryRun) {
      await confirm(`apply ${out.printable(values.file)} with --prune to branch ${out.printable(target.branch)}`, 'Settings the file does not list are removed.');
    }
    let result;
    try {
      result = await auth.apply(desired, { dryRun, prune });
    } catch (error) {
      // A later step failed after Neon Auth was enabled: the keys received so far go out first.
      const partial = partialOf(error);
      if (partial?.created_keys || partial?.created_credentials) await deliverApplied(partial, format, target, error);
      throw error;
    }
    await deliverApplied(result, format, target);
  },
};

/** Writes an apply result so that a failed write names the branch whose keys it held; `failed` as in `deliver`. */
function deliverApplied(result, format, target, failed) {
  const lost = (reason) => {
    const keys = result.created_keys ? lostAuthKeys(target.projectId, [target.branch], reason) : reason;
    const ids = (result.created_credentials ?? []).map((c) => c.token_id);
    return ids.length ? `${keys}; the credentials ${ids.join(', ')} were issued: \`neon-admin credentials reveal <tokenId>\` recovers their secrets` : keys;
  };
  return deliver(writeApplied(result, format), lost, failed);
}

/** The drift lines: wanted credentials whose live namesakes carry other scopes. */
const driftLines = (result) =>
  (result.drift ?? []).map((d) => out.printable(`! drift credentials.${d.name}: ${d.token_id} has ${d.scopes.join(',')}, wanted ${d.wanted_scopes.join(',')} (revoke it and apply again)`));

/** The --env lines of the credentials issued; `null` when two would share a variable. */
function credentialLines(created) {
  const pairs = {};
  for (const c of created) {
    for (const [key, value] of Object.entries(credentialEnv(c, c.scopes))) {
      if (key in pairs) return null;
      pairs[key] = value;
    }
  }
  return pairs;
}

const KEYS_ONCE = 'Neon Auth was enabled: these keys are shown only this once, store them now.';

/** Writes an apply result: the JSON document, the env lines (changes on stderr), or the changes and keys for people. */
async function writeApplied(result, format) {
  if (format === 'json') return out.json(result);
  const changes = [...result.changes.map(changeLine), ...driftLines(result)];
  const created = result.created_credentials ?? [];
  if (format === 'env' || format === 'shell') {
    for (const change of changes) process.stderr.write(`${change}\n`);
    if (result.dry_run) process.stderr.write('dry run: nothing was changed\n');
    const credentials = credentialLines(created);
    if (credentials === null) {
      await out.json(result);
      throw new UsageError('several credentials were issued, whose --env lines would share names: the result was printed as JSON (store each credential\'s secrets now)');
    }
    await out.envLines(
      {
        ...(result.neon_auth ? { NEON_AUTH_BASE_URL: result.neon_auth.base_url, NEON_AUTH_JWKS_URL: result.neon_auth.jwks_url } : {}),
        ...(result.created_keys
          ? { NEON_AUTH_PUB_CLIENT_KEY: result.created_keys.pub_client_key, NEON_AUTH_SECRET_SERVER_KEY: result.created_keys.secret_server_key }
          : {}),
        ...credentials,
      },
      format,
      result,
    );
    // Build hooks run this on every deploy: say which run printed the keys and that later runs do not.
    if (result.created_keys) {
      out.warn('Neon Auth was enabled on this run, so NEON_AUTH_PUB_CLIENT_KEY and NEON_AUTH_SECRET_SERVER_KEY were printed, this once: store them as secrets now; later runs print only NEON_AUTH_BASE_URL and NEON_AUTH_JWKS_URL');
    } else if (result.neon_auth && !result.dry_run) {
      out.warn("Neon Auth was already enabled, so its keys were not printed (only the run that enabled it printed them): read them from where they were stored");
    }
    return undefined;
  }
  let text = `${(changes.length ? changes : ['no changes']).join('\n')}\n`;
  if (result.dry_run) text += 'dry run: nothing was changed\n';
  if (result.created_keys) {
    text += `\n${out.fields([
      ['publishable client key', result.created_keys.pub_client_key],
      ['secret server key', result.created_keys.secret_server_key],
    ])}${KEYS_ONCE}\n`;
  }
  for (const c of created) {
    text += `\n${out.fields([
      ['credential', c.token_id],
      ['name', c.name],
      ['scopes', c.scopes.join(', ')],
      ['API token', c.api_token],
      ['S3 secret', c.s3_secret_access_key],
    ])}Issued on this run: its secrets are shown once (\`credentials reveal\` recovers them).\n`;
  }
  return out.write(text);
}
