//! Branch credentials over HTTP: `/projects/{project_id}/branches/{branch_id}/credentials`.

mod common;

use common::{assert_empty, call, call_as, send, sim, HttpReply, SEED};
use neon_admin_simulator::Handle;
use serde_json::{json, Value};

const MAIN: &str = "/api/v2/projects/proj-sim-alpha/branches/br-main-000001/credentials";
const PREVIEW: &str = "/api/v2/projects/proj-sim-alpha/branches/br-preview-a-0001/credentials";
const SEEDED: &str = "/api/v2/projects/proj-sim-beta/branches/br-beta-main-01/credentials";
const LEGACY: &str = "nak_live_5eed0000000000000000000000000001";
const TELEMETRY: &str = "nak_live_5eed0000000000000000000000000002";
const STORAGE_USER: &str = r#"{"name":"ci","scopes":["storage:read","storage:write"],"principal_type":"user"}"#;

fn create(sim: &Handle, base: &str, body: &str) -> Value {
    let r = call(sim, "POST", base, Some(body));
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

fn listed(sim: &Handle, base: &str) -> Vec<Value> {
    let r = call(sim, "GET", base, None);
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["credentials"].as_array().expect("a credentials array").clone()
}

fn reveal(sim: &Handle, base: &str, token_id: &str) -> HttpReply {
    call(sim, "POST", &format!("{base}/{token_id}/reveal"), None)
}

fn rotate(sim: &Handle, base: &str, token_id: &str) -> HttpReply {
    call(sim, "POST", &format!("{base}/{token_id}/rotate"), None)
}

fn hex_after<'a>(value: &'a Value, prefix: &str, digits: usize) -> &'a str {
    let text = value.as_str().expect("a string");
    let hex = text
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{text} starts with {prefix}"));
    assert_eq!(hex.len(), digits, "{text}");
    assert!(
        hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
        "{text}"
    );
    hex
}

#[test]
fn create_list_reveal_rotate_revoke() {
    let sim = sim();
    assert_eq!(listed(&sim, MAIN), Vec::<Value>::new());
    let created = create(&sim, MAIN, STORAGE_USER);
    let token_id = created["token_id"].as_str().unwrap().to_string();
    let hex = hex_after(&created["token_id"], "nak_live_", 32);
    assert_eq!(created["token_id_short"], json!(hex[..12]));
    hex_after(&created["api_token"], "nat_live_", 64);
    hex_after(&created["s3_secret_access_key"], "nsk_live_", 64);
    let created_at = created["created_at"].as_str().unwrap().to_string();
    assert_eq!(created_at.len(), 20, "RFC 3339 in whole seconds");
    let mut keys: Vec<&str> = created.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    let expected = [
        "api_token",
        "branch_id",
        "created_at",
        "name",
        "s3_secret_access_key",
        "scopes",
        "token_id",
        "token_id_short",
    ];
    assert_eq!(keys, expected);
    assert_eq!(created["scopes"], json!(["storage:read", "storage:write"]));
    assert_eq!(created["branch_id"], json!("br-main-000001"));

    let meta = json!({
        "token_id": token_id, "token_id_short": created["token_id_short"], "name": "ci",
        "scopes": ["storage:read", "storage:write"], "branch_id": "br-main-000001",
        "principal_type": "user", "created_at": created_at,
    });
    assert_eq!(listed(&sim, MAIN), vec![meta.clone()]);
    assert_eq!(listed(&sim, PREVIEW), Vec::<Value>::new());

    let revealed = reveal(&sim, MAIN, &token_id);
    assert_eq!(revealed.status, 200, "{}", revealed.body);
    let secret = json!({ "token_id": token_id, "api_token": created["api_token"], "s3_secret_access_key": created["s3_secret_access_key"] });
    assert_eq!(revealed.body, secret);

    let rotated = rotate(&sim, MAIN, &token_id);
    assert_eq!(rotated.status, 200, "{}", rotated.body);
    assert_eq!(rotated.body["principal_type"], json!("user"));
    assert_eq!(rotated.body["created_at"], json!(created_at));
    assert_eq!(rotated.body["token_id"], json!(token_id));
    assert_eq!(rotated.body["name"], json!("ci"));
    assert_ne!(rotated.body["api_token"], created["api_token"]);
    assert_ne!(rotated.body["s3_secret_access_key"], created["s3_secret_access_key"]);
    hex_after(&rotated.body["api_token"], "nat_live_", 64);
    hex_after(&rotated.body["s3_secret_access_key"], "nsk_live_", 64);
    // The old secrets stop working: reveal answers the new ones.
    let after = reveal(&sim, MAIN, &token_id).body;
    assert_eq!(after["api_token"], rotated.body["api_token"]);
    assert_eq!(after["s3_secret_access_key"], rotated.body["s3_secret_access_key"]);
    // Not idempotent: every rotate mints a new pair.
    let again = rotate(&sim, MAIN, &token_id).body;
    assert_ne!(again["api_token"], rotated.body["api_token"]);

    assert_empty(&call(&sim, "DELETE", &format!("{MAIN}/{token_id}"), None), 204);
    let after_revoke = listed(&sim, MAIN);
    assert_eq!(after_revoke.len(), 1);
    let revoked_at = after_revoke[0]["revoked_at"].as_str().expect("revoked_at is set");
    assert!(
        revoked_at.ends_with('Z') && revoked_at >= created_at.as_str(),
        "{revoked_at}"
    );
    let mut without = after_revoke[0].clone();
    without.as_object_mut().unwrap().remove("revoked_at");
    assert_eq!(without, meta);

    for r in [
        call(&sim, "DELETE", &format!("{MAIN}/{token_id}"), None),
        reveal(&sim, MAIN, &token_id),
        rotate(&sim, MAIN, &token_id),
    ] {
        assert_eq!(r.status, 404, "{}", r.body);
        assert_eq!(r.message(), "credential not found");
    }
}

