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
    crate::json::de::from_value(&value).map_err(|e| field_error(what, e))
}

/// The error for an input that does not decode; out of line, so that [`parse`]'s copies for each
/// type stay small. [`crate::json::de`] words it for the caller (the field's public name, the expected
/// type in JavaScript's terms, an enum's allowed values) and never repeats the value.
#[inline(never)]
fn field_error(what: &str, e: crate::json::de::DeError) -> Error {
    // An unknown or missing field is named in the path too, so the error names it either way.
    let field = e.path().unwrap_or_else(|| what.to_string());
    Error::field(&field, e.message())
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
#[path = "../../tests/unit/input.rs"]
mod tests;
