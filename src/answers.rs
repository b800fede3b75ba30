//! What the API's answers mean: 2xx bodies decoded field by field, error bodies read into
//! [`ApiError`], and the note on a write whose answer was lost.

use crate::checked::Checked;
use crate::error::{ApiError, Error, Result};
use crate::transport::{HttpResponse, Method};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::time::Duration;

/// The API's error body (`GeneralError`).
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    request_id: Option<String>,
}

/// `error` of a write whose answer was lost (a 5xx, a body that is not the expected JSON), saying
/// that the write may have been applied.
pub(crate) fn outcome_unknown(method: Method, error: Error) -> Error {
    match error {
        Error::Api(mut e) => {
            e.message.push_str(unknown_outcome(method));
            Error::Api(e)
        }
        other => other,
    }
}

/// For a write whose answer was lost: it may have been applied, so it is not repeated blindly.
pub(crate) fn unknown_outcome(method: Method) -> &'static str {
    if method == Method::GET {
        ""
    } else {
        "; the request may or may not have been applied, so it was not retried: check its effect (list or get) before repeating it"
    }
}

/// Decodes a 2xx body into `T`: parsed as JSON once, then checked field by field, so that an
/// answer that is not what the spec promises names the field at fault (never its value).
pub(crate) fn decode_success<T: DeserializeOwned>(
    status: u16,
    body: &[u8],
    request_id: &str,
    attempts: u32,
) -> Result<Checked<T>> {
    // Only the decoding itself is generic; the errors are made once, out of line.
    let value = parse_body(body).map_err(|detail| invalid_response(status, request_id, attempts, detail))?;
    let typed = crate::de::from_value(&value).map_err(|e| data_error(status, request_id, attempts, e))?;
    Ok(Checked::new(typed, value))
}

#[inline(never)]
fn data_error(status: u16, request_id: &str, attempts: u32, e: crate::de::DeError) -> Error {
    let detail = match e.path() {
        Some(path) => format!("Data error at `{path}`: {}", e.message()),
        None => format!("Data error: {}", e.message()),
    };
    invalid_response(status, request_id, attempts, detail)
}

fn parse_body(body: &[u8]) -> std::result::Result<serde_json::Value, String> {
    serde_json::from_slice(body)
        .map_err(|e| format!("{:?} error at line {} column {}", e.classify(), e.line(), e.column()))
}

#[inline(never)]
fn invalid_response(status: u16, request_id: &str, attempts: u32, detail: String) -> Error {
    Error::Api(ApiError {
        status,
        code: "invalid_response".into(),
        message: format!("the response body is not the JSON this call expects ({detail})"),
        request_id: request_id.to_string(),
        attempts,
        retry_after_ms: None,
    })
}

pub(crate) fn decode_failure(
    response: &HttpResponse,
    request_id: &str,
    attempts: u32,
    retry_after: Option<Duration>,
) -> Error {
    let status = response.status;
    let parsed: Option<ErrorBody> = parse_body(&response.body)
        .ok()
        .and_then(|v| crate::de::from_value(&v).ok());
    let (code, message, body_id) = match parsed {
        Some(b) => (b.code, b.message, b.request_id),
        None => (String::new(), String::new(), None),
    };
    let message = if (300..400).contains(&status) {
        format!("HTTP {status} redirect, which is not followed: check baseUrl")
    } else if message.is_empty() {
        format!("HTTP {status} with no error message")
    } else {
        message.chars().take(500).collect()
    };
    Error::Api(ApiError {
        status,
        code: code.chars().take(100).collect(),
        message,
        request_id: body_id
            .or_else(|| response.request_id.clone())
            .unwrap_or_else(|| request_id.to_string()),
        attempts,
        retry_after_ms: retry_after.map(|d| d.as_millis() as u64),
    })
}
