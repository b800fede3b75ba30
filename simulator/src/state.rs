//! The simulator's in-memory world: users, organizations, API keys, the
//! seeded projects and branches, Neon Auth and credentials per branch.

pub mod access;
pub mod branch_auth;
pub mod branches;
pub mod children;
pub mod console;
pub mod credentials;
pub mod fleet;
pub mod ownership_hooks;
pub mod projects;
pub mod seed;

use crate::clock::now_rfc3339;
use crate::keys::{ApiKey, KeyScope, Principal};
use crate::minted::MintedLog;
use crate::rate_limit::RateLimiter;
use crate::request_log::RequestLog;
use crate::state::branch_auth::BranchAuthStore;
use crate::state::branches::Branch;
use crate::state::credentials::CredentialStore;
use crate::state::projects::Project;
use crate::token::random_token;

/// Id of the single seeded user (also its account id).
pub const SEED_USER_ID: &str = "11111111-2222-4333-8444-555555555555";
/// Display name of the seeded user.
pub const SEED_USER_NAME: &str = "Sim User";
/// Avatar URL of the seeded user.
pub const SEED_USER_IMAGE: &str = "https://example.invalid/avatar.png";
/// Default id of the seeded organization.
pub const DEFAULT_SEED_ORG: &str = "org-sim-000001";
/// Name of the seeded personal key.
pub const SEED_KEY_NAME: &str = "seed";
/// Id given to the first key; later keys count up from here.
pub const FIRST_KEY_ID: u64 = 100_001;

/// A user account.
#[derive(Clone, Debug)]
pub struct User {
    /// UUID of the user.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Avatar URL.
    pub image: String,
    /// Organizations the user belongs to.
    pub org_ids: Vec<String>,
}

/// Why a state operation was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StateError {
    /// No such (live) key within the caller's reach.
    KeyNotFound,
    /// No such organization within the caller's reach.
    OrgNotFound,
    /// The caller's kind of key may not do this.
    Forbidden(&'static str),
}

/// Everything the simulator remembers.
#[derive(Debug)]
pub struct State {
    users: Vec<User>,
    org_ids: Vec<String>,
    keys: Vec<ApiKey>,
    next_key_id: u64,
    projects: Vec<Project>,
    branches: Vec<Branch>,
    /// Neon Auth state per branch.
    pub branch_auth: BranchAuthStore,
    /// Branch credentials (Beta), kept apart from the branches.
    pub credentials: CredentialStore,
    /// Requests seen under `/api/v2`.
    pub request_log: RequestLog,
    /// Secrets shown once (API key tokens, Neon Auth keys), and their revocation.
    pub minted: MintedLog,
    /// How long a revoked organization key stays listed (0 in [`State::seeded`]).
    pub org_key_linger: std::time::Duration,
    /// Neon's rate limits, when they are enforced.
    pub rate_limiter: Option<RateLimiter>,
}

impl State {
    /// A world with the seeded user, its organization `seed_org`, a personal
    /// key named `seed` whose token is `seed_token`, and the seeded projects
    /// and branches of [`seed`] (all in `seed_org`).
    pub fn seeded(seed_token: &str, seed_org: &str) -> Self {
        let mut state = State {
            users: vec![User {
                id: SEED_USER_ID.to_string(),
                name: SEED_USER_NAME.to_string(),
                image: SEED_USER_IMAGE.to_string(),
                org_ids: vec![seed_org.to_string()],
            }],
            org_ids: vec![seed_org.to_string()],
            keys: Vec::new(),
            next_key_id: FIRST_KEY_ID,
            projects: seed::projects(seed_org, SEED_USER_ID),
            branches: seed::branches(),
            branch_auth: BranchAuthStore::default(),
            credentials: CredentialStore::seeded(),
            request_log: RequestLog::default(),
            minted: MintedLog::default(),
            org_key_linger: std::time::Duration::ZERO,
            rate_limiter: None,
        };
        state.insert_key(
            SEED_KEY_NAME,
            seed_token.to_string(),
            KeyScope::Personal {
                user_id: SEED_USER_ID.to_string(),
            },
            SEED_USER_ID,
        );
        state.seed_console();
        state
    }

    /// Looks up a user by id.
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    /// Looks up a key (live or revoked) by id.
    pub fn key(&self, id: u64) -> Option<&ApiKey> {
        self.keys.iter().find(|k| k.id == id)
    }

    /// True when the organization exists.
    pub fn org_exists(&self, org_id: &str) -> bool {
        self.org_ids.iter().any(|o| o == org_id)
    }

    /// Resolves a bearer token to its caller. On success the key's
    /// `last_used_at` / `last_used_from_addr` are updated. Unknown and revoked
    /// tokens yield `None`.
    pub fn authenticate(&mut self, token: &str, from_addr: &str) -> Option<Principal> {
        let key = self.keys.iter_mut().find(|k| !k.revoked && k.token == token)?;
        key.last_used_at = Some(now_rfc3339());
        key.last_used_from_addr = from_addr.to_string();
        Some(Principal::from_key(key))
    }

    /// True when `key` (live) gives access to organization `org_id`: a personal
    /// key of a member, or any key of that organization.
    pub fn key_reaches_org(&self, key: &ApiKey, org_id: &str) -> bool {
        !key.revoked && self.scope_reaches_org(&key.scope, org_id)
    }

