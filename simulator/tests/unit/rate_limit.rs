//! Unit tests of the simulator's `rate_limit` module, compiled as its child `tests` module.

use super::*;

#[test]
fn paces_the_account_and_bursts_per_route() {
    let start = Instant::now();
    // 60/min: one per second, one at once.
    let mut limiter = RateLimiter::new(Limits {
        per_minute: 60.0,
        per_route_per_second: 2.0,
        org_keys_per_second: 1.0,
    });
    assert_eq!(limiter.admit("u", "GET /a", start), Ok(()));
    let wait = limiter.admit("u", "GET /b", start).unwrap_err();
    assert!(
        wait > Duration::from_millis(990) && wait <= Duration::from_secs(1),
        "{wait:?}"
    );
    assert_eq!(limiter.admit("other", "GET /a", start), Ok(()), "accounts are apart");
    assert_eq!(limiter.admit("u", "GET /b", start + Duration::from_secs(1)), Ok(()));
    assert_eq!(limiter.throttled(), 1);

    // The route's burst: two at once, then 429 although the account has room.
    let mut limiter2 = RateLimiter::new(Limits {
        per_minute: 6000.0,
        per_route_per_second: 2.0,
        org_keys_per_second: 1.0,
    });
    assert!(limiter2.admit("u", "GET /x", start).is_ok());
    assert!(limiter2.admit("u", "GET /x", start).is_ok());
    assert!(limiter2.admit("u", "GET /x", start).is_err());
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
    let mut admitted = 0;
    // Knocking every 10 ms for a minute: about 11.7 per second get through, 700 at most.
    for i in 0..6000 {
        let route = format!("GET /r{}", i % 50);
        if limiter
            .admit("u", &route, start + Duration::from_millis(10 * i))
            .is_ok()
        {
            admitted += 1;
        }
    }
    assert!((690..=700).contains(&admitted), "{admitted}");
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
}
