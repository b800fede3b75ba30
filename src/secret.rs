//! A string that must never be printed: API keys, tokens and other values the API shows once.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A secret string whose `Debug` and `Display` show `[REDACTED]`.
///
/// Serialization keeps the real value, because a created key's token is shown only once and the
/// caller must be able to store it.
///
/// ```
/// use neon_admin::Secret;
/// let s = Secret::new("napi_abc");
/// assert_eq!(format!("{s:?}"), "Secret([REDACTED])");
/// assert_eq!(s.expose(), "napi_abc");
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The real value, for the one place that needs it (the `Authorization` header, or the caller).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Replaces every occurrence of the secret in `text` with `[REDACTED]`.
    pub fn scrub(&self, text: &str) -> String {
        if self.0.len() < 4 {
            return text.to_string();
        }
        text.replace(self.0.as_str(), "[REDACTED]")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

#[cfg(test)]
#[path = "../tests/unit/secret.rs"]
mod tests;
