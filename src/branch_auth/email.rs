//! E-mail: the provider that sends auth mail (`…/auth/email_provider`), sign-in with e-mail and
//! password (`…/auth/email_and_password`), and a test message (`…/auth/send_test_email`).

use super::BranchAuth;
use crate::client::Call;
use crate::error::{Error, Result};
use crate::input::snake_body;
use crate::secret::Secret;
use crate::transport::Method;
use crate::validate;
use serde::{Deserialize, Serialize};

/// The e-mail provider as read back.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmailProvider {
    /// `standard` (your SMTP server) or `shared` (Neon's). Values the API adds later pass through.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(optional, type = "\"standard\" | \"shared\" | (string & {})")
    )]
    pub kind: Option<String>,
    /// SMTP host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub host: Option<String>,
    /// SMTP port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub port: Option<u32>,
    /// SMTP user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub username: Option<String>,
    /// SMTP password, if the API returns it (redacted in inspect).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    pub password: Option<Secret>,
    /// Sender address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub sender_email: Option<String>,
    /// Sender name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub sender_name: Option<String>,
}

/// Which e-mail server sends auth mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailServerKind {
    /// Your own SMTP server.
    Standard,
    /// Neon's shared server.
    Shared,
}

/// Input of `emailProvider.update()`: your own SMTP server (`type: "standard"`, every field
/// required) or Neon's shared one (`type: "shared"`, sender fields only). A flat struct rather than
/// a tagged enum, so that an error inside it names its field. (Its TypeScript type is the union
/// declared in `js/index.d.ts`.)
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmailProviderInput {
    /// `standard` or `shared`.
    #[serde(rename = "type")]
    pub kind: EmailServerKind,
    /// SMTP host (standard).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// SMTP port, 1 to 65535 (standard).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// SMTP user name (standard).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// SMTP password (standard).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// Sender address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_email: Option<String>,
    /// Sender name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
}

/// E-mail and password sign-in settings.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmailAndPassword {
    /// Whether e-mail and password sign-in is on.
    pub enabled: bool,
    /// How addresses are verified. Values the API adds later are passed through.
    #[cfg_attr(feature = "wasm", tsify(type = "\"link\" | \"otp\" | (string & {})"))]
    pub email_verification_method: String,
    /// Whether a verified address is required to sign in.
    pub require_email_verification: bool,
    /// Sign in automatically after verification.
    pub auto_sign_in_after_verification: bool,
    /// Send a verification mail on sign-up.
    pub send_verification_email_on_sign_up: bool,
    /// Send a verification mail on sign-in.
    pub send_verification_email_on_sign_in: bool,
    /// Refuse new sign-ups.
    pub disable_sign_up: bool,
}

/// How addresses are verified.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationMethod {
    /// A link in the mail.
    Link,
    /// A one-time code.
    Otp,
}

/// Input of `emailAndPassword.update()`: only the given settings change.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmailAndPasswordInput {
    /// Turn e-mail and password sign-in on or off.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub enabled: Option<bool>,
    /// How addresses are verified.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub email_verification_method: Option<VerificationMethod>,
    /// Require a verified address to sign in.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub require_email_verification: Option<bool>,
    /// Sign in automatically after verification.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub auto_sign_in_after_verification: Option<bool>,
    /// Send a verification mail on sign-up.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub send_verification_email_on_sign_up: Option<bool>,
    /// Send a verification mail on sign-in.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub send_verification_email_on_sign_in: Option<bool>,
    /// Refuse new sign-ups.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub disable_sign_up: Option<bool>,
}

/// Input of `sendTestEmail()`: an SMTP server to try and where to send the test.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TestEmailInput {
    /// SMTP host.
    pub host: String,
    /// SMTP port (1 to 65535).
    pub port: u32,
    /// SMTP user name.
    pub username: String,
    /// SMTP password.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub password: Secret,
    /// Sender address.
    pub sender_email: String,
    /// Sender name.
    pub sender_name: String,
    /// Where to send the test message.
    pub recipient_email: String,
}

