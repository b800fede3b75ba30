//! Declarative Neon Auth (`apply()`): read the branch's current settings, plan the changes that
//! make them match a wanted state, and make exactly those changes (none on a dry run). A second
//! run with the same wanted state plans nothing.

mod credentials;
mod current;
mod desired;
mod plan;
pub mod pull;

pub use credentials::{CredentialDrift, DesiredCredential};
pub use desired::{ApplyOptions, DesiredNeonAuth, DesiredPlugins};
pub use plan::PlannedChange;
pub use pull::PulledNeonAuth;

use super::integration::{DisableInput, EnableInput, NeonAuth};
use super::BranchAuth;
use crate::error::{Error, Result};
use crate::http::client::Client;
use crate::json::checked::Checked;
use crate::json::input::parse;
use crate::operations::dispatch::required;
use crate::resources::branch_credentials::IssuedCredential;
use crate::secret::Secret;
use current::Current;
use plan::{Step, Write};
use serde::Deserialize;
use serde::Serialize;
use serde_json::Value;

/// Where the branch's Neon Auth lives once `apply()` is done.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeonAuthEndpoints {
    /// Provider.
    pub auth_provider: String,
    /// JWKS URL for verifying tokens.
    pub jwks_url: String,
    /// Base URL of the auth service, when the API gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

/// The keys of a Neon Auth that `apply()` just enabled: shown this once.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreatedNeonAuthKeys {
    /// Publishable client key.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub pub_client_key: Secret,
    /// Secret server key.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub secret_server_key: Secret,
}

/// What `apply()` planned and did.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplyResult {
    /// The branch ID.
    pub branch_id: String,
    /// True when nothing was changed on purpose (`dryRun`).
    pub dry_run: bool,
    /// The changes, in the order they are (or would be) made; empty when the branch already
    /// matches. Secrets are shown as `[REDACTED]`.
    pub changes: Vec<PlannedChange>,
    /// Neon Auth's endpoints; `null` when it is (or, on a dry run, stays) disabled.
    pub neon_auth: Option<NeonAuthEndpoints>,
    /// The keys, only on the run that enabled Neon Auth.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_keys: Option<CreatedNeonAuthKeys>,
    /// The credentials this run issued, with their secrets: shown this once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub created_credentials: Vec<IssuedCredential>,
    /// Wanted credentials whose live namesakes carry other scopes: left as they are.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub drift: Vec<CredentialDrift>,
}

impl BranchAuth {
    /// Makes the branch's Neon Auth match `desired`: reads the current settings, plans the
    /// changes, and unless `options.dry_run` makes them in order. Settings not named in
    /// `desired` are left alone; trusted domains and OAuth providers not listed are removed only
    /// with `options.prune`. Everything is checked before the first request. A failure after
    /// Neon Auth was enabled here hands back the result so far (with the keys) as the error's
    /// partial result ([`crate::Client::partial`]).
    pub async fn apply(&self, desired: &DesiredNeonAuth, options: ApplyOptions) -> Result<ApplyResult> {
        desired.check()?;
        let auth = match self.get().await {
            Ok(auth) => Some(auth),
            Err(Error::Api(e)) if e.status == 404 => None,
            Err(e) => return Err(e),
        };
        let mut result = ApplyResult {
            branch_id: self.branch_id.clone(),
            dry_run: options.dry_run,
            changes: Vec::new(),
            neon_auth: auth.as_ref().map(|a| NeonAuthEndpoints {
                auth_provider: a.auth_provider.clone(),
                jwks_url: a.jwks_url.clone(),
                base_url: a.base_url.clone(),
            }),
            created_keys: None,
            created_credentials: Vec::new(),
            drift: Vec::new(),
        };
        let converged = match self.converge(desired, options, auth, &mut result).await {
            Ok(()) => self.converge_credentials(desired, options, &mut result).await,
            failed => failed,
        };
        match converged {
            Ok(()) => Ok(result),
            Err(e) if result.created_keys.is_some() || !result.created_credentials.is_empty() => {
                Err(self.client.with_partial(e, &result))
            }
            Err(e) => Err(e),
        }
    }

    /// Plans from the state read (`auth`: `None` when Neon Auth is off) and makes the changes,
    /// recording them in `result`.
    async fn converge(
        &self,
        desired: &DesiredNeonAuth,
        options: ApplyOptions,
        auth: Option<Checked<NeonAuth>>,
        result: &mut ApplyResult,
    ) -> Result<()> {
        if !desired.enabled {
            if auth.is_some() {
                let step = Step::new(
                    "disable",
                    "neonAuth",
                    Some(true.into()),
                    Some(false.into()),
                    Write::Disable,
                );
                self.run(vec![step], result).await?;
                result.neon_auth = None;
            }
            return Ok(());
        }
        let current = match auth {
            Some(auth) => Current::read(self, desired, auth.into_inner().name).await?,
            None => {
                // A provider given by clientId alone has no stored secret to keep on a branch
                // where Neon Auth is off: refused before the enable, not after it.
                for (i, provider) in desired.oauth_providers.iter().flatten().enumerate() {
                    if let Some(error) = plan::secret_needed(i, provider, None) {
                        return Err(error);
                    }
                }
                let enable = EnableInput {
                    auth_provider: desired.auth_provider,
                    database_name: desired.database_name.clone(),
                };
                let after = Some(plan::redacted(crate::json::input::json_body(&enable)?));
                let step = Step::new("enable", "neonAuth", Some(false.into()), after, Write::Enable(enable));
                self.run(vec![step], result).await?;
                // A dry run cannot read the settings a new Neon Auth starts with, so neither run
                // compares against them: both plan every named setting (see `Current::fresh`).
                Current::fresh(self, desired, options.dry_run).await?
            }
        };
        let steps = plan::plan(desired, &current, options.prune)?;
        self.run(steps, result).await
    }

