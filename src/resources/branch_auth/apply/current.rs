//! The settings `apply()` compares against: read only for what the wanted state names.

use super::DesiredNeonAuth;
use crate::error::{Error, Result};
use crate::resources::branch_auth::domains::TrustedDomain;
use crate::resources::branch_auth::oauth_providers::OAuthProvider;
use crate::resources::branch_auth::BranchAuth;
use serde::Serialize;
use serde_json::Value;

/// What is set now. On a branch where `apply()` enables Neon Auth, the settings count as unset
/// (see [`Current::fresh`]), so every named setting is planned.
#[derive(Debug, Default)]
pub(super) struct Current {
    pub name: Option<String>,
    pub domains: Vec<TrustedDomain>,
    pub providers: Vec<OAuthProvider>,
    /// The rest as the API's JSON objects (compared field by field); `None` when not read.
    pub email_provider: Option<Value>,
    pub email_and_password: Option<Value>,
    pub allow_localhost: Option<bool>,
    pub organization: Option<Value>,
    pub magic_link: Option<Value>,
    pub phone_number: Option<Value>,
    pub webhooks: Option<Value>,
}

/// A setting as the API's JSON object: written as text and read back with the decoders the
/// module already has, rather than through `serde_json::to_value`, which would add an encoder per
/// type to the wasm module.
pub(super) fn json(value: impl Serialize) -> Result<Value> {
    let text = serde_json::to_vec(&value).map_err(|e| Error::config(format!("could not encode a setting: {e}")))?;
    crate::json::de::text::value(&text).ok_or_else(|| Error::config("could not read a setting back"))
}

impl Current {
    /// The settings to plan against right after enabling Neon Auth. A dry run cannot read what a
    /// new Neon Auth starts with, so the real run does not compare against it either: every named
    /// setting is written, and the plan is the dry run's. Only the lists are read on a real run,
    /// so that a domain or provider the API set up by itself is not added a second time.
    pub async fn fresh(auth: &BranchAuth, desired: &DesiredNeonAuth, dry_run: bool) -> Result<Current> {
        let current = Current::default();
        match dry_run {
            true => Ok(current),
            false => current.with_lists(auth, desired).await,
        }
    }

    /// This state with the trusted domains and OAuth providers `desired` names, as listed.
    async fn with_lists(mut self, auth: &BranchAuth, desired: &DesiredNeonAuth) -> Result<Current> {
        if desired.trusted_domains.is_some() {
            self.domains = auth.list_domains().await?.into_inner();
        }
        if desired.oauth_providers.is_some() {
            self.providers = auth.list_oauth_providers().await?.into_inner();
        }
        Ok(self)
    }

    /// Reads the settings `desired` names from an enabled branch.
    pub async fn read(auth: &BranchAuth, desired: &DesiredNeonAuth, name: Option<String>) -> Result<Current> {
        let mut current = Current {
            name,
            ..Current::default()
        }
        .with_lists(auth, desired)
        .await?;
        if desired.email_provider.is_some() {
            // A branch whose provider was never configured answers 404: nothing to compare.
            current.email_provider = match auth.get_email_provider().await {
                Ok(provider) => Some(provider.raw()),
                Err(Error::Api(e)) if e.status == 404 => None,
                Err(e) => return Err(e),
            };
        }
        if desired.email_and_password.is_some() {
            current.email_and_password = Some(auth.get_email_and_password().await?.raw());
        }
        if desired.allow_localhost.is_some() {
            current.allow_localhost = Some(auth.get_allow_localhost().await?.allow_localhost);
        }
        if let Some(plugins) = &desired.plugins {
            if plugins.organization.is_some() || plugins.magic_link.is_some() {
                let all = auth.get_plugins().await?;
                let raw = all.raw();
                current.organization = raw.get("organization").cloned();
                current.magic_link = raw.get("magic_link").cloned();
            }
            if plugins.phone_number.is_some() {
                current.phone_number = Some(auth.get_phone_number_plugin().await?.raw());
            }
        }
        if desired.webhooks.is_some() {
            current.webhooks = Some(auth.get_webhooks().await?.raw());
        }
        Ok(current)
    }
}
