// `neon-admin auth domains list|add|remove`: the branch's trusted domains (redirect allow-list).

import * as out from '../output.mjs';
import { branchAuth, branchOptions, branchTarget } from './branch-target.mjs';

const authProvider = { type: 'string', value: '<provider>', description: 'the provider the domain applies to (better_auth, stack, mock)' };
const providerOption = (values) => (values['auth-provider'] !== undefined ? { authProvider: values['auth-provider'] } : undefined);

const list = {
  summary: 'list trusted domains',
  options: branchOptions,
  async run({ values, format, connect }) {
    const target = branchTarget(values);
    const neon = await connect();
    const domains = await branchAuth(neon, target).domains.list();
    if (format === 'json') return out.json(domains);
    await out.write(out.table(domains, [['DOMAIN', (d) => d.domain], ['PROVIDER', (d) => d.auth_provider]], 'no trusted domains'));
  },
};

const add = {
  summary: 'trust a domain or pattern (https://app.example.com, https://*.preview.example.com, myapp://callback)',
  args: ['<url>'],
  options: { ...branchOptions, 'auth-provider': authProvider },
  async run({ args: [url], values, format, connect }) {
    const target = branchTarget(values);
    const neon = await connect();
    await branchAuth(neon, target).domains.add(url, providerOption(values));
    if (format === 'json') return out.json({ added: [url] });
    await out.line(`trusted ${out.printable(url)}`);
  },
};

const remove = {
  summary: 'stop trusting one or more domains',
  args: ['<url>...'],
  options: { ...branchOptions, 'auth-provider': authProvider },
  description: ['Any URL that is not trusted fails the whole call (exit 1) and nothing is removed.'],
  destructive: true,
  async run({ args: urls, values, format, connect, confirm }) {
    const target = branchTarget(values);
    const neon = await connect();
    await confirm(`stop trusting ${urls.map(out.printable).join(', ')} on branch ${out.printable(target.branch)}`);
    await branchAuth(neon, target).domains.remove(urls, providerOption(values));
    if (format === 'json') return out.json({ removed: urls });
    await out.line(`removed ${urls.map(out.printable).join(', ')}`);
  },
};

export const domains = {
  summary: 'trusted domains',
  subcommands: { list, add, remove },
};
