//! A CLI login with a refresh token, kept usable the way the `neon` CLI keeps it, so that both
//! tools go on sharing one session: when the access token has expired, take the CLI's lock file
//! (`.refresh-<id>.lock`, created exclusively, waited for up to 20 s in 50 ms steps, taken over
//! when older than 60 s), re-read the file (another process may have refreshed it meanwhile),
//! refresh at the OAuth server, and rewrite the file atomically in the CLI's format.

use super::stored::{self, Login};
use super::{oauth, Host};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::Transport;
use serde_json::{Map, Value};
use std::sync::Mutex;
use std::time::Duration;

const LOCK_WAIT_MS: f64 = 20_000.0;
const LOCK_RETRY: Duration = Duration::from_millis(50);
const LOCK_STALE_MS: f64 = 60_000.0;

/// A refreshable login stored in a file.
pub struct Session {
    path: String,
    lock_path: String,
    oauth_host: String,
    /// The stored object as last read or written (tokens included, so never printed).
    fields: Mutex<Map<String, Value>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("path", &self.path)
            .field("lock_path", &self.lock_path)
            .field("oauth_host", &self.oauth_host)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A session for the login read from `path`.
    pub(super) fn new(path: String, lock_path: String, oauth_host: String, login: &Login) -> Session {
        Session {
            path,
            lock_path,
            oauth_host,
            fields: Mutex::new(login.fields.clone()),
        }
    }

    /// The credentials file this session lives in.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The lock file the CLI takes to refresh it.
    pub fn lock_path(&self) -> &str {
        &self.lock_path
    }

    fn snapshot(&self) -> Map<String, Value> {
        self.fields.lock().map(|f| f.clone()).unwrap_or_default()
    }

    /// The access token to send now, refreshed first (and the file rewritten) if it has expired.
    pub async fn bearer(&self, host: &dyn Host, transport: &dyn Transport, user_agent: &str) -> Result<Secret> {
        let known = self.snapshot();
        if let Some(token) = stored::usable(&known, host.now_ms()) {
            return Ok(Secret::new(token));
        }
        if !host.can_write() {
            return Err(super::cannot_refresh_here(&self.path));
        }
        self.lock(host, transport).await?;
        let outcome = self.refresh_locked(host, transport, user_agent, &known).await;
        host.remove_file(&self.lock_path);
        let fields = outcome?;
        let token = stored::usable(&fields, f64::NEG_INFINITY)
            .map(Secret::new)
            .ok_or_else(|| stored::malformed(&self.path, "holds no access token after the refresh"))?;
        if let Ok(mut current) = self.fields.lock() {
            *current = fields;
        }
        Ok(token)
    }

    async fn lock(&self, host: &dyn Host, transport: &dyn Transport) -> Result<()> {
        let deadline = host.now_ms() + LOCK_WAIT_MS;
        loop {
            match host.create_new(&self.lock_path) {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(reason) => {
                    return Err(Error::config(format!(
                        "could not create the lock file {} to refresh the Neon CLI login in {}: {reason}; fix the folder's permissions, or set NEON_API_KEY",
                        self.lock_path, self.path
                    )))
                }
            }
            let stale = host
                .modified_ms(&self.lock_path)
                .is_none_or(|m| host.now_ms() - m > LOCK_STALE_MS);
            if stale {
                host.remove_file(&self.lock_path);
                continue;
            }
            if host.now_ms() >= deadline {
                return Err(Error::config(format!(
                    "could not lock {} to refresh the stored Neon CLI login: another process holds it; retry",
                    self.lock_path
                )));
            }
            transport
                .sleep(LOCK_RETRY)
                .await
                .map_err(|_| Error::config("the call was aborted while waiting to refresh the Neon CLI login"))?;
        }
    }

