//! Unit tests for [`super::State`].

use super::*;
use crate::state::access::AccessError;

const SEED: &str = "seedtoken0123456789";
const ORG: &str = "org-sim-000001";

fn seeded() -> (State, Principal) {
    let mut state = State::seeded(SEED, ORG);
    let me = state.authenticate(SEED, "127.0.0.1").expect("seed key works");
    (state, me)
}

#[test]
fn seed_key_authenticates_as_the_seed_user() {
    let (state, me) = seeded();
    assert_eq!(me.key_id, FIRST_KEY_ID);
    assert_eq!(me.key_name, "seed");
    assert_eq!(me.scope.auth_method(), "api_key_user");
    assert_eq!(me.scope.account_id(), SEED_USER_ID);
    let key = state.key(FIRST_KEY_ID).unwrap();
    assert_eq!(key.last_used_from_addr, "127.0.0.1");
    assert!(key.last_used_at.as_deref().unwrap().ends_with('Z'));
    let user = state.user(SEED_USER_ID).unwrap();
    assert_eq!(user.name, "Sim User");
    assert_eq!(user.image, "https://example.invalid/avatar.png");
}

#[test]
fn unknown_token_does_not_authenticate() {
    let (mut state, _) = seeded();
    assert!(state.authenticate("nope", "127.0.0.1").is_none());
    assert!(state.authenticate("", "127.0.0.1").is_none());
}

#[test]
fn unused_key_has_no_last_use() {
    let (mut state, me) = seeded();
    let key = state.create_personal_key(&me, "fresh").unwrap();
    assert_eq!(key.last_used_at, None);
    assert_eq!(key.last_used_from_addr, "");
}

#[test]
fn create_list_revoke_roundtrip() {
    let (mut state, me) = seeded();
    let created = state.create_personal_key(&me, "ci").unwrap();
    assert_eq!(created.name, "ci");
    assert_eq!(created.created_by, SEED_USER_ID);

    let names: Vec<&str> = state
        .personal_keys(&me)
        .unwrap()
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    assert_eq!(names, vec!["seed", "ci"]);

    let revoked = state.revoke_personal_key(&me, created.id).unwrap();
    assert!(revoked.revoked);
    assert_eq!(revoked.id, created.id);
    let ids: Vec<u64> = state.personal_keys(&me).unwrap().iter().map(|k| k.id).collect();
    assert_eq!(ids, vec![FIRST_KEY_ID]);
}

#[test]
fn ids_increase_from_the_first_id() {
    let (mut state, me) = seeded();
    let a = state.create_personal_key(&me, "a").unwrap();
    let b = state.create_org_key(&me, ORG, "b", None).unwrap();
    let c = state.create_personal_key(&me, "c").unwrap();
    assert_eq!(
        (a.id, b.id, c.id),
        (FIRST_KEY_ID + 1, FIRST_KEY_ID + 2, FIRST_KEY_ID + 3)
    );
}

