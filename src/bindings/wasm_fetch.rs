//! The wasm transport: the runtime's own `fetch`, with redirects left unfollowed, a timeout and
//! the caller's `AbortSignal` both aborting the real request, and the body read chunk by chunk up
//! to the size cap.

use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use js_sys::{Function, Promise, Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, Headers, ReadableStreamDefaultReader, RequestInit, RequestRedirect, Response,
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch(input: &str, init: &RequestInit) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// `fetch`, optionally bound to one call's `AbortSignal`, and the caller's debug logger if any.
#[derive(Debug, Default)]
pub struct FetchTransport {
    signal: Option<AbortSignal>,
    logger: Option<Function>,
}

impl FetchTransport {
    /// A transport whose sends and sleeps end when `signal` aborts, handing debug-log lines to
    /// `logger`.
    pub fn new(signal: Option<AbortSignal>, logger: Option<Function>) -> FetchTransport {
        FetchTransport { signal, logger }
    }

    fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(AbortSignal::aborted)
    }
}

/// Why the request's own controller aborted, if it did.
const NONE: u8 = 0;
const TIMED_OUT: u8 = 1;
const CALLER: u8 = 2;

/// A message for a rejected `fetch` or body read: the error's message and its cause's.
fn describe(error: &JsValue) -> String {
    let text = |v: &JsValue, key: &str| {
        Reflect::get(v, &JsValue::from_str(key))
            .ok()
            .and_then(|m| m.as_string())
    };
    let mut message = text(error, "message").unwrap_or_else(|| "the request failed".to_string());
    if let Ok(cause) = Reflect::get(error, &JsValue::from_str("cause")) {
        if let Some(detail) = text(&cause, "message").or_else(|| text(&cause, "code")) {
            message = format!("{message}: {detail}");
        }
    }
    message
}

fn network(status: Option<u16>) -> impl Fn(JsValue) -> TransportError {
    move |error| TransportError::Network {
        message: describe(&error),
        status,
    }
}

fn init(request: &HttpRequest, signal: &AbortSignal) -> Result<RequestInit, TransportError> {
    let fail = |_| TransportError::Network {
        message: "could not build the request".into(),
        status: None,
    };
    let headers = Headers::new().map_err(fail)?;
    for (name, value) in &request.headers {
        headers.set(name, value).map_err(fail)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_headers(&headers);
    init.set_redirect(RequestRedirect::Manual);
    init.set_signal(Some(signal));
    if let Some(body) = &request.body {
        init.set_body(&Uint8Array::from(body.as_slice()));
    }
    Ok(init)
}

/// Reads the body up to `max` bytes. A body of a declared, uncompressed length within the cap is
/// read in one step; any other is read chunk by chunk, so the cap holds for compressed or
/// undeclared lengths too.
async fn read_body(response: &Response, status: u16, max: usize) -> Result<Vec<u8>, TransportError> {
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let length = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    if length.is_some_and(|n| n > max as u64) {
        let _ = stream.cancel();
        return Err(TransportError::TooLarge { status });
    }
    let identity = header("content-encoding").is_none_or(|e| e.trim().eq_ignore_ascii_case("identity"));
    if length.is_some() && identity {
        let promise = response.array_buffer().map_err(network(Some(status)))?;
        let buffer = JsFuture::from(promise).await.map_err(network(Some(status)))?;
        return Ok(Uint8Array::new(&buffer).to_vec());
    }
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::with_capacity(length.unwrap_or(0) as usize);
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(network(Some(status)))?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true)
        {
            return Ok(body);
        }
        let bytes: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(network(Some(status)))?
            .unchecked_into();
        if body.len() + bytes.length() as usize > max {
            let _ = reader.cancel();
            return Err(TransportError::TooLarge { status });
        }
        let start = body.len();
        body.resize(start + bytes.length() as usize, 0);
        bytes.copy_to(&mut body[start..]);
    }
}

async fn exchange(request: &HttpRequest, signal: &AbortSignal) -> Result<HttpResponse, TransportError> {
    let promise = fetch(&request.url, &init(request, signal)?).map_err(network(None))?;
    let response: Response = JsFuture::from(promise).await.map_err(network(None))?.unchecked_into();
    let status = response.status();
    let headers = response.headers();
    let retry_after = headers.get("retry-after").ok().flatten();
    let retry_after_ms = headers.get("retry-after-ms").ok().flatten();
    let request_id = headers.get("x-request-id").ok().flatten();
    let body = read_body(&response, status, request.max_body).await?;
    Ok(HttpResponse {
        status,
        retry_after,
        retry_after_ms,
        request_id,
        body,
    })
}

impl FetchTransport {
    async fn send_once(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        if self.aborted() {
            return Err(TransportError::Aborted);
        }
        let fail = |_| TransportError::Network {
            message: "AbortController is not available".into(),
            status: None,
        };
        let controller = AbortController::new().map_err(fail)?;
        let why = Rc::new(Cell::new(NONE));
        let on_timeout = {
            let (controller, why) = (controller.clone(), why.clone());
            Closure::<dyn FnMut()>::new(move || {
                why.set(TIMED_OUT);
                controller.abort();
            })
        };
        let on_abort = {
            let (controller, why) = (controller.clone(), why.clone());
            Closure::<dyn FnMut()>::new(move || {
                why.set(CALLER);
                controller.abort();
            })
        };
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), request.timeout.as_millis() as f64);
        if let Some(signal) = &self.signal {
            let _ = signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
        let result = exchange(&request, &controller.signal()).await;
        clear_timeout(&timer);
        if let Some(signal) = &self.signal {
            let _ = signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
        match (result, why.get()) {
            (_, CALLER) => Err(TransportError::Aborted),
            (Err(_), TIMED_OUT) => Err(TransportError::Timeout),
            (result, _) => result,
        }
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
        if let (Some(signal), Some(wake)) = (&self.signal, &wake) {
            let _ = signal.add_event_listener_with_callback("abort", wake);
        }
        let _ = JsFuture::from(sleeping).await;
        clear_timeout(&timer);
        if let (Some(signal), Some(wake)) = (&self.signal, &wake) {
            let _ = signal.remove_event_listener_with_callback("abort", wake);
        }
        if self.aborted() {
            Err(TransportError::Aborted)
        } else {
            Ok(())
        }
    }
}

impl Transport for FetchTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_once(request))
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, Result<(), TransportError>> {
        Box::pin(self.sleep_once(duration))
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
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
