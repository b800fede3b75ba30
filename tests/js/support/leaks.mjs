// Asserts that a secret appears nowhere a thrown error could show it.

import assert from 'node:assert/strict';
import { inspect } from 'node:util';

/** Every text form of `error`: message, stack, toString, inspect, JSON. */
export function errorTexts(error) {
  return [error.message, error.stack, String(error), inspect(error, { depth: 5, showHidden: true }), JSON.stringify(error)];
}

/** Fails if `secret` occurs in any text form of `error`. */
export function assertNoLeak(error, secret) {
  for (const text of errorTexts(error)) {
    assert.ok(!String(text).includes(secret), `secret leaked in: ${text}`);
  }
}
