//! Key creation that survives a lost answer, and the scope check of every new key.
//!
//! The IDs listed just before the create tell the key this call made apart from keys that
//! already existed. After a lost answer the keys are listed again; a new key with this call's
//! name and scope is a candidate. It counts as this call's orphan (live, but its token is lost
//! for good) only when nothing tells it apart from the key this call would have made: created by
//! the caller (`created_by` is the account `GET /auth` names), no earlier than the second the
//! API answered the listing made just before the create was sent, and never used. An orphan is
//! revoked and the key created once more, under the same rules; any other candidate is left
//! alone and the call rejects, naming it and what set it apart. The caller ends with exactly one
//! live key whose token it holds, or an error naming every orphan and whether it was revoked.
//!
//! What stays indistinguishable: a key of the same name created by the same account within the
//! same second, e.g. by two jobs of one user. Giving each job its own key name (one carrying the
//! CI run ID, say) is the way out.

use super::{answer_lost, Orphan, Reconciled};
use crate::error::{ApiError, Error, Result};
use crate::http::clock::rfc3339_seconds;
use crate::resources::api_keys::{ApiKey, ApiKeys, CreatedApiKey};

/// The keys listed just before a create, and the second the API answered (its `Date` header,
/// else this machine's clock; see [`crate::http::client::Client`]'s `send_list_at`): no key created
/// before that second can be the create's.
pub(crate) struct Listing {
    /// The keys listed.
    pub keys: Vec<ApiKey>,
    /// Seconds since the epoch.
    pub at: i64,
}

/// Sends the create at most this often.
const CREATES: usize = 2;

impl ApiKeys {
    /// Creates a key; `before` (the keys listed just before, `None` when not reconciling) lets a
    /// lost answer be reconciled. The new key's scope is checked either way.
    pub(crate) async fn create_after(
        &self,
        before: Option<&Listing>,
        name: &str,
        project_id: Option<&str>,
    ) -> Result<CreatedApiKey> {
        let Some(before) = before else {
            return self
                .check_scope(self.post_key(name, project_id).await?, project_id)
                .await;
        };
        let mut orphans: Vec<Orphan> = Vec::new();
        // The second of the answer received just before this send (the listing).
        let mut sent_at = before.at;
        for sent in 1..=CREATES {
            let lost = match self.post_key(name, project_id).await {
                Ok(created) => return self.check_scope(created, project_id).await,
                Err(e) if answer_lost(&e) => e,
                Err(e) => return Err(with_orphans(e, &orphans)),
            };
            let listed = match self.list_at().await {
                Ok(listed) => listed,
                Err(read) => {
                    let context = format!(
                        "the answer to creating key \"{name}\" was lost and listing the keys to find it failed too ({}): list the keys and revoke any key named \"{name}\" you did not receive",
                        read.name()
                    );
                    return Err(with_orphans(lost.with_context(&context), &orphans));
                }
            };
            let made = made_since(&listed, before, &orphans, name, project_id);
            if let Err(context) = self.revoke_made(&made, name, sent_at, &mut orphans).await {
                return Err(with_orphans(lost.with_context(&context), &orphans));
            }
            if sent == CREATES {
                return Err(lost.with_context(&nothing_left(name, &orphans)));
            }
            self.client
                .note(if made.is_empty() {
                    Reconciled::SentAgain
                } else {
                    Reconciled::OrphanRevoked
                })
                .await;
            sent_at = listed.at;
        }
        unreachable!("the loop returns on its last send")
    }

    /// Deals with the keys `made` by a create of key `name` sent no earlier than second
    /// `sent_at` whose answer was lost: several are left alone, as is one that may not be this
    /// call's; the one that is this call's orphan is revoked and added to `orphans`. `Err` holds
    /// the context of the error the call then ends with.
    async fn revoke_made(
        &self,
        made: &[&ApiKey],
        name: &str,
        sent_at: i64,
        orphans: &mut Vec<Orphan>,
    ) -> std::result::Result<(), String> {
        if made.len() > 1 {
            return Err(format!(
                "the answer to creating key \"{name}\" was lost and {} new keys with that name appeared (IDs {}); another caller may be creating keys with the same name, so none was revoked: check them and revoke the ones nobody holds{}",
                made.len(),
                ids(&made.iter().map(|k| k.id).collect::<Vec<_>>()),
                self.tell_apart(made, sent_at).await
            ));
        }
        let Some(key) = made.first() else {
            return Ok(());
        };
        self.check_own(key, name, sent_at).await?;
        let id = key.id;
        let revoked = self.revoke_orphan(id).await;
        let orphan = Orphan { id, revoked };
        self.client.note_orphan(orphan).await;
        orphans.push(orphan);
        if !revoked {
            return Err(format!(
                "the answer to creating key \"{name}\" was lost; key {id} was made but its token is lost, and revoking it failed: revoke key {id} yourself, then create the key again"
            ));
        }
        Ok(())
    }

    /// `Ok` when `key`, the one new key named `name` after a lost create sent no earlier than
    /// second `sent_at`, can be that create's; else the error's context, naming what set it
    /// apart (or that the caller could not be identified) and what to check.
    async fn check_own(&self, key: &ApiKey, name: &str, sent_at: i64) -> std::result::Result<(), String> {
        let id = key.id;
        let caller = match self.client.whoami().await {
            Ok(me) => me.into_inner().account_id,
            Err(e) => {
                return Err(format!(
                    "the answer to creating key \"{name}\" was lost and key {id} with that name appeared, but finding out who this caller is (GET /auth) failed ({}), so it was left alone: check who holds key {id}, revoke it only if nobody does, then create the key again",
                    e.name()
                ))
            }
        };
        let apart = set_apart(key, &caller, sent_at);
        if apart.is_empty() {
            return Ok(());
        }
        Err(format!(
            "the answer to creating key \"{name}\" was lost and key {id} with that name appeared, but it is not this call's: it {}. It was left alone: check who holds key {id} (another job or organization member creating the same name?), and give each job its own key name, e.g. one carrying the CI run ID",
            apart.join(", and it ")
        ))
    }

