//! The wanted state `apply()` takes, and its checks (all made before the first request).

use super::credentials::{self, DesiredCredential};
use crate::error::{Error, Result};
use crate::resources::branch_auth::email::{check_email_provider, EmailAndPasswordInput, EmailProviderInput};
use crate::resources::branch_auth::integration::{check_enable, check_name, EnableInput};
use crate::resources::branch_auth::oauth_providers::{self, AddOAuthProviderInput};
use crate::resources::branch_auth::plugins::{
    check_magic_link, check_organization, check_phone_number, MagicLinkPluginInput, OrganizationPluginInput,
    PhoneNumberPluginInput,
};
use crate::resources::branch_auth::webhooks::{self, WebhookInput};
use crate::resources::branch_auth::AuthProvider;
use crate::validate;
use serde::Deserialize;

fn yes() -> bool {
    true
}

optional_fields! {
    #[each(serde())]
    /// The wanted Neon Auth of a branch, as `apply()` takes it (and as the CLI's `--file` holds it).
    /// Every setting is optional: what is not named is left as it is.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    #[derive(Debug, Clone, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct DesiredNeonAuth {
        /// A JSON schema reference for editors; ignored.
        #[serde(default, rename = "$schema")]
        pub schema: Option<String>,
        /// Whether Neon Auth is on (default true). `false` disables it and may not be combined with
        /// settings.
        #[serde(default = "yes")]
        pub enabled: bool,
        /// Provider used when enabling, and the one trusted domains belong to (default `better_auth`).
        #[serde(default)]
        pub auth_provider: AuthProvider,
        /// Database for the `neon_auth` schema when enabling (default: the branch's default database).
        pub database_name: Option<String>,
        /// Display name of the configuration.
        pub name: Option<String>,
        /// Trusted domains (redirect URI allow-list) for `authProvider`: missing ones are added;
        /// others are removed only with `prune`.
        pub trusted_domains: Option<Vec<String>>,
        /// OAuth providers: missing ones are added, differing ones updated (a provider switched
        /// between shared and standard credentials is removed and added again); others are removed
        /// only with `prune`. A secret the API does not return cannot be compared: it is sent when
        /// the provider is added or its other settings change. `clientId` without `clientSecret`
        /// keeps the stored secret: it needs the provider configured with that client ID already.
        pub oauth_providers: Option<Vec<AddOAuthProviderInput>>,
        /// The e-mail provider (set when any field the API returns differs).
        #[cfg_attr(feature = "wasm", tsify(type = "EmailProviderInput"))]
        pub email_provider: Option<EmailProviderInput>,
        /// E-mail and password sign-in: the named settings.
        pub email_and_password: Option<EmailAndPasswordInput>,
        /// Whether localhost origins may sign in.
        pub allow_localhost: Option<bool>,
        /// Plugins: the named settings of each named plugin.
        pub plugins: Option<DesiredPlugins>,
        /// The webhook configuration (replaced as a whole when any named field differs).
        pub webhooks: Option<WebhookInput>,
        /// The branch's credentials (Beta), by name: a missing one is issued (its secrets in
        /// `created_credentials`, shown once); one whose scopes differ is reported in `drift`, never
        /// replaced; others are revoked only with `prune`. Not a Neon Auth setting: kept whatever
        /// `enabled` says.
        pub credentials: Option<Vec<DesiredCredential>>,
        /// What `pull()` left out (`emailProvider.password`, `oauthProviders.github.clientSecret`):
        /// secrets the API does not show and values this version cannot write. Ignored: the
        /// settings it names are left as they are.
        pub omitted: Option<Vec<String>>,
    }
}

optional_fields! {
    #[each(serde())]
    /// The wanted plugin settings.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    #[derive(Debug, Clone, Default, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct DesiredPlugins {
        /// Organizations.
        pub organization: Option<OrganizationPluginInput>,
        /// Magic links.
        pub magic_link: Option<MagicLinkPluginInput>,
        /// Phone numbers.
        pub phone_number: Option<PhoneNumberPluginInput>,
    }
}

/// Options of `apply()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApplyOptions {
    /// Plan only: read, but change nothing.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub dry_run: bool,
    /// Also remove trusted domains and OAuth providers that `desired` does not list.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub prune: bool,
}

/// Runs a check whose errors name a field, naming it under `prefix` instead.
fn within(prefix: &str, check: Result<()>) -> Result<()> {
    check.map_err(|e| match e {
        Error::Config(mut c) => {
            c.field = Some(match c.field {
                Some(field) => format!("{prefix}.{field}"),
                None => prefix.to_string(),
            });
            Error::Config(c)
        }
        other => other,
    })
}

impl DesiredNeonAuth {
    /// True when any setting besides `enabled` and the enabling options is named.
    fn names_settings(&self) -> bool {
        self.name.is_some()
            || self.trusted_domains.is_some()
            || self.oauth_providers.is_some()
            || self.email_provider.is_some()
            || self.email_and_password.is_some()
            || self.allow_localhost.is_some()
            || self.plugins.is_some()
            || self.webhooks.is_some()
    }

    /// Checks every value the way the imperative calls would, before anything is sent.
    pub(super) fn check(&self) -> Result<()> {
        if !self.enabled && self.names_settings() {
            return Err(Error::field(
                "enabled",
                "is false, which disables Neon Auth: remove the other settings, or set enabled to true",
            ));
        }
        check_enable(&EnableInput {
            auth_provider: self.auth_provider,
            database_name: self.database_name.clone(),
        })?;
        if let Some(name) = &self.name {
            check_name(name)?;
        }
        if let Some(domains) = &self.trusted_domains {
            for (i, domain) in domains.iter().enumerate() {
                validate::trusted_domain(&format!("trustedDomains[{i}]"), domain)?;
                if domains[..i].contains(domain) {
                    return Err(Error::field(&format!("trustedDomains[{i}]"), "is listed twice"));
                }
            }
        }
        if let Some(providers) = &self.oauth_providers {
            for (i, p) in providers.iter().enumerate() {
                let at = format!("oauthProviders[{i}]");
                within(
                    &at,
                    oauth_providers::check(&p.client_id, &p.client_secret, &p.microsoft_tenant_id),
                )?;
                // clientId alone keeps the stored secret (what `pull()` writes); whether there is
                // one to keep is known only once the providers are read (see `plan`).
                if p.client_id.is_none() && p.client_secret.is_some() {
                    return Err(Error::field(
                        &format!("{at}.clientId"),
                        "is needed with clientSecret: give both (your own OAuth app), or neither (Neon's shared credentials)",
                    ));
                }
                if providers[..i].iter().any(|q| q.id == p.id) {
                    return Err(Error::field(&format!("{at}.id"), "is listed twice"));
                }
            }
        }
        if let Some(provider) = &self.email_provider {
            within("emailProvider", check_email_provider(provider))?;
        }
        if let Some(plugins) = &self.plugins {
            if let Some(p) = &plugins.organization {
                within("plugins.organization", check_organization(p))?;
            }
            if let Some(p) = &plugins.magic_link {
                within("plugins.magicLink", check_magic_link(p))?;
            }
            if let Some(p) = &plugins.phone_number {
                within("plugins.phoneNumber", check_phone_number(p))?;
            }
        }
        if let Some(w) = &self.webhooks {
            within("webhooks", webhooks::check(w))?;
        }
        if let Some(wanted) = &self.credentials {
            credentials::check(wanted)?;
        }
        Ok(())
    }
}
