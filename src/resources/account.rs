//! Who the current credentials belong to (`GET /auth`).

use crate::error::Result;
use crate::http::client::Client;
use crate::json::checked::Checked;
use serde::{Deserialize, Serialize};

/// The identity behind the credentials in use.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthDetails {
    /// User ID, or organization ID for an organization key.
    pub account_id: String,
    /// How the request was authenticated. Values the API adds later are passed through.
    #[cfg_attr(
        feature = "wasm",
        tsify(
            type = "\"keycloak\" | \"session_cookie\" | \"api_key_user\" | \"api_key_org\" | \"oauth\" | (string & {})"
        )
    )]
    pub auth_method: String,
    /// Extra detail, e.g. the key name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_data: Option<String>,
}

impl Client {
    /// Who the current credentials belong to (`GET /auth`).
    pub async fn whoami(&self) -> Result<Checked<AuthDetails>> {
        self.send_checked(WHOAMI.to("", &[])).await
    }
}

operations! {
    (client: &Client, target, input) under [("", "")];
    /// Who the current credentials belong to.
    const WHOAMI = "whoami" GET "/auth" () -> "AuthDetails"
        => client.whoami().await;
}
