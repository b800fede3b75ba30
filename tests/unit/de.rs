//! Unit tests of `crate::json::de` (a private module), compiled as its child `tests` module.

use super::*;
use serde_json::json;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Inner {
    id: String,
    n: Option<u32>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Outer {
    items: Vec<Inner>,
    kind: Kind,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Standard,
    Shared,
}

fn err(value: Value) -> (String, String) {
    let e = from_value::<Outer>(&value).unwrap_err();
    (e.path().unwrap_or_else(|| ".".into()), e.message().to_string())
}

#[test]
fn decodes_like_serde_json() {
    let v = json!({"items": [{"id": "a", "n": 3}, {"id": "b", "n": null}], "kind": "shared", "extra": 1});
    let direct: Outer = from_value(&v).unwrap();
    assert_eq!(
        direct.items[0],
        Inner {
            id: "a".into(),
            n: Some(3)
        }
    );
    assert_eq!(direct.items[1].n, None);
    assert_eq!(direct.kind, Kind::Shared);
    // An enum may come as a one-key object (serde's form of a variant with data), but a struct
    // only as an object.
    let v = json!({"items": [], "kind": {"standard": null}});
    assert_eq!(from_value::<Outer>(&v).unwrap().kind, Kind::Standard);
    let (path, message) = err(json!({"items": [["a", 1]], "kind": "shared"}));
    assert_eq!(path, "items[0]");
    assert_eq!(message, "must be an object");
}

#[test]
fn errors_name_the_path_and_never_the_value() {
    let (path, message) = err(json!({"items": [{"id": "a"}, {"id": 12345}], "kind": "shared"}));
    assert_eq!((path.as_str(), message.as_str()), ("items[1].id", "must be a string"));
    let (path, message) = err(json!({"items": [{"id": "a", "n": 1.5}], "kind": "shared"}));
    assert_eq!(
        (path.as_str(), message.as_str()),
        ("items[0].n", "must be a whole number")
    );
    let (path, message) = err(json!({"items": [{"id": "a", "n": -1}], "kind": "shared"}));
    assert_eq!(
        (path.as_str(), message.as_str()),
        ("items[0].n", "must be a whole number from 0 to 4294967295")
    );
    let (path, message) = err(json!({"items": [{"id": "a", "secret": 1}], "kind": "shared"}));
    assert_eq!(path, "items[0].secret");
    assert_eq!(message, "is not a known field: the fields are `id`, `n`");
    let (path, message) = err(json!({"items": [{"id": "a", "N": 1}], "kind": "shared"}));
    assert_eq!(path, "items[0].N");
    assert_eq!(
        message,
        "is not a known field: did you mean `n`? the fields are `id`, `n`"
    );
    let (path, message) = err(json!({"items": [], "kind": "other"}));
    assert_eq!(
        (path.as_str(), message.as_str()),
        ("kind", "must be one of \"standard\" or \"shared\"")
    );
    let (_, message) = err(json!({"items": [], "kind": "Shared"}));
    assert_eq!(
        message,
        "must be one of \"standard\" or \"shared\" (did you mean \"shared\"?)"
    );
    for kind in [json!(5), json!({"standard": null, "shared": null})] {
        let (path, message) = err(json!({"items": [], "kind": kind}));
        assert_eq!(
            (path.as_str(), message.as_str()),
            ("kind", "must be one of \"standard\" or \"shared\"")
        );
    }
    let (path, message) = err(json!({"items": [], "kind": null}));
    assert_eq!(
        (path.as_str(), message.as_str()),
        ("kind", "is required: give one of \"standard\" or \"shared\"")
    );
    let (path, message) = err(json!({"items": []}));
    assert_eq!((path.as_str(), message.as_str()), ("kind", "is required"));
    let (path, message) = err(json!({"items": [{"n": 1}], "kind": "shared"}));
    assert_eq!((path.as_str(), message.as_str()), ("items[0].id", "is required"));
    let (path, message) = err(json!({"items": [{"id": null}], "kind": "shared"}));
    assert_eq!(
        (path.as_str(), message.as_str()),
        ("items[0].id", "is required: give a string")
    );
    let (path, message) = err(json!({"items": {}, "kind": "shared"}));
    assert_eq!((path.as_str(), message.as_str()), ("items", "must be a list"));
    let (path, message) = err(json!("x"));
    assert_eq!((path.as_str(), message.as_str()), (".", "must be an object"));
}
