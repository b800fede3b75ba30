//! `/projects/{project_id}/branches/{branch_id}/auth[/...]`: Neon Auth per
//! branch.
//!
//! Order of checks: path ids (400), project and branch reach (403/404),
//! then — for everything but enabling — Neon Auth enabled (404), then the
//! request body (400), then the operation itself (404/409).

pub mod allow_localhost;
pub mod domains;
pub mod email;
pub mod email_and_password;
pub mod integration;
pub mod oauth_providers;
pub mod plugins;
pub mod users;
pub mod webhooks;

use crate::http::{parse_object, Reply};
use crate::keys::Principal;
use crate::minted::MintedLog;
use crate::routes::json_fields::Body;
use crate::routes::{not_found_route, ApiRequest};
use crate::state::branch_auth::settings::AuthSettings;
use crate::state::branch_auth::{BranchAuthError, BranchAuthStore, BranchRef};
use crate::state::State;

/// What a handler produces; `Err` holds the error reply.
pub type Outcome = Result<Reply, Reply>;

/// Dispatches a branch auth request; `rest` are the segments after `auth`.
pub fn route(
    req: &ApiRequest<'_>,
    caller: &Principal,
    state: &mut State,
    (project_id, branch_id): (&str, &str),
    rest: &[&str],
) -> Reply {
    let at = match super::reachable_branch(caller, state, project_id, branch_id) {
        Ok(at) => at,
        Err(reply) => return reply,
    };
    let minted = Minting {
        log: &mut state.minted,
        request_id: req.request_id,
    };
    dispatch(req.method, rest, &mut state.branch_auth, minted, at, req.body).unwrap_or_else(|reply| reply)
}

/// Where enabling and disabling record the keys they show and revoke.
pub struct Minting<'a> {
    /// The record.
    pub log: &'a mut MintedLog,
    /// The `X-Request-ID` of the request being served.
    pub request_id: &'a str,
}

fn dispatch(
    method: &str,
    rest: &[&str],
    store: &mut BranchAuthStore,
    minted: Minting<'_>,
    at: BranchRef<'_>,
    body: &[u8],
) -> Outcome {
    match (method, rest) {
        ("POST", []) => integration::enable(store, minted, at, body),
        ("GET", []) => integration::get(store, at),
        ("DELETE", []) => integration::disable(store, minted, at, body),
        ("PATCH", ["config"]) => integration::rename(store, at, body),
        ("GET", ["domains"]) => domains::list(store, at),
        ("POST", ["domains"]) => domains::add(store, at, body),
        ("DELETE", ["domains"]) => domains::remove(store, at, body),
        ("GET", ["oauth_providers"]) => oauth_providers::list(store, at),
        ("POST", ["oauth_providers"]) => oauth_providers::add(store, at, body),
        ("PATCH", ["oauth_providers", id]) => oauth_providers::update(store, at, id, body),
        ("DELETE", ["oauth_providers", id]) => oauth_providers::remove(store, at, id),
        ("POST", ["users"]) => users::create(store, at, body),
        ("DELETE", ["users", user_id]) => users::delete(store, at, user_id),
        ("PUT", ["users", user_id, "role"]) => users::set_roles(store, at, user_id, body),
        ("GET", ["email_provider"]) => email::get_provider(store, at),
        ("PATCH", ["email_provider"]) => email::update_provider(store, at, body),
        ("POST", ["send_test_email"]) => email::send_test(store, at, body),
        ("POST", ["email_provider", "test"]) => email::test_saved(store, at, body),
        ("GET", ["email_and_password"]) => email_and_password::get(store, at),
        ("PATCH", ["email_and_password"]) => email_and_password::update(store, at, body),
        ("GET", ["plugins"]) => plugins::get_all(store, at),
        ("PATCH", ["plugins", "organization"]) => plugins::update_organization(store, at, body),
        ("PATCH", ["plugins", "magic-link"]) => plugins::update_magic_link(store, at, body),
        ("GET", ["plugins", "phone-number"]) => plugins::get_phone_number(store, at),
        ("PATCH", ["plugins", "phone-number"]) => plugins::update_phone_number(store, at, body),
        ("GET", ["webhooks"]) => webhooks::get(store, at),
        ("PUT", ["webhooks"]) => webhooks::put(store, at, body),
        ("GET", ["allow_localhost"]) => allow_localhost::get(store, at),
        ("PATCH", ["allow_localhost"]) => allow_localhost::update(store, at, body),
        _ => Err(not_found_route()),
    }
}

/// Maps a refused branch auth operation to its reply. Messages never
/// contain e-mail addresses or secrets.
pub fn auth_error(err: BranchAuthError, at: BranchRef<'_>) -> Reply {
    match err {
        BranchAuthError::NotEnabled => Reply::not_found(format!("Neon Auth is not enabled on branch {}", at.branch_id)),
        BranchAuthError::AlreadyEnabled => {
            Reply::conflict(format!("Neon Auth is already enabled on branch {}", at.branch_id))
        }
        BranchAuthError::SchemaExists => Reply::conflict(
            "The `neon_auth` schema already exists and cannot be automatically provisioned. Please drop the existing `neon_auth` schema before provisioning Neon Auth.",
        ),
        BranchAuthError::DomainExists => Reply::conflict("domain is already in the redirect URI whitelist"),
        BranchAuthError::DomainMissing => Reply::not_found("domain is not in the redirect URI whitelist"),
        BranchAuthError::ProviderExists(id) => {
            Reply::conflict(format!("OAuth provider {} is already configured", id.as_str()))
        }
        BranchAuthError::ProviderMissing(id) => {
            Reply::not_found(format!("OAuth provider {} is not configured", id.as_str()))
        }
        BranchAuthError::UserExists => Reply::conflict("a user with this email already exists"),
        BranchAuthError::UserMissing => Reply::not_found("auth user not found"),
    }
}

/// Settings of the branch, or 404 when Neon Auth is off.
pub fn settings<'s>(store: &'s BranchAuthStore, at: BranchRef<'_>) -> Result<&'s AuthSettings, Reply> {
    store.settings(at).map_err(|e| auth_error(e, at))
}

/// Settings of the branch for changing, or 404 when Neon Auth is off.
pub fn settings_mut<'s>(store: &'s mut BranchAuthStore, at: BranchRef<'_>) -> Result<&'s mut AuthSettings, Reply> {
    store.settings_mut(at).map_err(|e| auth_error(e, at))
}

/// The request body as a JSON object (empty counts as `{}`).
pub fn object(body: &[u8], fields: &str) -> Result<Body, Reply> {
    parse_object(body, fields)
}
