//! The request pipeline against a scripted local HTTP server: headers, error decoding, retries,
//! timeouts and secrets.

use neon_admin::credentials::CredentialSource;
use neon_admin::http::native_transport::NativeTransport;
use neon_admin::{Client, ClientOptions, Error, Secret};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const KEY: &str = "napi_testkey_0123456789abcdef";

/// One scripted answer: status, extra headers, body; `None` closes the connection unanswered.
type Answer = Option<(u16, &'static str, String)>;

#[derive(Default)]
struct Seen {
    requests: Vec<String>,
}

/// Starts a server answering each request with the next scripted answer (the last one repeats).
async fn serve(answers: Vec<Answer>) -> (String, Arc<Mutex<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/v2", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Seen::default()));
    let log = seen.clone();
    tokio::spawn(async move {
        let mut i = 0;
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            let answer = answers[i.min(answers.len() - 1)].clone();
            i += 1;
            let mut buf = vec![0u8; 65536];
            let mut got = Vec::new();
            loop {
                let n = socket.read(&mut buf).await.unwrap_or(0);
                got.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&got);
                if let Some(end) = text.find("\r\n\r\n") {
                    let len = text
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse::<usize>().unwrap())
                        })
                        .unwrap_or(0);
                    if got.len() >= end + 4 + len {
                        break;
                    }
                }
                if n == 0 {
                    break;
                }
            }
            log.lock()
                .unwrap()
                .requests
                .push(String::from_utf8_lossy(&got).into_owned());
            if let Some((status, headers, body)) = answer {
                let reply = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(reply.as_bytes()).await;
            }
        }
    });
    (url, seen)
}

fn transport() -> Arc<NativeTransport> {
    Arc::new(NativeTransport::new().unwrap())
}

fn client(url: &str, retries: u32, timeout_ms: u64) -> Client {
    let options = ClientOptions {
        base_url: Some(url.to_string()),
        timeout: Some(Duration::from_millis(timeout_ms)),
        max_retries: Some(retries),
        user_agent: Some("test-suite/1.0".into()),
        // The pipeline alone: a lost answer is not reconciled (tests/js/reconcile*.test.mjs).
        reconcile: Some(false),
        ..Default::default()
    };
    Client::new(Secret::new(KEY), CredentialSource::Option, &options, transport()).unwrap()
}

fn header<'a>(request: &'a str, name: &str) -> Option<&'a str> {
    request.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[tokio::test]
async fn sends_auth_request_id_and_user_agent() {
    let (url, seen) = serve(vec![Some((
        200,
        "",
        r#"{"account_id":"u1","auth_method":"api_key_user","extra":1}"#.into(),
    ))])
    .await;
    let me = client(&url, 0, 5000).whoami().await.unwrap();
    assert_eq!(me.account_id, "u1");
    assert_eq!(me.auth_method, "api_key_user");
    let seen = seen.lock().unwrap();
    let req = &seen.requests[0];
    assert!(req.starts_with("GET /api/v2/auth HTTP/1.1"), "{req}");
    assert_eq!(header(req, "authorization"), Some(format!("Bearer {KEY}").as_str()));
    assert_eq!(header(req, "accept"), Some("application/json"));
    let id = header(req, "x-request-id").unwrap();
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "4");
    assert_eq!(
        header(req, "user-agent"),
        Some(concat!("test-suite/1.0 neon-admin/", env!("CARGO_PKG_VERSION")))
    );
}

