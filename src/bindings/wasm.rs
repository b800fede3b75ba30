//! wasm-bindgen exports: one `WasmClient` class whose methods return promises of plain objects
//! with the API's snake_case fields. Errors cross as plain objects `{ name, message, … }` that the
//! JS layer turns into `Error` subclasses.

use super::wasm_host::JsHost;
use super::wasm_input::{input, key_id};
use crate::api_keys::ApiKeys;
use crate::credentials::{self, CredentialOptions};
use crate::{Client, ClientOptions, Error};
use js_sys::Promise;
use serde::{Deserialize, Serialize};
use std::future::Future;
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

/// Input of `apiKeys.create()` / `orgApiKeys(orgId).create()`.
#[derive(Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateApiKeyInput {
    /// Name of the key (1 to 64 characters).
    name: String,
    /// Organization keys only: the one project the key may access.
    #[tsify(optional)]
    project_id: Option<String>,
}

/// Input of `rotate()`.
#[derive(Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RotateApiKeyInput {
    /// ID of the key being replaced.
    old_key_id: f64,
    /// Name of the new key.
    name: String,
    /// Organization keys only: scope the new key to this project.
    #[tsify(optional)]
    project_id: Option<String>,
    /// Revoke the old key once the new one exists (default false).
    #[tsify(optional)]
    revoke_old: Option<bool>,
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
    };
    match error {
        Error::Api(e) => {
            info.status = Some(e.status);
            info.code = Some(e.code);
            info.request_id = Some(e.request_id);
            info.attempts = Some(e.attempts);
        }
        Error::Network(e) => {
            info.timed_out = Some(e.timed_out);
            info.request_id = Some(e.request_id);
            info.attempts = Some(e.attempts);
        }
        Error::Config(e) => info.field = e.field,
    }
    serde_wasm_bindgen::to_value(&info).unwrap_or_else(|_| JsValue::from_str("NeonError"))
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error_to_js(Error::config(format!("could not convert the result: {e}"))))
}

fn run<T, F>(future: F) -> Promise
where
    T: Serialize,
    F: Future<Output = Result<T, Error>> + 'static,
{
    future_to_promise(async move { to_js(&future.await.map_err(error_to_js)?) })
}

fn rejected(error: Error) -> Promise {
    Promise::reject(&error_to_js(error))
}

/// The client behind the JS `NeonAdmin` class.
#[wasm_bindgen]
pub struct WasmClient {
    inner: Client,
}

impl WasmClient {
    fn keys(&self, org_id: &JsValue) -> Result<ApiKeys, Error> {
        if org_id.is_undefined() {
            return Ok(self.inner.api_keys());
        }
        let id = org_id
            .as_string()
            .ok_or_else(|| Error::field("orgId", "must be a string"))?;
        self.inner.org_api_keys(&id)
    }
}

#[wasm_bindgen]
impl WasmClient {
    /// Resolves credentials and builds a client. `host` supplies env/file access (may be empty).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ConnectOptions")] options: JsValue,
        host: JsValue,
    ) -> Result<WasmClient, JsValue> {
        let options = if options.is_undefined() {
            js_sys::Object::new().into()
        } else {
            options
        };
        let options: ConnectOptions = input("options", options).map_err(error_to_js)?;
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
        let inner = Client::new(found.key, found.source, &client_options).map_err(error_to_js)?;
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

    /// `GET /auth`.
    #[wasm_bindgen(unchecked_return_type = "Promise<AuthDetails>")]
    pub fn whoami(&self) -> Promise {
        let client = self.inner.clone();
        run(async move { client.whoami().await })
    }

    /// `GET /api_keys` or `GET /organizations/{orgId}/api_keys`.
    #[wasm_bindgen(js_name = listApiKeys, unchecked_return_type = "Promise<ApiKey[]>")]
    pub fn list_api_keys(
        &self,
        #[wasm_bindgen(js_name = orgId, unchecked_param_type = "string | undefined")] org_id: JsValue,
    ) -> Promise {
        match self.keys(&org_id) {
            Ok(keys) => run(async move { keys.list().await }),
            Err(e) => rejected(e),
        }
    }

    /// `POST …/api_keys`.
    #[wasm_bindgen(js_name = createApiKey, unchecked_return_type = "Promise<CreatedApiKey>")]
    pub fn create_api_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateApiKeyInput")] request: JsValue,
        #[wasm_bindgen(js_name = orgId, unchecked_param_type = "string | undefined")] org_id: JsValue,
    ) -> Promise {
        let (request, keys) =
            match input::<CreateApiKeyInput>("input", request).and_then(|r| Ok((r, self.keys(&org_id)?))) {
                Ok(pair) => pair,
                Err(e) => return rejected(e),
            };
        run(async move { keys.create(&request.name, request.project_id.as_deref()).await })
    }

    /// `DELETE …/api_keys/{keyId}`.
    #[wasm_bindgen(js_name = revokeApiKey, unchecked_return_type = "Promise<RevokedApiKey>")]
    pub fn revoke_api_key(
        &self,
        #[wasm_bindgen(js_name = keyId, unchecked_param_type = "number")] key_id_value: JsValue,
        #[wasm_bindgen(js_name = orgId, unchecked_param_type = "string | undefined")] org_id: JsValue,
    ) -> Promise {
        let (id, keys) = match key_id("keyId", &key_id_value).and_then(|id| Ok((id, self.keys(&org_id)?))) {
            Ok(pair) => pair,
            Err(e) => return rejected(e),
        };
        run(async move { keys.revoke(id).await })
    }

    /// Creates a new key, then revokes the old one only if asked and only once the new one exists.
    #[wasm_bindgen(js_name = rotateApiKey, unchecked_return_type = "Promise<Rotation>")]
    pub fn rotate_api_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RotateApiKeyInput")] request: JsValue,
        #[wasm_bindgen(js_name = orgId, unchecked_param_type = "string | undefined")] org_id: JsValue,
    ) -> Promise {
        let parsed = input::<RotateApiKeyInput>("input", request)
            .and_then(|r| Ok((key_id("oldKeyId", &JsValue::from_f64(r.old_key_id))?, r)))
            .and_then(|(old, r)| Ok((old, r, self.keys(&org_id)?)));
        let (old, request, keys) = match parsed {
            Ok(parts) => parts,
            Err(e) => return rejected(e),
        };
        let revoke_old = request.revoke_old.unwrap_or(false);
        run(async move {
            keys.rotate(old, &request.name, request.project_id.as_deref(), revoke_old)
                .await
        })
    }
}
