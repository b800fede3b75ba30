//! Enabling, reading, renaming and disabling Neon Auth on a branch.

use serde::Serialize;

use crate::http::Reply;
use crate::routes::branch_auth::{auth_error, object, settings_mut, Minting, Outcome};
use crate::routes::json_fields::{opt_bool, opt_string_len, req_choice, req_string_len};
use crate::state::branch_auth::settings::AuthProvider;
use crate::state::branch_auth::{base_url, jwks_url, BranchAuthStore, BranchRef, SCHEMA_NAME, TABLE_NAME};

/// `NeonAuthCreateIntegrationResponse`: the only time the keys are shown.
#[derive(Serialize)]
struct CreatedIntegration<'a> {
    auth_provider: AuthProvider,
    auth_provider_project_id: &'a str,
    pub_client_key: String,
    secret_server_key: String,
    jwks_url: String,
    schema_name: &'static str,
    table_name: &'static str,
    base_url: String,
}

/// `NeonAuthIntegration`.
#[derive(Serialize)]
struct IntegrationView<'a> {
    auth_provider: AuthProvider,
    auth_provider_project_id: &'a str,
    branch_id: &'a str,
    db_name: &'a str,
    created_at: &'a str,
    owned_by: &'static str,
    jwks_url: String,
    base_url: String,
    name: &'a str,
}

/// `NeonAuthConfigResponse`.
#[derive(Serialize)]
struct ConfigName<'a> {
    name: &'a str,
}

/// `POST /auth` with `{"auth_provider", "database_name"?}` → 201; the keys shown are recorded.
pub fn enable(store: &mut BranchAuthStore, minted: Minting<'_>, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let fields = object(body, "auth_provider")?;
    let provider = req_choice(&fields, "auth_provider", AuthProvider::parse, AuthProvider::VALUES)?;
    let database_name = opt_string_len(&fields, "database_name", 1..=63)?;
    let (integration, keys) = store
        .enable(at, provider, database_name.as_deref())
        .map_err(|e| auth_error(e, at))?;
    minted.log.neon_auth(at, &keys);
    Ok(Reply::created(&CreatedIntegration {
        auth_provider: integration.auth_provider,
        auth_provider_project_id: &integration.auth_provider_project_id,
        pub_client_key: keys.pub_client_key,
        secret_server_key: keys.secret_server_key,
        jwks_url: jwks_url(at.branch_id),
        schema_name: SCHEMA_NAME,
        table_name: TABLE_NAME,
        base_url: base_url(at.branch_id),
    }))
}

/// `GET /auth`: the integration, never its keys.
pub fn get(store: &BranchAuthStore, at: BranchRef<'_>) -> Outcome {
    let integration = store.integration(at).map_err(|e| auth_error(e, at))?;
    Ok(Reply::ok(&IntegrationView {
        auth_provider: integration.auth_provider,
        auth_provider_project_id: &integration.auth_provider_project_id,
        branch_id: at.branch_id,
        db_name: &integration.db_name,
        created_at: &integration.created_at,
        owned_by: "neon",
        jwks_url: jwks_url(at.branch_id),
        base_url: base_url(at.branch_id),
        name: &integration.settings.name,
    }))
}

/// `DELETE /auth` with an optional `{"delete_data": bool}` → 200, no body; the keys of the
/// integration count as revoked from then on.
pub fn disable(store: &mut BranchAuthStore, minted: Minting<'_>, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    store.integration(at).map_err(|e| auth_error(e, at))?;
    let fields = object(body, "delete_data")?;
    let delete_data = opt_bool(&fields, "delete_data")?.unwrap_or(false);
    store.disable(at, delete_data).map_err(|e| auth_error(e, at))?;
    minted.log.neon_auth_disabled(at, minted.request_id);
    Ok(Reply::empty(200))
}

/// `PATCH /auth/config` with `{"name"}` (1 to 256 characters).
pub fn rename(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "name")?;
    settings.name = req_string_len(&fields, "name", 1..=256)?;
    Ok(Reply::ok(&ConfigName { name: &settings.name }))
}
