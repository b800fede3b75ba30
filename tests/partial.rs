//! A secret the API shows once is never lost: a call that fails after receiving one keeps the
//! result so far as its partial result (`Client::partial`), which the bindings hand to JavaScript
//! as `error.partial`. Each flow runs against a scripted transport that fails the request after
//! the secret arrived.

#[path = "support/scripted.rs"]
mod scripted;

use neon_admin::operations::dispatch as ops;
use neon_admin::{Client, Error};
use scripted::{client, failure, rule, Answer, Rule, Scripted};
use serde_json::{json, Value};
const NEW_TOKEN: &str = "napi_new_token_abcdef0123456789";
const PUB_KEY: &str = "pck_minted_client_key_0123";
const SERVER_KEY: &str = "ssk_minted_server_key_0123";
const PROJECT: &str = "proj-sim-alpha";
const BRANCH: &str = "br-filler-001";

fn listed_key(id: i64) -> Value {
    json!({"id": id, "name": "old", "created_at": "2025-01-01T00:00:00Z",
        "created_by": {"id": "u1", "name": "Ada", "image": ""}, "last_used_at": null, "last_used_from_addr": ""})
}

fn created_key(project_id: Option<&str>) -> Value {
    let mut key =
        json!({"id": 8, "key": NEW_TOKEN, "name": "new", "created_at": "2025-01-01T00:00:01Z", "created_by": "u1"});
    if let Some(project) = project_id {
        key["project_id"] = project.into();
    }
    key
}

fn revoked_key() -> Value {
    json!({"id": 8, "name": "new", "created_at": "2025-01-01T00:00:01Z", "created_by": "u1",
        "last_used_at": null, "last_used_from_addr": "", "revoked": true})
}

/// The rules of a rotation whose new key is checked with `auth` and revoked with `revoke`.
fn rotation(auth: Answer, revoke: Answer) -> Vec<Rule> {
    vec![
        rule("GET", "/api_keys", vec![(200, json!([listed_key(7)]))]),
        rule("POST", "/api_keys", vec![(200, created_key(None))]),
        rule("GET", "/auth", vec![auth]),
        rule("DELETE", "/api_keys/8", vec![revoke]),
    ]
}

async fn replace(client: &Client) -> Result<String, Error> {
    let input = json!({"oldKeyId": 7, "name": "new"});
    ops::run(client, "apiKeys.rotate", json!({}), input).await
}

fn partial(client: &Client) -> Option<Value> {
    client.partial().map(|text| serde_json::from_str(&text).unwrap())
}

#[tokio::test]
async fn a_new_key_whose_check_fails_without_a_401_is_kept_and_handed_back() {
    for check in [failure(500), failure(403), failure(429)] {
        let transport = Scripted::new(rotation(check.clone(), (200, revoked_key())));
        let client = client(transport.clone()).for_call(None, None).unwrap();
        let error = replace(&client).await.unwrap_err();
        let text = error.to_string();
        assert!(matches!(&error, Error::Api(e) if e.status == check.0), "{text}");
        assert!(
            text.contains("new key 8") && text.contains("old key 7 is untouched"),
            "{text}"
        );
        assert!(!text.contains(NEW_TOKEN), "{text}");
        assert_eq!(partial(&client).unwrap()["key"], NEW_TOKEN);
        assert!(
            !transport.seen().iter().any(|r| r.starts_with("DELETE")),
            "a key that may work is never revoked"
        );
    }
}

#[tokio::test]
async fn a_new_key_the_check_refuses_is_revoked_and_not_handed_back() {
    let transport = Scripted::new(rotation(failure(401), (200, revoked_key())));
    let client = client(transport.clone()).for_call(None, None).unwrap();
    let text = replace(&client).await.unwrap_err().to_string();
    assert!(text.contains("revoked again"), "{text}");
    assert_eq!(partial(&client), None);
    assert_eq!(
        transport.seen().iter().filter(|r| *r == "DELETE /api_keys/8").count(),
        1
    );
}

#[tokio::test]
async fn a_refused_new_key_whose_revocation_fails_is_handed_back() {
    for revoke in [failure(500), failure(409)] {
        let transport = Scripted::new(rotation(failure(401), revoke));
        let client = client(transport).for_call(None, None).unwrap();
        let text = replace(&client).await.unwrap_err().to_string();
        assert!(text.contains("revoke key 8 yourself"), "{text}");
        assert_eq!(partial(&client).unwrap()["key"], NEW_TOKEN);
    }
}

