//! Property tests of credential resolution over an in-memory host, with arbitrary files and
//! environments: none may panic, and no error text echoes a key or token.

#[path = "support/strategies.rs"]
mod strategies;

use neon_admin::credentials::{resolve, CredentialOptions, CredentialSource, HostMethods};
use neon_admin::{validate, Error};
use proptest::prelude::*;
use std::collections::HashMap;
use strategies::*;

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
