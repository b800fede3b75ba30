//! Branch credentials (Beta, in Neon's newer contract): scoped credentials on a branch, each a
//! `token_id` (`nak_live_…`, also the S3 access key ID), an `api_token` bearer and an
//! `s3_secret_access_key` (`nsk_live_…`). The API shows the secrets once, at issue and at rotate;
//! `reveal` recovers them. `…/branches/{branch_id}/credentials`.

mod settle;

use crate::error::{Error, Result};
use crate::http::client::Client;
use crate::json::checked::Checked;
use crate::json::input::parse;
use crate::operations::dispatch::required;
use crate::secret::Secret;
use crate::validate;
use serde::{Deserialize, Serialize};

/// Where a branch's credentials are, below the API base.
const PATH: &str = "/projects/{project_id}/branches/{branch_id}/credentials";

/// The scopes a credential may be issued with (the contract's `CredentialScope`).
pub const REQUESTABLE_SCOPES: [&str; 4] = ["storage:read", "storage:write", "ai_gateway:invoke", "functions:invoke"];

/// A credential as listed: metadata only, never a secret.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credential {
    /// The credential's ID (`nak_live_…`), also the S3 access key ID.
    pub token_id: String,
    /// The first 12 hex characters of the ID; safe to log.
    pub token_id_short: String,
    /// The label given at issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it may do. Scopes the API adds later pass through.
    #[cfg_attr(feature = "wasm", tsify(type = "GrantedCredentialScope[]"))]
    pub scopes: Vec<String>,
    /// The branch it was issued on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_id: Option<String>,
    /// `user` for the credentials issued through this API.
    pub principal_type: String,
    /// When it was issued (RFC 3339).
    pub created_at: String,
    /// When it was last used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<String>,
    /// When it was revoked: revoked credentials stay listed for a while.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    /// When it expires; absent: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
}

/// A credential's live secrets: what `create` and `rotate` show once, and `reveal` recovers.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CredentialSecrets {
    /// The credential's ID (`nak_live_…`), also the S3 access key ID (`AWS_ACCESS_KEY_ID`).
    pub token_id: String,
    /// The bearer token (redacted on inspect, kept in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub api_token: Secret,
    /// The S3 secret access key, `nsk_live_…` (`AWS_SECRET_ACCESS_KEY`; redacted on inspect).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub s3_secret_access_key: Secret,
}

/// A credential with its secrets, as `create` and `rotate` return it.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedCredential {
    /// The credential's ID (`nak_live_…`), also the S3 access key ID (`AWS_ACCESS_KEY_ID`).
    pub token_id: String,
    /// The first 12 hex characters of the ID; safe to log.
    pub token_id_short: String,
    /// The label given at issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The bearer token, shown this once (redacted on inspect, kept in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub api_token: Secret,
    /// The S3 secret access key, `nsk_live_…`, shown this once (`AWS_SECRET_ACCESS_KEY`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub s3_secret_access_key: Secret,
    /// What it may do. Scopes the API adds later pass through.
    #[cfg_attr(feature = "wasm", tsify(type = "GrantedCredentialScope[]"))]
    pub scopes: Vec<String>,
    /// The branch it was issued on.
    pub branch_id: String,
    /// When it was issued (RFC 3339); a rotation keeps it.
    pub created_at: String,
    /// When it expires; absent: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
}

/// Input of `credentials.create()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateCredentialInput {
    /// A label; it is also how a create whose answer was lost finds the credential it made.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub name: Option<String>,
    /// What it may do: `storage:read`, `storage:write`, `ai_gateway:invoke`, `functions:invoke`.
    #[cfg_attr(feature = "wasm", tsify(type = "CredentialScope[]"))]
    pub scopes: Vec<String>,
}

#[derive(Serialize)]
struct CreateBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    scopes: &'a [String],
    principal_type: &'static str,
}

#[derive(Deserialize)]
struct CredentialList {
    credentials: Vec<Credential>,
}

/// The credentials of one branch. Cheap to clone; holds a clone of the client.
#[derive(Debug, Clone)]
pub struct BranchCredentials {
    client: Client,
    /// `/projects/{project_id}/branches/{branch_id}/credentials`, segments encoded.
    prefix: String,
}

impl Client {
    /// The credentials of a branch given by ID (see [`Client::resolve_branch`] for names).
    pub fn branch_credentials(&self, project_id: &str, branch_id: &str) -> Result<BranchCredentials> {
        let prefix = super::branch_path(PATH, project_id, branch_id)?;
        Ok(BranchCredentials {
            client: self.clone(),
            prefix,
        })
    }
}

