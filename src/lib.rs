//! neon-admin: manage Neon API keys and branch-level Neon Auth from server-side code.
//!
//! The core knows nothing about JavaScript; `bindings` holds the glue for wasm.
//!
//! ```no_run
//! # async fn demo() -> neon_admin::Result<()> {
//! use neon_admin::{credentials, native_host::NativeHost, Client, ClientOptions};
//! let found = credentials::resolve(&Default::default(), &NativeHost::default())?;
//! let transport = std::sync::Arc::new(neon_admin::native_transport::NativeTransport::new().map_err(neon_admin::Error::config)?);
//! let client = Client::new(found.key, found.source, &ClientOptions::default(), transport)?;
//! let keys = client.api_keys().list().await?;
//! println!("{} keys", keys.len());
//! # Ok(()) }
//! ```

#[macro_use]
pub mod operation;
pub mod account;
mod answers;
pub mod api_keys;
pub mod branch_auth;
mod checked;
mod client;
mod clock;
pub mod credentials;
mod de;
mod debug_log;
mod error;
mod input;
#[cfg(not(target_arch = "wasm32"))]
pub mod native_host;
#[cfg(not(target_arch = "wasm32"))]
pub mod native_transport;
pub mod ops;
pub mod projects;
mod random;
mod rate_budget;
pub mod reconcile;
mod retry;
mod secret;
pub mod transport;
mod url_parts;
pub mod validate;

#[cfg(any(feature = "wasm", feature = "napi"))]
mod bindings;

pub use checked::Checked;
pub use client::{base_url_setting, Client, ClientOptions, BASE_URL_VARIABLE, DEFAULT_BASE_URL, LIBRARY_AGENT};
pub use error::AbortError;
pub use error::{ApiError, ConfigError, Error, NetworkError, Result};
pub use rate_budget::RateLimits;
pub use secret::Secret;
pub use validate::check_base_url;

/// talc instead of the standard library's dlmalloc on wasm: wasm 492,483 to 485,915 bytes raw, 172,002
/// to 169,666 gzip.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
