// `neon-admin auth providers list|add|remove`: OAuth sign-in providers. A client secret is never a
// flag value (flags show in `ps`): it is read from the environment variable --client-secret-env
// names, or from stdin with --client-secret-stdin.

import { UsageError } from '../args.mjs';
import * as out from '../output.mjs';
import { branchAuth, branchOptions, branchTarget } from './branch-target.mjs';

/** A provider without its client secret (it was given, or is not needed, so it is never printed). */
const withoutSecret = ({ client_secret: _secret, ...provider }) => provider;

async function clientSecret(values) {
  const fromEnv = values['client-secret-env'];
  if (fromEnv !== undefined && values['client-secret-stdin']) throw new UsageError('use either --client-secret-env or --client-secret-stdin, not both');
  if (fromEnv !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(fromEnv)) throw new UsageError('--client-secret-env takes the name of an environment variable');
    const secret = process.env[fromEnv];
    if (!secret) throw new UsageError(`the environment variable ${fromEnv} (--client-secret-env) is not set`);
    return secret;
  }
  if (values['client-secret-stdin']) {
    if (process.stdin.isTTY) throw new UsageError('--client-secret-stdin reads a pipe, not a terminal (or use --client-secret-env)');
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const secret = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
    if (!secret) throw new UsageError('--client-secret-stdin: stdin was empty');
    return secret;
  }
  return undefined;
}

const list = {
  summary: 'list OAuth providers',
  options: branchOptions,
  async run({ values, format, connect }) {
    const target = branchTarget(values);
    const neon = await connect();
    const providers = (await branchAuth(neon, target).oauthProviders.list()).map(withoutSecret);
    if (format === 'json') return out.json(providers);
    await out.write(out.table(providers, [['ID', (p) => p.id], ['TYPE', (p) => p.type], ['CLIENT ID', (p) => p.client_id]], 'no OAuth providers'));
  },
};

const add = {
  summary: 'add an OAuth provider: google, github, microsoft or vercel',
  args: ['<provider>'],
  options: {
    ...branchOptions,
    'client-id': { type: 'string', value: '<id>', description: 'OAuth client ID of your own app' },
    'client-secret-env': { type: 'string', value: '<VAR>', description: 'read the OAuth client secret from this environment variable' },
    'client-secret-stdin': { type: 'boolean', description: 'read the OAuth client secret from stdin (a pipe)' },
    'microsoft-tenant-id': { type: 'string', value: '<tenant>', description: 'Microsoft only: the Entra ID tenant' },
  },
  description: [
    "Without --client-id, Neon's shared development credentials are used. The client secret is never",
    'taken as a flag value (it would show in `ps`): name an environment variable, or pipe it to stdin.',
  ],
  async run({ args: [id], values, format, connect }) {
    const target = branchTarget(values);
    const input = { id };
    if (values['client-id'] !== undefined) input.clientId = values['client-id'];
    const secret = await clientSecret(values);
    if (secret !== undefined) input.clientSecret = secret;
    if (values['microsoft-tenant-id'] !== undefined) input.microsoftTenantId = values['microsoft-tenant-id'];
    const neon = await connect();
    const provider = withoutSecret(await branchAuth(neon, target).oauthProviders.add(input));
    if (format === 'json') return out.json(provider);
    await out.line(`added ${out.printable(provider.id)} (${out.printable(provider.type)}${provider.client_id ? `, client ID ${out.printable(provider.client_id)}` : ''})`);
  },
};

const remove = {
  summary: 'remove an OAuth provider',
  args: ['<provider>'],
  options: branchOptions,
  destructive: true,
  async run({ args: [id], values, format, connect, confirm }) {
    const target = branchTarget(values);
    const neon = await connect();
    await confirm(`remove the ${out.printable(id)} sign-in from branch ${out.printable(target.branch)}`);
    await branchAuth(neon, target).oauthProviders.remove(id);
    if (format === 'json') return out.json({ removed: id });
    await out.line(`removed ${out.printable(id)}`);
  },
};

export const providers = {
  summary: 'OAuth providers',
  subcommands: { list, add, remove },
};
