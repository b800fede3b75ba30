//! The member scan of `Checked::field` and `Checked::find` against serde_json's own parse of the
//! same text, on hand-picked tricky answers and on arbitrary JSON, compact and pretty.

use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// What serde_json makes of the members: by key (the last of a repeated key) or by index.
fn reference(json: &str) -> (BTreeMap<String, String>, Vec<String>) {
    let map: BTreeMap<String, &RawValue> = serde_json::from_str(json).unwrap_or_default();
    let list: Vec<&RawValue> = serde_json::from_str(json).unwrap_or_default();
    (
        map.into_iter().map(|(k, v)| (k, v.get().to_string())).collect(),
        list.into_iter().map(|v| v.get().to_string()).collect(),
    )
}

/// The same, from the scan.
fn scanned(json: &str) -> (BTreeMap<String, String>, Vec<String>) {
    let members = members(json);
    let mut map = BTreeMap::new();
    let mut list = Vec::new();
    for (key, value) in members {
        match key {
            Some(quoted) => {
                let Ok(Value::String(key)) = serde_json::from_str::<Value>(quoted) else {
                    panic!("{quoted} is not a JSON string");
                };
                assert!(key_is(quoted, &key));
                map.insert(key, value.to_string());
            }
            None => list.push(value.to_string()),
        }
    }
    (map, list)
}

#[test]
fn tricky_answers_split_as_serde_json_splits_them() {
    for json in [
        r#"{"domains": [{"domain": "https://a.example.com", "auth_provider": "stack"}]}"#,
        r#"{ "a" : "}]\"{[" , "b":{"c":[1,{"d":"\\"}]} ,"e":-1.5e3,"f":true,"g":null }"#,
        r#"{"a":1,"a":2}"#,
        r#"{"dom\u0061ins":[1],"x\"y":"z"}"#,
        "[ {\"a\":[]} ,\n\t\"s,]\" , 0 , [[], {}], false ]",
        "{}",
        "[]",
        " \"just a string\" ",
        "42",
    ] {
        assert_eq!(scanned(json), reference(json), "{json}");
    }
}

#[test]
fn field_and_find_keep_the_member_text_as_sent() {
    let json = r#"{"other": 1, "domains": [ {"domain": "a"} , {"domain":"b", "extra": [1, 2]} ]}"#;
    let checked = Checked::new(vec!["a", "b"], json.into());
    let list = checked.field("domains", |l| l);
    assert_eq!(
        list.raw_json(),
        r#"[ {"domain": "a"} , {"domain":"b", "extra": [1, 2]} ]"#
    );
    let second = list.find(|d| *d == "b").unwrap();
    assert_eq!(second.raw_json(), r#"{"domain":"b", "extra": [1, 2]}"#);
    let absent = Checked::new((), "{}".into()).field("domains", |_| ());
    assert_eq!(absent.raw_json(), "null");
}

#[test]
fn a_result_leaves_as_the_api_sent_it_whole_or_inside_another() {
    use crate::operations::dispatch::{AsSent as _, Encoded as _, Reply};
    // Key order, spacing and an escape the API chose: none of it may change on the way out.
    let sent = r#"{ "z": 1, "a": "caf\u00e9", "n": 1.50 }"#;
    let whole = Reply(Checked::new((), sent.into())).into_text().unwrap();
    assert_eq!(whole, sent);
    #[derive(Serialize)]
    struct Page {
        items: Checked<()>,
        count: u32,
    }
    let page = Reply(Page {
        items: Checked::new((), sent.into()),
        count: 2,
    })
    .into_text()
    .unwrap();
    assert_eq!(page, format!(r#"{{"items":{sent},"count":2}}"#));
    let plain = Reply(vec![1, 2]).into_text().unwrap();
    assert_eq!(plain, "[1,2]");
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((".{0,8}", inner), 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_json_splits_as_serde_json_splits_it(value in json_value()) {
        for json in [serde_json::to_string(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap()] {
            prop_assert_eq!(scanned(&json), reference(&json), "{}", json);
        }
    }
}
