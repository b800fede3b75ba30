// One adapter per client under test. `load()` imports the client's module (nothing is imported
// before it is called), `build(mod, baseUrl)` builds a client and returns `list()`, which makes one
// `GET {baseUrl}/api_keys` and resolves to the decoded array. Cold start times load + build + the
// first list(); the steady-state measures call list() on one built client.

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const API_KEY = 'napi_bench_0123456789abcdefghijklmnopqrstuvwxyz';

// BENCH_NEON_ADMIN=<folder> benchmarks another copy of the package (an unpacked tarball, a
// snapshot); by default it is this repository, imported by its own name.
const otherRoot = process.env.BENCH_NEON_ADMIN ? pathToFileURL(`${process.env.BENCH_NEON_ADMIN}/`) : null;
const packageRoot = otherRoot ?? new URL('../', import.meta.url);

/** The package folder whose neon-admin is measured (a file: URL ending in /). */
export const neonAdminRoot = packageRoot;

const mainEntry = () => (otherRoot ? new URL('js/node.mjs', otherRoot).href : 'neon-admin');

/**
 * Where the native addon comes from, or null when this checkout has none: `neon-admin/native` if
 * the package exports it, else js/native.mjs if the file exists, else the main entry when the
 * caller set NEON_ADMIN_BACKEND=native (a package that picks its backend from the environment).
 */
export function nativeEntry() {
  if (!otherRoot) {
    try {
      return import.meta.resolve('neon-admin/native');
    } catch {
      // not exported (yet): look for the file
    }
  }
  const file = new URL('js/native.mjs', packageRoot);
  if (existsSync(file)) return file.href;
  return process.env.NEON_ADMIN_BACKEND === 'native' ? mainEntry() : null;
}

const neonAdminList = (mod, baseUrl) => {
  const NeonAdmin = mod.NeonAdmin ?? mod.default;
  // The bench measures the client's own cost against a local server; Neon's rate budget would pace
  // it to about 11 requests a second (the fleet section measures the budget itself).
  const client = new NeonAdmin({ apiKey: API_KEY, baseUrl, env: {}, rateLimit: false });
  return () => client.apiKeys.list();
};

export const CLIENTS = [
  {
    id: 'default',
    label: 'neon-admin (default import)',
    // `import NeonAdmin from 'neon-admin'` with no NEON_ADMIN_BACKEND: the backend it picks here.
    load: () => import(mainEntry()),
    build: neonAdminList,
  },
  {
    id: 'wasm',
    label: 'neon-admin (wasm)',
    // The harness runs it with NEON_ADMIN_BACKEND=wasm.
    load: () => import(mainEntry()),
    build(mod, baseUrl) {
      if (mod.backend !== undefined && mod.backend !== 'wasm') throw new Error(`the main entry chose the ${mod.backend} backend`);
      return neonAdminList(mod, baseUrl);
    },
  },
  {
    id: 'native',
    label: 'neon-admin (native)',
    // The harness runs it with NEON_ADMIN_BACKEND=native and every other client without the variable.
    load: () => import(nativeEntry()),
    build: neonAdminList,
  },
  {
    id: 'sdk',
    label: '@neon/sdk',
    load: () => import('@neon/sdk'),
    build(mod, baseUrl) {
      const client = mod.createNeonClient({ apiKey: API_KEY, baseUrl, throwOnError: true });
      return () => client.apiKeys.list();
    },
  },
  {
    id: 'api-client',
    label: '@neondatabase/api-client',
    load: () => import('@neondatabase/api-client'),
    build(mod, baseUrl) {
      const createApiClient = mod.createApiClient ?? mod.default.createApiClient;
      const client = createApiClient({ apiKey: API_KEY, baseURL: baseUrl });
      return async () => (await client.listApiKeys()).data;
    },
  },
  {
    id: 'fetch',
    label: 'raw fetch',
    load: async () => ({}),
    build(_mod, baseUrl) {
      const url = `${baseUrl}/api_keys`;
      const headers = { authorization: `Bearer ${API_KEY}`, accept: 'application/json' };
      return async () => {
        const res = await fetch(url, { headers });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json();
      };
    },
  },
];

/** The adapter with this id (throws on an unknown one). */
export function clientById(id) {
  const client = CLIENTS.find((c) => c.id === id);
  if (!client) throw new Error(`unknown client ${id}; known: ${CLIENTS.map((c) => c.id).join(', ')}`);
  return client;
}