    /// Under the lock: adopt a login another process refreshed meanwhile, or refresh and rewrite.
    async fn refresh_locked(
        &self,
        host: &dyn Host,
        transport: &dyn Transport,
        user_agent: &str,
        known: &Map<String, Value>,
    ) -> Result<Map<String, Value>> {
        let loaded = match host.read_file(&self.path) {
            Ok(Some(text)) => match stored::parse(&self.path, &text)? {
                stored::Stored::OAuth(login) => Some(login.fields),
                stored::Stored::ApiKey(_) => {
                    return Err(Error::config(format!(
                    "the Neon CLI credentials file {} now holds an API key instead of a login: build the client again",
                    self.path
                )))
                }
            },
            Ok(None) => None,
            Err(reason) => return Err(super::unreadable(&self.path, &reason)),
        };
        let now = host.now_ms();
        if let Some(fields) = &loaded {
            let token = stored::usable(fields, now);
            if token.is_some() && token != known.get("access_token").and_then(Value::as_str) {
                return Ok(fields.clone());
            }
        }
        let previous = loaded.unwrap_or_else(|| known.clone());
        let refresh_token = previous
            .get("refresh_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| stored::malformed(&self.path, "holds no refresh token"))?;
        let response = oauth::refresh(transport, &self.oauth_host, refresh_token, user_agent).await?;
        let next = stored_after_refresh(response, &previous, host.now_ms());
        let text = serde_json::to_string(&next).map_err(|_| Error::config("could not write the refreshed login"))?;
        host.write_file_atomic(&self.path, &text).map_err(|reason| {
            Error::config(format!(
                "refreshed the Neon CLI login but could not rewrite {}: {reason}; run `neon auth` to log in again, or set NEON_API_KEY",
                self.path
            ))
        })?;
        Ok(next)
    }
}

/// The object the CLI stores after a refresh: the token response, `expires_at` (now plus
/// `expires_in` whole seconds, as `Date.setSeconds` counts), `"type": "oauth"`, the previous
/// refresh token when the server sent none, and the previous `user_id`.
pub fn stored_after_refresh(
    mut response: Map<String, Value>,
    previous: &Map<String, Value>,
    now_ms: f64,
) -> Map<String, Value> {
    let expires_in = response.get("expires_in").and_then(Value::as_f64).unwrap_or(0.0);
    // Whole seconds as an integer: `f64::rem_euclid` would bring libm's fmod into the wasm module.
    let seconds = ((now_ms / 1000.0).floor() as i64).rem_euclid(60) as f64;
    let expires_at = now_ms + ((seconds + expires_in).trunc() - seconds) * 1000.0;
    response.insert("expires_at".into(), oauth::js_number(expires_at));
    response.insert("type".into(), Value::from("oauth"));
    let fresh = response
        .get("refresh_token")
        .and_then(Value::as_str)
        .is_some_and(|t| !t.is_empty());
    if !fresh {
        if let Some(old) = previous
            .get("refresh_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
        {
            response.insert("refresh_token".into(), Value::from(old));
        }
    }
    if let Some(user_id) = previous.get("user_id") {
        response.insert("user_id".into(), user_id.clone());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn stored_like_the_cli_after_a_refresh() {
        let previous = map(json!({ "access_token": "a0", "refresh_token": "r0", "expires_at": 1, "user_id": "u" }));
        let now = 1_800_000_017_250.0; // 17.25 s past a minute
        let rotated =
            map(json!({ "access_token": "a1", "refresh_token": "r1", "token_type": "bearer", "expires_in": 3600.9 }));
        let next = stored_after_refresh(rotated, &previous, now);
        assert_eq!(next["expires_at"], json!(1_800_003_617_250_i64));
        assert_eq!(
            (next["type"].clone(), next["refresh_token"].clone()),
            (json!("oauth"), json!("r1"))
        );
        assert_eq!(next["user_id"], json!("u"));
        let kept = stored_after_refresh(
            map(json!({ "access_token": "a2", "token_type": "bearer" })),
            &previous,
            now,
        );
        assert_eq!(
            (kept["refresh_token"].clone(), kept["expires_at"].clone()),
            (json!("r0"), json!(now as i64))
        );
    }
}
