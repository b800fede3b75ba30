//! Neon's rate limits, when asked for (`--rate-limit[=SCALE]`): per account at most `per_minute`
//! requests in any minute and about a sixtieth of that per second; per route (method plus path
//! template) bursts of `per_route_per_second`; `POST /organizations/{org_id}/api_keys` at
//! `org_keys_per_second`. A request over a limit gets 429 with `Retry-After` (whole seconds) and
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

/// A token bucket: `capacity` tokens, refilled at `rate` per second.
#[derive(Debug)]
struct Bucket {
    tokens: f64,
    capacity: f64,
    rate: f64,
    at: Instant,
}

impl Bucket {
    fn new(rate: f64, capacity: f64, now: Instant) -> Bucket {
        Bucket {
            tokens: capacity,
            capacity,
            rate,
            at: now,
        }
    }

    /// How long until a token is there (zero when one is).
    fn wait(&mut self, now: Instant) -> Duration {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.capacity);
        self.at = now;
        Duration::from_secs_f64(((1.0 - self.tokens) / self.rate).max(0.0))
    }

    fn take(&mut self) {
        self.tokens -= 1.0;
    }
}

#[derive(Debug)]
struct Account {
    /// About a sixtieth of the minute's budget per second, one second's worth at once.
    pace: Bucket,
    /// When the requests of the last minute arrived.
    minute: VecDeque<Instant>,
    routes: HashMap<String, Bucket>,
    org_keys: Bucket,
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
    const COLLECTIONS: [&str; 6] = [
        "projects",
        "branches",
        "organizations",
        "api_keys",
        "oauth_providers",
        "users",
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
        let per_second = limits.per_minute / 60.0;
        let account = self.accounts.entry(account.to_string()).or_insert_with(|| Account {
            pace: Bucket::new(per_second, per_second.max(1.0), now),
            minute: VecDeque::new(),
            routes: HashMap::new(),
            org_keys: Bucket::new(limits.org_keys_per_second, limits.org_keys_per_second.max(1.0), now),
        });
        while account
            .minute
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= Duration::from_secs(60))
        {
            account.minute.pop_front();
        }
        let mut wait = account.pace.wait(now);
        if account.minute.len() as f64 >= limits.per_minute.floor() {
            let oldest = account.minute.front().copied().unwrap_or(now);
            wait = wait.max((oldest + Duration::from_secs(60)).saturating_duration_since(now));
        }
        let capacity = limits.per_route_per_second.max(1.0);
        let route_bucket = account
            .routes
            .entry(route.to_string())
            .or_insert_with(|| Bucket::new(limits.per_route_per_second, capacity, now));
        wait = wait.max(route_bucket.wait(now));
        let org_keys = route == "POST /organizations/{}/api_keys";
        if org_keys {
            wait = wait.max(account.org_keys.wait(now));
        }
        if !wait.is_zero() {
            self.throttled += 1;
            return Err(wait);
        }
        account.pace.take();
        account.minute.push_back(now);
        route_bucket.take();
        if org_keys {
            account.org_keys.take();
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "../tests/unit/rate_limit.rs"]
mod tests;
