//! Unit tests for [`super::BranchAuthStore`].

use super::*;
use crate::state::branch_auth::settings::EmailProvider;

const A: BranchRef<'static> = BranchRef {
    project_id: "proj-sim-alpha",
    branch_id: "br-main-000001",
};
const B: BranchRef<'static> = BranchRef {
    project_id: "proj-sim-alpha",
    branch_id: "br-preview-a-0001",
};

#[test]
fn enable_issues_keys_once_and_refuses_twice() {
    let mut store = BranchAuthStore::default();
    assert_eq!(store.integration(A), Err(BranchAuthError::NotEnabled));
    let (integration, keys) = store.enable(A, AuthProvider::Stack, Some("appdb")).unwrap();
    assert_eq!(integration.db_name, "appdb");
    assert_eq!(integration.settings, AuthSettings::default());
    assert!(keys.pub_client_key.starts_with("pck_"));
    assert!(keys.secret_server_key.starts_with("ssk_"));
    assert_eq!(keys.pub_client_key.len(), 4 + KEY_RANDOM_CHARS);
    assert_eq!(keys.secret_server_key.len(), 4 + KEY_RANDOM_CHARS);
    assert_ne!(keys.pub_client_key[4..], keys.secret_server_key[4..]);
    assert_eq!(
        store.enable(A, AuthProvider::Stack, None).unwrap_err(),
        BranchAuthError::AlreadyEnabled
    );
    assert_eq!(store.integration(B), Err(BranchAuthError::NotEnabled));
    let (other, _) = store.enable(B, AuthProvider::Mock, None).unwrap();
    assert_eq!(other.db_name, DEFAULT_DB_NAME);
}

#[test]
fn settings_are_per_branch() {
    let mut store = BranchAuthStore::default();
    store.enable(A, AuthProvider::Stack, None).unwrap();
    store.enable(B, AuthProvider::Stack, None).unwrap();
    store.settings_mut(A).unwrap().allow_localhost = false;
    store.settings_mut(A).unwrap().name = "shop".into();
    store
        .settings_mut(A)
        .unwrap()
        .add_domain("https://a.example.com", AuthProvider::Stack)
        .unwrap();
    assert!(!store.settings(A).unwrap().allow_localhost);
    assert_eq!(store.settings(B).unwrap(), &AuthSettings::default());
}

#[test]
fn disable_keeps_users_unless_asked_and_resets_settings() {
    let mut store = BranchAuthStore::default();
    assert_eq!(
        store.create_user(A, "a@example.com", None),
        Err(BranchAuthError::NotEnabled)
    );
    store.enable(A, AuthProvider::Stack, None).unwrap();
    store.create_user(A, "a@example.com", Some("A")).unwrap();
    store.settings_mut(A).unwrap().email_provider = Some(EmailProvider::Shared {
        sender_email: "x@example.com".into(),
        sender_name: "X".into(),
    });

    store.disable(A, false).unwrap();
    assert_eq!(store.disable(A, false), Err(BranchAuthError::NotEnabled));
    assert_eq!(store.settings(A), Err(BranchAuthError::NotEnabled));
    assert_eq!(store.user_count(A), 1);

    // As on the live API: the kept `neon_auth` schema blocks enabling again until dropped.
    assert_eq!(
        store.enable(A, AuthProvider::Stack, None).map(|_| ()),
        Err(BranchAuthError::SchemaExists)
    );
    store.drop_schema(A).unwrap();
    assert_eq!(store.user_count(A), 0);
    store.enable(A, AuthProvider::Stack, None).unwrap();
    assert_eq!(store.settings(A).unwrap(), &AuthSettings::default());
    assert_eq!(store.drop_schema(A), Err(BranchAuthError::AlreadyEnabled));

    store.create_user(A, "a@example.com", None).unwrap();
    store.disable(A, true).unwrap();
    assert_eq!(store.user_count(A), 0);
    store.enable(A, AuthProvider::Stack, None).unwrap();
    assert!(store.create_user(A, "a@example.com", None).is_ok());
}

#[test]
fn a_child_branch_inherits_neon_auth() {
    let mut store = BranchAuthStore::default();
    store.enable(A, AuthProvider::BetterAuth, None).unwrap();
    store.settings_mut(A).unwrap().name = "parent".into();
    store.inherit(A, B);
    assert_eq!(store.settings(B).unwrap().name, "parent");
    assert_eq!(
        store.enable(B, AuthProvider::BetterAuth, None).map(|_| ()),
        Err(BranchAuthError::AlreadyEnabled)
    );
    store.settings_mut(B).unwrap().name = "child".into();
    assert_eq!(store.settings(A).unwrap().name, "parent", "the copy is the child's own");
}

#[test]
fn users_roles_and_deletion() {
    let mut store = BranchAuthStore::default();
    store.enable(A, AuthProvider::BetterAuth, None).unwrap();
    store.enable(B, AuthProvider::BetterAuth, None).unwrap();
    let id = store.create_user(A, "u@example.com", None).unwrap();
    assert_eq!(id.len(), 36);
    // Same address on another branch is fine.
    assert!(store.create_user(B, "u@example.com", None).is_ok());
    let user = store.set_user_roles(A, &id, vec!["admin".into()]).unwrap();
    assert_eq!(user.roles, vec!["admin"]);
    assert_eq!(
        store.set_user_roles(B, &id, vec!["admin".into()]).unwrap_err(),
        BranchAuthError::UserMissing
    );
    store.delete_user(A, &id).unwrap();
    assert_eq!(store.delete_user(A, &id), Err(BranchAuthError::UserMissing));
    assert_eq!(store.user_count(A), 0);
    assert_eq!(store.user_count(B), 1);
}

#[test]
fn urls_are_derived_from_the_branch() {
    assert_eq!(base_url("br-x"), "https://auth.sim.neon.invalid/br-x");
    assert_eq!(
        jwks_url("br-x"),
        "https://auth.sim.neon.invalid/br-x/.well-known/jwks.json"
    );
}