impl crate::resources::branch_auth::BranchAuth {
    /// The credentials of this Neon Auth's branch (for `apply()`).
    pub(crate) fn credentials(&self) -> BranchCredentials {
        let branch = self.prefix().strip_suffix("/auth").unwrap_or(self.prefix());
        BranchCredentials {
            client: self.client().clone(),
            prefix: format!("{branch}/credentials"),
        }
    }
}

/// A credential ID as one path segment.
fn token_segment(token_id: &str) -> Result<String> {
    validate::path_id("tokenId", token_id)
}

impl BranchCredentials {
    /// Every credential of the branch, revoked ones included (with `revoked_at`).
    pub async fn list(&self) -> Result<Checked<Vec<Credential>>> {
        let body = self
            .client
            .send_checked::<CredentialList>(LIST.to(&self.prefix, &[]))
            .await?;
        Ok(body.field("credentials", |b| b.credentials))
    }

    /// Issues a credential; a lost answer is settled by listing and `reveal` (see [`settle`]).
    pub async fn create(&self, input: &CreateCredentialInput) -> Result<Checked<IssuedCredential>> {
        if let Some(name) = &input.name {
            validate::line("name", name)?;
        }
        for (i, scope) in input.scopes.iter().enumerate() {
            if !REQUESTABLE_SCOPES.contains(&scope.as_str()) {
                return Err(Error::field(
                    &format!("scopes[{i}]"),
                    format!(
                        "must be one of {} (the scopes Neon's contract lets a credential be issued with)",
                        REQUESTABLE_SCOPES.join(", ")
                    ),
                ));
            }
        }
        let body = CreateBody {
            name: input.name.as_deref(),
            scopes: &input.scopes,
            principal_type: "user",
        };
        self.create_settled(&body, input.name.as_deref()).await
    }

    /// The live secrets of a credential. A 409 means it has none to recover (it was issued
    /// before reveal existed): rotate it to get new ones.
    pub async fn reveal(&self, token_id: &str) -> Result<Checked<CredentialSecrets>> {
        let request = REVEAL.to(&self.prefix, &[&token_segment(token_id)?]);
        self.client.send_checked(request).await.map_err(|e| match e {
            Error::Api(mut api) if api.status == 409 => {
                api.message = format!("credential {token_id}'s secrets cannot be recovered (it was issued before reveal existed): rotate it to get new ones ({})", api.message);
                Error::Api(api)
            }
            other => other,
        })
    }
}

operations! {
    (creds: &BranchCredentials, target, input) under [("credentials", PATH)];
    /// Lists the branch's credentials (metadata only; revoked ones stay listed with `revoked_at`).
    const LIST = "list" GET "" () -> "Credential[]" => creds.list().await;
    /// Issues a credential. `api_token` and `s3_secret_access_key` are shown this once (redacted
    /// on inspect, kept in JSON). After a lost answer, a credential given a `name` is found and
    /// its secrets recovered with `reveal` (marked `reconciled`); without a name there is nothing
    /// to find it by, and the error names the candidates.
    const CREATE = "create" POST "" (input "credential": "CreateCredentialInput")
        -> "IssuedCredential & Reconciliation" [redacted "api_token", "s3_secret_access_key"]
        => creds.create(&parse::<CreateCredentialInput>("credential", input)?).await;
    /// Recovers a credential's live secrets. A 409 means it has none to recover: rotate it.
    const REVEAL = "reveal" POST "/{token_id}/reveal" (target "tokenId": "string")
        -> "CredentialSecrets" [redacted "api_token", "s3_secret_access_key"]
        => creds.reveal(required(&target.token_id, "tokenId")?).await;
    /// Replaces a credential's secrets (the old ones stop working). Never sent twice: after a
    /// lost answer, `reveal` recovers the live secrets, returned marked `reconciled`.
    const ROTATE = "rotate" POST "/{token_id}/rotate" (target "tokenId": "string")
        -> "IssuedCredential | (CredentialSecrets & Reconciliation)"
        [redacted "api_token", "s3_secret_access_key"]
        => creds.rotate(required(&target.token_id, "tokenId")?).await;
    /// Revokes a credential. Cannot be undone.
    const REVOKE = "revoke" DELETE "/{token_id}" (target "tokenId": "string") -> "WriteDone"
        => creds.revoke(required(&target.token_id, "tokenId")?).await;
}
