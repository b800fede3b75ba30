//! Unit tests of the simulator's `validate::addresses` module, compiled as its child `tests` module.

use super::*;

#[test]
fn emails() {
    for ok in ["a@b.co", "first.last+tag@sub.example.com"] {
        assert!(looks_like_email(ok), "{ok}");
    }
    for bad in [
        "", "a", "a@", "@b.co", "a@b", "a@b.", "a@.b", "a b@c.de", "a@b@c.de", "a@b..c",
    ] {
        assert!(!looks_like_email(bad), "{bad}");
    }
}

#[test]
fn schemes() {
    for ok in ["https://x", "myapp://cb", "exp://1.2.*.*:*/**", "a+b.c-d:x"] {
        assert!(has_scheme(ok), "{ok}");
    }
    for bad in ["", "x", "://x", "1a://x", "*.example.com", "my app://x"] {
        assert!(!has_scheme(bad), "{bad}");
    }
}

#[test]
fn http_uris() {
    let u = parse_http_uri("HTTPS://App.Example.com:8443/cb?x=1").unwrap();
    assert_eq!((u.scheme.as_str(), u.host.as_str()), ("https", "app.example.com"));
    assert!(!u.is_loopback());
    assert!(parse_http_uri("http://localhost:3000").unwrap().is_loopback());
    assert!(parse_http_uri("http://127.0.0.1/x").unwrap().is_loopback());
    assert!(parse_http_uri("http://[::1]:8080/").unwrap().is_loopback());
    for bad in [
        "",
        "example.com",
        "ftp://example.com",
        "https://",
        "https:///path",
        "https://user@example.com",
        "https://exa mple.com",
        "https://example.com:99999",
        "https://example.com:",
        "https://example.com:ab",
        "https://[zz]:1",
    ] {
        assert_eq!(parse_http_uri(bad), None, "{bad}");
    }
}
