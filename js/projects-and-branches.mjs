// Projects and branches: listings that follow the API's cursors, and branch lookup by name.

import { plainJson } from './plain-data.mjs';
import { NeonApiError } from './errors.mjs';

/**
 * Yields every item of a cursor-paginated operation, page by page. A cursor the API already gave
 * (a cycle of pages) is a NeonApiError rather than a listing that never ends.
 */
async function* paginate(run, op, target, options, requestOptions) {
  let input = JSON.parse(plainJson(options, 'options'));
  const seen = new Set([input?.cursor]);
  for (;;) {
    const page = await run(op, target, input, requestOptions);
    yield* page.items;
    if (!page.next_cursor) return;
    if (seen.has(page.next_cursor)) throw cursorRepeated(op, seen.size);
    seen.add(page.next_cursor);
    input = { ...input, cursor: page.next_cursor };
  }
}

/** The error of a listing whose API answer repeated the cursor of an earlier page. */
function cursorRepeated(op, pages) {
  const listing = op.replace(/\.page$/, '.list');
  return new NeonApiError({
    status: 200,
    code: 'cursor_repeated',
    message: `Neon API answered 200 cursor_repeated: ${listing}: page ${pages} gave the cursor of an earlier page again, so the listing would never end; try again later, or narrow it (search, limit)`,
  });
}

/** `items` (a paginating generator) with `toArray()`, which collects every page into one array. */
function listing(items) {
  Object.defineProperty(items, 'toArray', {
    value: async () => {
      const all = [];
      for await (const item of items) all.push(item);
      return all;
    },
  });
  return items;
}

/** `neon.projects`. */
export class Projects {
  #run;

  constructor(run) {
    this.#run = run;
  }

  /** Every project the key can see, as an async iterable with `toArray()` (`GET /projects`, all pages). */
  list(options, requestOptions) {
    return listing(paginate(this.#run, 'projects.page', {}, options, requestOptions));
  }
}

/** `neon.branches(projectId)`. */
export class Branches {
  #run;
  #projectId;

  constructor(run, projectId) {
    this.#run = run;
    this.#projectId = projectId;
  }

  /** Every branch of the project, as an async iterable with `toArray()` (`GET /projects/{id}/branches`, all pages). */
  list(options, requestOptions) {
    return listing(paginate(this.#run, 'branches.page', { projectId: this.#projectId }, options, requestOptions));
  }

  /** The ID of a branch given by ID (`br-…`, returned as is) or by its exact, unique name. */
  async resolve(nameOrId, requestOptions) {
    return (await this.#run('branches.resolve', { projectId: this.#projectId }, { branch: nameOrId }, requestOptions)).id;
  }
}
