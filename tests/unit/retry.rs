//! Unit tests of `crate::http::retry` (a private module), compiled as its child `tests` module.

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
    for s in [408, 423, 429, 500, 502, 503, 504] {
        assert!(may_retry(&Method::GET, Outcome::Status(s)), "{s}");
    }
    for s in [400, 401, 403, 404, 409, 422, 501] {
        assert!(!may_retry(&Method::GET, Outcome::Status(s)), "{s}");
    }
}

#[test]
fn wait_grows_and_never_shortens_retry_after() {
    assert_eq!(wait(0, None, 1.0), Wait::After(Duration::from_millis(500)));
    assert_eq!(wait(2, None, 1.0), Wait::After(Duration::from_secs(2)));
    assert_eq!(wait(10, None, 1.0), Wait::After(BACKOFF_CAP));
    assert_eq!(wait(3, None, 0.0), Wait::After(Duration::ZERO));
    assert_eq!(
        wait(0, Some(Duration::from_secs(3)), 0.5),
        Wait::After(Duration::from_secs(3))
    );
    assert_eq!(wait(0, Some(Duration::from_secs(3600)), 0.5), Wait::GiveUp);
    assert_eq!(wait(0, Some(MAX_DELAY), 0.5), Wait::After(MAX_DELAY));
}

#[test]
fn retry_after_in_seconds_or_as_a_date() {
    assert_eq!(parse_retry_after(" 2 ", 0.0), Some(Duration::from_secs(2)));
    assert_eq!(parse_retry_after("0", 0.0), Some(Duration::ZERO));
    for not_seconds in ["-1", "soon", "1.5", "+2", "1e3", "", "inf", "٣"] {
        assert_eq!(parse_retry_after(not_seconds, 0.0), None, "{not_seconds:?}");
    }
    assert!(parse_retry_after("99999999999999999999999", 0.0).unwrap() > MAX_DELAY);
    assert_eq!(
        server_wait(Some("1500"), Some("9"), 0.0),
        Some(Duration::from_millis(1500))
    );
    assert_eq!(
        server_wait(Some("1.5"), Some("9"), 0.0),
        Some(Duration::from_secs(9)),
        "invalid ms falls back"
    );
    assert_eq!(server_wait(None, Some("9"), 0.0), Some(Duration::from_secs(9)));
    assert_eq!(server_wait(None, None, 0.0), None);
    // 1994-11-06T08:49:37Z is 784111777 s after the epoch.
    let at = 784_111_777_000.0;
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at - 5000.0),
        Some(Duration::from_secs(5))
    );
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at + 5000.0),
        Some(Duration::ZERO)
    );
    assert_eq!(http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
    assert_eq!(http_date_ms("Tue, 29 Feb 2028 12:00:00 GMT"), Some(1_835_438_400_000.0));
    assert_eq!(http_date_ms("Sunday, 06-Nov-94 08:49:37 GMT"), None);
}
