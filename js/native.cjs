// The explicit native entry point (CommonJS): the ESM build, loaded through require(esm).
module.exports = require('./native.mjs');
