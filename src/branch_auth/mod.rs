//! Branch-level Neon Auth: every operation under
//! `/projects/{project_id}/branches/{branch_id}/auth`, one small module per sub-resource.

pub mod apply;
pub mod domains;
pub mod email;
pub mod integration;
pub mod localhost;
pub mod oauth_providers;
pub mod plugins;
pub mod users;
pub mod webhooks;

use crate::client::Client;
use crate::error::Result;
use crate::validate;
use serde::{Deserialize, Serialize};

/// Neon Auth on one branch. Cheap to clone; holds a clone of the client.
#[derive(Debug, Clone)]
pub struct BranchAuth {
    client: Client,
    /// The branch ID.
    branch_id: String,
    /// `/projects/{project_id}/branches/{branch_id}/auth`, segments encoded.
    prefix: String,
}

impl Client {
    /// Neon Auth of a branch given by ID (see [`Client::resolve_branch`] for names).
    pub fn branch_auth(&self, project_id: &str, branch_id: &str) -> Result<BranchAuth> {
        validate::resource_id("projectId", project_id)?;
        validate::resource_id("branchId", branch_id)?;
        let prefix = format!(
            "/projects/{}/branches/{}/auth",
            validate::segment("projectId", project_id)?,
            validate::segment("branchId", branch_id)?
        );
        Ok(BranchAuth {
            client: self.clone(),
            branch_id: branch_id.to_string(),
            prefix,
        })
    }
}

impl BranchAuth {
    fn path(&self, rest: &str) -> String {
        format!("{}{rest}", self.prefix)
    }
}

/// The auth providers Neon Auth supports.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthProvider {
    /// A mock provider for tests.
    Mock,
    /// Stack Auth (legacy).
    Stack,
    /// Better Auth (the default).
    #[default]
    BetterAuth,
}
