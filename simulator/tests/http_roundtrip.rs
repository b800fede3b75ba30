//! Starts the simulator in-process and talks raw HTTP/1.1 to it.

mod common;

use std::io::{BufReader, Write};
use std::net::TcpStream;
use std::sync::Barrier;
use std::time::Duration;

use common::{read_reply, send, sim, SEED};
use neon_admin_simulator::{start, Config};
use serde_json::json;

#[test]
fn missing_or_bad_token_is_401_with_general_error() {
    let sim = sim();
    for token in [None, Some("not-a-real-token")] {
        let r = send(&sim, "GET", "/api/v2/api_keys", token, &[], None);
        assert_eq!(r.status, 401);
        assert_eq!(r.header("Content-Type"), Some("application/json"));
        let rid = r.header("X-Request-ID").expect("generated request id");
        assert_eq!(r.body["request_id"], json!(rid));
        assert_eq!(r.body["code"], json!(""));
        assert_eq!(r.body["message"], json!("authentication required"));
    }
}

#[test]
fn request_id_is_echoed() {
    let sim = sim();
    let r = send(
        &sim,
        "GET",
        "/api/v2/auth",
        Some(SEED),
        &[("X-Request-ID", "req-abc-123")],
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("X-Request-ID"), Some("req-abc-123"));
    assert_eq!(
        r.body,
        json!({
            "account_id": "11111111-2222-4333-8444-555555555555",
            "auth_method": "api_key_user",
            "auth_data": "seed",
        })
    );
}

