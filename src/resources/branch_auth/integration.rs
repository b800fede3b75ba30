//! Enabling, reading, configuring and disabling Neon Auth on a branch (`…/auth`, `…/auth/config`).

use super::{AuthProvider, BranchAuth};
use crate::error::{ApiError, Error, Result};
use crate::http::client::ApiRequest;
use crate::json::checked::Checked;
use crate::json::input::json_body;
use crate::json::input::parse;
use crate::reconcile::{answer_lost, Reconciled};
use crate::secret::Secret;
use crate::validate;
use serde::{Deserialize, Serialize};

/// Input of `enable()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub struct EnableInput {
    /// Provider (default `better_auth`).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub auth_provider: AuthProvider,
    /// Database that holds the `neon_auth` schema (default: the branch's default database).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_name: Option<String>,
}

/// What `enable()` returns: the keys an app needs, shown only this once.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnabledNeonAuth {
    /// Provider. Values the API adds later are passed through.
    #[cfg_attr(feature = "wasm", tsify(type = "AuthProviderName"))]
    pub auth_provider: String,
    /// The provider's project ID.
    pub auth_provider_project_id: String,
    /// Publishable client key (shown once; redacted in inspect, kept in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub pub_client_key: Secret,
    /// Secret server key (shown once; redacted in inspect, kept in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub secret_server_key: Secret,
    /// JWKS URL for verifying tokens.
    pub jwks_url: String,
    /// Schema holding auth data (`neon_auth`).
    pub schema_name: String,
    /// Table of synced users.
    pub table_name: String,
    /// Base URL of the auth service, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

/// Neon Auth on a branch, as `get()` reads it.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeonAuth {
    /// Provider. Values the API adds later are passed through.
    #[cfg_attr(feature = "wasm", tsify(type = "AuthProviderName"))]
    pub auth_provider: String,
    /// The provider's project ID.
    pub auth_provider_project_id: String,
    /// Branch ID.
    pub branch_id: String,
    /// Database holding the auth schema.
    pub db_name: String,
    /// When Neon Auth was enabled (RFC 3339).
    pub created_at: String,
    /// Who owns the provider project.
    #[cfg_attr(feature = "wasm", tsify(type = "\"user\" | \"neon\" | (string & {})"))]
    pub owned_by: String,
    /// Ownership transfer status, when one happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(optional, type = "\"initiated\" | \"finished\" | (string & {})")
    )]
    pub transfer_status: Option<String>,
    /// JWKS URL for verifying tokens.
    pub jwks_url: String,
    /// Base URL of the auth service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Input of `disable()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub struct DisableInput {
    /// Also delete the `neon_auth` schema and its data (default false).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub delete_data: bool,
}

/// Input of `updateConfig()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub struct ConfigInput {
    /// Display name (1 to 256 characters).
    pub name: String,
}

/// The configuration `updateConfig()` returns.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeonAuthConfig {
    /// Display name.
    pub name: String,
}

/// Checks `enable()` options before they are sent.
pub(super) fn check_enable(input: &EnableInput) -> Result<()> {
    match &input.database_name {
        Some(db) => validate::text("databaseName", db),
        None => Ok(()),
    }
}

/// Checks a configuration name before it is sent: 1 to 256 characters (the spec), on one line
/// (it is the application name in auth mail, so a line break could forge mail headers).
pub(super) fn check_name(name: &str) -> Result<()> {
    validate::length("name", name, 1, 256)?;
    validate::line("name", name)
}

/// What to do when enabling answers 409, without repeating what Neon's message says. Neon
/// answers so in two cases: Neon Auth is on already (a branch made from a branch with Neon Auth
/// has its own), or it was disabled with its data kept and the `neon_auth` schema is still there
/// (Neon's message names the schema).
fn conflict_hint(message: &str) -> &'static str {
    if message.contains("neon_auth") {
        "run DROP SCHEMA neon_auth CASCADE, which deletes its auth users, and enable again; disabling with deleteData: true avoids this"
    } else {
        "nothing to do if you want it on, and apply({ enabled: true }) counts this as done; its keys were shown only when it was first enabled, or on the branch it was made from: for new keys, disable it with deleteData: true and enable it again"
    }
}

