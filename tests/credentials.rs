//! Credential resolution: order of sources, config directories, profiles, file kinds, errors.

mod credential_host;

use credential_host::*;
use neon_admin::credentials::{resolve, CredentialOptions, CredentialSource};

#[test]
fn option_beats_env_beats_file() {
    let home = temp_home();
    write(home.join(".config/neon/credentials.json"), &api_key_file("filekey1"));
    let h = host(&home, &[("NEON_API_KEY", "envkey1")]);

    let r = resolve(
        &CredentialOptions {
            api_key: Some("optkey1".into()),
            ..Default::default()
        },
        &h,
    )
    .unwrap();
    assert_eq!((r.key.expose(), r.source), ("optkey1", CredentialSource::Option));

    let r = resolve(&CredentialOptions::default(), &h).unwrap();
    assert_eq!((r.key.expose(), r.source), ("envkey1", CredentialSource::Env));

    let r = resolve(&CredentialOptions::default(), &host(&home, &[])).unwrap();
    assert_eq!(
        (r.key.expose(), r.source),
        ("filekey1", CredentialSource::CredentialsFile)
    );
    assert!(r.path.unwrap().ends_with(".config/neon/credentials.json"));
}

#[test]
fn empty_env_key_is_ignored() {
    let home = temp_home();
    write(home.join(".config/neon/credentials.json"), &api_key_file("filekey2"));
    let r = resolve(&CredentialOptions::default(), &host(&home, &[("NEON_API_KEY", "")])).unwrap();
    assert_eq!(r.source, CredentialSource::CredentialsFile);
}

#[test]
fn config_dir_order_option_then_neon_then_neonctl_env() {
    let home = temp_home();
    let a = home.join("a");
    let b = home.join("b");
    let c = home.join("c");
    write(a.join("credentials.json"), &api_key_file("key-a"));
    write(b.join("credentials.json"), &api_key_file("key-b"));
    write(c.join("credentials.json"), &api_key_file("key-c"));
    let env = [
        ("NEON_CONFIG_DIR", b.to_str().unwrap()),
        ("NEONCTL_CONFIG_DIR", c.to_str().unwrap()),
    ];
    let opts = CredentialOptions {
        config_dir: Some(a.to_string_lossy().into()),
        ..Default::default()
    };
    assert_eq!(resolve(&opts, &host(&home, &env)).unwrap().key.expose(), "key-a");
    assert_eq!(
        resolve(&CredentialOptions::default(), &host(&home, &env))
            .unwrap()
            .key
            .expose(),
        "key-b"
    );
    assert_eq!(
        resolve(&CredentialOptions::default(), &host(&home, &env[1..]))
            .unwrap()
            .key
            .expose(),
        "key-c"
    );
}

#[test]
fn exact_config_dir_does_not_fall_back() {
    let home = temp_home();
    write(home.join(".config/neon/credentials.json"), &api_key_file("default-key"));
    let empty = home.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let err = resolve(
        &CredentialOptions::default(),
        &host(&home, &[("NEON_CONFIG_DIR", empty.to_str().unwrap())]),
    )
    .unwrap_err();
    assert_eq!(err.name(), "NeonConfigError");
}

#[test]
fn xdg_and_legacy_neonctl_directory() {
    let home = temp_home();
    let xdg = home.join("xdg");
    write(xdg.join("neonctl/credentials.json"), &api_key_file("legacy-key"));
    let h = host(&home, &[("XDG_CONFIG_HOME", xdg.to_str().unwrap())]);
    assert_eq!(
        resolve(&CredentialOptions::default(), &h).unwrap().key.expose(),
        "legacy-key"
    );
    write(xdg.join("neon/credentials.json"), &api_key_file("current-key"));
    assert_eq!(
        resolve(&CredentialOptions::default(), &h).unwrap().key.expose(),
        "current-key"
    );
    // Without XDG_CONFIG_HOME, ~/.config is used.
    write(
        home.join(".config/neonctl/credentials.json"),
        &api_key_file("home-legacy"),
    );
    assert_eq!(
        resolve(&CredentialOptions::default(), &host(&home, &[]))
            .unwrap()
            .key
            .expose(),
        "home-legacy"
    );
}

