//! Credential writes whose answer was lost. Neon has no idempotency key, and a credential's
//! secrets are shown once, so nothing here is sent twice blindly:
//! - a lost **create** is found by listing: a credential with the same name, not listed before
//!   the send and issued no earlier than the second of that listing, is this call's; `reveal`
//!   recovers its secrets. None found: the create never took effect and is sent once more.
//!   Without a name, or with several candidates, nothing tells this call's apart: the error names
//!   the candidates (none is revoked: one may be another caller's).
//! - a lost **rotate** is never resent (a second one would invalidate the secrets the first
//!   made): `reveal` recovers the live secrets;
//! - a lost **revoke** is settled by the listing (revoked, or gone, counts as done).

use super::{BranchCredentials, Credential, CredentialSecrets, IssuedCredential, CREATE, REVOKE, ROTATE};
use crate::error::{Error, Result};
use crate::http::clock::rfc3339_seconds;
use crate::json::checked::Checked;
use crate::reconcile::{answer_lost, converge, Reconciled};
use serde::Serialize;

/// What a rotate returns: the API's answer, or after a lost answer the secrets `reveal` recovered.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Rotated {
    /// The rotate's own answer.
    Answered(Checked<IssuedCredential>),
    /// The live secrets, recovered after the rotate's answer was lost.
    Revealed(Checked<CredentialSecrets>),
}

impl BranchCredentials {
    /// Sends the create of `body`; a lost answer is settled as the module says.
    pub(super) async fn create_settled(
        &self,
        body: &impl Serialize,
        name: Option<&str>,
    ) -> Result<Checked<IssuedCredential>> {
        let request = CREATE.with_json(&self.prefix, &[], body)?;
        if !self.client.reconciles() {
            return self.client.send_checked(request).await;
        }
        let (before, listed_at) = self.list_at().await?;
        let lost = match self.client.send_checked::<IssuedCredential>(request.clone()).await {
            Err(e) if answer_lost(&e) => e,
            other => return other,
        };
        let after = match self.list().await {
            Ok(listed) => listed.into_inner(),
            Err(read) => {
                let context = format!("the answer to issuing the credential was lost and listing the branch's credentials to find it failed too ({}): list them, and revoke one you did not receive", read.name());
                return Err(lost.with_context(&context));
            }
        };
        // A time that cannot be read may be anything: such a credential stays a candidate.
        let new: Vec<&Credential> = after
            .iter()
            .filter(|c| c.revoked_at.is_none() && rfc3339_seconds(&c.created_at).is_none_or(|t| t >= listed_at))
            .filter(|c| !before.iter().any(|b| b.token_id == c.token_id))
            .collect();
        let Some(name) = name else {
            return Err(lost.with_context(&unnamed(&new)));
        };
        let mine: Vec<&&Credential> = new.iter().filter(|c| c.name.as_deref() == Some(name)).collect();
        match mine.as_slice() {
            [] => {
                self.client.note(Reconciled::SentAgain).await;
                self.client.send_checked(request).await
            }
            [made] => self.recovered(made).await.map_err(|e| {
                let context = format!("the answer to issuing credential \"{name}\" was lost; it was made as {} but revealing its secrets failed too: call reveal(\"{}\")", made.token_id, made.token_id);
                e.with_context(&context)
            }),
            several => Err(lost.with_context(&format!(
                "the answer to issuing credential \"{name}\" was lost, and {} credentials of that name were issued since: {}; none was revoked (one may be another caller's): reveal the one you want and revoke the others",
                several.len(),
                describe(several.iter().map(|c| **c))
            ))),
        }
    }

    /// The credential `made` by this call's lost create, with the secrets `reveal` recovers.
    async fn recovered(&self, made: &Credential) -> Result<Checked<IssuedCredential>> {
        let secrets = self.reveal(&made.token_id).await?.into_inner();
        self.client.note(Reconciled::Revealed).await;
        let issued = IssuedCredential {
            token_id: made.token_id.clone(),
            token_id_short: made.token_id_short.clone(),
            name: made.name.clone(),
            api_token: secrets.api_token,
            s3_secret_access_key: secrets.s3_secret_access_key,
            scopes: made.scopes.clone(),
            branch_id: made.branch_id.clone().unwrap_or_default(),
            created_at: made.created_at.clone(),
            expires_at: made.expires_at.clone(),
        };
        let raw = serde_json::to_value(&issued)
            .map_err(|e| Error::config(format!("could not encode the credential: {e}")))?;
        Ok(Checked::from_value(issued, &raw))
    }

    /// Replaces a credential's secrets, never twice: after a lost answer, `reveal` recovers the
    /// live ones.
    pub async fn rotate(&self, token_id: &str) -> Result<Rotated> {
        let request = ROTATE.to(&self.prefix, &[&super::token_segment(token_id)?]);
        let lost = match self.client.send_checked(request).await {
            Ok(rotated) => return Ok(Rotated::Answered(rotated)),
            Err(e) if self.client.reconciles() && answer_lost(&e) => e,
            Err(e) => return Err(e),
        };
        match self.reveal(token_id).await {
            Ok(secrets) => {
                self.client.note(Reconciled::Revealed).await;
                Ok(Rotated::Revealed(secrets))
            }
            Err(read) => Err(lost.with_context(&format!(
                "the answer to rotating credential {token_id} was lost and revealing its live secrets failed too ({}): call reveal(\"{token_id}\") to get them; do not rotate again, which would replace them once more",
                read.name()
            ))),
        }
    }

    /// Revokes a credential; a lost answer is settled by the listing.
    pub async fn revoke(&self, token_id: &str) -> Result<()> {
        let request = REVOKE.to(&self.prefix, &[&super::token_segment(token_id)?]);
        converge(
            &self.client,
            || self.client.send_empty(request.clone()),
            || async {
                let listed = self.list().await?.into_inner();
                let live = listed.iter().any(|c| c.token_id == token_id && c.revoked_at.is_none());
                Ok((!live).then_some(()))
            },
        )
        .await
    }

    /// The credentials listed, and the second the API answered.
    async fn list_at(&self) -> Result<(Vec<Credential>, i64)> {
        let (body, at) = self
            .client
            .send_list_at::<super::CredentialList>(super::LIST.to(&self.prefix, &[]))
            .await?;
        Ok((body.into_inner().credentials, at))
    }
}

/// The error context of a lost create without a name.
fn unnamed(new: &[&Credential]) -> String {
    let found = match new {
        [] => "none was issued since, so it may not have been made: list the credentials before you issue one again".to_string(),
        some => format!("issued since: {}; none was revoked (one may be another caller's): reveal the one you made and revoke any other you do not own", describe(some.iter().copied())),
    };
    format!("the answer to issuing a credential without a name was lost, and without a name nothing tells the one this call made apart; {found}")
}

/// `nak_live_… (name, issued …)` for each credential.
fn describe<'a>(credentials: impl Iterator<Item = &'a Credential>) -> String {
    credentials
        .map(|c| {
            format!(
                "{} ({}, issued {})",
                c.token_id,
                c.name.as_deref().unwrap_or("no name"),
                c.created_at
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}
