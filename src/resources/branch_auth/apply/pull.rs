//! `pull()`: a branch's Neon Auth as the wanted state `apply()` takes, so that a branch set up in
//! the Console becomes a file. `apply(pull())` on the same branch plans no change: every setting
//! is read from the endpoint `apply()` compares against, and written in the shape it takes.

use crate::error::{Error, Result};
use crate::resources::branch_auth::oauth_providers::OAuthProviderId;
use crate::resources::branch_auth::BranchAuth;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// What `pull()` returns: a [`super::DesiredNeonAuth`] (camelCase, as `apply()` reads it), in the
/// order a reader expects. `omitted` lists what was left out (see [`BranchAuth::pull`]).
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PulledNeonAuth {
    enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_provider: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    database_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trusted_domains: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    oauth_providers: Option<Vec<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_provider: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_and_password: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allow_localhost: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plugins: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    webhooks: Option<Value>,
    /// What was left out, by path (`emailProvider.password`, `oauthProviders.github.clientSecret`).
    omitted: Vec<String>,
}

/// The auth providers `apply()` can name (`AuthProvider`), as the API spells them.
const AUTH_PROVIDERS: [&str; 3] = ["mock", "stack", "better_auth"];
/// The e-mail verification methods `apply()` can name.
const VERIFICATION_METHODS: [&str; 2] = ["link", "otp"];
/// The organization creator roles `apply()` can name.
const CREATOR_ROLES: [&str; 2] = ["admin", "owner"];
/// The webhook events `apply()` can name.
const WEBHOOK_EVENTS: [&str; 7] = [
    "user.before_create",
    "user.created",
    "send.otp",
    "send.magic_link",
    "organization.invitation.created",
    "organization.invitation.accepted",
    "phone_number.verified",
];

/// `value` as `key` of `object` when it is one of `known`; else `path` joins `omitted`.
fn known_or_omitted(
    object: &mut Map<String, Value>,
    key: &str,
    value: &str,
    known: &[&str],
    path: &str,
    omitted: &mut Vec<String>,
) {
    if known.contains(&value) {
        object.insert(key.into(), value.into());
    } else {
        omitted.push(path.into());
    }
}

/// `object` without the entries whose value is null (fields the API left out).
fn present(object: Value) -> Value {
    match object {
        Value::Object(mut map) => {
            map.retain(|_, v| !v.is_null());
            Value::Object(map)
        }
        other => other,
    }
}

impl BranchAuth {
    /// Reads the branch's Neon Auth as the wanted state `apply()` takes. Secrets the API does not
    /// show (the SMTP password, OAuth client secrets) and values this version cannot write (an
    /// OAuth provider, e-mail provider type or webhook event it does not know) are left out and
    /// listed in `omitted`, so that `apply()` leaves them as they are. Without Neon Auth:
    /// `{ enabled: false, omitted: [] }`.
    pub async fn pull(&self) -> Result<PulledNeonAuth> {
        let auth = match self.get().await {
            Ok(auth) => auth.into_inner(),
            Err(Error::Api(e)) if e.status == 404 => return Ok(PulledNeonAuth::default()),
            Err(e) => return Err(e),
        };
        let mut out = PulledNeonAuth {
            enabled: true,
            auth_provider: AUTH_PROVIDERS.into_iter().find(|p| *p == auth.auth_provider),
            database_name: Some(auth.db_name),
            name: auth.name,
            ..PulledNeonAuth::default()
        };
        // Trusted domains belong to a provider: without one `apply()` can name, they stay out too.
        if out.auth_provider.is_some() {
            let domains = self.list_domains().await?.into_inner();
            let own = domains.into_iter().filter(|d| d.auth_provider == auth.auth_provider);
            out.trusted_domains = Some(own.map(|d| d.domain).collect());
        } else {
            out.omitted
                .extend(["authProvider".to_string(), "trustedDomains".to_string()]);
        }
        self.pull_providers(&mut out).await?;
        self.pull_email(&mut out).await?;
        out.allow_localhost = Some(self.get_allow_localhost().await?.allow_localhost);
        self.pull_plugins(&mut out).await?;
        let hooks = self.get_webhooks().await?.into_inner();
        match hooks
            .enabled_events
            .iter()
            .flatten()
            .all(|e| WEBHOOK_EVENTS.contains(&e.as_str()))
        {
            true => {
                let hooks = json!({
                    "enabled": hooks.enabled,
                    "webhookUrl": hooks.webhook_url,
                    "enabledEvents": hooks.enabled_events,
                    "timeoutSeconds": hooks.timeout_seconds,
                });
                out.webhooks = Some(present(hooks));
            }
            // Written without the unknown event, the webhooks would lose it: left out whole.
            false => out.omitted.push("webhooks".into()),
        }
        Ok(out)
    }

