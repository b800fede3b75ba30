// The explicit native entry point (CommonJS): the ESM build, loaded through require(esm). Like the
// ESM entry, requiring it throws when the native addon is not installed, naming the package.
module.exports = require('./native.bundle.mjs');
