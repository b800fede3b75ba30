//! The e-mail provider (`/auth/email_provider`), its test (`/auth/email_provider/test`) and
//! `/auth/send_test_email`. SMTP passwords are stored but only ever returned masked (empty).

use serde::Serialize;

use crate::http::Reply;
use crate::routes::branch_auth::{object, settings, settings_mut, Outcome};
use crate::routes::json_fields::{opt_string, req_choice, req_email, req_int_in, req_string, Body};
use crate::state::branch_auth::settings::{EmailProvider, SHARED_SENDER_EMAIL, SHARED_SENDER_NAME};
use crate::state::branch_auth::{BranchAuthStore, BranchRef};

/// SMTP host for which `send_test_email` reports a failure.
pub const FAILING_HOST: &str = "fail.invalid";

/// `SendNeonAuthTestEmailResponse`.
#[derive(Serialize)]
struct TestEmailResult {
    success: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_message: Option<String>,
}

#[derive(Clone, Copy)]
enum Kind {
    Standard,
    Shared,
}

fn parse_kind(s: &str) -> Option<Kind> {
    match s {
        "standard" => Some(Kind::Standard),
        "shared" => Some(Kind::Shared),
        _ => None,
    }
}

/// The `StandardEmailServer` fields, all required.
fn standard_server(fields: &Body) -> Result<EmailProvider, Reply> {
    Ok(EmailProvider::Standard {
        host: req_string(fields, "host")?,
        port: req_int_in(fields, "port", 1..=65_535)? as u16,
        username: req_string(fields, "username")?,
        password: req_string(fields, "password")?,
        sender_email: req_string(fields, "sender_email")?,
        sender_name: req_string(fields, "sender_name")?,
    })
}

/// A standard server from a partial update: the given fields over the saved
/// standard server's (the newer spec makes every field optional); a field
/// that is neither given nor saved is a 400.
fn merged_standard(fields: &Body, saved: Option<&EmailProvider>) -> Result<EmailProvider, Reply> {
    let mut merged = match saved {
        Some(EmailProvider::Standard {
            host,
            port,
            username,
            password,
            sender_email,
            sender_name,
        }) => serde_json::json!({
            "host": host, "port": port, "username": username, "password": password,
            "sender_email": sender_email, "sender_name": sender_name,
        }),
        _ => serde_json::json!({}),
    };
    for (key, value) in fields {
        if key != "type" {
            merged[key] = value.clone();
        }
    }
    match merged {
        serde_json::Value::Object(all) => standard_server(&all),
        _ => unreachable!("built as an object"),
    }
}

/// `GET /auth/email_provider`: 404 until the provider is first configured.
pub fn get_provider(store: &BranchAuthStore, at: BranchRef<'_>) -> Outcome {
    match &settings(store, at)?.email_provider {
        Some(provider) => Ok(Reply::ok(provider)),
        None => Err(Reply::not_found(format!(
            "email provider is not configured for branch {}",
            at.branch_id
        ))),
    }
}

/// `PATCH /auth/email_provider` with a `NeonAuthEmailServerConfig`
/// (`type` standard or shared) → 200 the stored config, password masked.
/// Standard fields left out keep their saved values; shared fields left out
/// fall back to the shared sender's values.
pub fn update_provider(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "type")?;
    let provider = match req_choice(&fields, "type", parse_kind, "standard, shared")? {
        Kind::Standard => merged_standard(&fields, settings.email_provider.as_ref())?,
        Kind::Shared => EmailProvider::Shared {
            sender_email: opt_string(&fields, "sender_email")?.unwrap_or_else(|| SHARED_SENDER_EMAIL.to_string()),
            sender_name: opt_string(&fields, "sender_name")?.unwrap_or_else(|| SHARED_SENDER_NAME.to_string()),
        },
    };
    Ok(Reply::ok(settings.email_provider.insert(provider)))
}

fn test_result(host: &str) -> TestEmailResult {
    if host.eq_ignore_ascii_case(FAILING_HOST) {
        TestEmailResult {
            success: false,
            error_message: Some(format!("could not connect to {FAILING_HOST}")),
        }
    } else {
        TestEmailResult {
            success: true,
            error_message: None,
        }
    }
}

/// `POST /auth/send_test_email`: SMTP settings plus `recipient_email`.
/// Nothing is sent; host [`FAILING_HOST`] simulates a connection failure.
pub fn send_test(store: &BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    settings(store, at)?;
    let fields = object(
        body,
        "host, port, username, password, sender_email, sender_name and recipient_email",
    )?;
    let EmailProvider::Standard { host, .. } = standard_server(&fields)? else {
        unreachable!("standard_server builds a standard provider");
    };
    req_email(&fields, "recipient_email")?;
    Ok(Reply::ok(&test_result(&host)))
}

/// `POST /auth/email_provider/test` `{recipient_email}`: tests the saved
/// standard provider (nothing is sent); the shared one cannot be tested (400).
pub fn test_saved(store: &BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings(store, at)?;
    let fields = object(body, "recipient_email")?;
    req_email(&fields, "recipient_email")?;
    match &settings.email_provider {
        Some(EmailProvider::Standard { host, .. }) => Ok(Reply::ok(&test_result(host))),
        _ => Err(Reply::bad_request(
            "only a standard (SMTP) email provider can be tested: configure one first",
        )),
    }
}
