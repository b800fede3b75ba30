//! Unit tests of `crate::validate::url_parts` (a private module), compiled as its child `tests` module.

use super::*;

#[test]
fn accepts_and_splits() {
    let u = parse("HTTPS://Console.Neon.Tech:443/api/v2?x=1#f").unwrap();
    assert_eq!(
        (u.scheme, u.host.as_str(), u.port, u.path),
        ("https", "console.neon.tech", None, "/api/v2")
    );
    assert_eq!((u.query, u.fragment), (Some("x=1"), Some("f")));
    let u = parse("http://[::1]:8080").unwrap();
    assert_eq!((u.host.as_str(), u.port, u.path), ("[::1]", Some(8080), ""));
    assert_eq!(parse("http://127.0.0.1:9/api").unwrap().host, "127.0.0.1");
}

#[test]
fn refuses() {
    assert_eq!(parse("ftp://x.dev"), Err(UrlError::Scheme));
    assert_eq!(parse("https://u:p@x.dev"), Err(UrlError::Credentials));
    for bad in [
        "x.dev",
        "https://",
        "https://x..dev",
        "https://-x.dev",
        "https://1.2.3.999",
        "https://x.dev:0",
        "https://x.dev:99999",
        "https://x.dev/a/../b",
        "https://x.dev/%2e%2e/b",
        "https://x.dev/%zz",
        "https://exa mple.com",
        "https://é.dev",
        "https://x.dev/a b",
        "https://[::g]",
        "javascript:alert(1)",
        "https://x.dev/\\a",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}
