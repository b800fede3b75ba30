//! API keys: personal (`/api_keys`) and organization (`/organizations/{org_id}/api_keys`, optionally
//! scoped to one project). List, create, revoke, and rotate without ever revoking first.

use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::Method;
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
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub project_id: Option<String>,
}

/// A newly created key. `key` is the token, shown only this once: store it now.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatedApiKey {
    /// Key ID.
    pub id: i64,
    /// The token (redacted in `Debug` and in `util.inspect`; kept in JSON).
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
    #[cfg_attr(feature = "wasm", tsify(optional))]
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
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub project_id: Option<String>,
}

/// The result of a rotation: the new key, and the old one if it was revoked.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rotation {
    /// The new key, with its token.
    pub created: CreatedApiKey,
    /// The old key, when `revoke_old` was asked for and the revocation succeeded.
    #[cfg_attr(feature = "wasm", tsify(type = "RevokedApiKey | null"))]
    pub revoked: Option<RevokedApiKey>,
    /// Why revoking the old key failed, when it was asked for and failed. The new key exists
    /// and is returned all the same; revoke the old one with a second call.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub revoke_error: Option<String>,
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

/// Input of `rotate()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RotateApiKeyInput {
    /// ID of the key being replaced.
    pub old_key_id: i64,
    /// Name of the new key.
    pub name: String,
    /// Organization keys only: scope the new key to this project.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub project_id: Option<String>,
    /// Revoke the old key once the new one exists (default false).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub revoke_old: bool,
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
    client: Client,
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
            prefix: format!("/organizations/{}", validate::segment("orgId", org_id)?),
        })
    }
}

impl ApiKeys {
    fn is_org(&self) -> bool {
        !self.prefix.is_empty()
    }

    /// Lists the keys (`GET …/api_keys`).
    pub async fn list(&self) -> Result<Vec<ApiKey>> {
        self.client.send(Call::get(format!("{}/api_keys", self.prefix))).await
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

    /// Creates a key (`POST …/api_keys`). `project_id` is only for organization keys.
    pub async fn create(&self, name: &str, project_id: Option<&str>) -> Result<CreatedApiKey> {
        self.check_new(name, project_id)?;
        let body = CreateBody {
            key_name: name,
            project_id,
        };
        self.client
            .send(Call::with_body(
                Method::POST,
                format!("{}/api_keys", self.prefix),
                &body,
            )?)
            .await
    }

    /// Revokes a key (`DELETE …/api_keys/{key_id}`). This cannot be undone.
    pub async fn revoke(&self, key_id: i64) -> Result<RevokedApiKey> {
        validate::key_id("keyId", key_id)?;
        self.client
            .send(Call::delete(format!("{}/api_keys/{key_id}", self.prefix)))
            .await
    }

    /// Rotates a key: checks the old key is listed, creates the new one, and revokes the old one
    /// only when `revoke_old` is true and the new key exists. Nothing is revoked before the new
    /// key is in hand; a failed revocation is reported in the result, not as an error, so the new
    /// token is never lost.
    pub async fn rotate(
        &self,
        old_key_id: i64,
        name: &str,
        project_id: Option<&str>,
        revoke_old: bool,
    ) -> Result<Rotation> {
        validate::key_id("oldKeyId", old_key_id)?;
        self.check_new(name, project_id)?;
        if !self.list().await?.iter().any(|k| k.id == old_key_id) {
            return Err(Error::field(
                "oldKeyId",
                format!("no key with ID {old_key_id} is listed for this owner; nothing was created"),
            ));
        }
        let created = self.create(name, project_id).await?;
        if !revoke_old {
            return Ok(Rotation {
                created,
                revoked: None,
                revoke_error: None,
            });
        }
        match self.revoke(old_key_id).await {
            Ok(revoked) => Ok(Rotation {
                created,
                revoked: Some(revoked),
                revoke_error: None,
            }),
            Err(e) => Ok(Rotation {
                created,
                revoked: None,
                revoke_error: Some(e.to_string()),
            }),
        }
    }
}
