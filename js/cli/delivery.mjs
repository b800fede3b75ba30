// Once-shown secrets on stdout (an API key's token, Neon Auth's keys). A command writes them through
// `deliver`, which turns a failed write into an error that names the key holding the secret and
// what to do, and prints what a failed library call had already received (`partialOf`) before it
// reports that call's error.

/** The result so far that a failed library call carries (`error.partial`), when it has one. */
export function partialOf(error) {
  const partial = error !== null && typeof error === 'object' ? error.partial : undefined;
  return partial !== null && typeof partial === 'object' ? partial : undefined;
}

/**
 * Awaits `writing` (the writes that carry a secret). When stdout failed, rethrows that OutputError
 * with the message `lost(reason)`. `failed` is the error of a call whose `partial` held the secret:
 * a write error names it at the end, and it is thrown itself once the secret is out.
 */
export async function deliver(writing, lost, failed) {
  try {
    await writing;
  } catch (error) {
    if (error?.name === 'OutputError') error.message = lost(error.message);
    if (failed) error.message += `; before that, the command failed: ${failed.message}`;
    throw error;
  }
  if (failed) throw failed;
}

/** The message for Neon Auth keys of `branches` (names or IDs) of project `projectId` that could not be written. */
export function lostAuthKeys(projectId, branches, reason) {
  const which = branches.length === 1 ? `branch ${branches[0]}` : `branches ${branches.join(', ')}`;
  return `Neon Auth was enabled on ${which} of ${projectId}, but ${branches.length === 1 ? 'its keys' : 'their keys'} could not be written (${reason}) and cannot be shown again: to get new keys, disable Neon Auth with \`neon-admin auth disable --project ${projectId} --branch <branch> --delete-data --yes\` (this deletes the branch's Neon Auth users) and enable it again`;
}
