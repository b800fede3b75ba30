// `neon-admin auth status|enable|disable` and the `auth` group (apply, pull, domains, providers live
// in their own files).

import { branchAuth, branchOptions, branchTarget } from './branch-target.mjs';
import { apply } from './auth-apply.mjs';
import { pull } from './auth-pull.mjs';
import { domains } from './auth-domains.mjs';
import { providers } from './auth-providers.mjs';
import { deliver, lostAuthKeys } from '../delivery.mjs';
import * as out from '../output.mjs';

const isNotFound = (error) => error?.name === 'NeonApiError' && error.status === 404;

/** The app settings as env lines (base URL when the API gives one). */
export const settingsEnv = (info) => ({ NEON_AUTH_BASE_URL: info.base_url, NEON_AUTH_JWKS_URL: info.jwks_url });

const status = {
  summary: 'show whether Neon Auth is enabled on a branch, and its URLs',
  options: branchOptions,
  env: 'NEON_AUTH_BASE_URL=… and NEON_AUTH_JWKS_URL=… (nothing when not enabled)',
  description: ['Not enabled is not an error: it prints "not enabled" ({"enabled": false} with --json) and exits 0.'],
  async run({ values, format, connect }) {
    const target = branchTarget(values);
    const neon = await connect();
    const auth = branchAuth(neon, target);
    const info = await auth.get().catch((error) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (info === null) {
      const branchId = await auth.branchId();
      if (format === 'json') return out.json({ enabled: false, branch_id: branchId });
      if (format === 'env' || format === 'shell') return out.warn(`Neon Auth is not enabled on branch ${branchId}: no lines printed`);
      return out.line(`not enabled (branch ${branchId})`);
    }
    if (format === 'json') return out.json({ enabled: true, ...info });
    if (format === 'env' || format === 'shell') return out.envLines(settingsEnv(info), format, { enabled: true, ...info });
    return out.write(out.fields([
      ['enabled', 'yes'],
      ['branch', info.branch_id],
      ['provider', info.auth_provider],
      ['database', info.db_name],
      ['name', info.name],
      ['base URL', info.base_url],
      ['JWKS URL', info.jwks_url],
      ['created', info.created_at],
    ]));
  },
};

const enable = {
  summary: 'enable Neon Auth on a branch (its keys are printed once)',
  options: {
    ...branchOptions,
    'auth-provider': { type: 'string', value: '<provider>', description: 'better_auth (default), stack or mock' },
    database: { type: 'string', value: '<name>', description: 'database to hold the neon_auth schema (default: the API\'s)' },
  },
  env: 'NEON_AUTH_BASE_URL, NEON_AUTH_JWKS_URL, NEON_AUTH_PUB_CLIENT_KEY, NEON_AUTH_SECRET_SERVER_KEY',
  description: ['Fails (exit 1, status 409) when Neon Auth is already enabled: see `auth status`, or use `auth apply`.'],
  async run({ values, format, connect }) {
    const target = branchTarget(values);
    const options = {};
    if (values['auth-provider'] !== undefined) options.authProvider = values['auth-provider'];
    if (values.database !== undefined) options.databaseName = values.database;
    const neon = await connect();
    const enabled = await branchAuth(neon, target).enable(options);
    await deliver(writeEnabled(enabled, format), (reason) => lostAuthKeys(target.projectId, [target.branch], reason));
  },
};

/** Writes what `enable` returned, its two keys included (shown this once). */
function writeEnabled(enabled, format) {
  if (format === 'json') return out.json(enabled);
  if (format === 'env' || format === 'shell') {
    return out.envLines({ ...settingsEnv(enabled), NEON_AUTH_PUB_CLIENT_KEY: enabled.pub_client_key, NEON_AUTH_SECRET_SERVER_KEY: enabled.secret_server_key }, format, enabled);
  }
  return out.write(
    `${out.fields([
      ['provider', enabled.auth_provider],
      ['base URL', enabled.base_url],
      ['JWKS URL', enabled.jwks_url],
      ['publishable client key', enabled.pub_client_key],
      ['secret server key', enabled.secret_server_key],
    ])}The keys are shown only this once: store them now.\n`,
  );
}

const disable = {
  summary: 'disable Neon Auth on a branch',
  options: {
    ...branchOptions,
    'delete-data': { type: 'boolean', description: 'also delete the neon_auth schema (its users)' },
  },
  destructive: true,
  async run({ values, format, connect, confirm }) {
    const target = branchTarget(values);
    const deleteData = Boolean(values['delete-data']);
    const neon = await connect();
    await confirm(`disable Neon Auth on branch ${out.printable(target.branch)} of ${out.printable(target.projectId)}`, deleteData ? 'Its users are deleted too.' : 'Its settings are dropped (users are kept).');
    const auth = branchAuth(neon, target);
    await auth.disable({ deleteData });
    const branchId = await auth.branchId();
    if (format === 'json') return out.json({ branch_id: branchId, disabled: true, delete_data: deleteData });
    await out.line(`disabled Neon Auth on branch ${branchId}${deleteData ? ' and deleted its data' : ''}`);
  },
};

export const auth = {
  summary: 'branch-level Neon Auth',
  subcommands: { status, enable, disable, apply, pull, domains, providers },
};
