// `neon-admin keys list|create|revoke|rotate`: personal API keys, or an organization's with --org.

import { positiveInteger, UsageError } from '../args.mjs';
import { API_ERROR } from '../exit-codes.mjs';
import * as out from '../output.mjs';

const org = { type: 'string', value: '<orgId>', description: "an organization's keys (e.g. org-cold-sky-12345678) instead of your personal keys" };
const project = { type: 'string', value: '<projectId>', description: 'with --org: scope the new key to this one project' };

const keysOf = (neon, values) => (values.org !== undefined ? neon.orgApiKeys(values.org) : neon.apiKeys);

function scope(values) {
  if (values.project === undefined) return {};
  if (values.org === undefined) throw new UsageError('--project needs --org (only organization keys can be scoped to a project)');
  return { projectId: values.project };
}

/** Prints a created key: its token is shown this once. */
function printCreated(created, format) {
  if (format === 'env') return out.env({ NEON_API_KEY: created.key });
  out.fields([
    ['id', created.id],
    ['name', created.name],
    ['project', created.project_id],
    ['created', created.created_at],
    ['key', created.key],
  ]);
  out.line('The key is shown only this once: store it now.');
}

const list = {
  summary: 'list API keys (tokens are never listed)',
  options: { org },
  async run({ values, format, connect }) {
    const neon = await connect();
    const keys = await keysOf(neon, values).list();
    if (format === 'json') return out.json(keys);
    out.table(
      keys,
      [
        ['ID', (k) => k.id],
        ['NAME', (k) => k.name],
        ...(values.org !== undefined ? [['PROJECT', (k) => k.project_id]] : []),
        ['CREATED', (k) => k.created_at],
        ['LAST USED', (k) => k.last_used_at],
        ['CREATED BY', (k) => k.created_by?.name],
      ],
      'no API keys',
    );
  },
};

const create = {
  summary: 'create an API key (its token is printed once)',
  args: ['<name>'],
  options: { org, project },
  env: 'NEON_API_KEY=<the new token>',
  async run({ args: [name], values, format, connect }) {
    const input = { name, ...scope(values) };
    const neon = await connect();
    const created = await keysOf(neon, values).create(input);
    if (format === 'json') return out.json(created);
    printCreated(created, format);
  },
};

const revoke = {
  summary: 'revoke an API key (cannot be undone)',
  args: ['<keyId>'],
  options: { org },
  destructive: true,
  async run({ args: [id], values, format, connect, confirm }) {
    const keyId = positiveInteger(id, 'the key ID');
    const neon = await connect();
    await confirm(`revoke API key ${keyId}${values.org !== undefined ? ` of ${out.printable(values.org)}` : ''}`, 'It stops working at once; this cannot be undone.');
    const revoked = await keysOf(neon, values).revoke(keyId);
    if (format === 'json') return out.json(revoked);
    out.line(`revoked API key ${revoked.id} (${out.printable(revoked.name)})`);
  },
};

const rotate = {
  summary: 'create a replacement key, then revoke the old one',
  args: ['<oldKeyId>'],
  options: { name: { type: 'string', value: '<name>', description: 'name of the new key (required)' }, org, project },
  env: 'NEON_API_KEY=<the new token>',
  description: [
    'The old key must be listed, else nothing is created. The new key is created first; if revoking',
    'the old one then fails, the new key is still printed, the reason goes to stderr, and the exit',
    'code is 1: revoke the old key with `neon-admin keys revoke <oldKeyId>`.',
  ],
  destructive: true,
  async run({ args: [id], values, format, connect, confirm }) {
    const oldKeyId = positiveInteger(id, 'the old key ID');
    if (values.name === undefined) throw new UsageError('missing --name <name> (the new key\'s name)');
    const input = { oldKeyId, name: values.name, ...scope(values), revokeOld: true };
    const neon = await connect();
    await confirm(`rotate API key ${oldKeyId}`, `A new key "${out.printable(values.name)}" is created, then key ${oldKeyId} is revoked.`);
    // Tables and env lines print the new key as soon as it exists and works, before the old key
    // is revoked (the library's onNewKey hook); JSON is one document, printed at the end.
    if (format !== 'json') input.onNewKey = (created) => printCreated(created, format);
    const rotation = await keysOf(neon, values).rotate(input);
    if (format === 'json') out.json(rotation);
    else if (format === 'human' && rotation.revoked) out.line(`revoked the old key ${rotation.revoked.id} (${out.printable(rotation.revoked.name)})`);
    if (rotation.revoke_error) {
      out.warn(`the new key ${rotation.created.id} was created, but revoking the old key ${oldKeyId} failed: ${rotation.revoke_error}`);
      return API_ERROR;
    }
  },
};

export const keys = {
  summary: 'API keys: list, create, revoke, rotate',
  subcommands: { list, create, revoke, rotate },
};
