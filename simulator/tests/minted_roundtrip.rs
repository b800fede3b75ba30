//! `GET /__sim/minted` and `POST /__sim/reset-minted`: every once-shown secret the simulator
//! handed out, and which request revoked it.

mod common;

use common::{call, enable_auth, send, sim, MAIN_AUTH, PREVIEW_AUTH, SEED};
use neon_admin_simulator::Handle;
use serde_json::{json, Value};

fn minted(sim: &Handle) -> Vec<Value> {
    let r = send(sim, "GET", "/__sim/minted", None, &[], None);
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["minted"].as_array().expect("a minted array").clone()
}

/// Sends an authenticated request carrying `X-Request-ID: request_id`.
fn call_with_id(sim: &Handle, method: &str, path: &str, request_id: &str, body: Option<&str>) -> Value {
    let r = send(sim, method, path, Some(SEED), &[("X-Request-ID", request_id)], body);
    assert!(r.status < 300, "{method} {path}: {} {}", r.status, r.body);
    r.body
}

#[test]
fn starts_empty_and_the_seed_key_is_not_minted() {
    let sim = sim();
    assert_eq!(minted(&sim), Vec::<Value>::new());
}

#[test]
fn personal_and_org_keys_are_recorded_with_their_revocation() {
    let sim = sim();
    let personal = call(&sim, "POST", "/api/v2/api_keys", Some(r#"{"key_name":"ci"}"#));
    assert_eq!(personal.status, 200, "{}", personal.body);
    let org = call(
        &sim,
        "POST",
        "/api/v2/organizations/org-sim-000001/api_keys",
        Some(r#"{"key_name":"deploy","project_id":"proj-sim-beta"}"#),
    );
    assert_eq!(org.status, 200, "{}", org.body);
    let (personal_id, org_id) = (personal.body["id"].as_u64().unwrap(), org.body["id"].as_u64().unwrap());

    let entries = minted(&sim);
    assert_eq!(
        entries,
        vec![
            json!({ "kind": "api_key", "id": personal_id.to_string(), "secrets": [personal.body["key"]], "revoked": false, "revoked_by_request": null }),
            json!({ "kind": "api_key", "id": org_id.to_string(), "secrets": [org.body["key"]], "revoked": false, "revoked_by_request": null }),
        ]
    );

    call_with_id(
        &sim,
        "DELETE",
        &format!("/api/v2/api_keys/{personal_id}"),
        "req-revoke-personal",
        None,
    );
    call_with_id(
        &sim,
        "DELETE",
        &format!("/api/v2/organizations/org-sim-000001/api_keys/{org_id}"),
        "req-revoke-org",
        None,
    );
    let entries = minted(&sim);
    assert_eq!(entries[0]["revoked"], json!(true));
    assert_eq!(entries[0]["revoked_by_request"], json!("req-revoke-personal"));
    assert_eq!(entries[1]["revoked"], json!(true));
    assert_eq!(entries[1]["revoked_by_request"], json!("req-revoke-org"));
}

#[test]
fn a_refused_create_or_revoke_records_nothing() {
    let sim = sim();
    assert_eq!(
        call(&sim, "POST", "/api/v2/api_keys", Some(r#"{"key_name":""}"#)).status,
        400
    );
    assert_eq!(call(&sim, "DELETE", "/api/v2/api_keys/999999", None).status, 404);
    assert_eq!(minted(&sim), Vec::<Value>::new());
}

#[test]
fn neon_auth_keys_count_as_revoked_once_disabled_on_that_branch() {
    let sim = sim();
    let main = enable_auth(&sim, MAIN_AUTH);
    let preview = enable_auth(&sim, PREVIEW_AUTH);
    let secrets = |r: &common::HttpReply| json!([r.body["pub_client_key"], r.body["secret_server_key"]]);

    call_with_id(
        &sim,
        "DELETE",
        MAIN_AUTH,
        "req-disable-main",
        Some(r#"{"delete_data":true}"#),
    );
    let again = enable_auth(&sim, MAIN_AUTH);

    let entries = minted(&sim);
    assert_eq!(
        entries,
        vec![
            json!({ "kind": "neon_auth", "id": "br-main-000001", "secrets": secrets(&main), "revoked": true, "revoked_by_request": "req-disable-main" }),
            json!({ "kind": "neon_auth", "id": "br-preview-a-0001", "secrets": secrets(&preview), "revoked": false, "revoked_by_request": null }),
            json!({ "kind": "neon_auth", "id": "br-main-000001", "secrets": secrets(&again), "revoked": false, "revoked_by_request": null }),
        ]
    );
}

#[test]
fn reset_forgets_every_entry_and_later_mints_are_recorded_again() {
    let sim = sim();
    enable_auth(&sim, MAIN_AUTH);
    assert_eq!(minted(&sim).len(), 1);
    let reset = send(&sim, "POST", "/__sim/reset-minted", None, &[], None);
    assert_eq!(reset.status, 200);
    assert_eq!(reset.body, json!({ "minted": [] }));
    assert_eq!(minted(&sim), Vec::<Value>::new());
    // Disabling a Neon Auth minted before the reset marks nothing.
    call(&sim, "DELETE", MAIN_AUTH, None);
    assert_eq!(minted(&sim), Vec::<Value>::new());
    let created = call(&sim, "POST", "/api/v2/api_keys", Some(r#"{"key_name":"after"}"#));
    assert_eq!(minted(&sim)[0]["secrets"], json!([created.body["key"]]));
}
