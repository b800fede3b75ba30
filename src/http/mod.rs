//! The HTTP layer: the [`client::Client`] and its one request pipeline, the rate budget, the
//! retry rules, the answers' decoding, the debug log, and the transports that send (reqwest on
//! native, the runtime's `fetch` through JavaScript in wasm). Nothing here knows an operation.

pub(crate) mod answers;
pub mod client;
pub(crate) mod clock;
pub(crate) mod debug_log;
#[cfg(not(target_arch = "wasm32"))]
pub mod native_transport;
pub(crate) mod random;
pub mod rate_budget;
pub(crate) mod retry;
pub mod transport;
