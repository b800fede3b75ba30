//! wasm-bindgen exports: one `WasmClient` class. `call(op, target, input)` runs any operation of
//! [`crate::ops`] and resolves to a plain object with the API's snake_case fields. Errors cross as
//! plain objects `{ name, message, … }` that the JS layer turns into `Error` subclasses.

use super::wasm_fetch::FetchTransport;
use super::wasm_host::JsHost;
use super::wasm_runtime::refuse_browser;
use crate::credentials::{self, CredentialOptions};
use crate::input::parse;
use crate::transport::Transport;
use crate::{ops, Client, ClientOptions, Error};
use js_sys::Promise;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// Options of `NeonAdmin.connect()` / `new NeonAdmin()` (the JS layer adds `env`).
#[derive(Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectOptions {
    /// Neon API key; wins over `NEON_API_KEY` and the Neon CLI's credentials.
    #[tsify(optional)]
    api_key: Option<String>,
    /// API base URL (default `https://console.neon.tech/api/v2`); `https:` unless loopback.
    #[tsify(optional)]
    base_url: Option<String>,
    /// Per-attempt timeout in milliseconds (default 30000).
    #[tsify(optional)]
    timeout_ms: Option<u32>,
    /// Retries after the first attempt (default 2, 0 disables).
    #[tsify(optional)]
    max_retries: Option<u32>,
    /// Product token put before `neon-admin/<version>` in `User-Agent`.
    #[tsify(optional)]
    user_agent: Option<String>,
    /// The Neon CLI config directory, used exactly as given.
    #[tsify(optional)]
    config_dir: Option<String>,
    /// The Neon CLI profile (default: `NEON_PROFILE`, else the default profile).
    #[tsify(optional)]
    profile: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorInfo {
    name: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timed_out: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attempts: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_ms: Option<u64>,
}

fn error_to_js(error: Error) -> JsValue {
    let mut info = ErrorInfo {
        name: error.name(),
        message: error.to_string(),
        status: None,
        code: None,
        request_id: None,
        timed_out: None,
        attempts: None,
        field: None,
        retry_after_ms: None,
    };
    match error {
        Error::Api(e) => {
            info.status = Some(e.status);
            info.code = Some(e.code);
            info.request_id = Some(e.request_id);
            info.attempts = Some(e.attempts);
            info.retry_after_ms = e.retry_after_ms;
        }
        Error::Network(e) => {
            info.timed_out = Some(e.timed_out);
            info.status = e.status;
            info.request_id = Some(e.request_id);
            info.attempts = Some(e.attempts);
        }
        Error::Config(e) => info.field = e.field,
        Error::Aborted(e) => {
            info.request_id = Some(e.request_id);
            info.attempts = Some(e.attempts);
        }
    }
    serde_wasm_bindgen::to_value(&info).unwrap_or_else(|_| JsValue::from_str("NeonError"))
}

/// Runs when the module is instantiated: a browser context is refused before anything else.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    refuse_browser()
}

/// The client behind the JS `NeonAdmin` class.
#[wasm_bindgen]
pub struct WasmClient {
    inner: Client,
}

#[wasm_bindgen]
impl WasmClient {
    /// Resolves credentials and builds a client. `host` supplies env/file access (may be empty).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = optionsJson)] options_json: String,
        host: JsValue,
    ) -> Result<WasmClient, JsValue> {
        refuse_browser()?;
        let options: ConnectOptions = json_arg("options", &options_json)
            .and_then(|v| parse("options", v))
            .map_err(error_to_js)?;
        let found = credentials::resolve(
            &CredentialOptions {
                api_key: options.api_key,
                config_dir: options.config_dir,
                profile: options.profile,
            },
            &JsHost(host),
        )
        .map_err(error_to_js)?;
        let client_options = ClientOptions {
            base_url: options.base_url,
            timeout: options.timeout_ms.map(|ms| Duration::from_millis(ms.into())),
            max_retries: options.max_retries,
            user_agent: options.user_agent,
        };
        let transport = Arc::new(FetchTransport::default());
        let inner = Client::new(found.key, found.source, &client_options, transport).map_err(error_to_js)?;
        Ok(WasmClient { inner })
    }

    /// Where the key came from: `"option"`, `"env"` or `"credentials_file"`.
    #[wasm_bindgen(getter, js_name = credentialSource, unchecked_return_type = "\"option\" | \"env\" | \"credentials_file\"")]
    pub fn credential_source(&self) -> JsValue {
        JsValue::from_str(self.inner.credential_source().as_str())
    }

    /// The API base URL in use.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    /// Runs operation `op` (e.g. `"apiKeys.create"`) on `target` (path parameters) with `input`,
    /// both JSON text made by the JS layer; `timeout_ms` overrides the per-attempt timeout and
    /// `signal` (an `AbortSignal`) aborts the call.
    pub fn call(
        &self,
        op: String,
        #[wasm_bindgen(js_name = targetJson)] target_json: String,
        #[wasm_bindgen(js_name = inputJson)] input_json: String,
        #[wasm_bindgen(js_name = timeoutMs)] timeout_ms: Option<f64>,
        #[wasm_bindgen(unchecked_param_type = "AbortSignal | undefined")] signal: JsValue,
    ) -> Promise {
        let prepared = (|| {
            let transport = (!signal.is_undefined() && !signal.is_null())
                .then(|| Arc::new(FetchTransport::with_signal(Some(signal.unchecked_into()))) as Arc<dyn Transport>);
            let client = self.inner.for_call(transport, timeout(timeout_ms)?)?;
            Ok::<_, Error>((
                client,
                json_arg("target", &target_json)?,
                json_arg("input", &input_json)?,
            ))
        })();
        future_to_promise(async move {
            let (client, target, input) = prepared.map_err(error_to_js)?;
            let value = ops::call(&client, &op, target, input).await.map_err(error_to_js)?;
            value
                .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .map_err(|e| error_to_js(Error::config(format!("could not convert the result: {e}"))))
        })
    }
}

/// Parses JSON text the JS layer made.
fn json_arg(name: &str, text: &str) -> Result<serde_json::Value, Error> {
    serde_json::from_str(text).map_err(|_| Error::field(name, "is not valid JSON"))
}

/// A per-call timeout in whole milliseconds.
fn timeout(ms: Option<f64>) -> Result<Option<Duration>, Error> {
    match ms {
        None => Ok(None),
        Some(ms) if ms.fract() == 0.0 && (1.0..=3_600_000.0).contains(&ms) => {
            Ok(Some(Duration::from_millis(ms as u64)))
        }
        Some(_) => Err(Error::field("timeoutMs", "must be between 1 and 3600000 milliseconds")),
    }
}

#[wasm_bindgen(typescript_custom_section)]
const REQUEST_OPTIONS: &str = r#"
/** Per-call options, the last argument of every method. */
export interface RequestOptions {
    /** Aborts the call and the request in flight; the call rejects with `NeonAbortError` and is not retried. */
    signal?: AbortSignal;
    /** Per-attempt timeout in milliseconds for this call (overrides the client's `timeoutMs`). */
    timeoutMs?: number;
}
"#;
