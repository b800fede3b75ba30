//! Unit tests of `crate::json::input` (a private module), compiled as its child `tests` module.

use super::*;
use proptest::prelude::*;
use serde::Deserialize;

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "camelCase"), deny_unknown_fields)]
struct Sample {
    client_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_in: Option<u32>,
}

#[test]
fn unknown_and_wrong_fields_are_named() {
    let e = parse::<Sample>("input", serde_json::json!({"clientId": "a", "nope": 1})).unwrap_err();
    assert_eq!(e.to_string().split('`').nth(1), Some("nope"));
    let e = parse::<Sample>("input", serde_json::json!({"clientId": "a", "expiresIn": 1.5})).unwrap_err();
    assert!(e.to_string().starts_with("invalid `expiresIn`"), "{e}");
    let e = parse::<Sample>("input", serde_json::json!({})).unwrap_err();
    assert_eq!(e.to_string(), "invalid `clientId`: is required");
    let e = parse::<Sample>("input", serde_json::json!({"clientID": "a"})).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid `clientID`: is not a known field: did you mean `clientId`? the fields are `clientId`, `expiresIn`"
    );
    let e = parse::<Sample>("input", serde_json::json!([1])).unwrap_err();
    assert!(e.to_string().starts_with("invalid `input`"), "{e}");
}

#[test]
fn wrong_values_are_not_echoed() {
    let e = parse::<Sample>("input", serde_json::json!({"clientId": 12345678}))
        .unwrap_err()
        .to_string();
    assert!(!e.contains("12345678"), "{e}");
    assert!(e.ends_with("must be a string"), "{e}");
    let e = parse::<Sample>(
        "input",
        serde_json::json!({"clientId": "a", "expiresIn": "s3cr3t-value"}),
    )
    .unwrap_err();
    assert!(!e.to_string().contains("s3cr3t"), "{e}");
}

/// The decoding this crate used before `crate::json::de`: `serde_path_to_error` over the owned value.
/// An error is the field at fault and serde's own message.
fn parse_reference<T: DeserializeOwned>(what: &str, value: Value) -> std::result::Result<T, (String, String)> {
    if !value.is_object() {
        return Err((what.to_string(), "must be an object".into()));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { what.to_string() } else { path };
        (field, e.inner().to_string())
    })
}

/// serde's and Rust's words, which never reach a caller.
const SERDE_WORDS: &[&str] = &[
    "invalid", "i64", "u32", "u64", "variant", "struct", "enum", "sequence", "map",
];

fn same<T: DeserializeOwned + std::fmt::Debug>(value: &Value) {
    let ours = parse::<T>("input", value.clone());
    let reference = parse_reference::<T>("input", value.clone());
    let (ours, (field, message)) = match (ours, reference) {
        (Ok(o), Ok(r)) => return assert_eq!(format!("{o:?}"), format!("{r:?}"), "{value}"),
        (Err(Error::Config(o)), Err(r)) => (o, r),
        (o, r) => panic!("{value}: ours {o:?}, reference {r:?}"),
    };
    let of = ours.field.clone().unwrap_or_default();
    let words: Vec<&str> = ours.message.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    assert!(
        !SERDE_WORDS.iter().any(|w| words.contains(w)),
        "{value}: serde's words in {:?}",
        ours.message
    );
    // Intended differences: a missing field is named as the field at fault (serde names it only in
    // its message) …
    if let Some(missing) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.split('`').next())
    {
        let expected = if field == "input" {
            missing.to_string()
        } else {
            format!("{field}.{missing}")
        };
        return assert_eq!(
            (of.as_str(), ours.message.as_str()),
            (expected.as_str(), "is required"),
            "{value}"
        );
    }
    // … and a nested struct given as an array is refused at the struct (serde also accepted an
    // array of its fields' values, and so failed inside it).
    let inside = field.starts_with(&format!("{of}[")) || (field == of && message.contains("expected struct"));
    if ours.message == "must be an object" && inside {
        return;
    }
    assert_eq!(of, field, "{value}: {} / {message}", ours.message);
}

