//! Unit tests of the simulator's `routes::json_fields` module, compiled as its child `tests` module.

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
