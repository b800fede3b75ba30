// A Bun script that rotates a Neon API key: creates the new key, checks that it works, hands it
// to your secret store, and only then revokes the old one. If storing fails, the new key is
// revoked again and the old one keeps working.
//
//   NEON_API_KEY=… bun rotate-key.mjs <old key id> <new key name>

import NeonAdmin from 'neon-admin';

const [oldKeyId, name] = Bun.argv.slice(2);
if (!oldKeyId || !name) {
  console.error('usage: bun rotate-key.mjs <old key id> <new key name>');
  process.exit(2);
}

// Replace with your secret manager's client; the token is shown this once.
async function storeInSecretManager(token) {
  await Bun.write(process.env.NEW_KEY_FILE ?? 'new-neon-key.txt', token);
}

// NEON_API_KEY and, to point the script at another API, NEON_API_HOST come from the environment.
const neon = await NeonAdmin.connect();
const rotation = await neon.apiKeys.rotate({
  oldKeyId: Number(oldKeyId),
  name,
  onNewKey: (created) => storeInSecretManager(created.key),
});
console.log(`new key ${rotation.created.id} stored; old key ${rotation.revoked ? 'revoked' : `not revoked: ${rotation.revoke_error}`}`);