#[tokio::test]
async fn post_sends_exact_json_body() {
    let body =
        r#"{"id":7,"key":"tok","name":"ci","created_at":"2026-01-01T00:00:00Z","created_by":"u1","project_id":"p-1"}"#;
    let (url, seen) = serve(vec![Some((200, "", body.into()))]).await;
    let c = client(&url, 0, 5000);
    let created = c
        .org_api_keys("org-1")
        .unwrap()
        .create("ci", Some("p-1"))
        .await
        .unwrap();
    assert_eq!(created.key.expose(), "tok");
    assert_eq!(created.project_id.as_deref(), Some("p-1"));
    let seen = seen.lock().unwrap();
    let req = &seen.requests[0];
    assert!(
        req.starts_with("POST /api/v2/organizations/org-1/api_keys HTTP/1.1"),
        "{req}"
    );
    assert_eq!(header(req, "content-type"), Some("application/json"));
    assert!(req.ends_with(r#"{"key_name":"ci","project_id":"p-1"}"#), "{req}");
}

#[tokio::test]
async fn api_errors_are_decoded_and_never_contain_the_key() {
    let body = format!(r#"{{"code":"UNAUTHORIZED","message":"bad key {KEY}","request_id":"srv-1"}}"#);
    let (url, _) = serve(vec![Some((401, "", body))]).await;
    let err = client(&url, 2, 5000).api_keys().list().await.unwrap_err();
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.status, 401);
    assert_eq!(api.code, "UNAUTHORIZED");
    assert_eq!(api.request_id, "srv-1");
    assert_eq!(api.attempts, 1, "401 is not retried");
    assert!(!err.to_string().contains(KEY));
    assert!(!format!("{err:?}").contains(KEY));
}

#[tokio::test]
async fn non_json_error_body_keeps_the_status() {
    let (url, _) = serve(vec![Some((502, "", "<html>bad gateway</html>".into()))]).await;
    let err = client(&url, 0, 5000).whoami().await.unwrap_err();
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.status, 502);
    assert!(api.message.contains("502"));
}

#[tokio::test]
async fn invalid_success_body_is_an_api_error() {
    let (url, _) = serve(vec![Some((200, "", "{\"account_id\": 5".into()))]).await;
    let err = client(&url, 0, 5000).whoami().await.unwrap_err();
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!((api.status, api.code.as_str()), (200, "invalid_response"));
}

#[tokio::test]
async fn a_success_body_of_the_wrong_shape_names_the_field_but_not_the_value() {
    let body = r#"{"account_id": "acc-1", "auth_method": ["hunter2-secret"]}"#;
    let (url, _) = serve(vec![Some((200, "", body.into()))]).await;
    let err = client(&url, 0, 5000).whoami().await.unwrap_err();
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!((api.status, api.code.as_str()), (200, "invalid_response"));
    assert!(
        api.message.contains("`auth_method`: must be a string"),
        "{}",
        api.message
    );
    assert!(!api.message.contains("hunter2"), "{}", api.message);
}

/// A key list is checked against its shape, not built, where it is handed on as sent: the text
/// comes out as the API sent it, and a list of the wrong shape gets the typed decoder's error.
#[tokio::test]
async fn a_key_list_handed_on_is_the_text_sent_or_the_typed_error() {
    let item = r#"{"id": 7, "name": "ci", "created_at": "2024-01-01T00:00:00Z", "created_by": {"id": "u", "name": "n", "image": ""}, "last_used_at": null, "last_used_from_addr": "", "new_field": [1.50, {"x": true}]}"#;
    let listed = format!("  [{item}, {item}]\n");
    let wrong = r#"[{"id": "hunter2-secret", "name": "ci"}]"#;
    let (url, _) = serve(vec![Some((200, "", listed.clone())), Some((200, "", wrong.into()))]).await;
    let client = client(&url, 0, 5000);
    let run =
        || neon_admin::operations::dispatch::run(&client, "apiKeys.list", serde_json::json!({}), serde_json::json!({}));
    assert_eq!(run().await.unwrap(), listed.trim());
    let err = run().await.unwrap_err();
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!((api.status, api.code.as_str()), (200, "invalid_response"));
    assert!(api.message.contains("Data error at `[0].id`"), "{}", api.message);
    assert!(!api.message.contains("hunter2"), "{}", api.message);
}

#[tokio::test]
async fn get_is_retried_with_the_same_request_id() {
    let ok = r#"[]"#.to_string();
    let (url, seen) = serve(vec![
        Some((503, "retry-after: 0\r\n", "{}".into())),
        Some((503, "", "{}".into())),
        Some((200, "", ok)),
    ])
    .await;
    let keys = client(&url, 2, 5000).api_keys().list().await.unwrap();
    assert!(keys.is_empty());
    let seen = seen.lock().unwrap();
    assert_eq!(seen.requests.len(), 3);
    let ids: Vec<_> = seen
        .requests
        .iter()
        .map(|r| header(r, "x-request-id").unwrap().to_string())
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
}

#[tokio::test]
async fn post_is_not_retried_after_500_or_a_lost_answer() {
    let (url, seen) = serve(vec![Some((500, "", "{}".into()))]).await;
    let err = client(&url, 2, 5000).api_keys().create("k", None).await.unwrap_err();
    assert!(
        matches!(err, Error::Api(ref e) if e.status == 500 && e.attempts == 1),
        "{err:?}"
    );
    assert_eq!(seen.lock().unwrap().requests.len(), 1);

    let (url, seen) = serve(vec![None]).await;
    let err = client(&url, 2, 5000).api_keys().create("k", None).await.unwrap_err();
    assert_eq!(err.name(), "NeonNetworkError");
    assert_eq!(
        seen.lock().unwrap().requests.len(),
        1,
        "a POST after a lost answer reaches the server once"
    );
}

#[tokio::test]
async fn post_is_retried_on_503() {
    let body = r#"{"id":8,"key":"t","name":"k","created_at":"x","created_by":"u"}"#.to_string();
    let (url, seen) = serve(vec![
        Some((503, "retry-after: 0\r\n", "{}".into())),
        Some((200, "", body)),
    ])
    .await;
    let created = client(&url, 2, 5000).api_keys().create("k", None).await.unwrap();
    assert_eq!(created.id, 8);
    assert_eq!(seen.lock().unwrap().requests.len(), 2);
}

#[tokio::test]
async fn refused_connection_and_timeout_are_network_errors() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = client(&format!("http://127.0.0.1:{port}/api/v2"), 0, 2000)
        .whoami()
        .await
        .unwrap_err();
    let Error::Network(net) = &err else { panic!("{err:?}") };
    assert!(!net.timed_out);

    // A server that accepts but never answers.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/v2", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        loop {
            let (s, _) = listener.accept().await.unwrap();
            held.push(s);
        }
    });
    let err = client(&url, 1, 200).whoami().await.unwrap_err();
    let Error::Network(net) = &err else { panic!("{err:?}") };
    assert!(net.timed_out);
    assert_eq!(net.attempts, 2, "a GET is retried once after a timeout");
}

