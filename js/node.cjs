// Node entry point (CommonJS): the ESM build, loaded through require(esm) (Node 20.19+).
module.exports = require('./node.bundle.mjs');
