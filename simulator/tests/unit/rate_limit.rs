//! Unit tests of the simulator's `rate_limit` module, compiled as its child `tests` module.

use super::*;

#[test]
fn bursts_within_the_limits_pass_and_the_next_one_waits() {
    let start = Instant::now();
    // 60 in any minute, bursts allowed: all 60 at once, then the 61st waits the minute out.
    let mut limiter = RateLimiter::new(Limits {
        per_minute: 60.0,
        per_route_per_second: 100.0,
        org_keys_per_second: 1.0,
    });
    for i in 0..60 {
        assert_eq!(limiter.admit("u", &format!("GET /r{i}"), start), Ok(()));
    }
    let wait = limiter
        .admit("u", "GET /b", start + Duration::from_secs(59))
        .unwrap_err();
    assert_eq!(wait, Duration::from_secs(1));
    assert_eq!(limiter.admit("other", "GET /a", start), Ok(()), "accounts are apart");
    assert_eq!(limiter.admit("u", "GET /b", start + Duration::from_secs(60)), Ok(()));
    assert_eq!(limiter.throttled(), 1);

    // The route: two in any second, then 429 although the account has room.
    let mut limiter2 = RateLimiter::new(Limits {
        per_minute: 6000.0,
        per_route_per_second: 2.0,
        org_keys_per_second: 1.0,
    });
    assert!(limiter2.admit("u", "GET /x", start).is_ok());
    assert!(limiter2
        .admit("u", "GET /x", start + Duration::from_millis(500))
        .is_ok());
    let wait = limiter2
        .admit("u", "GET /x", start + Duration::from_millis(900))
        .unwrap_err();
    assert_eq!(wait, Duration::from_millis(100), "until the first is a second old");
    assert!(limiter2.admit("u", "GET /x", start + Duration::from_secs(1)).is_ok());
    assert!(limiter2.admit("u", "GET /y", start).is_ok());
    // Organization keys: one per second here, whatever the route allows.
    assert!(limiter2.admit("u", "POST /organizations/{}/api_keys", start).is_ok());
    assert!(limiter2.admit("u", "POST /organizations/{}/api_keys", start).is_err());
    assert_eq!(limiter2.throttled(), 2);
}

#[test]
fn no_minute_holds_more_than_the_limit() {
    let start = Instant::now();
    let mut limiter = RateLimiter::new(Limits::neon(1.0));
    let mut admitted = Vec::new();
    // Knocking every 10 ms for two minutes over 50 routes: 700 in the first instants' worth of
    // route room, then nothing until the minute has passed.
    for i in 0..12_000u64 {
        let at = start + Duration::from_millis(10 * i);
        if limiter.admit("u", &format!("GET /r{}", i % 50), at).is_ok() {
            admitted.push(at);
        }
    }
    assert_eq!(admitted.len(), 1400);
    for (i, &t) in admitted.iter().enumerate().skip(700) {
        assert!(t.duration_since(admitted[i - 700]) >= Duration::from_secs(60));
    }
}

#[test]
fn templates() {
    assert_eq!(
        route_of("GET", &["projects", "p", "branches", "b", "auth", "domains"]),
        "GET /projects/{}/branches/{}/auth/domains"
    );
    assert_eq!(
        route_of("POST", &["organizations", "o", "api_keys"]),
        "POST /organizations/{}/api_keys"
    );
    assert_eq!(
        route_of(
            "POST",
            &["projects", "p", "branches", "b", "credentials", "nak_live_0", "rotate"]
        ),
        "POST /projects/{}/branches/{}/credentials/{}/rotate"
    );
    assert_eq!(
        route_of("GET", &["projects", "p", "branches", "b", "credentials"]),
        "GET /projects/{}/branches/{}/credentials"
    );
}
