//! Glue between the core and JavaScript. The core never depends on this module.

mod wasm;
mod wasm_fetch;
mod wasm_host;
mod wasm_runtime;
