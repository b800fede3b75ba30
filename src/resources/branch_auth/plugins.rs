//! Plugins: `…/auth/plugins`, `…/plugins/organization`, `…/plugins/magic-link`,
//! `…/plugins/phone-number`.

use super::email::{EmailAndPassword, EmailProvider};
use super::oauth_providers::OAuthProvider;
use super::BranchAuth;
use crate::error::Result;
use crate::json::checked::Checked;
use crate::json::input::parse;
use crate::validate;
use serde::{Deserialize, Serialize};

/// The organization plugin's settings.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganizationPlugin {
    /// Whether organizations are on.
    pub enabled: bool,
    /// Organizations a user may create.
    pub organization_limit: u32,
    /// Members per organization.
    pub membership_limit: u32,
    /// Role of an organization's creator. Values the API adds later are passed through.
    #[cfg_attr(feature = "wasm", tsify(type = "\"admin\" | \"owner\" | (string & {})"))]
    pub creator_role: String,
    /// Whether invitations are e-mailed.
    pub send_invitation_email: bool,
}

/// Role given to an organization's creator.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreatorRole {
    /// Admin.
    Admin,
    /// Owner.
    Owner,
}

optional_fields! {
    #[each(serde(skip_serializing_if = "Option::is_none"))]
    /// Input of `plugins.updateOrganization()`: only the given settings change.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    #[derive(Debug, Clone, Default, Serialize, Deserialize)]
    #[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
    pub struct OrganizationPluginInput {
        /// Turn organizations on or off.
        pub enabled: Option<bool>,
        /// Organizations a user may create (at least 1).
        pub organization_limit: Option<u32>,
        /// Members per organization (at least 1).
        pub membership_limit: Option<u32>,
        /// Role of an organization's creator.
        pub creator_role: Option<CreatorRole>,
        /// E-mail invitations.
        pub send_invitation_email: Option<bool>,
    }
}

/// The magic-link plugin's settings.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MagicLinkPlugin {
    /// Whether magic links are on.
    pub enabled: bool,
    /// Link lifetime in minutes.
    pub expires_in: u32,
    /// Refuse sign-ups through magic links.
    pub disable_sign_up: bool,
}

optional_fields! {
    #[each(serde(skip_serializing_if = "Option::is_none"))]
    /// Input of `plugins.updateMagicLink()`: only the given settings change.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    #[derive(Debug, Clone, Default, Serialize, Deserialize)]
    #[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
    pub struct MagicLinkPluginInput {
        /// Turn magic links on or off.
        pub enabled: Option<bool>,
        /// Link lifetime in minutes (5 to 1440).
        pub expires_in: Option<u32>,
        /// Refuse sign-ups through magic links.
        pub disable_sign_up: Option<bool>,
    }
}

/// The phone-number plugin's settings.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneNumberPlugin {
    /// Whether phone sign-in is on.
    pub enabled: bool,
    /// One-time code lifetime in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otp_expires_in: Option<u32>,
}

optional_fields! {
    #[each(serde(skip_serializing_if = "Option::is_none"))]
    /// Input of `plugins.updatePhoneNumber()`: only the given settings change.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    #[derive(Debug, Clone, Default, Serialize, Deserialize)]
    #[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
    pub struct PhoneNumberPluginInput {
        /// Turn phone sign-in on or off.
        pub enabled: Option<bool>,
        /// One-time code lifetime in seconds (60 to 600).
        pub otp_expires_in: Option<u32>,
    }
}

optional_fields! {
    #[each(serde(default, skip_serializing_if = "Option::is_none"))]
    /// All plugin settings at once.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct PluginConfigs {
        /// Organizations.
        pub organization: Option<OrganizationPlugin>,
        /// Magic links.
        pub magic_link: Option<MagicLinkPlugin>,
        /// Phone numbers.
        pub phone_number: Option<PhoneNumberPlugin>,
        /// The e-mail provider.
        pub email_provider: Option<EmailProvider>,
        /// E-mail and password sign-in.
        pub email_and_password: Option<EmailAndPassword>,
        /// OAuth providers.
        pub oauth_providers: Option<Vec<OAuthProvider>>,
        /// Whether localhost origins are allowed.
        pub allow_localhost: Option<bool>,
    }
}

/// Checks organization plugin settings before they are sent.
pub(super) fn check_organization(input: &OrganizationPluginInput) -> Result<()> {
    if let Some(n) = input.organization_limit {
        validate::range("organizationLimit", n.into(), 1, i32::MAX.into())?;
    }
    if let Some(n) = input.membership_limit {
        validate::range("membershipLimit", n.into(), 1, i32::MAX.into())?;
    }
    Ok(())
}

