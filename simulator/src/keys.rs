//! API key records and the identity of an authenticated caller.

/// What an API key grants access to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyScope {
    /// A personal key acting as the given user.
    Personal {
        /// Id of the user the key belongs to.
        user_id: String,
    },
    /// An organization key, optionally restricted to a single project.
    Organization {
        /// Id of the organization the key belongs to.
        org_id: String,
        /// When set, the key only reaches this project.
        project_id: Option<String>,
    },
}

impl KeyScope {
    /// The `auth_method` reported by `GET /auth` for keys of this scope.
    pub fn auth_method(&self) -> &'static str {
        match self {
            KeyScope::Personal { .. } => "api_key_user",
            KeyScope::Organization { .. } => "api_key_org",
        }
    }

    /// The `account_id` reported by `GET /auth`: the user id or the org id.
    pub fn account_id(&self) -> &str {
        match self {
            KeyScope::Personal { user_id } => user_id,
            KeyScope::Organization { org_id, .. } => org_id,
        }
    }

    /// The project a project-scoped organization key is restricted to.
    pub fn project_id(&self) -> Option<&str> {
        match self {
            KeyScope::Organization {
                project_id: Some(p), ..
            } => Some(p),
            _ => None,
        }
    }
}

/// One API key, live or revoked.
#[derive(Clone, Debug)]
pub struct ApiKey {
    /// Numeric id, unique across all keys.
    pub id: u64,
    /// Human-readable name given at creation.
    pub name: String,
    /// The secret bearer token.
    pub token: String,
    /// Personal or organization key.
    pub scope: KeyScope,
    /// Creation time (RFC 3339 UTC).
    pub created_at: String,
    /// Id of the user who created the key.
    pub created_by: String,
    /// Time of the last successful authentication, if any.
    pub last_used_at: Option<String>,
    /// Address of the last successful authentication; empty if never used.
    pub last_used_from_addr: String,
    /// Whether the key has been revoked.
    pub revoked: bool,
    /// When it was revoked (an organization key stays listed a little while after).
    pub revoked_at: Option<std::time::Instant>,
}

impl ApiKey {
    /// The project a project-scoped organization key is restricted to.
    pub fn project_id(&self) -> Option<&str> {
        self.scope.project_id()
    }

    /// True for a live personal key of `user_id`.
    pub fn is_personal_key_of(&self, user_id: &str) -> bool {
        !self.revoked && matches!(&self.scope, KeyScope::Personal { user_id: u } if u == user_id)
    }

    /// True for a live key of organization `org_id`.
    pub fn is_org_key_of(&self, org_id: &str) -> bool {
        !self.revoked && self.belongs_to_org(org_id)
    }

    /// True for a key of organization `org_id` that its listing still shows: a live one, or one
    /// revoked less than `linger` ago (the live API lists a revoked organization key for a few
    /// seconds).
    pub fn is_listed_org_key_of(&self, org_id: &str, linger: std::time::Duration) -> bool {
        let lingering = self.revoked_at.is_some_and(|at| at.elapsed() < linger);
        (!self.revoked || lingering) && self.belongs_to_org(org_id)
    }

    fn belongs_to_org(&self, org_id: &str) -> bool {
        matches!(&self.scope, KeyScope::Organization { org_id: o, .. } if o == org_id)
    }
}

/// The caller behind an authenticated request (a snapshot of its key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    /// Id of the key used.
    pub key_id: u64,
    /// Name of the key used.
    pub key_name: String,
    /// Scope of the key used.
    pub scope: KeyScope,
    /// The user on whose behalf the caller acts (the creator, for org keys).
    pub acting_user_id: String,
}

impl Principal {
    /// Builds the principal for a request authenticated with `key`.
    pub fn from_key(key: &ApiKey) -> Self {
        let acting_user_id = match &key.scope {
            KeyScope::Personal { user_id } => user_id.clone(),
            KeyScope::Organization { .. } => key.created_by.clone(),
        };
        Principal {
            key_id: key.id,
            key_name: key.name.clone(),
            scope: key.scope.clone(),
            acting_user_id,
        }
    }
}
