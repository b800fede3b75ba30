//! The native transport: reqwest over tokio, redirects off, bodies capped while they stream.

use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Method, Transport, TransportError};
use std::time::Duration;

/// reqwest with redirects disabled. Cheap to clone (the connection pool is shared).
#[derive(Debug, Clone)]
pub struct NativeTransport {
    http: reqwest::Client,
}

impl NativeTransport {
    /// A transport with its own connection pool.
    pub fn new() -> Result<NativeTransport, String> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("could not build the HTTP client: {e}"))?;
        Ok(NativeTransport { http })
    }
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
    let (retry_after, request_id) = (header("retry-after"), header("x-request-id"));
    if response.content_length().is_some_and(|n| n > request.max_body as u64) {
        return Err(TransportError::TooLarge { status });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| describe(e, Some(status)))? {
        if body.len() + chunk.len() > request.max_body {
            return Err(TransportError::TooLarge { status });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(HttpResponse {
        status,
        retry_after,
        request_id,
        body,
    })
}

impl Transport for NativeTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(send(&self.http, request))
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, Result<(), TransportError>> {
        Box::pin(async move {
            tokio::time::sleep(duration).await;
            Ok(())
        })
    }

    fn now_ms(&self) -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as f64)
            .unwrap_or(0.0)
    }
}
