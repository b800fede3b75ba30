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
        let reason: String = message
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        Error::field(&field, reason)
    })
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
