//! Unauthenticated test hooks under `/__sim`.

use serde::Serialize;

use crate::http::Reply;
use crate::minted::Minted;
use crate::request_log::LoggedRequest;
use crate::routes::branch_auth::auth_error;
use crate::state::branch_auth::BranchRef;
use crate::state::State;

/// Body of `GET /__sim/requests`.
#[derive(Serialize)]
struct RequestsView<'a> {
    count: usize,
    requests: &'a [LoggedRequest],
}

/// Body of `GET /__sim/minted`.
#[derive(Serialize)]
struct MintedView<'a> {
    minted: &'a [Minted],
}

/// Dispatches a `/__sim/...` request (`segments` come after `__sim`).
pub fn route(method: &str, segments: &[&str], state: &mut State) -> Reply {
    match (method, segments) {
        ("GET", ["requests"]) => {
            let entries = state.request_log.entries();
            Reply::ok(&RequestsView {
                count: entries.len(),
                requests: entries,
            })
        }
        ("GET", ["rate-limit"]) => Reply::ok(&serde_json::json!({
            "enabled": state.rate_limiter.is_some(),
            "throttled": state.rate_limiter.as_ref().map_or(0, |l| l.throttled()),
            "per_minute": state.rate_limiter.as_ref().map(|l| l.limits().per_minute),
            "per_route_per_second": state.rate_limiter.as_ref().map(|l| l.limits().per_route_per_second),
        })),
        ("POST", ["reset-log"]) => {
            state.request_log.clear();
            Reply::ok(&serde_json::json!({"count": 0}))
        }
        ("GET", ["minted"]) => Reply::ok(&MintedView {
            minted: state.minted.entries(),
        }),
        ("POST", ["reset-minted"]) => {
            state.minted.clear();
            Reply::ok(&MintedView { minted: &[] })
        }
        // A branch made from `parent` (with its Neon Auth), as the console would make it.
        ("POST", ["projects", project_id, "branches", parent_id, "child", name]) => {
            match state.branch_from(project_id, parent_id, name) {
                Ok(branch) => Reply::created(&branch),
                Err(e) => super::access_error(e),
            }
        }
        // What a user does in SQL after a keep-data disable: `DROP SCHEMA neon_auth CASCADE`.
        ("POST", ["projects", project_id, "branches", branch_id, "drop-neon-auth-schema"]) => {
            let at = BranchRef { project_id, branch_id };
            match state.branch_auth.drop_schema(at) {
                Ok(()) => Reply::ok(&serde_json::json!({})),
                Err(e) => auth_error(e, at),
            }
        }
        ("POST", ["org-members"]) => add_org_member(state),
        ("POST", ["api-keys", key_id, "backdate", seconds]) => backdate_key(state, key_id, seconds),
        _ => super::not_found_route(),
    }
}

/// Another member of the seeded organization, with a personal key: `{ user_id, key }`.
fn add_org_member(state: &mut State) -> Reply {
    let (user_id, key) = state.add_org_member();
    Reply::created(&serde_json::json!({ "user_id": user_id, "key": key }))
}

/// A key whose creation time is `seconds` earlier: the key as listed.
fn backdate_key(state: &mut State, key_id: &str, seconds: &str) -> Reply {
    let (Ok(key_id), Ok(seconds)) = (key_id.parse(), seconds.parse()) else {
        return Reply::bad_request("usage: POST /__sim/api-keys/{key_id}/backdate/{seconds}");
    };
    match state.backdate_key(key_id, seconds) {
        Ok(key) => Reply::ok(&crate::routes::key_views::list_item(state, &key)),
        Err(_) => Reply::not_found("no such key"),
    }
}
