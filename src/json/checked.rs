//! An answer checked against its type and kept as the API sent it: the typed value for Rust
//! callers, and the API's JSON, every field included (those this library does not know yet too),
//! for the bindings to hand on untouched.

use serde::{ser::Error as _, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;
use std::ops::Deref;

/// A result the API returned: read it as `T` (through `Deref`), serialize it as the API's own
/// JSON, unknown fields included.
#[derive(Debug, Clone)]
pub struct Checked<T> {
    typed: T,
    /// The JSON text as received (always one whole JSON value: it was parsed before it was kept),
    /// handed on without being decoded and encoded again. Plain text rather than a `RawValue`,
    /// whose only constructor scans the text once more (about 0.4 ms per 2,000-key list on the
    /// native build, 1 ms on wasm).
    raw: Box<str>,
}

impl<T: PartialEq> PartialEq for Checked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.typed == other.typed && self.raw == other.raw
    }
}

impl<T> Checked<T> {
    /// `typed` and the text it was read from, which must be one whole JSON value.
    pub(crate) fn new(typed: T, raw: Box<str>) -> Checked<T> {
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
        serde_json::from_str(&self.raw).unwrap_or(Value::Null)
    }

    /// The answer as the API sent it: JSON text.
    pub fn raw_json(&self) -> &str {
        &self.raw
    }

    /// The answer as the API sent it, taken out as JSON text (not copied).
    pub fn into_raw_json(self) -> String {
        self.raw.into()
    }

    /// The part of the answer under `key`, typed by `part` (e.g. the list inside
    /// `{"domains": [...]}`).
    pub(crate) fn field<U>(self, key: &str, part: impl FnOnce(T) -> U) -> Checked<U> {
        let raw = members(&self.raw)
            .into_iter()
            .rev()
            .find(|(name, _)| name.is_some_and(|n| key_is(n, key)))
            .map_or_else(null, |(_, value)| value.into());
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
        let raw = members(&self.raw)
            .get(index)
            .map_or_else(null, |(_, value)| (*value).into());
        self.typed.into_iter().nth(index).map(|typed| Checked { typed, raw })
    }
}

impl<T> Deref for Checked<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.typed
    }
}

/// Written as the API sent it, inside a larger result (an operation's own result is handed on
/// whole, through [`Checked::into_raw_json`]).
impl<T> Serialize for Checked<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_json::from_str::<&RawValue>(&self.raw)
            .map_err(S::Error::custom)?
            .serialize(serializer)
    }
}

/// `value` as JSON text.
pub(crate) fn to_raw(value: &Value) -> Box<str> {
    serde_json::to_string(value).map_or_else(|_| null(), String::into_boxed_str)
}

fn null() -> Box<str> {
    "null".into()
}

/// Whether the JSON string `quoted` (with its quotes, as in the text) is `key`.
fn key_is(quoted: &str, key: &str) -> bool {
    match quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"')) {
        Some(plain) if !plain.contains('\\') => plain == key,
        _ => matches!(serde_json::from_str::<Value>(quoted), Ok(Value::String(s)) if s == key),
    }
}

/// The members of the object or array `json` (text already checked as JSON): each one's key as
/// it is written (quoted; `None` in an array) and its value's text. Found by a scan that minds only
/// strings and nesting, written here because it is smaller: a typed `serde_json` parse into a map
/// or list of `RawValue`s cost the wasm module 4.7 kB raw and 1.8 kB gzip more (measured).
fn members(json: &str) -> Vec<(Option<&str>, &str)> {
    let mut scan = Scan {
        text: json.as_bytes(),
        at: 0,
    };
    let mut out = Vec::new();
    scan.space();
    let object = match scan.peek() {
        Some(b'{') => true,
        Some(b'[') => false,
        _ => return out,
    };
    scan.at += 1;
    loop {
        scan.space();
        match scan.peek() {
            Some(b'}' | b']') | None => return out,
            Some(b',') => {
                scan.at += 1;
                continue;
            }
            _ => {}
        }
        let key = if object {
            let start = scan.at;
            scan.value();
            let key = json.get(start..scan.at);
            scan.space();
            scan.at += 1; // the `:`
            scan.space();
            key
        } else {
            None
        };
        let start = scan.at;
        scan.value();
        match json.get(start..scan.at) {
            Some(value) if scan.at > start => out.push((key, value)),
            _ => return out,
        }
    }
}

/// A position in JSON text.
struct Scan<'a> {
    text: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Moves past one value: a string, an object or array with all it holds, or a literal.
    fn value(&mut self) {
        match self.peek() {
            Some(b'"') => self.string(),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(byte) = self.peek() {
                    match byte {
                        b'"' => {
                            self.string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return;
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']' | b':' | b' ' | b'\t' | b'\n' | b'\r'))
                {
                    self.at += 1;
                }
            }
        }
    }

    /// Moves past a string, escapes included.
    fn string(&mut self) {
        self.at += 1;
        while let Some(byte) = self.peek() {
            self.at += if byte == b'\\' { 2 } else { 1 };
            if byte == b'"' {
                return;
            }
        }
    }
}

#[cfg(test)]
#[path = "../../tests/unit/checked.rs"]
mod tests;
