//! Parsing of path parameters and body fields shared by key routes.

use serde_json::{Map, Value};

use crate::http::Reply;
use crate::validate::{check_key_name, is_valid_slug};

/// Parses `{key_id}`: digits only, else 400. A number too large for any key
/// is simply not found.
pub fn key_id(raw: &str) -> Result<u64, Reply> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Reply::bad_request("key_id must be an integer"));
    }
    raw.parse::<u64>().map_err(|_| Reply::not_found("API key not found"))
}

/// Checks `{org_id}` against `^[a-z0-9-]{1,60}$`, else 400.
pub fn org_id(raw: &str) -> Result<(), Reply> {
    if is_valid_slug(raw) {
        Ok(())
    } else {
        Err(Reply::bad_request("org_id must match ^[a-z0-9-]{1,60}$"))
    }
}

/// The required `key_name` field: a string of 1 to 64 characters.
pub fn key_name(body: &Map<String, Value>) -> Result<String, Reply> {
    match body.get("key_name") {
        None | Some(Value::Null) => Err(Reply::bad_request("key_name is required")),
        Some(Value::String(name)) => {
            check_key_name(name).map_err(Reply::bad_request)?;
            Ok(name.clone())
        }
        Some(_) => Err(Reply::bad_request("key_name must be a string")),
    }
}

/// The optional `project_id` field: absent/null, or a string matching
/// `^[a-z0-9-]{1,60}$`.
pub fn project_id(body: &Map<String, Value>) -> Result<Option<String>, Reply> {
    match body.get("project_id") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(p)) if is_valid_slug(p) => Ok(Some(p.clone())),
        Some(_) => Err(Reply::bad_request(
            "project_id must be a string matching ^[a-z0-9-]{1,60}$",
        )),
    }
}

#[cfg(test)]
#[path = "../../tests/unit/routes_request_fields.rs"]
mod tests;
