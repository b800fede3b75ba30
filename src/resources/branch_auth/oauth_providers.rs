//! OAuth providers: `…/auth/oauth_providers` and `…/auth/oauth_providers/{oauth_provider_id}`.

use super::BranchAuth;
use crate::error::Result;
use crate::json::checked::Checked;
use crate::json::input::json_body;
use crate::json::input::parse;
use crate::operations::dispatch::required;
use crate::reconcile::{answer_lost, contains, converge, Reconciled};
use crate::secret::Secret;
use crate::validate;
use serde::{Deserialize, Serialize};

/// The OAuth providers Neon Auth supports.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OAuthProviderId {
    /// Google.
    Google,
    /// GitHub.
    Github,
    /// Microsoft.
    Microsoft,
    /// Vercel.
    Vercel,
}

impl OAuthProviderId {
    /// The ID as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            OAuthProviderId::Google => "google",
            OAuthProviderId::Github => "github",
            OAuthProviderId::Microsoft => "microsoft",
            OAuthProviderId::Vercel => "vercel",
        }
    }

    /// The ID the API spells `id`, when this version knows it.
    pub fn from_api(id: &str) -> Option<OAuthProviderId> {
        [
            OAuthProviderId::Google,
            OAuthProviderId::Github,
            OAuthProviderId::Microsoft,
            OAuthProviderId::Vercel,
        ]
        .into_iter()
        .find(|known| known.as_str() == id)
    }
}

/// A configured OAuth provider.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OAuthProvider {
    /// Provider ID. Values the API adds later are passed through.
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"google\" | \"github\" | \"microsoft\" | \"vercel\" | (string & {})")
    )]
    pub id: String,
    /// `standard` (your own OAuth app) or `shared` (Neon's development credentials).
    #[serde(rename = "type")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"standard\" | \"shared\" | (string & {})"))]
    pub kind: String,
    /// OAuth client ID, for standard providers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// OAuth client secret, if the API returns it (redacted in inspect).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    pub client_secret: Option<Secret>,
}

/// Input of `oauthProviders.add()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
pub struct AddOAuthProviderInput {
    /// Which provider.
    pub id: OAuthProviderId,
    /// OAuth client ID of your own app (omit both to use Neon's shared development credentials).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// OAuth client secret of your own app.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string"))]
    pub client_secret: Option<Secret>,
    /// Microsoft only: the Entra ID tenant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub microsoft_tenant_id: Option<String>,
}

optional_fields! {
    #[each(serde(skip_serializing_if = "Option::is_none"))]
    /// Input of `oauthProviders.update()`.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    #[derive(Debug, Clone, Default, Serialize, Deserialize)]
    #[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
    pub struct UpdateOAuthProviderInput {
        /// New OAuth client ID.
        pub client_id: Option<String>,
        /// New OAuth client secret.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        pub client_secret: Option<Secret>,
        /// Microsoft only: the Entra ID tenant.
        pub microsoft_tenant_id: Option<String>,
    }
}

#[derive(Deserialize)]
struct ProviderList {
    providers: Vec<OAuthProvider>,
}

pub(super) fn check(client_id: &Option<String>, secret: &Option<Secret>, tenant: &Option<String>) -> Result<()> {
    if let Some(id) = client_id {
        validate::text("clientId", id)?;
    }
    if let Some(s) = secret {
        validate::text("clientSecret", s.expose())?;
    }
    if let Some(t) = tenant {
        validate::text("microsoftTenantId", t)?;
    }
    Ok(())
}

impl BranchAuth {
    /// Lists OAuth providers (`GET …/auth/oauth_providers`).
    pub async fn list_oauth_providers(&self) -> Result<Checked<Vec<OAuthProvider>>> {
        self.read_list(OAUTH_PROVIDERS_LIST, "providers", |l: ProviderList| l.providers)
            .await
    }

