use super::*;

#[test]
fn debug_and_display_redact() {
    let s = Secret::new("napi_supersecret");
    assert!(!format!("{s:?}").contains("supersecret"));
    assert_eq!(format!("{s}"), "[REDACTED]");
    #[derive(Debug)]
    #[allow(dead_code)]
    struct Holder {
        key: Secret,
    }
    let h = Holder { key: s.clone() };
    assert!(!format!("{h:?}").contains("supersecret"));
    assert!(!format!("{h:#?}").contains("supersecret"));
}

#[test]
fn serialization_keeps_value() {
    let s = Secret::new("napi_supersecret");
    assert_eq!(serde_json::to_string(&s).unwrap(), "\"napi_supersecret\"");
}

#[test]
fn scrub_replaces_every_occurrence() {
    let s = Secret::new("abcd1234");
    assert_eq!(s.scrub("x abcd1234 y abcd1234"), "x [REDACTED] y [REDACTED]");
}