    /// For keys that are not revoked either way: what sets each apart from this call's key, as
    /// a clause to append (empty when the caller cannot be identified).
    async fn tell_apart(&self, keys: &[&ApiKey], sent_at: i64) -> String {
        let Ok(me) = self.client.whoami().await else {
            return String::new();
        };
        let caller = me.into_inner().account_id;
        let each: Vec<String> = keys
            .iter()
            .map(|key| match set_apart(key, &caller, sent_at).as_slice() {
                [] => format!("key {} could be this call's", key.id),
                apart => format!("key {} {}", key.id, apart.join(" and ")),
            })
            .collect();
        format!(" ({})", each.join("; "))
    }

    /// Revokes an orphan; whether it is revoked. A revocation converges, so one whose answer was
    /// lost is sent once more, and a 404 then means it was revoked the first time.
    async fn revoke_orphan(&self, id: i64) -> bool {
        match self.revoke(id).await {
            Ok(_) => true,
            Err(e) if answer_lost(&e) => match self.revoke(id).await {
                Ok(_) => true,
                Err(Error::Api(e)) => e.status == 404,
                Err(_) => false,
            },
            Err(_) => false,
        }
    }

    /// A key created with `project_id` must come back scoped to that project, and one created
    /// without it unscoped; any other key is revoked at once. If that revocation fails, the key
    /// is live: it is handed back as the error's partial result.
    async fn check_scope(&self, created: CreatedApiKey, project_id: Option<&str>) -> Result<CreatedApiKey> {
        if created.project_id.as_deref() == project_id {
            return Ok(created);
        }
        let scope = |p: Option<&str>| match p {
            Some(p) => format!("project {p}"),
            None => "no project".to_string(),
        };
        let revoke = self.revoke(created.id).await;
        let cleanup = match &revoke {
            Ok(_) => "so it was revoked at once".to_string(),
            Err(e) => format!(
                "and revoking it failed ({}): revoke key {} yourself (its token is in this error's `partial`)",
                e.name(),
                created.id
            ),
        };
        let error = Error::Api(ApiError {
            status: 200,
            code: "key_scope_mismatch".into(),
            message: format!(
                "the new key {} came back scoped to {} instead of {}, {cleanup}; create it again, and report this to Neon if it persists",
                created.id,
                scope(created.project_id.as_deref()),
                scope(project_id)
            ),
            request_id: "none (the answer was read)".into(),
            attempts: 1,
            retry_after_ms: None,
            hint: None,
        });
        match revoke {
            Ok(_) => Err(error),
            Err(_) => Err(self.client.with_partial(error, &created)),
        }
    }
}

/// What tells `key` apart from a key this call made: made by another account than `caller`,
/// created before second `sent_at` (when the create was sent), or already used. Empty when
/// nothing does.
pub(crate) fn set_apart(key: &ApiKey, caller: &str, sent_at: i64) -> Vec<String> {
    let mut apart = Vec::new();
    if key.created_by.id != caller {
        apart.push(format!(
            "was created by user {}, not by this caller ({caller})",
            key.created_by.id
        ));
    }
    match rfc3339_seconds(&key.created_at) {
        Some(created) if created >= sent_at => {}
        Some(_) => apart.push(format!(
            "was created at {}, before this call sent its create",
            key.created_at
        )),
        None => apart.push(format!(
            "has a creation time ({:?}) that cannot be read",
            key.created_at.chars().take(40).collect::<String>()
        )),
    }
    if let Some(used) = key.last_used_at.as_deref().filter(|u| !u.is_empty()) {
        apart.push(format!("was already used (last used at {used})"));
    }
    apart
}

/// The keys in `listed` that a create of key `name` in `project_id` made: new since `before`,
/// and not revoked here already (a revoked organization key can stay listed for a few seconds).
fn made_since<'a>(
    listed: &'a Listing,
    before: &Listing,
    orphans: &[Orphan],
    name: &str,
    project_id: Option<&str>,
) -> Vec<&'a ApiKey> {
    listed
        .keys
        .iter()
        .filter(|k| k.name == name && k.project_id.as_deref() == project_id)
        .filter(|k| !before.keys.iter().any(|b| b.id == k.id) && !orphans.iter().any(|o| o.id == k.id))
        .collect()
}

/// The context of the error after both creates of key `name` lost their answers.
fn nothing_left(name: &str, orphans: &[Orphan]) -> String {
    let what = if orphans.is_empty() {
        "no key from this call is listed".to_string()
    } else {
        format!(
            "the keys it made (IDs {}) were revoked",
            ids(&orphans.iter().map(|o| o.id).collect::<Vec<_>>())
        )
    };
    format!("the answers to both creates of key \"{name}\" were lost; {what}, so this call left no live key: try again later")
}

fn ids(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

/// `error`, saying which orphans an earlier lost create left and that they were revoked.
fn with_orphans(error: Error, orphans: &[Orphan]) -> Error {
    let revoked: Vec<i64> = orphans.iter().filter(|o| o.revoked).map(|o| o.id).collect();
    if revoked.is_empty() {
        return error;
    }
    error.with_context(&format!(
        "an earlier create's answer was lost and the key it made was revoked (IDs {})",
        ids(&revoked)
    ))
}

#[cfg(test)]
#[path = "../../tests/unit/reconcile_keys.rs"]
mod tests;
