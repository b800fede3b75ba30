//! The plan: the changes that turn the current settings into the wanted ones, each with the
//! write that makes it. Planning is pure; `apply()` reads before and writes after.

use super::current::{json, Current};
use super::DesiredNeonAuth;
use crate::error::{Error, Result};
use crate::json::input::json_body;
use crate::reconcile::Reconciled;
use crate::resources::branch_auth::domains::DomainInput;
use crate::resources::branch_auth::email::{EmailAndPasswordInput, EmailProviderInput};
use crate::resources::branch_auth::integration::{ConfigInput, EnableInput};
use crate::resources::branch_auth::oauth_providers::{
    AddOAuthProviderInput, OAuthProvider, OAuthProviderId, UpdateOAuthProviderInput,
};
use crate::resources::branch_auth::plugins::{MagicLinkPluginInput, OrganizationPluginInput, PhoneNumberPluginInput};
use crate::resources::branch_auth::webhooks::WebhookInput;
use serde::Serialize;
use serde_json::{Map, Value};

/// One change of a plan.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedChange {
    /// What is done.
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"enable\" | \"disable\" | \"add\" | \"update\" | \"remove\"")
    )]
    pub action: &'static str,
    /// What it is done to: `neonAuth`, `name`, `trustedDomains`, `oauthProviders.<id>`,
    /// `emailProvider`, `emailAndPassword`, `allowLocalhost`, `plugins.<name>` or `webhooks`.
    pub target: String,
    /// The value before (for an update, only the fields that change), in the API's snake_case;
    /// `null` when there was none.
    #[cfg_attr(feature = "wasm", tsify(type = "unknown"))]
    pub before: Option<Value>,
    /// The value after, as for `before`.
    #[cfg_attr(feature = "wasm", tsify(type = "unknown"))]
    pub after: Option<Value>,
    /// How the change was settled when its answer was lost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reconciled: Option<Reconciled>,
}

/// The request that makes a change.
#[derive(Debug)]
pub(super) enum Write {
    Enable(EnableInput),
    Disable,
    Config(ConfigInput),
    AddDomain(DomainInput),
    RemoveDomains(DomainInput),
    AddProvider(AddOAuthProviderInput),
    UpdateProvider(OAuthProviderId, UpdateOAuthProviderInput),
    RemoveProvider(OAuthProviderId),
    EmailProvider(EmailProviderInput),
    EmailAndPassword(EmailAndPasswordInput),
    AllowLocalhost(bool),
    Organization(OrganizationPluginInput),
    MagicLink(MagicLinkPluginInput),
    PhoneNumber(PhoneNumberPluginInput),
    Webhooks(WebhookInput),
    CreateCredential(crate::resources::branch_credentials::CreateCredentialInput),
    RevokeCredential(String),
}

/// A change and its write.
#[derive(Debug)]
pub(super) struct Step {
    pub change: PlannedChange,
    pub write: Write,
}

impl Step {
    pub fn new(action: &'static str, target: &str, before: Option<Value>, after: Option<Value>, write: Write) -> Step {
        Step {
            change: PlannedChange {
                action,
                target: target.to_string(),
                before,
                after,
                reconciled: None,
            },
            write,
        }
    }
}

/// Fields whose values are never shown in a plan.
const SECRET_FIELDS: [&str; 2] = ["client_secret", "password"];

/// `value` with every secret field's value replaced by `[REDACTED]`.
pub(super) fn redacted(value: Value) -> Value {
    match value {
        Value::Object(mut map) => {
            // Changed in place: collecting into a new map sorted it again, with a sort of its own
            // in the wasm module.
            for (k, v) in map.iter_mut() {
                *v = if SECRET_FIELDS.contains(&k.as_str()) && !v.is_null() {
                    Value::from("[REDACTED]")
                } else {
                    redacted(v.take())
                };
            }
            Value::Object(map)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(redacted).collect()),
        other => other,
    }
}

/// A value compared without regard to the order of a list (event lists are sets).
fn normalized(value: &Value) -> Value {
    match value {
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(normalized).collect();
            items.sort_by_key(|v| v.to_string());
            Value::Array(items)
        }
        other => other.clone(),
    }
}

/// The named fields of `wanted` (an API-shaped object) that differ from `current`, as
/// `(before, after)` objects of just those fields; `None` when all match. A secret field the
/// API did not return, or returned masked (empty), cannot be compared and counts as matching,
/// but is listed (redacted, with `before` null) when other fields change, since the write sends it.
fn differing(wanted: &Value, current: Option<&Value>) -> Option<(Value, Value)> {
    let (mut before, mut after) = (Map::new(), Map::new());
    let mut unknown = Vec::new();
    for (key, want) in wanted.as_object().into_iter().flatten() {
        let now = current.and_then(|c| c.get(key));
        let masked = now.is_none_or(|v| v.is_null() || v.as_str() == Some(""));
        if current.is_some() && masked && SECRET_FIELDS.contains(&key.as_str()) {
            unknown.push((key, want));
        } else if now.map(normalized) != Some(normalized(want)) {
            before.insert(key.clone(), now.cloned().unwrap_or(Value::Null));
            after.insert(key.clone(), want.clone());
        }
    }
    if after.is_empty() {
        return None;
    }
    for (key, want) in unknown {
        before.insert(key.clone(), Value::Null);
        after.insert(key.clone(), want.clone());
    }
    Some((redacted(Value::Object(before)), redacted(Value::Object(after))))
}

