//! Branch-level Neon Auth (`/projects/{p}/branches/{b}/auth`): enabling,
//! disabling, domains, OAuth providers and users over HTTP.

mod common;

use common::{assert_empty, call, enable_auth as enable, sim, HttpReply, MAIN_AUTH as MAIN, PREVIEW_AUTH as PREVIEW};
use neon_admin_simulator::Handle;
use serde_json::{json, Value};

fn create_user(sim: &Handle, base: &str, email: &str) -> HttpReply {
    call(
        sim,
        "POST",
        &format!("{base}/users"),
        Some(&json!({ "email": email }).to_string()),
    )
}

#[test]
fn enable_get_and_conflicts() {
    let sim = sim();
    let off = call(&sim, "GET", MAIN, None);
    assert_eq!(off.status, 404);
    assert_eq!(off.message(), "Neon Auth is not enabled on branch br-main-000001");
    assert_eq!(off.body["code"], json!(""));
    assert_eq!(call(&sim, "GET", &format!("{MAIN}/domains"), None).status, 404);

    let created = call(
        &sim,
        "POST",
        MAIN,
        Some(r#"{"auth_provider":"stack","database_name":"appdb"}"#),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let b = &created.body;
    assert_eq!(b["auth_provider"], json!("stack"));
    let pck = b["pub_client_key"].as_str().unwrap();
    let ssk = b["secret_server_key"].as_str().unwrap();
    assert!(pck.starts_with("pck_") && pck.len() == 44, "{pck}");
    assert!(ssk.starts_with("ssk_") && ssk.len() == 44, "{ssk}");
    assert_eq!(
        b["jwks_url"],
        json!("https://auth.sim.neon.invalid/br-main-000001/.well-known/jwks.json")
    );
    assert_eq!(b["base_url"], json!("https://auth.sim.neon.invalid/br-main-000001"));
    assert_eq!(b["schema_name"], json!("neon_auth"));
    assert_eq!(b["table_name"], json!("users_sync"));
    assert!(!b["auth_provider_project_id"].as_str().unwrap().is_empty());

    let again = call(&sim, "POST", MAIN, Some(r#"{"auth_provider":"stack"}"#));
    assert_eq!(again.status, 409);
    assert_eq!(again.message(), "Neon Auth is already enabled on branch br-main-000001");

    let got = call(&sim, "GET", MAIN, None);
    assert_eq!(got.status, 200);
    assert_eq!(got.body["auth_provider"], json!("stack"));
    assert_eq!(got.body["auth_provider_project_id"], b["auth_provider_project_id"]);
    assert_eq!(got.body["branch_id"], json!("br-main-000001"));
    assert_eq!(got.body["db_name"], json!("appdb"));
    assert_eq!(got.body["owned_by"], json!("neon"));
    assert_eq!(got.body["name"], json!("neon-auth"));
    assert!(got.body["created_at"].as_str().unwrap().ends_with('Z'));
    assert!(
        !got.raw.windows(4).any(|w| w == b"pck_" || w == b"ssk_"),
        "keys are never shown again"
    );

    let renamed = call(&sim, "PATCH", &format!("{MAIN}/config"), Some(r#"{"name":"shop"}"#));
    assert_eq!(renamed.body, json!({"name": "shop"}));
    assert_eq!(call(&sim, "GET", MAIN, None).body["name"], json!("shop"));
    let too_long = json!({ "name": "x".repeat(257) }).to_string();
    assert_eq!(
        call(&sim, "PATCH", &format!("{MAIN}/config"), Some(&too_long)).status,
        400
    );

    // The other branch is untouched; default database name applies there.
    assert_eq!(call(&sim, "GET", PREVIEW, None).status, 404);
    enable(&sim, PREVIEW);
    assert_eq!(call(&sim, "GET", PREVIEW, None).body["db_name"], json!("neondb"));
}

#[test]
fn enable_validates_and_checks_reach() {
    let sim = sim();
    for (body, field) in [
        ("{}", "auth_provider"),
        (r#"{"auth_provider":"okta"}"#, "auth_provider"),
        (r#"{"auth_provider":1}"#, "auth_provider"),
        (r#"{"auth_provider":"mock","database_name":5}"#, "database_name"),
    ] {
        let r = call(&sim, "POST", MAIN, Some(body));
        assert_eq!(r.status, 400, "{body}");
        assert!(r.message().contains(field), "{}", r.message());
    }
    assert_eq!(call(&sim, "POST", MAIN, Some("{nope")).status, 400);
    let unknown_branch = call(
        &sim,
        "GET",
        "/api/v2/projects/proj-sim-alpha/branches/br-nope/auth",
        None,
    );
    assert_eq!(unknown_branch.status, 404);
    assert_eq!(unknown_branch.message(), "branch not found");
    let wrong_project = call(
        &sim,
        "GET",
        "/api/v2/projects/proj-sim-beta/branches/br-main-000001/auth",
        None,
    );
    assert_eq!(wrong_project.status, 404);
    let unknown_project = call(
        &sim,
        "GET",
        "/api/v2/projects/proj-nope/branches/br-main-000001/auth",
        None,
    );
    assert_eq!(unknown_project.status, 404);
    assert_eq!(unknown_project.message(), "project not found");
}

#[test]
fn domains_add_list_remove() {
    let sim = sim();
    enable(&sim, MAIN);
    let domains = format!("{MAIN}/domains");
    let add = |d: &str| {
        call(
            &sim,
            "POST",
            &domains,
            Some(&json!({"domain": d, "auth_provider": "better_auth"}).to_string()),
        )
    };
    assert_empty(&add("https://app.example.com"), 201);
    assert_empty(&add("http://localhost:3000"), 201);
    assert_eq!(add("https://app.example.com").status, 409);
    let bad = add("not a uri");
    assert_eq!(bad.status, 400);
    assert!(bad.message().contains("domain"));

    let listed = call(&sim, "GET", &domains, None);
    assert_eq!(
        listed.body,
        json!({"domains": [
            {"domain": "https://app.example.com", "auth_provider": "better_auth"},
            {"domain": "http://localhost:3000", "auth_provider": "better_auth"},
        ]})
    );

    let remove = |list: Value| {
        let body = json!({"auth_provider": "better_auth", "domains": list}).to_string();
        call(&sim, "DELETE", &domains, Some(&body))
    };
    let missing = remove(json!([{"domain": "https://app.example.com"}, {"domain": "https://gone.example.com"}]));
    assert_eq!(missing.status, 404);
    assert_eq!(
        call(&sim, "GET", &domains, None).body["domains"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_empty(&remove(json!([{"domain": "https://app.example.com"}])), 200);
    let left = call(&sim, "GET", &domains, None);
    assert_eq!(left.body["domains"][0]["domain"], json!("http://localhost:3000"));
    assert_eq!(left.body["domains"].as_array().unwrap().len(), 1);
}

#[test]
fn oauth_providers_add_update_remove() {
    let sim = sim();
    enable(&sim, MAIN);
    let providers = format!("{MAIN}/oauth_providers");
    let shared = call(&sim, "POST", &providers, Some(r#"{"id":"google"}"#));
    assert_eq!(shared.status, 200, "{}", shared.body);
    assert_eq!(shared.body, json!({"id": "google", "type": "shared"}));
    let standard = call(
        &sim,
        "POST",
        &providers,
        Some(r#"{"id":"github","client_id":"gh-client","client_secret":"gh-secret-value"}"#),
    );
    assert_eq!(
        standard.body,
        json!({"id": "github", "type": "standard", "client_id": "gh-client"})
    );
    assert_eq!(call(&sim, "POST", &providers, Some(r#"{"id":"google"}"#)).status, 409);
    let bad = call(&sim, "POST", &providers, Some(r#"{"id":"myspace"}"#));
    assert_eq!(bad.status, 400);
    assert!(bad.message().contains("id"));

    let updated = call(
        &sim,
        "PATCH",
        &format!("{providers}/google"),
        Some(r#"{"client_id":"g-client","client_secret":"g-secret-value"}"#),
    );
    assert_eq!(updated.status, 200);
    assert_eq!(
        updated.body,
        json!({"id": "google", "type": "standard", "client_id": "g-client"})
    );

    let listed = call(&sim, "GET", &providers, None);
    assert_eq!(listed.body["providers"].as_array().unwrap().len(), 2);
    let text = String::from_utf8(listed.raw.clone()).unwrap();
    assert!(!text.contains("secret"), "{text}");
    let plugins = call(&sim, "GET", &format!("{MAIN}/plugins"), None);
    assert!(!String::from_utf8(plugins.raw).unwrap().contains("secret"));

    assert_eq!(
        call(&sim, "PATCH", &format!("{providers}/myspace"), Some("{}")).status,
        400
    );
    assert_eq!(
        call(&sim, "PATCH", &format!("{providers}/vercel"), Some("{}")).status,
        404
    );
    assert_empty(&call(&sim, "DELETE", &format!("{providers}/google"), None), 200);
    assert_eq!(call(&sim, "DELETE", &format!("{providers}/google"), None).status, 404);
    assert_eq!(call(&sim, "DELETE", &format!("{providers}/myspace"), None).status, 400);
    let left = call(&sim, "GET", &providers, None);
    assert_eq!(
        left.body["providers"],
        json!([{"id": "github", "type": "standard", "client_id": "gh-client"}])
    );
}

#[test]
fn users_create_duplicate_role_delete() {
    let sim = sim();
    assert_eq!(create_user(&sim, MAIN, "a@example.com").status, 404);
    enable(&sim, MAIN);
    let created = create_user(&sim, MAIN, "a@example.com");
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 36);

    let dup = create_user(&sim, MAIN, "A@Example.COM");
    assert_eq!(dup.status, 409);
    assert!(!dup.message().to_lowercase().contains("a@example.com"));
    let bad = create_user(&sim, MAIN, "secret-not-an-email");
    assert_eq!(bad.status, 400);
    assert!(bad.message().contains("email") && !bad.message().contains("secret"));
    let named = call(
        &sim,
        "POST",
        &format!("{MAIN}/users"),
        Some(r#"{"email":"b@example.com","name":""}"#),
    );
    assert_eq!(named.status, 400);

    let role_path = format!("{MAIN}/users/{id}/role");
    let role = call(&sim, "PUT", &role_path, Some(r#"{"roles":["admin","billing"]}"#));
    assert_eq!(role.status, 200);
    assert_eq!(role.body, json!({ "id": id }));
    let empty_roles = call(&sim, "PUT", &role_path, Some(r#"{"roles":[]}"#));
    assert_eq!(empty_roles.status, 400);
    assert!(empty_roles.message().contains("roles"));
    assert_eq!(call(&sim, "PUT", &role_path, Some(r#"{"roles":"admin"}"#)).status, 400);
    let unknown_role = call(
        &sim,
        "PUT",
        &format!("{MAIN}/users/nobody/role"),
        Some(r#"{"roles":["x"]}"#),
    );
    assert_eq!(unknown_role.status, 404);

    assert_empty(&call(&sim, "DELETE", &format!("{MAIN}/users/{id}"), None), 204);
    assert_eq!(call(&sim, "DELETE", &format!("{MAIN}/users/{id}"), None).status, 404);
    assert_eq!(create_user(&sim, MAIN, "a@example.com").status, 201);
}

#[test]
fn disable_keeps_users_unless_delete_data() {
    let sim = sim();
    enable(&sim, MAIN);
    assert_eq!(create_user(&sim, MAIN, "keep@example.com").status, 201);
    call(
        &sim,
        "PATCH",
        &format!("{MAIN}/allow_localhost"),
        Some(r#"{"allow_localhost":false}"#),
    );
    call(
        &sim,
        "POST",
        &format!("{MAIN}/domains"),
        Some(r#"{"domain":"https://app.example.com","auth_provider":"better_auth"}"#),
    );

    // Disabling with no body at all.
    assert_empty(&call(&sim, "DELETE", MAIN, None), 200);
    assert_eq!(call(&sim, "GET", MAIN, None).status, 404);
    assert_eq!(call(&sim, "DELETE", MAIN, None).status, 404);
    let gone = call(&sim, "GET", &format!("{MAIN}/domains"), None);
    assert_eq!(gone.status, 404);
    assert_eq!(gone.message(), "Neon Auth is not enabled on branch br-main-000001");
    assert_eq!(create_user(&sim, MAIN, "other@example.com").status, 404);

    // As on the live API, the kept `neon_auth` schema blocks enabling again (409) …
    let again = call(&sim, "POST", MAIN, Some(r#"{"auth_provider":"better_auth"}"#));
    assert_eq!(again.status, 409);
    assert!(
        again.message().contains("`neon_auth` schema already exists"),
        "{}",
        again.body
    );
    // … until it is dropped (a test hook standing for DROP SCHEMA), which takes the users along.
    let drop = "/__sim/projects/proj-sim-alpha/branches/br-main-000001/drop-neon-auth-schema";
    assert_eq!(call(&sim, "POST", drop, None).status, 200);
    enable(&sim, MAIN);
    assert_eq!(call(&sim, "POST", drop, None).status, 409, "not while enabled");
    assert_eq!(
        call(&sim, "GET", &format!("{MAIN}/domains"), None).body,
        json!({"domains": []})
    );
    assert_eq!(
        call(&sim, "GET", &format!("{MAIN}/allow_localhost"), None).body,
        json!({"allow_localhost": true})
    );
    assert_eq!(
        create_user(&sim, MAIN, "keep@example.com").status,
        201,
        "users went with the schema"
    );

    assert_eq!(call(&sim, "DELETE", MAIN, Some(r#"{"delete_data":"yes"}"#)).status, 400);
    assert_empty(&call(&sim, "DELETE", MAIN, Some(r#"{"delete_data":true}"#)), 200);
    enable(&sim, MAIN);
    assert_eq!(
        create_user(&sim, MAIN, "keep@example.com").status,
        201,
        "users were deleted"
    );
}

#[test]
fn a_branch_made_from_one_with_neon_auth_has_its_own() {
    let sim = sim();
    enable(&sim, MAIN);
    call(&sim, "PATCH", &format!("{MAIN}/config"), Some(r#"{"name":"shop"}"#));
    let made = call(
        &sim,
        "POST",
        "/__sim/projects/proj-sim-alpha/branches/br-main-000001/child/pr-7",
        None,
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let child_id = made.body["id"].as_str().unwrap().to_string();
    assert_eq!(made.body["parent_id"], json!("br-main-000001"));
    let child = format!("/api/v2/projects/proj-sim-alpha/branches/{child_id}/auth");
    let got = call(&sim, "GET", &child, None);
    assert_eq!(got.status, 200);
    assert_eq!(got.body["name"], json!("shop"));
    assert_eq!(
        got.body["base_url"],
        json!(format!("https://auth.sim.neon.invalid/{child_id}"))
    );
    assert_eq!(
        call(&sim, "POST", &child, Some(r#"{"auth_provider":"better_auth"}"#)).status,
        409
    );
    let listed = call(
        &sim,
        "GET",
        "/api/v2/projects/proj-sim-alpha/branches?search=pr-7",
        None,
    );
    assert_eq!(listed.body["branches"][0]["id"], json!(child_id));
}

#[test]
fn unknown_auth_routes_are_404() {
    let sim = sim();
    enable(&sim, MAIN);
    assert_eq!(call(&sim, "GET", &format!("{MAIN}/nope"), None).status, 404);
    assert_eq!(call(&sim, "PUT", MAIN, Some("{}")).status, 404);
    assert_eq!(
        call(&sim, "GET", &format!("{MAIN}/plugins/magic-link"), None).status,
        404
    );
}
