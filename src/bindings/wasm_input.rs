//! Decoding JavaScript arguments into typed inputs, with errors that name the field at fault.
//! Unknown fields are refused too (serde-wasm-bindgen reads only the fields a struct names, so
//! `deny_unknown_fields` alone would not see them).

use crate::Error;
use serde::de::{self, DeserializeOwned, Visitor};
use serde::forward_to_deserialize_any;
use wasm_bindgen::{JsCast, JsValue};

/// Decodes a JS object into `T`; the error names the field at fault (`what` for the whole value).
pub fn input<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, Error> {
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(Error::field(what, "must be an object"));
    }
    let allowed = struct_fields::<T>();
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            let shown: String = key.chars().take(40).collect();
            return Err(Error::field(
                &shown,
                format!("unknown field; expected one of: {}", allowed.join(", ")),
            ));
        }
    }
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { what.to_string() } else { path };
        let reason: String = e.inner().to_string().chars().take(200).collect();
        Error::field(&field, reason)
    })
}

/// A positive integer key ID from a JS number (no strings, fractions, NaN or unsafe integers).
pub fn key_id(field: &str, value: &JsValue) -> Result<i64, Error> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (1.0..=9_007_199_254_740_991.0).contains(&n) => Ok(n as i64),
        _ => Err(Error::field(field, "must be a positive integer API key ID")),
    }
}

/// The field names a struct's `Deserialize` asks for, captured from `deserialize_struct`.
fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldCapture(&mut fields));
    fields
}

struct FieldCapture<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Captured;

impl std::fmt::Display for Captured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("captured")
    }
}

impl std::error::Error for Captured {}

impl de::Error for Captured {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Captured
    }
}

impl<'de> de::Deserializer<'de> for FieldCapture<'_> {
    type Error = Captured;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Captured> {
        Err(Captured)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Captured> {
        *self.0 = fields;
        Err(Captured)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}
