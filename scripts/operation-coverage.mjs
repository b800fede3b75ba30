#!/usr/bin/env node
// Which test files ran each operation, from what the tests really ran rather than from their
// titles. How it fits together:
//   1. scripts/test.sh runs the wasm-backend suites with NEON_ADMIN_RECORD_OPS=<a fresh folder>.
//      The Node entries' js/internal/node-operation-record.mjs then notes, in <folder>/<test file>.ops, every
//      operation any client of a test's processes (the test itself, or a CLI or example it started)
//      asked the backend to run, whether the call succeeded or not.
//   2. After those suites, test.sh runs `node scripts/operation-coverage.mjs --check <folder>`: it
//      fails when the committed record (COVERAGE_PATH) differs from what this run did, so a test
//      that stops running an operation, or starts running one, shows up in the same run.
//   3. The committed record is what `node scripts/operations.mjs` renders into docs/api.md's operation
//      table, so the table and tests/js/operations.test.mjs (its staleness test) never depend on
//      what ran before them: `npm test` stays deterministic.
// To refresh the record after changing tests:
//   mkdir /tmp/ops && NEON_ADMIN_RECORD_OPS=/tmp/ops NEON_ADMIN_BACKEND=wasm node --test tests/js/*.test.mjs
//   node scripts/operation-coverage.mjs --write /tmp/ops && node scripts/operations.mjs
// Only a run of every test file gives the whole record: a partial run checks or writes only part.
// The suites of the packed package on other runtimes and platforms are left out (LEFT_OUT below).

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COVERAGE_PATH, LIST_PATH } from './operations.mjs';

const SUFFIX = '.test.mjs.ops';
/**
 * Suites left out of the record: they run the packed package on other runtimes and platforms
 * (workerd, Edge Runtime, Deno, Bun, Node 24, arm64 under qemu, tarballs installed offline), so what
 * they get to run depends on the tools a machine has, and the record must not.
 */
const LEFT_OUT = /^(runtime-.*|examples-.*|native-arm64|package|backend)$/;

/** The folder a recording run wrote: operation name → sorted test files (without `.test.mjs`). */
export function readRecord(folder) {
  const record = new Map();
  for (const name of readdirSync(folder).filter((f) => f.endsWith(SUFFIX)).sort()) {
    const file = name.slice(0, -SUFFIX.length);
    if (LEFT_OUT.test(file)) continue;
    for (const op of readFileSync(join(folder, name), 'utf8').split('\n').filter(Boolean)) {
      if (!record.has(op)) record.set(op, new Set());
      record.get(op).add(file);
    }
  }
  return record;
}

/** The committed record's text: every declared operation, in declaration order, with its test files. */
export function renderCoverage(table, record) {
  const unknown = [...record.keys()].filter((op) => !table.some((entry) => entry.name === op));
  if (unknown.length) throw new Error(`the record names operations that are not declared: ${unknown.join(', ')}`);
  const coverage = Object.fromEntries(table.map(({ name }) => [name, [...(record.get(name) ?? [])].sort()]));
  return `${JSON.stringify(coverage, null, 1)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [mode, folder] = process.argv.slice(2);
  if (!['--check', '--write'].includes(mode) || !folder) {
    console.error('usage: node scripts/operation-coverage.mjs --check|--write <folder NEON_ADMIN_RECORD_OPS named>');
    process.exit(2);
  }
  const expected = renderCoverage(JSON.parse(readFileSync(LIST_PATH, 'utf8')), readRecord(folder));
  if (mode === '--write') {
    writeFileSync(COVERAGE_PATH, expected);
    console.log(`wrote ${COVERAGE_PATH}; now run \`node scripts/operations.mjs\` for docs/api.md's table`);
  } else if (readFileSync(COVERAGE_PATH, 'utf8') !== expected) {
    const [committed, ran] = [JSON.parse(readFileSync(COVERAGE_PATH, 'utf8')), JSON.parse(expected)];
    for (const op of Object.keys(ran).filter((name) => String(committed[name]) !== String(ran[name]))) {
      console.error(`${op}: committed ${committed[op]?.join(', ') || 'none'}; ran by ${ran[op].join(', ') || 'none'}`);
    }
    console.error(`stale: ${COVERAGE_PATH} is not what this run's tests ran (see scripts/operation-coverage.mjs to refresh it)`);
    process.exit(1);
  }
}