    /// True when `key` (live) gives access to project `project_id`. Personal
    /// keys and unrestricted organization keys reach every project; a
    /// project-scoped key reaches only its own project.
    pub fn key_reaches_project(&self, key: &ApiKey, project_id: &str) -> bool {
        if key.revoked {
            return false;
        }
        match &key.scope {
            KeyScope::Personal { user_id } => self.user(user_id).is_some(),
            KeyScope::Organization {
                project_id: Some(p), ..
            } => p == project_id,
            KeyScope::Organization { project_id: None, .. } => true,
        }
    }

    fn scope_reaches_org(&self, scope: &KeyScope, org_id: &str) -> bool {
        if !self.org_exists(org_id) {
            return false;
        }
        match scope {
            KeyScope::Personal { user_id } => self
                .user(user_id)
                .is_some_and(|u| u.org_ids.iter().any(|o| o == org_id)),
            KeyScope::Organization { org_id: own, .. } => own == org_id,
        }
    }

    /// The caller's user id when it authenticated with a personal key.
    fn personal_user(principal: &Principal) -> Result<&str, StateError> {
        match &principal.scope {
            KeyScope::Personal { user_id } => Ok(user_id),
            KeyScope::Organization { .. } => Err(StateError::Forbidden(
                "personal API keys can only be managed with a personal API key",
            )),
        }
    }

    /// Live personal keys of the caller, oldest first.
    pub fn personal_keys(&self, principal: &Principal) -> Result<Vec<&ApiKey>, StateError> {
        let user_id = Self::personal_user(principal)?;
        Ok(self.keys.iter().filter(|k| k.is_personal_key_of(user_id)).collect())
    }

    /// Creates a personal key for the caller. The name must already be valid.
    pub fn create_personal_key(&mut self, principal: &Principal, name: &str) -> Result<ApiKey, StateError> {
        let user_id = Self::personal_user(principal)?.to_string();
        let scope = KeyScope::Personal {
            user_id: user_id.clone(),
        };
        Ok(self.insert_key(name, random_token(), scope, &user_id).clone())
    }

    /// Revokes one of the caller's live personal keys.
    pub fn revoke_personal_key(&mut self, principal: &Principal, key_id: u64) -> Result<ApiKey, StateError> {
        let user_id = Self::personal_user(principal)?.to_string();
        let key = self
            .keys
            .iter_mut()
            .find(|k| k.id == key_id && k.is_personal_key_of(&user_id))
            .ok_or(StateError::KeyNotFound)?;
        key.revoked = true;
        Ok(key.clone())
    }

    /// Fails with [`StateError::OrgNotFound`] unless the caller reaches the org.
    pub fn check_org_access(&self, principal: &Principal, org_id: &str) -> Result<(), StateError> {
        if self.scope_reaches_org(&principal.scope, org_id) {
            Ok(())
        } else {
            Err(StateError::OrgNotFound)
        }
    }

    /// Listed keys of organization `org_id`, oldest first: the live ones, and those revoked less
    /// than [`State::org_key_linger`] ago.
    pub fn org_keys(&self, principal: &Principal, org_id: &str) -> Result<Vec<&ApiKey>, StateError> {
        self.check_org_access(principal, org_id)?;
        let linger = self.org_key_linger;
        Ok(self
            .keys
            .iter()
            .filter(|k| k.is_listed_org_key_of(org_id, linger))
            .collect())
    }

    /// Creates an organization key, optionally restricted to one project.
    /// The name and project id must already be valid.
    pub fn create_org_key(
        &mut self,
        principal: &Principal,
        org_id: &str,
        name: &str,
        project_id: Option<&str>,
    ) -> Result<ApiKey, StateError> {
        self.check_org_access(principal, org_id)?;
        let scope = KeyScope::Organization {
            org_id: org_id.to_string(),
            project_id: project_id.map(str::to_string),
        };
        let created_by = principal.acting_user_id.clone();
        Ok(self.insert_key(name, random_token(), scope, &created_by).clone())
    }

    /// Revokes a live key of organization `org_id`.
    pub fn revoke_org_key(&mut self, principal: &Principal, org_id: &str, key_id: u64) -> Result<ApiKey, StateError> {
        self.check_org_access(principal, org_id)?;
        let key = self
            .keys
            .iter_mut()
            .find(|k| k.id == key_id && k.is_org_key_of(org_id))
            .ok_or(StateError::KeyNotFound)?;
        key.revoked = true;
        key.revoked_at = Some(std::time::Instant::now());
        Ok(key.clone())
    }

    fn insert_key(&mut self, name: &str, token: String, scope: KeyScope, created_by: &str) -> &ApiKey {
        let id = self.next_key_id;
        self.next_key_id += 1;
        self.keys.push(ApiKey {
            id,
            name: name.to_string(),
            token,
            scope,
            created_at: now_rfc3339(),
            created_by: created_by.to_string(),
            last_used_at: None,
            last_used_from_addr: String::new(),
            revoked: false,
            revoked_at: None,
        });
        self.keys.last().expect("key was just pushed")
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
