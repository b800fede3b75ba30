//! Property tests of the public input checks: the validators, the base URL check, credential
//! resolution over arbitrary files and environments, and `Secret`'s redaction. None may panic on
//! any input, each accepts exactly what it documents, and no error text echoes a key or token.

use neon_admin::credentials::{resolve, CredentialOptions, CredentialSource, HostMethods};
use neon_admin::{check_base_url, validate, ConfigError, Error, Secret};
use proptest::prelude::*;
use std::collections::HashMap;

const NOW: f64 = 1_800_000_000_000.0;
const MAX_SAFE: i64 = (1 << 53) - 1;

/// Pieces that tend to break parsers, joined into strings alongside fully arbitrary ones.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "", "a", "Z", "0", "-", "_", ".", "..", "/", "\\", "%", "%2e", "%2F", "%zz", "%4", "?", "#", "&", "=", "@",
    ":", " ", "\t", "\n", "\r\n", "\0", "\u{7f}", "\u{85}", "\u{a0}", "\u{2028}", "\u{3000}", "\u{fffd}", "é", "ß",
    "🔑", "[", "]",
    "::1", "127.0.0.1", "localhost", "http://", "https://", "//", "user:pw@", "example.com", "napi_", "br-", "proj-",
];

/// Arbitrary Unicode strings, and strings built from tricky pieces.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|p| p.concat()),
        "[ -~]{0,80}",
    ]
}

/// Characters a key may not hold inside: whitespace and control characters.
fn bad_key_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\0', '\u{1}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{a0}',
            '\u{1680}', '\u{2000}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
        ]),
        prop::char::range('\0', '\u{1f}'),
        prop::char::range('\u{7f}', '\u{9f}'),
        prop::char::range('\u{2000}', '\u{200a}'),
    ]
}

/// `cases` per property; failures are reported, not written to a regressions file.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn config_error(error: &Error) -> &ConfigError {
    match error {
        Error::Config(c) => c,
        other => panic!("expected a config error, got {other:?}"),
    }
}

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

// ---------------------------------------------------------------------------------------------
// Credentials: resolution over an in-memory host, with arbitrary files and environments.

/// An environment and a file system in memory; `unreadable` paths fail as a permission error would.
#[derive(Debug, Default)]
struct MemoryHost {
    env: HashMap<String, String>,
    files: HashMap<String, String>,
    unreadable: Vec<String>,
    home: Option<String>,
}

impl HostMethods for MemoryHost {
    fn env(&self, name: &str) -> Option<String> {
        self.env.get(name).cloned()
    }
    fn read_file(&self, path: &str) -> Result<Option<String>, String> {
        if self.unreadable.iter().any(|p| p == path) {
            return Err("EACCES".to_string());
        }
        Ok(self.files.get(path).cloned())
    }
    fn home_dir(&self) -> Option<String> {
        self.home.clone()
    }
    fn now_ms(&self) -> f64 {
        NOW
    }
}

const DIR: &str = "/cfg/neon";

/// A token-like secret: a recognisable random core, sometimes made invalid.
fn token() -> impl Strategy<Value = String> {
    (
        "[A-Za-z0-9]{10,40}",
        prop::option::of(bad_key_char()),
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(core, bad, at, non_ascii)| {
            let mut chars: Vec<char> = format!("tok_{core}").chars().collect();
            if let Some(c) = bad {
                chars.insert(1 + at.index(chars.len() - 1), c);
            }
            if non_ascii {
                chars.push('é');
            }
            chars.into_iter().collect()
        })
}

/// A JSON value of any shape (small), for fields that should be strings or numbers.
fn json_junk() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text().prop_map(Value::String),
        Just(json!([])),
        Just(json!({"nested": {"api_key": "x"}})),
    ]
}

/// A credentials file: valid-looking JSON with the secrets in it, possibly broken.
fn credentials_file() -> impl Strategy<Value = (String, Vec<String>)> {
    use serde_json::{Map, Value};
    let kind = prop_oneof![
        Just(None),
        Just(Some(Value::from("api_key"))),
        Just(Some(Value::from("oauth"))),
        json_junk().prop_map(Some),
    ];
    let expires = prop_oneof![
        Just(None),
        Just(Some(Value::from(NOW + 60_000.0))),
        Just(Some(Value::from(NOW - 1.0))),
        json_junk().prop_map(Some),
    ];
    let secret_field = prop_oneof![
        3 => token().prop_map(|t| Some((Value::String(t.clone()), Some(t)))),
        1 => json_junk().prop_map(|v| Some((v, None))),
        1 => Just(None),
    ];
    let breakage = prop_oneof![
        3 => Just(None),
        1 => (any::<prop::sample::Index>(), any::<Option<char>>()).prop_map(Some),
    ];
    (
        kind,
        secret_field.clone(),
        secret_field,
        expires,
        breakage,
        prop::collection::vec(("[a-z_]{1,12}", json_junk()), 0..3),
    )
        .prop_map(|(kind, api_key, access_token, expires, breakage, extra)| {
            let mut object = Map::new();
            let mut secrets = Vec::new();
            for (name, value) in extra {
                object.insert(name, value);
            }
            if let Some(k) = kind {
                object.insert("type".into(), k);
            }
            for (name, field) in [("api_key", api_key), ("access_token", access_token)] {
                if let Some((value, secret)) = field {
                    object.insert(name.into(), value);
                    secrets.extend(secret);
                }
            }
            if let Some(e) = expires {
                object.insert("expires_at".into(), e);
            }
            let mut text = serde_json::to_string_pretty(&Value::Object(object)).unwrap();
            // Cut it short or splice in a character: malformed files must not be echoed either.
            if let Some((at, c)) = breakage {
                let mut chars: Vec<char> = text.chars().collect();
                let i = at.index(chars.len() + 1);
                match c {
                    Some(c) => chars.insert(i, c),
                    None => chars.truncate(i),
                }
                text = chars.into_iter().collect();
            }
            (text, secrets)
        })
}

