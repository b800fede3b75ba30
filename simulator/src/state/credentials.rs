//! Branch credentials (Beta): customer-managed tokens anchored to one branch. Each carries a
//! bearer (`api_token`) and an S3 secret access key (`s3_secret_access_key`, whose access key id is
//! the credential's `token_id`). Both secrets can be recovered later (reveal) unless the credential
//! is a legacy one, issued before that was supported; rotating replaces both in place.
//!
//! Kept apart from the branch data, so credentials change no branch listing.

use crate::clock::now_rfc3339;
use crate::state::branch_auth::BranchRef;
use crate::state::seed::BETA_PROJECT;
use crate::token::random_hex;

/// Prefix of a credential id; 32 hex digits follow.
pub const TOKEN_ID_PREFIX: &str = "nak_live_";
/// Prefix of a bearer; 64 hex digits follow.
pub const API_TOKEN_PREFIX: &str = "nat_live_";
/// Prefix of an S3 secret access key; 64 hex digits follow.
pub const S3_SECRET_PREFIX: &str = "nsk_live_";
/// Hex digits of a credential id.
pub const TOKEN_ID_HEX: usize = 32;
/// Hex digits of each secret.
pub const SECRET_HEX: usize = 64;
/// Hex digits of `token_id_short`: the first ones of the id's hex part.
pub const SHORT_HEX: usize = 12;
/// The scopes a caller may request; a credential may carry others (`telemetry:write`).
pub const REQUESTABLE_SCOPES: [&str; 4] = ["storage:read", "storage:write", "ai_gateway:invoke", "functions:invoke"];
/// The only principal type issued and rotated through the API.
pub const USER_PRINCIPAL: &str = "user";

/// Branch holding the seeded credentials (the `main` branch of `proj-sim-beta`).
pub const SEED_BRANCH: &str = "br-beta-main-01";
/// A seeded legacy credential: listed, revocable, rotatable, but reveal answers 409.
pub const LEGACY_TOKEN_ID: &str = "nak_live_5eed0000000000000000000000000001";
/// A seeded credential granted `telemetry:write`, a scope no caller may request.
pub const TELEMETRY_TOKEN_ID: &str = "nak_live_5eed0000000000000000000000000002";

/// The two secrets of a credential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Secrets {
    /// `nat_live_<64 hex>`.
    pub api_token: String,
    /// `nsk_live_<64 hex>`.
    pub s3_secret_access_key: String,
}

impl Secrets {
    /// A new random pair.
    pub fn fresh() -> Self {
        Secrets {
            api_token: format!("{API_TOKEN_PREFIX}{}", random_hex(SECRET_HEX)),
            s3_secret_access_key: format!("{S3_SECRET_PREFIX}{}", random_hex(SECRET_HEX)),
        }
    }
}

/// One credential, live or revoked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credential {
    /// `nak_live_<32 hex>`.
    pub token_id: String,
    /// Project of the branch.
    pub project_id: String,
    /// The branch it was issued on.
    pub branch_id: String,
    /// Label given at issuance.
    pub name: Option<String>,
    /// Granted scopes, in the order given.
    pub scopes: Vec<String>,
    /// `user` for every credential here.
    pub principal_type: String,
    /// Issuance time (RFC 3339); rotation keeps it.
    pub created_at: String,
    /// Revocation time; a revoked credential stays listed.
    pub revoked_at: Option<String>,
    /// The live secrets; `None` for a legacy credential (and once revoked).
    pub secrets: Option<Secrets>,
}

impl Credential {
    /// The first [`SHORT_HEX`] hex digits of the id.
    pub fn token_id_short(&self) -> &str {
        let hex = self.token_id.strip_prefix(TOKEN_ID_PREFIX).unwrap_or(&self.token_id);
        hex.get(..SHORT_HEX).unwrap_or(hex)
    }

    /// True until revoked.
    pub fn is_live(&self) -> bool {
        self.revoked_at.is_none()
    }
}

/// Why a credential operation was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialError {
    /// No live credential with that id where it was looked for (404).
    NotFound,
    /// A legacy credential: its secret cannot be recovered (409).
    NoRecoverableSecret,
}

/// Every credential ever issued, oldest first.
#[derive(Debug, Default)]
pub struct CredentialStore {
    credentials: Vec<Credential>,
}

