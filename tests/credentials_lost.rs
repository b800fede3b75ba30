//! Branch credentials whose write answers are lost: a secret the API shows once still reaches the
//! caller, nothing is sent twice blindly, and no call touches a credential it cannot tell is its
//! own. Each case runs against a scripted transport (tests/support/scripted.rs).

#[path = "support/scripted.rs"]
mod scripted;

use neon_admin::operations::dispatch as ops;
use neon_admin::reconcile::Reconciled;
use neon_admin::{Client, Error};
use scripted::{client, failure, rule, Scripted};
use serde_json::{json, Value};

const PATH: &str = "/projects/proj-sim-alpha/branches/br-filler-001/credentials";
const TOKEN: &str = "nak_live_0123456789abcdef0123456789abcdef";
const OTHER: &str = "nak_live_fedcba9876543210fedcba9876543210";
const API_TOKEN: &str = "nat_live_recovered_bearer_0123";
const S3_SECRET: &str = "nsk_live_recovered_secret_0123";

/// A listed credential: `fresh` ones were issued after any send of these tests (far in the future).
fn listed(token: &str, name: Option<&str>, fresh: bool) -> Value {
    let created = if fresh {
        "2099-01-01T00:00:00Z"
    } else {
        "2020-01-01T00:00:00Z"
    };
    let mut meta = json!({"token_id": token, "token_id_short": &token[9..21], "scopes": ["storage:read"],
        "branch_id": "br-filler-001", "principal_type": "user", "created_at": created});
    if let Some(name) = name {
        meta["name"] = name.into();
    }
    meta
}

fn list(items: Vec<Value>) -> (u16, Value) {
    (200, json!({ "credentials": items }))
}

fn secrets() -> (u16, Value) {
    (
        200,
        json!({"token_id": TOKEN, "api_token": API_TOKEN, "s3_secret_access_key": S3_SECRET}),
    )
}

async fn run(client: &Client, op: &str, target: Value, input: Value) -> Result<Value, Error> {
    let mut full = json!({"projectId": "proj-sim-alpha", "branch": "br-filler-001"});
    full.as_object_mut()
        .unwrap()
        .extend(target.as_object().cloned().unwrap_or_default());
    let text = ops::run(client, op, full, input).await?;
    Ok(serde_json::from_str(&text).unwrap())
}

async fn create(client: &Client, name: Option<&str>) -> Result<Value, Error> {
    let mut input = json!({"scopes": ["storage:read"]});
    if let Some(name) = name {
        input["name"] = name.into();
    }
    run(client, "credentials.create", json!({}), input).await
}

fn count(seen: &[String], request: &str) -> usize {
    seen.iter().filter(|s| s.as_str() == request).count()
}

#[tokio::test]
async fn a_lost_create_with_a_name_finds_the_credential_and_recovers_its_secrets() {
    let transport = Scripted::new(vec![
        rule(
            "GET",
            PATH,
            vec![
                list(vec![listed(OTHER, Some("ci"), false)]),
                list(vec![listed(OTHER, Some("ci"), false), listed(TOKEN, Some("ci"), true)]),
            ],
        ),
        rule("POST", PATH, vec![failure(502)]),
        rule("POST", format!("{PATH}/{TOKEN}/reveal"), vec![secrets()]),
    ]);
    let client = client(transport.clone());
    let made = create(&client, Some("ci")).await.unwrap();
    assert_eq!(made["token_id"], TOKEN);
    assert_eq!(made["api_token"], API_TOKEN);
    assert_eq!(made["s3_secret_access_key"], S3_SECRET);
    assert_eq!(made["name"], "ci");
    assert_eq!(client.reconciliations().0, vec![Reconciled::Revealed]);
    let seen = transport.seen();
    assert_eq!(count(&seen, &format!("POST {PATH}")), 1, "never issued twice: {seen:?}");
    assert!(
        !seen.iter().any(|s| s.starts_with("DELETE")),
        "nothing revoked: {seen:?}"
    );
}

#[tokio::test]
async fn a_lost_create_that_made_nothing_is_sent_once_more() {
    let issued = json!({"token_id": TOKEN, "token_id_short": "0123456789ab", "name": "ci", "api_token": API_TOKEN,
        "s3_secret_access_key": S3_SECRET, "scopes": ["storage:read"], "branch_id": "br-filler-001", "created_at": "2099-01-01T00:00:00Z"});
    let transport = Scripted::new(vec![
        rule("GET", PATH, vec![list(vec![])]),
        rule("POST", PATH, vec![failure(502), (201, issued)]),
    ]);
    let client = client(transport.clone());
    assert_eq!(create(&client, Some("ci")).await.unwrap()["api_token"], API_TOKEN);
    assert_eq!(client.reconciliations().0, vec![Reconciled::SentAgain]);
    assert_eq!(count(&transport.seen(), &format!("POST {PATH}")), 2);
}

