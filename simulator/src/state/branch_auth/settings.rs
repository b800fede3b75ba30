//! Per-branch Neon Auth settings, serialized with the spec's field names.

use serde::Serialize;

use crate::state::branch_auth::domains::Domain;
use crate::state::branch_auth::oauth_providers::OauthProvider;

/// Config name used until `PATCH /auth/config` renames it.
pub const DEFAULT_CONFIG_NAME: &str = "neon-auth";
/// Sender address of the shared e-mail provider.
pub const SHARED_SENDER_EMAIL: &str = "noreply@auth.sim.neon.invalid";
/// Sender name of the shared e-mail provider.
pub const SHARED_SENDER_NAME: &str = "Neon Auth";
/// Events a webhook may subscribe to (`NeonAuthWebhookConfig`).
pub const WEBHOOK_EVENTS: [&str; 7] = [
    "user.before_create",
    "user.created",
    "send.otp",
    "send.magic_link",
    "organization.invitation.created",
    "organization.invitation.accepted",
    "phone_number.verified",
];

/// `NeonAuthSupportedAuthProvider`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthProvider {
    /// `mock`.
    Mock,
    /// `stack`.
    Stack,
    /// `better_auth`.
    BetterAuth,
}

impl AuthProvider {
    /// Accepted values, for error messages.
    pub const VALUES: &'static str = "mock, stack, better_auth";

    /// Parses a spec value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "mock" => Some(AuthProvider::Mock),
            "stack" => Some(AuthProvider::Stack),
            "better_auth" => Some(AuthProvider::BetterAuth),
            _ => None,
        }
    }
}

/// Where auth e-mails come from (`NeonAuthEmailServerConfig`). The
/// password is stored but always serialized masked (empty), as the live
/// API shows it to ordinary callers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EmailProvider {
    /// Neon's shared sender.
    Shared {
        /// Sender address.
        sender_email: String,
        /// Sender display name.
        sender_name: String,
    },
    /// The customer's own SMTP server.
    Standard {
        /// SMTP host.
        host: String,
        /// SMTP port.
        port: u16,
        /// SMTP user.
        username: String,
        /// SMTP password (write-only: shown as "").
        #[serde(serialize_with = "masked")]
        password: String,
        /// Sender address.
        sender_email: String,
        /// Sender display name.
        sender_name: String,
    },
}

fn masked<S: serde::Serializer>(_: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str("")
}

impl EmailProvider {
    /// Neon's shared sender with its default address and name.
    pub fn shared_default() -> Self {
        EmailProvider::Shared {
            sender_email: SHARED_SENDER_EMAIL.to_string(),
            sender_name: SHARED_SENDER_NAME.to_string(),
        }
    }
}

/// `NeonAuthEmailVerificationMethod`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationMethod {
    /// A link in the e-mail.
    Link,
    /// A one-time code.
    Otp,
}

/// `NeonAuthEmailAndPasswordConfig`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmailAndPassword {
    /// Whether e-mail and password sign-in is on.
    pub enabled: bool,
    /// How e-mail addresses are verified.
    pub email_verification_method: VerificationMethod,
    /// Whether sign-in needs a verified address.
    pub require_email_verification: bool,
    /// Whether verifying signs the user in.
    pub auto_sign_in_after_verification: bool,
    /// Whether sign-up sends a verification e-mail.
    pub send_verification_email_on_sign_up: bool,
    /// Whether sign-in sends a verification e-mail.
    pub send_verification_email_on_sign_in: bool,
    /// Whether sign-up is closed.
    pub disable_sign_up: bool,
}

impl Default for EmailAndPassword {
    fn default() -> Self {
        EmailAndPassword {
            enabled: true,
            email_verification_method: VerificationMethod::Otp,
            require_email_verification: false,
            auto_sign_in_after_verification: true,
            send_verification_email_on_sign_up: false,
            send_verification_email_on_sign_in: false,
            disable_sign_up: false,
        }
    }
}

/// Role given to the creator of an organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CreatorRole {
    /// `admin`.
    Admin,
    /// `owner`.
    Owner,
}

/// `NeonAuthOrganizationConfig`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrganizationConfig {
    /// Whether the plugin is on.
    pub enabled: bool,
    /// Organizations per user.
    pub organization_limit: u32,
    /// Members per organization.
    pub membership_limit: u32,
    /// Role of an organization's creator.
    pub creator_role: CreatorRole,
    /// Whether invitations are e-mailed.
    pub send_invitation_email: bool,
}

impl Default for OrganizationConfig {
    fn default() -> Self {
        OrganizationConfig {
            enabled: true,
            organization_limit: 10,
            membership_limit: 100,
            creator_role: CreatorRole::Owner,
            send_invitation_email: false,
        }
    }
}

/// `NeonAuthMagicLinkConfig`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MagicLinkConfig {
    /// Whether magic links are on.
    pub enabled: bool,
    /// Link lifetime in minutes (5..=1440).
    pub expires_in: u32,
    /// Whether magic links may not sign up new users.
    pub disable_sign_up: bool,
}

impl Default for MagicLinkConfig {
    fn default() -> Self {
        MagicLinkConfig {
            enabled: false,
            expires_in: 5,
            disable_sign_up: false,
        }
    }
}

/// `NeonAuthPhoneNumberConfig`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PhoneNumberConfig {
    /// Whether phone sign-in is on.
    pub enabled: bool,
    /// OTP lifetime in seconds (60..=600).
    pub otp_expires_in: u32,
}

impl Default for PhoneNumberConfig {
    fn default() -> Self {
        PhoneNumberConfig {
            enabled: false,
            otp_expires_in: 300,
        }
    }
}

/// `NeonAuthWebhookConfig`; absent optional fields stay absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WebhookConfig {
    /// Whether webhooks are sent.
    pub enabled: bool,
    /// Target URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Subscribed events (from [`WEBHOOK_EVENTS`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled_events: Option<Vec<String>>,
    /// Request timeout (1..=10 s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
}

/// Everything that `DELETE /auth` drops and re-enabling resets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthSettings {
    /// Config name (`PATCH /auth/config`).
    pub name: String,
    /// Redirect URI whitelist.
    pub domains: Vec<Domain>,
    /// Configured OAuth providers.
    pub oauth_providers: Vec<OauthProvider>,
    /// E-mail sender; `None` until first configured (`GET` answers 404).
    pub email_provider: Option<EmailProvider>,
    /// E-mail and password sign-in.
    pub email_and_password: EmailAndPassword,
    /// Organization plugin.
    pub organization: OrganizationConfig,
    /// Magic link plugin.
    pub magic_link: MagicLinkConfig,
    /// Phone number plugin.
    pub phone_number: PhoneNumberConfig,
    /// Webhooks.
    pub webhooks: WebhookConfig,
    /// Whether localhost redirects are allowed.
    pub allow_localhost: bool,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            name: DEFAULT_CONFIG_NAME.to_string(),
            domains: Vec::new(),
            oauth_providers: Vec::new(),
            email_provider: None,
            email_and_password: EmailAndPassword::default(),
            organization: OrganizationConfig::default(),
            magic_link: MagicLinkConfig::default(),
            phone_number: PhoneNumberConfig::default(),
            webhooks: WebhookConfig::default(),
            allow_localhost: true,
        }
    }
}

#[cfg(test)]
#[path = "../../../tests/unit/state_branch_auth_settings.rs"]
mod tests;
