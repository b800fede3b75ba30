//! Writes whose answer was lost. Neon's API has no idempotency key, so the pipeline never resends
//! a write after a lost answer (it may have been applied). Instead the operation itself finds
//! out: it reads the resource back and either settles ("already-done") or sends the write once
//! more ("sent-again"); a key creation looks for the key it made, revokes it (its token is lost
//! for good) and creates once more ("orphan-revoked"); a credential's create or rotate finds the
//! credential and recovers its secrets with `reveal` ("revealed"). `reconcile: false` turns this
//! off.

mod keys;

pub(crate) use keys::Listing;

use crate::error::Error;
use crate::error::Result;
use crate::http::client::Client;
use serde::Serialize;
use serde_json::Value;
use std::future::Future;
use std::sync::Mutex;

/// What a reconciliation found and did.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reconciled {
    /// The read-back showed the write had been applied; it was not sent again.
    AlreadyDone,
    /// The read-back showed the write had not been applied (or could not tell); it was sent once more.
    SentAgain,
    /// A key made by the lost create was found and revoked (its token was lost), and the key
    /// was created once more.
    OrphanRevoked,
    /// The credential the lost create or rotate made was found, and its live secrets recovered
    /// with `reveal`; nothing was sent again.
    Revealed,
}

/// A key made by a create whose answer was lost: its token never reached the caller.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Orphan {
    /// Key ID.
    pub id: i64,
    /// Whether it was revoked.
    pub revoked: bool,
}

/// What was reconciled during one call, and what a failed call had received before it failed.
#[derive(Debug, Default)]
pub struct Journal {
    notes: Mutex<(Vec<Reconciled>, Vec<Orphan>)>,
    /// The JSON text of the call's result so far, kept when the call fails after the API showed
    /// it a secret (see [`Client::with_partial`]).
    partial: Mutex<Option<String>>,
}

impl Journal {
    pub(crate) fn note(&self, reconciled: Reconciled) {
        if let Ok(mut j) = self.notes.lock() {
            j.0.push(reconciled);
        }
    }

    pub(crate) fn note_orphan(&self, orphan: Orphan) {
        if let Ok(mut j) = self.notes.lock() {
            j.1.push(orphan);
        }
    }

    pub(crate) fn read(&self) -> (Vec<Reconciled>, Vec<Orphan>) {
        self.notes.lock().map(|j| j.clone()).unwrap_or_default()
    }
}

impl Client {
    /// Whether writes whose answer was lost are reconciled.
    pub(crate) fn reconciles(&self) -> bool {
        self.reconcile
    }

    /// Records a reconciliation of the current call.
    pub(crate) async fn note(&self, reconciled: Reconciled) {
        self.journal.note(reconciled);
        let what = match reconciled {
            Reconciled::AlreadyDone => "already-done (the read-back showed it applied)",
            Reconciled::SentAgain => "sent-again (the read-back showed it not applied)",
            Reconciled::OrphanRevoked => "orphan-revoked (the key it made was revoked; created again)",
            Reconciled::Revealed => "revealed (the credential it made was found; its secrets recovered)",
        };
        self.log_line(format!("neon-admin: a write's answer was lost; reconciled: {what}"))
            .await;
    }

    /// Records a key made by a create whose answer was lost.
    pub(crate) async fn note_orphan(&self, orphan: Orphan) {
        self.journal.note_orphan(orphan);
        let state = if orphan.revoked {
            "revoked"
        } else {
            "NOT revoked: revoke it yourself"
        };
        self.log_line(format!(
            "neon-admin: key {} was made by a create whose answer was lost; {state}",
            orphan.id
        ))
        .await;
    }

    /// The reconciliations of the current call so far (one per write whose answer was lost),
    /// and the keys made by creates whose answers were lost. Use it on a client made by
    /// [`Client::for_call`], which starts with none.
    pub fn reconciliations(&self) -> (Vec<Reconciled>, Vec<Orphan>) {
        self.journal.read()
    }

