//! Shared helpers for the integration tests: an in-process simulator and a
//! minimal raw HTTP/1.1 client.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use neon_admin_simulator::{start, Config, Handle};
use serde_json::Value;

/// Token of the seeded personal key in tests.
pub const SEED: &str = "integration-seed-token";

/// A parsed response.
pub struct HttpReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// Raw body bytes.
    pub raw: Vec<u8>,
    /// The body as JSON; `Null` when the body is empty.
    pub body: Value,
}

impl HttpReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The error message of a `GeneralError` body.
    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or("")
    }
}

/// A simulator whose seed key is [`SEED`].
pub fn sim() -> Handle {
    start(Config {
        seed_key: Some(SEED.to_string()),
        ..Config::default()
    })
    .expect("simulator starts")
}

/// Sends one request on a fresh connection and parses the reply.
pub fn send(
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
    if !body.is_empty() || matches!(method, "POST" | "PUT" | "PATCH") {
        head.push_str("Content-Type: application/json\r\n");
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    stream.flush().unwrap();

    read_reply(&mut BufReader::new(stream))
}

/// Reads one response from `reader` (which may then carry the next one on the same connection).
pub fn read_reply(reader: &mut impl BufRead) -> HttpReply {
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
        raw: Vec::new(),
        body: Value::Null,
    };
    reply.raw = if status == 204 {
        // No body, and (RFC 9110, section 8.6) no Content-Length either.
        Vec::new()
    } else if reply
        .header("Transfer-Encoding")
        .is_some_and(|te| te.eq_ignore_ascii_case("chunked"))
    {
        read_chunked(reader)
    } else {
        let len: usize = reply.header("Content-Length").expect("content-length").parse().unwrap();
        let mut buf = vec![0; len];
        reader.read_exact(&mut buf).unwrap();
        buf
    };
    if !reply.raw.is_empty() {
        reply.body = serde_json::from_slice(&reply.raw).expect("JSON body");
    }
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

/// Sends an authenticated request with the seed key.
pub fn call(handle: &Handle, method: &str, path: &str, body: Option<&str>) -> HttpReply {
    send(handle, method, path, Some(SEED), &[], body)
}

/// Sends an authenticated request with `token`.
pub fn call_as(handle: &Handle, token: &str, method: &str, path: &str, body: Option<&str>) -> HttpReply {
    send(handle, method, path, Some(token), &[], body)
}

/// Neon Auth base path of `br-main-000001` in `proj-sim-alpha`.
pub const MAIN_AUTH: &str = "/api/v2/projects/proj-sim-alpha/branches/br-main-000001/auth";
/// Neon Auth base path of `br-preview-a-0001` in `proj-sim-alpha`.
pub const PREVIEW_AUTH: &str = "/api/v2/projects/proj-sim-alpha/branches/br-preview-a-0001/auth";

/// Enables Neon Auth (`better_auth`) under `base`, asserting 201.
pub fn enable_auth(handle: &Handle, base: &str) -> HttpReply {
    let r = call(handle, "POST", base, Some(r#"{"auth_provider":"better_auth"}"#));
    assert_eq!(r.status, 201, "{}", r.body);
    r
}

/// Asserts `status` with no body: `Content-Length: 0`, or no Content-Length at all for 204 (which
/// must not carry one, RFC 9110 section 8.6).
pub fn assert_empty(r: &HttpReply, status: u16) {
    assert_eq!(r.status, status, "{}", r.body);
    assert!(r.raw.is_empty());
    let expected = if status == 204 { None } else { Some("0") };
    assert_eq!(r.header("Content-Length"), expected);
    assert_eq!(r.header("Content-Type"), None);
}