#[test]
fn name_is_absent_when_not_given_and_scopes_count_once() {
    let sim = sim();
    let body = r#"{"scopes":["functions:invoke","ai_gateway:invoke","functions:invoke"],"principal_type":"user"}"#;
    let created = create(&sim, MAIN, body);
    assert!(created.get("name").is_none());
    assert_eq!(created["scopes"], json!(["functions:invoke", "ai_gateway:invoke"]));
    assert!(listed(&sim, MAIN)[0].get("name").is_none());
    let rotated = rotate(&sim, MAIN, created["token_id"].as_str().unwrap());
    assert!(rotated.body.get("name").is_none());
}

#[test]
fn create_refuses_bad_bodies_with_400() {
    let sim = sim();
    for (body, said) in [
        ("", "scopes"),
        (r#"{"scopes":["storage:read"]}"#, "principal_type is required"),
        (
            r#"{"scopes":["storage:read"],"principal_type":""}"#,
            "principal_type must be user",
        ),
        (
            r#"{"scopes":["storage:read"],"principal_type":"function"}"#,
            "principal_type must be user",
        ),
        (
            r#"{"scopes":["storage:read"],"principal_type":1}"#,
            "principal_type must be a string",
        ),
        (r#"{"principal_type":"user"}"#, "scopes is required"),
        (r#"{"scopes":[],"principal_type":"user"}"#, "at least one scope"),
        (
            r#"{"scopes":"storage:read","principal_type":"user"}"#,
            "array of strings",
        ),
        (
            r#"{"scopes":["telemetry:write"],"principal_type":"user"}"#,
            "scopes may contain only",
        ),
        (
            r#"{"scopes":["storage:admin"],"principal_type":"user"}"#,
            "scopes may contain only",
        ),
        (
            r#"{"scopes":["storage:read"],"principal_type":"user","function_id":"f"}"#,
            "unknown field",
        ),
        (
            r#"{"scopes":["storage:read"],"principal_type":"user","name":""}"#,
            "name must be between",
        ),
        ("{nope", "not valid JSON"),
        ("[]", "JSON object"),
    ] {
        let r = call(&sim, "POST", MAIN, Some(body));
        assert_eq!(r.status, 400, "{body}: {}", r.body);
        assert!(r.message().contains(said), "{body}: {}", r.message());
        assert_eq!(r.body["code"], json!(""));
        assert!(r.body["request_id"].is_string());
    }
    assert_eq!(listed(&sim, MAIN), Vec::<Value>::new(), "nothing was issued");
}

#[test]
fn seeded_legacy_credential_answers_409_until_rotated() {
    let sim = sim();
    let seeded = listed(&sim, SEEDED);
    assert_eq!(seeded.len(), 2);
    assert_eq!(seeded[0]["token_id"], json!(LEGACY));
    assert_eq!(seeded[0]["token_id_short"], json!("5eed00000000"));
    assert_eq!(seeded[0]["created_at"], json!("2025-01-03T00:00:00Z"));
    assert_eq!(seeded[1]["token_id"], json!(TELEMETRY));
    assert_eq!(seeded[1]["scopes"], json!(["storage:read", "telemetry:write"]));

    let legacy = reveal(&sim, SEEDED, LEGACY);
    assert_eq!(legacy.status, 409, "{}", legacy.body);
    assert!(legacy.message().contains("rotate"), "{}", legacy.message());
    let rotated = rotate(&sim, SEEDED, LEGACY);
    assert_eq!(rotated.status, 200, "{}", rotated.body);
    assert_eq!(
        reveal(&sim, SEEDED, LEGACY).body["api_token"],
        rotated.body["api_token"]
    );

    // A granted scope outside the requestable set passes through every answer.
    let telemetry = rotate(&sim, SEEDED, TELEMETRY);
    assert_eq!(telemetry.body["scopes"], json!(["storage:read", "telemetry:write"]));
    assert_eq!(reveal(&sim, SEEDED, TELEMETRY).status, 200);
}

#[test]
fn ids_are_branch_exact_except_for_reveal() {
    let sim = sim();
    let token_id = create(&sim, MAIN, STORAGE_USER)["token_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(call(&sim, "DELETE", &format!("{PREVIEW}/{token_id}"), None).status, 404);
    assert_eq!(rotate(&sim, PREVIEW, &token_id).status, 404);
    // Reveal is scoped by project and id: another branch of the project authorizes it.
    assert_eq!(reveal(&sim, PREVIEW, &token_id).status, 200);
    let other_project = "/api/v2/projects/proj-sim-beta/branches/br-beta-main-01/credentials";
    assert_eq!(reveal(&sim, other_project, &token_id).status, 404);
    for unknown in ["nak_live_00000000000000000000000000000000", "nope"] {
        assert_eq!(call(&sim, "DELETE", &format!("{MAIN}/{unknown}"), None).status, 404);
        assert_eq!(reveal(&sim, MAIN, unknown).status, 404);
    }
    assert_eq!(
        call(&sim, "GET", &format!("{MAIN}/{token_id}"), None).status,
        404,
        "no such route"
    );
}

#[test]
fn the_branch_must_exist_and_be_reachable() {
    let sim = sim();
    let unknown = call(
        &sim,
        "GET",
        "/api/v2/projects/proj-sim-alpha/branches/br-nope/credentials",
        None,
    );
    assert_eq!((unknown.status, unknown.message()), (404, "branch not found"));
    let wrong = call(
        &sim,
        "POST",
        "/api/v2/projects/proj-sim-beta/branches/br-main-000001/credentials",
        Some(STORAGE_USER),
    );
    assert_eq!(wrong.status, 404);
    let bad_id = call(
        &sim,
        "GET",
        "/api/v2/projects/Proj!/branches/br-main-000001/credentials",
        None,
    );
    assert_eq!(bad_id.status, 400);
    assert_eq!(send(&sim, "GET", MAIN, None, &[], None).status, 401);

    let scoped = call(
        &sim,
        "POST",
        "/api/v2/organizations/org-sim-000001/api_keys",
        Some(r#"{"key_name":"beta-only","project_id":"proj-sim-beta"}"#),
    );
    let key = scoped.body["key"].as_str().unwrap();
    let refused = call_as(&sim, key, "POST", MAIN, Some(STORAGE_USER));
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(call_as(&sim, key, "GET", SEEDED, None).status, 200);
    assert_eq!(listed(&sim, MAIN), Vec::<Value>::new());
}

#[test]
fn created_and_rotated_secrets_are_minted_and_logged_by_route() {
    let sim = sim();
    let created = create(&sim, MAIN, STORAGE_USER);
    let token_id = created["token_id"].as_str().unwrap();
    let path = format!("{MAIN}/{token_id}/rotate");
    let rotated = send(&sim, "POST", &path, Some(SEED), &[("X-Request-ID", "req-rotate")], None).body;
    let revoked = send(
        &sim,
        "DELETE",
        &format!("{MAIN}/{token_id}"),
        Some(SEED),
        &[("X-Request-ID", "req-revoke")],
        None,
    );
    assert_eq!(revoked.status, 204);

    let minted = send(&sim, "GET", "/__sim/minted", None, &[], None).body["minted"].clone();
    assert_eq!(
        minted,
        json!([
            { "kind": "credential", "id": token_id, "secrets": [created["api_token"], created["s3_secret_access_key"]],
              "revoked": true, "revoked_by_request": "req-rotate" },
            { "kind": "credential", "id": token_id, "secrets": [rotated["api_token"], rotated["s3_secret_access_key"]],
              "revoked": true, "revoked_by_request": "req-revoke" },
        ])
    );
    let routes: Vec<Value> = send(&sim, "GET", "/__sim/requests", None, &[], None).body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["route"].clone())
        .collect();
    assert_eq!(
        routes,
        vec![
            json!("POST /projects/{}/branches/{}/credentials"),
            json!("POST /projects/{}/branches/{}/credentials/{}/rotate"),
            json!("DELETE /projects/{}/branches/{}/credentials/{}"),
        ]
    );
}
