//! The API's resources, each module declaring its operations (see [`crate::operations`]): who the
//! key belongs to, API keys, projects and branches, Neon Auth on a branch, and a branch's
//! credentials.

pub mod account;
pub mod api_keys;
pub mod branch_auth;
pub mod branch_credentials;
pub mod branch_lookup;
pub mod projects;
