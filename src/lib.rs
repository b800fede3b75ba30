//! neon-admin: manage Neon API keys and branch-level Neon Auth from server-side code.
//!
//! The core knows nothing about JavaScript; `bindings` holds the glue for wasm.
//!
//! ```no_run
//! # async fn demo() -> neon_admin::Result<()> {
//! use neon_admin::{credentials, Client, ClientOptions};
//! let found = credentials::resolve(&Default::default(), &credentials::NativeHost)?;
//! let client = Client::new(found.key, found.source, &ClientOptions::default())?;
//! let keys = client.api_keys().list().await?;
//! println!("{} keys", keys.len());
//! # Ok(()) }
//! ```

pub mod account;
pub mod api_keys;
pub mod branch_auth;
mod client;
pub mod credentials;
mod error;
mod input;
pub mod ops;
pub mod projects;
mod retry;
mod runtime;
mod secret;
pub mod validate;

#[cfg(feature = "wasm")]
mod bindings;

pub use client::{check_base_url, Client, ClientOptions, DEFAULT_BASE_URL, LIBRARY_AGENT};
pub use error::{ApiError, ConfigError, Error, NetworkError, Result};
pub use secret::Secret;
