//! The client and its one request pipeline: auth, request ids, timeouts, retries, error decoding.
//! Sending goes through a [`Transport`]; everything else about a request happens here.

use crate::answers::{decode_failure, decode_success, outcome_unknown, unknown_outcome};
use crate::checked::Checked;
use crate::credentials::CredentialSource;
use crate::debug_log::{self, Answer, Attempt, Decision};
use crate::error::{AbortError, ApiError, Error, NetworkError, Result};
use crate::rate_budget::{self, RateBudget, RateLimits, Usage};
use crate::reconcile::Journal;
use crate::retry::{self, Outcome, Wait};
use crate::runtime;
use crate::secret::Secret;
use crate::transport::{HttpRequest, Method, Transport, TransportError};
use crate::url_parts::{self, UrlError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

/// The API base used when none is given.
pub const DEFAULT_BASE_URL: &str = "https://console.neon.tech/api/v2";
/// Per-attempt timeout used when none is given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Retries after the first attempt used when none is given.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Largest response body accepted.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// `User-Agent` product token of this library.
pub const LIBRARY_AGENT: &str = concat!("neon-admin/", env!("CARGO_PKG_VERSION"));

/// Client settings other than credentials.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientOptions {
    /// API base URL; `https:` unless the host is loopback. Default [`DEFAULT_BASE_URL`].
    pub base_url: Option<String>,
    /// Per-attempt timeout. Default [`DEFAULT_TIMEOUT`].
    pub timeout: Option<Duration>,
    /// Retries after the first attempt (0 disables). Default [`DEFAULT_MAX_RETRIES`].
    pub max_retries: Option<u32>,
    /// Product token put before the library's own in `User-Agent`, e.g. `my-app/1.2`.
    pub user_agent: Option<String>,
    /// The rates every request keeps under (`None`: sent at once). Default Neon's limits.
    pub rate_limit: Option<RateLimits>,
    /// Whether a write whose answer was lost is reconciled (see [`crate::reconcile`]). Default true.
    pub reconcile: Option<bool>,
}

impl Default for ClientOptions {
    fn default() -> ClientOptions {
        ClientOptions {
            base_url: None,
            timeout: None,
            max_retries: None,
            user_agent: None,
            rate_limit: Some(RateLimits::default()),
            reconcile: None,
        }
    }
}

/// A Neon API client. Cheap to clone; clones share the transport.
#[derive(Debug, Clone)]
pub struct Client {
    transport: Arc<dyn Transport>,
    base_url: Arc<str>,
    key: Secret,
    source: CredentialSource,
    timeout: Duration,
    max_retries: u32,
    user_agent: Arc<str>,
    budget: Option<Arc<RateBudget>>,
    usage: Arc<Usage>,
    pub(crate) reconcile: bool,
    /// What was reconciled during the current call (a fresh one per [`Client::for_call`]).
    pub(crate) journal: Arc<Journal>,
}

/// One request, described by a resource module.
#[derive(Clone)]
pub(crate) struct Call {
    pub method: Method,
    /// Path below the base URL, starting with `/`, segments already encoded.
    pub path: String,
    /// JSON body, already serialized.
    pub body: Option<Vec<u8>>,
}

impl Call {
    pub fn get(path: String) -> Call {
        Call {
            method: Method::GET,
            path,
            body: None,
        }
    }

    pub fn delete(path: String) -> Call {
        Call {
            method: Method::DELETE,
            path,
            body: None,
        }
    }

    pub fn post(path: String, body: &impl Serialize) -> Result<Call> {
        Call::with_body(Method::POST, path, body)
    }

    pub fn with_body(method: Method, path: String, body: &impl Serialize) -> Result<Call> {
        let body =
            serde_json::to_vec(body).map_err(|e| Error::config(format!("could not encode the request body: {e}")))?;
        Ok(Call {
            method,
            path,
            body: Some(body),
        })
    }
}

/// A 2xx answer.
struct Success {
    status: u16,
    body: Vec<u8>,
    request_id: String,
    attempts: u32,
}

