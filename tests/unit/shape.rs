//! Unit tests of `crate::json::de::shape`: the generated shapes are those the types' decoders read
//! now, and a walk over a shape accepts a text exactly when the typed decoder does.

use super::*;
use crate::json::de::text::from_text;
use crate::resources::api_keys::ApiKey;
use proptest::prelude::*;
use serde::de::DeserializeOwned;

#[path = "shape_tracer.rs"]
mod tracer;

use tracer::{source, trace, Traced};

/// The types with a generated shape: the answers the bindings hand on as sent. A type whose decoder
/// reads a string and then refuses some strings (a format check of its own) would be traced as any
/// string, and the property test below would find the difference only by chance: register types
/// whose strings are plain `String`s.
fn registry() -> Vec<(&'static str, Traced)> {
    vec![("Vec<crate::resources::api_keys::ApiKey>", trace::<Vec<ApiKey>>())]
}

const GENERATED: &str = "src/json/answer_shapes.generated.rs";

#[test]
fn shapes_file_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GENERATED);
    let fresh = source(&registry());
    if std::env::var_os("NEON_ADMIN_WRITE_SHAPES").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == fresh,
        "{GENERATED} is out of date with the types: run NEON_ADMIN_WRITE_SHAPES=1 cargo test --lib shapes_file_is_current"
    );
}

#[test]
fn the_key_list_traces_to_its_fields() {
    let Traced::Array(item) = trace::<Vec<ApiKey>>() else {
        panic!("a list");
    };
    let Traced::Object("ApiKey", fields, false) = *item else {
        panic!("an open object: {item:?}");
    };
    let named: Vec<_> = fields.iter().map(|(name, _, required)| (*name, *required)).collect();
    assert_eq!(
        named,
        [
            ("id", true),
            ("name", true),
            ("created_at", true),
            ("created_by", true),
            // An Option is read as None when absent; `project_id` has `#[serde(default)]` too.
            ("last_used_at", false),
            ("last_used_from_addr", true),
            ("project_id", false),
        ]
    );
    assert_eq!(fields[0].1, Traced::Int(i64::MIN, i64::MAX as u64));
    assert_eq!(fields[4].1, Traced::Nullable(Box::new(Traced::Str)));
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Closed {
    small: u8,
    #[serde(default)]
    on: bool,
    kind: Option<Kind>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Standard,
    Shared,
}

#[test]
fn a_closed_struct_its_defaults_and_enums_are_traced() {
    let Traced::Object("Closed", fields, true) = trace::<Closed>() else {
        panic!("a closed object");
    };
    assert_eq!(fields[0], ("small", Traced::Int(0, 255), true));
    assert_eq!(fields[1], ("on", Traced::Bool, false));
    assert_eq!(
        fields[2],
        (
            "kind",
            Traced::Nullable(Box::new(Traced::Name(&["standard", "shared"]))),
            false
        )
    );
}

#[test]
#[should_panic(expected = "cannot be traced")]
fn a_type_read_as_any_json_is_not_traced() {
    trace::<serde_json::Value>();
}

/// A value for `shape` as JSON text: mostly of the shape, sometimes not (another kind, a number
/// out of range or with a fraction, a field left out, given twice or unknown).
fn near(shape: &'static Shape) -> BoxedStrategy<String> {
    let of_shape = match shape {
        Shape::Str => prop_oneof![
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
            Just(r#""a\"b\\c\u00e9""#.to_string()),
        ]
        .boxed(),
        Shape::Int { min, max } => prop_oneof![
            Just(min.to_string()),
            Just(max.to_string()),
            Just((*min as i128 - 1).to_string()),
            Just((*max as i128 + 1).to_string()),
            prop_oneof![
                Just("0"),
                Just("-0"),
                Just("7"),
                Just("-7"),
                Just("1.0"),
                Just("1e2"),
                Just("2.5")
            ]
            .prop_map(String::from),
        ]
        .boxed(),
        Shape::Nullable(inner) => prop_oneof![1 => Just("null".to_string()), 3 => near(inner)].boxed(),
        Shape::Array(item) => prop::collection::vec(near(item), 0..4)
            .prop_map(|items| format!("[{}]", items.join(",")))
            .boxed(),
        Shape::Object { fields, .. } => object(fields),
    };
    prop_oneof![9 => of_shape, 1 => other()].boxed()
}

/// An object with each field mostly given (a required one more often), maybe an unknown key, maybe
/// a field twice, in any order.
fn object(fields: &'static [Field]) -> BoxedStrategy<String> {
    let members: Vec<BoxedStrategy<Option<String>>> = fields
        .iter()
        .map(|f| {
            let given = if f.required { 0.9 } else { 0.6 };
            prop::option::weighted(given, near(f.shape).prop_map(move |v| format!("\"{}\":{v}", f.name))).boxed()
        })
        .collect();
    let extra = prop::option::weighted(0.2, other().prop_map(|v| format!("\"unknown\":{v}")));
    (members, extra, any::<bool>())
        .prop_flat_map(|(members, extra, twice)| {
            let mut members: Vec<String> = members.into_iter().flatten().collect();
            if twice && !members.is_empty() {
                members.push(members[0].clone());
            }
            members.extend(extra);
            Just(members).prop_shuffle()
        })
        .prop_map(|members| format!("{{{}}}", members.join(",")))
        .boxed()
}

/// A value of no particular shape.
fn other() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "null",
        "true",
        "3",
        "-4",
        "0.5",
        "\"s\"",
        "[]",
        "{}",
        "[1,\"a\"]",
        "{\"a\":null}",
    ])
    .prop_map(String::from)
}