/// Every input type of `ops`, on values near and far from valid ones.
fn all_inputs(value: &Value) {
    use crate::resources::api_keys::*;
    use crate::resources::branch_auth::{
        domains::*, email::*, integration::*, oauth_providers::*, plugins::*, users::*, webhooks::*,
    };
    use crate::resources::projects::*;
    same::<CreateApiKeyInput>(value);
    same::<ReplaceApiKeyInput>(value);
    same::<crate::resources::branch_auth::apply::DesiredNeonAuth>(value);
    same::<crate::resources::branch_auth::apply::ApplyOptions>(value);
    same::<DomainInput>(value);
    same::<EmailProviderInput>(value);
    same::<EmailAndPasswordInput>(value);
    same::<TestEmailInput>(value);
    same::<EnableInput>(value);
    same::<DisableInput>(value);
    same::<ConfigInput>(value);
    same::<AddOAuthProviderInput>(value);
    same::<UpdateOAuthProviderInput>(value);
    same::<OrganizationPluginInput>(value);
    same::<MagicLinkPluginInput>(value);
    same::<PhoneNumberPluginInput>(value);
    same::<CreateUserInput>(value);
    same::<RolesInput>(value);
    same::<WebhookInput>(value);
    same::<ProjectQuery>(value);
    same::<BranchQuery>(value);
    same::<crate::operations::dispatch::Target>(value);
}

/// The field names of the input types, and a few that are none of them.
#[rustfmt::skip]
const KEYS: &[&str] = &[
    "name", "projectId", "oldKeyId", "revokeOld", "domain", "trustedDomains", "oauthProviders",
    "emailProvider", "allowLocalhost", "plugins", "magicLink", "webhooks", "dryRun", "prune", "authProvider", "type", "host", "port",
    "username", "password", "senderEmail", "senderName", "recipientEmail", "enabled",
    "emailVerificationMethod", "requireEmailVerification", "disableSignUp", "databaseName",
    "deleteData", "id", "clientId", "clientSecret", "microsoftTenantId", "organizationLimit",
    "membershipLimit", "creatorRole", "sendInvitationEmail", "expiresIn", "otpExpiresIn", "email",
    "roles", "webhookUrl", "enabledEvents", "timeoutSeconds", "search", "orgId", "limit", "cursor",
    "branchId", "keyId", "oauthProviderId", "userId", "nope", "", "name ", "a at line 1",
];

/// Strings that are valid somewhere (enum variants, e-mail addresses, URLs) and some that are not.
#[rustfmt::skip]
const STRINGS: &[&str] = &[
    "", "x", "standard", "shared", "link", "otp", "google", "github", "microsoft", "vercel", "mock",
    "stack", "better_auth", "admin", "owner", "user.created", "send.otp", "a@b.co",
    "https://a.example.com", "Standard", "s3cr3t-value",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![
            0i64,
            1,
            -1,
            5,
            65_535,
            65_536,
            4_294_967_295,
            4_294_967_296,
            9_007_199_254_740_992
        ])
        .prop_map(Value::from),
        prop::sample::select(vec![0.0, 1.5, -0.0, 1e300, 2.0]).prop_map(Value::from),
        prop::sample::select(STRINGS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// Objects whose keys are input fields, so that most of them get deep into a type's decoding.
fn input_object() -> impl Strategy<Value = Value> {
    prop::collection::vec((prop::sample::select(KEYS), json_value()), 0..8)
        .prop_map(|entries| Value::Object(entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, failure_persistence: None, ..Default::default() })]

    #[test]
    fn decoding_matches_serde_path_to_error(value in prop_oneof![input_object(), json_value()]) {
        all_inputs(&value);
    }
}

#[test]
fn decoding_matches_serde_path_to_error_on_valid_inputs() {
    for value in [
        serde_json::json!({"name": "ci", "projectId": "p-1"}),
        serde_json::json!({"oldKeyId": 5, "name": "n", "revokeOld": true}),
        serde_json::json!({"type": "standard", "host": "h", "port": 587, "username": "u", "password": "p",
            "senderEmail": "a@b.co", "senderName": "n"}),
        serde_json::json!({"type": {"shared": null}}),
        serde_json::json!({"type": {"shared": 1}}),
        serde_json::json!({"type": {"shared": null, "standard": null}}),
        serde_json::json!({"id": "github", "clientId": "c", "clientSecret": "s"}),
        serde_json::json!({"creatorRole": "owner", "organizationLimit": 3}),
        serde_json::json!({"enabled": true, "webhookUrl": "https://a.example.com", "enabledEvents": ["user.created", "nope"]}),
        serde_json::json!({"roles": ["a", 1]}),
        serde_json::json!({"roles": "a"}),
        serde_json::json!({"authProvider": ["better_auth"]}),
        serde_json::json!({"limit": 10, "cursor": "c", "search": ""}),
    ] {
        all_inputs(&value);
    }
}

#[test]
fn bodies_are_snake_case() {
    let s = Sample {
        client_id: "x".into(),
        expires_in: Some(5),
    };
    assert_eq!(
        json_body(&s).unwrap(),
        serde_json::json!({"client_id": "x", "expires_in": 5})
    );
}