impl BranchAuth {
    /// Enables Neon Auth (`POST …/auth`). The keys in the answer are shown only this once. After
    /// a lost answer Neon Auth is read back: not enabled, the enable is sent again; enabled, the
    /// keys were lost and the call rejects with code `keys_not_received`.
    pub async fn enable(&self, input: &EnableInput) -> Result<Checked<EnabledNeonAuth>> {
        check_enable(input)?;
        let request = AUTH_ENABLE.with_json(&self.prefix, &[], &json_body(input)?)?;
        let sent = match self.client.send_checked(request.clone()).await {
            Err(e) if self.client.reconciles() && answer_lost(&e) => self.enable_again(request, e).await,
            other => other,
        };
        sent.map_err(|e| match e {
            Error::Api(mut e) if e.status == 409 => {
                e.hint = Some(conflict_hint(&e.message));
                Error::Api(e)
            }
            other => other,
        })
    }

    /// After an enable's answer was lost: reads Neon Auth back, and sends `call` once more when it
    /// is not enabled.
    async fn enable_again(&self, request: ApiRequest, lost: Error) -> Result<Checked<EnabledNeonAuth>> {
        match self.get().await {
            Ok(auth) => {
                self.client.note(Reconciled::AlreadyDone).await;
                Err(keys_not_received(lost, &self.branch_id, &auth))
            }
            Err(Error::Api(e)) if e.status == 404 => {
                self.client.note(Reconciled::SentAgain).await;
                self.client.send_checked(request).await
            }
            Err(read) => Err(lost.with_context(&format!(
                "the answer was lost and reading Neon Auth back to check it failed too ({})",
                read.name()
            ))),
        }
    }

    /// Reads Neon Auth on the branch (`GET …/auth`); a 404 `NeonApiError` when it is not enabled.
    pub async fn get(&self) -> Result<Checked<NeonAuth>> {
        self.read(AUTH_GET).await
    }

    /// Disables Neon Auth (`DELETE …/auth` with `{delete_data}`).
    pub async fn disable(&self, input: &DisableInput) -> Result<()> {
        self.client
            .send_empty(AUTH_DISABLE.with_json(&self.prefix, &[], &json_body(input)?)?)
            .await
    }

    /// Updates the configuration (`PATCH …/auth/config`).
    pub async fn update_config(&self, input: &ConfigInput) -> Result<Checked<NeonAuthConfig>> {
        check_name(&input.name)?;
        self.set(AUTH_UPDATE_CONFIG, &[], input, || async {
            let auth = self.get().await?;
            Ok(auth.name.clone().map(|name| {
                let raw = serde_json::json!({ "name": name });
                Checked::from_value(NeonAuthConfig { name }, &raw)
            }))
        })
        .await
    }
}

/// The error of an enable whose answer (with the keys shown once) was lost although Neon Auth is
/// now enabled.
fn keys_not_received(lost: Error, branch_id: &str, auth: &NeonAuth) -> Error {
    let request_id = match &lost {
        Error::Api(e) => e.request_id.clone(),
        Error::Network(e) => e.request_id.clone(),
        _ => String::new(),
    };
    Error::Api(ApiError {
        status: 200,
        code: "keys_not_received".into(),
        message: format!(
            "Neon Auth ({}) is now enabled on branch {branch_id}, but the answer carrying its keys (pub_client_key and secret_server_key, shown only once) was lost ({}); the API cannot show them again: to get new keys, disable Neon Auth with deleteData: true (this deletes its users) and enable it again",
            auth.auth_provider,
            lost.name()
        ),
        request_id,
        attempts: 1,
        retry_after_ms: None,
        hint: None,
    })
}

operations! {
    (auth: &BranchAuth, target, input) under [("branchAuth", super::PATH)];
    /// Enables Neon Auth; the keys in the answer are shown this once.
    const AUTH_ENABLE = "enable" POST ""
        (input "options?": "EnableInput") -> "EnabledNeonAuth & Reconciliation"
        [hidden "databaseName"]
        [redacted "pub_client_key", "secret_server_key"]
        => auth.enable(&parse::<EnableInput>("options", input)?).await;
    /// Reads Neon Auth; rejects with a 404 `NeonApiError` when not enabled.
    const AUTH_GET = "get" GET "" () -> "NeonAuth"
        [redacted "db_name"]
        => auth.get().await;
    /// Disables Neon Auth; `deleteData: true` also deletes the `neon_auth` schema.
    const AUTH_DISABLE = "disable" DELETE "" (input "options?": "DisableInput") -> "void"
        => auth.disable(&parse::<DisableInput>("options", input)?).await;
    /// Renames the configuration.
    const AUTH_UPDATE_CONFIG = "updateConfig" PATCH "/config"
        (input "config": "ConfigInput") -> "NeonAuthConfig & Reconciliation"
        => auth.update_config(&parse::<ConfigInput>("config", input)?).await;
}
