// What the generated resource methods (operations.generated.mjs) do with their arguments before
// the call: a plain copy of an input object, named as the caller knows it when it is not plain
// data; fields merged into it; one string taken as a list of one; and the listings, which follow
// the API's cursors page by page.

import { plainJson, refuse } from '../internal/plain-data.mjs';
import { NeonApiError } from '../errors.mjs';

/** A plain copy of `value` (the argument `name`), or undefined when it is left out. */
export function asInput(value, name) {
  return value === undefined ? undefined : JSON.parse(plainJson(value, name));
}

/** `{ ...input, ...fields }` over a plain copy of `input` (refused by name when not a plain object). */
export function withFields(input, name, fields) {
  if (input === undefined) return fields;
  const plain = asInput(input, name);
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) throw refuse(name, 'must be an object');
  return { ...plain, ...fields };
}

/** A list field that also takes one string. */
export const oneOrMany = (value) => (typeof value === 'string' ? [value] : value);

/**
 * Yields every item of the cursor-paginated operation `name`, page by page. A cursor the API
 * already gave (a cycle of pages) is a NeonApiError rather than a listing that never ends.
 */
async function* paginate(call, name, target, options, requestOptions) {
  let input = asInput(options, 'options');
  const seen = new Set([input?.cursor]);
  for (;;) {
    const page = await call(name, target, input, requestOptions);
    yield* page.items;
    if (!page.next_cursor) return;
    if (seen.has(page.next_cursor)) throw cursorRepeated(name, seen.size);
    seen.add(page.next_cursor);
    input = { ...input, cursor: page.next_cursor };
  }
}

/** The error of a listing whose API answer repeated the cursor of an earlier page. */
function cursorRepeated(name, pages) {
  return new NeonApiError({
    status: 200,
    code: 'cursor_repeated',
    message: `Neon API answered 200 cursor_repeated: ${name}: page ${pages} gave the cursor of an earlier page again, so the listing would never end; try again later, or narrow it (search, limit)`,
  });
}

/**
 * Every item of the listing operation `name`, as an async iterable that fetches one page at a
 * time, with `toArray()`, which collects every page into one array.
 */
export function listing(call, name, target, options, requestOptions) {
  const items = paginate(call, name, target, options, requestOptions);
  Object.defineProperty(items, 'toArray', {
    value: async () => {
      const all = [];
      for await (const item of items) all.push(item);
      return all;
    },
  });
  return items;
}
