// Starts the local Neon API simulator (target/release/neon-sim) on a free port, for the demo and the tests.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
