//! neon-admin: manage Neon API keys and branch-level Neon Auth from server-side code.
//!
//! The layers, as one call passes through them (`neon.branchAuth(p, "main").domains.add(url)`
//! from JavaScript):
//! 1. [`bindings`] (wasm or napi) takes the operation's name, its target and its input as JSON
//!    text: the one crossing from JavaScript into the core;
//! 2. [`operations`] finds the operation by name (each is declared once, in its resource module),
//!    resolves a branch given by name (cached per client) and runs it;
//! 3. [`resources`] checks the input ([`validate`], [`json`]) and builds the request;
//! 4. [`http`] sends it through the one pipeline: rate budget, attempts, retries, the debug log,
//!    and the answer decoded and checked against its type; the transport (reqwest, or the
//!    runtime's `fetch` in wasm) is the only other crossing;
//! 5. a lost write answer is settled by [`reconcile`]; the key came from [`credentials`].
//!
//! Crate-wide: [`Error`] (the three kinds a caller branches on) and [`Secret`].
//!
//! ```no_run
//! # async fn demo() -> neon_admin::Result<()> {
//! use neon_admin::{credentials, credentials::native_host::NativeHost, Client, ClientOptions};
//! use neon_admin::http::native_transport::NativeTransport;
//! let found = credentials::resolve(&Default::default(), &NativeHost::default())?;
//! let transport = std::sync::Arc::new(NativeTransport::new().map_err(neon_admin::Error::config)?);
//! let client = Client::new(found.key, found.source, &ClientOptions::default(), transport)?;
//! let keys = client.api_keys().list().await?;
//! println!("{} keys", keys.len());
//! # Ok(()) }
//! ```

#[macro_use]
pub mod operations;
pub mod credentials;
mod error;
pub mod http;
#[macro_use]
mod json;
pub mod reconcile;
pub mod resources;
mod secret;
pub mod validate;

#[cfg(any(feature = "wasm", feature = "napi"))]
mod bindings;

pub use error::AbortError;
pub use error::{ApiError, ConfigError, Error, NetworkError, Result};
pub use http::client::{base_url_setting, Client, ClientOptions, BASE_URL_VARIABLE, DEFAULT_BASE_URL, LIBRARY_AGENT};
pub use http::rate_budget::RateLimits;
pub use json::checked::Checked;
pub use secret::Secret;
pub use validate::check_base_url;

/// talc instead of the standard library's dlmalloc on wasm: wasm 492,483 to 485,915 bytes raw, 172,002
/// to 169,666 gzip.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
