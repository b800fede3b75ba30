//! An answer checked against its type and kept as the API sent it: the typed value for Rust
//! callers, and the API's JSON, every field included (those this library does not know yet too),
//! for the bindings to hand on untouched.

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;
use std::ops::Deref;

/// A result the API returned: read it as `T` (through `Deref`), serialize it as the API's own
/// JSON, unknown fields included.
#[derive(Debug, Clone)]
pub struct Checked<T> {
    typed: T,
    /// The JSON text as received: handed on without being decoded and encoded again.
    raw: Box<RawValue>,
}

impl<T: PartialEq> PartialEq for Checked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.typed == other.typed && self.raw.get() == other.raw.get()
    }
}

impl<T> Checked<T> {
    pub(crate) fn new(typed: T, raw: Box<RawValue>) -> Checked<T> {
        Checked { typed, raw }
    }

    /// A value this library made itself (not read from an answer), with `raw` as its JSON.
    pub(crate) fn from_value(typed: T, raw: &Value) -> Checked<T> {
        Checked {
            typed,
            raw: to_raw(raw),
        }
    }

    /// The typed value.
    pub fn into_inner(self) -> T {
        self.typed
    }

    /// The answer as the API sent it, parsed.
    pub fn raw(&self) -> Value {
        serde_json::from_str(self.raw.get()).unwrap_or(Value::Null)
    }

    /// The answer as the API sent it: JSON text.
    pub fn raw_json(&self) -> &str {
        self.raw.get()
    }

    /// The part of the answer under `key`, typed by `part` (e.g. the list inside
    /// `{"domains": [...]}`).
    pub(crate) fn field<U>(self, key: &str, part: impl FnOnce(T) -> U) -> Checked<U> {
        let fields: Option<BTreeMap<String, &RawValue>> = serde_json::from_str(self.raw.get()).ok();
        let raw = fields
            .and_then(|f| f.get(key).map(|r| (*r).to_owned()))
            .unwrap_or_else(null);
        Checked {
            typed: part(self.typed),
            raw,
        }
    }
}

impl<T> Checked<Option<T>> {
    /// `None` when the answer held nothing typed, else the value with its JSON.
    pub(crate) fn transpose(self) -> Option<Checked<T>> {
        let raw = self.raw;
        self.typed.map(|typed| Checked { typed, raw })
    }
}

impl<T> Checked<Vec<T>> {
    /// The first item that `wanted` accepts, with its JSON.
    pub(crate) fn find(self, wanted: impl Fn(&T) -> bool) -> Option<Checked<T>> {
        let index = self.typed.iter().position(wanted)?;
        let items: Option<Vec<&RawValue>> = serde_json::from_str(self.raw.get()).ok();
        let raw = items
            .and_then(|i| i.get(index).map(|r| (*r).to_owned()))
            .unwrap_or_else(null);
        self.typed.into_iter().nth(index).map(|typed| Checked { typed, raw })
    }
}

impl<T> Deref for Checked<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.typed
    }
}

impl<T> Serialize for Checked<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

/// `value` as JSON text.
pub(crate) fn to_raw(value: &Value) -> Box<RawValue> {
    serde_json::value::to_raw_value(value).unwrap_or_else(|_| null())
}

fn null() -> Box<RawValue> {
    RawValue::from_string("null".into()).expect("null is JSON")
}
