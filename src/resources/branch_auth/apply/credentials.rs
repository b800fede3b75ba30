//! The branch credentials `apply()` keeps: each wanted one by name and scopes. A missing one is
//! issued (its secrets in `created_credentials`, delivered whatever fails later); one whose
//! scopes differ is reported as drift and left as it is (there is no update, and replacing it
//! would break whoever holds its secrets); with `prune`, a live credential not listed is revoked.

use super::plan::{Step, Write};
use crate::error::{Error, Result};
use crate::resources::branch_credentials::{CreateCredentialInput, Credential, REQUESTABLE_SCOPES};
use crate::validate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A credential `apply()` keeps on the branch.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DesiredCredential {
    /// Its name: how `apply()` finds it again.
    pub name: String,
    /// What it may do.
    #[cfg_attr(feature = "wasm", tsify(type = "CredentialScope[]"))]
    pub scopes: Vec<String>,
}

/// A wanted credential whose live namesake carries other scopes: reported, never replaced.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CredentialDrift {
    /// The name.
    pub name: String,
    /// The live credential of that name.
    pub token_id: String,
    /// Its scopes.
    #[cfg_attr(feature = "wasm", tsify(type = "GrantedCredentialScope[]"))]
    pub scopes: Vec<String>,
    /// The scopes `desired` names: to get them, revoke this one and apply again.
    #[cfg_attr(feature = "wasm", tsify(type = "CredentialScope[]"))]
    pub wanted_scopes: Vec<String>,
}

/// Checks the wanted credentials as `credentials.create` would, and that each name is given once.
pub(super) fn check(wanted: &[DesiredCredential]) -> Result<()> {
    for (i, c) in wanted.iter().enumerate() {
        let at = format!("credentials[{i}]");
        validate::length(&format!("{at}.name"), &c.name, 1, validate::MAX_TEXT_BYTES)?;
        validate::line(&format!("{at}.name"), &c.name)?;
        if wanted[..i].iter().any(|w| w.name == c.name) {
            return Err(Error::field(&format!("{at}.name"), "is listed twice"));
        }
        for (j, scope) in c.scopes.iter().enumerate() {
            if !REQUESTABLE_SCOPES.contains(&scope.as_str()) {
                let message = format!("must be one of {}", REQUESTABLE_SCOPES.join(", "));
                return Err(Error::field(&format!("{at}.scopes[{j}]"), message));
            }
        }
    }
    Ok(())
}

/// Whether two scope lists hold the same scopes (order and repeats aside).
fn same_scopes(a: &[String], b: &[String]) -> bool {
    a.iter().all(|s| b.contains(s)) && b.iter().all(|s| a.contains(s))
}

/// The steps that make the live credentials (`current`) match `wanted`, and the drift found.
pub(super) fn plan(
    wanted: &[DesiredCredential],
    current: &[Credential],
    prune: bool,
) -> (Vec<Step>, Vec<CredentialDrift>) {
    let live: Vec<&Credential> = current.iter().filter(|c| c.revoked_at.is_none()).collect();
    let mut steps = Vec::new();
    let mut drift = Vec::new();
    for want in wanted {
        let named: Vec<&&Credential> = live
            .iter()
            .filter(|c| c.name.as_deref() == Some(want.name.as_str()))
            .collect();
        if named.iter().any(|c| same_scopes(&c.scopes, &want.scopes)) {
            continue;
        }
        if named.is_empty() {
            let input = CreateCredentialInput {
                name: Some(want.name.clone()),
                scopes: want.scopes.clone(),
            };
            let after = Some(Value::from(want.scopes.clone()));
            steps.push(Step::new(
                "create",
                &format!("credentials.{}", want.name),
                None,
                after,
                Write::CreateCredential(input),
            ));
            continue;
        }
        drift.extend(named.iter().map(|c| CredentialDrift {
            name: want.name.clone(),
            token_id: c.token_id.clone(),
            scopes: c.scopes.clone(),
            wanted_scopes: want.scopes.clone(),
        }));
    }
    if prune {
        let listed = |c: &Credential| wanted.iter().any(|w| c.name.as_deref() == Some(w.name.as_str()));
        for c in live.iter().filter(|c| !listed(c)) {
            let target = format!("credentials.{}", c.name.as_deref().unwrap_or(&c.token_id));
            let before = Some(Value::from(c.scopes.clone()));
            steps.push(Step::new(
                "revoke",
                &target,
                before,
                None,
                Write::RevokeCredential(c.token_id.clone()),
            ));
        }
    }
    (steps, drift)
}
