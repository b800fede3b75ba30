//! wasm-bindgen exports: one `WasmClient` class. `run(op, targetJson, inputJson, timeoutMs,
//! signal)` runs any operation of [`crate::operations::dispatch`] and resolves to the result's JSON text, with the
//! API's snake_case fields. Errors cross as plain objects `{ name, message, … }` that the JS layer
//! turns into `Error` subclasses.

use super::shared::{connect, run_operation, Connected, ErrorInfo};
use super::wasm_browser_refusal::refuse_browser;
use super::wasm_host::JsHost;
use super::wasm_transport::JsTransport;
use crate::http::transport::Transport;
use js_sys::Promise;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// Runs when the module is instantiated: a browser context is refused before anything else.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    refuse_browser()
}

/// The client behind the JS `NeonAdmin` class.
#[wasm_bindgen]
pub struct WasmClient {
    inner: Rc<Connected>,
    host: Rc<JsHost>,
    logger: Option<js_sys::Function>,
}

fn error_to_js(error: impl Into<ErrorInfo>) -> JsValue {
    let text = serde_json::to_string(&error.into()).unwrap_or_default();
    js_sys::JSON::parse(&text).unwrap_or_else(|_| JsValue::from_str("NeonError"))
}

#[wasm_bindgen]
impl WasmClient {
    /// Resolves credentials and builds a client. `host` supplies env/file access (may be empty);
    /// `logger`, when given, receives the debug log's lines (one per attempt, nothing secret).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = optionsJson)] options_json: String,
        host: JsValue,
        #[wasm_bindgen(unchecked_param_type = "((line: string) => void) | undefined")] logger: Option<js_sys::Function>,
    ) -> Result<WasmClient, JsValue> {
        refuse_browser()?;
        let transport = JsTransport::new(None, logger.clone());
        let host = JsHost(host);
        let inner = connect(&options_json, &host, Arc::new(transport)).map_err(error_to_js)?;
        Ok(WasmClient {
            inner: Rc::new(inner),
            host: Rc::new(host),
            logger,
        })
    }

    /// Where the key came from: `"option"`, `"env"`, `"credentials_file"` or `"keyring"`.
    #[wasm_bindgen(getter, js_name = credentialSource, unchecked_return_type = "\"option\" | \"env\" | \"credentials_file\" | \"keyring\"")]
    pub fn credential_source(&self) -> JsValue {
        JsValue::from_str(self.inner.client.credential_source().as_str())
    }

    /// What the Neon CLI would have warned about while choosing the credential, and a refreshed
    /// CLI login that could not be written back, if anything.
    #[wasm_bindgen(getter, js_name = credentialWarning)]
    pub fn credential_warning(&self) -> Option<String> {
        self.inner.warning()
    }

    /// The API base URL in use.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.client.base_url().to_string()
    }

    /// Requests sent so far (retries included).
    #[wasm_bindgen(getter, js_name = requestsSent)]
    pub fn requests_sent(&self) -> f64 {
        self.inner.client.usage().0 as f64
    }

    /// Milliseconds requests have waited for the rate budget so far.
    #[wasm_bindgen(getter, js_name = waitedMs)]
    pub fn waited_ms(&self) -> f64 {
        self.inner.client.usage().1.as_secs_f64() * 1000.0
    }

    /// Runs operation `op` (e.g. `"apiKeys.create"`) on `target` (path parameters) with `input`,
    /// both JSON text made by the JS layer; `timeout_ms` overrides the per-attempt timeout and
    /// `signal` (an `AbortSignal`) aborts the call.
    pub fn run(
        &self,
        op: String,
        #[wasm_bindgen(js_name = targetJson)] target_json: String,
        #[wasm_bindgen(js_name = inputJson)] input_json: String,
        #[wasm_bindgen(js_name = timeoutMs)] timeout_ms: Option<f64>,
        #[wasm_bindgen(unchecked_param_type = "AbortSignal | undefined")] signal: JsValue,
    ) -> Promise {
        let transport = (!signal.is_undefined() && !signal.is_null())
            .then(|| Arc::new(JsTransport::new(Some(signal), self.logger.clone())) as Arc<dyn Transport>);
        let (connected, host) = (self.inner.clone(), self.host.clone());
        future_to_promise(async move {
            let value = run_operation(
                &connected,
                host.as_ref(),
                &op,
                &target_json,
                &input_json,
                timeout_ms,
                transport,
            )
            .await
            .map_err(error_to_js)?;
            // JSON text: the JS layer parses it with JSON.parse, far faster than building objects from wasm.
            Ok(JsValue::from_str(&value))
        })
    }
}

#[wasm_bindgen(typescript_custom_section)]
const HAND_WRITTEN_TYPES: &str = r#"
/** Per-call options, the last argument of every method. */
export interface RequestOptions {
    /** Aborts the call and the request in flight; the call rejects with `NeonAbortError` and is not retried. */
    signal?: AbortSignal;
    /** Per-attempt timeout in milliseconds for this call (overrides the client's `timeoutMs`). */
    timeoutMs?: number;
}

/**
 * Input of `emailProvider.update()` (and `emailProvider` of `apply()`): your own SMTP server, or
 * Neon's shared one. For `standard`, give any subset of the fields: the others keep their saved
 * values (Stack Auth integrations still need all six; the API answers 400 if one is missing).
 */
/** A Neon Auth provider as the API names it; names it adds later pass through. */
export type AuthProviderName = "mock" | "stack" | "better_auth" | (string & {});

/** A scope a branch credential may be issued with. */
export type CredentialScope = "storage:read" | "storage:write" | "ai_gateway:invoke" | "functions:invoke";

/**
 * A scope a listed credential carries: those it may be issued with, and others the platform grants
 * (`telemetry:write`, or one Neon adds later), passed through as they are.
 */
export type GrantedCredentialScope = CredentialScope | "telemetry:write" | (string & {});

export type EmailProviderInput =
    | { type: "standard"; host?: string; port?: number; username?: string; password?: string; senderEmail?: string; senderName?: string }
    | { type: "shared"; senderEmail?: string; senderName?: string };
"#;
