//! `GET /auth`: who the caller is.

use serde::Serialize;

use crate::http::Reply;
use crate::keys::Principal;

/// Body of `GET /auth`.
#[derive(Serialize)]
struct AuthInfo<'a> {
    account_id: &'a str,
    auth_method: &'a str,
    auth_data: &'a str,
}

/// Describes the authenticated caller.
pub fn get(caller: &Principal) -> Reply {
    Reply::ok(&AuthInfo {
        account_id: caller.scope.account_id(),
        auth_method: caller.scope.auth_method(),
        auth_data: &caller.key_name,
    })
}
