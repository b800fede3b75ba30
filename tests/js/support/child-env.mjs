// What a test hands on to the child processes it starts with an environment of its own making
// (a CLI, an example, a packed package): the variables of the test run that must reach them.

/**
 * The named variables this process has, as an object to spread into a child's environment, e.g.
 * `inherited('NEON_ADMIN_BACKEND', 'NEON_ADMIN_RECORD_OPS')`: the backend a suite runs on, and the
 * folder scripts/test.sh records each test file's operations in (js/node-operation-record.mjs).
 */
export function inherited(...names) {
  return Object.fromEntries(names.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
}