    /// `error`, with `so_far` (the call's result as far as it got) kept as the call's partial
    /// result: a call that fails after the API returned a secret shown only once (a new key's
    /// token, Neon Auth's keys) hands that secret back this way rather than losing it.
    pub(crate) fn with_partial(&self, error: Error, so_far: &impl Serialize) -> Error {
        // The result types encode as their successful results do; that cannot fail.
        if let (Ok(text), Ok(mut partial)) = (serde_json::to_string(so_far), self.journal.partial.lock()) {
            *partial = Some(text);
        }
        error
    }

    /// The JSON text of what the current call had received when it failed, when it failed after
    /// the API showed it a secret (see [`Client::reconciliations`] for which client to ask).
    pub fn partial(&self) -> Option<String> {
        self.journal.partial.lock().ok().and_then(|p| p.clone())
    }
}

/// Whether `error` means that a write's answer was lost after the request may have reached the
/// server: no answer (reset, timeout, cut-off body), a 5xx other than 503 (which the spec says
/// is safe to resend, and the pipeline does), or a 2xx body that is not the expected JSON.
pub fn answer_lost(error: &Error) -> bool {
    match error {
        Error::Network(_) => true,
        Error::Api(e) => {
            (e.status >= 500 && e.status != 503) || matches!(e.code.as_str(), "invalid_response" | "response_too_large")
        }
        Error::Config(_) | Error::Aborted(_) => false,
    }
}

/// Runs `write`; after a lost answer (when the client reconciles), `settled` reads the resource
/// back: `Some(result)` when the write is already in effect, `None` when it is not, and then
/// `write` is sent once more. A failing read-back gives the write's own error, saying so.
pub(crate) async fn converge<T, W, WF, S, SF>(client: &Client, write: W, settled: S) -> Result<T>
where
    W: Fn() -> WF,
    WF: Future<Output = Result<T>>,
    S: FnOnce() -> SF,
    SF: Future<Output = Result<Option<T>>>,
{
    let lost = match write().await {
        Err(e) if client.reconciles() && answer_lost(&e) => e,
        other => return other,
    };
    match settled().await {
        Ok(Some(done)) => {
            client.note(Reconciled::AlreadyDone).await;
            Ok(done)
        }
        Ok(None) => {
            client.note(Reconciled::SentAgain).await;
            write().await
        }
        Err(read) => Err(lost.with_context(&format!(
            "the answer was lost and reading the state back to check it failed too ({}; request id {})",
            read.name(),
            request_id(&read)
        ))),
    }
}

/// A write that sets the fields of `body` on a resource: after a lost answer, `read` gets the
/// resource (`None` when it is not there), and the write counts as done when every field of
/// `body` reads back equal. A field
/// the API does not return, or returns masked (a secret), cannot be compared: the write is sent
/// again.
pub(crate) async fn set_fields<T, W, WF, R, RF>(client: &Client, body: &Value, write: W, read: R) -> Result<T>
where
    T: Serialize,
    W: Fn() -> WF,
    WF: Future<Output = Result<T>>,
    R: FnOnce() -> RF,
    RF: Future<Output = Result<Option<T>>>,
{
    converge(client, write, || async move {
        Ok(read().await?.filter(|current| {
            let now = serde_json::to_value(current).unwrap_or(Value::Null);
            contains(&now, body)
        }))
    })
    .await
}

/// Whether `current` has every field of `wanted` with the same value (objects compared field by
/// field, anything else exactly).
pub fn contains(current: &Value, wanted: &Value) -> bool {
    match (current, wanted) {
        (Value::Object(now), Value::Object(want)) => {
            want.iter().all(|(k, w)| now.get(k).is_some_and(|n| contains(n, w)))
        }
        _ => current == wanted,
    }
}

fn request_id(error: &Error) -> &str {
    match error {
        Error::Api(e) => &e.request_id,
        Error::Network(e) => &e.request_id,
        Error::Aborted(e) => &e.request_id,
        Error::Config(_) => "none",
    }
}
