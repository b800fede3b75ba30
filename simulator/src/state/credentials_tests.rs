//! Unit tests for [`super::CredentialStore`].

use super::*;

const A: BranchRef<'static> = BranchRef {
    project_id: "proj-sim-alpha",
    branch_id: "br-main-000001",
};
const A2: BranchRef<'static> = BranchRef {
    project_id: "proj-sim-alpha",
    branch_id: "br-preview-a-0001",
};
const SEEDED: BranchRef<'static> = BranchRef {
    project_id: BETA_PROJECT,
    branch_id: SEED_BRANCH,
};

fn is_hex(s: &str, digits: usize) -> bool {
    s.len() == digits && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn scopes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn create_issues_ids_and_secrets_in_their_formats() {
    let mut store = CredentialStore::default();
    let c = store.create(A, Some("ci".into()), scopes(&["storage:read"])).clone();
    assert!(
        is_hex(c.token_id.strip_prefix("nak_live_").unwrap(), 32),
        "{}",
        c.token_id
    );
    assert_eq!(c.token_id_short(), &c.token_id[9..21]);
    assert!(is_hex(c.token_id_short(), 12));
    let secrets = c.secrets.clone().unwrap();
    assert!(is_hex(secrets.api_token.strip_prefix("nat_live_").unwrap(), 64));
    assert!(is_hex(
        secrets.s3_secret_access_key.strip_prefix("nsk_live_").unwrap(),
        64
    ));
    assert_ne!(secrets.api_token[9..], secrets.s3_secret_access_key[9..]);
    assert_eq!(c.principal_type, "user");
    assert_eq!(c.created_at.len(), 20);
    assert!(c.is_live());
    let other = store.create(A, None, scopes(&["storage:read"])).clone();
    assert_ne!(other.token_id, c.token_id);
}

#[test]
fn listing_is_per_branch_and_keeps_revoked_ones() {
    let mut store = CredentialStore::default();
    let first = store.create(A, None, scopes(&["storage:read"])).token_id.clone();
    let second = store.create(A, None, scopes(&["functions:invoke"])).token_id.clone();
    store.create(A2, None, scopes(&["storage:write"]));
    store.revoke(A, &first).unwrap();
    let listed = store.list(A);
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].token_id, first);
    assert!(listed[0].revoked_at.as_deref().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(listed[1].token_id, second);
    assert_eq!(listed[1].revoked_at, None);
    assert_eq!(store.list(A2).len(), 1);
}

#[test]
fn revoke_is_branch_exact_and_not_found_the_second_time() {
    let mut store = CredentialStore::default();
    let id = store.create(A, None, scopes(&["storage:read"])).token_id.clone();
    assert_eq!(store.revoke(A2, &id).unwrap_err(), CredentialError::NotFound);
    assert_eq!(
        store.revoke(A, "nak_live_unknown").unwrap_err(),
        CredentialError::NotFound
    );
    store.revoke(A, &id).unwrap();
    assert_eq!(store.revoke(A, &id).unwrap_err(), CredentialError::NotFound);
    assert_eq!(store.reveal(A.project_id, &id).unwrap_err(), CredentialError::NotFound);
    assert_eq!(store.rotate(A, &id).unwrap_err(), CredentialError::NotFound);
}

#[test]
fn reveal_returns_the_live_secrets_within_the_project() {
    let mut store = CredentialStore::default();
    let created = store.create(A, None, scopes(&["storage:read"])).clone();
    let (_, secrets) = store.reveal("proj-sim-alpha", &created.token_id).unwrap();
    assert_eq!(Some(secrets), created.secrets.as_ref());
    assert_eq!(
        store.reveal("proj-sim-beta", &created.token_id).unwrap_err(),
        CredentialError::NotFound
    );
}

#[test]
fn rotate_mints_new_secrets_each_time_and_the_old_ones_stop_working() {
    let mut store = CredentialStore::default();
    let created = store.create(A, Some("x".into()), scopes(&["storage:read"])).clone();
    let old = created.secrets.clone().unwrap();
    assert_eq!(store.bearer_owner(&old.api_token).unwrap().token_id, created.token_id);

    let rotated = store.rotate(A, &created.token_id).unwrap().clone();
    let new = rotated.secrets.clone().unwrap();
    assert_ne!(new.api_token, old.api_token);
    assert_ne!(new.s3_secret_access_key, old.s3_secret_access_key);
    assert_eq!(rotated.created_at, created.created_at);
    assert_eq!(rotated.token_id, created.token_id);
    assert!(store.bearer_owner(&old.api_token).is_none());
    assert_eq!(store.reveal("proj-sim-alpha", &created.token_id).unwrap().1, &new);

    let again = store.rotate(A, &created.token_id).unwrap().secrets.clone().unwrap();
    assert_ne!(again, new, "rotate is not idempotent");
    assert_eq!(
        store.rotate(A2, &created.token_id).unwrap_err(),
        CredentialError::NotFound
    );
}

#[test]
fn seeded_legacy_credential_cannot_be_revealed_until_rotated() {
    let mut store = CredentialStore::seeded();
    let listed = store.list(SEEDED);
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].token_id, LEGACY_TOKEN_ID);
    assert_eq!(listed[0].token_id_short(), "5eed00000000");
    assert_eq!(listed[1].scopes, vec!["storage:read", "telemetry:write"]);
    assert!(store.list(A).is_empty());

    assert_eq!(
        store.reveal(BETA_PROJECT, LEGACY_TOKEN_ID).unwrap_err(),
        CredentialError::NoRecoverableSecret
    );
    assert!(store.reveal(BETA_PROJECT, TELEMETRY_TOKEN_ID).is_ok());
    let rotated = store.rotate(SEEDED, LEGACY_TOKEN_ID).unwrap().secrets.clone().unwrap();
    assert_eq!(store.reveal(BETA_PROJECT, LEGACY_TOKEN_ID).unwrap().1, &rotated);
}

#[test]
fn seeded_ids_have_the_live_format() {
    for id in [LEGACY_TOKEN_ID, TELEMETRY_TOKEN_ID] {
        assert!(is_hex(id.strip_prefix(TOKEN_ID_PREFIX).unwrap(), TOKEN_ID_HEX), "{id}");
    }
    assert!(!REQUESTABLE_SCOPES.contains(&"telemetry:write"));
}
