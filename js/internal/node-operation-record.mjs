// For the project's own test runs only: with NEON_ADMIN_RECORD_OPS=<folder> in the environment,
// every operation a client of this process runs is noted in <folder>/<test file>.ops (one name a
// line, each name once per process), so that docs/api.md's operation table can credit each
// operation to the test files that really ran it (scripts/operation-coverage.mjs). Without the
// variable nothing is recorded and the runner is returned as it is. Node only: it writes files.

// Taken when a folder is named, not imported: Bun takes a few milliseconds to load its node:fs.
const fs = () => process.getBuiltinModule('node:fs');
const basename = (file) => process.getBuiltinModule('node:path').basename(file);
const join = (...parts) => process.getBuiltinModule('node:path').join(...parts);

/**
 * The test file this process works for: the nearest process, itself or an ancestor (a CLI or an
 * example started by a test, through a shell or `keyctl`), whose command line names a
 * `*.test.mjs`. Linux's /proc tells the ancestry; elsewhere, the process's own script.
 */
function testFile() {
  let pid = process.pid;
  try {
    for (let depth = 0; depth < 12 && pid > 1; depth += 1) {
      const file = fs().readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').find((arg) => arg.endsWith('.test.mjs'));
      if (file) return basename(file);
      const stat = fs().readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
  } catch {
    // no /proc: fall through to the process's own script
  }
  return basename(process.argv[1] ?? 'unknown');
}

/**
 * `run` as given, or, when NEON_ADMIN_RECORD_OPS names a folder, `run` noting each operation it is
 * asked to run (before running it, so that a call the core refuses still counts as exercised).
 * @param {(op: string, ...rest: any[]) => Promise<any>} run the operation runner
 */
export function recordedRun(run) {
  const folder = process.env.NEON_ADMIN_RECORD_OPS;
  if (!folder) return run;
  let path;
  const noted = new Set();
  return (op, ...rest) => {
    if (!noted.has(op)) {
      noted.add(op);
      path ??= join(folder, `${testFile()}.ops`);
      fs().appendFileSync(path, `${op}\n`);
    }
    return run(op, ...rest);
  };
}
