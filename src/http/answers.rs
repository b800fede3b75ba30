//! What the API's answers mean: 2xx bodies decoded field by field, error bodies read into
//! [`ApiError`], and the note on a write whose answer was lost.

use crate::error::{ApiError, Error, Result};
use crate::http::transport::{HttpResponse, Method};
use crate::json::de::text::{from_text, Refused};
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

/// A 2xx body as text (JSON is UTF-8), to be checked as its type with
/// [`crate::json::de::text::from_text`].
#[inline(never)]
pub(crate) fn body_text<'a>(
    status: u16,
    body: &'a [u8],
    request_id: &str,
    attempts: u32,
    method: Method,
) -> Result<&'a str> {
    std::str::from_utf8(body).map_err(|_| {
        let refused = Refused::NotJson("the body is not UTF-8 text".into());
        refusal(status, request_id, attempts, method, refused)
    })
}

/// The error for a 2xx body that is not the JSON the call expects: an answer not of its type names
/// the field at fault (never its value).
#[cold]
#[inline(never)]
pub(crate) fn refusal(status: u16, request_id: &str, attempts: u32, method: Method, refused: Refused) -> Error {
    let detail = match refused {
        Refused::NotJson(detail) => detail,
        Refused::Data(e) => match e.path() {
            Some(path) => format!("Data error at `{path}`: {}", e.message()),
            None => format!("Data error: {}", e.message()),
        },
    };
    outcome_unknown(method, invalid_response(status, request_id, attempts, detail))
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
    let parsed: Option<ErrorBody> = std::str::from_utf8(&response.body)
        .ok()
        .and_then(|text| from_text(text).ok());
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