/// Checks that no text form of the outcome shows any of `secrets` (or their trimmed forms).
fn assert_no_echo(outcome: &neon_admin::Result<neon_admin::credentials::Resolved>, secrets: &[String]) {
    let shown = match outcome {
        Ok(resolved) => format!("{resolved:?} {:?}", resolved.key),
        Err(e) => format!("{e} {e:?}"),
    };
    for secret in secrets {
        for form in [secret.as_str(), secret.trim()] {
            if form.chars().count() >= 8 {
                assert!(!shown.contains(form), "{shown:?} shows the secret {form:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn credentials_files_never_panic_or_echo_their_secrets((file, secrets) in credentials_file()) {
        let files = HashMap::from([(format!("{DIR}/credentials.json"), file.clone())]);
        let host = MemoryHost { files, ..Default::default() };
        let options = CredentialOptions { config_dir: Some(DIR.into()), ..Default::default() };
        let outcome = resolve(&options, &host);
        assert_no_echo(&outcome, &secrets);
        if let Ok(found) = &outcome {
            prop_assert_eq!(found.source, CredentialSource::CredentialsFile);
            let parsed: serde_json::Value = serde_json::from_str(&file).expect("a file that gave a key is JSON");
            let from_file = ["api_key", "access_token"].map(|k| parsed[k].as_str().map(str::trim));
            prop_assert!(from_file.contains(&Some(found.key.expose())), "the key comes from the file");
        }
        if let Err(e) = &outcome {
            prop_assert!(matches!(e, Error::Config(_)));
        }
    }

    #[test]
    fn arbitrary_file_contents_never_panic(contents in text(), profile_map in text(), use_profile in any::<bool>()) {
        let files = HashMap::from([
            (format!("{DIR}/credentials.json"), contents.clone()),
            (format!("{DIR}/credentials.work.json"), contents.clone()),
            (format!("{DIR}/profiles.json"), profile_map),
        ]);
        let host = MemoryHost { files, ..Default::default() };
        let options = CredentialOptions {
            config_dir: Some(DIR.into()),
            profile: use_profile.then(|| "work".to_string()),
            ..Default::default()
        };
        let _ = resolve(&options, &host);
    }

    #[test]
    fn profile_maps_never_panic_and_never_echo_secrets(
        (file, secrets) in credentials_file(),
        target in prop_oneof![
            text(),
            Just("../elsewhere/creds.json".to_string()),
            Just("/abs/creds.json".to_string()),
            Just("C:\\creds.json".to_string()),
        ],
        junk in json_junk(),
        as_string in any::<bool>(),
    ) {
        let mapped = if as_string { serde_json::Value::String(target.clone()) } else { junk };
        let map = serde_json::json!({ "work": mapped }).to_string();
        let path = if target.starts_with('/') { target.clone() } else { format!("{DIR}/{target}") };
        let host = MemoryHost {
            files: HashMap::from([(format!("{DIR}/profiles.json"), map), (path, file)]),
            ..Default::default()
        };
        let options =
            CredentialOptions { config_dir: Some(DIR.into()), profile: Some("work".into()), ..Default::default() };
        assert_no_echo(&resolve(&options, &host), &secrets);
    }

    #[test]
    fn arbitrary_environments_never_panic_or_echo_the_key(
        key in prop_oneof![token(), text()],
        profile in text(),
        dir in text(),
        xdg in text(),
        home in prop::option::of(text()),
        unreadable in any::<bool>(),
        explicit in prop::option::of(token()),
    ) {
        // A message may name the profile or a folder; a key that is also one of those texts
        // would be "echoed" through them, which says nothing about how keys are treated.
        let elsewhere = [profile.as_str(), dir.as_str(), xdg.as_str(), home.as_deref().unwrap_or("")];
        for secret in [Some(&key), explicit.as_ref()].into_iter().flatten() {
            let secret = secret.trim();
            prop_assume!(secret.chars().count() < 8 || !elsewhere.iter().any(|t| t.contains(secret)));
        }
        let env = HashMap::from([
            ("NEON_API_KEY".to_string(), key.clone()),
            ("NEON_PROFILE".to_string(), profile),
            ("NEON_CONFIG_DIR".to_string(), dir.clone()),
            ("XDG_CONFIG_HOME".to_string(), xdg),
        ]);
        let host = MemoryHost {
            env,
            home,
            unreadable: if unreadable { vec![format!("{dir}/credentials.json")] } else { Vec::new() },
            ..Default::default()
        };
        let options = CredentialOptions { api_key: explicit.clone(), ..Default::default() };
        let outcome = resolve(&options, &host);
        let secrets: Vec<String> = [Some(key.clone()), explicit.clone()].into_iter().flatten().collect();
        assert_no_echo(&outcome, &secrets);
        match (&explicit, &outcome) {
            (Some(_), Ok(found)) => prop_assert_eq!(found.source, CredentialSource::Option),
            (Some(k), Err(e)) => {
                prop_assert_eq!(config_error(e).field.as_deref(), Some("apiKey"));
                prop_assert!(validate::bearer("the apiKey option", k).is_err());
            }
            (None, Ok(found)) if !key.is_empty() => prop_assert_eq!(found.source, CredentialSource::Env),
            _ => {}
        }
    }
}
