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

use crate::checked::Checked;
use crate::client::{ApiRequest, Client};
use crate::error::Result;
use crate::input::json_body;
use crate::reconcile::set_fields;
use crate::transport::Method;
use crate::validate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::future::Future;

/// The path template of every operation here, for the operation table.
#[cfg(not(target_arch = "wasm32"))]
const PATH: &str = "/projects/{project_id}/branches/{branch_id}/auth";

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

    /// Sends `input` (as a snake_case body) to the sub-resource at `rest`, a write that sets its
    /// fields: after a lost answer `read` gets the sub-resource back (see
    /// [`crate::reconcile::set_fields`]).
    async fn set<T, R, RF>(&self, method: Method, rest: &str, input: &impl Serialize, read: R) -> Result<Checked<T>>
    where
        T: DeserializeOwned,
        R: FnOnce() -> RF,
        RF: Future<Output = Result<Option<Checked<T>>>>,
    {
        let body = json_body(input)?;
        let request = ApiRequest::with_body(method, self.path(rest), &body)?;
        set_fields(&self.client, &body, || self.client.send_checked(request.clone()), read).await
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
