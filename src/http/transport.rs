//! The seam between the one request pipeline and the network: the pipeline describes an HTTP
//! request, a transport sends it (reqwest on native, the runtime's `fetch` in wasm) and sleeps
//! between attempts. A transport may carry the caller's cancellation signal, so sending and
//! sleeping both end early with [`TransportError::Aborted`].

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// The HTTP methods the Neon API uses.
#[allow(clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET.
    GET,
    /// POST.
    POST,
    /// PATCH.
    PATCH,
    /// PUT.
    PUT,
    /// DELETE.
    DELETE,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::GET => "GET",
            Method::POST => "POST",
            Method::PATCH => "PATCH",
            Method::PUT => "PUT",
            Method::DELETE => "DELETE",
        }
    }
}

/// One attempt to send.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    /// Header names (lowercase) and values. The `authorization` value is a secret.
    pub headers: Vec<(&'static str, String)>,
    /// JSON body.
    pub body: Option<Vec<u8>>,
    /// How long this attempt may take, answer body included.
    pub timeout: Duration,
    /// Largest body accepted.
    pub max_body: usize,
}

/// An answer, whatever its status. Redirects are never followed: a 3xx comes back as is.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// Status.
    pub status: u16,
    /// The `Retry-After` header.
    pub retry_after: Option<String>,
    /// The `retry-after-ms` header, which some proxies send instead.
    pub retry_after_ms: Option<String>,
    /// The `X-Request-ID` header.
    pub request_id: Option<String>,
    /// The `Date` header: the server's clock, to the second (a browser hides it cross-origin).
    pub date: Option<String>,
    /// The whole body.
    pub body: Vec<u8>,
}

/// Why an attempt got no usable answer.
#[derive(Debug, Clone, PartialEq)]
pub enum TransportError {
    /// Refused, reset, DNS failure, or the body broke off (`status` set when the answer began).
    Network {
        /// What happened (no URL, no headers).
        message: String,
        /// The status, when the answer had begun.
        status: Option<u16>,
    },
    /// The attempt's timeout expired.
    Timeout,
    /// The caller's signal aborted the call.
    Aborted,
    /// The body was larger than allowed.
    TooLarge {
        /// The answer's status.
        status: u16,
    },
}

/// A boxed future, `Send` where the target has threads.
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// A boxed future, `Send` where the target has threads.
#[cfg(target_arch = "wasm32")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// `Send + Sync` where the target has threads, nothing in wasm: the bound a [`Transport`] needs.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSendSync: Send + Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + Sync + ?Sized> MaybeSendSync for T {}
/// `Send + Sync` where the target has threads, nothing in wasm: the bound a [`Transport`] needs.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSendSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSendSync for T {}

/// Sends attempts and sleeps between them.
pub trait Transport: MaybeSendSync + std::fmt::Debug {
    /// Sends one attempt.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
    /// Waits before a retry; ends early with `Aborted` if the call is cancelled.
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, Result<(), TransportError>>;
    /// Milliseconds since the Unix epoch (for `Retry-After` dates); tests give a fake clock.
    fn now_ms(&self) -> f64 {
        crate::http::clock::now_ms()
    }
    /// Whether the call was cancelled before anything was sent.
    fn is_aborted(&self) -> bool {
        false
    }
    /// Whether the caller asked for the debug log (its lines are only made then).
    fn logs(&self) -> bool {
        false
    }
    /// Hands one debug-log line (see `debug_log`) to the caller's logger; done once it has it.
    fn log(&self, _line: String) -> BoxFuture<'_, ()> {
        Box::pin(std::future::ready(()))
    }
}