#[test]
fn profiles_as_the_cli_defines_them() {
    let home = temp_home();
    let dir = home.join(".config/neon");
    write(dir.join("credentials.json"), &api_key_file("default-key"));
    write(dir.join("credentials.work.json"), &api_key_file("work-key"));
    write(dir.join("elsewhere/ci.json"), &api_key_file("ci-key"));
    write(
        dir.join("profiles.json"),
        &profiles_json(&[
            ("DEFAULT", "credentials.json"),
            ("work", "credentials.work.json"),
            ("ci", "elsewhere/ci.json"),
        ]),
    );
    let key =
        |o: &CredentialOptions, env: &[(&str, &str)]| resolve(o, &host(&home, env)).map(|r| r.key.expose().to_string());
    assert_eq!(key(&profile("work"), &[]).unwrap(), "work-key");
    assert_eq!(key(&profile("ci"), &[]).unwrap(), "ci-key");
    assert_eq!(key(&profile("DEFAULT"), &[]).unwrap(), "default-key");
    assert_eq!(
        key(&CredentialOptions::default(), &[("NEON_PROFILE", " work ")]).unwrap(),
        "work-key"
    );
    // `default` is not DEFAULT, and an unknown name lists the known ones.
    for unknown in ["default", "nope"] {
        let err = key(&profile(unknown), &[]).unwrap_err().to_string();
        assert!(
            err.contains("Known profiles: DEFAULT, ci, work") || err.contains("Known profiles"),
            "{err}"
        );
        assert!(err.contains(unknown), "{err}");
    }
    // A name outside the CLI's pattern is refused; long names are fine.
    let err = key(&profile("../x"), &[]).unwrap_err();
    assert_eq!(err.name(), "NeonConfigError");
    let long = "p".repeat(100);
    write(dir.join("long.json"), &api_key_file("long-key"));
    let mut entries = vec![("DEFAULT", "credentials.json"), ("work", "credentials.work.json")];
    entries.push((long.as_str(), "long.json"));
    write(dir.join("profiles.json"), &profiles_json(&entries));
    assert_eq!(key(&profile(&long), &[]).unwrap(), "long-key");
}

#[test]
fn a_named_profile_needs_profiles_json_and_default_needs_none() {
    let home = temp_home();
    let dir = home.join(".config/neon");
    write(dir.join("credentials.json"), &api_key_file("default-key"));
    write(dir.join("credentials.work.json"), &api_key_file("work-key"));
    // Without profiles.json only DEFAULT exists, even if credentials.work.json is there.
    let err = resolve(&profile("work"), &host(&home, &[])).unwrap_err().to_string();
    assert!(err.contains("Known profiles: DEFAULT"), "{err}");
    assert_eq!(
        resolve(&profile("DEFAULT"), &host(&home, &[])).unwrap().key.expose(),
        "default-key"
    );
}

#[test]
fn an_unusable_profiles_json_refuses_every_profile() {
    let home = temp_home();
    let dir = home.join(".config/neon");
    write(dir.join("credentials.json"), &api_key_file("default-key"));
    for broken in [
        "{not json",
        "[]",
        r#"{"work": "credentials.json"}"#,
        r#"{"profiles": {"a b": {"credentials": "x"}}}"#,
        r#"{"profiles": {"w": {"credentials": " "}}}"#,
    ] {
        let path = write(dir.join("profiles.json"), broken);
        let err = resolve(&CredentialOptions::default(), &host(&home, &[])).unwrap_err();
        assert_eq!(err.name(), "NeonConfigError");
        assert!(err.to_string().contains(path.to_str().unwrap()), "{err}");
        // A key from the environment does not need profiles at all.
        assert!(resolve(
            &CredentialOptions::default(),
            &host(&home, &[("NEON_API_KEY", "envkey9")])
        )
        .is_ok());
    }
}

#[test]
fn explicit_choices_beat_the_environment() {
    let home = temp_home();
    let dir = home.join(".config/neon");
    write(dir.join("credentials.agent.json"), &api_key_file("agent-key"));
    write(
        dir.join("profiles.json"),
        &profiles_json(&[("agent", "credentials.agent.json")]),
    );
    let env = [("NEON_API_KEY", "envkey1"), ("NEON_PROFILE", "agent")];
    let r = resolve(&profile("agent"), &host(&home, &env[..1])).unwrap();
    assert_eq!(
        (r.key.expose(), r.source),
        ("agent-key", CredentialSource::CredentialsFile)
    );
    // Both ambient: the key wins, and the ignored profile is named in a warning.
    let r = resolve(&CredentialOptions::default(), &host(&home, &env)).unwrap();
    assert_eq!((r.key.expose(), r.source), ("envkey1", CredentialSource::Env));
    assert!(r.warning.unwrap().contains("\"agent\""));
    // Both explicit: an error.
    let both = CredentialOptions {
        api_key: Some("optkey1".into()),
        profile: Some("agent".into()),
        ..Default::default()
    };
    assert_eq!(resolve(&both, &host(&home, &[])).unwrap_err().name(), "NeonConfigError");
    // Padded and blank values are trimmed as the CLI trims them.
    let padded = [
        ("NEON_API_KEY", "  "),
        ("NEON_PROFILE", "agent "),
        ("NEON_CONFIG_DIR", ""),
    ];
    assert_eq!(
        resolve(&CredentialOptions::default(), &host(&home, &padded))
            .unwrap()
            .key
            .expose(),
        "agent-key"
    );
    let spaced_dir = format!("{} ", dir.to_str().unwrap());
    let r = resolve(&profile("agent"), &host(&home, &[("NEON_CONFIG_DIR", &spaced_dir)])).unwrap();
    assert_eq!(r.key.expose(), "agent-key");
}

