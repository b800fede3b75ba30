//! A CLI login with a refresh token, kept usable the way the `neon` CLI keeps it, so that both
//! tools go on sharing one session: when the access token has expired, take the CLI's lock file
//! (see [`super::refresh_lock`]), re-read the file (another process may have refreshed it
//! meanwhile), refresh at the OAuth server, and rewrite the file atomically in the CLI's format.
//!
//! A refresh that cannot be written back (a read-only file or folder) is not lost: the new
//! tokens stay in this session, so later calls of the same client use them without refreshing
//! again, and [`Session::unsaved`] says what happened. The refresh token in the file may no
//! longer work by then (the server may rotate it), so the warning says to log in again.

use super::refresh_lock::{self, Lock};
use super::stored::{self, Login};
use super::{file_label, oauth, Host};
use crate::error::{Error, Result};
use crate::http::transport::Transport;
use crate::secret::Secret;
use crate::validate;
use serde_json::{Map, Value};
use std::sync::Mutex;

/// How a refreshed token is named when it cannot go into a header.
const REFRESHED: &str = "the refreshed Neon CLI login";

/// A refreshable login stored in a file.
pub struct Session {
    path: String,
    lock_path: String,
    oauth_host: String,
    /// The stored object as last read or written (tokens included, so never printed).
    fields: Mutex<Map<String, Value>>,
    /// Set while `fields` holds a refresh the file could not take: why, for the caller.
    unsaved: Mutex<Option<String>>,
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
            unsaved: Mutex::new(None),
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

    /// When this session holds a refreshed login its file could not take: what happened and
    /// what to do (no token in it).
    pub fn unsaved(&self) -> Option<String> {
        self.unsaved.lock().ok().and_then(|u| u.clone())
    }

    fn snapshot(&self) -> Map<String, Value> {
        self.fields.lock().map(|f| f.clone()).unwrap_or_default()
    }

    /// The access token to send now, refreshed first (and the file rewritten) if it has expired.
    pub async fn bearer(&self, host: &dyn Host, transport: &dyn Transport, user_agent: &str) -> Result<Secret> {
        let known = self.snapshot();
        if let Some(token) = stored::usable(&known, host.now_ms()) {
            // Checked when it was read or refreshed.
            return Ok(Secret::new(token));
        }
        if !host.can_write() {
            return Err(super::cannot_refresh_here(&file_label(&self.path)));
        }
        let lock = refresh_lock::acquire(host, transport, &self.lock_path).await?;
        let unlocked = match &lock {
            Lock::Held => None,
            Lock::Unavailable(reason) => Some(reason.as_str()),
        };
        let outcome = self.refresh_locked(host, transport, user_agent, &known, unlocked).await;
        if lock == Lock::Held {
            host.remove_file(&self.lock_path);
        }
        let (fields, source) = outcome?;
        let token = stored::usable(&fields, f64::NEG_INFINITY)
            .ok_or_else(|| stored::malformed(&file_label(&self.path), "holds no access token after the refresh"))?;
        let token = validate::bearer(&source, token)?;
        if let Ok(mut current) = self.fields.lock() {
            *current = fields;
        }
        Ok(token)
    }

    /// Under the lock (or without it when it `unlocked` says why it cannot be created): adopt a
    /// login another process refreshed meanwhile, or refresh and rewrite. The login, and the
    /// source its access token is named by in errors.
    async fn refresh_locked(
        &self,
        host: &dyn Host,
        transport: &dyn Transport,
        user_agent: &str,
        known: &Map<String, Value>,
        unlocked: Option<&str>,
    ) -> Result<(Map<String, Value>, String)> {
        let label = file_label(&self.path);
        let loaded = match host.read_file(&self.path) {
            Ok(Some(text)) => match stored::parse(&label, &text)? {
                stored::Stored::OAuth(login) => Some(login.fields),
                stored::Stored::ApiKey(_) => {
                    return Err(Error::config(format!(
                        "{label} now holds an API key instead of a login: build the client again"
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
                return Ok((fields.clone(), label));
            }
        }
        // A refresh the file could not take is newer than the file: its refresh token is the one to use.
        let previous = match loaded {
            Some(fields) if self.unsaved().is_none() => fields,
            _ => known.clone(),
        };
        let refresh_token = previous
            .get("refresh_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| stored::malformed(&label, "holds no refresh token"))?;
        let response = oauth::refresh(transport, &self.oauth_host, refresh_token, user_agent).await?;
        let next = stored_after_refresh(response, &previous, host.now_ms());
        let text = serde_json::to_string(&next).map_err(|_| Error::config("could not write the refreshed login"))?;
        let unsaved = host.write_file_atomic(&self.path, &text).err().map(|reason| {
            let lock = unlocked.map(|why| format!(", nor lock it: {why}")).unwrap_or_default();
            format!(
                "refreshed the Neon CLI login but could not write it back to {} ({reason}{lock}): this client keeps the new tokens and uses them until they expire, but the login stored there may no longer refresh; make the folder writable and run `neon auth` to log in again, or set NEON_API_KEY",
                self.path
            )
        });
        if let Some(warning) = &unsaved {
            if transport.logs() {
                transport.log(format!("neon-admin: {warning}")).await;
            }
        }
        if let Ok(mut current) = self.unsaved.lock() {
            *current = unsaved;
        }
        Ok((next, REFRESHED.to_string()))
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
#[path = "../../tests/unit/session.rs"]
mod tests;
