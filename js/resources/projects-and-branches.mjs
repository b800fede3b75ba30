// Projects and branches: their methods are generated (operations.generated.mjs); these classes
// give them their target.

import { BranchesMethods, ProjectsMethods } from './operations.generated.mjs';

/** `neon.projects`. */
export class Projects extends ProjectsMethods {
  constructor(run) {
    super((name, own, input, requestOptions, secrets) => run(name, own, input, requestOptions, secrets));
  }
}

/** `neon.branches(projectId)`. */
export class Branches extends BranchesMethods {
  constructor(run, projectId) {
    super((name, own, input, requestOptions, secrets) => run(name, { projectId, ...own }, input, requestOptions, secrets));
  }
}
