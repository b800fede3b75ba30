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
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn error_body_has_the_general_error_shape() {
        let reply = Reply::not_found("API key not found");
        let body: Value = serde_json::from_slice(&reply.body_bytes("rid-1")).unwrap();
        assert_eq!(
            body,
            json!({"request_id": "rid-1", "code": "", "message": "API key not found"})
        );
        assert_eq!(reply.status, 404);
    }

    #[test]
    fn ok_body_is_the_payload() {
        let reply = Reply::ok(&json!({"a": 1}));
        assert_eq!(reply.status, 200);
        assert_eq!(reply.body_bytes("x"), br#"{"a":1}"#.to_vec());
    }

    #[test]
    fn created_and_empty_replies() {
        let created = Reply::created(&json!({"id": "x"}));
        assert_eq!(created.status, 201);
        assert_eq!(created.body_bytes("r"), br#"{"id":"x"}"#.to_vec());
        let empty = Reply::empty(204);
        assert_eq!(empty.status, 204);
        assert!(empty.body_bytes("r").is_empty());
    }

    #[test]
    fn parse_object_cases() {
        assert!(parse_object(b"", "key_name").unwrap().is_empty());
        assert_eq!(
            parse_object(br#"{"key_name":"a"}"#, "key_name").unwrap()["key_name"],
            json!("a")
        );
        let bad = parse_object(b"{nope", "key_name").unwrap_err();
        assert_eq!(bad, Reply::bad_request(INVALID_JSON));
        let not_obj = parse_object(b"[1]", "key_name").unwrap_err();
        assert_eq!(not_obj.status, 400);
        assert!(matches!(not_obj.body, ReplyBody::Error { ref message, .. } if message.contains("key_name")));
    }
}
