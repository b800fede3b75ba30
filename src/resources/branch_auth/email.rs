//! E-mail: the provider that sends auth mail (`…/auth/email_provider`) and its test
//! (`…/auth/email_provider/test`), sign-in with e-mail and password (`…/auth/email_and_password`),
//! and the older full test message (`…/auth/send_test_email`).

use super::BranchAuth;
use crate::error::{Error, Result};
use crate::json::checked::Checked;
use crate::json::input::parse;
use crate::secret::Secret;
use crate::validate;
use serde::{Deserialize, Serialize};

optional_fields! {
    #[each(serde(default, skip_serializing_if = "Option::is_none"))]
    /// The e-mail provider as read back.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct EmailProvider {
        /// `standard` (your SMTP server) or `shared` (Neon's). Values the API adds later pass through.
        #[serde(rename = "type")]
        #[cfg_attr(feature = "wasm", tsify(type = "\"standard\" | \"shared\" | (string & {})"))]
        pub kind: Option<String>,
        /// SMTP host.
        pub host: Option<String>,
        /// SMTP port.
        pub port: Option<u32>,
        /// SMTP user name.
        pub username: Option<String>,
        /// SMTP password, if the API returns it (redacted in inspect).
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        pub password: Option<Secret>,
        /// Sender address.
        pub sender_email: Option<String>,
        /// Sender name.
        pub sender_name: Option<String>,
    }
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

/// Input of `emailProvider.update()`: your own SMTP server (`type: "standard"`, any subset of its
/// fields: the others keep their saved values; Stack Auth integrations still need all six, and
/// the API says so) or Neon's shared one (`type: "shared"`, sender fields only). A flat struct
/// rather than a tagged enum, so that an error inside it names its field.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
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

optional_fields! {
    #[each(serde(skip_serializing_if = "Option::is_none"))]
    /// Input of `emailAndPassword.update()`: only the given settings change.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    #[derive(Debug, Clone, Default, Serialize, Deserialize)]
    #[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
    pub struct EmailAndPasswordInput {
        /// Turn e-mail and password sign-in on or off.
        pub enabled: Option<bool>,
        /// How addresses are verified.
        pub email_verification_method: Option<VerificationMethod>,
        /// Require a verified address to sign in.
        pub require_email_verification: Option<bool>,
        /// Sign in automatically after verification.
        pub auto_sign_in_after_verification: Option<bool>,
        /// Send a verification mail on sign-up.
        pub send_verification_email_on_sign_up: Option<bool>,
        /// Send a verification mail on sign-in.
        pub send_verification_email_on_sign_in: Option<bool>,
        /// Refuse new sign-ups.
        pub disable_sign_up: Option<bool>,
    }
}

/// Input of `sendTestEmail()`: an SMTP server to try and where to send the test.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
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

/// Input of `emailProvider.test()`: where to send a test message through the saved provider.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub struct TestEmailProviderInput {
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
    pub error_message: Option<String>,
}

/// Checks the SMTP settings that are given. Host, user name, sender and recipient become SMTP
/// commands or mail headers at Neon, so they must be single lines (a line break could add
/// commands or forge headers); the password only has the size cap.
fn check_smtp(input: &SmtpFields<'_>) -> Result<()> {
    for (field, value) in [
        ("host", input.host),
        ("username", input.username),
        ("senderEmail", input.sender_email),
        ("senderName", input.sender_name),
        ("recipientEmail", input.recipient_email),
    ] {
        if let Some(v) = value {
            validate::line(field, v)?;
        }
    }
    match input.password {
        Some(p) => validate::text("password", p),
        None => Ok(()),
    }
}

/// The SMTP fields of any e-mail input, borrowed, for one check.
#[derive(Default)]
struct SmtpFields<'a> {
    host: Option<&'a str>,
    username: Option<&'a str>,
    password: Option<&'a str>,
    sender_email: Option<&'a str>,
    sender_name: Option<&'a str>,
    recipient_email: Option<&'a str>,
}

pub(super) fn check_email_provider(input: &EmailProviderInput) -> Result<()> {
    if input.kind == EmailServerKind::Shared {
        for (present, field) in [
            (input.host.is_some(), "host"),
            (input.port.is_some(), "port"),
            (input.username.is_some(), "username"),
            (input.password.is_some(), "password"),
        ] {
            if present {
                return Err(Error::field(
                    field,
                    "is only for a standard (SMTP) e-mail provider: Neon's shared server does not use it",
                ));
            }
        }
    }
    check_smtp(&SmtpFields {
        host: input.host.as_deref(),
        username: input.username.as_deref(),
        password: input.password.as_ref().map(Secret::expose),
        sender_email: input.sender_email.as_deref(),
        sender_name: input.sender_name.as_deref(),
        recipient_email: None,
    })
}

