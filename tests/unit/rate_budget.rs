//! The budget on a fake clock: bursts within the limits go at once, windows are never
//! overfilled, route and account limits bind together, a 429 holds its route back, and through
//! the pipeline an abort while waiting sends nothing and `rate_limit: None` sends at once.

use super::*;
use crate::credentials::CredentialSource;
use crate::http::client::{Client, ClientOptions};
use crate::http::transport::{BoxFuture, HttpRequest, HttpResponse};
use crate::secret::Secret;
use std::collections::HashMap;
use std::sync::Arc;

const SECOND: u64 = 1_000_000;
/// A minute's window as the budget keeps it: a quarter second longer than the limit's.
const MINUTE: u64 = 60 * SECOND + SECOND / 4;

/// The largest number of `times` (µs) in any half-open window of length `window`.
fn most_in_window(times: &[u64], window: u64) -> usize {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    let (mut most, mut end) = (0, 0);
    for (start, &t) in sorted.iter().enumerate() {
        while end < sorted.len() && sorted[end] < t + window {
            end += 1;
        }
        most = most.max(end - start);
    }
    most
}

fn limits(per_minute: u32, per_route_per_second: u32) -> RateLimits {
    RateLimits {
        per_minute,
        per_route_per_second,
    }
}

/// When a request that arrives at `now` on `route` is sent: it asks at once, then again at each
/// time the budget names, as [`RateBudget::wait`] does on a real clock.
fn send_at(budget: &RateBudget, now: u64, route: &str) -> u64 {
    let mut at = now;
    loop {
        match budget.take(at, route) {
            Ok(()) => return at,
            Err(next) => {
                assert!(next > at, "the budget names a later time");
                at = next;
            }
        }
    }
}

/// Sends `count` requests arriving at `now` over `routes` in turn, one after another (each
/// waits for the one before it); their send times.
fn burst(budget: &RateBudget, now: u64, count: usize, routes: &[String]) -> Vec<u64> {
    let mut at = now;
    (0..count)
        .map(|i| {
            at = send_at(budget, at, &routes[i % routes.len()]);
            at
        })
        .collect()
}

fn routes(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("GET /r{i}")).collect()
}

#[test]
fn no_window_ever_holds_more_than_the_limits() {
    for (per_minute, per_route) in [(700, 40), (120, 5), (7000, 400), (61, 1)] {
        let budget = RateBudget::new(limits(per_minute, per_route));
        let routes = ["GET /a", "GET /b", "POST /a", "GET /c"];
        let mut all = Vec::new();
        let mut by_route: HashMap<&str, Vec<u64>> = HashMap::new();
        let mut now = 0;
        for i in 0..(3 * per_minute as usize) {
            // Callers arrive in clumps: ten at once, then a pause of a quarter second.
            if i % 10 == 0 {
                now += SECOND / 4;
            }
            let route = routes[i % routes.len()];
            let at = send_at(&budget, now, route);
            assert!(at >= now);
            now = at;
            all.push(at);
            by_route.entry(route).or_default().push(at);
        }
        assert!(
            most_in_window(&all, 60 * SECOND) <= per_minute as usize,
            "{per_minute}/min"
        );
        for times in by_route.values() {
            assert!(
                most_in_window(times, SECOND) <= per_route as usize,
                "{per_route}/s per route"
            );
        }
    }
}

#[test]
fn a_burst_within_the_limits_is_sent_at_once() {
    // Neon's limits: 40 at once on one route, and 700 in a minute over many routes.
    let budget = RateBudget::new(RateLimits::default());
    let one_route = burst(&budget, 0, 40, &routes(1));
    assert!(one_route.iter().all(|&t| t == 0), "{one_route:?}");
    let budget = RateBudget::new(RateLimits::default());
    let three_routes = burst(&budget, 0, 30, &routes(3));
    assert!(three_routes.iter().all(|&t| t == 0), "{three_routes:?}");
    let budget = RateBudget::new(RateLimits::default());
    let minute = burst(&budget, 0, 700, &routes(20));
    assert!(minute.iter().all(|&t| t == 0), "the minute's budget at once");
    // The next one waits for the first to leave the minute (a quarter second in hand).
    assert_eq!(send_at(&budget, 0, "GET /r0"), MINUTE);
}

