//! Neon Auth per branch: enabling and disabling the integration, its
//! settings and its users. Branches are independent of each other.

pub mod domains;
pub mod oauth_providers;
pub mod settings;
pub mod users;

use std::collections::BTreeMap;

use crate::clock::now_rfc3339;
use crate::state::branch_auth::oauth_providers::OauthProviderId;
use crate::state::branch_auth::settings::{AuthProvider, AuthSettings};
use crate::state::branch_auth::users::AuthUser;
use crate::token::{random_request_id, random_token};

/// Base of the simulated auth service URLs.
pub const AUTH_BASE_URL: &str = "https://auth.sim.neon.invalid";
/// Database used when enabling without `database_name`.
pub const DEFAULT_DB_NAME: &str = "neondb";
/// Schema holding the synchronized users.
pub const SCHEMA_NAME: &str = "neon_auth";
/// Table holding the synchronized users.
pub const TABLE_NAME: &str = "users_sync";
/// Random characters after the `pck_` / `ssk_` prefixes.
pub const KEY_RANDOM_CHARS: usize = 40;

/// Identifies one branch of one project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BranchRef<'a> {
    /// Project id.
    pub project_id: &'a str,
    /// Branch id.
    pub branch_id: &'a str,
}

impl BranchRef<'_> {
    fn key(&self) -> (String, String) {
        (self.project_id.to_string(), self.branch_id.to_string())
    }
}

/// Why a branch auth operation was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BranchAuthError {
    /// Neon Auth is off on the branch.
    NotEnabled,
    /// Neon Auth is already on.
    AlreadyEnabled,
    /// Neon Auth is off, but a keep-data disable left the `neon_auth` schema behind.
    SchemaExists,
    /// The domain is already whitelisted.
    DomainExists,
    /// A domain to remove is not whitelisted.
    DomainMissing,
    /// The provider is already configured.
    ProviderExists(OauthProviderId),
    /// The provider is not configured.
    ProviderMissing(OauthProviderId),
    /// Another user has that e-mail address.
    UserExists,
    /// No such user.
    UserMissing,
}

/// The live integration of a branch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Integration {
    /// Provider chosen when enabling.
    pub auth_provider: AuthProvider,
    /// Random id of the provider-side project.
    pub auth_provider_project_id: String,
    /// Database holding the `neon_auth` schema.
    pub db_name: String,
    /// When it was enabled.
    pub created_at: String,
    /// Its settings.
    pub settings: AuthSettings,
}

/// Keys issued when enabling; shown once, never stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedKeys {
    /// `pck_…`.
    pub pub_client_key: String,
    /// `ssk_…`.
    pub secret_server_key: String,
}

/// `https://auth.sim.neon.invalid/<branch_id>`.
pub fn base_url(branch_id: &str) -> String {
    format!("{AUTH_BASE_URL}/{branch_id}")
}

/// `https://auth.sim.neon.invalid/<branch_id>/.well-known/jwks.json`.
pub fn jwks_url(branch_id: &str) -> String {
    format!("{}/.well-known/jwks.json", base_url(branch_id))
}

fn issued_key(prefix: &str) -> String {
    format!("{prefix}{}", &random_token()[..KEY_RANDOM_CHARS])
}

/// Auth state of one branch. Users outlive the integration unless it is
/// disabled with `delete_data`; so does the `neon_auth` schema, which then
/// blocks enabling again (as the live API does).
#[derive(Clone, Debug, Default)]
struct BranchAuth {
    integration: Option<Integration>,
    users: Vec<AuthUser>,
    schema: bool,
}

/// Auth state of every branch that ever had some.
#[derive(Debug, Default)]
pub struct BranchAuthStore {
    branches: BTreeMap<(String, String), BranchAuth>,
}

impl BranchAuthStore {
    fn get(&self, at: BranchRef<'_>) -> Option<&BranchAuth> {
        self.branches.get(&at.key())
    }

