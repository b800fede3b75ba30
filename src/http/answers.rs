//! What the API's answers mean: 2xx bodies decoded field by field, error bodies read into
//! [`ApiError`], and the note on a write whose answer was lost.

use crate::error::{ApiError, Error, Result};
use crate::http::transport::{HttpResponse, Method};
use crate::json::checked::Checked;
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
            let note = unknown_outcome(method);
            if !note.is_empty() {
                e.message.push_str(note);
                // The note is the advice: "try again later" would contradict it.
                e.hint = Some("");
            }
            Error::Api(e)
        }
        other => other,
    }
}

/// Where a Neon Auth call goes when the branch has Neon Auth off.
const AUTH_OFF: &str =
    "enable Neon Auth on this branch first: branchAuth(projectId, branch).enable(), or apply({ enabled: true })";
const AUTH_MAYBE_OFF: &str = "Neon Auth may be off on this branch: turn it on with branchAuth(projectId, branch).enable() or apply({ enabled: true }); else what this call names does not exist: check the ID";
const AUTH_ALREADY_OFF: &str = "Neon Auth is already off on this branch: there is nothing to disable";
const NO_API_PATH: &str = "the base URL does not end in /api/v2, where Neon serves its API: use https://console.neon.tech/api/v2, the default, unless a proxy serves the API at this path; else check the ID";
const NO_API_PATH_BODY: &str = "the base URL does not end in /api/v2, where Neon serves its API: use https://console.neon.tech/api/v2, the default, unless a proxy serves the API at this path";

/// The advice for an error answer to `method` `path` (below `base_url`) when the context says
/// more than the status: a 404 or a body that is not the API's JSON at a base URL without
/// `/api/v2` (explained, never refused: a proxy may serve the API at another path), and a 404 under
/// a branch's Neon Auth, which usually means Neon Auth is off there.
pub(crate) fn context_hint(e: &ApiError, method: Method, path: &str, base_url: &str) -> Option<&'static str> {
    let not_found = e.status == 404;
    if !not_found && e.code != "invalid_response" {
        return None;
    }
    if !serves_api_path(base_url) {
        return Some(if not_found { NO_API_PATH } else { NO_API_PATH_BODY });
    }
    let mut segments = path.split('/').skip(1);
    let under_auth =
        segments.next() == Some("projects") && segments.nth(1) == Some("branches") && segments.nth(1) == Some("auth");
    if !not_found || !under_auth {
        return None;
    }
    let message = e.message.to_ascii_lowercase();
    let disabling = method == Method::DELETE && segments.next().is_none();
    if message.contains("not enabled") {
        Some(if disabling { AUTH_ALREADY_OFF } else { AUTH_OFF })
    } else if message.contains("project not found") || message.contains("branch not found") {
        // The API named the project or branch as missing: the generic advice fits.
        None
    } else {
        Some(AUTH_MAYBE_OFF)
    }
}

/// Whether `base_url`'s path ends in `/api/v2`, where Neon serves its API.
fn serves_api_path(base_url: &str) -> bool {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    path.trim_end_matches('/').ends_with("/api/v2")
}

/// For a write whose answer was lost: it may have been applied, so it is not repeated blindly.
pub(crate) fn unknown_outcome(method: Method) -> &'static str {
    if method == Method::GET {
        ""
    } else {
        "; the request may or may not have been applied, so it was not retried: check its effect (list or get) before repeating it"
    }
}

/// A 2xx body parsed as JSON, not yet checked against its type.
pub(crate) struct Parsed {
    value: serde_json::Value,
    /// The body's own text, handed on as sent.
    raw: Box<str>,
    status: u16,
    request_id: String,
    attempts: u32,
    method: Method,
}

/// Parses a 2xx body as JSON. Not generic: only [`Parsed::decode`] is made once per result type
/// (a generic parse made one copy of this and of the send pipeline's tail per type, about 10 kB of
/// the wasm module).
pub(crate) fn parse_success(
    status: u16,
    body: &[u8],
    request_id: String,
    attempts: u32,
    method: Method,
) -> Result<Parsed> {
    let value = parse_body(body)
        .map_err(|detail| outcome_unknown(method, invalid_response(status, &request_id, attempts, detail)))?;
    Ok(Parsed {
        raw: raw_text(body, &value),
        value,
        status,
        request_id,
        attempts,
        method,
    })
}

impl Parsed {
    /// Checks the answer field by field as `T`, so that an answer that is not what the spec
    /// promises names the field at fault (never its value).
    pub(crate) fn decode<T: DeserializeOwned>(self) -> Result<Checked<T>> {
        match crate::json::de::from_value(&self.value) {
            Ok(typed) => Ok(Checked::new(typed, self.raw)),
            Err(e) => Err(self.data_error(e)),
        }
    }

    #[inline(never)]
    fn data_error(&self, e: crate::json::de::DeError) -> Error {
        outcome_unknown(self.method, data_error(self.status, &self.request_id, self.attempts, e))
    }
}

/// Decodes a list answer, which may be large (a 2,000-key list is half a megabyte). On the native
/// build it is checked as `T` straight from the text, with no tree of values in between, and the
/// text handed on as it came; the wasm build keeps to the one decoder, because the second decoder
/// this instantiates per type costs wasm size. An answer the fast path refuses goes through
/// [`Parsed::decode`], which names the field at fault (and accepts what a `Value` accepts, such as
/// a repeated key).
pub(crate) fn decode_list<T: DeserializeOwned>(
    status: u16,
    body: &[u8],
    request_id: String,
    attempts: u32,
    method: Method,
) -> Result<Checked<T>> {
    // `from_slice` read the whole body as JSON (the members it skipped too), so the text is kept as
    // it is; only its UTF-8 is left to check (skipped strings are not checked).
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(typed) = serde_json::from_slice::<T>(body) {
        if let Ok(text) = std::str::from_utf8(body) {
            return Ok(Checked::new(typed, text.trim().into()));
        }
    }
    parse_success(status, body, request_id, attempts, method)?.decode()
}

#[inline(never)]
fn data_error(status: u16, request_id: &str, attempts: u32, e: crate::json::de::DeError) -> Error {
    let detail = match e.path() {
        Some(path) => format!("Data error at `{path}`: {}", e.message()),
        None => format!("Data error: {}", e.message()),
    };
    invalid_response(status, request_id, attempts, detail)
}

/// The body's own text, handed on as sent (no second encoding; encoding `value` instead would
/// reorder its keys); `value` is that text parsed, so the text is one whole JSON value.
#[inline(never)]
fn raw_text(body: &[u8], value: &serde_json::Value) -> Box<str> {
    match std::str::from_utf8(body) {
        Ok(text) => text.trim().into(),
        Err(_) => crate::json::checked::to_raw(value),
    }
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
        hint: None,
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
        .and_then(|v| crate::json::de::from_value(&v).ok());
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
        hint: None,
    })
}
