//! The debug log's lines: one per attempt, made by the request pipeline and handed to the
//! transport's logger (`NEON_ADMIN_LOG=debug` or the `logger` option in JavaScript).
//!
//! A line holds only what the pipeline itself chose or measured: method, the path with its query
//! values left out (a search may be an e-mail address), the attempt number, the status or the kind
//! of failure, milliseconds, this client's request ID and the retry decision. Never a header, a
//! body, a server message or a query value, so no key, token or e-mail address can reach it.

use crate::http::transport::Method;
use std::fmt::Write;
use std::time::Duration;

/// How one attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The server answered with this status.
    Status(u16),
    /// The server answered with this status and a body larger than allowed.
    TooLarge(u16),
    /// No answer within the attempt's timeout.
    Timeout,
    /// No answer: refused, reset, DNS failure, or the body broke off.
    Lost,
    /// The caller aborted the call.
    Aborted,
}

/// What the pipeline does after the attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The call succeeded, or ended for a reason no retry could change.
    Done,
    /// The failure is not one this request may be retried on.
    Final,
    /// The attempts allowed (`maxRetries` + 1) are used up.
    RetriesUsed,
    /// Retry after this wait; the server's `Retry-After` when it sent one.
    Retry(Duration, Option<Duration>),
    /// The server's `Retry-After` is longer than this client waits.
    GiveUp(Duration),
}

/// One attempt, as the pipeline saw it.
pub struct Attempt<'a> {
    pub method: Method,
    pub path: &'a str,
    pub number: u32,
    pub allowed: u32,
    pub answer: Answer,
    pub millis: u64,
    pub request_id: &'a str,
    pub decision: Decision,
}

/// Whole milliseconds as `u64`: formatting `Duration::as_millis`'s `u128` would bring 128-bit
/// formatting and division into the wasm module (about 2 kB) for delays that never need it.
fn ms(duration: Duration) -> u64 {
    duration
        .as_secs()
        .saturating_mul(1000)
        .saturating_add(duration.subsec_millis().into())
}

/// The line for a request that waited for the rate budget, e.g.
/// `neon-admin: rate budget: GET /projects/{}/branches waited 90 ms`. The route is a template, so
/// it names no ID.
pub fn rate_wait(route: &str, waited: Duration) -> String {
    format!("neon-admin: rate budget: {route} waited {} ms", ms(waited))
}

/// The line for a 429 that holds its route and slows the account for a while.
pub fn rate_held(route: &str, retry_after: Option<Duration>) -> String {
    let hold = match retry_after {
        Some(after) => format!("for its Retry-After of {} ms", ms(after)),
        None => "for a while".to_string(),
    };
    format!("neon-admin: rate budget: 429 on {route}: holding the route {hold} and slowing the account")
}

/// The log line of one attempt, e.g.
/// `neon-admin: GET /projects?limit=…&search=… attempt 1/3: 503 in 12 ms, request 5f0c…; retrying in 500 ms`.
pub fn line(a: &Attempt<'_>) -> String {
    let mut out = format!(
        "neon-admin: {} {} attempt {}/{}: ",
        a.method.as_str(),
        path_without_query_values(a.path),
        a.number,
        a.allowed
    );
    let _ = match a.answer {
        Answer::Status(status) => write!(out, "{status}"),
        Answer::TooLarge(status) => write!(out, "{status} with a body over the size limit"),
        Answer::Timeout => write!(out, "no answer (timeout)"),
        Answer::Lost => write!(out, "no answer (connection failed or broke off)"),
        Answer::Aborted => write!(out, "aborted by the caller"),
    };
    let _ = write!(out, " in {} ms, request {}", a.millis, a.request_id);
    let _ = match a.decision {
        Decision::Done => Ok(()),
        Decision::Final if a.method != Method::GET && matches!(a.answer, Answer::Timeout | Answer::Lost) => {
            write!(
                out,
                "; not retried: a write whose answer was lost may have been applied"
            )
        }
        Decision::Final => write!(out, "; not retried: not a transient failure for {}", a.method.as_str()),
        Decision::RetriesUsed => write!(out, "; not retried: all {} attempts used", a.allowed),
        Decision::Retry(wait, None) => write!(out, "; retrying in {} ms", ms(wait)),
        Decision::Retry(wait, Some(server)) => write!(
            out,
            "; rate limited or busy: Retry-After {} ms, retrying in {} ms",
            ms(server),
            ms(wait)
        ),
        Decision::GiveUp(server) => write!(
            out,
            "; not retried: Retry-After {} ms is longer than the {} ms this client waits",
            ms(server),
            ms(crate::http::retry::MAX_DELAY)
        ),
    };
    out
}

/// The path with every query value replaced by `…` (names kept).
fn path_without_query_values(path: &str) -> String {
    let Some((base, query)) = path.split_once('?') else {
        return path.to_string();
    };
    let names: Vec<String> = query
        .split('&')
        .map(|pair| format!("{}=…", pair.split('=').next().unwrap_or_default()))
        .collect();
    format!("{base}?{}", names.join("&"))
}

#[cfg(test)]
#[path = "../../tests/unit/debug_log.rs"]
mod tests;
