//! OAuth providers: `/auth/oauth_providers[/{oauth_provider_id}]`. Client
//! secrets are accepted but never returned.

use serde::Serialize;

use crate::http::Reply;
use crate::routes::branch_auth::{auth_error, object, settings, settings_mut, Outcome};
use crate::routes::json_fields::{opt_string, req_choice, Body};
use crate::state::branch_auth::oauth_providers::{OauthCredentials, OauthProviderId, OauthProviderView};
use crate::state::branch_auth::{BranchAuthStore, BranchRef};

/// `ListNeonAuthOauthProvidersResponse`.
#[derive(Serialize)]
struct ProviderList {
    providers: Vec<OauthProviderView>,
}

fn credentials(fields: &Body) -> Result<OauthCredentials, Reply> {
    Ok(OauthCredentials {
        client_id: opt_string(fields, "client_id")?,
        client_secret: opt_string(fields, "client_secret")?,
        microsoft_tenant_id: opt_string(fields, "microsoft_tenant_id")?,
    })
}

fn path_provider(raw: &str) -> Result<OauthProviderId, Reply> {
    OauthProviderId::parse(raw)
        .ok_or_else(|| Reply::bad_request(format!("oauth_provider_id must be one of: {}", OauthProviderId::VALUES)))
}

/// `GET /auth/oauth_providers`.
pub fn list(store: &BranchAuthStore, at: BranchRef<'_>) -> Outcome {
    let settings = settings(store, at)?;
    Ok(Reply::ok(&ProviderList {
        providers: settings.oauth_providers.iter().map(|p| p.view()).collect(),
    }))
}

/// `POST /auth/oauth_providers` with `{"id", "client_id"?, "client_secret"?,
/// "microsoft_tenant_id"?}` → 200 the provider.
pub fn add(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "id")?;
    let id = req_choice(&fields, "id", OauthProviderId::parse, OauthProviderId::VALUES)?;
    let provider = settings
        .add_oauth_provider(id, credentials(&fields)?)
        .map_err(|e| auth_error(e, at))?;
    Ok(Reply::ok(&provider.view()))
}

/// `PATCH /auth/oauth_providers/{oauth_provider_id}` → 200 the provider.
pub fn update(store: &mut BranchAuthStore, at: BranchRef<'_>, raw_id: &str, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let id = path_provider(raw_id)?;
    let fields = object(body, "client_id, client_secret or microsoft_tenant_id")?;
    let provider = settings
        .update_oauth_provider(id, credentials(&fields)?)
        .map_err(|e| auth_error(e, at))?;
    Ok(Reply::ok(&provider.view()))
}

/// `DELETE /auth/oauth_providers/{oauth_provider_id}` → 200, no body.
pub fn remove(store: &mut BranchAuthStore, at: BranchRef<'_>, raw_id: &str) -> Outcome {
    let settings = settings_mut(store, at)?;
    let id = path_provider(raw_id)?;
    settings.remove_oauth_provider(id).map_err(|e| auth_error(e, at))?;
    Ok(Reply::empty(200))
}
