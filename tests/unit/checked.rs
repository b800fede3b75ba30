//! The member scan of `Checked::field` and `Checked::find` against serde_json's own parse of the
//! same text, on hand-picked tricky answers and on arbitrary JSON, compact and pretty.

use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// What serde_json makes of the members: by key (the last of a repeated key) or by index.
fn reference(json: &str) -> (BTreeMap<String, Value>, Vec<Value>) {
    let map: BTreeMap<String, Value> = serde_json::from_str(json).unwrap_or_default();
    let list: Vec<Value> = serde_json::from_str(json).unwrap_or_default();
    (map, list)
}

/// The same, from the scan: each member's text a whole value, with no space around it.
fn scanned(json: &str) -> (BTreeMap<String, Value>, Vec<Value>) {
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
                map.insert(key, parsed(value));
            }
            None => list.push(parsed(value)),
        }
    }
    (map, list)
}

fn parsed(member: &str) -> Value {
    assert_eq!(member, member.trim(), "a member's text has no space around it");
    serde_json::from_str(member).unwrap_or_else(|e| panic!("{member} is not one JSON value: {e}"))
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
    // Key order, spacing and an escape the API chose: whole, none of it changes on the way out;
    // inside another result, the keys keep their order and every value reads the same.
    let sent = r#"{ "z": 1, "a": "caf\u00e9", "n": 1.50, "l": [ true, null, "x\"y", {"b": -2, "a": 1e2} ] }"#;
    let inside = r#"{"z":1,"a":"café","n":1.5,"l":[true,null,"x\"y",{"b":-2,"a":100.0}]}"#;
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
    assert_eq!(page, format!(r#"{{"items":{inside},"count":2}}"#));
    let plain = Reply(vec![1, 2]).into_text().unwrap();
    assert_eq!(plain, "[1,2]");
}

#[test]
fn a_long_float_inside_a_result_is_read_as_serde_json_reads_it() {
    // 17 significant digits: serde_json's fast reading lands one unit in the last place below
    // the nearest double, which JavaScript's reading of the same text finds (see `SentJson`).
    let sent = "[-3.1013665501626765e-133]";
    let written = serde_json::to_string(&SentJson(sent)).unwrap();
    assert_eq!(written, "[-3.101366550162676e-133]");
    let theirs: Value = serde_json::from_str(sent).unwrap();
    assert_eq!(written, theirs.to_string());
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
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_json_splits_as_serde_json_splits_it(value in json_value()) {
        for json in [serde_json::to_string(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap()] {
            prop_assert_eq!(scanned(&json), reference(&json), "{}", json);
        }
    }

    /// Inside a larger result, any answer is written as serde_json writes the value it reads
    /// from the text (the keys are sorted here, so order kept and order sorted agree).
    #[test]
    fn any_json_inside_a_result_is_written_as_serde_json_reads_it(value in json_value()) {
        let compact = serde_json::to_string(&value).unwrap();
        let read = serde_json::to_string(&serde_json::from_str::<Value>(&compact).unwrap()).unwrap();
        for json in [compact, serde_json::to_string_pretty(&value).unwrap()] {
            prop_assert_eq!(serde_json::to_string(&SentJson(&*json)).unwrap(), read.clone());
        }
    }
}