#[test]
fn the_window_keeps_five_percent_in_hand_at_most_a_quarter_second() {
    // 40 on one route, then the 41st once the first is 1.05 s old, the 81st at 2.1 s.
    let budget = RateBudget::new(limits(100_000, 40));
    let times = burst(&budget, 0, 81, &routes(1));
    assert_eq!(times[39], 0);
    assert_eq!(times[40], SECOND * 105 / 100);
    assert_eq!(times[80], 2 * SECOND * 105 / 100);
    assert!(most_in_window(&times, SECOND * 105 / 100) <= 40);
}

#[test]
fn route_and_account_limits_apply_together() {
    // One route alone may do 5 in any second: 50 requests end after 9 windows.
    let budget = RateBudget::new(limits(6000, 5));
    let last = *burst(&budget, 0, 50, &routes(1)).last().unwrap();
    assert_eq!(last, 9 * SECOND * 105 / 100, "one route is held to 5/s");
    // Spread over many routes, the account's 6000 in a minute binds: the first 6000 go at once,
    // the rest once the minute has passed.
    let budget = RateBudget::new(limits(6000, 5));
    let times = burst(&budget, 0, 6500, &routes(2000));
    assert_eq!(times[5999], 0);
    assert_eq!(times[6000], MINUTE);
    assert!(most_in_window(&times, 60 * SECOND) <= 6000);
}

#[test]
fn organization_key_creation_has_its_own_ten_per_second() {
    let budget = RateBudget::new(limits(600_000, 1000));
    let route = route_of(Method::POST, "/organizations/org-1/api_keys");
    assert_eq!(route, "POST /organizations/{}/api_keys");
    let times = burst(&budget, 0, 30, std::slice::from_ref(&route));
    assert_eq!(most_in_window(&times, SECOND), 10);
    assert_eq!(times[10], SECOND * 105 / 100);
    // Listing them is another route, on the route and account limits only.
    let budget = RateBudget::new(limits(600_000, 1000));
    let times = burst(&budget, 0, 30, &["GET /organizations/{}/api_keys".to_string()]);
    assert!(times.iter().all(|&t| t == 0), "{times:?}");
}

#[test]
fn routes_are_templates() {
    assert_eq!(
        route_of(Method::GET, "/projects/p-1/branches?limit=10&cursor=x"),
        "GET /projects/{}/branches"
    );
    assert_eq!(
        route_of(Method::DELETE, "/projects/p/branches/br-1/auth/oauth_providers/google"),
        "DELETE /projects/{}/branches/{}/auth/oauth_providers/{}"
    );
    assert_eq!(
        route_of(Method::PATCH, "/projects/p/branches/b/auth/plugins/organization"),
        "PATCH /projects/{}/branches/{}/auth/plugins/organization"
    );
    assert_eq!(route_of(Method::DELETE, "/api_keys/42"), "DELETE /api_keys/{}");
}

#[test]
fn a_429_holds_its_route_and_slows_the_account() {
    let budget = RateBudget::new(limits(6000, 40));
    budget.penalize(0, "GET /a", Some(Duration::from_secs(2)));
    assert_eq!(send_at(&budget, 0, "GET /a"), 2 * SECOND);
    assert_eq!(send_at(&budget, 0, "GET /b"), 0, "another route is not held");
    budget.penalize(0, "GET /c", Some(Duration::from_secs(3600)));
    assert_eq!(
        send_at(&budget, 0, "GET /c"),
        60 * SECOND,
        "a route is held a minute at most"
    );
    // For ten seconds each request counts twice: 3000 of the 6000 fit in the minute, not 6000.
    let budget = RateBudget::new(limits(6000, 10_000));
    budget.penalize(0, "GET /x", None);
    let times = burst(&budget, 0, 3001, &routes(1000));
    assert_eq!(times[2999], 0);
    assert_eq!(times[3000], MINUTE);
}

