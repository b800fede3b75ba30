//! Users of a branch's Neon Auth (`neon_auth.users_sync`).

use crate::state::branch_auth::{BranchAuthError, BranchAuthStore, BranchRef};
use crate::token::random_request_id;

/// One auth user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthUser {
    /// UUID.
    pub id: String,
    /// E-mail address, unique per branch (ignoring case).
    pub email: String,
    /// Display name.
    pub name: Option<String>,
    /// Roles set with `PUT …/role`.
    pub roles: Vec<String>,
}

impl BranchAuthStore {
    /// Creates a user and returns its id. E-mail and name must be valid.
    pub fn create_user(
        &mut self,
        at: BranchRef<'_>,
        email: &str,
        name: Option<&str>,
    ) -> Result<String, BranchAuthError> {
        let users = self.enabled_users(at)?;
        if users.iter().any(|u| u.email.to_lowercase() == email.to_lowercase()) {
            return Err(BranchAuthError::UserExists);
        }
        let id = random_request_id();
        users.push(AuthUser {
            id: id.clone(),
            email: email.to_string(),
            name: name.map(str::to_string),
            roles: Vec::new(),
        });
        Ok(id)
    }

    /// Deletes user `user_id`.
    pub fn delete_user(&mut self, at: BranchRef<'_>, user_id: &str) -> Result<(), BranchAuthError> {
        let users = self.enabled_users(at)?;
        let before = users.len();
        users.retain(|u| u.id != user_id);
        if users.len() == before {
            return Err(BranchAuthError::UserMissing);
        }
        Ok(())
    }

    /// Replaces the roles of user `user_id` (at least one role).
    pub fn set_user_roles(
        &mut self,
        at: BranchRef<'_>,
        user_id: &str,
        roles: Vec<String>,
    ) -> Result<&AuthUser, BranchAuthError> {
        let user = self
            .enabled_users(at)?
            .iter_mut()
            .find(|u| u.id == user_id)
            .ok_or(BranchAuthError::UserMissing)?;
        user.roles = roles;
        Ok(user)
    }

    /// Number of users kept for the branch, enabled or not.
    pub fn user_count(&self, at: BranchRef<'_>) -> usize {
        self.get(at).map_or(0, |auth| auth.users.len())
    }
}