    /// The OAuth providers: shared ones by ID, standard ones by ID and client ID (the secret is
    /// never read back).
    async fn pull_providers(&self, out: &mut PulledNeonAuth) -> Result<()> {
        let mut providers = Vec::new();
        for p in self.list_oauth_providers().await?.into_inner() {
            let at = format!("oauthProviders.{}", p.id);
            match (OAuthProviderId::from_api(&p.id), p.kind.as_str(), p.client_id) {
                (Some(_), "shared", _) => providers.push(json!({ "id": p.id })),
                (Some(_), "standard", Some(client_id)) => {
                    providers.push(json!({ "id": p.id, "clientId": client_id }));
                    out.omitted.push(format!("{at}.clientSecret"));
                }
                _ => out.omitted.push(at),
            }
        }
        out.oauth_providers = Some(providers);
        Ok(())
    }

    /// The e-mail provider (none when never configured: the API answers 404) and the e-mail and
    /// password settings.
    async fn pull_email(&self, out: &mut PulledNeonAuth) -> Result<()> {
        let provider = match self.get_email_provider().await {
            Ok(provider) => Some(provider.into_inner()),
            Err(Error::Api(e)) if e.status == 404 => None,
            Err(e) => return Err(e),
        };
        if let Some(p) = provider {
            match p.kind.as_deref() {
                Some("standard") => {
                    let fields = json!({
                        "type": "standard",
                        "host": p.host,
                        "port": p.port,
                        "username": p.username,
                        "senderEmail": p.sender_email,
                        "senderName": p.sender_name,
                    });
                    out.email_provider = Some(present(fields));
                    out.omitted.push("emailProvider.password".into());
                }
                Some("shared") => {
                    let fields = json!({
                        "type": "shared",
                        "senderEmail": p.sender_email,
                        "senderName": p.sender_name,
                    });
                    out.email_provider = Some(present(fields));
                }
                _ => out.omitted.push("emailProvider".into()),
            }
        }
        let e = self.get_email_and_password().await?.into_inner();
        let mut fields = json!({
            "enabled": e.enabled,
            "requireEmailVerification": e.require_email_verification,
            "autoSignInAfterVerification": e.auto_sign_in_after_verification,
            "sendVerificationEmailOnSignUp": e.send_verification_email_on_sign_up,
            "sendVerificationEmailOnSignIn": e.send_verification_email_on_sign_in,
            "disableSignUp": e.disable_sign_up,
        });
        if let Some(map) = fields.as_object_mut() {
            let (key, path) = ("emailVerificationMethod", "emailAndPassword.emailVerificationMethod");
            known_or_omitted(
                map,
                key,
                &e.email_verification_method,
                &VERIFICATION_METHODS,
                path,
                &mut out.omitted,
            );
        }
        out.email_and_password = Some(fields);
        Ok(())
    }

    /// The organization and magic-link plugins (from the plugin listing) and the phone-number
    /// plugin (from its own endpoint), as `apply()` reads them.
    async fn pull_plugins(&self, out: &mut PulledNeonAuth) -> Result<()> {
        let all = self.get_plugins().await?.into_inner();
        let mut plugins = Map::new();
        if let Some(o) = all.organization {
            let mut fields = json!({
                "enabled": o.enabled,
                "organizationLimit": o.organization_limit,
                "membershipLimit": o.membership_limit,
                "sendInvitationEmail": o.send_invitation_email,
            });
            if let Some(map) = fields.as_object_mut() {
                let path = "plugins.organization.creatorRole";
                known_or_omitted(
                    map,
                    "creatorRole",
                    &o.creator_role,
                    &CREATOR_ROLES,
                    path,
                    &mut out.omitted,
                );
            }
            plugins.insert("organization".into(), fields);
        }
        if let Some(m) = all.magic_link {
            let fields = json!({
                "enabled": m.enabled,
                "expiresIn": m.expires_in,
                "disableSignUp": m.disable_sign_up,
            });
            plugins.insert("magicLink".into(), fields);
        }
        let phone = self.get_phone_number_plugin().await?.into_inner();
        let fields = json!({ "enabled": phone.enabled, "otpExpiresIn": phone.otp_expires_in });
        plugins.insert("phoneNumber".into(), present(fields));
        out.plugins = Some(Value::Object(plugins));
        Ok(())
    }
}

operations! {
    (auth: &BranchAuth, target, input) under [("branchAuth", super::super::PATH)];
    /// Reads the branch's Neon Auth as the `desired` state `apply` takes: `apply(await pull())` on
    /// the same branch plans no change, and the JSON is an `apply` file. Secrets the API does not
    /// show (the SMTP password, OAuth client secrets) and values this version cannot write are
    /// left out and listed in `omitted` (`emailProvider.password`,
    /// `oauthProviders.github.clientSecret`), so `apply` leaves them as they are: the list is a
    /// field of the result rather than beside it, so that the result is a file `apply` takes
    /// whole, and `apply` ignores it. A provider with your own OAuth app comes back as its
    /// `clientId` alone, which `apply` reads as "keep the stored secret". Without Neon Auth:
    /// `{ enabled: false, omitted: [] }`.
    "pull" COMPOSITE "" () -> "PulledNeonAuth"
        [redacted "databaseName"]
        => auth.pull().await;
}
