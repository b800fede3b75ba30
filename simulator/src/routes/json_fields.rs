//! Typed access to the fields of a JSON request body. Every error is a 400
//! whose message names the field but never repeats its value.

use std::ops::RangeInclusive;

use serde_json::{Map, Value};

use crate::http::Reply;
use crate::validate::addresses::looks_like_email;

/// A parsed JSON object body.
pub type Body = Map<String, Value>;

fn present<'a>(body: &'a Body, name: &str) -> Option<&'a Value> {
    body.get(name).filter(|v| !v.is_null())
}

fn required<'a>(body: &'a Body, name: &str) -> Result<&'a Value, Reply> {
    present(body, name).ok_or_else(|| Reply::bad_request(format!("{name} is required")))
}

/// An optional boolean (absent or null gives `None`).
pub fn opt_bool(body: &Body, name: &str) -> Result<Option<bool>, Reply> {
    present(body, name)
        .map(|v| {
            v.as_bool()
                .ok_or_else(|| Reply::bad_request(format!("{name} must be a boolean")))
        })
        .transpose()
}

/// A required boolean.
pub fn req_bool(body: &Body, name: &str) -> Result<bool, Reply> {
    opt_bool(body, name)?.ok_or_else(|| Reply::bad_request(format!("{name} is required")))
}

/// An optional string.
pub fn opt_string(body: &Body, name: &str) -> Result<Option<String>, Reply> {
    present(body, name)
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| Reply::bad_request(format!("{name} must be a string")))
        })
        .transpose()
}

/// A required string.
pub fn req_string(body: &Body, name: &str) -> Result<String, Reply> {
    required(body, name)?;
    Ok(opt_string(body, name)?.unwrap_or_default())
}

/// A required string of `chars` characters.
pub fn req_string_len(body: &Body, name: &str, chars: RangeInclusive<usize>) -> Result<String, Reply> {
    let s = req_string(body, name)?;
    check_len(name, &s, &chars)?;
    Ok(s)
}

/// An optional string of `chars` characters.
pub fn opt_string_len(body: &Body, name: &str, chars: RangeInclusive<usize>) -> Result<Option<String>, Reply> {
    let s = opt_string(body, name)?;
    if let Some(s) = &s {
        check_len(name, s, &chars)?;
    }
    Ok(s)
}

fn check_len(name: &str, s: &str, chars: &RangeInclusive<usize>) -> Result<(), Reply> {
    if chars.contains(&s.chars().count()) {
        Ok(())
    } else {
        Err(Reply::bad_request(format!(
            "{name} must be between {} and {} characters",
            chars.start(),
            chars.end()
        )))
    }
}

/// A required e-mail address of at most 256 characters.
pub fn req_email(body: &Body, name: &str) -> Result<String, Reply> {
    let s = req_string_len(body, name, 1..=256)?;
    if looks_like_email(&s) {
        Ok(s)
    } else {
        Err(Reply::bad_request(format!("{name} must be a valid email address")))
    }
}

/// An optional integer within `range`.
pub fn opt_int_in(body: &Body, name: &str, range: RangeInclusive<i64>) -> Result<Option<i64>, Reply> {
    let Some(value) = present(body, name) else {
        return Ok(None);
    };
    let out_of_range = || {
        Reply::bad_request(format!(
            "{name} must be an integer between {} and {}",
            range.start(),
            range.end()
        ))
    };
    match value {
        Value::Number(n) if n.is_i64() || n.is_u64() => n
            .as_i64()
            .filter(|i| range.contains(i))
            .map(Some)
            .ok_or_else(out_of_range),
        _ => Err(out_of_range()),
    }
}

/// A required integer within `range`.
pub fn req_int_in(body: &Body, name: &str, range: RangeInclusive<i64>) -> Result<i64, Reply> {
    required(body, name)?;
    Ok(opt_int_in(body, name, range)?.unwrap_or_default())
}

/// An optional enumerated string; `parse` maps the accepted values.
pub fn opt_choice<T>(body: &Body, name: &str, parse: fn(&str) -> Option<T>, allowed: &str) -> Result<Option<T>, Reply> {
    present(body, name)
        .map(|v| {
            v.as_str()
                .and_then(parse)
                .ok_or_else(|| Reply::bad_request(format!("{name} must be one of: {allowed}")))
        })
        .transpose()
}

/// A required enumerated string.
pub fn req_choice<T>(body: &Body, name: &str, parse: fn(&str) -> Option<T>, allowed: &str) -> Result<T, Reply> {
    required(body, name)?;
    opt_choice(body, name, parse, allowed)?.ok_or_else(|| Reply::bad_request(format!("{name} is required")))
}

/// An optional array of strings.
pub fn opt_string_array(body: &Body, name: &str) -> Result<Option<Vec<String>>, Reply> {
    let wrong = || Reply::bad_request(format!("{name} must be an array of strings"));
    present(body, name)
        .map(|v| {
            v.as_array()
                .ok_or_else(wrong)?
                .iter()
                .map(|item| item.as_str().map(str::to_string).ok_or_else(wrong))
                .collect()
        })
        .transpose()
}

#[cfg(test)]
#[path = "../../tests/unit/routes_json_fields.rs"]
mod tests;