impl CredentialStore {
    /// The seeded credentials on [`SEED_BRANCH`]: a legacy one, and one granted `telemetry:write`.
    pub fn seeded() -> Self {
        let seeded = |token_id: &str, name: &str, scopes: &[&str], created_at: &str, secrets| Credential {
            token_id: token_id.to_string(),
            project_id: BETA_PROJECT.to_string(),
            branch_id: SEED_BRANCH.to_string(),
            name: Some(name.to_string()),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            principal_type: USER_PRINCIPAL.to_string(),
            created_at: created_at.to_string(),
            revoked_at: None,
            secrets,
        };
        CredentialStore {
            credentials: vec![
                seeded(
                    LEGACY_TOKEN_ID,
                    "legacy-ci",
                    &["storage:read"],
                    "2025-01-03T00:00:00Z",
                    None,
                ),
                seeded(
                    TELEMETRY_TOKEN_ID,
                    "telemetry-agent",
                    &["storage:read", "telemetry:write"],
                    "2025-01-03T00:01:00Z",
                    Some(Secrets::fresh()),
                ),
            ],
        }
    }

    /// Credentials issued on the branch, revoked ones included, oldest first.
    pub fn list(&self, at: BranchRef<'_>) -> Vec<&Credential> {
        self.credentials
            .iter()
            .filter(|c| c.project_id == at.project_id && c.branch_id == at.branch_id)
            .collect()
    }

    /// Issues a credential on the branch with fresh secrets. Scopes must already be valid.
    pub fn create(&mut self, at: BranchRef<'_>, name: Option<String>, scopes: Vec<String>) -> &Credential {
        self.credentials.push(Credential {
            token_id: format!("{TOKEN_ID_PREFIX}{}", random_hex(TOKEN_ID_HEX)),
            project_id: at.project_id.to_string(),
            branch_id: at.branch_id.to_string(),
            name,
            scopes,
            principal_type: USER_PRINCIPAL.to_string(),
            created_at: now_rfc3339(),
            revoked_at: None,
            secrets: Some(Secrets::fresh()),
        });
        self.credentials.last().expect("credential was just pushed")
    }

    /// The live credential `token_id` issued on the branch.
    fn live_on_branch(&mut self, at: BranchRef<'_>, token_id: &str) -> Result<&mut Credential, CredentialError> {
        self.credentials
            .iter_mut()
            .find(|c| c.token_id == token_id && c.project_id == at.project_id && c.branch_id == at.branch_id)
            .filter(|c| c.is_live())
            .ok_or(CredentialError::NotFound)
    }

    /// Revokes a live credential of the branch: it stays listed with `revoked_at`, its secrets
    /// stop working. Revoking it again is [`CredentialError::NotFound`].
    pub fn revoke(&mut self, at: BranchRef<'_>, token_id: &str) -> Result<&Credential, CredentialError> {
        let credential = self.live_on_branch(at, token_id)?;
        credential.revoked_at = Some(now_rfc3339());
        credential.secrets = None;
        Ok(credential)
    }

    /// The live secrets of credential `token_id` of the project. As on the live API, reveal is
    /// scoped by project and id: any reachable branch of the project authorizes it.
    pub fn reveal(&self, project_id: &str, token_id: &str) -> Result<(&Credential, &Secrets), CredentialError> {
        let credential = self
            .credentials
            .iter()
            .find(|c| c.token_id == token_id && c.project_id == project_id && c.is_live())
            .ok_or(CredentialError::NotFound)?;
        let secrets = credential
            .secrets
            .as_ref()
            .ok_or(CredentialError::NoRecoverableSecret)?;
        Ok((credential, secrets))
    }

    /// Replaces both secrets of a live credential of the branch (a legacy one included, which
    /// then becomes revealable); every call mints a new pair and the previous one stops working.
    pub fn rotate(&mut self, at: BranchRef<'_>, token_id: &str) -> Result<&Credential, CredentialError> {
        let credential = self.live_on_branch(at, token_id)?;
        credential.secrets = Some(Secrets::fresh());
        Ok(credential)
    }

    /// Which credential, if any, `api_token` authenticates as (a live one with that bearer).
    pub fn bearer_owner(&self, api_token: &str) -> Option<&Credential> {
        self.credentials
            .iter()
            .find(|c| c.is_live() && c.secrets.as_ref().is_some_and(|s| s.api_token == api_token))
    }
}

#[cfg(test)]
#[path = "credentials_tests.rs"]
mod tests;
