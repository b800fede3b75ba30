//! One entry point for every binding: an operation name, the resource it targets (its path
//! parameters) and the caller's input, both as JSON. Bindings stay thin: they convert values and
//! errors, and everything else happens here and in the resource modules.

use crate::api_keys::{ApiKeys, CreateApiKeyInput, ReplaceApiKeyInput};
use crate::branch_auth::apply::{ApplyOptions, DesiredNeonAuth};
use crate::branch_auth::domains::DomainInput;
use crate::branch_auth::email::{EmailAndPasswordInput, EmailProviderInput, TestEmailInput, TestEmailProviderInput};
use crate::branch_auth::integration::{ConfigInput, DisableInput, EnableInput};
use crate::branch_auth::oauth_providers::{AddOAuthProviderInput, OAuthProviderId, UpdateOAuthProviderInput};
use crate::branch_auth::plugins::{MagicLinkPluginInput, OrganizationPluginInput, PhoneNumberPluginInput};
use crate::branch_auth::users::{CreateUserInput, RolesInput};
use crate::branch_auth::webhooks::WebhookInput;
use crate::branch_auth::BranchAuth;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::input::parse;
use crate::projects::{BranchQuery, ProjectQuery};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The resource an operation targets: the path parameters the JS layer collected.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Target {
    org_id: Option<String>,
    project_id: Option<String>,
    branch_id: Option<String>,
    key_id: Option<i64>,
    oauth_provider_id: Option<OAuthProviderId>,
    user_id: Option<String>,
}

/// Input of `branches.resolve`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BranchRef {
    branch: String,
}

/// Result of `branches.resolve`.
#[derive(Serialize)]
struct BranchId {
    id: String,
}

/// The result as JSON text, written straight from the typed value.
fn json(value: impl Serialize) -> Result<String> {
    serde_json::to_string(&value).map_err(|e| Error::config(format!("could not encode the result: {e}")))
}

fn required<'a, T>(value: &'a Option<T>, field: &str) -> Result<&'a T> {
    value.as_ref().ok_or_else(|| Error::field(field, "is required"))
}

/// Personal keys for `apiKeys.*`, an organization's for `orgApiKeys.*` (which needs `orgId`).
fn keys(client: &Client, owner: &str, target: &Target) -> Result<ApiKeys> {
    match owner {
        "orgApiKeys" => client.org_api_keys(required(&target.org_id, "orgId")?),
        _ => Ok(client.api_keys()),
    }
}

fn key_id(target: &Target) -> Result<i64> {
    let id = *required(&target.key_id, "keyId")?;
    crate::validate::key_id("keyId", id)?;
    Ok(id)
}

/// Runs operation `op` on `target` with `input`; the result is the API's JSON text (snake_case).
pub async fn call(client: &Client, op: &str, target: Value, input: Value) -> Result<String> {
    let target: Target = parse("target", target)?;
    match op {
        "whoami" => json(client.whoami().await?),
        "projects.page" => json(
            client
                .list_projects_page(&parse::<ProjectQuery>("options", input)?)
                .await?,
        ),
        "branches.page" => {
            let project = required(&target.project_id, "projectId")?;
            json(
                client
                    .list_branches_page(project, &parse::<BranchQuery>("options", input)?)
                    .await?,
            )
        }
        "branches.resolve" => {
            let project = required(&target.project_id, "projectId")?;
            let r: BranchRef = parse("branch", input)?;
            json(BranchId {
                id: client.resolve_branch(project, &r.branch).await?,
            })
        }
        _ if op.starts_with("apiKeys.") || op.starts_with("orgApiKeys.") => {
            let (owner, action) = op.split_once('.').unwrap_or_default();
            api_keys(keys(client, owner, &target)?, &target, action, input).await
        }
        _ => match op.strip_prefix("auth.") {
            Some(auth_op) => {
                let project = required(&target.project_id, "projectId")?;
                let branch = required(&target.branch_id, "branchId")?;
                let auth = client.branch_auth(project, branch)?;
                branch_auth(&auth, &target, auth_op, input).await
            }
            None => Err(Error::config(format!("unknown operation {op:?}"))),
        },
    }
}

