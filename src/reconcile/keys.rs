//! Key creation that survives a lost answer, and the scope check of every new key.
//!
//! The IDs listed just before the create tell the key this call made apart from keys that
//! already existed. After a lost answer the keys are listed again; a new key with this call's
//! name and scope is an orphan (live, but its token is lost for good): it is revoked and the
//! key created once more, under the same rules. The caller ends with exactly one live key whose
//! token it holds, or an error naming every orphan and whether it was revoked.

use super::{answer_lost, Orphan, Reconciled};
use crate::api_keys::{ApiKey, ApiKeys, CreatedApiKey};
use crate::error::{ApiError, Error, Result};

/// Sends the create at most this often.
const CREATES: usize = 2;

impl ApiKeys {
    /// Creates a key; `before` (the keys listed just before, `None` when not reconciling) lets a
    /// lost answer be reconciled. The new key's scope is checked either way.
    pub(crate) async fn create_after(
        &self,
        before: Option<&[ApiKey]>,
        name: &str,
        project_id: Option<&str>,
    ) -> Result<CreatedApiKey> {
        let Some(before) = before else {
            return self
                .check_scope(self.post_key(name, project_id).await?, project_id)
                .await;
        };
        let mut orphans: Vec<Orphan> = Vec::new();
        for sent in 1..=CREATES {
            let lost = match self.post_key(name, project_id).await {
                Ok(created) => return self.check_scope(created, project_id).await,
                Err(e) if answer_lost(&e) => e,
                Err(e) => return Err(with_orphans(e, &orphans)),
            };
            let listed = match self.list().await {
                Ok(listed) => listed,
                Err(read) => {
                    let context = format!(
                        "the answer to creating key \"{name}\" was lost and listing the keys to find it failed too ({}): list the keys and revoke any key named \"{name}\" you did not receive",
                        read.name()
                    );
                    return Err(with_orphans(lost.with_context(&context), &orphans));
                }
            };
            // A revoked organization key can stay listed for a few seconds: skip the ones revoked here.
            let made: Vec<i64> = listed
                .iter()
                .filter(|k| k.name == name && k.project_id.as_deref() == project_id)
                .filter(|k| !before.iter().any(|b| b.id == k.id) && !orphans.iter().any(|o| o.id == k.id))
                .map(|k| k.id)
                .collect();
            if made.len() > 1 {
                let context = format!(
                    "the answer to creating key \"{name}\" was lost and {} new keys with that name appeared (IDs {}); another caller may be creating keys with the same name, so none was revoked: check them and revoke the ones nobody holds",
                    made.len(),
                    ids(&made)
                );
                return Err(with_orphans(lost.with_context(&context), &orphans));
            }
            if let Some(&id) = made.first() {
                let revoked = self.revoke_orphan(id).await;
                let orphan = Orphan { id, revoked };
                self.client.note_orphan(orphan).await;
                orphans.push(orphan);
                if !revoked {
                    let context = format!(
                        "the answer to creating key \"{name}\" was lost; key {id} was made but its token is lost, and revoking it failed: revoke key {id} yourself, then create the key again"
                    );
                    return Err(with_orphans(lost.with_context(&context), &orphans));
                }
            }
            if sent == CREATES {
                let what = if orphans.is_empty() {
                    "no key from this call is listed".to_string()
                } else {
                    format!(
                        "the keys it made (IDs {}) were revoked",
                        ids(&orphans.iter().map(|o| o.id).collect::<Vec<_>>())
                    )
                };
                let context = format!(
                    "the answers to both creates of key \"{name}\" were lost; {what}, so this call left no live key: try again later"
                );
                return Err(lost.with_context(&context));
            }
            self.client
                .note(if made.is_empty() {
                    Reconciled::SentAgain
                } else {
                    Reconciled::OrphanRevoked
                })
                .await;
        }
        unreachable!("the loop returns on its last send")
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
    /// without it unscoped; any other key is revoked at once.
    async fn check_scope(&self, created: CreatedApiKey, project_id: Option<&str>) -> Result<CreatedApiKey> {
        if created.project_id.as_deref() == project_id {
            return Ok(created);
        }
        let scope = |p: Option<&str>| match p {
            Some(p) => format!("project {p}"),
            None => "no project".to_string(),
        };
        let cleanup = match self.revoke(created.id).await {
            Ok(_) => "so it was revoked at once".to_string(),
            Err(e) => format!(
                "and revoking it failed ({}): revoke key {} yourself",
                e.name(),
                created.id
            ),
        };
        Err(Error::Api(ApiError {
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
        }))
    }
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