/// A transport on a fake clock: sleeping moves the clock, sends answer 200 at once.
#[derive(Debug, Default)]
struct FakeClock {
    now_ms: Mutex<f64>,
    sent: Mutex<Vec<f64>>,
    sleeps: Mutex<u32>,
    /// The caller's signal fires while the call is waiting.
    abort_in_sleep: bool,
}

impl Transport for FakeClock {
    fn send(&self, _: HttpRequest) -> BoxFuture<'_, std::result::Result<HttpResponse, TransportError>> {
        let now = *self.now_ms.lock().unwrap();
        self.sent.lock().unwrap().push(now);
        Box::pin(async {
            Ok(HttpResponse {
                status: 204,
                retry_after: None,
                retry_after_ms: None,
                request_id: None,
                date: None,
                body: Vec::new(),
            })
        })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, std::result::Result<(), TransportError>> {
        *self.sleeps.lock().unwrap() += 1;
        if self.abort_in_sleep {
            return Box::pin(async { Err(TransportError::Aborted) });
        }
        *self.now_ms.lock().unwrap() += duration.as_secs_f64() * 1000.0;
        Box::pin(async { Ok(()) })
    }

    fn now_ms(&self) -> f64 {
        *self.now_ms.lock().unwrap()
    }
}

fn client(transport: Arc<FakeClock>, rate_limit: Option<RateLimits>) -> Client {
    let options = ClientOptions {
        rate_limit,
        ..ClientOptions::default()
    };
    Client::new(Secret::new("napi_fake"), CredentialSource::Option, &options, transport).unwrap()
}

#[tokio::test]
async fn an_abort_while_waiting_rejects_and_sends_nothing() {
    let clock = Arc::new(FakeClock {
        abort_in_sleep: true,
        ..FakeClock::default()
    });
    let neon = client(clock.clone(), Some(limits(1, 40)));
    neon.send_empty(crate::resources::account::WHOAMI.to("", &[]))
        .await
        .unwrap();
    let error = neon
        .send_empty(crate::resources::account::WHOAMI.to("", &[]))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Aborted(ref e) if e.attempts == 0), "{error:?}");
    assert_eq!(clock.sent.lock().unwrap().len(), 1, "the waiting call sent nothing");
    assert_eq!(*clock.sleeps.lock().unwrap(), 1);
}

#[tokio::test]
async fn every_request_waits_its_turn_and_rate_limit_none_sends_at_once() {
    let paced = Arc::new(FakeClock::default());
    let neon = client(paced.clone(), Some(limits(5, 10_000)));
    for _ in 0..10 {
        neon.send_empty(crate::resources::account::WHOAMI.to("", &[]))
            .await
            .unwrap();
    }
    let sent = paced.sent.lock().unwrap().clone();
    // Five at once (the minute's budget); the sixth waits until they are 60.25 s old, and the rest
    // go with it, the first five having left the window.
    assert!(sent[..5].iter().all(|&t| t == 0.0), "{sent:?}");
    assert_eq!(sent[5], 60_250.0, "{sent:?}");
    assert_eq!(sent[9], 60_250.0, "{sent:?}");
    let (requests, waited) = neon.usage();
    assert_eq!(requests, 10);
    assert_eq!(waited, Duration::from_millis(60_250), "only the sixth waited");

    let free = Arc::new(FakeClock::default());
    let neon = client(free.clone(), None);
    for _ in 0..100 {
        neon.send_empty(crate::resources::account::WHOAMI.to("", &[]))
            .await
            .unwrap();
    }
    assert_eq!(free.sent.lock().unwrap().len(), 100);
    assert_eq!(*free.sleeps.lock().unwrap(), 0);
    assert_eq!(free.now_ms(), 0.0);
}
