//! The client and its one request pipeline: auth, request ids, timeouts, retries, error decoding.

use crate::credentials::CredentialSource;
use crate::error::{ApiError, Error, NetworkError, Result};
use crate::retry::{self, Outcome};
use crate::runtime;
use crate::secret::Secret;
use reqwest::header::{HeaderMap, ACCEPT, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER, USER_AGENT};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientOptions {
    /// API base URL; `https:` unless the host is loopback. Default [`DEFAULT_BASE_URL`].
    pub base_url: Option<String>,
    /// Per-attempt timeout. Default [`DEFAULT_TIMEOUT`].
    pub timeout: Option<Duration>,
    /// Retries after the first attempt (0 disables). Default [`DEFAULT_MAX_RETRIES`].
    pub max_retries: Option<u32>,
    /// Product token put before the library's own in `User-Agent`, e.g. `my-app/1.2`.
    pub user_agent: Option<String>,
}

/// A Neon API client. Cheap to clone; clones share the connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    key: Secret,
    source: CredentialSource,
    timeout: Duration,
    max_retries: u32,
    user_agent: String,
}

/// One request, described by a resource module.
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

/// The API's error body (`GeneralError`).
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    request_id: Option<String>,
}

/// Checks and normalizes a base URL: `http(s)`, no credentials, query or fragment, and `https:`
/// unless the host is loopback.
pub fn check_base_url(value: &str) -> Result<String> {
    let url = Url::parse(value.trim()).map_err(|_| Error::field("baseUrl", "is not a valid absolute URL"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::field(
            "baseUrl",
            "must not contain a user name or password; pass the key as apiKey",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::field("baseUrl", "must not have a query or fragment"));
    }
    let loopback = crate::validate::is_loopback(url.host_str().unwrap_or(""));
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(Error::field(
                "baseUrl",
                "must use https: (plain http is allowed only for loopback hosts)",
            ))
        }
        _ => return Err(Error::field("baseUrl", "must be an https: URL")),
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

impl Client {
    /// Builds a client for an already checked key (see [`crate::credentials::resolve`]).
    pub fn new(key: Secret, source: CredentialSource, options: &ClientOptions) -> Result<Client> {
        let base_url = check_base_url(options.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let timeout = options.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() || timeout > Duration::from_secs(3600) {
            return Err(Error::field("timeoutMs", "must be between 1 and 3600000 milliseconds"));
        }
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
        let http = build_http()?;
        Ok(Client {
            http,
            base_url,
            key,
            source,
            timeout,
            max_retries,
            user_agent,
        })
    }

    /// A client like this one but authenticated with another key (e.g. a freshly created one).
    pub fn with_key(&self, key: Secret) -> Client {
        Client {
            key,
            source: CredentialSource::Option,
            ..self.clone()
        }
    }

    /// Where this client's key came from.
    pub fn credential_source(&self) -> CredentialSource {
        self.source
    }

    /// The API base URL in use.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends one call through the pipeline and decodes a JSON answer into `T`.
    pub(crate) async fn send<T: DeserializeOwned>(&self, call: Call) -> Result<T> {
        let success = self.execute(&call).await?;
        decode_success(success.status, &success.body, &success.request_id, success.attempts)
    }

    /// Sends one call whose successful answer has no body worth reading.
    pub(crate) async fn send_empty(&self, call: Call) -> Result<()> {
        self.execute(&call).await.map(|_| ())
    }

    /// The pipeline: attempts with retries until a 2xx answer or a final error.
    async fn execute(&self, call: &Call) -> Result<Success> {
        let request_id = runtime::request_id();
        let url = format!("{}{}", self.base_url, call.path);
        let mut attempts = 0u32;
        loop {
            attempts += 1;
            let retries_left = attempts <= self.max_retries;
            match self.attempt(call, &url, &request_id).await {
                Ok((status, _, body)) if (200..300).contains(&status) => {
                    return Ok(Success {
                        status,
                        body,
                        request_id,
                        attempts,
                    });
                }
                Ok((status, headers, body)) => {
                    if retries_left && retry::may_retry(&call.method, Outcome::Status(status)) {
                        let after = headers
                            .get(RETRY_AFTER)
                            .and_then(|v| v.to_str().ok())
                            .and_then(retry::parse_retry_after);
                        runtime::sleep(retry::delay(attempts - 1, after, runtime::random_fraction())).await;
                        continue;
                    }
                    return Err(self.scrub(decode_failure(status, &headers, &body, &request_id, attempts)));
                }
                Err((message, timed_out)) => {
                    if retries_left && retry::may_retry(&call.method, Outcome::NoAnswer) {
                        runtime::sleep(retry::delay(attempts - 1, None, runtime::random_fraction())).await;
                        continue;
                    }
                    return Err(self.scrub(Error::Network(NetworkError {
                        message,
                        timed_out,
                        request_id,
                        attempts,
                    })));
                }
            }
        }
    }

    /// One attempt: the status, headers and body, or why there was no answer.
    async fn attempt(
        &self,
        call: &Call,
        url: &str,
        request_id: &str,
    ) -> std::result::Result<(u16, HeaderMap, Vec<u8>), (String, bool)> {
        let mut builder = self
            .http
            .request(call.method.clone(), url)
            .header(AUTHORIZATION, format!("Bearer {}", self.key.expose()))
            .header(ACCEPT, "application/json")
            .header("X-Request-ID", request_id)
            .header(USER_AGENT, &self.user_agent)
            .timeout(self.timeout);
        if let Some(body) = &call.body {
            builder = builder.header(CONTENT_TYPE, "application/json").body(body.clone());
        }
        let response = builder.send().await.map_err(describe)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        if response.content_length().is_some_and(|n| n > MAX_RESPONSE_BYTES as u64) {
            return Err((
                format!("the response body is larger than {MAX_RESPONSE_BYTES} bytes"),
                false,
            ));
        }
        let body = response.bytes().await.map_err(describe)?;
        if body.len() > MAX_RESPONSE_BYTES {
            return Err((
                format!("the response body is larger than {MAX_RESPONSE_BYTES} bytes"),
                false,
            ));
        }
        Ok((status, headers, body.to_vec()))
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

#[cfg(target_arch = "wasm32")]
fn build_http() -> Result<reqwest::Client> {
    Ok(reqwest::Client::new())
}

#[cfg(not(target_arch = "wasm32"))]
fn build_http() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::config(format!("could not build the HTTP client: {e}")))
}

/// A transport error as text (without the URL, with its causes) and whether it was a timeout.
fn describe(error: reqwest::Error) -> (String, bool) {
    let timed_out = error.is_timeout();
    let error = error.without_url();
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    (text, timed_out)
}

fn decode_success<T: DeserializeOwned>(status: u16, body: &[u8], request_id: &str, attempts: u32) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| {
        Error::Api(ApiError {
            status,
            code: "invalid_response".into(),
            message: format!(
                "the response body is not the JSON this call expects ({:?} error at line {} column {})",
                e.classify(),
                e.line(),
                e.column()
            ),
            request_id: request_id.to_string(),
            attempts,
        })
    })
}

fn decode_failure(status: u16, headers: &HeaderMap, body: &[u8], request_id: &str, attempts: u32) -> Error {
    let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
    let server_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let (code, message, body_id) = match parsed {
        Some(b) => (b.code, b.message, b.request_id),
        None => (String::new(), String::new(), None),
    };
    let message = if message.is_empty() {
        format!("HTTP {status} with no error message")
    } else {
        message.chars().take(500).collect()
    };
    Error::Api(ApiError {
        status,
        code: code.chars().take(100).collect(),
        message,
        request_id: body_id.or(server_id).unwrap_or_else(|| request_id.to_string()),
        attempts,
    })
}
