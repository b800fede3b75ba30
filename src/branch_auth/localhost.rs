//! Whether localhost origins may use auth on the branch: `…/auth/allow_localhost`.

use super::BranchAuth;
use crate::client::Call;
use crate::error::Result;
use crate::input::snake_body;
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
    pub async fn get_allow_localhost(&self) -> Result<AllowLocalhost> {
        self.client.send(Call::get(self.path("/allow_localhost"))).await
    }

    /// Changes the setting (`PATCH …/auth/allow_localhost`).
    pub async fn set_allow_localhost(&self, allow: bool) -> Result<AllowLocalhost> {
        let body = snake_body(&AllowLocalhost { allow_localhost: allow })?;
        self.client
            .send(Call::with_body(Method::PATCH, self.path("/allow_localhost"), &body)?)
            .await
    }
}
