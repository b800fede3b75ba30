//! The redirect URI whitelist of a branch.

use serde::Serialize;

use crate::state::branch_auth::settings::{AuthProvider, AuthSettings};
use crate::state::branch_auth::BranchAuthError;

/// `NeonAuthRedirectURIWhitelistDomain`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Domain {
    /// The whitelisted URI, as given.
    pub domain: String,
    /// Provider it was added for.
    pub auth_provider: AuthProvider,
}

impl AuthSettings {
    /// Adds `domain` (compared as an exact string) to the whitelist.
    pub fn add_domain(&mut self, domain: &str, auth_provider: AuthProvider) -> Result<(), BranchAuthError> {
        if self.domains.iter().any(|d| d.domain == domain) {
            return Err(BranchAuthError::DomainExists);
        }
        self.domains.push(Domain {
            domain: domain.to_string(),
            auth_provider,
        });
        Ok(())
    }

    /// Removes every listed domain, or none of them when one is missing.
    pub fn remove_domains(&mut self, domains: &[String]) -> Result<(), BranchAuthError> {
        if !domains
            .iter()
            .all(|wanted| self.domains.iter().any(|d| &d.domain == wanted))
        {
            return Err(BranchAuthError::DomainMissing);
        }
        self.domains.retain(|d| !domains.contains(&d.domain));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_list_remove() {
        let mut s = AuthSettings::default();
        s.add_domain("https://a.example.com", AuthProvider::Stack).unwrap();
        s.add_domain("https://b.example.com", AuthProvider::Stack).unwrap();
        assert_eq!(
            s.add_domain("https://a.example.com", AuthProvider::Stack),
            Err(BranchAuthError::DomainExists)
        );
        let missing = vec![
            "https://a.example.com".to_string(),
            "https://nope.example.com".to_string(),
        ];
        assert_eq!(s.remove_domains(&missing), Err(BranchAuthError::DomainMissing));
        assert_eq!(s.domains.len(), 2, "nothing removed on failure");
        s.remove_domains(&["https://a.example.com".to_string()]).unwrap();
        assert_eq!(s.domains.len(), 1);
        assert_eq!(s.domains[0].domain, "https://b.example.com");
    }
}
