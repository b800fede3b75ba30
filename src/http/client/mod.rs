//! The client and its one request pipeline: auth, request ids, timeouts, retries, error decoding.
//! Sending goes through a [`Transport`]; everything else about a request happens here.

use crate::credentials::CredentialSource;
use crate::error::{Error, Result};
use crate::http::answers::{body_text, refusal};
use crate::http::rate_budget::{RateBudget, RateLimits, Usage};
use crate::http::transport::{Method, Transport};
use crate::json::checked::{Checked, Sent};
use crate::json::de::shape::{conforms, Shaped};
use crate::json::de::text::{from_text, Refused};
use crate::reconcile::Journal;
use crate::secret::Secret;
use crate::validate::check_base_url;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

mod pipeline;

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

/// The base URL the `neon` CLI reads from the environment: a full URL, `/api/v2` included.
pub const BASE_URL_VARIABLE: &str = "NEON_API_HOST";
/// The name the examples once used, still read (after [`BASE_URL_VARIABLE`]) with a warning.
const DEPRECATED_BASE_URL_VARIABLE: &str = "NEON_API_BASE_URL";

/// The base URL to use and a warning about how it was found: the `baseUrl` option, else
/// `NEON_API_HOST` as the `neon` CLI reads it (empty counts as unset), else the deprecated
/// `NEON_API_BASE_URL`. A bad value from the environment is a `NeonConfigError` naming its
/// variable.
pub fn base_url_setting(
    option: Option<String>,
    host: &dyn crate::credentials::Host,
) -> Result<(Option<String>, Option<String>)> {
    if option.is_some() {
        return Ok((option, None));
    }
    let read = |name: &str| host.env(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let (name, url, warning) = match (read(BASE_URL_VARIABLE), read(DEPRECATED_BASE_URL_VARIABLE)) {
        (None, None) => return Ok((None, None)),
        (Some(url), None) => (BASE_URL_VARIABLE, url, None),
        (Some(url), Some(_)) => (
            BASE_URL_VARIABLE,
            url,
            Some(format!(
                "{DEPRECATED_BASE_URL_VARIABLE} is deprecated and was ignored because {BASE_URL_VARIABLE} is set: unset it"
            )),
        ),
        (None, Some(url)) => (
            DEPRECATED_BASE_URL_VARIABLE,
            url,
            Some(format!(
                "{DEPRECATED_BASE_URL_VARIABLE} is deprecated: set {BASE_URL_VARIABLE} instead, the name the neon CLI reads (the same full URL, /api/v2 included)"
            )),
        ),
    };
    check_base_url(&url).map_err(|e| match e {
        Error::Config(mut e) => {
            e.field = Some(name.to_string());
            Error::Config(e)
        }
        other => other,
    })?;
    Ok((Some(url), warning))
}

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
    /// Branch IDs found by name, by project and name: the one cache of name lookups (see
    /// [`crate::resources::projects`]), shared by the calls of this client.
    pub(crate) branch_ids: Arc<std::sync::Mutex<crate::resources::branch_lookup::BranchIds>>,
}

/// One request, described by a resource module.
#[derive(Clone)]
pub(crate) struct ApiRequest {
    pub method: Method,
    /// Path below the base URL, starting with `/`, segments already encoded.
    pub path: String,
    /// JSON body, already serialized.
    pub body: Option<Vec<u8>>,
}

impl ApiRequest {
    /// A request to `path` (below the base URL, segments already encoded); declared operations
    /// build theirs from their [`crate::operations::Route`].
    pub fn new(method: Method, path: String, body: Option<Vec<u8>>) -> ApiRequest {
        ApiRequest { method, path, body }
    }

    /// A request to `path` with `body` as its JSON.
    pub fn json(method: Method, path: String, body: &impl Serialize) -> Result<ApiRequest> {
        let body =
            serde_json::to_vec(body).map_err(|e| Error::config(format!("could not encode the request body: {e}")))?;
        Ok(ApiRequest::new(method, path, Some(body)))
    }
}

