//! The e-mail provider (`/auth/email_provider`) and `/auth/send_test_email`.
//! SMTP passwords are stored but never returned or echoed.

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

/// `GET /auth/email_provider`.
pub fn get_provider(store: &BranchAuthStore, at: BranchRef<'_>) -> Outcome {
    Ok(Reply::ok(&settings(store, at)?.email_provider))
}

/// `PATCH /auth/email_provider` with a `NeonAuthEmailServerConfig`
/// (`type` standard or shared) → 200 the stored config without password.
/// Shared fields left out fall back to the shared sender's values.
pub fn update_provider(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "type")?;
    let provider = match req_choice(&fields, "type", parse_kind, "standard, shared")? {
        Kind::Standard => standard_server(&fields)?,
        Kind::Shared => EmailProvider::Shared {
            sender_email: opt_string(&fields, "sender_email")?.unwrap_or_else(|| SHARED_SENDER_EMAIL.to_string()),
            sender_name: opt_string(&fields, "sender_name")?.unwrap_or_else(|| SHARED_SENDER_NAME.to_string()),
        },
    };
    settings.email_provider = provider;
    Ok(Reply::ok(&settings.email_provider))
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
    let result = if host.eq_ignore_ascii_case(FAILING_HOST) {
        TestEmailResult {
            success: false,
            error_message: Some(format!("could not connect to {FAILING_HOST}")),
        }
    } else {
        TestEmailResult {
            success: true,
            error_message: None,
        }
    };
    Ok(Reply::ok(&result))
}
