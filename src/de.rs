//! Decoding a parsed JSON value into a typed struct, with errors that name the path of the field
//! at fault (`items[0].created_by.id`).
//!
//! One small deserializer over `&serde_json::Value` serves both the caller's input and the API's
//! answers, instead of a path-tracking wrapper around each (`serde_path_to_error` doubled every
//! type's decoding code in the wasm module). It follows `serde_json`'s own `&Value` deserializer,
//! and its errors never contain the offending value: a misplaced value may be a secret or an
//! e-mail address.

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;

/// Why a value could not be decoded, and where.
#[derive(Debug)]
pub struct DeError(Box<Inner>);

#[derive(Debug)]
struct Inner {
    message: String,
    /// Innermost segment first (segments are added as the error travels outwards).
    path: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

impl DeError {
    /// What is wrong, without the value.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Where: keys joined by `.`, indexes as `[i]`; `None` for the decoded value itself.
    pub fn path(&self) -> Option<String> {
        if self.0.path.is_empty() {
            return None;
        }
        let mut out = String::new();
        for (i, segment) in self.0.path.iter().rev().enumerate() {
            match segment {
                Segment::Key(key) => {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Index(index) => {
                    out.push('[');
                    out.push_str(&index.to_string());
                    out.push(']');
                }
            }
        }
        Some(out)
    }

    #[cold]
    #[inline(never)]
    fn at(mut self, segment: Segment) -> DeError {
        self.0.path.push(segment);
        self
    }

    #[cold]
    #[inline(never)]
    fn at_key(self, key: &str) -> DeError {
        self.at(Segment::Key(key.to_string()))
    }

    #[inline(never)]
    fn new(message: String) -> DeError {
        DeError(Box::new(Inner {
            message,
            path: Vec::new(),
        }))
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    #[cold]
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(msg.to_string())
    }

    // serde's messages without the offending value (`invalid type: string "…", expected u32` →
    // `invalid type, expected u32`).
    #[cold]
    fn invalid_type(_: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(format!("invalid type, expected {exp}"))
    }

    #[cold]
    fn invalid_value(_: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(format!("invalid value, expected {exp}"))
    }

    #[cold]
    fn invalid_length(_: usize, exp: &dyn de::Expected) -> Self {
        DeError::new(format!("invalid length, expected {exp}"))
    }
}

/// Decodes `value` into `T`.
pub fn from_value<'de, T: Deserialize<'de>>(value: &'de Value) -> Result<T, DeError> {
    T::deserialize(ValueDe(value))
}

/// A deserializer over one borrowed JSON value.
struct ValueDe<'de>(&'de Value);

#[cold]
fn wrong_type(exp: &dyn de::Expected) -> DeError {
    de::Error::invalid_type(de::Unexpected::Other(""), exp)
}

fn visit_array<'de, V: Visitor<'de>>(items: &'de [Value], visitor: V) -> Result<V::Value, DeError> {
    let mut seq = Items { items, next: 0 };
    let out = visitor.visit_seq(&mut seq)?;
    if seq.next == items.len() {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(items.len(), &"fewer elements in array"))
    }
}

fn visit_object<'de, V: Visitor<'de>>(map: &'de Map<String, Value>, visitor: V) -> Result<V::Value, DeError> {
    let mut entries = Entries {
        iter: map.iter(),
        value: None,
        remaining: map.len(),
    };
    let out = visitor.visit_map(&mut entries)?;
    if entries.remaining == 0 {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(map.len(), &"fewer elements in map"))
    }
}

impl<'de> ValueDe<'de> {
    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or_default())
                }
            }
            _ => Err(wrong_type(&visitor)),
        }
    }
}

macro_rules! numbers {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.number(visitor)
        })*
    };
}

