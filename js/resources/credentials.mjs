// A branch's credentials (Beta): every method is generated (credentials.generated.mjs); this
// class gives them their target. The branch may be given by name, looked up by the core once per
// client, as for branchAuth.

import { CredentialsMethods } from './credentials.generated.mjs';

/** `neon.credentials(projectId, branch)`. */
export class Credentials extends CredentialsMethods {
  constructor(run, projectId, branch) {
    super((name, own, input, requestOptions, secrets) => run(name, { projectId, branch, ...own }, input, requestOptions, secrets));
  }
}
