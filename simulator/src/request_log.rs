//! Record of requests made to `/api/v2`, exposed through `/__sim/requests`.

use serde::Serialize;

/// One logged request. The bearer token itself is never recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoggedRequest {
    /// HTTP method, e.g. `GET`.
    pub method: String,
    /// Request path without the query string.
    pub path: String,
    /// The rate limiter's route: method and path template (`GET /projects/{}/branches`).
    pub route: String,
    /// The query string as sent, without `?` (empty when there is none).
    pub query: String,
    /// The request id echoed in the response (received or generated).
    pub request_id: String,
    /// The `User-Agent` header, if any.
    pub user_agent: Option<String>,
    /// Whether an `Authorization` header was sent.
    pub authorization_present: bool,
}

/// Append-only log of requests since start or the last reset.
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: Vec<LoggedRequest>,
}

impl RequestLog {
    /// Appends one entry.
    pub fn record(&mut self, entry: LoggedRequest) {
        self.entries.push(entry);
    }

    /// All entries, oldest first.
    pub fn entries(&self) -> &[LoggedRequest] {
        &self.entries
    }

    /// Forgets every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
