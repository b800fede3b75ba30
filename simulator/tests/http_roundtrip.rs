//! Starts the simulator in-process and talks raw HTTP/1.1 to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use neon_admin_simulator::{start, Config, Handle};
use serde_json::{json, Value};

const SEED: &str = "integration-seed-token";

struct HttpReply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Value,
}

impl HttpReply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn sim() -> Handle {
    start(Config {
        seed_key: Some(SEED.to_string()),
        ..Config::default()
    })
    .expect("simulator starts")
}

/// Sends one request on a fresh connection and parses the reply.
fn send(
    handle: &Handle,
    method: &str,
    path: &str,
    token: Option<&str>,
    extra_headers: &[(&str, &str)],
    body: Option<&str>,
) -> HttpReply {
    let mut stream = TcpStream::connect(("127.0.0.1", handle.port())).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
        handle.port()
    );
    if let Some(token) = token {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    for (k, v) in extra_headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    let body = body.unwrap_or("");
    if !body.is_empty() || method == "POST" {
        head.push_str("Content-Type: application/json\r\n");
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    stream.flush().unwrap();

    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (k, v) = line.split_once(':').expect("header line");
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let mut reply = HttpReply {
        status,
        headers,
        body: Value::Null,
    };
    let raw = if reply
        .header("Transfer-Encoding")
        .is_some_and(|te| te.eq_ignore_ascii_case("chunked"))
    {
        read_chunked(&mut reader)
    } else {
        let len: usize = reply.header("Content-Length").expect("content-length").parse().unwrap();
        let mut buf = vec![0; len];
        reader.read_exact(&mut buf).unwrap();
        buf
    };
    reply.body = serde_json::from_slice(&raw).expect("JSON body");
    reply
}

fn read_chunked(reader: &mut impl BufRead) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let mut size_line = String::new();
        reader.read_line(&mut size_line).unwrap();
        let size = usize::from_str_radix(size_line.trim().split(';').next().unwrap(), 16).unwrap();
        if size == 0 {
            return out;
        }
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk).unwrap();
        out.extend_from_slice(&chunk[..size]);
    }
}

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
