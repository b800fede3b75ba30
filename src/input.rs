//! Decoding caller input (a JSON value from any binding) into typed structs, with errors that
//! name the field at fault, and encoding inputs as the API's snake_case bodies.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Decodes `value` into `T`; unknown fields and wrong types are a `NeonConfigError` naming the
/// field (`what` when the whole value is wrong).
pub fn parse<T: DeserializeOwned>(what: &str, value: Value) -> Result<T> {
    if !value.is_object() {
        return Err(Error::field(what, "must be an object"));
    }
    crate::de::from_value(&value).map_err(|e| field_error(what, e))
}

/// The error for an input that does not decode; out of line, so that [`parse`]'s copies for each
/// type stay small.
#[inline(never)]
fn field_error(what: &str, e: crate::de::DeError) -> Error {
    // An unknown field is named in the path too, so the error names it either way.
    let field = e.path().unwrap_or_else(|| what.to_string());
    Error::field(&field, without_values(e.message()))
}

/// serde's message without the offending value (`invalid type: string "…", expected u32` →
/// `invalid type, expected u32`): a misplaced value may be a secret or an e-mail address.
/// ([`crate::de`] already leaves values out of the messages it makes itself.)
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

/// The request body for an input, as JSON: inputs decode from camelCase and serialize straight
/// to the API's snake_case (`#[serde(rename_all(deserialize = "camelCase"))]`). Going through a
/// `Value` keeps the body's keys sorted, as the reconciliation compares them.
pub fn json_body(input: &impl Serialize) -> Result<Value> {
    serde_json::to_value(input).map_err(encode_error)
}

#[inline(never)]
fn encode_error(e: serde_json::Error) -> Error {
    Error::config(format!("could not encode the request: {e}"))
}

#[cfg(test)]
#[path = "../tests/unit/input.rs"]
mod tests;