/// A 2xx answer.
struct Success {
    status: u16,
    body: Vec<u8>,
    request_id: String,
    attempts: u32,
    /// The `Date` header, when the transport could read it.
    date: Option<String>,
}

impl Success {
    /// The body checked as `T`, straight from its text (one pass, no tree of values), and kept as
    /// the API sent it; an error is explained for `request` by `client`.
    fn decode<T: DeserializeOwned>(&self, client: &Client, request: &ApiRequest) -> Result<Checked<T>> {
        let text = self.text(client, request)?;
        match from_text::<T>(text) {
            Ok(typed) => Ok(Checked::new(typed, as_sent(text))),
            Err(refused) => Err(self.refused(client, request, refused)),
        }
    }

    #[inline(never)]
    fn text(&self, client: &Client, request: &ApiRequest) -> Result<&str> {
        body_text(self.status, &self.body, &self.request_id, self.attempts, request.method)
            .map_err(|e| client.explain(request, e))
    }

    #[inline(never)]
    fn refused(&self, client: &Client, request: &ApiRequest, refused: Refused) -> Error {
        client.explain(
            request,
            refusal(self.status, &self.request_id, self.attempts, request.method, refused),
        )
    }
}

/// The answer's text as the API sent it, for [`Checked`] to hand on.
#[inline(never)]
fn as_sent(text: &str) -> Box<str> {
    text.trim().into()
}

/// Checks a per-attempt timeout: the one check of `timeoutMs`, for the client and for each call.
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
            branch_ids: Arc::default(),
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
    pub(crate) async fn send<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T> {
        Ok(self.send_checked::<T>(request).await?.into_inner())
    }

    /// Sends one call and checks its JSON answer as `T`, keeping the answer as sent.
    pub(crate) async fn send_checked<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<Checked<T>> {
        let (success, request) = self.send_for_answer(request).await?;
        success.decode(self, &request)
    }

    /// Sends one call and checks its JSON answer against `T`'s shape without building a `T`, for a
    /// result handed on as sent. An answer the walk does not accept is decoded as `T`, whose error
    /// (the path and message) is the one reported; or which accepts it, when it is written in a
    /// form only the typed decoder reads.
    pub(crate) async fn send_as_sent<T: DeserializeOwned + Shaped>(&self, request: ApiRequest) -> Result<Sent> {
        let (success, request) = self.send_for_answer(request).await?;
        let text = success.text(self, &request)?;
        if !conforms(text, T::SHAPE) {
            success.decode::<T>(self, &request)?;
        }
        Ok(Sent(as_sent(text)))
    }

    /// Sends one call and returns its 2xx answer with the request (the part of
    /// [`Client::send_checked`] that does not depend on the result type, kept out of its per-type
    /// copies).
    async fn send_for_answer(&self, request: ApiRequest) -> Result<(Success, ApiRequest)> {
        let success = self.execute(&request).await?;
        Ok((success, request))
    }

    /// [`Client::send_checked`], and the second the answer was made: the server's `Date` when the
    /// transport can read it, else this machine's clock (truncated to the second), which may be
    /// skewed against the server's.
    pub(crate) async fn send_list_at<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<(Checked<T>, i64)> {
        let success = self.execute(&request).await?;
        let at = success
            .date
            .as_deref()
            .and_then(crate::http::retry::http_date_ms)
            .unwrap_or_else(|| self.transport.now_ms());
        let list = success.decode(self, &request)?;
        Ok((list, (at / 1000.0).floor() as i64))
    }

    /// Sends one call whose successful answer has no body worth reading; a body that is there
    /// must still be JSON (an HTML page with status 200 is a proxy's, not the API's).
    pub(crate) async fn send_empty(&self, request: ApiRequest) -> Result<()> {
        let success = self.execute(&request).await?;
        if success.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        success.decode::<serde::de::IgnoredAny>(self, &request).map(drop)
    }
}