/// An organization key created for a project that comes back unscoped, revoked with `revoke`:
/// the error and the client it ran on.
async fn scope_mismatch(revoke: Answer) -> (Error, Client) {
    let keys = "/organizations/org-1/api_keys";
    let transport = Scripted::new(vec![
        rule("GET", keys, vec![(200, json!([]))]),
        rule("POST", keys, vec![(200, created_key(None))]),
        rule("DELETE", format!("{keys}/8"), vec![revoke]),
    ]);
    let client = client(transport).for_call(None, None).unwrap();
    let input = json!({"name": "new", "projectId": "proj-x"});
    let error = ops::run(&client, "orgApiKeys.create", json!({"orgId": "org-1"}), input)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api(e) if e.code == "key_scope_mismatch"),
        "{error}"
    );
    (error, client)
}

#[tokio::test]
async fn a_scope_mismatched_key_is_handed_back_only_when_its_revocation_failed() {
    let (error, client) = scope_mismatch(failure(500)).await;
    assert!(error.to_string().contains("revoke key 8 yourself"), "{error}");
    assert_eq!(partial(&client).unwrap()["key"], NEW_TOKEN);
    let (error, client) = scope_mismatch((200, revoked_key())).await;
    assert!(error.to_string().contains("revoked at once"), "{error}");
    assert_eq!(partial(&client), None);
}

fn auth_path(rest: &str) -> String {
    format!("/projects/{PROJECT}/branches/{BRANCH}/auth{rest}")
}

fn enabled() -> Value {
    json!({"auth_provider": "better_auth", "auth_provider_project_id": "p1", "pub_client_key": PUB_KEY,
        "secret_server_key": SERVER_KEY, "jwks_url": "https://auth.example.com/jwks", "schema_name": "neon_auth",
        "table_name": "users_sync"})
}

async fn apply(client: &Client, branch: &str, desired: Value) -> Result<String, Error> {
    let target = json!({"projectId": PROJECT, "branch": branch});
    ops::run(client, "branchAuth.apply", target, json!({"desired": desired})).await
}

#[tokio::test]
async fn apply_hands_back_the_keys_when_a_change_after_enabling_fails() {
    // The change after the enable fails in each way: an error status, a failing read before it.
    let cases = [
        vec![
            rule("GET", auth_path("/domains"), vec![(200, json!([]))]),
            rule("POST", auth_path("/domains"), vec![failure(400)]),
        ],
        vec![rule("GET", auth_path("/domains"), vec![failure(500)])],
    ];
    for rules in cases {
        let mut all = vec![
            rule("GET", auth_path(""), vec![failure(404)]),
            rule("POST", auth_path(""), vec![(201, enabled())]),
        ];
        all.extend(rules);
        let transport = Scripted::new(all);
        let client = client(transport).for_call(None, None).unwrap();
        let error = apply(&client, BRANCH, json!({"trustedDomains": ["https://a.example.com"]}))
            .await
            .unwrap_err();
        assert!(!error.to_string().contains(SERVER_KEY), "{error}");
        let partial = partial(&client).expect("the keys come back");
        assert_eq!(partial["created_keys"]["pub_client_key"], PUB_KEY);
        assert_eq!(partial["created_keys"]["secret_server_key"], SERVER_KEY);
        assert_eq!(partial["neon_auth"]["jwks_url"], "https://auth.example.com/jwks");
        assert_eq!(partial["changes"][0]["action"], "enable");
        assert_eq!(partial["changes"].as_array().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn apply_that_fails_without_receiving_keys_has_no_partial_result() {
    let transport = Scripted::new(vec![rule("GET", auth_path(""), vec![failure(500)])]);
    let client = client(transport).for_call(None, None).unwrap();
    assert!(apply(&client, BRANCH, json!({"allowLocalhost": true})).await.is_err());
    assert_eq!(partial(&client), None);
}

#[tokio::test]
async fn apply_checks_its_input_before_looking_up_a_branch_given_by_name() {
    let transport = Scripted::new(vec![]);
    let client = client(transport.clone()).for_call(None, None).unwrap();
    let error = apply(&client, "preview/feature-a", json!({"trustedDomains": ["not a url"]}))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Config(c) if c.field.as_deref() == Some("trustedDomains[0]")),
        "{error}"
    );
    let error = ops::run(
        &client,
        "branchAuth.apply",
        json!({"projectId": PROJECT, "branch": "preview/feature-a"}),
        json!({"desired": {}, "options": {"dryrun": true}}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, Error::Config(c) if c.field.as_deref() == Some("dryrun")),
        "{error}"
    );
    assert_eq!(transport.seen(), Vec::<String>::new(), "nothing was sent");
}
