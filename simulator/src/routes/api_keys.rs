//! Personal API keys: `/api_keys` and `/api_keys/{key_id}`.

use crate::http::{parse_object, Reply};
use crate::keys::Principal;
use crate::routes::{key_views, request_fields, state_error};
use crate::state::State;

/// `GET /api_keys`: the caller's live personal keys.
pub fn list(state: &State, caller: &Principal) -> Reply {
    match state.personal_keys(caller) {
        Ok(keys) => {
            let items: Vec<_> = keys.into_iter().map(|k| key_views::list_item(state, k)).collect();
            Reply::ok(&items)
        }
        Err(e) => state_error(e),
    }
}

/// `POST /api_keys` with `{"key_name": ...}`.
pub fn create(state: &mut State, caller: &Principal, body: &[u8]) -> Reply {
    let result = parse_object(body, "key_name")
        .and_then(|fields| request_fields::key_name(&fields))
        .and_then(|name| state.create_personal_key(caller, &name).map_err(state_error));
    match result {
        Ok(key) => {
            state.minted.api_key(key.id, &key.token);
            Reply::ok(&key_views::created(&key))
        }
        Err(reply) => reply,
    }
}

/// `DELETE /api_keys/{key_id}`, sent as request `request_id`.
pub fn revoke(state: &mut State, caller: &Principal, raw_key_id: &str, request_id: &str) -> Reply {
    let result =
        request_fields::key_id(raw_key_id).and_then(|id| state.revoke_personal_key(caller, id).map_err(state_error));
    match result {
        Ok(key) => {
            state.minted.api_key_revoked(key.id, request_id);
            Reply::ok(&key_views::revoked(&key))
        }
        Err(reply) => reply,
    }
}
