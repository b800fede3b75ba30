//! A branch whose Neon Auth was set up by hand "in the Console", for `pull`: project
//! `proj-sim-beta`, branch [`CONSOLE_BRANCH`] (`console`), with every kind of setting changed from
//! its default: trusted domains, OAuth providers (Google on Neon's shared app, GitHub with its own
//! client ID and secret), an SMTP e-mail provider with a password, e-mail and password sign-in,
//! the three plugins, webhooks, and localhost refused.

use crate::state::branch_auth::oauth_providers::{OauthCredentials, OauthProviderId};
use crate::state::branch_auth::settings::{
    AuthProvider, CreatorRole, EmailAndPassword, EmailProvider, MagicLinkConfig, OrganizationConfig, PhoneNumberConfig,
    VerificationMethod, WebhookConfig,
};
use crate::state::branch_auth::BranchRef;
use crate::state::seed::BETA_PROJECT;
use crate::state::State;

/// ID of the Console-style branch.
pub const CONSOLE_BRANCH: &str = "br-beta-console-01";
/// Name of the Console-style branch.
pub const CONSOLE_BRANCH_NAME: &str = "console";
/// Display name of its Neon Auth configuration.
pub const CONSOLE_CONFIG_NAME: &str = "Acme (set up in the Console)";
/// Its trusted domains.
pub const CONSOLE_DOMAINS: [&str; 2] = ["https://app.acme.example", "https://*.preview.acme.example"];
/// Client ID of its GitHub OAuth app.
pub const CONSOLE_GITHUB_CLIENT_ID: &str = "Iv1.console0github";

impl State {
    /// Sets up Neon Auth on the Console-style branch (seeded by [`crate::state::seed::branches`]).
    pub fn seed_console(&mut self) {
        let at = BranchRef {
            project_id: BETA_PROJECT,
            branch_id: CONSOLE_BRANCH,
        };
        let provider = AuthProvider::BetterAuth;
        if self.branch_auth.enable(at, provider, Some("app")).is_err() {
            return;
        }
        let Ok(settings) = self.branch_auth.settings_mut(at) else {
            return;
        };
        settings.name = CONSOLE_CONFIG_NAME.to_string();
        for domain in CONSOLE_DOMAINS {
            let _ = settings.add_domain(domain, provider);
        }
        let _ = settings.add_oauth_provider(OauthProviderId::Google, OauthCredentials::default());
        let github = OauthCredentials {
            client_id: Some(CONSOLE_GITHUB_CLIENT_ID.to_string()),
            client_secret: Some("console-github-secret".to_string()),
            microsoft_tenant_id: None,
        };
        let _ = settings.add_oauth_provider(OauthProviderId::Github, github);
        settings.email_provider = Some(EmailProvider::Standard {
            host: "smtp.acme.example".to_string(),
            port: 587,
            username: "auth-mailer".to_string(),
            password: "console-smtp-password".to_string(),
            sender_email: "auth@acme.example".to_string(),
            sender_name: "Acme".to_string(),
        });
        settings.email_and_password = EmailAndPassword {
            enabled: true,
            email_verification_method: VerificationMethod::Link,
            require_email_verification: true,
            auto_sign_in_after_verification: false,
            send_verification_email_on_sign_up: true,
            send_verification_email_on_sign_in: false,
            disable_sign_up: false,
        };
        settings.organization = OrganizationConfig {
            enabled: true,
            organization_limit: 3,
            membership_limit: 50,
            creator_role: CreatorRole::Admin,
            send_invitation_email: true,
        };
        settings.magic_link = MagicLinkConfig {
            enabled: true,
            expires_in: 30,
            disable_sign_up: true,
        };
        settings.phone_number = PhoneNumberConfig {
            enabled: true,
            otp_expires_in: 120,
        };
        settings.webhooks = WebhookConfig {
            enabled: true,
            webhook_url: Some("https://hooks.acme.example/neon-auth".to_string()),
            enabled_events: Some(vec!["user.created".to_string(), "send.otp".to_string()]),
            timeout_seconds: Some(7),
        };
        settings.allow_localhost = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_console_branch_has_every_kind_of_setting() {
        let state = State::seeded("seed_tok", "org-sim-000001");
        let at = BranchRef {
            project_id: BETA_PROJECT,
            branch_id: CONSOLE_BRANCH,
        };
        let settings = state.branch_auth.settings(at).expect("Neon Auth is on");
        assert_eq!(settings.domains.len(), 2);
        assert_eq!(settings.oauth_providers.len(), 2);
        assert!(matches!(settings.email_provider, Some(EmailProvider::Standard { .. })));
        assert!(!settings.allow_localhost);
        assert_eq!(settings.webhooks.timeout_seconds, Some(7));
    }
}