impl BranchAuth {
    /// Reads the e-mail provider (`GET …/auth/email_provider`).
    pub async fn get_email_provider(&self) -> Result<Checked<EmailProvider>> {
        self.read(EMAIL_PROVIDER_GET).await
    }

    /// Sets the e-mail provider (`PATCH …/auth/email_provider`); a lost answer is reconciled by
    /// reading it back (a password cannot be compared, so it is sent again).
    pub async fn update_email_provider(&self, input: &EmailProviderInput) -> Result<Checked<EmailProvider>> {
        check_email_provider(input)?;
        self.set_whole(EMAIL_PROVIDER_UPDATE, input, || self.get_email_provider())
            .await
    }

    /// Reads the e-mail and password settings (`GET …/auth/email_and_password`).
    pub async fn get_email_and_password(&self) -> Result<Checked<EmailAndPassword>> {
        self.read(EMAIL_AND_PASSWORD_GET).await
    }

    /// Changes the given e-mail and password settings (`PATCH …/auth/email_and_password`); a lost
    /// answer is reconciled by reading them back.
    pub async fn update_email_and_password(&self, input: &EmailAndPasswordInput) -> Result<Checked<EmailAndPassword>> {
        self.set_whole(EMAIL_AND_PASSWORD_UPDATE, input, || self.get_email_and_password())
            .await
    }

    /// Sends a test message through an SMTP server given in full (`POST …/auth/send_test_email`).
    /// Deprecated by Neon in favour of [`BranchAuth::test_email_provider`], which tests the saved
    /// settings.
    pub async fn send_test_email(&self, input: &TestEmailInput) -> Result<Checked<TestEmailResult>> {
        check_smtp(&SmtpFields {
            host: Some(&input.host),
            username: Some(&input.username),
            password: Some(input.password.expose()),
            sender_email: Some(&input.sender_email),
            sender_name: Some(&input.sender_name),
            recipient_email: Some(&input.recipient_email),
        })?;
        self.send(SEND_TEST_EMAIL, input).await
    }

    /// Sends a test message through the saved e-mail provider
    /// (`POST …/auth/email_provider/test`); no SMTP setting or password is sent again.
    pub async fn test_email_provider(&self, input: &TestEmailProviderInput) -> Result<Checked<TestEmailResult>> {
        check_smtp(&SmtpFields {
            recipient_email: Some(&input.recipient_email),
            ..SmtpFields::default()
        })?;
        self.send(EMAIL_PROVIDER_TEST, input).await
    }
}

operations! {
    (auth: &BranchAuth, target, input) under [("branchAuth", super::PATH)];
    /// Reads the e-mail provider.
    const EMAIL_PROVIDER_GET = "emailProvider.get" GET "/email_provider" () -> "EmailProvider"
        [redacted "host", "username", "password"]
        => auth.get_email_provider().await;
    /// Sets your own SMTP server (`type: "standard"`, any subset of its fields) or Neon's
    /// (`type: "shared"`).
    const EMAIL_PROVIDER_UPDATE = "emailProvider.update" PATCH "/email_provider"
        (input "provider": "EmailProviderInput") -> "EmailProvider & Reconciliation"
        [hidden "host", "username", "password"]
        [redacted "host", "username", "password"]
        => auth.update_email_provider(&parse::<EmailProviderInput>("provider", input)?).await;
    /// Sends a test message through the saved provider; no password is sent again.
    /// `success: false` comes with the mail server's `error_message`.
    const EMAIL_PROVIDER_TEST = "emailProvider.test" POST "/email_provider/test"
        (input "email": "TestEmailProviderInput") -> "TestEmailResult"
        => auth.test_email_provider(&parse::<TestEmailProviderInput>("email", input)?).await;
    /// Reads the e-mail and password sign-in settings.
    const EMAIL_AND_PASSWORD_GET = "emailAndPassword.get" GET "/email_and_password"
        () -> "EmailAndPassword"
        => auth.get_email_and_password().await;
    /// Changes the given e-mail and password sign-in settings.
    const EMAIL_AND_PASSWORD_UPDATE = "emailAndPassword.update" PATCH "/email_and_password"
        (input "settings": "EmailAndPasswordInput") -> "EmailAndPassword & Reconciliation"
        => auth
            .update_email_and_password(&parse::<EmailAndPasswordInput>("settings", input)?)
            .await;
    /// Sends a test message through an SMTP server given in full.
    /// @deprecated Neon deprecates this route: use `emailProvider.test({ recipientEmail })`, which
    /// tests the saved settings without sending the password again.
    const SEND_TEST_EMAIL = "sendTestEmail" POST "/send_test_email"
        (input "email": "TestEmailInput") -> "TestEmailResult"
        [hidden "host", "username", "password"]
        => auth.send_test_email(&parse::<TestEmailInput>("email", input)?).await;
}
