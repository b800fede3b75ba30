//! An answer checked against its type and kept as the API sent it: the typed value for Rust
//! callers, and the API's JSON, every field included (those this library does not know yet too),
//! for the bindings to hand on untouched.

use serde::{Serialize, Serializer};
use serde_json::Value;
use std::borrow::Cow;
use std::ops::Deref;

/// A result the API returned: read it as `T` (through `Deref`), serialize it as the API's own
/// JSON, unknown fields included.
#[derive(Debug, Clone)]
pub struct Checked<T> {
    typed: T,
    /// The JSON text as received (always one whole JSON value: it was parsed before it was kept),
    /// handed on without being decoded and encoded again.
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
        crate::json::de::text::value(self.raw.as_bytes()).unwrap_or(Value::Null)
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

/// An answer checked against its type's shape (`crate::json::de::shape`) and kept as the API sent
/// it, with no typed value built: the result of an operation whose answer the bindings hand on as
/// sent, and that nothing reads in Rust.
pub(crate) struct Sent(pub(crate) Box<str>);

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
        SentJson(&*self.raw).serialize(serializer)
    }
}

/// JSON text already checked, written inside a larger result as it was sent: an object's members
/// and a list's items in their order, each scalar read and written again (`1.50` comes out as
/// `1.5`, which JavaScript reads the same).
///
/// serde_json's `RawValue` would copy the text whole, but its feature also builds serde_json's
/// whole parser (and core's float formatting, for its errors) into every `Value`'s decoding: the
/// wasm module was 17 kB gzip larger with it (measured). The cost of doing without: a number
/// written with more than 15 significant digits is read as serde_json reads it, which may be one
/// unit in the last place from JavaScript's reading (serde_json's exact reading, its
/// `float_roundtrip` feature, costs 8 kB gzip, measured).
pub(crate) struct SentJson<T>(pub T);

impl<T: AsRef<str>> Serialize for SentJson<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.0.as_ref().trim_matches(is_space);
        let parts = members(text).into_iter();
        match text.as_bytes().first() {
            Some(b'{') => {
                serializer.collect_map(parts.map(|(key, value)| (SentJson(key.unwrap_or_default()), SentJson(value))))
            }
            Some(b'[') => serializer.collect_seq(parts.map(|(_, item)| SentJson(item))),
            _ => match unquoted(text) {
                Some(string) => serializer.serialize_str(&string),
                // What JSON can hold but a `Value` cannot (a number past f64's range, which
                // JavaScript reads as an infinity JSON cannot write) is written as null rather
                // than failing the whole result, which may hold a secret shown once.
                None => crate::json::de::text::value(text.as_bytes())
                    .unwrap_or_default()
                    .serialize(serializer),
            },
        }
    }
}

/// JSON's whitespace.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
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
    unquoted(quoted).is_some_and(|s| s == key)
}

/// What the JSON text `text` says when it is a string (`None` for any other value): the text
/// between the quotes as it is when it has no escapes, else the string they decode to.
fn unquoted(text: &str) -> Option<Cow<'_, str>> {
    let plain = text.strip_prefix('"')?.strip_suffix('"')?;
    if !plain.contains('\\') {
        return Some(Cow::Borrowed(plain));
    }
    match crate::json::de::text::value(text.as_bytes()) {
        Some(Value::String(s)) => Some(Cow::Owned(s)),
        _ => None,
    }
}

/// The members of the object or array `json` (text already checked as JSON): each one's key as
/// it is written (quoted; `None` in an array) and its value's text. Found by a scan that minds only
/// strings and nesting.
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