/// Whether the walk over `shape` and `T`'s decoder agree on `text`.
fn agree<T: DeserializeOwned>(text: &str, shape: &Shape) -> Result<(), TestCaseError> {
    let typed = from_text::<T>(text).is_ok();
    prop_assert_eq!(conforms(text, shape), typed, "{}", text);
    Ok(())
}

/// `traced` as a `Shape` for the rest of the test run, as the generated file would write it.
fn leak(traced: &Traced) -> &'static Shape {
    Box::leak(Box::new(match traced {
        Traced::Str => Shape::Str,
        Traced::Int(min, max) => Shape::Int { min: *min, max: *max },
        Traced::Nullable(inner) => Shape::Nullable(leak(inner)),
        Traced::Array(item) => Shape::Array(leak(item)),
        Traced::Object(_, fields, closed) => Shape::Object {
            fields: fields
                .iter()
                .map(|(name, shape, required)| Field {
                    name,
                    shape: leak(shape),
                    required: *required,
                })
                .collect::<Vec<_>>()
                .leak(),
            closed: *closed,
        },
        other => panic!("not a shape the walk reads: {other:?}"),
    }))
}

/// Every shape the walk reads: narrow integers, a default, a closed object, an optional one.
#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Sample {
    small: u8,
    negative: i16,
    #[serde(default)]
    text: String,
    items: Vec<Item>,
    item: Option<Item>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    id: u64,
    label: Option<String>,
}

fn sample_shape() -> &'static Shape {
    static SHAPE: std::sync::OnceLock<&'static Shape> = std::sync::OnceLock::new();
    SHAPE.get_or_init(|| leak(&trace::<Sample>()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    /// A key list near its shape is accepted by the walk exactly when the typed decoder accepts it.
    #[test]
    fn the_walk_accepts_a_key_list_as_the_typed_decoder_does(text in near(<Vec<ApiKey>>::SHAPE)) {
        agree::<Vec<ApiKey>>(&text, <Vec<ApiKey>>::SHAPE)?;
    }

    /// The same over every shape the walk reads.
    #[test]
    fn the_walk_accepts_every_shape_as_the_typed_decoder_does(text in near(sample_shape())) {
        agree::<Sample>(&text, sample_shape())?;
    }
}
