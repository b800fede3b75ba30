// Projects and branches: listings that follow the API's cursors, and branch lookup by name.

import { plainJson } from './plain-data.mjs';

/** Yields every item of a cursor-paginated operation, page by page. */
async function* paginate(run, op, target, options, requestOptions) {
  let input = JSON.parse(plainJson(options, 'options'));
  for (;;) {
    const page = await run(op, target, input, requestOptions);
    yield* page.items;
    if (!page.next_cursor) return;
    input = { ...input, cursor: page.next_cursor };
  }
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
