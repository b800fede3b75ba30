// Test support: the fields the pinned OpenAPI spec (@neondatabase/api-client 2.7.3) marks
// `x-sensitive`, found per operation by walking its request and response schemas.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const specFile = createRequire(import.meta.url).resolve('@neondatabase/api-client/public-v2-for-users.gen.yaml');

/** The parsed spec (read once). */
export const spec = parse(readFileSync(specFile, 'utf8'));

/** Fields that are secrets though the spec leaves them unmarked: OAuth client secrets. */
const UNMARKED_SECRETS = new Set(['client_secret']);

const deref = (schema) => {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return { ...spec.components.schemas[name], $name: name };
};

/**
 * Every sensitive field reachable in `schema`, as a path of property names (`[]` for an array's
 * items) ending in the field, with the schema that marks it.
 * @returns {Array<{ path: string[], schema: string }>}
 */
export function sensitiveFields(schema, prefix = [], seen = new Set(), owner = '(inline)') {
  const s = deref(schema);
  if (!s || typeof s !== 'object') return [];
  const name = s.$name ?? owner;
  if (s.$name) {
    if (seen.has(s.$name)) return [];
    seen = new Set([...seen, s.$name]);
  }
  const found = [];
  for (const field of s['x-sensitive'] ?? []) found.push({ path: [...prefix, field], schema: name });
  for (const part of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) found.push(...sensitiveFields(part, prefix, seen, name));
  for (const [field, sub] of Object.entries(s.properties ?? {})) {
    if (UNMARKED_SECRETS.has(field)) found.push({ path: [...prefix, field], schema: `${name} (unmarked secret)` });
    found.push(...sensitiveFields(sub, [...prefix, field], seen, name));
  }
  if (s.items) found.push(...sensitiveFields(s.items, [...prefix, '[]'], seen, name));
  // One field marked by two schemas of a oneOf, or reached twice, is one field.
  return found.filter((f, i) => found.findIndex((g) => g.path.join('.') === f.path.join('.')) === i);
}

/**
 * The spec operation of a route such as `GET /projects/p-1/branches/br-1/auth` (concrete IDs),
 * or undefined when the pinned spec does not have it.
 */
export function specOperation(route) {
  const [method, path] = route.split(' ');
  for (const [template, item] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path) && item[method.toLowerCase()]) return item[method.toLowerCase()];
  }
  return undefined;
}

const json = (content) => content?.['application/json']?.schema;

/** Sensitive fields of the operation's successful JSON answers. */
export function sensitiveResultFields(operation) {
  return Object.entries(operation.responses ?? {})
    .filter(([status]) => status.startsWith('2'))
    .flatMap(([, response]) => sensitiveFields(json(response.content)));
}

/** Sensitive fields of the operation's JSON request body. */
export const sensitiveInputFields = (operation) => sensitiveFields(json(operation.requestBody?.content));
