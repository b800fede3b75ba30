//! The redirect URI whitelist: `/auth/domains`.

use serde::Serialize;
use serde_json::Value;

use crate::http::Reply;
use crate::routes::branch_auth::{auth_error, object, settings, settings_mut, Outcome};
use crate::routes::json_fields::{req_choice, req_string};
use crate::state::branch_auth::domains::Domain;
use crate::state::branch_auth::settings::AuthProvider;
use crate::state::branch_auth::{BranchAuthStore, BranchRef};
use crate::validate::addresses::has_scheme;

/// `NeonAuthRedirectURIWhitelistResponse`.
#[derive(Serialize)]
struct DomainList<'a> {
    domains: &'a [Domain],
}

/// Trusted domains are origins or origin patterns, as Better Auth's trusted
/// origins take them: any scheme (`https://*.example.com`, `myapp://cb`,
/// `exp://192.168.*.*:*/**`), no whitespace.
fn check_uri(name: &str, value: &str) -> Result<(), Reply> {
    if has_scheme(value) && !value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Ok(())
    } else {
        Err(Reply::bad_request(format!(
            "{name} must be an origin with a scheme, such as https://app.example.com"
        )))
    }
}

/// `GET /auth/domains`.
pub fn list(store: &BranchAuthStore, at: BranchRef<'_>) -> Outcome {
    let settings = settings(store, at)?;
    Ok(Reply::ok(&DomainList {
        domains: &settings.domains,
    }))
}

/// `POST /auth/domains` with `{"domain", "auth_provider"}` → 201, no body.
pub fn add(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "domain and auth_provider")?;
    let domain = req_string(&fields, "domain")?;
    check_uri("domain", &domain)?;
    let provider = req_choice(&fields, "auth_provider", AuthProvider::parse, AuthProvider::VALUES)?;
    settings.add_domain(&domain, provider).map_err(|e| auth_error(e, at))?;
    Ok(Reply::empty(201))
}

/// `DELETE /auth/domains` with `{"auth_provider", "domains": [{"domain"}]}`
/// → 200, no body. One unknown domain fails the whole request.
pub fn remove(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "auth_provider and domains")?;
    req_choice(&fields, "auth_provider", AuthProvider::parse, AuthProvider::VALUES)?;
    let items = match fields.get("domains") {
        None | Some(Value::Null) => return Err(Reply::bad_request("domains is required")),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(Reply::bad_request("domains must be an array")),
    };
    let mut domains = Vec::with_capacity(items.len());
    for item in items {
        let Value::Object(entry) = item else {
            return Err(Reply::bad_request("domains must contain objects with a domain"));
        };
        let domain =
            req_string(entry, "domain").map_err(|_| Reply::bad_request("domains[].domain must be a string"))?;
        domains.push(domain);
    }
    settings.remove_domains(&domains).map_err(|e| auth_error(e, at))?;
    Ok(Reply::empty(200))
}