/// Checks magic-link plugin settings before they are sent.
pub(super) fn check_magic_link(input: &MagicLinkPluginInput) -> Result<()> {
    match input.expires_in {
        Some(n) => validate::range("expiresIn", n.into(), 5, 1440),
        None => Ok(()),
    }
}

/// Checks phone-number plugin settings before they are sent.
pub(super) fn check_phone_number(input: &PhoneNumberPluginInput) -> Result<()> {
    match input.otp_expires_in {
        Some(n) => validate::range("otpExpiresIn", n.into(), 60, 600),
        None => Ok(()),
    }
}

impl BranchAuth {
    /// Reads every plugin's settings (`GET …/auth/plugins`).
    pub async fn get_plugins(&self) -> Result<Checked<PluginConfigs>> {
        self.read(PLUGINS_GET).await
    }

    /// Changes the organization plugin (`PATCH …/auth/plugins/organization`).
    pub async fn update_organization_plugin(
        &self,
        input: &OrganizationPluginInput,
    ) -> Result<Checked<OrganizationPlugin>> {
        check_organization(input)?;
        self.set(PLUGINS_UPDATE_ORGANIZATION, &[], input, || {
            self.plugin("organization", |p| p.organization)
        })
        .await
    }

    /// Changes the magic-link plugin (`PATCH …/auth/plugins/magic-link`).
    pub async fn update_magic_link_plugin(&self, input: &MagicLinkPluginInput) -> Result<Checked<MagicLinkPlugin>> {
        check_magic_link(input)?;
        self.set(PLUGINS_UPDATE_MAGIC_LINK, &[], input, || {
            self.plugin("magic_link", |p| p.magic_link)
        })
        .await
    }

    /// One plugin's settings (under `key`) as [`BranchAuth::get_plugins`] reads them; `None` when
    /// the answer holds none.
    async fn plugin<T>(&self, key: &str, part: fn(PluginConfigs) -> Option<T>) -> Result<Option<Checked<T>>> {
        Ok(self.get_plugins().await?.field(key, part).transpose())
    }

    /// Reads the phone-number plugin (`GET …/auth/plugins/phone-number`).
    pub async fn get_phone_number_plugin(&self) -> Result<Checked<PhoneNumberPlugin>> {
        self.read(PLUGINS_GET_PHONE_NUMBER).await
    }

    /// Changes the phone-number plugin (`PATCH …/auth/plugins/phone-number`).
    pub async fn update_phone_number_plugin(
        &self,
        input: &PhoneNumberPluginInput,
    ) -> Result<Checked<PhoneNumberPlugin>> {
        check_phone_number(input)?;
        self.set_whole(PLUGINS_UPDATE_PHONE_NUMBER, input, || self.get_phone_number_plugin())
            .await
    }
}

operations! {
    (auth: &BranchAuth, target, input) under [("branchAuth", super::PATH)];
    /// Reads every plugin's settings.
    const PLUGINS_GET = "plugins.get" GET "/plugins" () -> "PluginConfigs"
        [redacted
            "email_provider.host",
            "email_provider.username",
            "email_provider.password",
            "oauth_providers[].client_secret"]
        => auth.get_plugins().await;
    /// Changes the organization plugin.
    const PLUGINS_UPDATE_ORGANIZATION = "plugins.updateOrganization" PATCH "/plugins/organization"
        (input "settings": "OrganizationPluginInput") -> "OrganizationPlugin & Reconciliation"
        => auth
            .update_organization_plugin(&parse::<OrganizationPluginInput>("settings", input)?)
            .await;
    /// Changes the magic-link plugin.
    const PLUGINS_UPDATE_MAGIC_LINK = "plugins.updateMagicLink" PATCH "/plugins/magic-link"
        (input "settings": "MagicLinkPluginInput") -> "MagicLinkPlugin & Reconciliation"
        => auth.update_magic_link_plugin(&parse::<MagicLinkPluginInput>("settings", input)?).await;
    /// Reads the phone-number plugin.
    const PLUGINS_GET_PHONE_NUMBER = "plugins.getPhoneNumber" GET "/plugins/phone-number"
        () -> "PhoneNumberPlugin"
        => auth.get_phone_number_plugin().await;
    /// Changes the phone-number plugin.
    const PLUGINS_UPDATE_PHONE_NUMBER = "plugins.updatePhoneNumber" PATCH "/plugins/phone-number"
        (input "settings": "PhoneNumberPluginInput") -> "PhoneNumberPlugin & Reconciliation"
        => auth
            .update_phone_number_plugin(&parse::<PhoneNumberPluginInput>("settings", input)?)
            .await;
}
