//! An answer checked against its type and kept as the API sent it: the typed value for Rust
//! callers, and the API's JSON, every field included (those this library does not know yet too),
//! for the bindings to hand on untouched.

use serde::{Serialize, Serializer};
use serde_json::Value;
use std::ops::Deref;

/// A result the API returned: read it as `T` (through `Deref`), serialize it as the API's own
/// JSON, unknown fields included.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked<T> {
    typed: T,
    raw: Value,
}

impl<T> Checked<T> {
    pub(crate) fn new(typed: T, raw: Value) -> Checked<T> {
        Checked { typed, raw }
    }

    /// The typed value.
    pub fn into_inner(self) -> T {
        self.typed
    }

    /// The answer as the API sent it.
    pub fn raw(&self) -> &Value {
        &self.raw
    }

    /// The part of the answer under `key`, typed by `part` (e.g. the list inside
    /// `{"domains": [...]}`).
    pub(crate) fn field<U>(mut self, key: &str, part: impl FnOnce(T) -> U) -> Checked<U> {
        let raw = self.raw.get_mut(key).map(Value::take).unwrap_or(Value::Null);
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
        let raw = self.raw.get(index).cloned().unwrap_or(Value::Null);
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
