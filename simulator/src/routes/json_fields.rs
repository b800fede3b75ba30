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
mod tests {
    use super::*;
    use serde_json::json;

    fn body(v: Value) -> Body {
        v.as_object().unwrap().clone()
    }

    fn message(r: Reply) -> String {
        format!("{:?}", r.body)
    }

    #[test]
    fn booleans_and_strings() {
        let b = body(json!({"t": true, "s": "x", "n": null, "num": 1}));
        assert_eq!(opt_bool(&b, "t").unwrap(), Some(true));
        assert_eq!(opt_bool(&b, "n").unwrap(), None);
        assert!(message(opt_bool(&b, "s").unwrap_err()).contains("s must be a boolean"));
        assert!(message(req_bool(&b, "missing").unwrap_err()).contains("missing is required"));
        assert_eq!(req_string(&b, "s").unwrap(), "x");
        assert!(message(req_string(&b, "num").unwrap_err()).contains("num must be a string"));
        assert!(message(req_string(&b, "n").unwrap_err()).contains("n is required"));
        assert_eq!(req_string_len(&b, "s", 2..=3).unwrap_err().status, 400);
        assert_eq!(opt_string_len(&b, "absent", 1..=3).unwrap(), None);
    }

    #[test]
    fn emails_do_not_echo_the_value() {
        let b = body(json!({"email": "not-an-email-secret"}));
        let m = message(req_email(&b, "email").unwrap_err());
        assert!(m.contains("email must be a valid email address"));
        assert!(!m.contains("secret"));
    }

    #[test]
    fn integers() {
        let b = body(json!({"i": 7, "f": 7.5, "s": "7", "big": 1e30, "neg": -3}));
        assert_eq!(opt_int_in(&b, "i", 1..=10).unwrap(), Some(7));
        assert_eq!(req_int_in(&b, "i", 1..=10).unwrap(), 7);
        for name in ["f", "s", "big", "neg"] {
            assert_eq!(opt_int_in(&b, name, 1..=10).unwrap_err().status, 400, "{name}");
        }
        assert_eq!(opt_int_in(&b, "i", 8..=10).unwrap_err().status, 400);
        assert!(message(req_int_in(&b, "absent", 1..=2).unwrap_err()).contains("absent is required"));
    }

    #[test]
    fn choices_and_arrays() {
        let parse = |s: &str| (s == "a").then_some(1);
        let b = body(json!({"c": "a", "d": "b", "e": 5, "arr": ["x"], "mixed": ["x", 1]}));
        assert_eq!(req_choice(&b, "c", parse, "a").unwrap(), 1);
        assert!(message(req_choice(&b, "d", parse, "a").unwrap_err()).contains("d must be one of: a"));
        assert_eq!(opt_choice(&b, "e", parse, "a").unwrap_err().status, 400);
        assert!(message(req_choice(&b, "zz", parse, "a").unwrap_err()).contains("zz is required"));
        assert_eq!(opt_string_array(&b, "arr").unwrap(), Some(vec!["x".to_string()]));
        assert_eq!(opt_string_array(&b, "mixed").unwrap_err().status, 400);
        assert_eq!(opt_string_array(&b, "c").unwrap_err().status, 400);
    }
}
