//! The three kinds of failure a caller can branch on, each with a message that says what to do.

use std::fmt;

/// Every failure of the library.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The API answered with an error status (or a body that could not be read).
    Api(ApiError),
    /// No answer: connection refused or reset, DNS failure, timeout.
    Network(NetworkError),
    /// Bad options or input, or no credentials: nothing was sent.
    Config(ConfigError),
    /// The caller's signal aborted the call; it is not retried.
    Aborted(AbortError),
}

/// The Neon API answered with an error.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// The API's error code (may be empty).
    pub code: String,
    /// The API's message.
    pub message: String,
    /// The request id the server reported, else the one this client sent.
    pub request_id: String,
    /// How many attempts were made.
    pub attempts: u32,
    /// The wait the server asked for (`Retry-After`), when it sent one.
    pub retry_after_ms: Option<u64>,
    /// What to do, when the call's context says more than its status (a 404 under a branch's
    /// Neon Auth, a base URL without `/api/v2`, a conflict whose cause is known): `None` gives the
    /// status's own advice, `Some("")` none.
    pub hint: Option<&'static str>,
}

/// The request got no answer.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkError {
    /// What went wrong, without URLs' secrets or keys.
    pub message: String,
    /// True when the per-attempt timeout expired.
    pub timed_out: bool,
    /// The status, when the answer had begun before it broke off.
    pub status: Option<u16>,
    /// The request id this client sent.
    pub request_id: String,
    /// How many attempts were made.
    pub attempts: u32,
}

/// Bad options, bad input or missing credentials; nothing was sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    /// The option or argument at fault, when there is one.
    pub field: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

/// The caller aborted the call.
#[derive(Debug, Clone, PartialEq)]
pub struct AbortError {
    /// The request id of the call.
    pub request_id: String,
    /// Attempts started before the abort (0 when the signal was already aborted).
    pub attempts: u32,
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// A config error about one named field.
    pub fn field(field: &str, message: impl Into<String>) -> Error {
        Error::Config(ConfigError {
            field: Some(field.to_string()),
            message: message.into(),
        })
    }

    /// A config error not tied to one field.
    pub fn config(message: impl Into<String>) -> Error {
        Error::Config(ConfigError {
            field: None,
            message: message.into(),
        })
    }

    /// The same error with `context` put before its message (an abort has no message and is
    /// returned as it is).
    pub fn with_context(self, context: &str) -> Error {
        match self {
            Error::Api(mut e) => {
                e.message = format!("{context}: {}", e.message);
                Error::Api(e)
            }
            Error::Network(mut e) => {
                e.message = format!("{context}: {}", e.message);
                Error::Network(e)
            }
            Error::Config(mut e) => {
                e.message = format!("{context}: {}", e.message);
                Error::Config(e)
            }
            aborted @ Error::Aborted(_) => aborted,
        }
    }

    /// The JavaScript error class name for this error.
    pub fn name(&self) -> &'static str {
        match self {
            Error::Api(_) => "NeonApiError",
            Error::Network(_) => "NeonNetworkError",
            Error::Config(_) => "NeonConfigError",
            Error::Aborted(_) => "NeonAbortError",
        }
    }
}

/// What to do about an API error of `status`, unless its context gave a better hint; the
/// library's own codes say it in their message.
fn api_hint(e: &ApiError) -> &'static str {
    if let Some(hint) = e.hint {
        return hint;
    }
    if matches!(
        e.code.as_str(),
        "key_scope_mismatch" | "keys_not_received" | "cursor_repeated"
    ) {
        return "";
    }
    match e.status {
        401 => "the API key is missing, wrong or revoked: create a key in the Neon Console or set NEON_API_KEY",
        403 => "this key may not do that: use a key of the account or organization that owns the resource",
        404 => "check the ID; the resource may not exist or may not be visible to this key",
        423 => "the resource is locked by a running operation: try again shortly",
        // The wait the server asked for, when it did, is the advice.
        429 if e.retry_after_ms.is_some() => "",
        429 => "slow down and try again later",
        500..=599 => "the Neon API failed: try again later",
        _ => "check the request",
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => {
                let code = if e.code.is_empty() { String::new() } else { format!(" {}", e.code) };
                let mut notes: Vec<String> = Vec::new();
                let hint = api_hint(e);
                if !hint.is_empty() {
                    notes.push(hint.to_string());
                }
                if let Some(ms) = e.retry_after_ms {
                    notes.push(format!("the server asked to wait {} s before retrying", ms.div_ceil(1000)));
                }
                // A listing's own finding (a repeated cursor) belongs to no one request.
                if !e.request_id.is_empty() {
                    notes.push(format!("request id {}", e.request_id));
                }
                let notes = if notes.is_empty() { String::new() } else { format!(" ({})", notes.join("; ")) };
                write!(f, "Neon API answered {}{}: {}{notes}", e.status, code, e.message)
            }
            Error::Network(e) if e.timed_out => write!(
                f,
                "the Neon API did not answer in time after {} attempt(s): {} (raise timeoutMs or check the network; request id {})",
                e.attempts, e.message, e.request_id
            ),
            Error::Network(e) => write!(
                f,
                "could not reach the Neon API after {} attempt(s): {} (check the base URL and the network; request id {})",
                e.attempts, e.message, e.request_id
            ),
            Error::Aborted(e) => write!(
                f,
                "the call was aborted by its signal after {} attempt(s) (request id {}); it was not retried",
                e.attempts, e.request_id
            ),
            Error::Config(e) => match &e.field {
                Some(field) => write!(f, "invalid `{field}`: {}", e.message),
                None => f.write_str(&e.message),
            },
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
#[path = "../tests/unit/error.rs"]
mod tests;