#[test]
fn created_tokens_have_the_expected_format_and_differ() {
    let (mut state, me) = seeded();
    let a = state.create_personal_key(&me, "a").unwrap();
    let b = state.create_personal_key(&me, "b").unwrap();
    for key in [&a, &b] {
        assert_eq!(key.token.len(), 64);
        assert!(key.token.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    }
    assert_ne!(a.token, b.token);
}

#[test]
fn new_token_works_at_once_and_revoked_token_stops() {
    let (mut state, me) = seeded();
    let key = state.create_personal_key(&me, "rotating").unwrap();
    let p = state.authenticate(&key.token, "127.0.0.1").unwrap();
    assert_eq!(p.key_id, key.id);

    state.revoke_personal_key(&me, key.id).unwrap();
    assert!(state.authenticate(&key.token, "127.0.0.1").is_none());
    // The seed key is unaffected.
    assert!(state.authenticate(SEED, "127.0.0.1").is_some());
}

#[test]
fn rotation_keeps_the_old_key_until_revoked() {
    let (mut state, me) = seeded();
    let old = state.create_personal_key(&me, "v1").unwrap();
    let new = state.create_personal_key(&me, "v2").unwrap();
    assert!(state.authenticate(&old.token, "127.0.0.1").is_some());
    assert!(state.authenticate(&new.token, "127.0.0.1").is_some());
    state.revoke_personal_key(&me, old.id).unwrap();
    assert!(state.authenticate(&old.token, "127.0.0.1").is_none());
    assert!(state.authenticate(&new.token, "127.0.0.1").is_some());
}

#[test]
fn revoking_twice_or_unknown_is_not_found() {
    let (mut state, me) = seeded();
    let key = state.create_personal_key(&me, "x").unwrap();
    state.revoke_personal_key(&me, key.id).unwrap();
    assert_eq!(
        state.revoke_personal_key(&me, key.id).unwrap_err(),
        StateError::KeyNotFound
    );
    assert_eq!(
        state.revoke_personal_key(&me, 999_999).unwrap_err(),
        StateError::KeyNotFound
    );
}

#[test]
fn personal_revoke_cannot_touch_org_keys() {
    let (mut state, me) = seeded();
    let org_key = state.create_org_key(&me, ORG, "org", None).unwrap();
    assert_eq!(
        state.revoke_personal_key(&me, org_key.id).unwrap_err(),
        StateError::KeyNotFound
    );
    assert!(state.authenticate(&org_key.token, "127.0.0.1").is_some());
}

#[test]
fn org_keys_are_listed_per_org_and_not_as_personal() {
    let (mut state, me) = seeded();
    let k = state.create_org_key(&me, ORG, "deploy", Some("proj-1")).unwrap();
    assert_eq!(k.project_id(), Some("proj-1"));
    assert_eq!(k.created_by, SEED_USER_ID);
    let org_ids: Vec<u64> = state.org_keys(&me, ORG).unwrap().iter().map(|k| k.id).collect();
    assert_eq!(org_ids, vec![k.id]);
    assert!(state.personal_keys(&me).unwrap().iter().all(|p| p.id != k.id));
}

#[test]
fn org_key_authenticates_as_org_and_manages_only_its_org() {
    let (mut state, me) = seeded();
    let k = state.create_org_key(&me, ORG, "org-admin", None).unwrap();
    let org_caller = state.authenticate(&k.token, "127.0.0.1").unwrap();
    assert_eq!(org_caller.scope.auth_method(), "api_key_org");
    assert_eq!(org_caller.scope.account_id(), ORG);

    // Its own org: allowed, and created keys are attributed to its creator.
    let child = state.create_org_key(&org_caller, ORG, "child", None).unwrap();
    assert_eq!(child.created_by, SEED_USER_ID);
    assert!(state.org_keys(&org_caller, ORG).is_ok());

    // Another org: not found. Personal keys: forbidden.
    assert_eq!(
        state.org_keys(&org_caller, "org-other").unwrap_err(),
        StateError::OrgNotFound
    );
    assert!(matches!(
        state.personal_keys(&org_caller),
        Err(StateError::Forbidden(_))
    ));
    assert!(matches!(
        state.create_personal_key(&org_caller, "p"),
        Err(StateError::Forbidden(_))
    ));
}

#[test]
fn unknown_org_is_not_found_for_personal_keys() {
    let (mut state, me) = seeded();
    assert_eq!(
        state.create_org_key(&me, "org-nope", "k", None).unwrap_err(),
        StateError::OrgNotFound
    );
}

#[test]
fn org_revoke_requires_a_key_of_that_org() {
    let (mut state, me) = seeded();
    assert_eq!(
        state.revoke_org_key(&me, ORG, FIRST_KEY_ID).unwrap_err(),
        StateError::KeyNotFound,
        "the seed key is personal, not an org key"
    );
    let k = state.create_org_key(&me, ORG, "k", None).unwrap();
    let revoked = state.revoke_org_key(&me, ORG, k.id).unwrap();
    assert!(revoked.revoked);
    assert!(state.authenticate(&k.token, "127.0.0.1").is_none());
    assert!(state.org_keys(&me, ORG).unwrap().is_empty());
}

#[test]
fn a_revoked_org_key_stays_listed_while_it_lingers() {
    let (mut state, me) = seeded();
    state.org_key_linger = std::time::Duration::from_secs(60);
    let k = state.create_org_key(&me, ORG, "k", None).unwrap();
    state.revoke_org_key(&me, ORG, k.id).unwrap();
    let listed: Vec<u64> = state.org_keys(&me, ORG).unwrap().iter().map(|k| k.id).collect();
    assert_eq!(listed, vec![k.id], "still listed");
    assert!(
        state.authenticate(&k.token, "127.0.0.1").is_none(),
        "but already unusable"
    );
    assert_eq!(
        state.revoke_org_key(&me, ORG, k.id).unwrap_err(),
        StateError::KeyNotFound
    );
    state.org_key_linger = std::time::Duration::ZERO;
    assert!(state.org_keys(&me, ORG).unwrap().is_empty());
}

#[test]
fn project_scoped_key_reaches_only_its_project() {
    let (mut state, me) = seeded();
    let scoped = state.create_org_key(&me, ORG, "p", Some("proj-a")).unwrap();
    let wide = state.create_org_key(&me, ORG, "w", None).unwrap();
    let seed = state.key(FIRST_KEY_ID).unwrap().clone();
    assert!(state.key_reaches_project(&scoped, "proj-a"));
    assert!(!state.key_reaches_project(&scoped, "proj-b"));
    assert!(state.key_reaches_project(&wide, "proj-b"));
    assert!(state.key_reaches_project(&seed, "proj-b"));
    assert!(state.key_reaches_org(&scoped, ORG));
    assert!(!state.key_reaches_org(&scoped, "org-other"));

    let revoked = state.revoke_org_key(&me, ORG, scoped.id).unwrap();
    assert!(!state.key_reaches_project(&revoked, "proj-a"));
    assert!(!state.key_reaches_org(&revoked, ORG));
}

#[test]
fn custom_seed_org_is_used() {
    let mut state = State::seeded(SEED, "acme-1");
    let me = state.authenticate(SEED, "127.0.0.1").unwrap();
    assert!(state.org_exists("acme-1"));
    assert!(!state.org_exists(ORG));
    assert!(state.org_keys(&me, "acme-1").is_ok());
}

#[test]
fn seeded_projects_are_visible_to_the_seed_user() {
    let (state, me) = seeded();
    let ids: Vec<&str> = state.visible_projects(&me).map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), 12);
    assert!(ids.contains(&"proj-sim-alpha") && ids.contains(&"proj-sim-filler-10"));
    assert_eq!(state.project_for(&me, "proj-sim-beta").unwrap().name, "beta");
    assert_eq!(state.branches_for(&me, "proj-sim-alpha").unwrap().len(), 25);
    assert_eq!(
        state.branch_for(&me, "proj-sim-alpha", "br-dup-000002").unwrap().name,
        "dup"
    );
}

