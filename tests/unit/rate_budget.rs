//! The budget on a fake clock: windows are never overfilled, route and account limits bind
//! together, a 429 holds its route back, and through the pipeline an abort while waiting sends
//! nothing and `rate_limit: None` sends at once.

use super::*;
use crate::client::{Client, ClientOptions};
use crate::credentials::CredentialSource;
use crate::secret::Secret;
use crate::transport::{BoxFuture, HttpRequest, HttpResponse};
use std::collections::HashMap;
use std::sync::Arc;

const SECOND: u64 = 1_000_000;

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
            let at = budget.reserve(now, route);
            assert!(at >= now);
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
        // Evenly: about a sixtieth of the minute's budget in any second, never a burst of it.
        assert!(most_in_window(&all, SECOND) <= 2 * (per_minute as usize).div_ceil(60));
    }
}

#[test]
fn the_schedule_keeps_five_percent_in_hand() {
    // 600/min: 10 at once, then one every 60 s × 1.05 / 591, so no minute holds more than 95%
    // of the limit once the first second's burst is spent.
    let budget = RateBudget::new(limits(600, 1000));
    let routes: Vec<String> = (0..40).map(|i| format!("GET /r{i}")).collect();
    let times: Vec<u64> = (0..1210).map(|i| budget.reserve(0, &routes[i % 40])).collect();
    let last = *times.last().unwrap();
    assert!((63 * SECOND..64 * SECOND).contains(&(last - times[610])), "{last}");
    let steady = &times[10..];
    assert!(
        most_in_window(steady, 60 * SECOND) <= 570,
        "{}",
        most_in_window(steady, 60 * SECOND)
    );
}

#[test]
fn route_and_account_limits_apply_together() {
    // 6000/min is 100/s for the account; one route alone may do 5/s.
    let budget = RateBudget::new(limits(6000, 5));
    let last = (0..50).map(|_| budget.reserve(0, "GET /one")).max().unwrap();
    assert!(last >= 9 * SECOND, "one route is held to 5/s: {last}");
    // Spread over many routes, the account's 100/s binds: 1000 more requests take about 10 s.
    let budget = RateBudget::new(limits(6000, 5));
    let routes: Vec<String> = (0..400).map(|i| format!("GET /r{i}")).collect();
    let last = (0..1000).map(|i| budget.reserve(0, &routes[i % 400])).max().unwrap();
    assert!((9 * SECOND..11 * SECOND).contains(&last), "{last}");
}

#[test]
fn organization_key_creation_has_its_own_ten_per_second() {
    let budget = RateBudget::new(limits(600_000, 1000));
    let route = route_of(Method::POST, "/organizations/org-1/api_keys");
    assert_eq!(route, "POST /organizations/{}/api_keys");
    let times: Vec<u64> = (0..30).map(|_| budget.reserve(0, &route)).collect();
    assert_eq!(most_in_window(&times, SECOND), 10);
    // Listing them is another route, on the route and account paces only.
    let budget = RateBudget::new(limits(600_000, 1000));
    let times: Vec<u64> = (0..30)
        .map(|_| budget.reserve(0, "GET /organizations/{}/api_keys"))
        .collect();
    assert!(times.iter().all(|&t| t < SECOND / 10), "{times:?}");
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
    assert!(budget.reserve(0, "GET /a") >= 2 * SECOND);
    assert!(budget.reserve(0, "GET /b") < 2 * SECOND, "another route is not held");
    budget.penalize(0, "GET /c", Some(Duration::from_secs(3600)));
    assert_eq!(
        budget.reserve(0, "GET /c"),
        60 * SECOND,
        "a route is held a minute at most"
    );
    // The account now runs at half its 100/s: 200 requests take about 4 s, not 2.
    let budget = RateBudget::new(limits(6000, 10_000));
    budget.penalize(0, "GET /x", None);
    let last = (0..200).map(|i| budget.reserve(0, &format!("GET /{i}"))).max().unwrap();
    assert!(last >= 3 * SECOND, "{last}");
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
    let neon = client(clock.clone(), Some(limits(60, 40)));
    neon.send_empty(crate::account::WHOAMI.to("", &[])).await.unwrap();
    let error = neon.send_empty(crate::account::WHOAMI.to("", &[])).await.unwrap_err();
    assert!(matches!(error, Error::Aborted(ref e) if e.attempts == 0), "{error:?}");
    assert_eq!(clock.sent.lock().unwrap().len(), 1, "the waiting call sent nothing");
    assert_eq!(*clock.sleeps.lock().unwrap(), 1);
}

#[tokio::test]
async fn every_request_waits_its_turn_and_rate_limit_none_sends_at_once() {
    let paced = Arc::new(FakeClock::default());
    let neon = client(paced.clone(), Some(limits(120, 10_000)));
    for _ in 0..10 {
        neon.send_empty(crate::account::WHOAMI.to("", &[])).await.unwrap();
    }
    let sent = paced.sent.lock().unwrap().clone();
    // Two at once (one second's worth; the route spaces them by about 0.1 ms), then one every
    // 60/119 s and 5% more.
    assert!(sent[1] <= 0.2 && sent[2] >= 1.05 * 60_000.0 / 119.0, "{sent:?}");
    assert!(sent[9] >= 8.0 * 60_000.0 / 119.0, "{sent:?}");
    let (requests, waited) = neon.usage();
    assert_eq!(requests, 10);
    assert!((waited.as_secs_f64() * 1000.0 - sent[9]).abs() < 1.0, "{waited:?}");

    let free = Arc::new(FakeClock::default());
    let neon = client(free.clone(), None);
    for _ in 0..100 {
        neon.send_empty(crate::account::WHOAMI.to("", &[])).await.unwrap();
    }
    assert_eq!(free.sent.lock().unwrap().len(), 100);
    assert_eq!(*free.sleeps.lock().unwrap(), 0);
    assert_eq!(free.now_ms(), 0.0);
}
