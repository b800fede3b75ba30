// The client for one command: credentials exactly as the library resolves them (NEON_API_KEY,
// else the Neon CLI's stored login), base URL from --api-host (else the library reads NEON_API_HOST),
// --timeout, and --verbose for the debug log on stderr.

import { readFileSync } from 'node:fs';
import { positiveInteger } from './args.mjs';

/** The package version, for --version and the User-Agent. */
export function version() {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
}

/** The client options the global flags ask for (validated by the library, which refuses plain http to a non-loopback host). */
export function clientOptions(values) {
  const options = { userAgent: `neon-admin-cli/${version()}` };
  if (values['api-host'] !== undefined) options.baseUrl = values['api-host'];
  if (values.timeout !== undefined) options.timeoutMs = positiveInteger(values.timeout, '--timeout');
  if (values.verbose) options.logger = (line) => process.stderr.write(`${line}\n`);
  return options;
}

/** Builds the client (the package's own Node entry point, so NEON_ADMIN_BACKEND applies). */
export async function connect(values) {
  const options = clientOptions(values);
  const { NeonAdmin } = await import('../node.mjs');
  return NeonAdmin.connect(options);
}
