//! `/auth/allow_localhost`: whether localhost redirects are allowed.

use serde::Serialize;

use crate::http::Reply;
use crate::routes::branch_auth::{object, settings, settings_mut, Outcome};
use crate::routes::json_fields::req_bool;
use crate::state::branch_auth::{BranchAuthStore, BranchRef};

/// `NeonAuthAllowLocalhostResponse`.
#[derive(Serialize)]
struct AllowLocalhost {
    allow_localhost: bool,
}

/// `GET /auth/allow_localhost`.
pub fn get(store: &BranchAuthStore, at: BranchRef<'_>) -> Outcome {
    Ok(Reply::ok(&AllowLocalhost {
        allow_localhost: settings(store, at)?.allow_localhost,
    }))
}

/// `PATCH /auth/allow_localhost` with `{"allow_localhost": bool}`.
pub fn update(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "allow_localhost")?;
    settings.allow_localhost = req_bool(&fields, "allow_localhost")?;
    Ok(Reply::ok(&AllowLocalhost {
        allow_localhost: settings.allow_localhost,
    }))
}
