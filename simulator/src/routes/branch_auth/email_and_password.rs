//! E-mail and password sign-in: `/auth/email_and_password`.

use crate::http::Reply;
use crate::routes::branch_auth::{object, settings, settings_mut, Outcome};
use crate::routes::json_fields::{opt_bool, opt_choice};
use crate::state::branch_auth::settings::VerificationMethod;
use crate::state::branch_auth::{BranchAuthStore, BranchRef};

fn parse_method(s: &str) -> Option<VerificationMethod> {
    match s {
        "link" => Some(VerificationMethod::Link),
        "otp" => Some(VerificationMethod::Otp),
        _ => None,
    }
}

/// `GET /auth/email_and_password`.
pub fn get(store: &BranchAuthStore, at: BranchRef<'_>) -> Outcome {
    Ok(Reply::ok(&settings(store, at)?.email_and_password))
}

/// `PATCH /auth/email_and_password`: only the given fields change.
pub fn update(store: &mut BranchAuthStore, at: BranchRef<'_>, body: &[u8]) -> Outcome {
    let settings = settings_mut(store, at)?;
    let fields = object(body, "email and password settings")?;
    let mut next = settings.email_and_password.clone();
    let flags = [
        ("enabled", &mut next.enabled),
        ("require_email_verification", &mut next.require_email_verification),
        (
            "auto_sign_in_after_verification",
            &mut next.auto_sign_in_after_verification,
        ),
        (
            "send_verification_email_on_sign_up",
            &mut next.send_verification_email_on_sign_up,
        ),
        (
            "send_verification_email_on_sign_in",
            &mut next.send_verification_email_on_sign_in,
        ),
        ("disable_sign_up", &mut next.disable_sign_up),
    ];
    for (name, slot) in flags {
        if let Some(value) = opt_bool(&fields, name)? {
            *slot = value;
        }
    }
    if let Some(method) = opt_choice(&fields, "email_verification_method", parse_method, "link, otp")? {
        next.email_verification_method = method;
    }
    settings.email_and_password = next;
    Ok(Reply::ok(&settings.email_and_password))
}
