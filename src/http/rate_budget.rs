//! The rate budget: every request of a client (retries included) waits for its turn under Neon's
//! documented limits instead of being sent into a 429. Three kinds of pace apply together: the
//! account's requests per minute, each route's (method plus path template) requests per second,
//! and the tighter limit on creating organization keys.
//!
//! Each limit is a sliding window: a request goes at once while every window that applies has
//! room, so a burst within Neon's limits (40 at once on a route, 700 in a minute) never waits;
//! only the request that would go over waits, until the oldest send leaves the window.

use crate::error::{Error, Result};
use crate::http::transport::{Method, Transport, TransportError};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Neon's account limit: requests per minute.
pub const NEON_PER_MINUTE: u32 = 700;
/// Neon's burst limit per route: requests per second.
pub const NEON_PER_ROUTE_PER_SECOND: u32 = 40;
/// Neon's limit on `POST /organizations/{org_id}/api_keys`: requests per second.
pub const ORG_KEY_CREATION_PER_SECOND: u32 = 10;
/// How long a 429 slows the whole account down.
const SLOW_DOWN: Duration = Duration::from_secs(10);
/// A route that answered 429 without `Retry-After` is held back this long.
const DEFAULT_HOLD: Duration = Duration::from_secs(1);
/// The longest a 429 holds a route back.
const MAX_HOLD: Duration = Duration::from_secs(60);

/// The rates a client keeps under (see [`crate::ClientOptions::rate_limit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Requests per minute for the whole account. Default [`NEON_PER_MINUTE`].
    pub per_minute: u32,
    /// Requests per second on one route (method plus path template). Default [`NEON_PER_ROUTE_PER_SECOND`].
    pub per_route_per_second: u32,
}

impl Default for RateLimits {
    fn default() -> RateLimits {
        RateLimits {
            per_minute: NEON_PER_MINUTE,
            per_route_per_second: NEON_PER_ROUTE_PER_SECOND,
        }
    }
}

impl RateLimits {
    /// Checks the numbers: whole, positive, and at most 1,000,000 per minute and 10,000 per second.
    pub fn check(self) -> Result<RateLimits> {
        if !(1..=1_000_000).contains(&self.per_minute) {
            return Err(Error::field(
                "rateLimit.perMinute",
                "must be a whole number from 1 to 1000000",
            ));
        }
        if !(1..=10_000).contains(&self.per_route_per_second) {
            return Err(Error::field(
                "rateLimit.perRoutePerSecond",
                "must be a whole number from 1 to 10000",
            ));
        }
        Ok(self)
    }
}

/// Each window is longer than the limit's own by this percentage, at most [`MAX_MARGIN`].
const MARGIN_PERCENT: u64 = 5;
/// The most a window is made longer: a minute's 5% (3 s) would be far more than bunching needs.
const MAX_MARGIN: Duration = Duration::from_millis(250);

/// One limit: at most `limit` requests in any `length`, sent as soon as they fit. The send times
/// of the last window are kept, oldest first, so a request goes at once while the window has
/// room (a burst within the limit never waits) and otherwise waits for the oldest to leave it.
#[derive(Debug, Clone)]
struct Window {
    limit: usize,
    /// Microseconds, 5% longer than the limit's own (at most a quarter second): requests sent as
    /// soon as a slot frees can arrive bunched (timers fire late, the network delays one more
    /// than the next), and a server counting arrivals against exactly the limit would answer the
    /// bunched one 429.
    length: u64,
    sent: VecDeque<u64>,
}

impl Window {
    fn new(limit: u32, length: Duration) -> Window {
        Window {
            limit: limit.max(1) as usize,
            length: (length + (length * MARGIN_PERCENT as u32 / 100).min(MAX_MARGIN)).as_micros() as u64,
            sent: VecDeque::new(),
        }
    }

    /// The earliest time, not before `now`, at which `weight` more requests fit.
    fn earliest(&mut self, now: u64, weight: usize) -> u64 {
        while self.sent.front().is_some_and(|&t| t + self.length <= now) {
            self.sent.pop_front();
        }
        let weight = weight.clamp(1, self.limit);
        let over = (self.sent.len() + weight).saturating_sub(self.limit);
        match over {
            0 => now,
            // The window has room once the `over` oldest have left it.
            _ => (self.sent[over - 1] + self.length).max(now),
        }
    }

    fn record(&mut self, at: u64, weight: usize) {
        // Kept in order even if a clock stepped back.
        let at = self.sent.back().map_or(at, |&last| at.max(last));
        for _ in 0..weight.clamp(1, self.limit) {
            self.sent.push_back(at);
        }
    }
}

#[derive(Debug)]
struct Route {
    window: Window,
    /// Nothing is sent on the route before this time (µs), after a 429.
    held_until: u64,
}

#[derive(Debug)]
struct State {
    account: Window,
    org_keys: Window,
    /// Each route's window, by route template ([`route_of`]). A list, not a `BTreeMap`: the
    /// templates are a few dozen at most, and a B-tree for this type cost the wasm module
    /// 0.9 kB gzip (measured).
    routes: Vec<(String, Route)>,
    /// Until when (µs) each request counts twice against the account, after a 429.
    slow_until: u64,
}