#[test]
fn create_list_revoke_roundtrip() {
    let sim = sim();
    let created = send(
        &sim,
        "POST",
        "/api/v2/api_keys",
        Some(SEED),
        &[],
        Some(r#"{"key_name":"ci-key"}"#),
    );
    assert_eq!(created.status, 200, "{}", created.body);
    assert_eq!(created.body["id"], json!(100_002));
    assert_eq!(created.body["name"], json!("ci-key"));
    assert_eq!(
        created.body["created_by"],
        json!("11111111-2222-4333-8444-555555555555")
    );
    let token = created.body["key"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 64);

    // The new token works at once and the list shows both keys.
    let listed = send(&sim, "GET", "/api/v2/api_keys", Some(&token), &[], None);
    assert_eq!(listed.status, 200);
    let ids: Vec<u64> = listed
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, vec![100_001, 100_002]);
    let seed_entry = &listed.body[0];
    assert_eq!(seed_entry["created_by"]["name"], json!("Sim User"));
    assert_eq!(seed_entry["last_used_from_addr"], json!("127.0.0.1"));
    assert!(seed_entry["last_used_at"].as_str().unwrap().ends_with('Z'));

    // A key that was never used reports null / "".
    let unused = send(
        &sim,
        "POST",
        "/api/v2/api_keys",
        Some(SEED),
        &[],
        Some(r#"{"key_name":"unused"}"#),
    );
    assert_eq!(unused.body["id"], json!(100_003));
    let listed = send(&sim, "GET", "/api/v2/api_keys", Some(SEED), &[], None);
    let unused_entry = &listed.body[2];
    assert_eq!(unused_entry["name"], json!("unused"));
    assert!(unused_entry["last_used_at"].is_null());
    assert_eq!(unused_entry["last_used_from_addr"], json!(""));

    let revoked = send(&sim, "DELETE", "/api/v2/api_keys/100002", Some(SEED), &[], None);
    assert_eq!(revoked.status, 200);
    assert_eq!(revoked.body["revoked"], json!(true));
    assert_eq!(revoked.body["id"], json!(100_002));

    let after = send(&sim, "GET", "/api/v2/api_keys", Some(&token), &[], None);
    assert_eq!(after.status, 401);
    let again = send(&sim, "DELETE", "/api/v2/api_keys/100002", Some(SEED), &[], None);
    assert_eq!(again.status, 404);
    assert_eq!(again.body["message"], json!("API key not found"));
    let bad_id = send(&sim, "DELETE", "/api/v2/api_keys/abc", Some(SEED), &[], None);
    assert_eq!(bad_id.status, 400);
}

#[test]
fn bad_bodies_are_400() {
    let sim = sim();
    let invalid = send(&sim, "POST", "/api/v2/api_keys", Some(SEED), &[], Some("{"));
    assert_eq!(invalid.status, 400);
    assert_eq!(invalid.body["message"], json!("request body is not valid JSON"));
    let missing = send(&sim, "POST", "/api/v2/api_keys", Some(SEED), &[], Some("{}"));
    assert_eq!(missing.status, 400);
    assert!(missing.body["message"].as_str().unwrap().contains("key_name"));
}

#[test]
fn org_keys_roundtrip() {
    let sim = sim();
    let created = send(
        &sim,
        "POST",
        "/api/v2/organizations/org-sim-000001/api_keys",
        Some(SEED),
        &[],
        Some(r#"{"key_name":"deploy","project_id":"proj-1"}"#),
    );
    assert_eq!(created.status, 200, "{}", created.body);
    assert_eq!(created.body["project_id"], json!("proj-1"));
    let org_token = created.body["key"].as_str().unwrap().to_string();

    let auth = send(&sim, "GET", "/api/v2/auth", Some(&org_token), &[], None);
    assert_eq!(auth.body["auth_method"], json!("api_key_org"));
    assert_eq!(auth.body["account_id"], json!("org-sim-000001"));

    let other = send(
        &sim,
        "GET",
        "/api/v2/organizations/org-other/api_keys",
        Some(SEED),
        &[],
        None,
    );
    assert_eq!(other.status, 404);
    let malformed = send(
        &sim,
        "GET",
        "/api/v2/organizations/Bad_Org/api_keys",
        Some(SEED),
        &[],
        None,
    );
    assert_eq!(malformed.status, 400);
}

#[test]
fn request_log_counts_api_requests_only() {
    let sim = sim();
    send(&sim, "GET", "/api/v2/auth", Some(SEED), &[("User-Agent", "it/1")], None);
    send(&sim, "GET", "/api/v2/nope", None, &[], None);
    send(&sim, "GET", "/elsewhere", None, &[], None);

    let log = send(&sim, "GET", "/__sim/requests", None, &[], None);
    assert_eq!(log.status, 200);
    assert_eq!(log.body["count"], json!(2));
    let first = &log.body["requests"][0];
    assert_eq!(first["method"], json!("GET"));
    assert_eq!(first["path"], json!("/api/v2/auth"));
    assert_eq!(first["user_agent"], json!("it/1"));
    assert_eq!(first["authorization_present"], json!(true));
    assert_eq!(log.body["requests"][1]["authorization_present"], json!(false));
    assert!(!log.body.to_string().contains(SEED), "token must not be logged");

    let reset = send(&sim, "POST", "/__sim/reset-log", None, &[], None);
    assert_eq!(reset.body, json!({"count": 0}));
    let log = send(&sim, "GET", "/__sim/requests", None, &[], None);
    assert_eq!(log.body["count"], json!(0));
}

#[test]
fn oversized_body_is_413() {
    let sim = sim();
    let big = format!(r#"{{"key_name":"{}"}}"#, "x".repeat(1024 * 1024 + 10));
    let r = send(&sim, "POST", "/api/v2/api_keys", Some(SEED), &[], Some(&big));
    assert_eq!(r.status, 413);
}

#[test]
fn generated_seed_key_authenticates() {
    let sim = start(Config::default()).unwrap();
    assert!(sim.seed_key_generated());
    let key = sim.seed_key().to_string();
    let r = send(&sim, "GET", "/api/v2/auth", Some(&key), &[], None);
    assert_eq!(r.status, 200);
    assert!(sim.base_url().ends_with("/api/v2"));
}

#[test]
fn concurrent_clients_get_distinct_keys() {
    let sim = sim();
    let ids: Vec<u64> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|t| {
                let sim = &sim;
                scope.spawn(move || {
                    (0..5)
                        .map(|i| {
                            let body = format!(r#"{{"key_name":"t{t}-{i}"}}"#);
                            let r = send(sim, "POST", "/api/v2/api_keys", Some(SEED), &[], Some(&body));
                            assert_eq!(r.status, 200);
                            r.body["id"].as_u64().unwrap()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), 20);
    assert_eq!(sorted.first(), Some(&100_002));
    assert_eq!(sorted.last(), Some(&100_021));
    let listed = send(&sim, "GET", "/api/v2/api_keys", Some(SEED), &[], None);
    assert_eq!(listed.body.as_array().unwrap().len(), 21);
}

/// Clients such as hyper and undici open many connections at once and keep them open between
/// requests. Every one of them must be served at once, however many stay open and idle: 200
/// connections opened together, two requests each on the same connection (HTTP/1.1 keep-alive),
/// all kept open until the end.
#[test]
fn simultaneous_keep_alive_connections_are_all_served() {
    const CONNECTIONS: usize = 200;
    const ROUNDS: usize = 2;
    let sim = sim();
    let port = sim.port();
    let all_connected = Barrier::new(CONNECTIONS);
    let open: Vec<TcpStream> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..CONNECTIONS)
            .map(|i| {
                let all_connected = &all_connected;
                scope.spawn(move || {
                    let stream = TcpStream::connect(("127.0.0.1", port));
                    all_connected.wait(); // then every request goes out at about the same time
                    let mut stream = stream.expect("connect");
                    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    for round in 0..ROUNDS {
                        let id = format!("conn-{i}-{round}");
                        let head = format!(
                            "GET /api/v2/auth HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
                             Authorization: Bearer {SEED}\r\nX-Request-ID: {id}\r\n\r\n"
                        );
                        stream.write_all(head.as_bytes()).unwrap();
                        let reply = read_reply(&mut reader); // panics after 10 s without an answer
                        assert_eq!(reply.status, 200, "{id}");
                        assert_eq!(reply.header("X-Request-ID"), Some(id.as_str()));
                        assert_eq!(reply.header("Connection"), None, "{id}: the connection stays open");
                    }
                    stream
                })
            })
            .collect();
        clients.into_iter().map(|c| c.join().unwrap()).collect()
    });
    let log = send(&sim, "GET", "/__sim/requests", None, &[], None);
    assert_eq!(log.body["count"], json!(CONNECTIONS * ROUNDS));
    drop(open);
}
