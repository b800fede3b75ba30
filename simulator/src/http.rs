//! JSON replies and the Neon `GeneralError` body.

use serde::Serialize;
use serde_json::Value;

/// Message of every 401 reply.
pub const AUTH_REQUIRED: &str = "authentication required";
/// Message of the 400 reply for an unparsable body.
pub const INVALID_JSON: &str = "request body is not valid JSON";

/// Body of a reply before the request id is known.
#[derive(Clone, Debug, PartialEq)]
pub enum ReplyBody {
    /// A success payload, sent as is.
    Json(Value),
    /// An error, sent as `{"request_id", "code", "message"}`.
    Error {
        /// Machine-readable code; often empty.
        code: String,
        /// Human-readable message.
        message: String,
    },
    /// No body at all (sent with `Content-Length: 0`).
    Empty,
}

/// What a route handler answers: a status and a JSON body.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// HTTP status code.
    pub status: u16,
    /// Response body.
    pub body: ReplyBody,
    /// `Retry-After` in whole seconds (429 only).
    pub retry_after: Option<u64>,
}

/// The Neon spec's `GeneralError` body.
#[derive(Serialize)]
struct GeneralError<'a> {
    request_id: &'a str,
    code: &'a str,
    message: &'a str,
}

impl Reply {
    /// 200 with `payload` serialized to JSON.
    pub fn ok<T: Serialize>(payload: &T) -> Self {
        match serde_json::to_value(payload) {
            Ok(value) => Reply {
                status: 200,
                body: ReplyBody::Json(value),
                retry_after: None,
            },
            Err(e) => Reply::error(500, format!("failed to encode response: {e}")),
        }
    }

    /// 201 with `payload` serialized to JSON.
    pub fn created<T: Serialize>(payload: &T) -> Self {
        Reply {
            status: 201,
            ..Reply::ok(payload)
        }
    }

    /// A reply with `status` and no body.
    pub fn empty(status: u16) -> Self {
        Reply {
            status,
            body: ReplyBody::Empty,
            retry_after: None,
        }
    }

    /// An error reply with an empty code.
    pub fn error(status: u16, message: impl Into<String>) -> Self {
        Reply {
            status,
            body: ReplyBody::Error {
                code: String::new(),
                message: message.into(),
            },
            retry_after: None,
        }
    }

    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Reply::error(400, message)
    }

    /// 401 with the standard message.
    pub fn unauthorized() -> Self {
        Reply::error(401, AUTH_REQUIRED)
    }

    /// 403 Forbidden.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Reply::error(403, message)
    }

    /// 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> Self {
        Reply::error(404, message)
    }

    /// 409 Conflict.
    pub fn conflict(message: impl Into<String>) -> Self {
        Reply::error(409, message)
    }

    /// 413 Payload Too Large.
    pub fn too_large() -> Self {
        Reply::error(413, "request body is too large")
    }

    /// 429 asking the client to come back after `wait` (rounded up to whole seconds).
    pub fn too_many_requests(wait: std::time::Duration) -> Self {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        Reply {
            retry_after: Some(seconds.max(1)),
            ..Reply::error(429, "rate limit exceeded; retry after the time in Retry-After")
        }
    }

    /// The serialized body; errors embed `request_id`. Empty for
    /// [`ReplyBody::Empty`].
    pub fn body_bytes(&self, request_id: &str) -> Vec<u8> {
        let encoded = match &self.body {
            ReplyBody::Empty => return Vec::new(),
            ReplyBody::Json(value) => serde_json::to_vec(value),
            ReplyBody::Error { code, message } => serde_json::to_vec(&GeneralError {
                request_id,
                code,
                message,
            }),
        };
        encoded.unwrap_or_else(|_| b"{}".to_vec())
    }
}

/// Parses a request body as a JSON object. An empty body counts as `{}`.
/// `fields` names the expected fields, for the message when the body is
/// valid JSON but not an object.
pub fn parse_object(body: &[u8], fields: &str) -> Result<serde_json::Map<String, Value>, Reply> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Reply::bad_request(format!(
            "request body must be a JSON object with {fields}"
        ))),
        Err(_) => Err(Reply::bad_request(INVALID_JSON)),
    }
}

#[cfg(test)]
#[path = "../tests/unit/http.rs"]
mod tests;
