//! Property tests of the public input checks: the validators, the base URL check, and `Secret`'s
//! redaction (credential resolution: tests/credential_properties.rs). None may panic on any input,
//! each accepts exactly what it documents, and no error text echoes a key or token.

#[path = "support/strategies.rs"]
mod strategies;

use neon_admin::{check_base_url, validate, Secret};
use proptest::prelude::*;
use strategies::*;

/// Decodes `%XX` escapes; `None` when an escape is malformed or the bytes are not UTF-8.
fn percent_decode(encoded: &str) -> Option<String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Every `%` in `s` starts an escape of two hex digits.
fn escapes_well_formed(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().all(|(i, &c)| {
        c != b'%'
            || (b.get(i + 1).is_some_and(u8::is_ascii_hexdigit) && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

/// The spec's `^[a-z0-9-]{1,60}$`, written out.
fn matches_id_pattern(s: &str) -> bool {
    let n = s.chars().count();
    (1..=60).contains(&n)
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

proptest! {
    #![proptest_config(config(2048))]

    #[test]
    fn validators_never_panic(
        s in text(),
        n in any::<i64>(),
        a in 0usize..2000,
        b in 0usize..2000,
    ) {
        let _ = validate::bearer("the apiKey option", &s);
        let _ = validate::resource_id("projectId", &s);
        let _ = validate::key_name("name", &s);
        let _ = validate::key_id("keyId", n);
        let _ = validate::segment("userId", &s);
        let _ = validate::email("email", &s);
        let _ = validate::trusted_domain("domain", &s);
        let _ = validate::line("search", &s);
        let _ = validate::text("name", &s);
        let _ = validate::is_loopback(&s);
        let _ = validate::length("name", &s, a.min(b), a.max(b));
        let _ = validate::length("name", &s, a, b);
        let _ = validate::range("limit", n, a as i64 - 1000, b as i64);
        let _ = validate::range("limit", n, i64::MAX, i64::MIN);
        let _ = validate::encode(&s);
        let _ = check_base_url(&s);
    }

    #[test]
    fn segment_output_cannot_escape_and_round_trips(s in text()) {
        match validate::segment("userId", &s) {
            Ok(out) => {
                prop_assert!(!matches!(s.as_str(), "" | "." | ".."));
                prop_assert!(out.is_ascii());
                prop_assert!(!out.contains(['/', '?', '#', '\\', ' ']), "{out:?}");
                prop_assert!(escapes_well_formed(&out), "{out:?}");
                prop_assert!(out != "." && out != "..");
                prop_assert_eq!(percent_decode(&out), Some(s.clone()));
                prop_assert_eq!(out, validate::encode(&s));
            }
            Err(e) => {
                prop_assert!(matches!(s.as_str(), "" | "." | ".."), "refused {s:?}: {e}");
                prop_assert_eq!(config_error(&e).field.as_deref(), Some("userId"));
            }
        }
    }

    #[test]
    fn encode_leaves_only_unreserved_characters_and_escapes(s in text()) {
        let out = validate::encode(&s);
        prop_assert!(out.bytes().all(|c| c.is_ascii_alphanumeric() || b"-._~%".contains(&c)), "{out:?}");
        prop_assert!(escapes_well_formed(&out));
        prop_assert_eq!(percent_decode(&out), Some(s));
    }

    #[test]
    fn resource_id_accepts_exactly_the_spec_pattern(s in text()) {
        prop_assert_eq!(validate::resource_id("projectId", &s).is_ok(), matches_id_pattern(&s), "{:?}", s);
    }

    #[test]
    fn resource_id_accepts_every_valid_id(s in "[a-z0-9-]{1,60}") {
        prop_assert!(validate::resource_id("projectId", &s).is_ok());
    }

    #[test]
    fn resource_id_refuses_near_misses(
        id in "[a-z0-9-]{1,60}",
        at in any::<prop::sample::Index>(),
        c in any::<char>(),
        extra in "[a-z0-9-]{1,10}",
    ) {
        let mut chars: Vec<char> = id.chars().collect();
        let i = at.index(chars.len());
        chars[i] = c;
        let replaced: String = chars.into_iter().collect();
        prop_assert_eq!(validate::resource_id("projectId", &replaced).is_ok(), matches_id_pattern(&replaced));
        let long = format!("{}{extra}", "a".repeat(60));
        prop_assert!(validate::resource_id("projectId", &long).is_err());
        let e = validate::resource_id("orgId", &replaced.to_uppercase()).err();
        if replaced.chars().any(|c| c.is_ascii_lowercase()) {
            prop_assert_eq!(e.map(|e| config_error(&e).field.clone()), Some(Some("orgId".to_string())));
        }
    }

    #[test]
    fn bearer_refuses_inner_whitespace_and_controls_without_echo(
        head in "[A-Za-z0-9_]{8,32}",
        bad in bad_key_char(),
        tail in "[A-Za-z0-9_]{8,32}",
        pad in prop::sample::select(vec!["", " ", "\n", "\t "]),
    ) {
        let key = format!("{pad}{head}{bad}{tail}{pad}");
        let error = validate::bearer("NEON_API_KEY", &key).expect_err("a key with whitespace or a control character inside");
        let text = error.to_string();
        prop_assert_eq!(config_error(&error).field.as_deref(), Some("apiKey"));
        for part in [key.as_str(), key.trim(), head.as_str(), tail.as_str()] {
            prop_assert!(!text.contains(part), "{text:?} contains {part:?}");
        }
        let debug = format!("{error:?}");
        prop_assert!(!debug.contains(&head));
    }

    #[test]
    fn bearer_errors_are_fixed_texts_and_accepted_keys_are_clean(s in text()) {
        // The only messages bearer can give: none depends on the input, so none can echo it.
        let fixed = ["", "a b", &"k".repeat(513), "ключ"]
            .map(|k| validate::bearer("the apiKey option", k).unwrap_err().to_string());
        match validate::bearer("the apiKey option", &s) {
            Ok(secret) => {
                let trimmed = s.trim();
                prop_assert_eq!(secret.expose(), trimmed);
                prop_assert!(!trimmed.is_empty() && trimmed.len() <= 512 && trimmed.is_ascii());
                prop_assert!(!trimmed.chars().any(|c| c.is_whitespace() || c.is_control()));
                let shown = format!("{secret:?}{secret}");
                prop_assert!(!shown.contains(trimmed) || "Secret([REDACTED])".contains(trimmed));
            }
            Err(e) => prop_assert!(fixed.contains(&e.to_string()), "unexpected message {e}"),
        }
    }

    #[test]
    fn key_name_and_key_id_accept_exactly_what_they_document(s in text(), n in any::<i64>(), small in -5i64..5) {
        let ok = !s.trim().is_empty() && s.chars().count() <= 64 && !s.chars().any(char::is_control);
        prop_assert_eq!(validate::key_name("name", &s).is_ok(), ok, "{:?}", s);
        for id in [n, small, MAX_SAFE + small] {
            prop_assert_eq!(validate::key_id("keyId", id).is_ok(), (1..=MAX_SAFE).contains(&id), "{}", id);
        }
    }

    #[test]
    fn length_and_range_accept_exactly_what_they_document(
        s in text(),
        min in 0usize..40,
        span in 0usize..40,
        v in any::<i64>(),
    ) {
        let max = min + span;
        let n = s.chars().count();
        let ok = (min..=max).contains(&n);
        prop_assert_eq!(validate::length("name", &s, min, max).is_ok(), ok, "{:?}", s);
        let (lo, hi) = (min as i64 - 20, max as i64);
        prop_assert_eq!(validate::range("limit", v % 64, lo, hi).is_ok(), (lo..=hi).contains(&(v % 64)));
    }

    #[test]
    fn emails_and_domains_that_pass_are_clean(s in text()) {
        if validate::email("email", &s).is_ok() {
            prop_assert!(s.contains('@') && s.chars().count() <= 256);
            prop_assert!(!s.chars().any(|c| c.is_whitespace() || c.is_control()));
        }
        if validate::trusted_domain("domain", &s).is_ok() {
            prop_assert!(s.len() <= validate::MAX_TEXT_BYTES);
            prop_assert!(!s.chars().any(|c| c.is_whitespace() || c.is_control()), "{:?}", s);
            let (scheme, _) = s.split_once(':').expect("a scheme");
            prop_assert!(scheme.starts_with(|c: char| c.is_ascii_alphabetic()), "{:?}", s);
            let lower = scheme.to_ascii_lowercase();
            prop_assert!(!["javascript", "data", "file", "vbscript", "about"].contains(&lower.as_str()), "{:?}", s);
        }
        if validate::line("search", &s).is_ok() {
            prop_assert!(!s.chars().any(char::is_control) && s.len() <= validate::MAX_TEXT_BYTES);
        }
    }

    #[test]
    fn domains_with_whitespace_or_controls_are_refused(
        host in "[a-z]{1,12}\\.example\\.com",
        path in "[a-z0-9/]{0,12}",
        bad in bad_key_char(),
        at in any::<prop::sample::Index>(),
    ) {
        let url = format!("https://{host}/{path}");
        prop_assert!(validate::trusted_domain("domain", &url).is_ok());
        let mut chars: Vec<char> = url.chars().collect();
        chars.insert(at.index(chars.len() + 1), bad);
        let broken: String = chars.into_iter().collect();
        let e = validate::trusted_domain("domain", &broken).expect_err("whitespace or control character");
        prop_assert_eq!(config_error(&e).field.as_deref(), Some("domain"));
    }

    #[test]
    fn base_urls_that_pass_are_normalized_http_or_https(s in text()) {
        match check_base_url(&s) {
            Ok(url) => {
                let parsed = url::Url::parse(&url).expect("the normalized base URL parses");
                prop_assert!(parsed.username().is_empty() && parsed.password().is_none());
                prop_assert!(parsed.query().is_none() && parsed.fragment().is_none());
                prop_assert!(!url.ends_with('/'));
                prop_assert!(!url.chars().any(|c| c.is_whitespace() || c.is_control()));
                match parsed.scheme() {
                    "https" => {}
                    "http" => prop_assert!(validate::is_loopback(parsed.host_str().unwrap_or(""))),
                    other => prop_assert!(false, "scheme {other}"),
                }
                prop_assert_eq!(check_base_url(&url).ok(), Some(url.clone()), "not idempotent");
            }
            Err(e) => prop_assert_eq!(config_error(&e).field.as_deref(), Some("baseUrl")),
        }
    }

    #[test]
    fn secret_debug_and_display_never_show_the_value(s in text()) {
        let secret = Secret::new(s.clone());
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            key: Secret,
            keys: Vec<Secret>,
            maybe: Option<Secret>,
        }
        let renderings = |secret: &Secret| {
            let holder = Holder { key: secret.clone(), keys: vec![secret.clone()], maybe: Some(secret.clone()) };
            [
                format!("{secret:?}"),
                format!("{secret}"),
                format!("{secret:#?}"),
                format!("{holder:?}"),
                format!("{holder:#?}"),
            ]
        };
        // What is shown does not depend on the value at all, so the value shows nowhere (unless it
        // happens to be a piece of the fixed text, such as "a" in "maybe").
        let fixed = renderings(&Secret::new("another value"));
        prop_assert_eq!(renderings(&secret), fixed.clone());
        if !s.is_empty() && !fixed.iter().any(|r| r.contains(s.as_str())) {
            for shown in renderings(&secret) {
                prop_assert!(!shown.contains(s.as_str()), "{shown:?}");
            }
        }
        prop_assert_eq!(secret.expose(), s.as_str());
        prop_assert_eq!(serde_json::to_value(&secret).unwrap(), serde_json::Value::String(s.clone()));
    }
}
