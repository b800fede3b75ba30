//! Request routing: `/api/v2` routes (authenticated) and `/__sim` test hooks.
//!
//! Routes match on the method and the path segments after the base path, so
//! new resources are added as new arms in [`route_api`].

pub mod api_keys;
pub mod auth;
pub mod branch_auth;
pub mod branches;
pub mod credentials;
pub mod json_fields;
pub mod key_views;
pub mod org_api_keys;
pub mod projects;
pub mod query;
pub mod request_fields;
pub mod sim_hooks;

use crate::http::Reply;
use crate::keys::Principal;
use crate::state::access::AccessError;
use crate::state::branch_auth::BranchRef;
use crate::state::{State, StateError};
use crate::validate::is_valid_slug;

/// An authenticated request to `/api/v2`, as seen by the handlers.
#[derive(Clone, Copy, Debug)]
pub struct ApiRequest<'a> {
    /// Upper-case HTTP method, e.g. `GET`.
    pub method: &'a str,
    /// Non-empty path segments after `/api/v2`.
    pub segments: &'a [&'a str],
    /// Raw query string (without `?`), possibly empty.
    pub query: &'a str,
    /// Raw request body (at most 1 MiB).
    pub body: &'a [u8],
    /// The request id echoed in the response (received or generated).
    pub request_id: &'a str,
}

/// Dispatches an authenticated `/api/v2` request. Unknown routes get 404.
pub fn route_api(req: &ApiRequest<'_>, caller: &Principal, state: &mut State) -> Reply {
    match (req.method, req.segments) {
        ("GET", ["auth"]) => auth::get(caller),
        ("GET", ["api_keys"]) => api_keys::list(state, caller),
        ("POST", ["api_keys"]) => api_keys::create(state, caller, req.body),
        ("DELETE", ["api_keys", key_id]) => api_keys::revoke(state, caller, key_id, req.request_id),
        ("GET", ["organizations", org_id, "api_keys"]) => org_api_keys::list(state, caller, org_id),
        ("POST", ["organizations", org_id, "api_keys"]) => org_api_keys::create(state, caller, org_id, req.body),
        ("DELETE", ["organizations", org_id, "api_keys", key_id]) => {
            org_api_keys::revoke(state, caller, org_id, key_id, req.request_id)
        }
        ("GET", ["projects"]) => projects::list(state, caller, req.query),
        ("GET", ["projects", project_id, "branches"]) => branches::list(state, caller, project_id, req.query),
        (_, ["projects", project_id, "branches", branch_id, "auth", rest @ ..]) => {
            branch_auth::route(req, caller, state, (project_id, branch_id), rest)
        }
        (_, ["projects", project_id, "branches", branch_id, "credentials", rest @ ..]) => {
            credentials::route(req, caller, state, (project_id, branch_id), rest)
        }
        _ => not_found_route(),
    }
}

/// The 404 reply for a path or method that no route serves.
pub fn not_found_route() -> Reply {
    Reply::not_found("not found")
}

/// Checks a `{project_id}` / `{branch_id}` path parameter against
/// `^[a-z0-9-]{1,60}$`, else 400 naming it.
pub fn path_id(name: &str, raw: &str) -> Result<(), Reply> {
    if is_valid_slug(raw) {
        Ok(())
    } else {
        Err(Reply::bad_request(format!("{name} must match ^[a-z0-9-]{{1,60}}$")))
    }
}

/// The branch a sub-resource route (`…/branches/{branch_id}/auth`, `…/credentials`) is under,
/// when its path parameters are well formed and the caller may reach it; else the error reply.
pub fn reachable_branch<'a>(
    caller: &Principal,
    state: &State,
    project_id: &'a str,
    branch_id: &'a str,
) -> Result<BranchRef<'a>, Reply> {
    path_id("project_id", project_id)?;
    path_id("branch_id", branch_id)?;
    state.branch_for(caller, project_id, branch_id).map_err(access_error)?;
    Ok(BranchRef { project_id, branch_id })
}

/// Maps an unreachable project or branch to 403 / 404.
pub fn access_error(err: AccessError) -> Reply {
    match err {
        AccessError::ProjectForbidden(project_id) => {
            Reply::forbidden(format!("this API key cannot access project {project_id}"))
        }
        AccessError::ProjectNotFound => Reply::not_found("project not found"),
        AccessError::BranchNotFound => Reply::not_found("branch not found"),
    }
}

/// Maps a refused state operation to its HTTP reply.
pub fn state_error(err: StateError) -> Reply {
    match err {
        StateError::KeyNotFound => Reply::not_found("API key not found"),
        StateError::OrgNotFound => Reply::not_found("organization not found"),
        StateError::Forbidden(message) => Reply::forbidden(message),
    }
}
