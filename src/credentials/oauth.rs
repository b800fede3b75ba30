//! The OAuth refresh-token grant the `neon` CLI makes (through `openid-client`): discovery at
//! `<host>/.well-known/openid-configuration`, then a form POST to its `token_endpoint` as the
//! public client `neonctl`. Both endpoints must be `https:`, or plain `http:` on loopback.

use super::OAUTH_CLIENT_ID;
use crate::error::{Error, Result};
use crate::http::transport::{HttpRequest, Method, Transport, TransportError};
use crate::validate::check_base_url;
use serde_json::{Map, Value};
use std::time::Duration;

/// The CLI's timeout for each request to the OAuth server.
const TIMEOUT: Duration = Duration::from_secs(10);
const MAX_BODY: usize = 1024 * 1024;

/// Exchanges `refresh_token` at the OAuth server `host`; the token response, checked and
/// normalized as `openid-client` does (`token_type` lower-cased, `expires_in` a number).
pub async fn refresh(
    transport: &dyn Transport,
    host: &str,
    refresh_token: &str,
    user_agent: &str,
) -> Result<Map<String, Value>> {
    let base = safe_url(host, "NEON_OAUTH_HOST")?;
    let discovery = format!("{base}/.well-known/openid-configuration");
    let (status, metadata) = send(transport, Method::GET, &discovery, None, user_agent, host).await?;
    if status != 200 {
        return Err(unreachable(host, &format!("its discovery document answered {status}")));
    }
    let issuer = metadata.get("issuer").and_then(Value::as_str).unwrap_or_default();
    if issuer.trim_end_matches('/') != host.trim_end_matches('/') {
        return Err(unreachable(host, "its discovery document names another issuer"));
    }
    let endpoint = metadata
        .get("token_endpoint")
        .and_then(Value::as_str)
        .ok_or_else(|| unreachable(host, "its discovery document has no token_endpoint"))?;
    safe_url(endpoint, "the token endpoint")?;
    let form = format!(
        "grant_type=refresh_token&refresh_token={}&client_id={}",
        form_encode(refresh_token),
        OAUTH_CLIENT_ID
    );
    let (status, mut body) = send(transport, Method::POST, endpoint, Some(form), user_agent, host).await?;
    if status != 200 {
        let code = body.get("error").and_then(Value::as_str).unwrap_or("unexpected answer");
        let detail = body
            .get("error_description")
            .and_then(Value::as_str)
            .map(|d| format!(": {}", d.chars().take(200).collect::<String>()))
            .unwrap_or_default();
        return Err(Error::config(format!(
            "the Neon authorization server rejected the stored Neon CLI login ({status} {}{detail}): run `neon auth` to log in again, or set NEON_API_KEY",
            code.chars().take(60).collect::<String>()
        )));
    }
    let string = |body: &Map<String, Value>, name: &str| body.get(name).is_none_or(Value::is_string);
    let token_type = body
        .get("token_type")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    if !body.get("access_token").is_some_and(Value::is_string) || token_type.is_none() {
        return Err(unreachable(
            host,
            "its token response has no access_token or token_type",
        ));
    }
    if !string(&body, "refresh_token") || !string(&body, "scope") {
        return Err(unreachable(host, "its token response is malformed"));
    }
    body.insert("token_type".into(), Value::from(token_type.unwrap_or_default()));
    if let Some(expires_in) = body.get("expires_in") {
        let seconds = match expires_in {
            Value::Number(n) => n.as_f64(),
            // Parsed as a JSON value, whose parser the module already has: a typed `from_str::<f64>`
            // (or str::parse::<f64>) would add a second number parser and float formatting.
            Value::String(s) => crate::json::de::text::value(s.trim().as_bytes()).and_then(|v| v.as_f64()),
            _ => None,
        }
        .filter(|s| s.is_finite())
        .ok_or_else(|| unreachable(host, "its token response has a malformed expires_in"))?;
        body.insert("expires_in".into(), js_number(seconds));
    }
    Ok(body)
}

/// A number as `JSON.stringify` writes it: integers without a fraction.
pub fn js_number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

/// An endpoint the CLI accepts: `https:`, or `http:` on a loopback host.
fn safe_url(url: &str, what: &str) -> Result<String> {
    check_base_url(url).map_err(|_| {
        Error::config(format!(
            "{what} ({url}) is not an https: URL (plain http is allowed only on loopback), so the Neon CLI login cannot be refreshed: fix it, or set NEON_API_KEY"
        ))
    })
}

async fn send(
    transport: &dyn Transport,
    method: Method,
    url: &str,
    form: Option<String>,
    user_agent: &str,
    host: &str,
) -> Result<(u16, Map<String, Value>)> {
    let mut headers = vec![
        ("accept", "application/json".to_string()),
        ("user-agent", user_agent.to_string()),
    ];
    if form.is_some() {
        headers.push((
            "content-type",
            "application/x-www-form-urlencoded;charset=UTF-8".to_string(),
        ));
    }
    let request = HttpRequest {
        method,
        url: url.to_string(),
        headers,
        body: form.map(String::into_bytes),
        timeout: TIMEOUT,
        max_body: MAX_BODY,
    };
    let response = transport.send(request).await.map_err(|e| {
        let why = match e {
            TransportError::Network { message, .. } => message,
            TransportError::Timeout => format!("no answer within {} seconds", TIMEOUT.as_secs()),
            TransportError::Aborted => "the call was aborted".to_string(),
            TransportError::TooLarge { .. } => "its answer was too large".to_string(),
        };
        unreachable(host, &why)
    })?;
    match crate::json::de::text::value(&response.body) {
        Some(Value::Object(map)) => Ok((response.status, map)),
        _ if response.status != 200 => Ok((response.status, Map::new())),
        _ => Err(unreachable(host, "it answered something other than a JSON object")),
    }
}

fn unreachable(host: &str, why: &str) -> Error {
    Error::config(format!(
        "could not refresh the stored Neon CLI login at the Neon authorization server {host}: {why}; retry, run `neon me` to let the Neon CLI refresh it, or set NEON_API_KEY"
    ))
}

/// `application/x-www-form-urlencoded` encoding of one value.
fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
