// Starts the local Neon API simulator (target/release/neon-sim) on a free port, for the demo and the tests.
// Run as a script (`npm run simulator [-- neon-sim options]`), it builds the simulator when needed
// (quietly: cargo prints only errors) and runs it in the foreground, printing its base URL and
// seed key, until Ctrl-C.

import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';

const binary = fileURLToPath(new URL('../target/release/neon-sim', import.meta.url));

/**
 * Starts a simulator seeded with `seedKey`; resolves once it listens.
 * @returns {Promise<{ baseUrl: string, seedKey: string, requests: () => Promise<any[]>, resetLog: () => Promise<void>, minted: () => Promise<any[]>, resetMinted: () => Promise<void>, hook: (path: string) => Promise<{ status: number, body: any }>, stop: () => void }>}
 */
export async function startSimulator({ seedKey = 'seed_' + Math.random().toString(36).slice(2, 14), args = [] } = {}) {
  const child = spawn(binary, ['--port', '0', '--seed-key', seedKey, '--exit-on-stdin-eof', ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const stop = () => child.kill();
  process.once('exit', stop);
  const lines = createInterface({ input: child.stdout });
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('neon-sim did not start within 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`neon-sim exited early with code ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /listening on (\S+)/.exec(line);
      match ? resolve(match[1]) : reject(new Error(`unexpected neon-sim output: ${line}`));
    });
  });
  const origin = new URL(baseUrl).origin;
  return {
    baseUrl,
    seedKey,
    /** The requests the simulator received under /api/v2 since start or the last reset. */
    async requests() {
      const res = await fetch(`${origin}/__sim/requests`);
      return (await res.json()).requests;
    },
    async resetLog() {
      await fetch(`${origin}/__sim/reset-log`, { method: 'POST' });
    },
    /**
     * Every once-shown secret minted since start or the last reset, oldest first:
     * `{ kind: 'api_key' | 'neon_auth', id, secrets, revoked, revoked_by_request }`.
     */
    async minted() {
      const res = await fetch(`${origin}/__sim/minted`);
      return (await res.json()).minted;
    },
    async resetMinted() {
      await fetch(`${origin}/__sim/reset-minted`, { method: 'POST' });
    },
    /** POSTs to the test hook `/__sim/<path>`; resolves to `{ status, body }`. */
    async hook(path) {
      const res = await fetch(`${origin}/__sim/${path}`, { method: 'POST' });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    stop,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const build = spawnSync('bash', [fileURLToPath(new URL('build.sh', import.meta.url)), 'simulator'], {
    stdio: 'inherit',
    env: { ...process.env, CARGO_TERM_QUIET: 'true' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const sim = spawn(binary, process.argv.slice(2), { stdio: 'inherit' });
  // Ctrl-C reaches the simulator too (same process group); its exit ends this process.
  process.on('SIGINT', () => {});
  sim.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 0 : 1)));
}
