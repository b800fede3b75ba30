//! When a failed attempt may be tried again, and how long to wait first.

use crate::http::transport::Method;
use std::time::Duration;

/// First backoff step.
const BASE_DELAY: Duration = Duration::from_millis(500);
/// Longest backoff step and longest `Retry-After` honoured.
pub const MAX_DELAY: Duration = Duration::from_secs(60);
/// Cap of the exponential part.
const BACKOFF_CAP: Duration = Duration::from_secs(8);

/// What an attempt ended with, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered with this status.
    Status(u16),
    /// No answer (refused, reset, timeout): the request may or may not have been processed.
    NoAnswer,
}

/// Whether an attempt may be repeated. GET is retried on lost answers and transient statuses
/// (and on 423, which the Neon spec calls safe for every request); writes only on the statuses the
/// spec calls always safe to retry (423, 429, 503), never after a lost answer, because the first
/// attempt may have been applied.
pub fn may_retry(method: &Method, outcome: Outcome) -> bool {
    let idempotent = *method == Method::GET;
    match outcome {
        Outcome::NoAnswer => idempotent,
        Outcome::Status(status) if idempotent => matches!(status, 408 | 423 | 429 | 500 | 502 | 503 | 504),
        Outcome::Status(status) => matches!(status, 423 | 429 | 503),
    }
}

/// What to do before the next attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Sleep this long, then try again.
    After(Duration),
    /// The server asks for a longer wait than this client accepts: stop now and report the
    /// status, rather than shorten the server's `Retry-After` or time out behind it.
    GiveUp,
}

/// The wait before retry number `retry` (0 for the first retry): exponential backoff with full
/// jitter, never shorter than the server's `Retry-After`.
pub fn wait(retry: u32, retry_after: Option<Duration>, random: f64) -> Wait {
    let exp = BASE_DELAY.saturating_mul(1u32 << retry.min(16)).min(BACKOFF_CAP);
    let jittered = exp.mul_f64(random.clamp(0.0, 1.0));
    match retry_after {
        Some(server) if server > MAX_DELAY => Wait::GiveUp,
        Some(server) => Wait::After(server.max(jittered)),
        None => Wait::After(jittered),
    }
}

/// How long the server asks to wait: `retry-after-ms` (milliseconds, which some proxies send)
/// when it is valid, else `Retry-After` (delay seconds, or an HTTP date compared with `now_ms`).
pub fn server_wait(retry_after_ms: Option<&str>, retry_after: Option<&str>, now_ms: f64) -> Option<Duration> {
    retry_after_ms
        .and_then(|ms| digits(ms.trim()))
        .map(Duration::from_millis)
        .or_else(|| retry_after.and_then(|v| parse_retry_after(v, now_ms)))
}

/// Parses `Retry-After`: delay seconds (RFC 9110: digits only), or an HTTP date (IMF-fixdate)
/// compared with `now_ms`. Anything else is `None`: the backoff alone decides.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<Duration> {
    let value = value.trim();
    if let Some(seconds) = digits(value) {
        return Some(Duration::from_secs(seconds));
    }
    let at_ms = http_date_ms(value)?;
    Some(Duration::from_millis((at_ms - now_ms).max(0.0) as u64))
}

/// A non-empty run of ASCII digits as a number (saturating: any huge value is "too long").
fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        text.bytes()
            .fold(0u64, |n, b| n.saturating_mul(10).saturating_add(u64::from(b - b'0'))),
    )
}

/// Milliseconds since the epoch of an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`.
pub(crate) fn http_date_ms(value: &str) -> Option<f64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as i64
        + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<i64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else { return None };
    if !(1..=31).contains(&day) || !(0..24).contains(h) || !(0..60).contains(m) || !(0..61).contains(s) {
        return None;
    }
    let days = crate::http::clock::days_from_civil(year, month, day);
    Some(((days * 86_400 + h * 3600 + m * 60 + s) * 1000) as f64)
}

#[cfg(test)]
#[path = "../../tests/unit/retry.rs"]
mod tests;
