//! A small stateful simulator of the Neon management API (`/api/v2`) for
//! tests: personal and organization API keys, `GET /auth`, seeded projects
//! and branches with their listings, branch-level Neon Auth and branch
//! credentials, plus unauthenticated `/__sim` hooks to inspect the requests
//! it received.
//!
//! [`start`] runs it in-process; the `neon-sim` binary wraps it.

pub mod clock;
pub mod config;
pub mod http;
pub mod keys;
pub mod minted;
pub mod rate_limit;
pub mod request_log;
pub mod routes;
pub mod server;
pub mod state;
pub mod token;
pub mod validate;

pub use config::Config;
pub use server::{start, Handle};
