//! Webhooks: `/auth/webhooks` (full replace on PUT).

use crate::http::Reply;
use crate::routes::branch_auth::{object, settings, settings_mut, Outcome};
use crate::routes::json_fields::{opt_int_in, opt_string, opt_string_array, req_bool};
use crate::state::branch_auth::settings::{WebhookConfig, WEBHOOK_EVENTS};
use crate::state::branch_auth::{BranchAuthStore, BranchRef};
use crate::validate::addresses::parse_http_uri;

/// Accepts absolute https URLs, and http ones for loopback hosts only.
fn check_webhook_url(url: &str) -> Result<(), Reply> {
    match parse_http_uri(url) {
        Some(uri) if uri.scheme == "https" || uri.is_loopback() => Ok(()),
        _ => Err(Reply::bad_request(
            "webhook_url must be an absolute https URL (http only for localhost)",
        )),
    }
}

/// `GET /auth/webhooks`.
pub fn get(store: &BranchAuthStore, at: BranchRef<'_>) -> Outcome {
    Ok(Reply::ok(&settings(store, at)?.webhooks))
}

/// `PUT /auth/webhooks` with a `NeonAuthWebhookConfig` → 200 what is stored.
pub fn put(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "enabled")?;
    let enabled = req_bool(&fields, "enabled")?;
    let webhook_url = opt_string(&fields, "webhook_url")?;
    if let Some(url) = &webhook_url {
        check_webhook_url(url)?;
    }
    let enabled_events = opt_string_array(&fields, "enabled_events")?;
    if let Some(events) = &enabled_events {
        if !events.iter().all(|e| WEBHOOK_EVENTS.contains(&e.as_str())) {
            return Err(Reply::bad_request(format!(
                "enabled_events must only contain: {}",
                WEBHOOK_EVENTS.join(", ")
            )));
        }
    }
    let timeout_seconds = opt_int_in(&fields, "timeout_seconds", 1..=10)?.map(|t| t as u32);
    settings.webhooks = WebhookConfig {
        enabled,
        webhook_url,
        enabled_events,
        timeout_seconds,
    };
    Ok(Reply::ok(&settings.webhooks))
}
