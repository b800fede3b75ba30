//! What both bindings share: the client options they accept, building a client from them, the
//! plain error record they hand to JavaScript, and reading the JSON text the JS layer sends.

use crate::credentials::{self, CredentialOptions, Host, Session};
use crate::http::client::check_timeout;
use crate::http::transport::Transport;
use crate::json::checked::SentJson;
use crate::json::input::parse;
use crate::operations::dispatch as ops;
use crate::reconcile::{Orphan, Reconciled};
use crate::{Client, ClientOptions, Error, RateLimits};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// Options of `NeonAdmin.connect()` / `new NeonAdmin()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectOptions {
    /// Neon API key; wins over `NEON_API_KEY` and the Neon CLI's credentials.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    api_key: Option<String>,
    /// API base URL (default: `NEON_API_HOST` as the `neon` CLI reads it, else
    /// `https://console.neon.tech/api/v2`); `https:` unless loopback.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    base_url: Option<String>,
    /// Per-attempt timeout in milliseconds (default 30000).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    timeout_ms: Option<u32>,
    /// Retries after the first attempt (default 2, 0 disables).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    max_retries: Option<u32>,
    /// Product token put before `neon-admin/<version>` in `User-Agent`.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    user_agent: Option<String>,
    /// Reconcile writes whose answer was lost (default true); false rejects with "the outcome
    /// is unknown", for callers who decide themselves.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    reconcile: Option<bool>,
    /// The Neon CLI config directory, used exactly as given.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    config_dir: Option<String>,
    /// The Neon CLI profile (default: `NEON_PROFILE`, else the default profile).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    profile: Option<String>,
    /// The rates every request keeps under (default Neon's: 700 per minute, 40 per second per
    /// route); `false` sends at once.
    #[cfg_attr(
        feature = "wasm",
        tsify(optional, type = "false | { perMinute?: number; perRoutePerSecond?: number }")
    )]
    rate_limit: Option<RateLimitOption>,
}

/// `rateLimit`: `false`, or an object whose missing numbers are Neon's.
struct RateLimitOption(Option<RateLimits>);

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RateLimitFields {
    per_minute: Option<u32>,
    per_route_per_second: Option<u32>,
}

