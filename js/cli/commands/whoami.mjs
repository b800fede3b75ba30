// `neon-admin whoami`: who the credentials belong to.

import * as out from '../output.mjs';

export const whoami = {
  summary: 'show who the credentials belong to',
  async run({ format, connect }) {
    const neon = await connect();
    const me = await neon.whoami();
    if (format === 'json') return out.json(me);
    await out.write(out.fields([
      ['account', me.account_id],
      ['auth method', me.auth_method],
      ['detail', me.auth_data],
      ['credentials from', { option: 'an option', env: 'NEON_API_KEY', credentials_file: "the Neon CLI's stored login", keyring: "the Neon CLI's login in the OS keyring" }[neon.credentialSource] ?? neon.credentialSource],
      ['API', neon.baseUrl],
    ]));
  },
};
