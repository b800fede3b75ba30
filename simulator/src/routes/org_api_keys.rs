//! Organization API keys: `/organizations/{org_id}/api_keys[/{key_id}]`.

use crate::http::{parse_object, Reply};
use crate::keys::Principal;
use crate::routes::{key_views, request_fields, state_error};
use crate::state::State;

/// `GET /organizations/{org_id}/api_keys`: the org's live keys.
pub fn list(state: &State, caller: &Principal, org_id: &str) -> Reply {
    if let Err(reply) = request_fields::org_id(org_id) {
        return reply;
    }
    match state.org_keys(caller, org_id) {
        Ok(keys) => {
            let items: Vec<_> = keys.into_iter().map(|k| key_views::list_item(state, k)).collect();
            Reply::ok(&items)
        }
        Err(e) => state_error(e),
    }
}

/// `POST /organizations/{org_id}/api_keys` with
/// `{"key_name": ..., "project_id"?: ...}`.
pub fn create(state: &mut State, caller: &Principal, org_id: &str, body: &[u8]) -> Reply {
    let result = request_fields::org_id(org_id)
        .and_then(|()| parse_object(body, "key_name"))
        .and_then(|fields| {
            let name = request_fields::key_name(&fields)?;
            let project_id = request_fields::project_id(&fields)?;
            Ok((name, project_id))
        })
        .and_then(|(name, project_id)| {
            state
                .create_org_key(caller, org_id, &name, project_id.as_deref())
                .map_err(state_error)
        });
    match result {
        Ok(key) => {
            state.minted.api_key(key.id, &key.token);
            Reply::ok(&key_views::created(&key))
        }
        Err(reply) => reply,
    }
}

/// `DELETE /organizations/{org_id}/api_keys/{key_id}`, sent as request `request_id`.
pub fn revoke(state: &mut State, caller: &Principal, org_id: &str, raw_key_id: &str, request_id: &str) -> Reply {
    let result = request_fields::org_id(org_id)
        .and_then(|()| {
            // An unknown org is reported before a malformed key id.
            state.check_org_access(caller, org_id).map_err(state_error)
        })
        .and_then(|()| request_fields::key_id(raw_key_id))
        .and_then(|id| state.revoke_org_key(caller, org_id, id).map_err(state_error));
    match result {
        Ok(key) => {
            state.minted.api_key_revoked(key.id, request_id);
            Reply::ok(&key_views::revoked(&key))
        }
        Err(reply) => reply,
    }
}
