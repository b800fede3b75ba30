//! Unauthenticated test hooks under `/__sim`.

use serde::Serialize;

use crate::http::Reply;
use crate::request_log::LoggedRequest;
use crate::state::State;

/// Body of `GET /__sim/requests`.
#[derive(Serialize)]
struct RequestsView<'a> {
    count: usize,
    requests: &'a [LoggedRequest],
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
        ("POST", ["reset-log"]) => {
            state.request_log.clear();
            Reply::ok(&serde_json::json!({"count": 0}))
        }
        _ => super::not_found_route(),
    }
}
