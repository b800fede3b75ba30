//! Whether localhost origins may use auth on the branch: `…/auth/allow_localhost`.

use super::BranchAuth;
use crate::error::Result;
use crate::json::checked::Checked;
use crate::json::input::parse;
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
        self.read(ALLOW_LOCALHOST_GET).await
    }

    /// Changes the setting (`PATCH …/auth/allow_localhost`); a lost answer is reconciled by
    /// reading it back.
    pub async fn set_allow_localhost(&self, allow: bool) -> Result<Checked<AllowLocalhost>> {
        let input = AllowLocalhost { allow_localhost: allow };
        self.set_whole(ALLOW_LOCALHOST_SET, &input, || self.get_allow_localhost())
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
    (auth: &BranchAuth, target, input) under [("branchAuth", super::PATH)];
    /// Reads whether localhost origins may sign in.
    const ALLOW_LOCALHOST_GET = "allowLocalhost.get" GET "/allow_localhost" () -> "AllowLocalhost"
        => auth.get_allow_localhost().await;
    /// Allows or refuses localhost origins.
    const ALLOW_LOCALHOST_SET = "allowLocalhost.set" PATCH "/allow_localhost"
        (field "enabled": "boolean") -> "AllowLocalhost & Reconciliation"
        => {
            let AllowLocalhostInput { enabled } = parse("enabled", input)?;
            auth.set_allow_localhost(enabled).await
        };
}