#[test]
fn unknown_projects_and_branches_are_not_found() {
    let (state, me) = seeded();
    assert_eq!(
        state.project_for(&me, "proj-nope").unwrap_err(),
        AccessError::ProjectNotFound
    );
    assert_eq!(
        state.branch_for(&me, "proj-sim-alpha", "br-nope").unwrap_err(),
        AccessError::BranchNotFound
    );
    assert_eq!(
        state.branch_for(&me, "proj-sim-beta", "br-main-000001").unwrap_err(),
        AccessError::BranchNotFound,
        "branches belong to one project"
    );
}

#[test]
fn project_scoped_org_key_sees_only_its_project() {
    let (mut state, me) = seeded();
    let key = state.create_org_key(&me, ORG, "beta", Some("proj-sim-beta")).unwrap();
    let scoped = state.authenticate(&key.token, "127.0.0.1").unwrap();
    let ids: Vec<&str> = state.visible_projects(&scoped).map(|p| p.id.as_str()).collect();
    assert_eq!(ids, vec!["proj-sim-beta"]);
    assert!(state.project_for(&scoped, "proj-sim-beta").is_ok());
    assert_eq!(
        state.project_for(&scoped, "proj-sim-alpha").unwrap_err(),
        AccessError::ProjectForbidden("proj-sim-alpha".to_string())
    );
    assert_eq!(
        state.project_for(&scoped, "proj-nope").unwrap_err(),
        AccessError::ProjectForbidden("proj-nope".to_string())
    );

    let wide_key = state.create_org_key(&me, ORG, "wide", None).unwrap();
    let wide = state.authenticate(&wide_key.token, "127.0.0.1").unwrap();
    assert_eq!(state.visible_projects(&wide).count(), 12);
}

#[test]
fn projects_follow_the_seed_org() {
    let mut state = State::seeded(SEED, "acme-1");
    let me = state.authenticate(SEED, "127.0.0.1").unwrap();
    assert!(state.visible_projects(&me).all(|p| p.org_id == "acme-1"));
    assert_eq!(state.visible_projects(&me).count(), 12);
}