/// The outcome of a test message.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestEmailResult {
    /// Whether the message was sent.
    pub success: bool,
    /// Why not, when it was not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub error_message: Option<String>,
}

fn check_smtp(host: &str, port: u32, username: &str, password: &str, sender: &str, name: &str) -> Result<()> {
    validate::length("host", host, 1, 253)?;
    validate::range("port", port.into(), 1, 65_535)?;
    validate::length("username", username, 1, 256)?;
    validate::length("password", password, 1, 1024)?;
    validate::email("senderEmail", sender)?;
    validate::length("senderName", name, 1, 256)
}

pub(super) fn check_email_provider(input: &EmailProviderInput) -> Result<()> {
    match input.kind {
        EmailServerKind::Standard => {
            let need = |value: bool, field: &str| {
                if value {
                    Ok(())
                } else {
                    Err(Error::field(field, "is required for a standard (SMTP) e-mail provider"))
                }
            };
            need(input.host.is_some(), "host")?;
            need(input.port.is_some(), "port")?;
            need(input.username.is_some(), "username")?;
            need(input.password.is_some(), "password")?;
            need(input.sender_email.is_some(), "senderEmail")?;
            need(input.sender_name.is_some(), "senderName")?;
            check_smtp(
                input.host.as_deref().unwrap_or_default(),
                input.port.unwrap_or_default(),
                input.username.as_deref().unwrap_or_default(),
                input.password.as_ref().map(Secret::expose).unwrap_or_default(),
                input.sender_email.as_deref().unwrap_or_default(),
                input.sender_name.as_deref().unwrap_or_default(),
            )
        }
        EmailServerKind::Shared => {
            for (present, field) in [
                (input.host.is_some(), "host"),
                (input.port.is_some(), "port"),
                (input.username.is_some(), "username"),
                (input.password.is_some(), "password"),
            ] {
                if present {
                    return Err(Error::field(field, "is only for a standard (SMTP) e-mail provider"));
                }
            }
            if let Some(e) = &input.sender_email {
                validate::email("senderEmail", e)?;
            }
            if let Some(n) = &input.sender_name {
                validate::length("senderName", n, 1, 256)?;
            }
            Ok(())
        }
    }
}

impl BranchAuth {
    /// Reads the e-mail provider (`GET …/auth/email_provider`).
    pub async fn get_email_provider(&self) -> Result<EmailProvider> {
        self.client.send(Call::get(self.path("/email_provider"))).await
    }

    /// Sets the e-mail provider (`PATCH …/auth/email_provider`).
    pub async fn update_email_provider(&self, input: &EmailProviderInput) -> Result<EmailProvider> {
        check_email_provider(input)?;
        let call = Call::with_body(Method::PATCH, self.path("/email_provider"), &snake_body(input)?)?;
        self.client.send(call).await
    }

    /// Reads the e-mail and password settings (`GET …/auth/email_and_password`).
    pub async fn get_email_and_password(&self) -> Result<EmailAndPassword> {
        self.client.send(Call::get(self.path("/email_and_password"))).await
    }

    /// Changes the given e-mail and password settings (`PATCH …/auth/email_and_password`).
    pub async fn update_email_and_password(&self, input: &EmailAndPasswordInput) -> Result<EmailAndPassword> {
        let call = Call::with_body(Method::PATCH, self.path("/email_and_password"), &snake_body(input)?)?;
        self.client.send(call).await
    }

    /// Sends a test message through an SMTP server (`POST …/auth/send_test_email`).
    pub async fn send_test_email(&self, input: &TestEmailInput) -> Result<TestEmailResult> {
        check_smtp(
            &input.host,
            input.port,
            &input.username,
            input.password.expose(),
            &input.sender_email,
            &input.sender_name,
        )?;
        validate::email("recipientEmail", &input.recipient_email)?;
        self.client
            .send(Call::post(self.path("/send_test_email"), &snake_body(input)?)?)
            .await
    }
}