#[tokio::test]
async fn a_lost_create_that_cannot_tell_its_credential_apart_names_the_candidates_and_touches_none() {
    // Without a name, and with two of the same name (a second caller did the same): no reveal,
    // no revoke, an error naming each candidate.
    for (name, after) in [
        (None, vec![listed(TOKEN, None, true)]),
        (
            Some("ci"),
            vec![listed(TOKEN, Some("ci"), true), listed(OTHER, Some("ci"), true)],
        ),
    ] {
        let transport = Scripted::new(vec![
            rule("GET", PATH, vec![list(vec![]), list(after.clone())]),
            rule("POST", PATH, vec![failure(502)]),
        ]);
        let client = client(transport.clone());
        let error = create(&client, name).await.unwrap_err();
        let message = error.to_string();
        for candidate in &after {
            assert!(message.contains(candidate["token_id"].as_str().unwrap()), "{message}");
        }
        assert!(message.contains("none was revoked"), "{message}");
        let seen = transport.seen();
        assert!(
            seen.iter().all(|s| !s.contains("/reveal") && !s.starts_with("DELETE")),
            "{seen:?}"
        );
        assert_eq!(count(&seen, &format!("POST {PATH}")), 1);
    }
}

#[tokio::test]
async fn a_lost_rotate_is_never_sent_again_and_reveal_recovers_the_live_secrets() {
    let transport = Scripted::new(vec![
        rule("POST", format!("{PATH}/{TOKEN}/rotate"), vec![failure(504)]),
        rule("POST", format!("{PATH}/{TOKEN}/reveal"), vec![secrets()]),
    ]);
    let client = client(transport.clone());
    let rotated = run(&client, "credentials.rotate", json!({"tokenId": TOKEN}), json!({}))
        .await
        .unwrap();
    assert_eq!(rotated["api_token"], API_TOKEN);
    assert_eq!(rotated["s3_secret_access_key"], S3_SECRET);
    assert_eq!(client.reconciliations().0, vec![Reconciled::Revealed]);
    assert_eq!(count(&transport.seen(), &format!("POST {PATH}/{TOKEN}/rotate")), 1);
}

#[tokio::test]
async fn a_lost_rotate_whose_reveal_fails_says_to_reveal_and_not_to_rotate_again() {
    let transport = Scripted::new(vec![
        rule("POST", format!("{PATH}/{TOKEN}/rotate"), vec![failure(504)]),
        rule("POST", format!("{PATH}/{TOKEN}/reveal"), vec![failure(500)]),
    ]);
    let client = client(transport.clone());
    let message = run(&client, "credentials.rotate", json!({"tokenId": TOKEN}), json!({}))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(&format!("call reveal(\"{TOKEN}\")")) && message.contains("do not rotate again"),
        "{message}"
    );
    assert_eq!(count(&transport.seen(), &format!("POST {PATH}/{TOKEN}/rotate")), 1);
}

#[tokio::test]
async fn reveal_of_a_legacy_credential_says_to_rotate_it() {
    let transport = Scripted::new(vec![rule("POST", format!("{PATH}/{TOKEN}/reveal"), vec![failure(409)])]);
    let error = run(
        &client(transport),
        "credentials.reveal",
        json!({"tokenId": TOKEN}),
        json!({}),
    )
    .await
    .unwrap_err();
    let Error::Api(api) = error else { panic!("{error:?}") };
    assert_eq!(api.status, 409);
    assert!(
        api.message.contains("cannot be recovered") && api.message.contains("rotate it"),
        "{}",
        api.message
    );
}

#[tokio::test]
async fn bad_input_is_refused_by_field_with_nothing_sent() {
    let cases = [
        (
            "credentials.create",
            json!({}),
            json!({"scopes": ["storage:read", "telemetry:write"]}),
            "scopes[1]",
        ),
        (
            "credentials.create",
            json!({}),
            json!({"name": "a\nb", "scopes": []}),
            "name",
        ),
        ("credentials.reveal", json!({"tokenId": ".."}), json!({}), "tokenId"),
        ("credentials.rotate", json!({"tokenId": ""}), json!({}), "tokenId"),
        ("credentials.revoke", json!({"tokenId": "a\u{7}"}), json!({}), "tokenId"),
    ];
    for (op, target, input, field) in cases {
        let transport = Scripted::new(vec![]);
        let error = run(&client(transport.clone()), op, target, input).await.unwrap_err();
        let Error::Config(config) = &error else {
            panic!("{op}: {error:?}")
        };
        assert_eq!(config.field.as_deref(), Some(field), "{op}: {error}");
        assert_eq!(transport.seen(), Vec::<String>::new(), "{op}");
    }
}