async fn api_keys(keys: ApiKeys, target: &Target, op: &str, input: Value) -> Result<String> {
    match op {
        "list" => json(keys.list().await?),
        "create" => {
            let i: CreateApiKeyInput = parse("input", input)?;
            json(keys.create(&i.name, i.project_id.as_deref()).await?)
        }
        "revoke" => json(keys.revoke(key_id(target)?).await?),
        "replace" => {
            let i: ReplaceApiKeyInput = parse("input", input)?;
            json(keys.replace(i.old_key_id, &i.name, i.project_id.as_deref()).await?)
        }
        _ => Err(Error::config(format!("unknown API key operation {op:?}"))),
    }
}

async fn branch_auth(auth: &BranchAuth, target: &Target, op: &str, input: Value) -> Result<String> {
    let provider = || required(&target.oauth_provider_id, "id").copied();
    let user = || required(&target.user_id, "userId");
    match op {
        "enable" => json(auth.enable(&parse::<EnableInput>("options", input)?).await?),
        "get" => json(auth.get().await?),
        "disable" => json(auth.disable(&parse::<DisableInput>("options", input)?).await?),
        "updateConfig" => json(auth.update_config(&parse::<ConfigInput>("config", input)?).await?),
        "domains.list" => json(auth.list_domains().await?),
        "domains.add" => json(auth.add_domain(&parse::<DomainInput>("domain", input)?).await?),
        "domains.remove" => json(auth.remove_domains(&parse::<DomainInput>("domain", input)?).await?),
        "oauthProviders.list" => json(auth.list_oauth_providers().await?),
        "oauthProviders.add" => json(
            auth.add_oauth_provider(&parse::<AddOAuthProviderInput>("provider", input)?)
                .await?,
        ),
        "oauthProviders.update" => {
            let i: UpdateOAuthProviderInput = parse("changes", input)?;
            json(auth.update_oauth_provider(provider()?, &i).await?)
        }
        "oauthProviders.remove" => json(auth.remove_oauth_provider(provider()?).await?),
        "emailProvider.get" => json(auth.get_email_provider().await?),
        "emailProvider.update" => json(
            auth.update_email_provider(&parse::<EmailProviderInput>("provider", input)?)
                .await?,
        ),
        "emailProvider.test" => json(
            auth.test_email_provider(&parse::<TestEmailProviderInput>("email", input)?)
                .await?,
        ),
        "emailAndPassword.get" => json(auth.get_email_and_password().await?),
        "emailAndPassword.update" => json(
            auth.update_email_and_password(&parse::<EmailAndPasswordInput>("settings", input)?)
                .await?,
        ),
        "users.create" => json(auth.create_user(&parse::<CreateUserInput>("user", input)?).await?),
        "users.remove" => json(auth.remove_user(user()?).await?),
        "users.setRoles" => json(
            auth.set_user_roles(user()?, &parse::<RolesInput>("roles", input)?)
                .await?,
        ),
        "plugins.get" => json(auth.get_plugins().await?),
        "plugins.updateOrganization" => json(
            auth.update_organization_plugin(&parse::<OrganizationPluginInput>("settings", input)?)
                .await?,
        ),
        "plugins.updateMagicLink" => json(
            auth.update_magic_link_plugin(&parse::<MagicLinkPluginInput>("settings", input)?)
                .await?,
        ),
        "plugins.getPhoneNumber" => json(auth.get_phone_number_plugin().await?),
        "plugins.updatePhoneNumber" => json(
            auth.update_phone_number_plugin(&parse::<PhoneNumberPluginInput>("settings", input)?)
                .await?,
        ),
        "webhooks.get" => json(auth.get_webhooks().await?),
        "webhooks.set" => json(auth.set_webhooks(&parse::<WebhookInput>("webhooks", input)?).await?),
        "allowLocalhost.get" => json(auth.get_allow_localhost().await?),
        "allowLocalhost.set" => {
            let i: AllowLocalhostInput = parse("enabled", input)?;
            json(auth.set_allow_localhost(i.enabled).await?)
        }
        "apply" => {
            let mut i: ApplyInput = parse("input", input)?;
            let desired: DesiredNeonAuth = parse("desired", i.desired.take())?;
            let options: ApplyOptions = parse("options", i.options.take())?;
            json(auth.apply(&desired, options).await?)
        }
        "sendTestEmail" => json(auth.send_test_email(&parse::<TestEmailInput>("email", input)?).await?),
        _ => Err(Error::config(format!("unknown operation \"auth.{op}\""))),
    }
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

/// Input of `allowLocalhost.set`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowLocalhostInput {
    enabled: bool,
}