/// Plans a partially given setting, when it is given: one update when a named field differs.
/// `write` makes the step's write from the setting (a variant of [`Write`]).
fn update<T: Serialize + Clone>(
    steps: &mut Vec<Step>,
    target: &str,
    wanted: Option<&T>,
    current: Option<&Value>,
    write: fn(T) -> Write,
) -> Result<()> {
    let Some(wanted) = wanted else {
        return Ok(());
    };
    if let Some((before, after)) = differing(&json_body(wanted)?, current) {
        steps.push(Step::new(
            "update",
            target,
            Some(before),
            Some(after),
            write(wanted.clone()),
        ));
    }
    Ok(())
}

/// The changes that make `current` match `desired` (`prune`: also remove unlisted domains and
/// OAuth providers).
pub(super) fn plan(desired: &DesiredNeonAuth, current: &Current, prune: bool) -> Result<Vec<Step>> {
    let mut steps = Vec::new();
    if let Some(name) = desired.name.as_ref().filter(|n| current.name.as_ref() != Some(n)) {
        let before = current.name.clone().map(Value::from);
        let write = Write::Config(ConfigInput { name: name.clone() });
        steps.push(Step::new("update", "name", before, Some(name.clone().into()), write));
    }
    if let Some(domains) = &desired.trusted_domains {
        plan_domains(&mut steps, desired, domains, current, prune)?;
    }
    if let Some(providers) = &desired.oauth_providers {
        plan_providers(&mut steps, providers, current, prune)?;
    }
    if let Some(p) = &desired.email_provider {
        plan_email_provider(&mut steps, p, current.email_provider.as_ref())?;
    }
    plan_settings(&mut steps, desired, current)?;
    Ok(steps)
}

/// Plans the settings given in part (e-mail and password, the plugins, the webhooks) and
/// localhost.
fn plan_settings(steps: &mut Vec<Step>, desired: &DesiredNeonAuth, current: &Current) -> Result<()> {
    let wanted = desired.email_and_password.as_ref();
    let now = current.email_and_password.as_ref();
    update(steps, "emailAndPassword", wanted, now, Write::EmailAndPassword)?;
    if let Some(allow) = desired.allow_localhost.filter(|a| current.allow_localhost != Some(*a)) {
        let before = current.allow_localhost.map(Value::from);
        let write = Write::AllowLocalhost(allow);
        steps.push(Step::new("update", "allowLocalhost", before, Some(allow.into()), write));
    }
    let plugins = desired.plugins.as_ref();
    let wanted = plugins.and_then(|p| p.organization.as_ref());
    let now = current.organization.as_ref();
    update(steps, "plugins.organization", wanted, now, Write::Organization)?;
    let wanted = plugins.and_then(|p| p.magic_link.as_ref());
    let now = current.magic_link.as_ref();
    update(steps, "plugins.magicLink", wanted, now, Write::MagicLink)?;
    let wanted = plugins.and_then(|p| p.phone_number.as_ref());
    let now = current.phone_number.as_ref();
    update(steps, "plugins.phoneNumber", wanted, now, Write::PhoneNumber)?;
    update(
        steps,
        "webhooks",
        desired.webhooks.as_ref(),
        current.webhooks.as_ref(),
        Write::Webhooks,
    )
}

/// Plans the e-mail provider. The API keeps the fields an update leaves out, so only the fields
/// that differ are sent and a sender-name change does not send the password again; a switch of
/// `type` (or a provider never configured) sends every field given.
fn plan_email_provider(steps: &mut Vec<Step>, wanted: &EmailProviderInput, current: Option<&Value>) -> Result<()> {
    let Some((mut before, mut after)) = differing(&json_body(wanted)?, current) else {
        return Ok(());
    };
    let mut write = wanted.clone();
    if after.get("type").is_none() {
        // An unreadable password is listed by `differing` with `before` null: not sent here.
        if before.get("password") == Some(&Value::Null) {
            for side in [&mut before, &mut after] {
                if let Some(fields) = side.as_object_mut() {
                    fields.remove("password");
                }
            }
        }
        let sent = |key: &str| after.get(key).is_some();
        write.host = write.host.filter(|_| sent("host"));
        write.port = write.port.filter(|_| sent("port"));
        write.username = write.username.filter(|_| sent("username"));
        write.password = write.password.filter(|_| sent("password"));
        write.sender_email = write.sender_email.filter(|_| sent("sender_email"));
        write.sender_name = write.sender_name.filter(|_| sent("sender_name"));
    }
    let change = Step::new(
        "update",
        "emailProvider",
        Some(before),
        Some(after),
        Write::EmailProvider(write),
    );
    steps.push(change);
    Ok(())
}

