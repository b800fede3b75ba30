//! Glue between the core and JavaScript: wasm-bindgen for the wasm build, napi-rs for the native
//! Node addon. The core never depends on this module.

mod shared;

#[cfg(feature = "napi")]
mod napi;
#[cfg(feature = "wasm")]
mod wasm;
#[cfg(feature = "wasm")]
mod wasm_browser_refusal;
#[cfg(feature = "wasm")]
mod wasm_host;
#[cfg(feature = "wasm")]
mod wasm_transport;
