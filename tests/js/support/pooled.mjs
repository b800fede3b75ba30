// Runs async jobs a few at a time: shared by the suites that start many child processes (the
// `neon` CLI oracle on Linux, and the Windows drivers run by Windows Node under Wine, which import
// it by its path).

/** Runs `jobs` (functions returning promises) with at most `limit` at a time; resolves to their results in order. */
export async function pooled(jobs, limit = 3) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}
