//! Plugins: `/auth/plugins` (all settings at once) and the organization,
//! magic link and phone number plugins.

use std::ops::RangeInclusive;

use serde::Serialize;

use crate::http::Reply;
use crate::routes::branch_auth::{object, settings, settings_mut, Outcome};
use crate::routes::json_fields::{opt_bool, opt_choice, opt_int_in, Body};
use crate::state::branch_auth::oauth_providers::OauthProviderView;
use crate::state::branch_auth::settings::{
    CreatorRole, EmailAndPassword, EmailProvider, MagicLinkConfig, OrganizationConfig, PhoneNumberConfig,
};
use crate::state::branch_auth::{BranchAuthStore, BranchRef};

/// `NeonAuthPluginConfigs`.
#[derive(Serialize)]
struct PluginConfigs<'a> {
    organization: &'a OrganizationConfig,
    magic_link: &'a MagicLinkConfig,
    phone_number: &'a PhoneNumberConfig,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_provider: Option<&'a EmailProvider>,
    email_and_password: &'a EmailAndPassword,
    oauth_providers: Vec<OauthProviderView>,
    allow_localhost: bool,
}

fn set_flag(fields: &Body, name: &str, slot: &mut bool) -> Result<(), Reply> {
    if let Some(value) = opt_bool(fields, name)? {
        *slot = value;
    }
    Ok(())
}

fn set_int(fields: &Body, name: &str, range: RangeInclusive<i64>, slot: &mut u32) -> Result<(), Reply> {
    if let Some(value) = opt_int_in(fields, name, range)? {
        *slot = value as u32;
    }
    Ok(())
}

fn parse_role(s: &str) -> Option<CreatorRole> {
    match s {
        "admin" => Some(CreatorRole::Admin),
        "owner" => Some(CreatorRole::Owner),
        _ => None,
    }
}

/// `GET /auth/plugins`.
pub fn get_all(store: &BranchAuthStore, at: BranchRef<'_>) -> Outcome {
    let s = settings(store, at)?;
    Ok(Reply::ok(&PluginConfigs {
        organization: &s.organization,
        magic_link: &s.magic_link,
        phone_number: &s.phone_number,
        email_provider: s.email_provider.as_ref(),
        email_and_password: &s.email_and_password,
        oauth_providers: s.oauth_providers.iter().map(|p| p.view()).collect(),
        allow_localhost: s.allow_localhost,
    }))
}

/// `PATCH /auth/plugins/organization` → 200 the full config.
pub fn update_organization(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "organization plugin settings")?;
    let mut next = settings.organization.clone();
    set_flag(&fields, "enabled", &mut next.enabled)?;
    set_int(
        &fields,
        "organization_limit",
        1..=i64::from(i32::MAX),
        &mut next.organization_limit,
    )?;
    set_int(
        &fields,
        "membership_limit",
        1..=i64::from(i32::MAX),
        &mut next.membership_limit,
    )?;
    if let Some(role) = opt_choice(&fields, "creator_role", parse_role, "admin, owner")? {
        next.creator_role = role;
    }
    set_flag(&fields, "send_invitation_email", &mut next.send_invitation_email)?;
    settings.organization = next;
    Ok(Reply::ok(&settings.organization))
}

/// `PATCH /auth/plugins/magic-link` → 200 the full config.
pub fn update_magic_link(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "magic link plugin settings")?;
    let mut next = settings.magic_link.clone();
    set_flag(&fields, "enabled", &mut next.enabled)?;
    set_int(&fields, "expires_in", 5..=1_440, &mut next.expires_in)?;
    set_flag(&fields, "disable_sign_up", &mut next.disable_sign_up)?;
    settings.magic_link = next;
    Ok(Reply::ok(&settings.magic_link))
}

/// `GET /auth/plugins/phone-number`.
pub fn get_phone_number(store: &BranchAuthStore, at: BranchRef<'_>) -> Outcome {
    Ok(Reply::ok(&settings(store, at)?.phone_number))
}

/// `PATCH /auth/plugins/phone-number` → 200 the full config.
pub fn update_phone_number(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "phone number plugin settings")?;
    let mut next = settings.phone_number.clone();
    set_flag(&fields, "enabled", &mut next.enabled)?;
    set_int(&fields, "otp_expires_in", 60..=600, &mut next.otp_expires_in)?;
    settings.phone_number = next;
    Ok(Reply::ok(&settings.phone_number))
}
