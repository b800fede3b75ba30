//! Whether localhost origins may use auth on the branch: `…/auth/allow_localhost`.

use super::BranchAuth;
use crate::checked::Checked;
use crate::client::ApiRequest;
use crate::error::Result;
use crate::input::parse;
use crate::transport::Method;
use serde::{Deserialize, Serialize};

/// Input and result of `allowLocalhost.set()` / `get()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllowLocalhost {
    /// Whether localhost origins are allowed.
    pub allow_localhost: bool,
}

impl BranchAuth {
    /// Reads the setting (`GET …/auth/allow_localhost`).
    pub async fn get_allow_localhost(&self) -> Result<Checked<AllowLocalhost>> {
        self.client
            .send_checked(ApiRequest::get(self.path("/allow_localhost")))
            .await
    }

    /// Changes the setting (`PATCH …/auth/allow_localhost`); a lost answer is reconciled by
    /// reading it back.
    pub async fn set_allow_localhost(&self, allow: bool) -> Result<Checked<AllowLocalhost>> {
        self.set(
            Method::PATCH,
            "/allow_localhost",
            &AllowLocalhost { allow_localhost: allow },
            || async { self.get_allow_localhost().await.map(Some) },
        )
        .await
    }
}

/// Input of `allowLocalhost.set`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowLocalhostInput {
    enabled: bool,
}

operations! {
    (auth: &BranchAuth, target, input) under [("auth", super::PATH)];
    /// Reads whether localhost origins may sign in.
    "allowLocalhost.get" GET "/allow_localhost" ("") -> "AllowLocalhost" => auth.get_allow_localhost().await;
    /// Allows or refuses localhost origins.
    "allowLocalhost.set" PATCH "/allow_localhost" ("enabled: boolean") -> "AllowLocalhost & Reconciliation"
        => auth.set_allow_localhost(parse::<AllowLocalhostInput>("enabled", input)?.enabled).await;
}
