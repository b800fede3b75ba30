//! OAuth providers configured on a branch.

use serde::Serialize;

use crate::state::branch_auth::settings::AuthSettings;
use crate::state::branch_auth::BranchAuthError;

/// `NeonAuthOauthProviderId`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OauthProviderId {
    /// `google`.
    Google,
    /// `github`.
    Github,
    /// `microsoft`.
    Microsoft,
    /// `vercel`.
    Vercel,
}

impl OauthProviderId {
    /// Accepted values, for error messages.
    pub const VALUES: &'static str = "google, github, microsoft, vercel";

    /// Parses a spec value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "google" => Some(OauthProviderId::Google),
            "github" => Some(OauthProviderId::Github),
            "microsoft" => Some(OauthProviderId::Microsoft),
            "vercel" => Some(OauthProviderId::Vercel),
            _ => None,
        }
    }

    /// The spec value.
    pub fn as_str(self) -> &'static str {
        match self {
            OauthProviderId::Google => "google",
            OauthProviderId::Github => "github",
            OauthProviderId::Microsoft => "microsoft",
            OauthProviderId::Vercel => "vercel",
        }
    }
}

/// Credentials of a provider; every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OauthCredentials {
    /// OAuth client id; when set the provider is `standard`.
    pub client_id: Option<String>,
    /// OAuth client secret (write-only).
    pub client_secret: Option<String>,
    /// Microsoft tenant (write-only).
    pub microsoft_tenant_id: Option<String>,
}

/// One configured provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OauthProvider {
    /// Which provider.
    pub id: OauthProviderId,
    /// Its credentials.
    pub credentials: OauthCredentials,
}

/// `NeonAuthOauthProvider` as returned: never the secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OauthProviderView {
    /// Which provider.
    pub id: OauthProviderId,
    /// `standard` with own credentials, else `shared`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// OAuth client id, when configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
}

impl OauthProvider {
    /// The public view of this provider.
    pub fn view(&self) -> OauthProviderView {
        let client_id = self.credentials.client_id.clone();
        OauthProviderView {
            id: self.id,
            kind: if client_id.is_some() { "standard" } else { "shared" },
            client_id,
        }
    }
}

impl AuthSettings {
    /// Adds provider `id`; it must not be configured yet.
    pub fn add_oauth_provider(
        &mut self,
        id: OauthProviderId,
        credentials: OauthCredentials,
    ) -> Result<&OauthProvider, BranchAuthError> {
        if self.oauth_providers.iter().any(|p| p.id == id) {
            return Err(BranchAuthError::ProviderExists(id));
        }
        self.oauth_providers.push(OauthProvider { id, credentials });
        Ok(self.oauth_providers.last().expect("provider was just pushed"))
    }

    /// Overwrites the credentials given in `update` (absent ones are kept).
    pub fn update_oauth_provider(
        &mut self,
        id: OauthProviderId,
        update: OauthCredentials,
    ) -> Result<&OauthProvider, BranchAuthError> {
        let provider = self
            .oauth_providers
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or(BranchAuthError::ProviderMissing(id))?;
        let c = &mut provider.credentials;
        c.client_id = update.client_id.or(c.client_id.take());
        c.client_secret = update.client_secret.or(c.client_secret.take());
        c.microsoft_tenant_id = update.microsoft_tenant_id.or(c.microsoft_tenant_id.take());
        Ok(provider)
    }

    /// Removes provider `id`.
    pub fn remove_oauth_provider(&mut self, id: OauthProviderId) -> Result<(), BranchAuthError> {
        let before = self.oauth_providers.len();
        self.oauth_providers.retain(|p| p.id != id);
        if self.oauth_providers.len() == before {
            return Err(BranchAuthError::ProviderMissing(id));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn add_update_remove() {
        let mut s = AuthSettings::default();
        let shared = s
            .add_oauth_provider(OauthProviderId::Google, OauthCredentials::default())
            .unwrap();
        assert_eq!(
            serde_json::to_value(shared.view()).unwrap(),
            json!({"id": "google", "type": "shared"})
        );
        assert_eq!(
            s.add_oauth_provider(OauthProviderId::Google, OauthCredentials::default()),
            Err(BranchAuthError::ProviderExists(OauthProviderId::Google))
        );
        let update = OauthCredentials {
            client_id: Some("cid".into()),
            client_secret: Some("shh".into()),
            microsoft_tenant_id: None,
        };
        let updated = s.update_oauth_provider(OauthProviderId::Google, update).unwrap();
        let view = serde_json::to_value(updated.view()).unwrap();
        assert_eq!(view, json!({"id": "google", "type": "standard", "client_id": "cid"}));
        assert!(!view.to_string().contains("shh"));
        // Absent fields keep their values.
        let kept = s
            .update_oauth_provider(OauthProviderId::Google, OauthCredentials::default())
            .unwrap();
        assert_eq!(kept.credentials.client_secret.as_deref(), Some("shh"));
        assert_eq!(
            s.remove_oauth_provider(OauthProviderId::Github),
            Err(BranchAuthError::ProviderMissing(OauthProviderId::Github))
        );
        s.remove_oauth_provider(OauthProviderId::Google).unwrap();
        assert!(s.oauth_providers.is_empty());
    }
}
