//! Webhooks: `…/auth/webhooks` (read, and replace with PUT).

use super::BranchAuth;
use crate::error::Result;
use crate::json::checked::Checked;
use crate::json::input::parse;
use crate::validate;
use serde::{Deserialize, Serialize};

/// Events a webhook can receive.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WebhookEvent {
    /// Before a user is created.
    #[serde(rename = "user.before_create")]
    UserBeforeCreate,
    /// A user was created.
    #[serde(rename = "user.created")]
    UserCreated,
    /// A one-time code is to be sent.
    #[serde(rename = "send.otp")]
    SendOtp,
    /// A magic link is to be sent.
    #[serde(rename = "send.magic_link")]
    SendMagicLink,
    /// An organization invitation was created.
    #[serde(rename = "organization.invitation.created")]
    InvitationCreated,
    /// An organization invitation was accepted.
    #[serde(rename = "organization.invitation.accepted")]
    InvitationAccepted,
    /// A phone number was verified.
    #[serde(rename = "phone_number.verified")]
    PhoneNumberVerified,
}

/// Webhook settings as read back.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookConfig {
    /// Whether the webhook is on.
    pub enabled: bool,
    /// Where events are posted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Events sent. Values the API adds later are passed through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "(WebhookEvent | (string & {}))[]"))]
    pub enabled_events: Option<Vec<String>>,
    /// Delivery timeout in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
}

/// Input of `webhooks.set()`: the whole webhook configuration (replaces the current one).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub struct WebhookInput {
    /// Whether the webhook is on.
    pub enabled: bool,
    /// Where events are posted (the API decides which URLs it accepts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Events to send.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled_events: Option<Vec<WebhookEvent>>,
    /// Delivery timeout in seconds (1 to 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
}

/// Checks a webhook configuration before it is sent.
pub(super) fn check(input: &WebhookInput) -> Result<()> {
    if let Some(url) = &input.webhook_url {
        validate::line("webhookUrl", url)?;
    }
    if let Some(t) = input.timeout_seconds {
        validate::range("timeoutSeconds", t.into(), 1, 10)?;
    }
    Ok(())
}

impl BranchAuth {
    /// Reads the webhook settings (`GET …/auth/webhooks`).
    pub async fn get_webhooks(&self) -> Result<Checked<WebhookConfig>> {
        self.read(WEBHOOKS_GET).await
    }

    /// Replaces the webhook settings (`PUT …/auth/webhooks`); a lost answer is reconciled by
    /// reading them back.
    pub async fn set_webhooks(&self, input: &WebhookInput) -> Result<Checked<WebhookConfig>> {
        check(input)?;
        self.set_whole(WEBHOOKS_SET, input, || self.get_webhooks()).await
    }
}

operations! {
    (auth: &BranchAuth, target, input) under [("branchAuth", super::PATH)];
    /// Reads the webhook settings.
    const WEBHOOKS_GET = "webhooks.get" GET "/webhooks" () -> "WebhookConfig"
        => auth.get_webhooks().await;
    /// Replaces the webhook settings.
    const WEBHOOKS_SET = "webhooks.set" PUT "/webhooks"
        (input "config": "WebhookInput") -> "WebhookConfig & Reconciliation"
        => auth.set_webhooks(&parse::<WebhookInput>("config", input)?).await;
}