fn plan_domains(
    steps: &mut Vec<Step>,
    desired: &DesiredNeonAuth,
    wanted: &[String],
    current: &Current,
    prune: bool,
) -> Result<()> {
    let provider = json_body(&desired.auth_provider)?;
    let have: Vec<&str> = current
        .domains
        .iter()
        .filter(|d| provider.as_str() == Some(d.auth_provider.as_str()))
        .map(|d| d.domain.as_str())
        .collect();
    let input = |domains: Vec<String>| DomainInput {
        domains,
        auth_provider: desired.auth_provider,
    };
    for domain in wanted.iter().filter(|d| !have.contains(&d.as_str())) {
        let write = Write::AddDomain(input(vec![domain.clone()]));
        steps.push(Step::new(
            "add",
            "trustedDomains",
            None,
            Some(domain.clone().into()),
            write,
        ));
    }
    if prune {
        let extra: Vec<String> = have
            .iter()
            .filter(|d| !wanted.iter().any(|w| w == *d))
            .map(|d| d.to_string())
            .collect();
        for chunk in extra.chunks(100) {
            let write = Write::RemoveDomains(input(chunk.to_vec()));
            steps.push(Step::new(
                "remove",
                "trustedDomains",
                Some(chunk.to_vec().into()),
                None,
                write,
            ));
        }
    }
    Ok(())
}

/// The error for provider `index` when it is given by `clientId` alone ("keep the stored
/// secret") but there is no stored secret for that client ID: `have` (the provider as listed) is
/// missing, uses Neon's shared credentials, or has another client ID. `None` otherwise.
pub(super) fn secret_needed(index: usize, want: &AddOAuthProviderInput, have: Option<&OAuthProvider>) -> Option<Error> {
    if want.client_id.is_none() || want.client_secret.is_some() {
        return None;
    }
    let why = match have {
        None => "the provider is not configured on this branch",
        Some(have) if have.kind != "standard" => "the provider uses Neon's shared credentials on this branch",
        Some(have) if have.client_id != want.client_id => "the provider has another client ID on this branch",
        Some(_) => return None,
    };
    let message = format!(
        "is needed: {why}, so there is no stored secret to keep (clientId alone keeps the secret of a provider already set up with that clientId)"
    );
    Some(Error::field(&format!("oauthProviders[{index}].clientSecret"), message))
}

fn plan_providers(
    steps: &mut Vec<Step>,
    wanted: &[AddOAuthProviderInput],
    current: &Current,
    prune: bool,
) -> Result<()> {
    for (index, want) in wanted.iter().enumerate() {
        let id = want.id.as_str();
        let listed = current.providers.iter().find(|p| p.id == id);
        if let Some(error) = secret_needed(index, want, listed) {
            return Err(error);
        }
        let target = format!("oauthProviders.{id}");
        let kind = if want.client_id.is_some() { "standard" } else { "shared" };
        let mut after = json_body(want)?;
        after["type"] = kind.into();
        let after = redacted(after);
        let add = || Write::AddProvider(want.clone());
        match current.providers.iter().find(|p| p.id == id) {
            None => steps.push(Step::new("add", &target, None, Some(after), add())),
            Some(have) if have.kind != kind => {
                let before = redacted(json(have)?);
                steps.push(Step::new(
                    "remove",
                    &target,
                    Some(before),
                    None,
                    Write::RemoveProvider(want.id),
                ));
                steps.push(Step::new("add", &target, None, Some(after), add()));
            }
            // Shared credentials have nothing to compare; the same clientId alone keeps the secret.
            Some(_) if kind == "shared" || want.client_secret.is_none() => {}
            Some(have) => {
                let now = json(have)?;
                let wanted_fields =
                    serde_json::json!({ "client_id": want.client_id, "client_secret": want.client_secret });
                if let Some((before, after)) = differing(&wanted_fields, Some(&now)) {
                    let changes = UpdateOAuthProviderInput {
                        client_id: want.client_id.clone(),
                        client_secret: want.client_secret.clone(),
                        microsoft_tenant_id: want.microsoft_tenant_id.clone(),
                    };
                    let write = Write::UpdateProvider(want.id, changes);
                    steps.push(Step::new("update", &target, Some(before), Some(after), write));
                }
            }
        }
    }
    if prune {
        for have in &current.providers {
            let listed = wanted.iter().any(|w| w.id.as_str() == have.id);
            // An ID this version does not know cannot be removed through the typed API; it is left.
            if let (false, Some(id)) = (listed, OAuthProviderId::from_api(&have.id)) {
                let before = redacted(json(have)?);
                steps.push(Step::new(
                    "remove",
                    &format!("oauthProviders.{}", have.id),
                    Some(before),
                    None,
                    Write::RemoveProvider(id),
                ));
            }
        }
    }
    Ok(())
}
