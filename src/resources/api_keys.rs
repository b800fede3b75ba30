//! API keys: personal (`/api_keys`) and organization (`/organizations/{org_id}/api_keys`, optionally
//! scoped to one project). List, create, revoke, and replace a key (the core of a rotation) without ever revoking first.

use crate::error::{Error, Result};
use crate::http::client::Client;
use crate::json::checked::{Checked, Sent};
use crate::json::input::parse;
use crate::operations::dispatch::key_id;
use crate::reconcile::Listing;
use crate::secret::Secret;
use crate::validate;
use serde::{Deserialize, Serialize};

/// The user who created a key, as listed.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyCreator {
    /// User ID (UUID).
    pub id: String,
    /// User name.
    pub name: String,
    /// Avatar URL.
    pub image: String,
}

/// An API key as listed (the token is never listed).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiKey {
    /// Key ID.
    pub id: i64,
    /// Name given at creation.
    pub name: String,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Who created it.
    pub created_by: KeyCreator,
    /// Last use (RFC 3339), or null when never used.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub last_used_at: Option<String>,
    /// Address of the last use.
    pub last_used_from_addr: String,
    /// For an organization key scoped to one project: that project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
}

/// A newly created key. `key` is the token, shown only this once: store it now.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatedApiKey {
    /// Key ID.
    pub id: i64,
    /// The token (redacted when inspected or logged with `console.log`; kept in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub key: Secret,
    /// Name given at creation.
    pub name: String,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// ID of the creating user.
    pub created_by: String,
    /// For a project-scoped organization key: that project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
}

/// A revoked key.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevokedApiKey {
    /// Key ID.
    pub id: i64,
    /// Name given at creation.
    pub name: String,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// ID of the creating user.
    pub created_by: String,
    /// Last use (RFC 3339), or null when never used.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub last_used_at: Option<String>,
    /// Address of the last use.
    pub last_used_from_addr: String,
    /// True once revoked.
    pub revoked: bool,
    /// For a project-scoped organization key: that project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
}

/// Input of `apiKeys.create()` / `orgApiKeys(orgId).create()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateApiKeyInput {
    /// Name of the key (1 to 64 characters).
    pub name: String,
    /// Organization keys only: the one project the key may access.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub project_id: Option<String>,
}

/// Input of `replace()`: what `rotate()` sends to the core (its callback and the revocation of
/// the old key happen in JavaScript).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplaceApiKeyInput {
    /// ID of the key being replaced.
    pub old_key_id: i64,
    /// Name of the new key.
    pub name: String,
    /// Organization keys only: scope the new key to this project.
    pub project_id: Option<String>,
}

#[derive(Serialize)]
struct CreateBody<'a> {
    key_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<&'a str>,
}

/// The keys of one owner: the caller's personal keys, or an organization's. Holds a clone of
/// the client (cheap: clones share the connection pool).
#[derive(Debug, Clone)]
pub struct ApiKeys {
    pub(crate) client: Client,
    /// `""` for personal keys, `/organizations/{org_id}` for an organization.
    prefix: String,
}

impl Client {
    /// The caller's personal API keys.
    pub fn api_keys(&self) -> ApiKeys {
        ApiKeys {
            client: self.clone(),
            prefix: String::new(),
        }
    }

    /// An organization's API keys. The ID is checked against the spec's pattern.
    pub fn org_api_keys(&self, org_id: &str) -> Result<ApiKeys> {
        validate::resource_id("orgId", org_id)?;
        Ok(ApiKeys {
            client: self.clone(),
            prefix: crate::operations::fill("", ORG_PREFIX, &[&validate::segment("orgId", org_id)?]),
        })
    }
}

impl ApiKeys {
    fn is_org(&self) -> bool {
        !self.prefix.is_empty()
    }

    /// Lists the keys (`GET …/api_keys`).
    pub async fn list(&self) -> Result<Checked<Vec<ApiKey>>> {
        self.client.send_checked(KEYS_LIST.to(&self.prefix, &[])).await
    }

    /// [`ApiKeys::list`] for a caller that hands the answer on as sent: checked against its shape,
    /// not built (a long list decodes in about half the time on wasm).
    pub(crate) async fn list_as_sent(&self) -> Result<Sent> {
        self.client
            .send_as_sent::<Vec<ApiKey>>(KEYS_LIST.to(&self.prefix, &[]))
            .await
    }

    /// Lists the keys, with the second the API answered (see [`Listing`]).
    pub(crate) async fn list_at(&self) -> Result<Listing> {
        let (keys, at) = self
            .client
            .send_list_at::<Vec<ApiKey>>(KEYS_LIST.to(&self.prefix, &[]))
            .await?;
        Ok(Listing {
            keys: keys.into_inner(),
            at,
        })
    }

    /// Checks a new key's name and project scope.
    fn check_new(&self, name: &str, project_id: Option<&str>) -> Result<()> {
        validate::key_name("name", name)?;
        if let Some(project) = project_id {
            if !self.is_org() {
                return Err(Error::field(
                    "projectId",
                    "only organization keys can be scoped to a project: use orgApiKeys(orgId)",
                ));
            }
            validate::resource_id("projectId", project)?;
        }
        Ok(())
    }

