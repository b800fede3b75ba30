//! The native transport: reqwest over tokio with rustls, redirects off, bodies capped while they
//! stream, proxies from `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`, and an optional cancellation
//! that ends a send or a backoff wait at once.

use crate::http::transport::{BoxFuture, HttpRequest, HttpResponse, Method, Transport, TransportError};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// A cancellation one call can wait on (set from another thread, e.g. a JS abort).
#[derive(Debug, Default)]
pub struct Cancel {
    cancelled: AtomicBool,
    notify: Notify,
}

impl Cancel {
    /// Cancels; every current and future wait ends.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    /// Whether it was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }

    async fn wait(&self) {
        loop {
            let notified = self.notify.notified();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

/// Receives the debug log's lines; the future ends once the line has been handed over.
pub type Logger = Arc<dyn Fn(String) -> BoxFuture<'static, ()> + Send + Sync>;

/// reqwest with redirects disabled. Cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct NativeTransport {
    http: reqwest::Client,
    cancel: Option<Arc<Cancel>>,
    logger: Option<Logger>,
}

impl std::fmt::Debug for NativeTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeTransport")
            .field("cancel", &self.cancel)
            .field("logs", &self.logger.is_some())
            .finish_non_exhaustive()
    }
}

/// What a client is built from: the proxy settings of the environment (`env_proxies`) and its
/// NO_PROXY list.
type ProxyKey = (Vec<(&'static str, String)>, Option<String>);

fn proxy_key() -> ProxyKey {
    let no_proxy = std::env::var("NO_PROXY").or_else(|_| std::env::var("no_proxy")).ok();
    (env_proxies(), no_proxy)
}

/// Builds the HTTP client: TLS by rustls with the platform's roots, which loading the system's
/// certificate store makes a few milliseconds of work.
fn build_http(key: &ProxyKey) -> Result<reqwest::Client, String> {
    // Only ring is compiled in; make it the process default (a second install is harmless).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
    for (scheme, proxy) in &key.0 {
        let proxy = match *scheme {
            "https" => reqwest::Proxy::https(proxy),
            _ => reqwest::Proxy::http(proxy),
        }
        .map_err(|_| format!("the {}_PROXY setting is not a valid proxy URL", scheme.to_uppercase()))?;
        builder = builder.proxy(proxy.no_proxy(reqwest::NoProxy::from_env()));
    }
    builder
        .build()
        .map_err(|e| format!("could not build the HTTP client: {e}"))
}

type Prebuilt = std::thread::JoinHandle<(ProxyKey, Result<reqwest::Client, String>)>;

/// The HTTP client `prepare_http` started building, until a transport takes it.
static PREBUILT: std::sync::Mutex<Option<Prebuilt>> = std::sync::Mutex::new(None);

/// Starts building one HTTP client on a thread of its own (once per process), so that the first
/// `NativeTransport::new` finds it ready instead of loading the certificate store itself while
/// its caller waits. The addon's JS wrapper calls this as it loads, in parallel with the rest of
/// the import; a process that never builds a client only spends that thread's work.
pub fn prepare_http() {
    static STARTED: AtomicBool = AtomicBool::new(false);
    if STARTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let spawned = std::thread::Builder::new().name("neon-admin-http".into()).spawn(|| {
        let key = proxy_key();
        let http = build_http(&key);
        (key, http)
    });
    if let (Ok(handle), Ok(mut slot)) = (spawned, PREBUILT.lock()) {
        *slot = Some(handle);
    }
}

/// The prebuilt client, when there is one and it was built for the proxy settings in effect now.
fn take_prebuilt(key: &ProxyKey) -> Option<reqwest::Client> {
    let handle = PREBUILT.lock().ok()?.take()?;
    match handle.join() {
        Ok((built_for, Ok(http))) if &built_for == key => Some(http),
        _ => None,
    }
}

impl NativeTransport {
    /// A transport with its own connection pool (TLS by rustls with the platform's roots). The
    /// first one of a process takes the client `prepare_http` built, if any.
    pub fn new() -> Result<NativeTransport, String> {
        let key = proxy_key();
        let http = match take_prebuilt(&key) {
            Some(http) => http,
            None => build_http(&key)?,
        };
        Ok(NativeTransport {
            http,
            cancel: None,
            logger: None,
        })
    }

    /// The same transport, handing the debug log's lines to `logger`.
    pub fn with_logger(self, logger: Logger) -> NativeTransport {
        NativeTransport {
            logger: Some(logger),
            ..self
        }
    }

    /// The same transport (same pool) for one call that `cancel` may abort.
    pub fn with_cancel(&self, cancel: Arc<Cancel>) -> NativeTransport {
        NativeTransport {
            cancel: Some(cancel),
            ..self.clone()
        }
    }

    async fn unless_cancelled<T>(
        &self,
        work: impl std::future::Future<Output = Result<T, TransportError>>,
    ) -> Result<T, TransportError> {
        match &self.cancel {
            None => work.await,
            // Biased, the work first: an answer that is there wins over a cancel that came at the
            // same time, as it may carry a secret the API shows once.
            Some(cancel) => tokio::select! {
                biased;
                result = work => result,
                _ = cancel.wait() => Err(TransportError::Aborted),
            },
        }
    }
}

/// `HTTPS_PROXY` / `https_proxy` and `HTTP_PROXY` / `http_proxy`, as (scheme, proxy URL).
fn env_proxies() -> Vec<(&'static str, String)> {
    let var = |upper: &str, lower: &str| {
        std::env::var(upper)
            .ok()
            .or_else(|| std::env::var(lower).ok())
            .filter(|v| !v.trim().is_empty())
    };
    let mut proxies = Vec::new();
    if let Some(p) = var("HTTPS_PROXY", "https_proxy") {
        proxies.push(("https", p));
    }
    if let Some(p) = var("HTTP_PROXY", "http_proxy") {
        proxies.push(("http", p));
    }
    proxies
}

fn describe(error: reqwest::Error, status: Option<u16>) -> TransportError {
    if error.is_timeout() {
        return TransportError::Timeout;
    }
    let error = error.without_url();
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    TransportError::Network { message, status }
}

async fn send(http: &reqwest::Client, request: HttpRequest) -> Result<HttpResponse, TransportError> {
    let method = match request.method {
        Method::GET => reqwest::Method::GET,
        Method::POST => reqwest::Method::POST,
        Method::PATCH => reqwest::Method::PATCH,
        Method::PUT => reqwest::Method::PUT,
        Method::DELETE => reqwest::Method::DELETE,
    };
    let mut builder = http.request(method, &request.url).timeout(request.timeout);
    for (name, value) in &request.headers {
        builder = builder.header(*name, value);
    }
    if let Some(body) = request.body {
        builder = builder.body(body);
    }
    let mut response = builder.send().await.map_err(|e| describe(e, None))?;
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (retry_after, retry_after_ms) = (header("retry-after"), header("retry-after-ms"));
    let (request_id, date) = (header("x-request-id"), header("date"));
    if response.content_length().is_some_and(|n| n > request.max_body as u64) {
        return Err(TransportError::TooLarge { status });
    }
    // A declared length within the cap is allocated once (a 2,000-key list is half a megabyte).
    let mut body = Vec::with_capacity(response.content_length().unwrap_or(0) as usize);
    while let Some(chunk) = response.chunk().await.map_err(|e| describe(e, Some(status)))? {
        if body.len() + chunk.len() > request.max_body {
            return Err(TransportError::TooLarge { status });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(HttpResponse {
        status,
        retry_after,
        retry_after_ms,
        request_id,
        date,
        body,
    })
}

impl Transport for NativeTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.unless_cancelled(send(&self.http, request)))
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, Result<(), TransportError>> {
        Box::pin(self.unless_cancelled(async move {
            tokio::time::sleep(duration).await;
            Ok(())
        }))
    }

    fn is_aborted(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.is_cancelled())
    }

    fn logs(&self) -> bool {
        self.logger.is_some()
    }

    fn log(&self, line: String) -> BoxFuture<'_, ()> {
        match &self.logger {
            Some(logger) => logger(line),
            None => Box::pin(std::future::ready(())),
        }
    }
}
