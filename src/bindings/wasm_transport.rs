//! The wasm transport: each attempt is handed to a JavaScript `send` function that the runtime's
//! entry point installs with `useTransport` (`node:http` on Node, the runtime's `fetch` elsewhere:
//! see js/hosts/send-node.mjs and js/hosts/send-fetch.mjs). JS owns the request, its timeout, the caller's
//! abort, redirects and the size cap; this side owns retries, sleeps and the debug log.

use crate::http::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

thread_local! {
    static SEND: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Installs the runtime's `send(method, url, headers, body, timeoutMs, maxBody, signal)`, which
/// resolves to `{ status, retryAfter, retryAfterMs, requestId, body }` or rejects with
/// `{ transport: "network" | "timeout" | "aborted" | "too_large", message, status }`.
#[wasm_bindgen(js_name = useTransport)]
pub fn use_transport(
    #[wasm_bindgen(
        unchecked_param_type = "(method: string, url: string, headers: string[], body: Uint8Array | undefined, timeoutMs: number, maxBody: number, signal: AbortSignal | undefined) => Promise<unknown>"
    )]
    send: Function,
) {
    SEND.with(|s| *s.borrow_mut() = Some(send));
}

/// The installed `send`, optionally bound to one call's `AbortSignal`, and the caller's debug
/// logger if any.
#[derive(Debug, Default)]
pub struct JsTransport {
    signal: Option<JsValue>,
    logger: Option<Function>,
}

impl JsTransport {
    /// A transport whose sends and sleeps end when `signal` aborts, handing debug-log lines to
    /// `logger`.
    pub fn new(signal: Option<JsValue>, logger: Option<Function>) -> JsTransport {
        JsTransport { signal, logger }
    }

    fn aborted(&self) -> bool {
        self.signal
            .as_ref()
            .and_then(|s| Reflect::get(s, &JsValue::from_str("aborted")).ok())
            .is_some_and(|a| a.is_truthy())
    }
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

fn status(value: &JsValue) -> Option<u16> {
    Reflect::get(value, &JsValue::from_str("status"))
        .ok()
        .and_then(|s| s.as_f64())
        .map(|s| s as u16)
}

/// The `TransportError` a rejected `send` stands for.
fn failure(error: &JsValue) -> TransportError {
    match text(error, "transport").as_deref() {
        Some("timeout") => TransportError::Timeout,
        Some("aborted") => TransportError::Aborted,
        Some("too_large") => TransportError::TooLarge {
            status: status(error).unwrap_or(0),
        },
        _ => TransportError::Network {
            message: text(error, "message").unwrap_or_else(|| "the request failed".into()),
            status: status(error),
        },
    }
}

fn send_promise(request: &HttpRequest, signal: &Option<JsValue>) -> Result<Promise, TransportError> {
    let missing = || TransportError::Network {
        message: "no transport installed: load neon-admin through its package entry point".into(),
        status: None,
    };
    let send = SEND.with(|s| s.borrow().clone()).ok_or_else(missing)?;
    let headers = Array::new();
    for (name, value) in &request.headers {
        headers.push(&JsValue::from_str(name));
        headers.push(&JsValue::from_str(value));
    }
    let body = match &request.body {
        Some(bytes) => Uint8Array::from(bytes.as_slice()).into(),
        None => JsValue::UNDEFINED,
    };
    let args = Array::of5(
        &JsValue::from_str(request.method.as_str()),
        &JsValue::from_str(&request.url),
        &headers,
        &body,
        &JsValue::from_f64(request.timeout.as_millis() as f64),
    );
    args.push(&JsValue::from_f64(request.max_body as f64));
    args.push(signal.as_ref().unwrap_or(&JsValue::UNDEFINED));
    let promise = send.apply(&JsValue::NULL, &args).map_err(|e| failure(&e))?;
    Ok(promise.unchecked_into())
}

impl JsTransport {
    async fn send_once(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        if self.aborted() {
            return Err(TransportError::Aborted);
        }
        let answer = JsFuture::from(send_promise(&request, &self.signal)?)
            .await
            .map_err(|e| failure(&e))?;
        let body: Uint8Array = Reflect::get(&answer, &JsValue::from_str("body"))
            .map_err(|e| failure(&e))?
            .unchecked_into();
        Ok(HttpResponse {
            status: status(&answer).unwrap_or(0),
            retry_after: text(&answer, "retryAfter"),
            retry_after_ms: text(&answer, "retryAfterMs"),
            request_id: text(&answer, "requestId"),
            date: text(&answer, "date"),
            body: body.to_vec(),
        })
    }

    async fn sleep_once(&self, duration: Duration) -> Result<(), TransportError> {
        if self.aborted() {
            return Err(TransportError::Aborted);
        }
        let mut timer = JsValue::UNDEFINED;
        let mut wake = None;
        let sleeping = Promise::new(&mut |resolve, _| {
            timer = set_timeout(&resolve, duration.as_millis() as f64);
            wake = Some(resolve);
        });
        let listen = |method: &str, wake: &Function| {
            if let Some(signal) = &self.signal {
                if let Ok(f) = Reflect::get(signal, &JsValue::from_str(method)) {
                    let _ = f
                        .unchecked_into::<Function>()
                        .call2(signal, &JsValue::from_str("abort"), wake);
                }
            }
        };
        if let Some(wake) = &wake {
            listen("addEventListener", wake);
        }
        let _ = JsFuture::from(sleeping).await;
        clear_timeout(&timer);
        if let Some(wake) = &wake {
            listen("removeEventListener", wake);
        }
        if self.aborted() {
            Err(TransportError::Aborted)
        } else {
            Ok(())
        }
    }
}

impl Transport for JsTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_once(request))
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, Result<(), TransportError>> {
        Box::pin(self.sleep_once(duration))
    }

    fn is_aborted(&self) -> bool {
        self.aborted()
    }

    fn logs(&self) -> bool {
        self.logger.is_some()
    }

    fn log(&self, line: String) -> BoxFuture<'_, ()> {
        if let Some(logger) = &self.logger {
            // The JS layer's logger never throws (it wraps the caller's); a throw would be ignored.
            let _ = logger.call1(&JsValue::NULL, &JsValue::from_str(&line));
        }
        Box::pin(std::future::ready(()))
    }
}
