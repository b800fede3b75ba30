//! One entry point for every binding: an operation name, the resource it targets (its path
//! parameters) and the caller's input, both as JSON. Bindings stay thin: they convert values and
//! errors, and everything else happens here and in the resource modules.

use crate::error::{Error, Result};
use crate::http::client::Client;
use crate::json::input::parse;
use crate::resources::api_keys::ApiKeys;
use crate::resources::branch_auth::oauth_providers::OAuthProviderId;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The resource an operation targets: the path parameters the JS layer collected.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Target {
    pub(crate) org_id: Option<String>,
    pub(crate) project_id: Option<String>,
    /// The branch ID (`auth.apply` also takes a branch name, looked up after its input is checked).
    pub(crate) branch_id: Option<String>,
    pub(crate) key_id: Option<i64>,
    pub(crate) oauth_provider_id: Option<OAuthProviderId>,
    pub(crate) user_id: Option<String>,
}

/// The result as JSON text, written straight from the typed value.
pub(crate) fn json(value: impl Serialize) -> Result<String> {
    serde_json::to_string(&value).map_err(|e| Error::config(format!("could not encode the result: {e}")))
}

pub(crate) fn required<'a, T>(value: &'a Option<T>, field: &str) -> Result<&'a T> {
    value.as_ref().ok_or_else(|| Error::field(field, "is required"))
}

/// Personal keys for `apiKeys.*`, an organization's for `orgApiKeys.*` (which needs `orgId`).
fn keys(client: &Client, owner: &str, target: &Target) -> Result<ApiKeys> {
    match owner {
        "orgApiKeys" => client.org_api_keys(required(&target.org_id, "orgId")?),
        _ => Ok(client.api_keys()),
    }
}

pub(crate) fn key_id(target: &Target) -> Result<i64> {
    let id = *required(&target.key_id, "keyId")?;
    crate::validate::key_id("keyId", id)?;
    Ok(id)
}

/// An error about a target field, named as the facade's parameter is: `oauthProviders.update(id,
/// …)` takes the provider as `id`.
fn public_target_name(error: Error) -> Error {
    match error {
        Error::Config(mut e) if e.field.as_deref() == Some("oauthProviderId") => {
            e.field = Some("id".into());
            Error::Config(e)
        }
        other => other,
    }
}

/// The error for a name no module declares.
pub(crate) fn unknown(op: &str) -> Error {
    Error::config(format!("unknown operation {op:?}"))
}

/// Runs operation `op` on `target` with `input`; the result is the API's JSON text (snake_case).
/// Each resource module declares its operations (see [`crate::operations`]); this only finds the
/// module.
pub async fn run(client: &Client, op: &str, target: Value, input: Value) -> Result<String> {
    use crate::resources::branch_auth::*;
    let target: Target = parse("target", target).map_err(public_target_name)?;
    let mut input = Some(input);
    // Each module runs `name` if it declares it; else the input stays, and the next one is asked.
    macro_rules! first_declaring {
        ($name:expr, $receiver:expr, [$($module:path),*]) => {
            $({
                use $module as module;
                let result = module::run_operation($receiver, &target, $name, &mut input).await;
                if input.is_none() {
                    return result;
                }
            })*
        };
    }
    first_declaring!(op, client, [crate::resources::account, crate::resources::projects]);
    if let Some((owner @ ("apiKeys" | "orgApiKeys"), action)) = op.split_once('.') {
        first_declaring!(action, keys(client, owner, &target)?, [crate::resources::api_keys]);
    }
    if let Some(action) = op.strip_prefix("auth.") {
        // `apply` checks its whole input before any request, including the one that looks up a
        // branch given by name: it takes the client and the target as they are.
        first_declaring!(action, client, [apply]);
        let auth = client.branch_auth(
            required(&target.project_id, "projectId")?,
            required(&target.branch_id, "branchId")?,
        )?;
        first_declaring!(
            action,
            &auth,
            [
                integration,
                domains,
                oauth_providers,
                email,
                users,
                plugins,
                webhooks,
                localhost
            ]
        );
    }
    Err(unknown(op))
}