/// Checks and normalizes a base URL: `http(s)`, no credentials, query or fragment, and `https:`
/// unless the host is loopback.
pub fn check_base_url(value: &str) -> Result<String> {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::field("baseUrl", "must not contain spaces or control characters"));
    }
    let url = url_parts::parse(value).map_err(|e| match e {
        UrlError::Credentials => Error::field(
            "baseUrl",
            "must not contain a user name or password; pass the key as apiKey",
        ),
        UrlError::Scheme => Error::field("baseUrl", "must be an https: URL"),
        UrlError::Invalid => Error::field(
            "baseUrl",
            "is not a valid absolute URL (ASCII only; use the punycode form of a host)",
        ),
    })?;
    if url.query.is_some() || url.fragment.is_some() {
        return Err(Error::field("baseUrl", "must not have a query or fragment"));
    }
    if url.scheme == "http" && !crate::validate::is_loopback(&url.host) {
        return Err(Error::field(
            "baseUrl",
            "must use https: (plain http is allowed only for loopback hosts)",
        ));
    }
    let port = url.port.map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!("{}://{}{port}{}", url.scheme, url.host, url.path)
        .trim_end_matches('/')
        .to_string())
}

/// Checks a per-attempt timeout.
pub fn check_timeout(timeout: Duration) -> Result<Duration> {
    if timeout.is_zero() || timeout > Duration::from_secs(3600) {
        return Err(Error::field("timeoutMs", "must be between 1 and 3600000 milliseconds"));
    }
    Ok(timeout)
}