impl<'de> Deserialize<'de> for RateLimitOption {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = RateLimitOption;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("false or { perMinute, perRoutePerSecond }")
            }
            fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<RateLimitOption, E> {
                match on {
                    false => Ok(RateLimitOption(None)),
                    true => Err(E::custom("must be false or { perMinute, perRoutePerSecond }")),
                }
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RateLimitOption, A::Error> {
                let fields = RateLimitFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let neon = RateLimits::default();
                Ok(RateLimitOption(Some(RateLimits {
                    per_minute: fields.per_minute.unwrap_or(neon.per_minute),
                    per_route_per_second: fields.per_route_per_second.unwrap_or(neon.per_route_per_second),
                })))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// A client, and the CLI login it must refresh before calls when it uses one.
pub struct Connected {
    /// The client.
    pub client: Client,
    /// The refreshable CLI login, if the key came from one.
    pub session: Option<Session>,
    /// What the CLI would have warned about while choosing the credential, and a deprecated
    /// variable read for the base URL.
    pub warning: Option<String>,
}

impl Connected {
    /// What the caller should know about the credential: the CLI's warning while choosing it,
    /// and a refreshed CLI login that could not be written back (see [`Session::unsaved`]).
    pub fn warning(&self) -> Option<String> {
        joined([self.warning.clone(), self.session.as_ref().and_then(Session::unsaved)])
    }
}

/// The warnings that are there, in order, as one text.
fn joined<const N: usize>(warnings: [Option<String>; N]) -> Option<String> {
    warnings.into_iter().flatten().reduce(|a, b| format!("{a}; {b}"))
}

/// Builds a client from the JSON text of [`ConnectOptions`], resolving credentials through `host`.
pub fn connect(options_json: &str, host: &dyn Host, transport: Arc<dyn Transport>) -> Result<Connected, Error> {
    let options: ConnectOptions = parse("options", json_arg("options", options_json)?)?;
    let (base_url, base_url_warning) = crate::http::client::base_url_setting(options.base_url, host)?;
    let found = credentials::resolve(
        &CredentialOptions {
            api_key: options.api_key,
            config_dir: options.config_dir,
            profile: options.profile,
        },
        host,
    )?;
    let client_options = ClientOptions {
        base_url,
        timeout: options.timeout_ms.map(|ms| Duration::from_millis(ms.into())),
        max_retries: options.max_retries,
        user_agent: options.user_agent,
        rate_limit: match options.rate_limit {
            Some(RateLimitOption(limits)) => limits,
            None => Some(RateLimits::default()),
        },
        reconcile: options.reconcile,
    };
    Ok(Connected {
        client: Client::new(found.key, found.source, &client_options, transport)?,
        session: found.session,
        warning: joined([found.warning, base_url_warning]),
    })
}

/// Runs one operation from the JSON text the JS layer made, on `client` adjusted for the call
/// (with the CLI login's current token, refreshed first through `host` if it has expired). What
/// was reconciled is reported as `reconciled` in the result (an object; `{ reconciled }` for an
/// operation without a result) or in the error record, which also carries `partial` when the
/// call failed after the API showed it a secret.
#[allow(clippy::too_many_arguments)]
pub async fn run_operation(
    connected: &Connected,
    host: &dyn Host,
    op: &str,
    target_json: &str,
    input_json: &str,
    timeout_ms: Option<f64>,
    transport: Option<Arc<dyn Transport>>,
) -> Result<String, ErrorInfo> {
    let timeout = timeout_ms.map(check_timeout_ms).transpose()?;
    let mut client = connected.client.for_call(transport, timeout)?;
    if let Some(session) = &connected.session {
        let key = session.bearer(host, client.transport(), client.user_agent()).await?;
        client = client.with_bearer(key);
    }
    let result = ops::run(
        &client,
        op,
        json_arg("target", target_json)?,
        json_arg("input", input_json)?,
    )
    .await;
    let (reconciled, orphans) = client.reconciliations();
    match result {
        Ok(text) => match reconciled.last() {
            None => Ok(text),
            Some(last) => with_reconciled(&text, *last).map_err(ErrorInfo::from),
        },
        Err(error) => {
            let mut info = ErrorInfo::from(error);
            info.reconciled = reconciled.last().copied();
            info.orphans = (!orphans.is_empty()).then_some(orphans);
            info.partial = client.partial().map(|text| SentJson(text.into()));
            Err(info)
        }
    }
}

/// The result `text` with `reconciled` added.
fn with_reconciled(text: &str, reconciled: Reconciled) -> Result<String, Error> {
    let mut value: Value = json_arg("result", text)?;
    if value.is_null() {
        value = Value::Object(Default::default());
    }
    if let Value::Object(map) = &mut value {
        map.insert(
            "reconciled".into(),
            serde_json::to_value(reconciled).unwrap_or_default(),
        );
    }
    serde_json::to_string(&value).map_err(|e| Error::config(format!("could not encode the result: {e}")))
}

/// Parses JSON text the JS layer made.
fn json_arg(name: &str, text: &str) -> Result<Value, Error> {
    crate::json::de::text::value(text.as_bytes()).ok_or_else(|| Error::field(name, "is not valid JSON"))
}

/// Checks a per-attempt timeout given as a JavaScript number of milliseconds, which must be whole:
/// a fraction, NaN or an infinity counts as zero, which `check_timeout` refuses.
fn check_timeout_ms(ms: f64) -> Result<Duration, Error> {
    let whole = ms.fract() == 0.0 && ms >= 0.0;
    // `as` saturates, so a number past u64 stays too long.
    check_timeout(Duration::from_millis(if whole { ms as u64 } else { 0 }))
}

/// An error as the plain record the JS layer turns into a `NeonError` subclass.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
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
    #[serde(skip_serializing_if = "Option::is_none")]
    reconciled: Option<Reconciled>,
    #[serde(skip_serializing_if = "Option::is_none")]
    orphans: Option<Vec<Orphan>>,
    /// The call's result as far as it got, when it failed after the API showed it a secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    partial: Option<SentJson<Box<str>>>,
}

impl From<Error> for ErrorInfo {
    fn from(error: Error) -> ErrorInfo {
        let mut info = ErrorInfo {
            name: error.name(),
            message: error.to_string(),
            ..Default::default()
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
        info
    }
}
