//! Auth users: `…/auth/users`, `…/auth/users/{auth_user_id}`, `…/auth/users/{auth_user_id}/role`.

use super::BranchAuth;
use crate::error::{Error, Result};
use crate::json::checked::Checked;
use crate::json::input::json_body;
use crate::json::input::parse;
use crate::operations::dispatch::required;
use crate::validate;
use serde::{Deserialize, Serialize};

/// Input of `users.create()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub struct CreateUserInput {
    /// The user's e-mail address.
    pub email: String,
    /// Display name (1 to 255 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Input of `users.setRoles()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub struct RolesInput {
    /// The roles (at least one).
    pub roles: Vec<String>,
}

/// A user reference as returned by `users.create()` and `users.setRoles()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthUser {
    /// The user's ID.
    pub id: String,
}

/// The user ID as a path segment.
impl BranchAuth {
    /// Creates a user (`POST …/auth/users`).
    pub async fn create_user(&self, input: &CreateUserInput) -> Result<Checked<AuthUser>> {
        validate::email("email", &input.email)?;
        if let Some(name) = &input.name {
            validate::length("name", name, 1, 255)?;
        }
        // Users cannot be read back one by one, so a lost answer stays "outcome unknown".
        self.send(USERS_CREATE, input).await
    }

    /// Deletes a user (`DELETE …/auth/users/{auth_user_id}`).
    pub async fn remove_user(&self, user_id: &str) -> Result<()> {
        self.client
            .send_empty(USERS_REMOVE.to(&self.prefix, &[&validate::path_id("userId", user_id)?]))
            .await
    }

    /// Replaces a user's roles (`PUT …/auth/users/{auth_user_id}/role`).
    pub async fn set_user_roles(&self, user_id: &str, input: &RolesInput) -> Result<Checked<AuthUser>> {
        if input.roles.is_empty() {
            return Err(Error::field("roles", "give at least one role"));
        }
        for role in &input.roles {
            validate::text("roles", role)?;
        }
        let request = USERS_SET_ROLES.with_json(
            &self.prefix,
            &[&validate::path_id("userId", user_id)?],
            &json_body(input)?,
        )?;
        self.client.send_checked(request).await
    }
}

operations! {
    (auth: &BranchAuth, target, input) under [("branchAuth", super::PATH)];
    /// Creates a user.
    const USERS_CREATE = "users.create" POST "/users"
        (input "user": "CreateUserInput") -> "AuthUser"
        [hidden "email", "name"]
        => auth.create_user(&parse::<CreateUserInput>("user", input)?).await;
    /// Deletes a user.
    const USERS_REMOVE = "users.remove" DELETE "/users/{user_id}"
        (target "userId": "string") -> "void"
        => auth.remove_user(required(&target.user_id, "userId")?).await;
    /// Replaces a user's roles (at least one).
    const USERS_SET_ROLES = "users.setRoles" PUT "/users/{user_id}/role"
        (target "userId": "string", field "roles": "string[]") -> "AuthUser"
        => {
            let roles = parse::<RolesInput>("roles", input)?;
            auth.set_user_roles(required(&target.user_id, "userId")?, &roles).await
        };
}
