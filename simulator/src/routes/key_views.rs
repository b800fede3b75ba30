//! JSON shapes of API keys in list, create and revoke responses.

use serde::Serialize;

use crate::keys::ApiKey;
use crate::state::State;

/// The creator of a key as shown in lists.
#[derive(Serialize)]
pub struct CreatedBy {
    /// User id.
    pub id: String,
    /// User display name.
    pub name: String,
    /// User avatar URL.
    pub image: String,
}

/// A key in `GET .../api_keys`.
#[derive(Serialize)]
pub struct KeyListItem {
    /// Key id.
    pub id: u64,
    /// Key name.
    pub name: String,
    /// Creation time.
    pub created_at: String,
    /// The user who created the key.
    pub created_by: CreatedBy,
    /// Last successful use, or null.
    pub last_used_at: Option<String>,
    /// Address of the last use, or "".
    pub last_used_from_addr: String,
    /// Present for project-scoped organization keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
}

/// The reply to `POST .../api_keys`; the only time the token is shown.
#[derive(Serialize)]
pub struct CreatedKey {
    /// Key id.
    pub id: u64,
    /// The secret token.
    pub key: String,
    /// Key name.
    pub name: String,
    /// Creation time.
    pub created_at: String,
    /// Id of the user who created the key.
    pub created_by: String,
    /// Present for project-scoped organization keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
}

/// The reply to `DELETE .../api_keys/{key_id}`.
#[derive(Serialize)]
pub struct RevokedKey {
    /// Key id.
    pub id: u64,
    /// Key name.
    pub name: String,
    /// Creation time.
    pub created_at: String,
    /// Id of the user who created the key.
    pub created_by: String,
    /// Last successful use, or null.
    pub last_used_at: Option<String>,
    /// Address of the last use, or "".
    pub last_used_from_addr: String,
    /// Always true.
    pub revoked: bool,
    /// Present for project-scoped organization keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
}

/// The list view of `key`, resolving its creator in `state`.
pub fn list_item(state: &State, key: &ApiKey) -> KeyListItem {
    let created_by = match state.user(&key.created_by) {
        Some(user) => CreatedBy {
            id: user.id.clone(),
            name: user.name.clone(),
            image: user.image.clone(),
        },
        None => CreatedBy {
            id: key.created_by.clone(),
            name: String::new(),
            image: String::new(),
        },
    };
    KeyListItem {
        id: key.id,
        name: key.name.clone(),
        created_at: key.created_at.clone(),
        created_by,
        last_used_at: key.last_used_at.clone(),
        last_used_from_addr: key.last_used_from_addr.clone(),
        project_id: key.project_id().map(str::to_string),
    }
}

/// The create view of `key`, including its token.
pub fn created(key: &ApiKey) -> CreatedKey {
    CreatedKey {
        id: key.id,
        key: key.token.clone(),
        name: key.name.clone(),
        created_at: key.created_at.clone(),
        created_by: key.created_by.clone(),
        project_id: key.project_id().map(str::to_string),
    }
}

/// The revoke view of `key`.
pub fn revoked(key: &ApiKey) -> RevokedKey {
    RevokedKey {
        id: key.id,
        name: key.name.clone(),
        created_at: key.created_at.clone(),
        created_by: key.created_by.clone(),
        last_used_at: key.last_used_at.clone(),
        last_used_from_addr: key.last_used_from_addr.clone(),
        revoked: key.revoked,
        project_id: key.project_id().map(str::to_string),
    }
}
