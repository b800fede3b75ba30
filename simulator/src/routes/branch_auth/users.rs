//! Auth users: `/auth/users[/{auth_user_id}[/role]]`.

use serde::Serialize;

use crate::http::Reply;
use crate::routes::branch_auth::{auth_error, object, Outcome};
use crate::routes::json_fields::{opt_string_array, opt_string_len, req_email};
use crate::state::branch_auth::{BranchAuthStore, BranchRef};

/// `NeonAuthCreateNewUserResponse` / `UpdateNeonAuthUserRoleResponse`.
#[derive(Serialize)]
struct UserId<'a> {
    id: &'a str,
}

fn require_enabled(store: &BranchAuthStore, at: BranchRef<'_>) -> Result<(), Reply> {
    store.integration(at).map(|_| ()).map_err(|e| auth_error(e, at))
}

/// `POST /auth/users` with `{"email", "name"?}` → 201 `{"id"}`.
pub fn create(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    require_enabled(store, at)?;
    let fields = object(body, "email")?;
    let email = req_email(&fields, "email")?;
    let name = opt_string_len(&fields, "name", 1..=255)?;
    let id = store
        .create_user(at, &email, name.as_deref())
        .map_err(|e| auth_error(e, at))?;
    Ok(Reply::created(&UserId { id: &id }))
}

/// `DELETE /auth/users/{auth_user_id}` → 204.
pub fn delete(store: &mut BranchAuthStore, at: BranchRef<'_>, user_id: &str) -> Outcome {
    store.delete_user(at, user_id).map_err(|e| auth_error(e, at))?;
    Ok(Reply::empty(204))
}

/// `PUT /auth/users/{auth_user_id}/role` with `{"roles": [..]}` → 200 `{"id"}`.
pub fn set_roles(store: &mut BranchAuthStore, at: BranchRef<'_>, user_id: &str, body: &[u8]) -> Outcome {
    require_enabled(store, at)?;
    let fields = object(body, "roles")?;
    let roles = opt_string_array(&fields, "roles")?.ok_or_else(|| Reply::bad_request("roles is required"))?;
    if roles.is_empty() {
        return Err(Reply::bad_request("roles must contain at least one role"));
    }
    let user = store
        .set_user_roles(at, user_id, roles)
        .map_err(|e| auth_error(e, at))?;
    Ok(Reply::ok(&UserId { id: &user.id }))
}