    /// Creates a key (`POST …/api_keys`). `project_id` is only for organization keys. The key
    /// must come back with the scope asked for, else it is revoked and the call fails. Unless
    /// the client was built with `reconcile: false`, the keys are listed first so that a lost
    /// answer can be reconciled (see [`crate::reconcile`]).
    pub async fn create(&self, name: &str, project_id: Option<&str>) -> Result<CreatedApiKey> {
        self.check_new(name, project_id)?;
        let before = match self.client.reconciles() {
            true => Some(self.list_at().await?),
            false => None,
        };
        self.create_after(before.as_ref(), name, project_id).await
    }

    /// Sends one create (`POST …/api_keys`).
    pub(crate) async fn post_key(&self, name: &str, project_id: Option<&str>) -> Result<CreatedApiKey> {
        let body = CreateBody {
            key_name: name,
            project_id,
        };
        self.client.send(KEYS_CREATE.with_json(&self.prefix, &[], &body)?).await
    }

    /// Revokes a key (`DELETE …/api_keys/{key_id}`). This cannot be undone.
    pub async fn revoke(&self, key_id: i64) -> Result<RevokedApiKey> {
        validate::key_id("keyId", key_id)?;
        self.client
            .send(KEYS_REVOKE.to(&self.prefix, &[&key_id.to_string()]))
            .await
    }

    /// The first half of a rotation: checks that the old key is listed, creates the new key,
    /// and checks that the new key works (`GET /auth` with it); the old key is never touched
    /// here. Only a 401 proves that the new key does not work: it is revoked again, and the error
    /// says so. Any other failure of the check (no answer, 5xx, an abort) leaves a key that may
    /// work, so it is kept and handed back as the error's partial result, as is a non-working
    /// key whose revocation failed.
    pub async fn replace(&self, old_key_id: i64, name: &str, project_id: Option<&str>) -> Result<CreatedApiKey> {
        validate::key_id("oldKeyId", old_key_id)?;
        self.check_new(name, project_id)?;
        let listed = self.list_at().await?;
        if !listed.keys.iter().any(|k| k.id == old_key_id) {
            return Err(Error::field(
                "oldKeyId",
                format!("no key with ID {old_key_id} is listed for this owner; nothing was created"),
            ));
        }
        let before = self.client.reconciles().then_some(&listed);
        let created = self.create_after(before, name, project_id).await?;
        let id = created.id;
        let failure = match self.client.with_key(created.key.clone()).whoami().await {
            Ok(_) => return Ok(created),
            Err(failure) => failure,
        };
        if !matches!(&failure, Error::Api(e) if e.status == 401) {
            let context = format!(
                "the new key {id} was created, but checking it (GET /auth with it) failed, so it was kept (it may work) and the old key {old_key_id} is untouched; the new key's token is in this error's `partial`: store it, then revoke the key you do not keep"
            );
            return Err(self.client.with_partial(failure.with_context(&context), &created));
        }
        match self.revoke(id).await {
            Ok(_) => Err(failure.with_context(&format!(
                "the new key {id} did not work (GET /auth with it answered 401), so it was revoked again; the old key {old_key_id} is untouched"
            ))),
            Err(e) => {
                let context = format!(
                    "the new key {id} did not work (GET /auth with it answered 401) and revoking it failed too ({}): revoke key {id} yourself (its token is in this error's `partial`); the old key {old_key_id} is untouched",
                    e.name()
                );
                Err(self.client.with_partial(failure.with_context(&context), &created))
            }
        }
    }
}

/// Where an organization's keys are, below the API base.
const ORG_PREFIX: &str = "/organizations/{org_id}";

operations! {
    (keys: ApiKeys, target, input) under [("apiKeys", ""), ("orgApiKeys", ORG_PREFIX)];
    /// Lists the keys; tokens are never listed.
    const KEYS_LIST = "list" GET "/api_keys" () -> "ApiKey[]"
        => keys.list_as_sent().await;
    /// Creates a key. `key` on the result is the token, shown this once (also when the call fails
    /// after the key was made: then it is in the error's `partial`).
    const KEYS_CREATE = "create" POST "/api_keys"
        (input "newKey": "CreateApiKeyInput") -> "CreatedApiKey & Reconciliation"
        [redacted "key", "name"]
        => {
            let i: CreateApiKeyInput = parse("newKey", input)?;
            keys.create(&i.name, i.project_id.as_deref()).await
        };
    /// Revokes a key. Cannot be undone.
    const KEYS_REVOKE = "revoke" DELETE "/api_keys/{key_id}"
        (target "keyId": "number") -> "RevokedApiKey"
        => keys.revoke(key_id(target)?).await;
    /// Rotates a key: checks the old one is listed, creates the new one and checks it works (`GET
    /// /auth` with it), hands it to `onNewKey`, then revokes the old one when `revokeOld` (default
    /// true with `onNewKey`). A new key the check refuses (401), or whose `onNewKey` throws
    /// (`NeonRotationError`), is revoked again and the old key keeps working. When the check fails
    /// otherwise (no answer, 5xx, an abort), or revoking a refused key fails, the new key may be
    /// live: the error's `partial` holds the rotation so far, with its token. A failed revocation
    /// of the old key is reported in `revoke_error`, never by losing the new key.
    "rotate" COMPOSITE "/api_keys" (input "rotation": "RotateApiKeyInput") -> "Rotation"
        [redacted "created.key", "created.name"]
        => {
            let i: ReplaceApiKeyInput = parse("rotation", input)?;
            keys.replace(i.old_key_id, &i.name, i.project_id.as_deref()).await
        };
}
