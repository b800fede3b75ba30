// The real `neon` CLI (npm `neon`, pinned in devDependencies) as the oracle for credential
// resolution: a local API server that records the bearer token of every request, a fake OAuth
// server that rotates refresh tokens as the real one may, and helpers that run `neon` and
// neon-admin with the same HOME and environment.

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** The CLI's entry point, from the pinned package. */
export const NEON_CLI = join(dirname(require.resolve('neon/package.json')), 'dist', 'cli.js');

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));

/**
 * An API server recording, per first path segment (one per case), the bearer tokens sent. It
 * answers `GET /auth` (neon-admin's whoami, the CLI's key check) and `GET /users/me` (`neon me`).
 */
export async function startRecorder() {
  const seen = new Map();
  const server = createServer((req, res) => {
    const [, scope, ...rest] = req.url.split('/');
    const bearer = /^Bearer (.*)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!seen.has(scope)) seen.set(scope, []);
    seen.get(scope).push(bearer);
    const path = `/${rest.join('/')}`;
    const body = path.startsWith('/users/me')
      ? { id: 'user-1', email: 'dev@example.com', name: 'Dev', login: 'dev', image: '', projects_limit: 10, branches_limit: 10, max_autoscaling_limit: 1, plan: 'free', auth_accounts: [], billing_account: {} }
      : { account_id: 'user-1', auth_method: 'api_key_user', auth_data: 'recorded' };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  const url = await listen(server);
  let next = 0;
  return {
    /** A fresh base URL whose requests are recorded apart from every other. */
    scope() {
      const name = `case${++next}`;
      return { baseUrl: `${url}/${name}`, bearers: () => seen.get(name) ?? [] };
    },
    stop: () => stop(server),
  };
}

/** Closes a server and the keep-alive connections the clients left open. */
function stop(server) {
  server.closeAllConnections();
  server.close();
}

/**
 * An OAuth server as `openid-client` expects one: discovery, and a refresh-token grant for the
 * public client `neonctl` that rotates both tokens and accepts each refresh token once.
 * `accessToken(n)` makes the n-th access token (default `access-<n>`).
 */
export async function startOAuth({ expiresIn = 3600, accessToken = (n) => `access-${n}` } = {}) {
  let url;
  let issued = 0;
  const live = new Set();
  const grants = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const send = (status, json) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.url === '/.well-known/openid-configuration') {
        return send(200, { issuer: `${url}/`, token_endpoint: `${url}/token`, authorization_endpoint: `${url}/auth`, response_types_supported: ['code'] });
      }
      if (req.url !== '/token' || req.method !== 'POST') return send(404, {});
      const form = new URLSearchParams(body);
      grants.push(Object.fromEntries(form));
      const presented = form.get('refresh_token');
      if (form.get('grant_type') !== 'refresh_token' || form.get('client_id') !== 'neonctl' || !live.delete(presented)) {
        return send(400, { error: 'invalid_grant', error_description: 'refresh token not valid' });
      }
      issued += 1;
      const refresh = `refresh-${issued}`;
      live.add(refresh);
      send(200, { access_token: accessToken(issued), refresh_token: refresh, token_type: 'Bearer', expires_in: expiresIn, scope: 'openid offline' });
    });
  });
  url = await listen(server);
  return {
    url,
    /** Makes `token` a refresh token the server accepts (once). */
    allow: (token) => live.add(token),
    /** The form of every token request, in order. */
    grants,
    stop: () => stop(server),
  };
}

/** A temporary HOME. */
export const tempHome = () => mkdtempSync(join(tmpdir(), 'neon-admin-oracle-'));

/**
 * The environment both programs get: only what is given, plus PATH, CI (so that the CLI never
 * opens a browser) and the API host for the CLI.
 */
export function caseEnv(home, baseUrl, extra = {}) {
  return { PATH: process.env.PATH, HOME: home, CI: 'true', NEON_API_HOST: baseUrl, ...extra };
}

/** Runs `neon ARGS --no-analytics` with `env`, optionally writing `input` to stdin. */
export function runCli(args, env, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEON_CLI, ...args, '--no-analytics'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** `neon me -o json` with `env` (and extra flags such as `--profile NAME`). */
export const cliMe = (env, flags = []) => runCli(['me', '-o', 'json', ...flags], env);

/**
 * neon-admin's whoami with `env` and `options`: `{ error }` when it refuses before sending (a
 * NeonConfigError), else `{ client }`.
 */
export async function adminWhoami(NeonAdmin, env, baseUrl, options = {}) {
  let client;
  try {
    client = new NeonAdmin({ baseUrl, maxRetries: 0, env, ...options });
  } catch (error) {
    return { error };
  }
  try {
    await client.whoami();
  } catch (error) {
    return { client, error };
  }
  return { client };
}
