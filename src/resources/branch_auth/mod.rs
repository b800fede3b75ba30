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

use crate::error::Result;
use crate::http::client::Client;
use crate::json::checked::Checked;
use crate::json::input::json_body;
use crate::operations::Route;
use crate::reconcile::set_fields;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::future::Future;

/// Where a branch's Neon Auth is, below the API base: the prefix of every operation here.
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
        let prefix = super::branch_path(PATH, project_id, branch_id)?;
        Ok(BranchAuth {
            client: self.clone(),
            branch_id: branch_id.to_string(),
            prefix,
        })
    }
}

impl BranchAuth {
    /// `/projects/{project_id}/branches/{branch_id}/auth`, segments encoded.
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The client this Neon Auth's calls go through.
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// Sends `input` (as a snake_case body) to `route` (`params` fill its path), a write that sets its
    /// fields: after a lost answer `read` gets the sub-resource back (see
    /// [`crate::reconcile::set_fields`]).
    async fn set<T, R, RF>(&self, route: Route, params: &[&str], input: &impl Serialize, read: R) -> Result<Checked<T>>
    where
        T: DeserializeOwned,
        R: FnOnce() -> RF,
        RF: Future<Output = Result<Option<Checked<T>>>>,
    {
        let body = json_body(input)?;
        let request = route.with_json(&self.prefix, params, &body)?;
        set_fields(&self.client, &body, || self.client.send_checked(request.clone()), read).await
    }

    /// [`BranchAuth::set`] of a sub-resource that `get` reads back whole after a lost answer.
    async fn set_whole<T, G, GF>(&self, route: Route, input: &impl Serialize, get: G) -> Result<Checked<T>>
    where
        T: DeserializeOwned,
        G: FnOnce() -> GF,
        GF: Future<Output = Result<Checked<T>>>,
    {
        self.set(route, &[], input, || async { get().await.map(Some) }).await
    }

    /// Reads the sub-resource at `route` (no parameter in its path).
    async fn read<T: DeserializeOwned>(&self, route: Route) -> Result<Checked<T>> {
        self.client.send_checked(route.to(&self.prefix, &[])).await
    }

    /// Reads a list the API sends inside an object, under `key` (`{"domains": [...]}`).
    async fn read_list<W: DeserializeOwned, T>(
        &self,
        route: Route,
        key: &str,
        part: fn(W) -> Vec<T>,
    ) -> Result<Checked<Vec<T>>> {
        Ok(self.read::<W>(route).await?.field(key, part))
    }

    /// Sends `input` (as a snake_case body) to `route` (no parameter in its path), a write that
    /// cannot be read back: a lost answer stays "outcome unknown".
    async fn send<T: DeserializeOwned>(&self, route: Route, input: &impl Serialize) -> Result<Checked<T>> {
        let request = route.with_json(&self.prefix, &[], &json_body(input)?)?;
        self.client.send_checked(request).await
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
