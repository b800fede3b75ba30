//! Trusted domains (the redirect URI allow-list): `…/auth/domains`.

use super::{AuthProvider, BranchAuth};
use crate::error::{Error, Result};
use crate::json::checked::Checked;
use crate::json::input::parse;
use crate::reconcile::converge;
use crate::validate;
use serde::{Deserialize, Serialize};

/// A trusted domain.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustedDomain {
    /// The domain, as a URL (e.g. `https://preview.example.com`).
    pub domain: String,
    /// Provider it applies to. Values the API adds later are passed through.
    #[cfg_attr(feature = "wasm", tsify(type = "AuthProviderName"))]
    pub auth_provider: String,
}

/// Input of `domains.add()` / `domains.remove()` besides the domain itself.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DomainInput {
    /// The domains (one for `add`).
    pub domains: Vec<String>,
    /// Provider (default `better_auth`).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub auth_provider: AuthProvider,
}

/// What `domains.add(domain, options)` hands the core: the domain and the options beside it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AddDomainArgs {
    domain: String,
    #[serde(default)]
    auth_provider: AuthProvider,
}

impl From<AddDomainArgs> for DomainInput {
    fn from(args: AddDomainArgs) -> DomainInput {
        DomainInput {
            domains: vec![args.domain],
            auth_provider: args.auth_provider,
        }
    }
}

#[derive(Deserialize)]
struct DomainList {
    domains: Vec<TrustedDomain>,
}

#[derive(Serialize)]
struct AddBody<'a> {
    domain: &'a str,
    auth_provider: AuthProvider,
}

#[derive(Serialize)]
struct RemoveItem<'a> {
    domain: &'a str,
}

#[derive(Serialize)]
struct RemoveBody<'a> {
    auth_provider: AuthProvider,
    domains: Vec<RemoveItem<'a>>,
}

impl BranchAuth {
    /// Lists trusted domains (`GET …/auth/domains`).
    pub async fn list_domains(&self) -> Result<Checked<Vec<TrustedDomain>>> {
        self.read_list(DOMAINS_LIST, "domains", |l: DomainList| l.domains).await
    }

    /// Trusts one domain (`POST …/auth/domains`): an origin or origin pattern, see
    /// [`validate::trusted_domain`]. A lost answer is reconciled by listing.
    pub async fn add_domain(&self, input: &DomainInput) -> Result<()> {
        if input.domains.len() != 1 {
            return Err(Error::field("domain", "add one domain per call"));
        }
        validate::trusted_domain("domain", &input.domains[0])?;
        let body = AddBody {
            domain: &input.domains[0],
            auth_provider: input.auth_provider,
        };
        let request = DOMAINS_ADD.with_json(&self.prefix, &[], &body)?;
        converge(
            &self.client,
            || self.client.send_empty(request.clone()),
            || async {
                Ok(self
                    .listed(input)
                    .await?
                    .first()
                    .is_some_and(|&listed| listed)
                    .then_some(()))
            },
        )
        .await
    }

    /// Stops trusting domains (`DELETE …/auth/domains`). Any domain the API lists can be removed,
    /// even one that `add_domain` would refuse today. A lost answer is reconciled by listing.
    pub async fn remove_domains(&self, input: &DomainInput) -> Result<()> {
        input.domains.iter().try_for_each(|d| validate::line("domain", d))?;
        let body = RemoveBody {
            auth_provider: input.auth_provider,
            domains: input.domains.iter().map(|d| RemoveItem { domain: d }).collect(),
        };
        let request = DOMAINS_REMOVE.with_json(&self.prefix, &[], &body)?;
        converge(
            &self.client,
            || self.client.send_empty(request.clone()),
            || async { Ok(self.listed(input).await?.iter().all(|&listed| !listed).then_some(())) },
        )
        .await
    }

    /// For each domain of `input`, whether it is listed for its provider.
    async fn listed(&self, input: &DomainInput) -> Result<Vec<bool>> {
        let provider = serde_json::to_value(input.auth_provider).unwrap_or_default();
        let listed = self.list_domains().await?;
        Ok(input
            .domains
            .iter()
            .map(|d| {
                listed
                    .iter()
                    .any(|l| &l.domain == d && provider == l.auth_provider.as_str())
            })
            .collect())
    }
}

operations! {
    (auth: &BranchAuth, target, input) under [("branchAuth", super::PATH)];
    /// Lists trusted domains.
    const DOMAINS_LIST = "domains.list" GET "/domains" () -> "TrustedDomain[]"
        => auth.list_domains().await;
    /// Trusts a domain: an origin or origin pattern, e.g. `https://app.example.com:8443/cb`,
    /// `https://*.preview.example.com`, `https://**.example.com` or `myapp://callback`. Refused: no
    /// scheme, whitespace, `javascript:`/`data:`/`file:`/`vbscript:`/`about:`, and patterns that
    /// trust every host or a whole top-level domain (`https://*.com`).
    const DOMAINS_ADD = "domains.add" POST "/domains"
        (field "domain": "string", input "options?": "DomainOptions") -> "WriteDone"
        => auth.add_domain(&parse::<AddDomainArgs>("domain", input)?.into()).await;
    /// Stops trusting one or more domains; any domain `list()` returned can be removed.
    const DOMAINS_REMOVE = "domains.remove" DELETE "/domains"
        (list "domains": "string | string[]", input "options?": "DomainOptions") -> "WriteDone"
        => auth.remove_domains(&parse::<DomainInput>("domain", input)?).await;
}
