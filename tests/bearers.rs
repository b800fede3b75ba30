//! Every bearer a credential source gives is checked before it goes into a header: a bad one is
//! a `NeonConfigError` on field `apiKey` naming its source (the apiKey option, NEON_API_KEY, a
//! credentials file, a keyring item) and never the value.

mod credential_host;

use credential_host::*;
use neon_admin::credentials::{resolve, CredentialOptions, CredentialSource};

/// The error of a credential refused as a bearer: a `NeonConfigError` on field `apiKey`.
fn refused(options: &CredentialOptions, host: &TestHost) -> String {
    let err = resolve(options, host).unwrap_err();
    assert_eq!(err.name(), "NeonConfigError");
    match &err {
        neon_admin::Error::Config(c) => assert_eq!(c.field.as_deref(), Some("apiKey"), "{err}"),
        other => panic!("not a config error: {other}"),
    }
    err.to_string()
}

#[test]
fn bad_bearers_are_refused_naming_their_source_without_echo() {
    let home = temp_home();
    let file = home.join(".config/neon/credentials.json");
    let file_source = format!("the API key from the Neon CLI credentials file {}", file.display());
    let long = "k".repeat(600);
    for bad in [
        "has space",
        "tab\there",
        "nul\0x",
        "cr\rlf\nheader",
        "ключ-napi",
        long.as_str(),
    ] {
        let opts = CredentialOptions {
            api_key: Some(bad.into()),
            ..Default::default()
        };
        let err = refused(&opts, &host(&home, &[]));
        assert!(
            err.contains("the API key from the apiKey option") && !err.contains(bad),
            "{err}"
        );
        let err = refused(&CredentialOptions::default(), &host(&home, &[("NEON_API_KEY", bad)]));
        assert!(
            err.contains("the API key from NEON_API_KEY") && !err.contains(bad),
            "{err}"
        );
        let json = serde_json::to_string(bad).unwrap();
        write(file.clone(), &format!(r#"{{"type":"api_key","api_key":{json}}}"#));
        let err = refused(&CredentialOptions::default(), &host(&home, &[]));
        assert!(err.contains(&file_source) && !err.contains(bad), "{err}");
        let login = format!(r#"{{"access_token":{json},"expires_at":{}}}"#, NOW + 60_000.0);
        write(file.clone(), &login);
        let err = refused(&CredentialOptions::default(), &host(&home, &[]));
        assert!(err.contains(&file_source) && !err.contains(bad), "{err}");
    }
}

#[test]
fn bad_bearers_in_the_keyring_are_refused_naming_it_without_echo() {
    let home = temp_home();
    write(
        home.join(".config/neon/profiles.json"),
        &profiles_json(&[("kr", "keyring")]),
    );
    let with = |item: String| TestHost {
        keyring: Some(item),
        ..host(&home, &[])
    };
    let good = resolve(&profile("kr"), &with(api_key_file("napi_from_keyring"))).unwrap();
    assert_eq!(
        (good.key.expose(), good.source),
        ("napi_from_keyring", CredentialSource::Keyring)
    );
    for bad in ["two words", "line\nbreak", "ключ"] {
        let json = serde_json::to_string(bad).unwrap();
        let item = format!(r#"{{"type":"api_key","api_key":{json}}}"#);
        let err = refused(&profile("kr"), &with(item));
        assert!(
            err.contains("the API key from the keyring item of profile \"kr\"") && !err.contains(bad),
            "{err}"
        );
        let login = format!(r#"{{"access_token":{json},"expires_at":{}}}"#, NOW + 60_000.0);
        let err = refused(&profile("kr"), &with(login));
        assert!(
            err.contains("the keyring item of profile \"kr\"") && !err.contains(bad),
            "{err}"
        );
    }
}
