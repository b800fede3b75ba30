//! One entry point for every binding: an operation's name, the resource it targets (its path
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
    /// The branch, by ID (`br-…`) or by name: a name is looked up here, once per client.
    pub(crate) branch: Option<String>,
    pub(crate) key_id: Option<i64>,
    pub(crate) oauth_provider_id: Option<OAuthProviderId>,
    pub(crate) user_id: Option<String>,
    /// A branch credential's ID (`nak_live_…`).
    pub(crate) token_id: Option<String>,
}

/// An operation's result on its way out as JSON text: `Reply(result).into_text()`, in the
/// operations' macro, where the result's type is known. An answer kept as the API sent it
/// ([`Checked`]) is handed on as that text, neither copied nor scanned again (a 2,000-key list is
/// half a megabyte); any other result is serialized. Two traits pick the way, as methods on
/// `Reply<Checked<_>>` are found before those on `&Reply<_>` (so `Checked` needs no special case in
/// serde).
pub(crate) struct Reply<T>(pub T);

/// [`Reply`] of an answer kept as sent.
pub(crate) trait AsSent {
    fn into_text(self) -> Result<String>;
}

impl<T> AsSent for Reply<crate::json::checked::Checked<T>> {
    fn into_text(self) -> Result<String> {
        Ok(self.0.into_raw_json())
    }
}

impl AsSent for Reply<crate::json::checked::Sent> {
    fn into_text(self) -> Result<String> {
        Ok(self.0 .0.into())
    }
}

/// [`Reply`] of any other result: written straight from the typed value.
pub(crate) trait Encoded {
    fn into_text(self) -> Result<String>;
}

impl<T: Serialize> Encoded for &Reply<T> {
    fn into_text(self) -> Result<String> {
        serde_json::to_string(&self.0).map_err(|e| Error::config(format!("could not encode the result: {e}")))
    }
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

/// The target's branch, by ID or name.
pub(crate) fn branch(target: &Target) -> Result<&str> {
    target
        .branch
        .as_deref()
        .ok_or_else(|| Error::field("branch", "is required: give a branch ID (br-…) or name"))
}

pub(crate) fn key_id(target: &Target) -> Result<i64> {
    let id = *required(&target.key_id, "keyId")?;
    crate::validate::key_id("keyId", id)?;
    Ok(id)
}

/// An error about a target field, named as the method's parameter is: `oauthProviders.update(id,
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

/// A module's operation, boxed: the dispatch then holds one pointer instead of every module's state
/// machine, so a wasm runtime compiles, on a call's first use, the code of the module the call
/// reaches rather than all of them (the dispatch was the largest function Deno's first
/// `apiKeys.list()` compiled, 24 kB of 65 kB; measured with V8's compile trace).
type Boxed<'a> = crate::http::transport::BoxFuture<'a, Result<String>>;

/// Each module runs `name` if it declares it; else the input stays in `input`, and the next one
/// is asked.
macro_rules! first_declaring {
    ($name:expr, $receiver:expr, $target:expr, $input:expr, [$($module:path),*]) => {
        $({
            use $module as module;
            let future: Boxed<'_> = Box::pin(module::run_operation($receiver, $target, $name, $input));
            let result = future.await;
            if $input.is_none() {
                return result;
            }
        })*
    };
}

/// Runs operation `op` on `target` with `input`; the result is the API's JSON text (snake_case).
/// Each resource module declares its operations (see [`crate::operations`]); this only finds the
/// module.
pub async fn run(client: &Client, op: &str, target: Value, input: Value) -> Result<String> {
    let target: Target = parse("target", target).map_err(public_target_name)?;
    let mut input = Some(input);
    first_declaring!(
        op,
        client,
        &target,
        &mut input,
        [crate::resources::account, crate::resources::projects]
    );
    if let Some((owner @ ("apiKeys" | "orgApiKeys"), action)) = op.split_once('.') {
        first_declaring!(
            action,
            keys(client, owner, &target)?,
            &target,
            &mut input,
            [crate::resources::api_keys]
        );
    }
    if let Some(action) = op.strip_prefix("branchAuth.") {
        // `apply` checks its whole input before any request, including the one that looks up a
        // branch given by name: it takes the client and the target as they are.
        first_declaring!(
            action,
            client,
            &target,
            &mut input,
            [crate::resources::branch_auth::apply]
        );
        return on_branch(client, Owner::BranchAuth, action, &target, input.unwrap_or_default()).await;
    }
    if let Some(action) = op.strip_prefix("credentials.") {
        return on_branch(client, Owner::Credentials, action, &target, input.unwrap_or_default()).await;
    }
    Err(unknown(op))
}

/// The owners of operations on one branch.
#[derive(Clone, Copy)]
enum Owner {
    BranchAuth,
    Credentials,
}

/// Runs `<owner>.<action>` on the target's branch, boxed as the modules' operations are. A name the
/// client found earlier that now answers 404 is looked up again (the branch may have been made
/// again under that name), and the operation is sent once more only when the name now leads to
/// another branch.
fn on_branch<'a>(client: &'a Client, owner: Owner, action: &'a str, target: &'a Target, input: Value) -> Boxed<'a> {
    Box::pin(async move {
        let project = required(&target.project_id, "projectId")?;
        let branch = branch(target)?;
        let cached = client.cached_branch_id(project, branch);
        let id = client.resolve_branch(project, branch).await?;
        let again = cached.is_some().then(|| input.clone());
        let result = on_branch_id(client, owner, action, target, project, &id, input).await;
        match (result, again) {
            (Err(Error::Api(e)), Some(input)) if e.status == 404 => {
                client.forget_branch_id(project, branch);
                let fresh = client.resolve_branch(project, branch).await?;
                if fresh == id {
                    return Err(Error::Api(e));
                }
                on_branch_id(client, owner, action, target, project, &fresh, input).await
            }
            (result, _) => result,
        }
    })
}

/// Runs `<owner>.<action>` on the branch whose ID is `branch_id`.
async fn on_branch_id(
    client: &Client,
    owner: Owner,
    action: &str,
    target: &Target,
    project: &str,
    branch_id: &str,
    input: Value,
) -> Result<String> {
    use crate::resources::branch_auth::*;
    let mut input = Some(input);
    match owner {
        Owner::BranchAuth => {
            let auth = client.branch_auth(project, branch_id)?;
            first_declaring!(
                action,
                &auth,
                target,
                &mut input,
                [
                    integration,
                    domains,
                    oauth_providers,
                    email,
                    users,
                    plugins,
                    webhooks,
                    localhost,
                    apply::pull
                ]
            );
            Err(unknown(&format!("branchAuth.{action}")))
        }
        Owner::Credentials => {
            let credentials = client.branch_credentials(project, branch_id)?;
            first_declaring!(
                action,
                &credentials,
                target,
                &mut input,
                [crate::resources::branch_credentials]
            );
            Err(unknown(&format!("credentials.{action}")))
        }
    }
}
