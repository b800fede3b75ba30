//! napi-rs exports for the native Node addon: one `NativeClient` class with the same shape as the
//! wasm `WasmClient` (JSON text in, JSON text out), so the JS layer drives both the same way.
//! Cancellation: the JS layer gives each call with a signal an id and calls `cancel(id)` on abort.

use super::shared::{connect, run_operation, Connected, ErrorInfo};
use crate::credentials::native_host::NativeHost;
use crate::http::native_transport::{prepare_http, Cancel, NativeTransport};
use crate::http::transport::Transport;
use crate::Error;
use napi::threadsafe_function::ThreadsafeFunction;
use napi::threadsafe_function::UnknownReturnValue;
use napi_derive::napi;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The JS logger: called with one line, its return value ignored; weak, so that it never keeps
/// the process alive.
type LineLogger = ThreadsafeFunction<String, UnknownReturnValue, String, napi::Status, false, true>;

fn to_napi(error: impl Into<ErrorInfo>) -> napi::Error {
    let text = serde_json::to_string(&error.into()).unwrap_or_default();
    napi::Error::new(napi::Status::GenericFailure, text)
}

/// Starts building the HTTP client of the first `NativeClient` on a thread of its own (see
/// `prepare_http`); the JS wrapper calls it as the addon loads.
#[napi(js_name = "prepareHttp")]
pub fn prepare() {
    prepare_http();
}

/// The client behind the JS `NeonAdmin` class on the native backend.
#[napi]
pub struct NativeClient {
    inner: Connected,
    host: NativeHost,
    transport: NativeTransport,
    cancels: Arc<Mutex<HashMap<u32, Arc<Cancel>>>>,
}

#[napi]
impl NativeClient {
    /// Resolves credentials (from `env` when given, else the process environment) and builds a
    /// client. Throws an Error whose message is the JSON of the error record.
    /// `logger`, when given, receives the debug log's lines (one per attempt, nothing secret); each
    /// attempt waits until JavaScript has taken its line, so a call's lines come before its result.
    #[napi(constructor)]
    pub fn new(
        options_json: String,
        env: Option<HashMap<String, String>>,
        logger: Option<LineLogger>,
    ) -> napi::Result<NativeClient> {
        let mut transport = NativeTransport::new().map_err(|e| to_napi(Error::config(e)))?;
        if let Some(logger) = logger {
            let logger = Arc::new(logger);
            transport = transport.with_logger(Arc::new(move |line| {
                let logger = logger.clone();
                Box::pin(async move {
                    // A logger that throws loses its line, never the call.
                    let _ = logger.call_async_catch(line).await;
                })
            }));
        }
        let host = NativeHost { env };
        let inner = connect(&options_json, &host, Arc::new(transport.clone())).map_err(to_napi)?;
        Ok(NativeClient {
            inner,
            host,
            transport,
            cancels: Arc::default(),
        })
    }

    /// Where the key came from: `"option"`, `"env"`, `"credentials_file"` or `"keyring"`.
    #[napi(getter)]
    pub fn credential_source(&self) -> String {
        self.inner.client.credential_source().as_str().to_string()
    }

    /// What the Neon CLI would have warned about while choosing the credential, and a refreshed
    /// CLI login that could not be written back, if anything.
    #[napi(getter)]
    pub fn credential_warning(&self) -> Option<String> {
        self.inner.warning()
    }

    /// The API base URL in use.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.client.base_url().to_string()
    }

    /// Requests sent so far (retries included).
    #[napi(getter)]
    pub fn requests_sent(&self) -> f64 {
        self.inner.client.usage().0 as f64
    }

    /// Milliseconds requests have waited for the rate budget so far.
    #[napi(getter)]
    pub fn waited_ms(&self) -> f64 {
        self.inner.client.usage().1.as_secs_f64() * 1000.0
    }

    /// Runs one operation; resolves to the result's JSON text, or rejects with an Error whose message
    /// is the JSON of the error record.
    #[napi]
    pub async fn run(
        &self,
        op: String,
        target_json: String,
        input_json: String,
        timeout_ms: Option<f64>,
        cancel_id: Option<u32>,
    ) -> napi::Result<String> {
        let transport = cancel_id.map(|id| {
            // `cancel(id)` may have run already (the abort raced the call's start): reuse its token.
            let cancel = self
                .cancels
                .lock()
                .map(|mut m| m.entry(id).or_default().clone())
                .unwrap_or_default();
            Arc::new(self.transport.with_cancel(cancel)) as Arc<dyn Transport>
        });
        let result = run_operation(
            &self.inner,
            &self.host,
            &op,
            &target_json,
            &input_json,
            timeout_ms,
            transport,
        )
        .await;
        if let Some(id) = cancel_id {
            self.cancels.lock().map(|mut m| m.remove(&id)).ok();
        }
        result.map_err(to_napi)
    }

    /// Aborts the call registered under `id` (also when it has not started yet).
    #[napi]
    pub fn cancel(&self, id: u32) {
        if let Ok(mut calls) = self.cancels.lock() {
            calls.entry(id).or_default().cancel();
        }
    }
}
