// Keyring profiles, checked against the real `neon` CLI 6.2.3: the CLI stores a credential in the
// OS keyring (`neon profile create kr --keyring`), and both programs read it. On Linux this runs in
// a fresh kernel session keyring (`keyctl session -`, from Debian's keyutils). The native backend
// reads the item; the wasm build cannot reach a keyring and must say so. Where a developer's machine
// has no usable keyring, the test says so and checks that NeonConfigError instead; under CI
// (CI=true, where scripts/setup.sh installs keyutils or fails) a missing keyring fails the test.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NeonAdmin, backend } from '../../js/node.mjs';
import { adminWhoami, caseEnv, startRecorder, tempHome } from './support/cli-oracle.mjs';

const CHILD = fileURLToPath(new URL('./support/keyring-child.mjs', import.meta.url));
const keyctlWorks = () => spawnSync('keyctl', ['session', '-', 'true'], { stdio: 'ignore' }).status === 0;

let recorder;
before(async () => {
  recorder = await startRecorder();
});
after(() => recorder.stop());

function runChild(env) {
  return new Promise((resolve, reject) => {
    const child = spawn('keyctl', ['session', '-', process.execPath, CHILD], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`child failed: ${err}`))));
  });
}

test('a keyring profile the CLI stored: both programs read it, or neon-admin says how out', async (t) => {
  const home = tempHome();
  mkdirSync(join(home, '.config', 'neon'), { recursive: true });
  const scope = recorder.scope();
  const env = { ...caseEnv(home, scope.baseUrl), NEON_ADMIN_BACKEND: backend };
  if (!keyctlWorks()) {
    assert.notEqual(process.env.CI, 'true', 'under CI the keyring must be usable: `keyctl session - true` failed (is keyutils installed?)');
    t.diagnostic('no kernel session keyring on this machine (keyctl missing or refused): checking the NeonConfigError instead');
    console.log('# keyring: no kernel session keyring on this machine; checking the NeonConfigError instead');
    writeFileSync(join(home, '.config', 'neon', 'profiles.json'), JSON.stringify({ version: 1, profiles: { kr: { credentials: 'keyring' } } }));
    const { error } = await adminWhoami(NeonAdmin, env, scope.baseUrl, { profile: 'kr' });
    assert.equal(error?.name, 'NeonConfigError');
    assert.match(error.message, /"kr"/);
    assert.match(error.message, /neon-admin\/native/);
    assert.match(error.message, /NEON_API_KEY/);
    return;
  }
  const result = await runChild(env);
  assert.equal(result.backend, backend);
  assert.equal(result.created.code, 0, result.created.stderr);
  const profiles = JSON.parse(readFileSync(join(home, '.config', 'neon', 'profiles.json'), 'utf8'));
  assert.equal(profiles.profiles.kr.credentials, 'keyring');
  const sent = scope.bearers();
  // The CLI checked the key while storing it (GET /auth, GET /users/me), then `neon me` sent it.
  assert.deepEqual(sent.slice(0, 3), ['napi_in_keyring', 'napi_in_keyring', 'napi_in_keyring'], result.cli.stderr);
  if (backend === 'native') {
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.source, 'keyring');
    assert.deepEqual(sent.slice(3), ['napi_in_keyring']);
  } else {
    assert.equal(result.error?.name, 'NeonConfigError');
    assert.match(result.error.message, /"kr"/);
    assert.match(result.error.message, /neon-admin\/native/);
    assert.deepEqual(sent.slice(3), []);
  }
});
