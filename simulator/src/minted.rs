//! Record of every once-shown secret the simulator handed out (API key tokens; Neon Auth's
//! `pub_client_key` and `secret_server_key`; a branch credential's `api_token` and
//! `s3_secret_access_key`, at creation and at each rotation), and whether it was revoked since, by
//! which request.
//! Tests read it through `GET /__sim/minted` to check that a secret the API returned reached the
//! caller, or was revoked by the call that made it.

use serde::Serialize;

use crate::state::branch_auth::{BranchRef, IssuedKeys};
use crate::state::credentials::Secrets;

/// What kind of secret an entry holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MintedKind {
    /// A personal or organization API key's token.
    ApiKey,
    /// The two keys of a Neon Auth enabled on a branch.
    NeonAuth,
    /// The two secrets of a branch credential, as created or rotated.
    Credential,
}

/// One minting: a created API key, Neon Auth enabled on a branch, a branch credential created or
/// rotated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Minted {
    /// API key or Neon Auth.
    pub kind: MintedKind,
    /// The key id, the branch id for Neon Auth, the `token_id` of a credential.
    pub id: String,
    /// The secrets shown in the answer.
    pub secrets: Vec<String>,
    /// Revoked since: the API key revoked, Neon Auth disabled on that branch, the credential
    /// revoked or rotated again (its secrets replaced).
    pub revoked: bool,
    /// The `X-Request-ID` of the request that revoked it.
    pub revoked_by_request: Option<String>,
    /// Project of a Neon Auth branch (branch ids are only unique within their project).
    #[serde(skip)]
    project_id: Option<String>,
}

/// Every secret minted since start or the last reset, oldest first.
#[derive(Debug, Default)]
pub struct MintedLog {
    entries: Vec<Minted>,
}

impl MintedLog {
    /// Records a created API key and its token.
    pub fn api_key(&mut self, key_id: u64, token: &str) {
        self.push(MintedKind::ApiKey, key_id.to_string(), vec![token.to_string()], None);
    }

    /// Records the keys issued when Neon Auth was enabled on `at`.
    pub fn neon_auth(&mut self, at: BranchRef<'_>, keys: &IssuedKeys) {
        let secrets = vec![keys.pub_client_key.clone(), keys.secret_server_key.clone()];
        self.push(
            MintedKind::NeonAuth,
            at.branch_id.to_string(),
            secrets,
            Some(at.project_id.to_string()),
        );
    }

    /// Records the secrets a credential was created or rotated with; those it had before count
    /// as revoked by `request_id` (a rotation replaces them).
    pub fn credential(&mut self, token_id: &str, secrets: &Secrets, request_id: &str) {
        self.credential_revoked(token_id, request_id);
        let shown = vec![secrets.api_token.clone(), secrets.s3_secret_access_key.clone()];
        self.push(MintedKind::Credential, token_id.to_string(), shown, None);
    }

    /// Marks the secrets of credential `token_id` revoked by `request_id`.
    pub fn credential_revoked(&mut self, token_id: &str, request_id: &str) {
        self.revoke(request_id, |m| m.kind == MintedKind::Credential && m.id == token_id);
    }

    /// Marks API key `key_id` revoked by `request_id`.
    pub fn api_key_revoked(&mut self, key_id: u64, request_id: &str) {
        let id = key_id.to_string();
        self.revoke(request_id, |m| m.kind == MintedKind::ApiKey && m.id == id);
    }

    /// Marks the keys of the Neon Auth on `at` revoked by `request_id` (it was disabled).
    pub fn neon_auth_disabled(&mut self, at: BranchRef<'_>, request_id: &str) {
        self.revoke(request_id, |m| {
            m.kind == MintedKind::NeonAuth && m.id == at.branch_id && m.project_id.as_deref() == Some(at.project_id)
        });
    }

    /// All entries, oldest first.
    pub fn entries(&self) -> &[Minted] {
        &self.entries
    }

    /// Forgets every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    fn push(&mut self, kind: MintedKind, id: String, secrets: Vec<String>, project_id: Option<String>) {
        self.entries.push(Minted {
            kind,
            id,
            secrets,
            revoked: false,
            revoked_by_request: None,
            project_id,
        });
    }

    fn revoke(&mut self, request_id: &str, matches: impl Fn(&Minted) -> bool) {
        for entry in self.entries.iter_mut().filter(|m| !m.revoked && matches(m)) {
            entry.revoked = true;
            entry.revoked_by_request = Some(request_id.to_string());
        }
    }
}
