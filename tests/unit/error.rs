use super::*;

#[test]
fn names_match_js_classes() {
    assert_eq!(Error::config("x").name(), "NeonConfigError");
    let api = Error::Api(ApiError {
        status: 401,
        code: String::new(),
        message: "authentication required".into(),
        request_id: "r1".into(),
        attempts: 1,
        retry_after_ms: None,
        hint: None,
    });
    assert_eq!(api.name(), "NeonApiError");
    let text = api.to_string();
    assert!(text.contains("401"), "{text}");
    assert!(text.contains("NEON_API_KEY"), "{text}");
    assert!(text.contains("r1"), "{text}");
}

fn answer(status: u16, message: &str, retry_after_ms: Option<u64>) -> ApiError {
    ApiError {
        status,
        code: String::new(),
        message: message.into(),
        request_id: "r1".into(),
        attempts: 1,
        retry_after_ms,
        hint: None,
    }
}

#[test]
fn a_wait_the_server_asked_for_is_the_only_advice_on_a_429() {
    let waited = Error::Api(answer(429, "rate limit exceeded", Some(2000))).to_string();
    assert_eq!(
        waited,
        "Neon API answered 429: rate limit exceeded (the server asked to wait 2 s before retrying; request id r1)"
    );
    let text = Error::Api(answer(429, "rate limit exceeded", None)).to_string();
    assert!(
        text.contains("(slow down and try again later; request id r1)"),
        "{text}"
    );
}

#[test]
fn a_404_is_explained_by_where_it_was_sent() {
    use crate::http::answers::context_hint;
    use crate::http::transport::Method;
    const API: &str = "https://console.neon.tech/api/v2";
    const AUTH: &str = "/projects/p-1/branches/br-1/auth";
    let off = answer(404, "Neon Auth is not enabled on branch br-1", None);
    let hint = |e: &ApiError, method, path: &str, base| context_hint(e, method, path, base).unwrap_or("none");
    assert!(
        hint(&off, Method::GET, &format!("{AUTH}/domains"), API).starts_with("enable Neon Auth on this branch first")
    );
    assert!(hint(&off, Method::GET, AUTH, API).starts_with("enable Neon Auth"));
    assert!(hint(&off, Method::DELETE, AUTH, API).starts_with("Neon Auth is already off"));
    assert!(hint(&off, Method::DELETE, &format!("{AUTH}/oauth_providers/github"), API).starts_with("enable Neon Auth"));
    let unsaid = answer(404, "not found", None);
    assert!(hint(&unsaid, Method::GET, &format!("{AUTH}/plugins"), API).starts_with("Neon Auth may be off"));
    assert_eq!(hint(&unsaid, Method::GET, "/projects/p-1/branches", API), "none");
    assert_eq!(
        hint(&answer(404, "branch not found", None), Method::GET, AUTH, API),
        "none"
    );
    assert_eq!(
        hint(&answer(409, "Neon Auth is not enabled", None), Method::GET, AUTH, API),
        "none"
    );
    for base in [
        "https://console.neon.tech",
        "https://console.neon.tech/",
        "http://127.0.0.1:4010/v2",
        "https://proxy.example.com/neon",
    ] {
        assert!(
            hint(&unsaid, Method::GET, "/api_keys", base).starts_with("the base URL does not end in /api/v2"),
            "{base}"
        );
    }
    assert_eq!(
        hint(
            &unsaid,
            Method::GET,
            "/api_keys",
            "https://proxy.example.com/neon/api/v2/"
        ),
        "none"
    );
    let text = Error::Api(ApiError {
        hint: context_hint(&off, Method::GET, AUTH, API),
        ..off.clone()
    })
    .to_string();
    assert!(!text.contains("check the ID"), "{text}");
}

#[test]
fn field_errors_name_the_field() {
    let e = Error::field("keyId", "must be a positive integer");
    assert_eq!(e.to_string(), "invalid `keyId`: must be a positive integer");
}
