//! The input checks of `neon_admin::validate`: what each refuses, and that a refusal never
//! repeats a key.

use neon_admin::validate::*;

#[test]
fn keys_with_inner_whitespace_or_controls_are_refused_without_echo() {
    for bad in ["abc def", "abc\tdef", "abc\u{0}def", "abc\u{7f}def", "", "   ", "ключ"] {
        let err = bearer("the apiKey option", bad).unwrap_err();
        assert_eq!(err.name(), "NeonConfigError");
        assert!(
            err.to_string().contains(": the API key from the apiKey option "),
            "{err}"
        );
        if !bad.trim().is_empty() {
            assert!(!err.to_string().contains(bad), "{err}");
        }
    }
    assert_eq!(bearer("the apiKey option", " napi_ok\n").unwrap().expose(), "napi_ok");
    assert!(bearer("the apiKey option", &"a".repeat(513)).is_err());
}

#[test]
fn resource_ids_follow_the_spec_pattern() {
    assert!(resource_id("orgId", "org-cold-9").is_ok());
    for bad in ["", "Org", "a/b", "a b", "..", &"a".repeat(61)] {
        assert!(resource_id("orgId", bad).is_err(), "{bad}");
    }
}

#[test]
fn key_names_and_ids() {
    assert!(key_name("name", "ci").is_ok());
    assert!(key_name("name", &"é".repeat(64)).is_ok());
    assert!(key_name("name", &"é".repeat(65)).is_err());
    assert!(key_name("name", " ").is_err());
    assert!(key_name("name", "a\nb").is_err());
    assert!(key_id("keyId", 1).is_ok());
    assert!(key_id("keyId", 0).is_err());
    assert!(key_id("keyId", -5).is_err());
    assert!(key_id("keyId", 1 << 53).is_err());
}

#[test]
fn emails_and_urls() {
    assert!(email("email", "a.b@example.com").is_ok());
    for bad in [
        "",
        "ab",
        "a@b",
        "@b.com",
        "a@.com",
        "a b@c.com",
        "a@b.com.",
        "a@b@c.com",
    ] {
        let e = email("email", bad).unwrap_err().to_string();
        assert!(bad.is_empty() || !e.contains(bad), "{e}");
    }
    for ok in [
        "https://preview.example.com",
        "https://app.example.com:8443/callback",
        "http://localhost:3000",
        "http://preview.example.com",
        "https://*.my-app-preview.vercel.app",
        "https://**.example.com",
        "https://my_host.example.com",
        "myapp://callback",
        "myapp://",
        "exp://192.168.*.*:*/**",
        "https://[::1]:8080",
    ] {
        assert!(trusted_domain("domain", ok).is_ok(), "{ok}");
    }
    for bad in [
        "preview.example.com",
        "*",
        "https://*",
        "https://*.com",
        "https://**",
        "https://*:443",
        "https://",
        "https:///path",
        "javascript:alert(1)",
        "JavaScript://x.example.com",
        "data:text/html,x",
        "file:///etc/passwd",
        "vbscript:x",
        "about:blank",
        "https://a b.example.com",
        "https://a.example.com\n",
        "://x.example.com",
        "1ab://x.example.com",
    ] {
        let e = trusted_domain("domain", bad).unwrap_err();
        assert_eq!(e.name(), "NeonConfigError");
        assert!(bad.len() < 9 || !e.to_string().contains(bad), "{e}");
    }
    assert!(trusted_domain(
        "domain",
        &format!("https://x.example.com/{}", "a".repeat(MAX_TEXT_BYTES))
    )
    .is_err());
    assert!(line("q", "a\u{7f}").is_err() && line("q", "ok é").is_ok() && text("t", "a\nb").is_ok());
    assert!(range("n", 5, 5, 10).is_ok() && range("n", 11, 5, 10).is_err());
    assert!(length("s", "abc", 1, 3).is_ok() && length("s", "", 1, 3).is_err());
}

#[test]
fn segments_cannot_escape() {
    assert_eq!(segment("id", "br-a_b.c~").unwrap(), "br-a_b.c~");
    assert_eq!(segment("id", "../x?y#z").unwrap(), "..%2Fx%3Fy%23z");
    assert_eq!(segment("id", "a b").unwrap(), "a%20b");
    for bad in ["", ".", ".."] {
        assert_eq!(segment("id", bad).unwrap_err().name(), "NeonConfigError");
    }
}