/// One client's budget, shared by its clones.
#[derive(Debug)]
pub(crate) struct RateBudget {
    limits: RateLimits,
    state: Mutex<State>,
}

/// The method and path template of a request: IDs after a collection name become `{}`, and the
/// query is dropped, so `GET /projects/p1/branches?cursor=x` is `GET /projects/{}/branches`.
pub(crate) fn route_of(method: Method, path: &str) -> String {
    const COLLECTIONS: [&str; 6] = [
        "projects",
        "branches",
        "organizations",
        "api_keys",
        "oauth_providers",
        "users",
    ];
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut route = String::from(method.as_str());
    route.push(' ');
    let mut after_collection = false;
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        route.push('/');
        route.push_str(if after_collection { "{}" } else { segment });
        after_collection = !after_collection && COLLECTIONS.contains(&segment);
    }
    route
}

fn is_org_key_creation(route: &str) -> bool {
    route == "POST /organizations/{}/api_keys"
}

impl RateBudget {
    pub(crate) fn new(limits: RateLimits) -> RateBudget {
        let state = State {
            account: Window::new(limits.per_minute, Duration::from_secs(60)),
            org_keys: Window::new(ORG_KEY_CREATION_PER_SECOND, Duration::from_secs(1)),
            routes: Vec::new(),
            slow_until: 0,
        };
        RateBudget {
            limits,
            state: Mutex::new(state),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn route<'a>(&self, routes: &'a mut Vec<(String, Route)>, route: &str) -> &'a mut Route {
        let index = match routes.iter().position(|(name, _)| name == route) {
            Some(index) => index,
            None => {
                routes.push((
                    route.to_string(),
                    Route {
                        window: Window::new(self.limits.per_route_per_second, Duration::from_secs(1)),
                        held_until: 0,
                    },
                ));
                routes.len() - 1
            }
        };
        &mut routes[index].1
    }

    /// Takes a slot for a request on `route` at `now` (µs) when every limit that applies has
    /// room, else leaves the budget as it was and returns the earliest time worth asking again.
    pub(crate) fn take(&self, now: u64, route: &str) -> std::result::Result<(), u64> {
        let mut state = self.state();
        let state = &mut *state;
        let weight = if now < state.slow_until { 2 } else { 1 };
        let org_keys = is_org_key_creation(route);
        let mut at = state.account.earliest(now, weight);
        if org_keys {
            at = at.max(state.org_keys.earliest(now, 1));
        }
        let route = self.route(&mut state.routes, route);
        at = at.max(route.held_until).max(route.window.earliest(now, 1));
        if at > now {
            return Err(at);
        }
        route.window.record(now, 1);
        state.account.record(now, weight);
        if org_keys {
            state.org_keys.record(now, 1);
        }
        Ok(())
    }

    /// A 429 arrived on `route` at `now` (µs): the route waits out `retry_after`, and for a while
    /// each request counts twice against the account (half its rate).
    pub(crate) fn penalize(&self, now: u64, route: &str, retry_after: Option<Duration>) {
        let mut state = self.state();
        let state = &mut *state;
        // Capped like the retries' own waits: a longer Retry-After ends that call, not the route.
        let hold = retry_after.unwrap_or(DEFAULT_HOLD).min(MAX_HOLD).as_micros() as u64;
        let route = self.route(&mut state.routes, route);
        route.held_until = route.held_until.max(now + hold);
        state.slow_until = now + SLOW_DOWN.as_micros() as u64;
    }

    /// Waits (on the transport's timers, so the caller's abort ends it) until a request on
    /// `route` fits the budget; returns how long it waited.
    pub(crate) async fn wait(
        &self,
        transport: &dyn Transport,
        route: &str,
    ) -> std::result::Result<Duration, TransportError> {
        let start = now_micros(transport);
        let mut now = start;
        loop {
            match self.take(now, route) {
                // A request that fits at once has not waited, however slowly the clock is read.
                Ok(()) if now == start => return Ok(Duration::ZERO),
                Ok(()) => return Ok(Duration::from_micros(now - start)),
                // Timers may fire early against the clock, and another caller may take the slot
                // first: ask again after each sleep.
                Err(at) => transport.sleep(Duration::from_micros(at - now)).await?,
            }
            now = now_micros(transport).max(now);
        }
    }
}

/// What a client sent and waited, for fleet summaries.
#[derive(Debug, Default)]
pub(crate) struct Usage {
    requests: AtomicU64,
    waited_us: AtomicU64,
}

impl Usage {
    pub(crate) fn sent(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn waited(&self, waited: Duration) {
        self.waited_us.fetch_add(waited.as_micros() as u64, Ordering::Relaxed);
    }

    pub(crate) fn read(&self) -> (u64, Duration) {
        let waited = Duration::from_micros(self.waited_us.load(Ordering::Relaxed));
        (self.requests.load(Ordering::Relaxed), waited)
    }
}

/// The transport's clock in microseconds.
pub(crate) fn now_micros(transport: &dyn Transport) -> u64 {
    (transport.now_ms().max(0.0) * 1000.0) as u64
}

#[cfg(test)]
#[path = "../../tests/unit/rate_budget.rs"]
mod tests;