impl<'de> Deserializer<'de> for ValueDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(_) => self.number(visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visit_array(items, visitor),
            Value::Object(map) => visit_object(map, visitor),
        }
    }

    numbers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64);

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.0 {
            Value::String(variant) => visitor.visit_enum(Variant {
                name: variant,
                value: None,
            }),
            Value::Object(map) => {
                let mut iter = map.iter();
                match (iter.next(), iter.next()) {
                    (Some((name, value)), None) => visitor.visit_enum(Variant {
                        name,
                        value: Some(value),
                    }),
                    _ => Err(de::Error::invalid_value(de::Unexpected::Map, &"map with a single key")),
                }
            }
            _ => Err(wrong_type(&"string or map")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(*b),
            _ => Err(wrong_type(&visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            _ => Err(wrong_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visit_array(items, visitor),
            _ => Err(wrong_type(&visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            _ => Err(wrong_type(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Array(items) => visit_array(items, visitor),
            _ => Err(wrong_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Object(map) => visit_object(map, visitor),
            _ => Err(wrong_type(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // Only an object: serde would also take an array of the fields' values in order, which no
        // spec allows, and that path cost every struct a second decoder.
        match self.0 {
            Value::Object(map) => visit_object(map, visitor),
            _ => Err(wrong_type(&visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// The elements of an array; an error inside one is placed at its index.
struct Items<'de> {
    items: &'de [Value],
    next: usize,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        let Some(item) = self.items.get(self.next) else {
            return Ok(None);
        };
        let index = self.next;
        self.next += 1;
        seed.deserialize(ValueDe(item))
            .map(Some)
            .map_err(|e| e.at(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

/// The entries of an object; an error in a key (an unknown field) or in its value is placed at
/// that key.
struct Entries<'de> {
    iter: serde_json::map::Iter<'de>,
    value: Option<(&'de str, &'de Value)>,
    remaining: usize,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        self.remaining -= 1;
        self.value = Some((key, value));
        let key_de: de::value::BorrowedStrDeserializer<'de, DeError> = de::value::BorrowedStrDeserializer::new(key);
        seed.deserialize(key_de).map(Some).map_err(|e| e.at_key(key))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        match self.value.take() {
            Some((key, value)) => seed.deserialize(ValueDe(value)).map_err(|e| e.at_key(key)),
            None => Err(de::Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.remaining)
    }
}

/// An enum given as its variant's name, or as an object with that one key.
struct Variant<'de> {
    name: &'de str,
    value: Option<&'de Value>,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let name: de::value::BorrowedStrDeserializer<'de, DeError> = de::value::BorrowedStrDeserializer::new(self.name);
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.value {
            Some(value) => <()>::deserialize(ValueDe(value)).map_err(|e| e.at_key(self.name)),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        match self.value {
            Some(value) => seed.deserialize(ValueDe(value)).map_err(|e| e.at_key(self.name)),
            None => Err(wrong_type(&"newtype variant")),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, DeError> {
        Err(wrong_type(&"tuple variant"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, DeError> {
        Err(wrong_type(&"struct variant"))
    }
}

#[cfg(test)]
mod tests {
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
        assert!(message.starts_with("invalid type, expected struct Inner"), "{message}");
    }

    #[test]
    fn errors_name_the_path_and_never_the_value() {
        let (path, message) = err(json!({"items": [{"id": "a"}, {"id": 12345}], "kind": "shared"}));
        assert_eq!(
            (path.as_str(), message.as_str()),
            ("items[1].id", "invalid type, expected a string")
        );
        let (path, message) = err(json!({"items": [{"id": "a", "n": 1.5}], "kind": "shared"}));
        assert_eq!(
            (path.as_str(), message.as_str()),
            ("items[0].n", "invalid type, expected u32")
        );
        let (path, message) = err(json!({"items": [{"id": "a", "n": -1}], "kind": "shared"}));
        assert_eq!(
            (path.as_str(), message.as_str()),
            ("items[0].n", "invalid value, expected u32")
        );
        let (path, message) = err(json!({"items": [{"id": "a", "secret": 1}], "kind": "shared"}));
        assert_eq!(path, "items[0].secret");
        assert!(message.starts_with("unknown field `secret`"), "{message}");
        let (path, message) = err(json!({"items": [], "kind": "other"}));
        assert_eq!(path, "kind");
        assert!(message.starts_with("unknown variant"), "{message}");
        let (path, message) = err(json!({"items": []}));
        assert_eq!((path.as_str(), message.as_str()), (".", "missing field `kind`"));
        let (path, message) = err(json!("x"));
        assert_eq!(path, ".");
        assert!(message.starts_with("invalid type, expected"), "{message}");
    }
}