    /// Adds an OAuth provider (`POST …/auth/oauth_providers`). After a lost answer the providers
    /// are listed: not there, the add is sent again; there with the same settings, it is done;
    /// there with a client secret (never read back), the same credentials are set by an update.
    pub async fn add_oauth_provider(&self, input: &AddOAuthProviderInput) -> Result<Checked<OAuthProvider>> {
        check(&input.client_id, &input.client_secret, &input.microsoft_tenant_id)?;
        let body = json_body(input)?;
        let request = OAUTH_PROVIDERS_ADD.with_json(&self.prefix, &[], &body)?;
        let lost = match self.client.send_checked(request.clone()).await {
            Err(e) if self.client.reconciles() && answer_lost(&e) => e,
            other => return other,
        };
        let listed = match self.provider(input.id).await {
            Ok(listed) => listed,
            Err(read) => {
                return Err(lost.with_context(&format!(
                    "the answer was lost and listing the providers to check it failed too ({})",
                    read.name()
                )))
            }
        };
        match listed {
            Some(current) if contains(&current.raw(), &body) => {
                self.client.note(Reconciled::AlreadyDone).await;
                Ok(current)
            }
            // Listed, but with a secret that cannot be read back: set the same credentials again.
            Some(_) => {
                self.client.note(Reconciled::SentAgain).await;
                let update = UpdateOAuthProviderInput {
                    client_id: input.client_id.clone(),
                    client_secret: input.client_secret.clone(),
                    microsoft_tenant_id: input.microsoft_tenant_id.clone(),
                };
                let request =
                    OAUTH_PROVIDERS_UPDATE.with_json(&self.prefix, &[input.id.as_str()], &json_body(&update)?)?;
                self.client.send_checked(request).await
            }
            None => {
                self.client.note(Reconciled::SentAgain).await;
                self.client.send_checked(request).await
            }
        }
    }

    /// The provider `id` as listed, if it is.
    async fn provider(&self, id: OAuthProviderId) -> Result<Option<Checked<OAuthProvider>>> {
        Ok(self.list_oauth_providers().await?.find(|p| p.id == id.as_str()))
    }

    /// Updates an OAuth provider (`PATCH …/auth/oauth_providers/{id}`); a lost answer is
    /// reconciled by listing (a client secret cannot be compared, so it is sent again).
    pub async fn update_oauth_provider(
        &self,
        id: OAuthProviderId,
        input: &UpdateOAuthProviderInput,
    ) -> Result<Checked<OAuthProvider>> {
        check(&input.client_id, &input.client_secret, &input.microsoft_tenant_id)?;
        self.set(OAUTH_PROVIDERS_UPDATE, &[id.as_str()], input, || self.provider(id))
            .await
    }

    /// Removes an OAuth provider (`DELETE …/auth/oauth_providers/{id}`); a lost answer is
    /// reconciled by listing.
    pub async fn remove_oauth_provider(&self, id: OAuthProviderId) -> Result<()> {
        let request = OAUTH_PROVIDERS_REMOVE.to(&self.prefix, &[id.as_str()]);
        converge(
            &self.client,
            || self.client.send_empty(request.clone()),
            || async { Ok(self.provider(id).await?.is_none().then_some(())) },
        )
        .await
    }
}

operations! {
    (auth: &BranchAuth, target, input) under [("branchAuth", super::PATH)];
    /// Lists configured providers.
    const OAUTH_PROVIDERS_LIST = "oauthProviders.list" GET "/oauth_providers"
        () -> "OAuthProvider[]"
        [redacted "client_secret"]
        => auth.list_oauth_providers().await;
    /// Adds a provider; without client credentials Neon's shared development app is used.
    const OAUTH_PROVIDERS_ADD = "oauthProviders.add" POST "/oauth_providers"
        (input "provider": "AddOAuthProviderInput") -> "OAuthProvider & Reconciliation"
        [hidden "clientSecret"]
        [redacted "client_secret"]
        => auth.add_oauth_provider(&parse::<AddOAuthProviderInput>("provider", input)?).await;
    /// Changes a provider's credentials.
    const OAUTH_PROVIDERS_UPDATE = "oauthProviders.update"
        PATCH "/oauth_providers/{oauth_provider_id}"
        (
            target "id": "OAuthProviderId",
            input "changes": "UpdateOAuthProviderInput",
        ) -> "OAuthProvider & Reconciliation"
        [hidden "clientSecret"]
        [redacted "client_secret"]
        => {
            let changes = parse::<UpdateOAuthProviderInput>("changes", input)?;
            auth.update_oauth_provider(*required(&target.oauth_provider_id, "id")?, &changes).await
        };
    /// Removes a provider.
    const OAUTH_PROVIDERS_REMOVE = "oauthProviders.remove"
        DELETE "/oauth_providers/{oauth_provider_id}"
        (target "id": "OAuthProviderId") -> "WriteDone"
        => auth.remove_oauth_provider(*required(&target.oauth_provider_id, "id")?).await;
}
