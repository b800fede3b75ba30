//! Whether localhost origins may use auth on the branch: `…/auth/allow_localhost`.

use super::BranchAuth;
use crate::checked::Checked;
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
    pub async fn get_allow_localhost(&self) -> Result<Checked<AllowLocalhost>> {
        self.client.send_checked(Call::get(self.path("/allow_localhost"))).await
    }

    /// Changes the setting (`PATCH …/auth/allow_localhost`).
    pub async fn set_allow_localhost(&self, allow: bool) -> Result<Checked<AllowLocalhost>> {
        let body = snake_body(&AllowLocalhost { allow_localhost: allow })?;
        self.client
            .send_checked(Call::with_body(Method::PATCH, self.path("/allow_localhost"), &body)?)
            .await
    }
}
