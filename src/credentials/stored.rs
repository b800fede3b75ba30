//! A stored CLI credential (a file's text or a keyring item's value), read as the CLI reads it:
//! `"type": "api_key"` holds a key, an absent `type` or `"oauth"` a login session.

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::validate;
use serde_json::{Map, Value};

/// What a stored credential holds.
pub enum Stored {
    /// An API key.
    ApiKey(Secret),
    /// An OAuth login: the whole object, kept so that a refresh rewrites it as the CLI does.
    OAuth(Login),
}

/// An OAuth login as stored by `neon auth`.
pub struct Login {
    label: String,
    /// The stored object, every field.
    pub fields: Map<String, Value>,
}

/// Parses a stored credential; `label` names it in errors (`the Neon CLI credentials file
/// <path>`, or the keyring item).
pub fn parse(label: &str, text: &str) -> Result<Stored> {
    let Some(parsed) = crate::json::de::text::value(text.as_bytes()) else {
        return Err(malformed(
            label,
            "is not valid JSON, so the credential in it cannot be read",
        ));
    };
    let Value::Object(fields) = parsed else {
        return Err(malformed(label, "does not contain a credentials object"));
    };
    match fields.get("type") {
        None => {}
        Some(Value::String(kind)) if kind == "oauth" => {}
        Some(Value::String(kind)) if kind == "api_key" => {
            let key = fields
                .get("api_key")
                .and_then(Value::as_str)
                .filter(|k| !k.trim().is_empty())
                .ok_or_else(|| malformed(label, "declares \"type\": \"api_key\" but has no \"api_key\" value"))?;
            return validate::bearer(label, key).map(Stored::ApiKey);
        }
        Some(_) => {
            return Err(malformed(
                label,
                "declares a \"type\" this version does not understand (expected \"oauth\" or \"api_key\")",
            ))
        }
    }
    Ok(Stored::OAuth(Login {
        label: label.to_string(),
        fields,
    }))
}

impl Login {
    /// The access token, if it is usable now: a non-empty token with a numeric `expires_at`
    /// (milliseconds) in the future.
    pub fn usable_token(&self, now_ms: f64) -> Result<Option<Secret>> {
        usable(&self.fields, now_ms)
            .map(|token| validate::bearer(&self.label, token))
            .transpose()
    }

    /// The refresh token, if there is one.
    pub fn refresh_token(&self) -> Option<&str> {
        self.fields
            .get("refresh_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
    }
}

/// The access token of a stored login object, if usable at `now_ms` (the CLI's rule).
pub fn usable(fields: &Map<String, Value>, now_ms: f64) -> Option<&str> {
    let token = fields.get("access_token")?.as_str().filter(|t| !t.is_empty())?;
    let expires_at = fields.get("expires_at")?.as_f64()?;
    (expires_at.is_finite() && expires_at > now_ms).then_some(token)
}

/// A stored credential the CLI would refuse too.
pub fn malformed(label: &str, what: &str) -> Error {
    Error::config(format!(
        "{label} {what}: replace it with `neon auth` or `neon profile create`, or pass apiKey or set NEON_API_KEY"
    ))
}
