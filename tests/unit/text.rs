//! Unit tests of `crate::json::de::text`: answers decoded from their text must succeed and fail as
//! the `Value` decoder (`crate::json::de::from_value`) does, with the same path and message, and
//! never repeat the value at fault.

use super::*;
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Deserialize, PartialEq)]
struct Outer {
    items: Vec<Inner>,
    kind: Kind,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Inner {
    id: String,
    n: Option<u8>,
    by: Option<By>,
    tags: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct By {
    name: String,
    #[serde(default)]
    admin: bool,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Standard,
    Shared,
}

/// A decoder's outcome: the value, or the error's path and message.
type Outcome = Result<Outer, (String, String)>;

/// The outcome of each decoder.
fn both(text: &str) -> (Outcome, Outcome) {
    let from_text = match from_text::<Outer>(text) {
        Ok(value) => Ok(value),
        Err(Refused::Data(e)) => Err((e.path().unwrap_or_default(), e.message().to_string())),
        Err(Refused::NotJson(detail)) => panic!("{text} is JSON: {detail}"),
    };
    let value: Value = serde_json::from_str(text).unwrap();
    let from_value =
        super::super::from_value::<Outer>(&value).map_err(|e| (e.path().unwrap_or_default(), e.message().to_string()));
    (from_text, from_value)
}

fn refused(text: &str) -> (String, String) {
    let (from_text, from_value) = both(text);
    assert_eq!(from_text.as_ref().err(), from_value.as_ref().err(), "{text}");
    from_text.unwrap_err()
}

#[test]
fn errors_name_the_same_field_as_the_value_decoder() {
    let cases = [
        (
            r#"{"items": [{"id": "a"}, {"id": 12345}], "kind": "shared"}"#,
            "items[1].id",
            "must be a string",
        ),
        (
            r#"{"items": [{"id": "a", "n": 1.5}], "kind": "shared"}"#,
            "items[0].n",
            "must be a whole number",
        ),
        (
            r#"{"items": [{"id": "a", "n": 300}], "kind": "shared"}"#,
            "items[0].n",
            "must be a whole number from 0 to 255",
        ),
        (
            r#"{"items": [{"id": null}], "kind": "shared"}"#,
            "items[0].id",
            "is required: give a string",
        ),
        (
            r#"{"items": [{"n": 1}], "kind": "shared"}"#,
            "items[0].id",
            "is required",
        ),
        (
            r#"{"items": [{"id": "a", "by": {}}], "kind": "shared"}"#,
            "items[0].by.name",
            "is required",
        ),
        (
            r#"{"items": [{"id": "a", "by": {"name": ["x"]}}], "kind": "shared"}"#,
            "items[0].by.name",
            "must be a string",
        ),
        (
            r#"{"items": [{"id": "a", "by": {"name": {"k": 1}}}], "kind": "shared"}"#,
            "items[0].by.name",
            "must be a string",
        ),
        (
            r#"{"items": [{"id": "a", "tags": ["x", {"y": 1}]}], "kind": "shared"}"#,
            "items[0].tags[1]",
            "must be a string",
        ),
        (
            r#"{"items": [{"id": "a"}, "b"], "kind": "shared"}"#,
            "items[1]",
            "must be an object",
        ),
        (r#"{"items": {"id": "a"}, "kind": "shared"}"#, "items", "must be a list"),
        (
            r#"{"items": [], "kind": "shred"}"#,
            "kind",
            "must be one of \"standard\" or \"shared\" (did you mean \"shared\"?)",
        ),
        (r#"{"items": []}"#, "kind", "is required"),
        ("\"x\"", "", "must be an object"),
        ("[1]", "", "must be an object"),
        (
            r#"{"items": [{"id": "a"}, ["b"]], "kind": "shared"}"#,
            "items[1]",
            "must be an object",
        ),
        (
            r#"{"items": [], "kind": 69}"#,
            "kind",
            "must be one of \"standard\" or \"shared\"",
        ),
        (
            r#"{"items": [], "kind": null}"#,
            "kind",
            "is required: give one of \"standard\" or \"shared\"",
        ),
        (
            r#"{"items": [{"id": "a\u00e9\n", "by": {"na\u006de": 5}}], "kind": "shared"}"#,
            "items[0].by.name",
            "must be a string",
        ),
        (
            r#"{"items": [], "kind": {"shred": null}}"#,
            "kind",
            "must be one of \"standard\" or \"shared\" (did you mean \"shared\"?)",
        ),
    ];
    for (text, path, message) in cases {
        let (p, m) = refused(text);
        assert_eq!((p.as_str(), m.as_str()), (path, message), "{text}");
    }
}

#[test]
fn an_error_never_repeats_the_value() {
    let (_, message) = refused(r#"{"items": [{"id": "hunter2-secret"}], "kind": "hunter2-kind"}"#);
    assert!(!message.contains("hunter2"), "{message}");
    let (_, message) = refused(r#"{"items": [{"id": ["hunter2-secret, expected x"]}], "kind": "shared"}"#);
    assert!(!message.contains("hunter2"), "{message}");
    let (_, message) = refused(r#"{"items": [{"id": "a", "n": 1234567}], "kind": "shared"}"#);
    assert!(!message.contains("1234567"), "{message}");
}

#[test]
fn a_field_given_twice_is_named() {
    let text = r#"{"items": [{"id": "a", "id": "hunter2"}], "kind": "shared"}"#;
    match from_text::<Outer>(text) {
        Err(Refused::Data(e)) => {
            assert_eq!(
                (e.path().as_deref(), e.message()),
                (Some("items[0].id"), "is given more than once")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn nesting_deeper_than_serde_json_reads_is_refused_not_recursed_into() {
    // Deep enough to exhaust the stack if each level were read by a recursion.
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    assert!(matches!(
        from_text::<serde::de::IgnoredAny>(&deep),
        Err(Refused::NotJson(_))
    ));
    assert!(matches!(from_text::<Value>(&deep), Err(Refused::NotJson(_))));
    let objects = format!("{}1{}", "{\"a\":".repeat(200_000), "}".repeat(200_000));
    assert!(matches!(from_text::<Value>(&objects), Err(Refused::NotJson(_))));
    let text = format!(
        r#"{{"items": [], "kind": {}"shared"{}}}"#,
        "{\"shared\":".repeat(200_000),
        "}".repeat(200_000)
    );
    assert!(matches!(from_text::<Outer>(&text), Err(Refused::NotJson(_))));
    // As deep as serde_json reads (127 levels) is read; a level more is refused by both.
    let ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
    assert_eq!(
        from_text::<Value>(&ok).unwrap(),
        serde_json::from_str::<Value>(&ok).unwrap()
    );
    let over = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(serde_json::from_str::<Value>(&over).is_err());
    assert!(matches!(from_text::<Value>(&over), Err(Refused::NotJson(_))));
}

#[test]
fn numbers_at_the_edges_read_as_serde_json_reads_them() {
    for text in [
        "0",
        "-0",
        "-0.0",
        "0e5",
        "-0e-5",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "1e308",
        "5e-324",
        "1.7976931348623157e308",
    ] {
        let ours = from_text::<Value>(text).unwrap();
        let theirs = serde_json::from_str::<Value>(text).unwrap();
        assert_eq!(ours, theirs, "{text}");
        // `Value`'s equality takes -0.0 for 0.0: the sign is compared as written.
        assert_eq!(ours.to_string(), theirs.to_string(), "{text}");
    }
}

#[test]
fn strings_read_as_serde_json_reads_them() {
    let text = r#"["plain", "é ü 漢 😀", "\"\\\/\b\f\n\r\t", "\u00e9\u6f22\ud83d\ude00", "a\u0000b", ""]"#;
    let ours: Vec<String> = from_text(text).unwrap();
    let theirs: Vec<String> = serde_json::from_str(text).unwrap();
    assert_eq!(ours, theirs);
}

#[test]
fn text_that_is_not_json_is_told_apart() {
    // Where serde_json would say the text stops being JSON, in its words.
    let broken = [
        "{\"items\": [",
        "{\"items\": [], \"kind\": \"shared\"} x",
        "{\"items\": [{\"id\": \"a\" \"n\": 1}], \"kind\": \"shared\"}",
        "{\"items\": [{\"id\": \"a\\q\"}], \"kind\": \"shared\"}",
        "{\"items\": [{\"id\": \"a\", \"n\": 01}], \"kind\": \"shared\"}",
        "{\"items\": [{\"id\": \"a\", \"other\": [1,]}], \"kind\": \"shared\"}",
        "{\"items\": [],\n \"kind\": tru}",
        "{\"items\": [], \"kind\": \"\\ud800\"}",
    ];
    for text in broken {
        let ours = match from_text::<Outer>(text) {
            Err(Refused::NotJson(detail)) => detail,
            other => panic!("{text}: {other:?}"),
        };
        let theirs = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert_eq!(
            ours,
            format!(
                "{:?} error at line {} column {}",
                theirs.classify(),
                theirs.line(),
                theirs.column()
            ),
            "{text}"
        );
    }
}

/// `s` as serde_json writes it, without the quotes.
fn unquoted(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap();
    quoted[1..quoted.len() - 1].to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any string, written by serde_json (escapes included), reads back the same.
    #[test]
    fn any_string_reads_back(s in any::<String>(), ascii_only: bool) {
        let text = if ascii_only {
            // Every character above ASCII written as `\u` escapes, surrogate pairs included.
            s.chars().map(|c| if c.is_ascii() { unquoted(&c.to_string()) } else { c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("\\u{u:04x}")).collect() }).collect::<String>()
        } else {
            unquoted(&s)
        };
        let text = format!("\"{text}\"");
        prop_assert_eq!(from_text::<String>(&text).unwrap(), s);
    }

    /// Any number serde_json writes reads back the same, as the narrowest of `u64`, `i64` and `f64`.
    #[test]
    fn any_number_reads_back(u: u64, i: i64, f in any::<f64>().prop_filter("finite", |f| f.is_finite())) {
        prop_assert_eq!(from_text::<u64>(&u.to_string()).unwrap(), u);
        prop_assert_eq!(from_text::<i64>(&i.to_string()).unwrap(), i);
        let written = serde_json::to_string(&f).unwrap();
        prop_assert_eq!(from_text::<f64>(&written).unwrap(), serde_json::from_str::<f64>(&written).unwrap());
    }

    /// Text broken anywhere is refused where serde_json refuses it, in its words, or read as it
    /// reads it.
    #[test]
    fn broken_text_is_refused_as_serde_json_refuses_it(value in nearly_outer(), at in any::<prop::sample::Index>(), byte in prop::sample::select(b"{}[]\",:\\ 0-.eEtn1u".to_vec()), cut: bool) {
        let mut text = serde_json::to_string(&value).unwrap().into_bytes();
        let at = at.index(text.len());
        if cut { text.remove(at); } else { text.insert(at, byte); }
        let Ok(text) = String::from_utf8(text) else { return Ok(()) };
        let theirs = serde_json::from_str::<Value>(&text);
        match (from_text::<serde::de::IgnoredAny>(&text), theirs) {
            (Ok(_), Ok(_)) => {}
            (Err(Refused::NotJson(ours)), Err(e)) => prop_assert_eq!(ours, format!("{:?} error at line {} column {}", e.classify(), e.line(), e.column()), "{}", text),
            (ours, theirs) => prop_assert!(false, "{}: {:?} {:?}", text, ours, theirs),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

    /// The scan for a string's end, eight bytes at a time, stops where a byte-by-byte scan does,
    /// at any offset in a word.
    #[test]
    fn a_string_scan_stops_where_a_byte_scan_stops(
        bytes in prop::collection::vec(prop_oneof![8 => 0x20u8..=0xff, 1 => Just(b'"'), 1 => Just(b'\\'), 1 => 0u8..0x20], 0..40),
        from in 0usize..40,
    ) {
        let bytes = &bytes[from.min(bytes.len())..];
        let byte_by_byte = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        prop_assert_eq!(super::super::text_scalars::plain_run(bytes), byte_by_byte);
    }
}

/// Any JSON value built from the test types' keys and a few of each kind of value.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..400).prop_map(|n| json!(n)),
        Just(json!(1.5)),
        prop::sample::select(vec!["a", "shared", "standard", "x, expected y"]).prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec!["items", "kind", "id", "n", "by", "name", "admin", "tags", "other"])
                    .prop_map(str::to_string),
                inner,
                0..5
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// A value that mostly decodes, with one part replaced by anything.
fn nearly_outer() -> impl Strategy<Value = Value> {
    (any_json(), 0usize..8).prop_map(|(part, at)| {
        let mut value =
            json!({"items": [{"id": "a", "n": 1, "by": {"name": "b"}, "tags": ["t"]}, {"id": "c"}], "kind": "shared"});
        let slot = match at {
            0 => &mut value["items"],
            1 => &mut value["kind"],
            2 => &mut value["items"][0],
            3 => &mut value["items"][1]["id"],
            4 => &mut value["items"][0]["by"],
            5 => &mut value["items"][0]["by"]["name"],
            6 => &mut value["items"][0]["tags"],
            _ => &mut value["items"][0]["n"],
        };
        *slot = part;
        value
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Same value, or the same path and message.
    #[test]
    fn decodes_and_refuses_as_the_value_decoder(value in prop_oneof![any_json(), nearly_outer()], pretty: bool) {
        // Over several lines too: the error's place is given as a line and a column.
        let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) }.unwrap();
        let (from_text, from_value) = both(&text);
        prop_assert_eq!(from_text, from_value, "{}", text);
    }
}