    /// Makes the branch's credentials match `desired.credentials`, when it names them.
    async fn converge_credentials(
        &self,
        desired: &DesiredNeonAuth,
        options: ApplyOptions,
        result: &mut ApplyResult,
    ) -> Result<()> {
        let Some(wanted) = &desired.credentials else {
            return Ok(());
        };
        let current = self.credentials().list().await?.into_inner();
        let (steps, drift) = credentials::plan(wanted, &current, options.prune);
        result.drift = drift;
        self.run(steps, result).await
    }

    /// Makes the planned changes in order (only records them on a dry run). A failure stops the
    /// run and says how far it got.
    async fn run(&self, steps: Vec<Step>, result: &mut ApplyResult) -> Result<()> {
        let total = steps.len();
        for (done, mut step) in steps.into_iter().enumerate() {
            if !result.dry_run {
                let earlier = self.client.reconciliations().0.len();
                self.write(step.write, result)
                    .await
                    .map_err(|e| stopped(e, &step.change, done, total))?;
                // Each write reconciles its own lost answer (reading its part of the state back).
                step.change.reconciled = self.client.reconciliations().0.get(earlier).copied();
            }
            result.changes.push(step.change);
        }
        Ok(())
    }

    async fn write(&self, write: Write, result: &mut ApplyResult) -> Result<()> {
        match write {
            Write::Enable(input) => {
                let enabled = self.enable(&input).await?.into_inner();
                result.neon_auth = Some(NeonAuthEndpoints {
                    auth_provider: enabled.auth_provider,
                    jwks_url: enabled.jwks_url,
                    base_url: enabled.base_url,
                });
                result.created_keys = Some(CreatedNeonAuthKeys {
                    pub_client_key: enabled.pub_client_key,
                    secret_server_key: enabled.secret_server_key,
                });
            }
            Write::Disable => self.disable(&DisableInput::default()).await?,
            Write::Config(input) => {
                self.update_config(&input).await?;
            }
            Write::AddDomain(input) => self.add_domain(&input).await?,
            Write::RemoveDomains(input) => self.remove_domains(&input).await?,
            Write::AddProvider(input) => {
                self.add_oauth_provider(&input).await?;
            }
            Write::UpdateProvider(id, input) => {
                self.update_oauth_provider(id, &input).await?;
            }
            Write::RemoveProvider(id) => self.remove_oauth_provider(id).await?,
            Write::EmailProvider(input) => {
                self.update_email_provider(&input).await?;
            }
            Write::EmailAndPassword(input) => {
                self.update_email_and_password(&input).await?;
            }
            Write::AllowLocalhost(allow) => {
                self.set_allow_localhost(allow).await?;
            }
            Write::Organization(input) => {
                self.update_organization_plugin(&input).await?;
            }
            Write::MagicLink(input) => {
                self.update_magic_link_plugin(&input).await?;
            }
            Write::PhoneNumber(input) => {
                self.update_phone_number_plugin(&input).await?;
            }
            Write::Webhooks(input) => {
                self.set_webhooks(&input).await?;
            }
            Write::CreateCredential(input) => {
                let issued = self.credentials().create(&input).await?.into_inner();
                result.created_credentials.push(issued);
            }
            Write::RevokeCredential(token_id) => self.credentials().revoke(&token_id).await?,
        }
        Ok(())
    }
}

/// The error of a failed change, saying which change failed and that the earlier ones were made.
fn stopped(error: Error, change: &PlannedChange, done: usize, total: usize) -> Error {
    let context = format!(
        "apply stopped at change {} of {total} ({} {}); the {done} before it were made, so run apply again to finish",
        done + 1,
        change.action,
        change.target
    );
    error.with_context(&context)
}

/// Input of `apply`: the wanted state and the options, each decoded on its own so that errors
/// name fields from their own root (`trustedDomains[0]`, `dryRun`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplyInput {
    desired: Value,
    #[serde(default = "empty_object")]
    options: Value,
}

fn empty_object() -> Value {
    Value::Object(Default::default())
}

operations! {
    (client: &Client, target, input) under [("branchAuth", super::PATH)];
    /// Makes the branch's Neon Auth match `desired`: reads the current settings, plans the changes
    /// (returned in `changes`, secrets redacted) and, unless `options.dryRun`, makes exactly those.
    /// Settings `desired` does not name are left alone; unlisted trusted domains and OAuth
    /// providers are removed only with `options.prune`. A second run with the same `desired`
    /// changes nothing. `desired` and `options` are checked before any request (a branch given by
    /// name is looked up after). If a change fails after Neon Auth was enabled, the error's
    /// `partial` holds the result so far, with `created_keys`.
    "apply" COMPOSITE ""
        (field "desired": "DesiredNeonAuth", field "options?": "ApplyOptions") -> "ApplyResult"
        [redacted
            "created_keys.pub_client_key",
            "created_keys.secret_server_key",
            "created_credentials[].api_token",
            "created_credentials[].s3_secret_access_key"]
        => {
            let mut i: ApplyInput = parse("input", input)?;
            let desired: DesiredNeonAuth = parse("desired", i.desired.take())?;
            let options = parse("options", i.options.take())?;
            desired.check()?;
            let project = required(&target.project_id, "projectId")?;
            let branch = crate::operations::dispatch::branch(target)?;
            let branch = client.resolve_branch(project, branch).await?;
            client.branch_auth(project, &branch)?.apply(&desired, options).await
        };
}