#[tokio::test]
async fn bad_input_sends_nothing() {
    let (url, seen) = serve(vec![Some((200, "", "{}".into()))]).await;
    let c = client(&url, 0, 5000);
    assert_eq!(
        c.api_keys().create("", None).await.unwrap_err().name(),
        "NeonConfigError"
    );
    assert_eq!(
        c.api_keys().create(&"x".repeat(65), None).await.unwrap_err().name(),
        "NeonConfigError"
    );
    assert_eq!(
        c.api_keys().create("k", Some("p-1")).await.unwrap_err().name(),
        "NeonConfigError"
    );
    assert_eq!(c.api_keys().revoke(0).await.unwrap_err().name(), "NeonConfigError");
    assert_eq!(c.org_api_keys("Org/../x").unwrap_err().name(), "NeonConfigError");
    assert!(seen.lock().unwrap().requests.is_empty());
}

#[test]
fn base_url_must_be_https_unless_loopback() {
    let make = |u: &str| {
        let options = ClientOptions {
            base_url: Some(u.into()),
            ..Default::default()
        };
        Client::new(Secret::new(KEY), CredentialSource::Option, &options, transport())
    };
    assert!(make("https://console.neon.tech/api/v2/").is_ok());
    assert_eq!(
        make("https://console.neon.tech/api/v2/").unwrap().base_url(),
        "https://console.neon.tech/api/v2"
    );
    for ok in ["http://127.0.0.1:1/api/v2", "http://localhost:9", "http://[::1]:8080"] {
        assert!(make(ok).is_ok(), "{ok}");
    }
    for bad in [
        "http://example.com/api/v2",
        "ftp://127.0.0.1",
        "https://u:p@x.dev",
        "https://x.dev/?a=1",
        "not a url",
    ] {
        assert_eq!(make(bad).unwrap_err().name(), "NeonConfigError", "{bad}");
    }
}

/// What the native transport cannot send (a header value with a line break, a NUL or bytes beyond
/// ASCII, a URL that does not parse) is a network error of that request, never a panic, and its
/// message does not quote the value; so is a bearer of that kind reaching a whole call.
#[tokio::test]
async fn unsendable_input_is_an_error_not_a_panic() {
    use neon_admin::http::transport::{HttpRequest, Method, Transport, TransportError};
    let secret = "napi_never_shown_0123456789";
    let t = transport();
    let cases = [
        (
            "http://127.0.0.1:9/api/v2/auth",
            format!("Bearer {secret}\r\nx-injected: 1"),
        ),
        ("http://127.0.0.1:9/api/v2/auth", format!("Bearer {secret}\u{0}")),
        ("http://127.0.0.1:9/api/v2/auth", format!("Bearer {secret}\u{20ac}")),
        ("http://[::1/api/v2/auth", format!("Bearer {secret}")),
        ("not a url", format!("Bearer {secret}")),
    ];
    for (url, value) in cases {
        let request = HttpRequest {
            method: Method::GET,
            url: url.to_string(),
            headers: vec![("authorization", value.clone())],
            body: None,
            timeout: Duration::from_millis(2000),
            max_body: 1024,
        };
        match t.send(request).await {
            Err(TransportError::Network { message, .. }) => assert!(!message.contains(secret), "{message}"),
            other => panic!("{url} {value:?}: {other:?}"),
        }
    }
    let (url, seen) = serve(vec![Some((200, "", "{}".into()))]).await;
    let options = ClientOptions {
        base_url: Some(url),
        max_retries: Some(0),
        ..Default::default()
    };
    for key in [format!("{secret}\r\nx-injected: 1"), format!("{secret}\u{7f}")] {
        let client = Client::new(Secret::new(key), CredentialSource::Option, &options, transport()).unwrap();
        let error = client.whoami().await.unwrap_err();
        assert!(matches!(error, Error::Network(_)), "{error}");
        assert!(!error.to_string().contains(secret), "{error}");
    }
    assert!(seen.lock().unwrap().requests.is_empty(), "nothing was sent");
}
