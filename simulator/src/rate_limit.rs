//! Neon's rate limits as its docs state them, when asked for (`--rate-limit[=SCALE]`): per
//! account at most `per_minute` requests in any 60 seconds, bursts allowed; per route (method
//! plus path template) at most `per_route_per_second` in any second;
//! `POST /organizations/{org_id}/api_keys` at most `org_keys_per_second` in any second. A request over a limit gets 429 with `Retry-After` (whole seconds) and
//! is not counted; the 429s sent are counted for the tests and the bench.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// The limits, Neon's numbers times a scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Requests per minute per account (Neon: 700).
    pub per_minute: f64,
    /// Requests per second per route (Neon: 40).
    pub per_route_per_second: f64,
    /// Organization key creations per second (Neon: 10).
    pub org_keys_per_second: f64,
}

impl Limits {
    /// Neon's documented limits times `scale`.
    pub fn neon(scale: f64) -> Limits {
        Limits {
            per_minute: 700.0 * scale,
            per_route_per_second: 40.0 * scale,
            org_keys_per_second: 10.0 * scale,
        }
    }
}

/// At most `limit` requests in any `length`: the arrival times of the last window, oldest first.
#[derive(Debug)]
struct Window {
    limit: usize,
    length: Duration,
    arrived: VecDeque<Instant>,
}

impl Window {
    fn new(limit: f64, length: Duration) -> Window {
        Window {
            limit: limit.floor().max(1.0) as usize,
            length,
            arrived: VecDeque::new(),
        }
    }

    /// How long until one more fits (zero when it does now).
    fn wait(&mut self, now: Instant) -> Duration {
        while self
            .arrived
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= self.length)
        {
            self.arrived.pop_front();
        }
        match self.arrived.len() >= self.limit {
            true => (self.arrived[self.arrived.len() - self.limit] + self.length).saturating_duration_since(now),
            false => Duration::ZERO,
        }
    }

    fn take(&mut self, now: Instant) {
        self.arrived.push_back(now);
    }
}

#[derive(Debug)]
struct Account {
    minute: Window,
    routes: HashMap<String, Window>,
    org_keys: Window,
}

/// The limiter and its count of 429s.
#[derive(Debug)]
pub struct RateLimiter {
    limits: Limits,
    accounts: HashMap<String, Account>,
    throttled: u64,
}

/// The path template of a request, as the client library forms it: a segment after a collection
/// name is an ID.
pub fn route_of(method: &str, segments: &[&str]) -> String {
    const COLLECTIONS: [&str; 7] = [
        "projects",
        "branches",
        "organizations",
        "api_keys",
        "oauth_providers",
        "users",
        "credentials",
    ];
    let mut route = method.to_string();
    route.push(' ');
    let mut id_next = false;
    for segment in segments {
        route.push('/');
        route.push_str(if id_next { "{}" } else { segment });
        id_next = !id_next && COLLECTIONS.contains(segment);
    }
    route
}

impl RateLimiter {
    /// A limiter with `limits`.
    pub fn new(limits: Limits) -> RateLimiter {
        RateLimiter {
            limits,
            accounts: HashMap::new(),
            throttled: 0,
        }
    }

    /// The 429s sent so far.
    pub fn throttled(&self) -> u64 {
        self.throttled
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Admits a request of `account` on `route` at `now`, or says how long to wait.
    pub fn admit(&mut self, account: &str, route: &str, now: Instant) -> Result<(), Duration> {
        let limits = self.limits;
        let second = Duration::from_secs(1);
        let account = self.accounts.entry(account.to_string()).or_insert_with(|| Account {
            minute: Window::new(limits.per_minute, Duration::from_secs(60)),
            routes: HashMap::new(),
            org_keys: Window::new(limits.org_keys_per_second, second),
        });
        let mut wait = account.minute.wait(now);
        let route_window = account
            .routes
            .entry(route.to_string())
            .or_insert_with(|| Window::new(limits.per_route_per_second, second));
        wait = wait.max(route_window.wait(now));
        let org_keys = route == "POST /organizations/{}/api_keys";
        if org_keys {
            wait = wait.max(account.org_keys.wait(now));
        }
        if !wait.is_zero() {
            self.throttled += 1;
            return Err(wait);
        }
        account.minute.take(now);
        route_window.take(now);
        if org_keys {
            account.org_keys.take(now);
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "../tests/unit/rate_limit.rs"]
mod tests;
