//! The `neon` CLI's lock around refreshing a login: the file `.refresh-<id>.lock`, created
//! exclusively, waited for up to 20 s in 50 ms steps, taken over when older than 60 s.
//!
//! A lock that vanishes between the failed create and the look at its age was just released:
//! it is created again at once, never removed, since by then another process may have created
//! it. Only a lock seen older than 60 s is removed. (Two processes that see the same stale lock
//! at once can still both take it; the CLI's lock has that window too, and a stale lock means a
//! process died while refreshing.)
//!
//! A lock that cannot be created at all (a read-only folder, as a mounted secret is) is not
//! waited for: no process can refresh there under the lock, so the refresh goes on without it,
//! and the login it gets is kept in memory (see `session`).

use super::Host;
use crate::error::{Error, Result};
use crate::http::transport::Transport;
use std::time::Duration;

const LOCK_WAIT_MS: f64 = 20_000.0;
const LOCK_RETRY: Duration = Duration::from_millis(50);
const LOCK_STALE_MS: f64 = 60_000.0;

/// How the refresh lock was taken.
#[derive(Debug, PartialEq)]
pub(super) enum Lock {
    /// This process holds it: remove it once done.
    Held,
    /// It cannot be created here, for this reason.
    Unavailable(String),
}

/// Takes the lock `lock_path`, waiting while another process holds it.
pub(super) async fn acquire(host: &dyn Host, transport: &dyn Transport, lock_path: &str) -> Result<Lock> {
    let deadline = host.now_ms() + LOCK_WAIT_MS;
    // Whether the last look found the lock gone: a second time in a row means waiting too, so
    // a lock that cannot be created and cannot be seen (a dangling link) is not spun on.
    let mut vanished = false;
    loop {
        match host.create_new(lock_path) {
            Ok(true) => return Ok(Lock::Held),
            Ok(false) => {}
            Err(reason) => return Ok(Lock::Unavailable(reason)),
        }
        let wait = match host.modified_ms(lock_path) {
            None => std::mem::replace(&mut vanished, true),
            Some(modified) if host.now_ms() - modified > LOCK_STALE_MS => {
                host.remove_file(lock_path);
                vanished = false;
                false
            }
            Some(_) => {
                vanished = false;
                true
            }
        };
        if host.now_ms() >= deadline {
            return Err(Error::config(format!(
                "could not lock {lock_path} to refresh the stored Neon CLI login: another process holds it; retry"
            )));
        }
        if wait {
            transport
                .sleep(LOCK_RETRY)
                .await
                .map_err(|_| Error::config("the call was aborted while waiting to refresh the Neon CLI login"))?;
        }
    }
}

#[cfg(test)]
#[path = "../../tests/unit/refresh_lock.rs"]
mod tests;
