// `neon-admin keys list|create|revoke|rotate`: personal API keys, or an organization's with --org.

import { positiveInteger, UsageError } from '../args.mjs';
import { API_ERROR } from '../exit-codes.mjs';
import { deliver, partialOf } from '../delivery.mjs';
import * as out from '../output.mjs';

const org = { type: 'string', value: '<orgId>', description: "an organization's keys (e.g. org-cold-sky-12345678) instead of your personal keys" };
const project = { type: 'string', value: '<projectId>', description: 'with --org: scope the new key to this one project' };

const keysOf = (neon, values) => (values.org !== undefined ? neon.orgApiKeys(values.org) : neon.apiKeys);

function scope(values) {
  if (values.project === undefined) return {};
  if (values.org === undefined) throw new UsageError('--project needs --org (only organization keys can be scoped to a project)');
  return { projectId: values.project };
}

/** Writes a created key (its token is shown this once) in `format`; `json` is the document --json writes. */
function writeCreated(created, format, json = created) {
  if (format === 'json') return out.json(json);
  if (format === 'env' || format === 'shell') return out.envLines({ NEON_API_KEY: created.key }, format, json);
  return out.write(
    `${out.fields([
      ['id', created.id],
      ['name', created.name],
      ['project', created.project_id],
      ['created', created.created_at],
      ['key', created.key],
    ])}The key is shown only this once: store it now.\n`,
  );
}

const revokeCommand = (id, values) => `neon-admin keys revoke ${id}${values.org !== undefined ? ` --org ${out.printable(values.org)}` : ''} --yes`;

/** The message for a new key whose token could not be written. */
const lostToken = (created, values) => (reason) =>
  `the API key ${created.id} was created, but its token could not be written (${reason}) and cannot be shown again: revoke it with \`${revokeCommand(created.id, values)}\` and create a new one`;

/**
 * Writes a key the API created (`created`; `json` is the document --json writes), so that a failed
 * write names the key; `failed` is the error of a call whose `partial` held the key.
 */
const deliverCreated = (created, format, values, json, failed) => deliver(writeCreated(created, format, json), lostToken(created, values), failed);

const list = {
  summary: 'list API keys (tokens are never listed)',
  options: { org },
  async run({ values, format, connect }) {
    const neon = await connect();
    const keys = await keysOf(neon, values).list();
    if (format === 'json') return out.json(keys);
    await out.write(out.table(
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
    ));
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
    let created;
    try {
      created = await keysOf(neon, values).create(input);
    } catch (error) {
      // The API created the key before the call failed: its token is out before the error is.
      const partial = partialOf(error);
      if (typeof partial?.key === 'string') await deliverCreated(partial, format, values, partial, error);
      throw error;
    }
    await deliverCreated(created, format, values);
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
    await out.line(`revoked API key ${revoked.id} (${out.printable(revoked.name)})`);
  },
};

// --json writes the rotation as one document in two parts: `created` before the old key is
// revoked, the rest after; together they are exactly the document of the whole rotation.
const rotationHead = (created) => `${out.jsonText({ created }).slice(0, -3)},\n`;
const rotationTail = ({ created: _created, ...rest }) => out.jsonText(rest).slice(2);

/** The error for a rotation undone because the new token could not be written (`failed` is the library's error). */
function undoneRotation(writeError, failed, ids, values) {
  const { newKeyId, oldKeyId } = ids;
  writeError.message =
    failed?.newKeyRevoked === true
      ? `the new key's token could not be written (${writeError.message}), so nothing was rotated: the new key ${newKeyId} was revoked again and the old key ${oldKeyId} still works; rotate again with stdout going where it is read`
      : `the new key's token could not be written (${writeError.message}), and revoking the new key ${newKeyId} failed too: key ${newKeyId} is live with a token that never arrived, revoke it with \`${revokeCommand(newKeyId, values)}\`; the old key ${oldKeyId} still works`;
  return writeError;
}

const rotate = {
  summary: 'create a replacement key, then revoke the old one',
  args: ['<oldKeyId>'],
  options: { name: { type: 'string', value: '<name>', description: 'name of the new key (required)' }, org, project },
  env: 'NEON_API_KEY=<the new token>',
  description: [
    'The old key must be listed, else nothing is created. The new key is created and its token written',
    'out first; only then is the old key revoked. If the token cannot be written (stdout closed), the new',
    'key is revoked again, the old key keeps working, and the exit code is 3. If revoking the old key',
    'fails, the new key is still printed, the reason goes to stderr, and the exit code is 1: revoke the',
    'old key with `neon-admin keys revoke <oldKeyId>`.',
  ],
  destructive: true,
  async run({ args: [id], values, format, connect, confirm }) {
    const oldKeyId = positiveInteger(id, 'the old key ID');
    if (values.name === undefined) throw new UsageError('missing --name <name> (the new key\'s name)');
    const input = { oldKeyId, name: values.name, ...scope(values), revokeOld: true };
    const neon = await connect();
    await confirm(`rotate API key ${oldKeyId}`, `A new key "${out.printable(values.name)}" is created, then key ${oldKeyId} is revoked.`);
    // The library revokes the old key only after onNewKey returned. A failed write makes it throw,
    // so the library revokes the new key again; a value --env cannot carry went out as JSON, so the
    // rotation goes on and that error comes at the end.
    let newKeyId;
    let written = false;
    let writeError;
    let envError;
    input.onNewKey = async (created) => {
      newKeyId = created.id;
      try {
        await (format === 'json' ? out.write(rotationHead(created)) : writeCreated(created, format));
      } catch (error) {
        if (error?.name !== 'EnvValueError') throw (writeError = error);
        envError = error;
      }
      written = true;
    };
    let rotation;
    try {
      rotation = await keysOf(neon, values).rotate(input);
    } catch (error) {
      if (writeError) throw undoneRotation(writeError, error, { newKeyId, oldKeyId }, values);
      const partial = partialOf(error);
      if (!written && typeof partial?.created?.key === 'string') await deliverCreated(partial.created, format, values, partial, error);
      throw error;
    }
    if (format === 'json') await out.write(rotationTail(rotation));
    else if (format === 'human' && rotation.revoked) await out.line(`revoked the old key ${rotation.revoked.id} (${out.printable(rotation.revoked.name)})`);
    if (rotation.revoke_error) out.warn(`the new key ${rotation.created.id} was created, but revoking the old key ${oldKeyId} failed: ${rotation.revoke_error}`);
    if (envError) throw envError;
    return rotation.revoke_error ? API_ERROR : undefined;
  },
};

export const keys = {
  summary: 'API keys: list, create, revoke, rotate',
  subcommands: { list, create, revoke, rotate },
};