impl Client {
    /// Builds a client for an already checked key (see [`crate::credentials::resolve`]) that
    /// sends through `transport`.
    pub fn new(
        key: Secret,
        source: CredentialSource,
        options: &ClientOptions,
        transport: Arc<dyn Transport>,
    ) -> Result<Client> {
        let base_url = check_base_url(options.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let timeout = check_timeout(options.timeout.unwrap_or(DEFAULT_TIMEOUT))?;
        let max_retries = options.max_retries.unwrap_or(DEFAULT_MAX_RETRIES);
        if max_retries > 10 {
            return Err(Error::field("maxRetries", "must be between 0 and 10"));
        }
        let user_agent = match options.user_agent.as_deref().map(str::trim) {
            Some(custom) if !custom.is_empty() => {
                if custom.len() > 200 || custom.chars().any(|c| c.is_control() || !c.is_ascii()) {
                    return Err(Error::field(
                        "userAgent",
                        "must be at most 200 printable ASCII characters",
                    ));
                }
                format!("{custom} {LIBRARY_AGENT}")
            }
            _ => LIBRARY_AGENT.to_string(),
        };
        let budget = match options.rate_limit {
            Some(limits) => Some(Arc::new(RateBudget::new(limits.check()?))),
            None => None,
        };
        Ok(Client {
            transport,
            base_url: base_url.into(),
            key,
            source,
            timeout,
            max_retries,
            user_agent: user_agent.into(),
            budget,
            usage: Arc::default(),
            reconcile: options.reconcile.unwrap_or(true),
            journal: Arc::default(),
        })
    }

    /// A client like this one but authenticated with another key (a freshly created one, to
    /// check that it works).
    pub fn with_key(&self, key: Secret) -> Client {
        Client {
            key,
            source: CredentialSource::Option,
            ..self.clone()
        }
    }

    /// A client like this one for one call: another transport (e.g. one carrying the caller's
    /// abort signal) and another per-attempt timeout.
    pub fn for_call(&self, transport: Option<Arc<dyn Transport>>, timeout: Option<Duration>) -> Result<Client> {
        let mut client = self.clone();
        client.journal = Arc::default();
        if let Some(t) = transport {
            client.transport = t;
        }
        if let Some(t) = timeout {
            client.timeout = check_timeout(t)?;
        }
        Ok(client)
    }

    /// A client like this one sending `key`, a refreshed token of the same source.
    pub fn with_bearer(&self, key: Secret) -> Client {
        Client { key, ..self.clone() }
    }

    /// The transport this client sends through.
    pub fn transport(&self) -> &dyn Transport {
        self.transport.as_ref()
    }

    /// The `User-Agent` this client sends.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// Where this client's key came from.
    pub fn credential_source(&self) -> CredentialSource {
        self.source
    }

    /// The API base URL in use.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Requests this client (and its clones) sent, and the time they waited for the rate budget.
    pub fn usage(&self) -> (u64, Duration) {
        self.usage.read()
    }

    /// Sends one call through the pipeline and decodes a JSON answer into `T`.
    pub(crate) async fn send<T: DeserializeOwned>(&self, call: Call) -> Result<T> {
        Ok(self.send_checked::<T>(call).await?.into_inner())
    }

    /// Sends one call and checks its JSON answer as `T`, keeping the answer as sent.
    pub(crate) async fn send_checked<T: DeserializeOwned>(&self, call: Call) -> Result<Checked<T>> {
        let success = self.execute(&call).await?;
        decode_success(success.status, &success.body, &success.request_id, success.attempts)
            .map_err(|e| outcome_unknown(call.method, e))
    }

    /// Sends one call whose successful answer has no body worth reading; a body that is there
    /// must still be JSON (an HTML page with status 200 is a proxy's, not the API's).
    pub(crate) async fn send_empty(&self, call: Call) -> Result<()> {
        let success = self.execute(&call).await?;
        if success.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        decode_success::<serde_json::Value>(success.status, &success.body, &success.request_id, success.attempts)
            .map(|_| ())
            .map_err(|e| outcome_unknown(call.method, e))
    }

    fn request(&self, call: &Call, request_id: &str) -> HttpRequest {
        let mut headers = vec![
            ("authorization", format!("Bearer {}", self.key.expose())),
            ("accept", "application/json".to_string()),
            ("x-request-id", request_id.to_string()),
            ("user-agent", self.user_agent.to_string()),
        ];
        if call.body.is_some() {
            headers.push(("content-type", "application/json".to_string()));
        }
        HttpRequest {
            method: call.method,
            url: format!("{}{}", self.base_url, call.path),
            headers,
            body: call.body.clone(),
            timeout: self.timeout,
            max_body: MAX_RESPONSE_BYTES,
        }
    }

    /// The pipeline: attempts with retries until a 2xx answer or a final error.
    async fn execute(&self, call: &Call) -> Result<Success> {
        let request_id = runtime::request_id();
        let route = rate_budget::route_of(call.method, &call.path);
        let mut attempts = 0u32;
        loop {
            if self.transport.is_aborted() {
                return Err(Error::Aborted(AbortError { request_id, attempts }));
            }
            if let Some(budget) = &self.budget {
                match budget.wait(&*self.transport, &route).await {
                    Ok(waited) => {
                        self.usage.waited(waited);
                        // Only a real wait: reading the clock twice takes a few microseconds.
                        if waited >= Duration::from_millis(1) {
                            self.log_line(debug_log::rate_wait(&route, waited)).await;
                        }
                    }
                    Err(_) => return Err(Error::Aborted(AbortError { request_id, attempts })),
                }
            }
            self.usage.sent();
            attempts += 1;
            let started = self.transport.now_ms();
            let outcome = self.transport.send(self.request(call, &request_id)).await;
            let log = |answer, decision| self.log(call, attempts, answer, started, &request_id, decision);
            let (error, may_retry, retry_after) = match outcome {
                Ok(response) if (200..300).contains(&response.status) => {
                    log(Answer::Status(response.status), Decision::Done).await;
                    return Ok(Success {
                        status: response.status,
                        body: response.body,
                        request_id,
                        attempts,
                    });
                }
                Ok(response) => {
                    let retry = retry::may_retry(&call.method, Outcome::Status(response.status));
                    let after = retry::server_wait(
                        response.retry_after_ms.as_deref(),
                        response.retry_after.as_deref(),
                        self.transport.now_ms(),
                    );
                    if let (429, Some(budget)) = (response.status, &self.budget) {
                        budget.penalize(rate_budget::now_micros(&*self.transport), &route, after);
                        self.log_line(debug_log::rate_held(&route, after)).await;
                    }
                    let error = decode_failure(&response, &request_id, attempts, after);
                    // A 5xx other than 503 may come after the write was applied.
                    let error = match response.status {
                        503 => error,
                        500.. => outcome_unknown(call.method, error),
                        _ => error,
                    };
                    (error, retry, after)
                }
                Err(TransportError::Aborted) => {
                    log(Answer::Aborted, Decision::Done).await;
                    return Err(Error::Aborted(AbortError { request_id, attempts }));
                }
                Err(TransportError::TooLarge { status }) => {
                    log(Answer::TooLarge(status), Decision::Done).await;
                    let message =
                        format!("the response body is larger than {MAX_RESPONSE_BYTES} bytes and was refused");
                    let error = ApiError {
                        status,
                        code: "response_too_large".into(),
                        message,
                        request_id,
                        attempts,
                        retry_after_ms: None,
                    };
                    return Err(self.scrub(Error::Api(error)));
                }
                Err(TransportError::Timeout) => {
                    let message = format!(
                        "no answer within {} ms{}",
                        self.timeout.as_millis() as u64,
                        unknown_outcome(call.method)
                    );
                    let error = NetworkError {
                        message,
                        timed_out: true,
                        status: None,
                        request_id: request_id.clone(),
                        attempts,
                    };
                    (
                        Error::Network(error),
                        retry::may_retry(&call.method, Outcome::NoAnswer),
                        None,
                    )
                }
                Err(TransportError::Network { message, status }) => {
                    let error = NetworkError {
                        message: format!("{message}{}", unknown_outcome(call.method)),
                        timed_out: false,
                        status,
                        request_id: request_id.clone(),
                        attempts,
                    };
                    (
                        Error::Network(error),
                        retry::may_retry(&call.method, Outcome::NoAnswer),
                        None,
                    )
                }
            };
            let answer = match &error {
                Error::Api(e) => Answer::Status(e.status),
                Error::Network(e) if e.timed_out => Answer::Timeout,
                _ => Answer::Lost,
            };
            if !may_retry || attempts > self.max_retries {
                log(
                    answer,
                    if may_retry {
                        Decision::RetriesUsed
                    } else {
                        Decision::Final
                    },
                )
                .await;
                return Err(self.scrub(error));
            }
            match retry::wait(attempts - 1, retry_after, runtime::random_fraction()) {
                Wait::GiveUp => {
                    log(answer, Decision::GiveUp(retry_after.unwrap_or_default())).await;
                    return Err(self.scrub(error));
                }
                Wait::After(delay) => {
                    log(answer, Decision::Retry(delay, retry_after)).await;
                    if self.transport.sleep(delay).await == Err(TransportError::Aborted) {
                        return Err(Error::Aborted(AbortError { request_id, attempts }));
                    }
                }
            }
        }
    }

    /// Hands one attempt's line to the transport's logger, when the caller asked for the log.
    async fn log(&self, call: &Call, number: u32, answer: Answer, started: f64, request_id: &str, decision: Decision) {
        if self.transport.logs() {
            let line = debug_log::line(&Attempt {
                method: call.method,
                path: &call.path,
                number,
                allowed: self.max_retries + 1,
                answer,
                millis: (self.transport.now_ms() - started).max(0.0) as u64,
                request_id,
                decision,
            });
            self.transport.log(line).await;
        }
    }

    /// Hands a line to the transport's logger, when the caller asked for the debug log.
    pub(crate) async fn log_line(&self, line: String) {
        if self.transport.logs() {
            self.transport.log(line).await;
        }
    }

    fn scrub(&self, error: Error) -> Error {
        match error {
            Error::Api(mut e) => {
                e.message = self.key.scrub(&e.message);
                e.code = self.key.scrub(&e.code);
                Error::Api(e)
            }
            Error::Network(mut e) => {
                e.message = self.key.scrub(&e.message);
                Error::Network(e)
            }
            other => other,
        }
    }
}
