//! When a failed attempt may be tried again, and how long to wait first.

use reqwest::Method;
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

/// Whether an attempt may be repeated. GET is retried on lost answers and transient statuses;
/// writes only on statuses the Neon spec calls always safe to retry (423, 429, 503), never after a
/// lost answer, because the first attempt may have been applied.
pub fn may_retry(method: &Method, outcome: Outcome) -> bool {
    let idempotent = *method == Method::GET || *method == Method::HEAD;
    match outcome {
        Outcome::NoAnswer => idempotent,
        Outcome::Status(status) if idempotent => matches!(status, 408 | 429 | 500 | 502 | 503 | 504),
        Outcome::Status(status) => matches!(status, 423 | 429 | 503),
    }
}

/// Delay before retry number `retry` (0 for the first retry): exponential backoff with full jitter,
/// never shorter than the server's `Retry-After` (which is capped at [`MAX_DELAY`]).
pub fn delay(retry: u32, retry_after: Option<Duration>, random: f64) -> Duration {
    let exp = BASE_DELAY.saturating_mul(1u32 << retry.min(16)).min(BACKOFF_CAP);
    let jittered = exp.mul_f64(random.clamp(0.0, 1.0));
    match retry_after {
        Some(server) => server.min(MAX_DELAY).max(jittered),
        None => jittered,
    }
}

/// Parses a `Retry-After` value given in seconds (HTTP dates are not used by the Neon API).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let seconds: f64 = value.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(MAX_DELAY.as_secs_f64())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_never_retried_after_a_lost_answer() {
        for m in [Method::POST, Method::PATCH, Method::PUT, Method::DELETE] {
            assert!(!may_retry(&m, Outcome::NoAnswer));
            assert!(!may_retry(&m, Outcome::Status(500)));
            assert!(!may_retry(&m, Outcome::Status(502)));
            assert!(may_retry(&m, Outcome::Status(423)));
            assert!(may_retry(&m, Outcome::Status(429)));
            assert!(may_retry(&m, Outcome::Status(503)));
        }
    }

    #[test]
    fn gets_are_retried_on_transient_failures_only() {
        assert!(may_retry(&Method::GET, Outcome::NoAnswer));
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(may_retry(&Method::GET, Outcome::Status(s)), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 422, 423] {
            assert!(!may_retry(&Method::GET, Outcome::Status(s)), "{s}");
        }
    }

    #[test]
    fn delay_grows_and_respects_retry_after() {
        assert_eq!(delay(0, None, 1.0), Duration::from_millis(500));
        assert_eq!(delay(2, None, 1.0), Duration::from_secs(2));
        assert_eq!(delay(10, None, 1.0), BACKOFF_CAP);
        assert_eq!(delay(3, None, 0.0), Duration::ZERO);
        assert_eq!(delay(0, Some(Duration::from_secs(3)), 0.5), Duration::from_secs(3));
        assert_eq!(delay(0, Some(Duration::from_secs(3600)), 0.5), MAX_DELAY);
        assert_eq!(parse_retry_after(" 2 "), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("soon"), None);
    }
}
