//! The rate budget: every request of a client (retries included) waits for its turn under Neon's
//! documented limits instead of being sent into a 429. Three kinds of pace apply together: the
//! account's requests per minute, each route's (method plus path template) requests per second,
//! and the tighter limit on creating organization keys.
//!
//! Each pace is a GCRA (a virtual schedule): a request may go at `tat - tolerance`, and moves the
//! schedule on by one interval. The minute limit is spent evenly ("about 11 per second" at 700)
//! with at most one second's worth at once, and the interval is chosen so that no window of the
//! limit's length ever holds more requests than the limit.

use crate::error::{Error, Result};
use crate::transport::{Method, Transport, TransportError};
use std::collections::BTreeMap;
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

/// Each interval of the schedule, as a percentage of what the limit alone would allow.
const MARGIN_PERCENT: u64 = 105;

/// One pace: at most `limit` requests in any `window`, at most `burst` of them at once.
#[derive(Debug, Clone, Copy)]
struct Pace {
    /// Microseconds between requests at the steady rate.
    interval: u64,
    /// How far ahead of the schedule a request may go (`burst - 1` intervals).
    tolerance: u64,
    /// The theoretical arrival time of the next request, in microseconds.
    tat: u64,
}

impl Pace {
    fn new(limit: u32, window: Duration, burst: u32) -> Pace {
        let burst = burst.clamp(1, limit);
        // A window of length W holds at most burst - 1 + ceil(W / interval) requests.
        let steady = u64::from(limit - burst + 1);
        // 5% longer than the limit needs: requests sent on schedule can arrive bunched (timers
        // fire late, the network delays one more than the next), and a server counting arrivals
        // against exactly the limit answers the bunched one 429. The 5% in hand absorbs that.
        let interval = (window.as_micros() as u64 * MARGIN_PERCENT / 100).div_ceil(steady);
        Pace {
            interval,
            tolerance: interval * u64::from(burst - 1),
            tat: 0,
        }
    }

    /// The earliest time a request conforms.
    fn earliest(&self) -> u64 {
        self.tat.saturating_sub(self.tolerance)
    }

    /// Books a request at `at` (no earlier than [`Pace::earliest`]), `slow` times the interval.
    fn book(&mut self, at: u64, slow: u64) {
        self.tat = self.tat.max(at) + self.interval * slow;
    }

    /// Nothing conforms before `until`.
    fn hold(&mut self, until: u64) {
        self.tat = self.tat.max(until + self.tolerance);
    }
}

#[derive(Debug)]
struct State {
    account: Pace,
    org_keys: Pace,
    routes: BTreeMap<String, Pace>,
    /// Until when (µs) the account runs at half its rate after a 429.
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
        // One second's worth at once, rounded down: Neon's "about 11 per second" at 700.
        let per_second = (limits.per_minute / 60).max(1);
        let state = State {
            account: Pace::new(limits.per_minute, Duration::from_secs(60), per_second),
            org_keys: Pace::new(ORG_KEY_CREATION_PER_SECOND, Duration::from_secs(1), 1),
            routes: BTreeMap::new(),
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

    fn route_pace(&self) -> Pace {
        Pace::new(self.limits.per_route_per_second, Duration::from_secs(1), 1)
    }

    /// Books the earliest time (µs, not before `now`) at which a request on `route` fits every
    /// pace that applies to it, and returns it.
    pub(crate) fn reserve(&self, now: u64, route: &str) -> u64 {
        let fresh = self.route_pace();
        let mut state = self.state();
        let state = &mut *state;
        let org_keys = is_org_key_creation(route);
        let route_pace = state.routes.entry(route.to_string()).or_insert(fresh);
        let mut at = now.max(state.account.earliest()).max(route_pace.earliest());
        if org_keys {
            at = at.max(state.org_keys.earliest());
            state.org_keys.book(at, 1);
        }
        route_pace.book(at, 1);
        let slow = if at < state.slow_until { 2 } else { 1 };
        state.account.book(at, slow);
        at
    }

    /// A 429 arrived on `route` at `now` (µs): the route waits out `retry_after`, and the account
    /// runs at half its rate for a while.
    pub(crate) fn penalize(&self, now: u64, route: &str, retry_after: Option<Duration>) {
        let fresh = self.route_pace();
        let mut state = self.state();
        // Capped like the retries' own waits: a longer Retry-After ends that call, not the route.
        let hold = retry_after.unwrap_or(DEFAULT_HOLD).min(MAX_HOLD).as_micros() as u64;
        state.routes.entry(route.to_string()).or_insert(fresh).hold(now + hold);
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
        let at = self.reserve(start, route);
        // A request that fits at once has not waited, however slowly the clock is read again.
        if at <= start {
            return Ok(Duration::ZERO);
        }
        loop {
            let now = now_micros(transport);
            if now >= at {
                return Ok(Duration::from_micros(now.saturating_sub(start)));
            }
            // Timers may fire a little early against the clock: sleep again for what is left.
            transport.sleep(Duration::from_micros(at - now)).await?;
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
#[path = "../tests/unit/rate_budget.rs"]
mod tests;