    fn entry(&mut self, at: BranchRef<'_>) -> &mut BranchAuth {
        self.branches.entry(at.key()).or_default()
    }

    /// Enables Neon Auth with default settings and issues fresh keys.
    pub fn enable(
        &mut self,
        at: BranchRef<'_>,
        auth_provider: AuthProvider,
        database_name: Option<&str>,
    ) -> Result<(&Integration, IssuedKeys), BranchAuthError> {
        let auth = self.entry(at);
        if auth.integration.is_some() {
            return Err(BranchAuthError::AlreadyEnabled);
        }
        if auth.schema {
            return Err(BranchAuthError::SchemaExists);
        }
        auth.schema = true;
        let integration = auth.integration.insert(Integration {
            auth_provider,
            auth_provider_project_id: random_request_id(),
            db_name: database_name.unwrap_or(DEFAULT_DB_NAME).to_string(),
            created_at: now_rfc3339(),
            settings: AuthSettings::default(),
        });
        let keys = IssuedKeys {
            pub_client_key: issued_key("pck_"),
            secret_server_key: issued_key("ssk_"),
        };
        Ok((integration, keys))
    }

    /// Disables Neon Auth, dropping its settings; users go too when
    /// `delete_data` is true.
    pub fn disable(&mut self, at: BranchRef<'_>, delete_data: bool) -> Result<(), BranchAuthError> {
        let auth = self.entry(at);
        auth.integration.take().ok_or(BranchAuthError::NotEnabled)?;
        if delete_data {
            auth.users.clear();
            auth.schema = false;
        }
        Ok(())
    }

    /// Drops the `neon_auth` schema (what a user does in SQL), with the users
    /// in it; Neon Auth can then be enabled again. Refused while enabled.
    pub fn drop_schema(&mut self, at: BranchRef<'_>) -> Result<(), BranchAuthError> {
        let auth = self.entry(at);
        if auth.integration.is_some() {
            return Err(BranchAuthError::AlreadyEnabled);
        }
        auth.users.clear();
        auth.schema = false;
        Ok(())
    }

    /// Gives a new branch what it inherits from its parent: the parent's
    /// Neon Auth (its own integration, with the same settings, and its own
    /// URLs, which derive from the branch id), users and schema.
    pub fn inherit(&mut self, parent: BranchRef<'_>, child: BranchRef<'_>) {
        let Some(from) = self.get(parent).cloned() else {
            return;
        };
        let mut copy = from;
        if let Some(integration) = &mut copy.integration {
            integration.created_at = now_rfc3339();
        }
        self.branches.insert(child.key(), copy);
    }

    /// The live integration.
    pub fn integration(&self, at: BranchRef<'_>) -> Result<&Integration, BranchAuthError> {
        self.get(at)
            .and_then(|auth| auth.integration.as_ref())
            .ok_or(BranchAuthError::NotEnabled)
    }

    /// Settings of the live integration.
    pub fn settings(&self, at: BranchRef<'_>) -> Result<&AuthSettings, BranchAuthError> {
        self.integration(at).map(|i| &i.settings)
    }

    /// Settings of the live integration, for changing.
    pub fn settings_mut(&mut self, at: BranchRef<'_>) -> Result<&mut AuthSettings, BranchAuthError> {
        self.branches
            .get_mut(&at.key())
            .and_then(|auth| auth.integration.as_mut())
            .map(|i| &mut i.settings)
            .ok_or(BranchAuthError::NotEnabled)
    }

    /// Users of the branch if Neon Auth is enabled.
    fn enabled_users(&mut self, at: BranchRef<'_>) -> Result<&mut Vec<AuthUser>, BranchAuthError> {
        match self.branches.get_mut(&at.key()) {
            Some(BranchAuth {
                integration: Some(_),
                users,
                ..
            }) => Ok(users),
            _ => Err(BranchAuthError::NotEnabled),
        }
    }
}

#[cfg(test)]
#[path = "branch_auth_tests.rs"]
mod tests;