#[test]
fn keyring_profiles_without_a_keyring_say_how_out() {
    let home = temp_home();
    let dir = home.join(".config/neon");
    write(dir.join("profiles.json"), &profiles_json(&[("kr", "keyring")]));
    let err = resolve(&profile("kr"), &host(&home, &[])).unwrap_err().to_string();
    for part in ["\"kr\"", "keyring", "neon-admin/native", "NEON_API_KEY"] {
        assert!(err.contains(part), "{err}");
    }
}

#[test]
fn oauth_tokens_valid_and_expired() {
    let home = temp_home();
    let path = write(
        home.join(".config/neon/credentials.json"),
        &format!(r#"{{"access_token":"tok-live","expires_at":{}}}"#, NOW + 60_000.0),
    );
    assert_eq!(
        resolve(&CredentialOptions::default(), &host(&home, &[]))
            .unwrap()
            .key
            .expose(),
        "tok-live"
    );
    std::fs::write(
        &path,
        format!(
            r#"{{"type":"oauth","access_token":"tok-old","expires_at":{}}}"#,
            NOW - 1.0
        ),
    )
    .unwrap();
    let err = resolve(&CredentialOptions::default(), &host(&home, &[]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("expired"), "{err}");
    assert!(err.contains("neon auth"), "{err}");
    assert!(err.contains("NEON_API_KEY"), "{err}");
    assert!(!err.contains("tok-old"), "{err}");
    // Without a numeric expires_at the CLI does not use the token either.
    for expiry in ["", r#","expires_at":"soon""#] {
        std::fs::write(&path, format!(r#"{{"access_token":"tok-noexp"{expiry}}}"#)).unwrap();
        let err = resolve(&CredentialOptions::default(), &host(&home, &[])).unwrap_err();
        assert_eq!(err.name(), "NeonConfigError");
    }
}

#[test]
fn malformed_and_unreadable_files_name_the_path() {
    let home = temp_home();
    let path = write(home.join(".config/neon/credentials.json"), "{not json");
    let err = resolve(&CredentialOptions::default(), &host(&home, &[]))
        .unwrap_err()
        .to_string();
    assert!(err.contains(path.to_str().unwrap()), "{err}");
    std::fs::write(&path, r#"{"type":"api_key"}"#).unwrap();
    let err = resolve(&CredentialOptions::default(), &host(&home, &[]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("api_key"), "{err}");
    std::fs::write(&path, r#"{"type":"magic","api_key":"x"}"#).unwrap();
    assert!(resolve(&CredentialOptions::default(), &host(&home, &[])).is_err());
    // A directory where the file should be cannot be read: an error naming the path, not a skip.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir_all(&path).unwrap();
    let err = resolve(&CredentialOptions::default(), &host(&home, &[]))
        .unwrap_err()
        .to_string();
    assert!(err.contains(path.to_str().unwrap()), "{err}");
}

#[test]
fn nothing_found_lists_all_three_ways() {
    let home = temp_home();
    let err = resolve(&CredentialOptions::default(), &host(&home, &[])).unwrap_err();
    let text = err.to_string();
    assert_eq!(err.name(), "NeonConfigError");
    for way in ["apiKey", "NEON_API_KEY", "neon auth"] {
        assert!(text.contains(way), "{text}");
    }
}

#[test]
fn an_expired_login_where_files_cannot_be_written_says_how_to_refresh() {
    let home = temp_home();
    let login = format!(
        r#"{{"access_token":"tok-old","refresh_token":"ref-old","expires_at":{}}}"#,
        NOW - 1.0
    );
    write(home.join(".config/neon/credentials.json"), &login);
    // TestHost cannot write files, as Deno without --allow-write, workerd or Edge.
    let err = resolve(&CredentialOptions::default(), &host(&home, &[])).unwrap_err();
    assert_eq!(err.name(), "NeonConfigError");
    let text = err.to_string();
    for part in ["neon me", "NEON_API_KEY", "expired"] {
        assert!(text.contains(part), "{text}");
    }
    assert!(!text.contains("tok-old") && !text.contains("ref-old"), "{text}");
    // A live login with a refresh token is used as it is, with a session to refresh it later.
    let live = format!(
        r#"{{"access_token":"tok-live","refresh_token":"ref-live","expires_at":{}}}"#,
        NOW + 60_000.0
    );
    write(home.join(".config/neon/credentials.json"), &live);
    let r = resolve(&CredentialOptions::default(), &host(&home, &[])).unwrap();
    assert_eq!(r.key.expose(), "tok-live");
    let session = r.session.expect("a refreshable session");
    assert!(
        session.lock_path().contains(".config/neon/.refresh-"),
        "{}",
        session.lock_path()
    );
    assert!(!format!("{session:?}").contains("ref-live"));
}
