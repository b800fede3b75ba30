//! Decoding caller input (a JSON value from any binding) into typed structs, with errors that
//! name the field at fault, and turning camelCase inputs into the API's snake_case bodies.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// Decodes `value` into `T`; unknown fields and wrong types are a `NeonConfigError` naming the
/// field (`what` when the whole value is wrong).
pub fn parse<T: DeserializeOwned>(what: &str, value: Value) -> Result<T> {
    if !value.is_object() {
        return Err(Error::field(what, "must be an object"));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        // An unknown field is named in the path too, so the error names it either way.
        let field = if path == "." { what.to_string() } else { path };
        Error::field(&field, without_values(&message))
    })
}

/// serde's message without the offending value (`invalid type: string "…", expected u32` →
/// `invalid type, expected u32`): a misplaced value may be a secret or an e-mail address.
fn without_values(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or_default();
    let cleaned = ["invalid type: ", "invalid value: ", "invalid length "]
        .iter()
        .find_map(|prefix| {
            let rest = message.strip_prefix(prefix)?;
            let expected = rest.find(", expected ").map(|i| &rest[i..]).unwrap_or("");
            Some(format!("{}{expected}", prefix.trim_end_matches([' ', ':'])))
        })
        .unwrap_or_else(|| message.to_string());
    cleaned.chars().take(200).collect()
}

/// The request body for an input: its JSON with every object key turned from camelCase into
/// snake_case (`emailVerificationMethod` → `email_verification_method`).
pub fn snake_body(input: &impl Serialize) -> Result<Value> {
    let value = serde_json::to_value(input).map_err(|e| Error::config(format!("could not encode the request: {e}")))?;
    Ok(snake_keys(value))
}

fn snake_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (snake_case(&k), snake_keys(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(snake_keys).collect()),
        other => other,
    }
}

fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
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
        assert!(e.to_string().contains("clientId"), "{e}");
        let e = parse::<Sample>("input", serde_json::json!([1])).unwrap_err();
        assert!(e.to_string().starts_with("invalid `input`"), "{e}");
    }

    #[test]
    fn wrong_values_are_not_echoed() {
        let e = parse::<Sample>("input", serde_json::json!({"clientId": 12345678}))
            .unwrap_err()
            .to_string();
        assert!(!e.contains("12345678"), "{e}");
        assert!(e.contains("expected a string"), "{e}");
        let e = parse::<Sample>(
            "input",
            serde_json::json!({"clientId": "a", "expiresIn": "s3cr3t-value"}),
        )
        .unwrap_err();
        assert!(!e.to_string().contains("s3cr3t"), "{e}");
    }

    #[test]
    fn bodies_are_snake_case() {
        let s = Sample {
            client_id: "x".into(),
            expires_in: Some(5),
        };
        assert_eq!(
            snake_body(&s).unwrap(),
            serde_json::json!({"client_id": "x", "expires_in": 5})
        );
    }
}
