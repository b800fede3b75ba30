//! Decoding an answer straight from its JSON text into a typed value, in one pass, with errors
//! that name the path of the field at fault (as [`super::from_value`]'s do) and never the value.
//!
//! It skips the tree of values that decoding through a `Value` builds first: on wasm, a 2,000-key
//! list decoded in about 1.8x raw `fetch`'s time instead of 3.1x (measured). Written here rather
//! than taken from `serde_json`, whose own text decoder, built once per result type, made the
//! wasm module 17.5 kB gzip larger than decoding through a `Value`; this one adds 6.7 kB (both
//! measured): in the wasm build every step that reads the text is one out-of-line function, and
//! the generic parts only hand what it read to the visitor.

use super::error::{DeError, Segment};
use super::text_read::{Kind, TextDe};
use super::text_scalars::Number;
use super::{not_one_of_names, unsupported_variant, wrong_kind};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde::Deserialize;

/// Why a text was refused.
#[derive(Debug)]
pub enum Refused {
    /// Not JSON at all: the kind of fault, with the line and column.
    NotJson(String),
    /// JSON, but not of the type: the field at fault and what it must be.
    Data(DeError),
}

/// Decodes `text` as `T`. An object that gives a field twice is refused, naming it: JSON leaves
/// such an object's meaning open, and the API never sends one.
#[inline]
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, Refused> {
    let mut de = TextDe::new(text);
    let e = match T::deserialize(&mut de) {
        Ok(value) => match de.end() {
            Ok(()) => return Ok(value),
            Err(e) => e,
        },
        Err(e) => e,
    };
    Err(refused(&mut de, e))
}

/// Parses `text` as a JSON value; `None` when it is not JSON (or not UTF-8). Every `Value` the
/// crate reads from text is read here rather than by `serde_json`'s own parser, which made the
/// wasm module 2.9 kB gzip larger beside this decoder (measured).
pub fn value(text: &[u8]) -> Option<serde_json::Value> {
    from_text(std::str::from_utf8(text).ok()?).ok()
}

/// The error for text that did not decode: where it stops being JSON, if it does (the whole text
/// is checked when a value of the wrong type stopped the decoding first), else the field at fault.
#[cold]
#[inline(never)]
fn refused(de: &mut TextDe<'_>, e: DeError) -> Refused {
    if de.broken.is_none() {
        de.at = 0;
        de.depth = 0;
        if de.skip().is_ok() {
            let _ = de.end();
        }
    }
    let Some((at, eof)) = de.broken else {
        return Refused::Data(e);
    };
    let before = &de.bytes()[..at.min(de.bytes().len())];
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    let column = before.iter().rev().take_while(|b| **b != b'\n').count();
    let kind = if eof { "Eof" } else { "Syntax" };
    Refused::NotJson(format!("{kind} error at line {line} column {column}"))
}

/// The error for a value of kind `kind` where `exp` was wanted: the text's own fault when it is
/// not a value at all.
#[cold]
#[inline(never)]
fn wrong(kind: Result<Kind, DeError>, exp: &dyn de::Expected) -> DeError {
    match kind {
        Ok(kind) => wrong_kind(kind == Kind::Null, exp),
        Err(e) => e,
    }
}

/// Reads a number and hands it to `visitor` as the narrowest of `u64`, `i64` and `f64`.
fn visit_number<'de, V: Visitor<'de>>(de: &mut TextDe<'_>, visitor: V) -> Result<V::Value, DeError> {
    match de.number()? {
        Number::Unsigned(n) => visitor.visit_u64(n),
        Number::Signed(n) => visitor.visit_i64(n),
        Number::Float(n) => visitor.visit_f64(n),
    }
}

impl<'de> Deserializer<'de> for &mut TextDe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.kind()? {
            Kind::Null => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            Kind::Bool => visitor.visit_bool(self.boolean()?),
            Kind::Number => visit_number(self, visitor),
            Kind::String => visitor.visit_str(self.string()?),
            Kind::Array => self.deserialize_seq(visitor),
            Kind::Object => self.deserialize_map(visitor),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.kind() {
            Ok(Kind::Number) => visit_number(self, visitor),
            other => Err(wrong(other, &visitor)),
        }
    }

    forward!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 => deserialize_f64);
    forward!(deserialize_char deserialize_string deserialize_identifier => deserialize_str);
    forward!(deserialize_byte_buf => deserialize_bytes);

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.null()? {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.kind() {
            Ok(Kind::String) => visitor.visit_enum(Variant { de: self, key: None }),
            Ok(Kind::Object) => {
                self.open()?;
                self.space();
                let key = self.at;
                if self.peek() != b'"' {
                    return Err(not_one_of_names(false, variants));
                }
                let value = visitor.visit_enum(Variant {
                    de: self,
                    key: Some(key),
                })?;
                if self.eat(b'}') {
                    self.depth -= 1;
                    Ok(value)
                } else if self.eat(b',') {
                    // More than one key: not the one-key object a variant with data is written as.
                    Err(not_one_of_names(false, variants))
                } else {
                    Err(self.syntax())
                }
            }
            Ok(kind) => Err(not_one_of_names(kind == Kind::Null, variants)),
            Err(e) => Err(e),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.kind() {
            Ok(Kind::Bool) => visitor.visit_bool(self.boolean()?),
            other => Err(wrong(other, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.kind() {
            Ok(Kind::String) => visitor.visit_str(self.string()?),
            other => Err(wrong(other, &visitor)),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.kind() {
            Ok(Kind::Array) => self.deserialize_seq(visitor),
            _ => self.deserialize_str(visitor),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.kind() {
            Ok(Kind::Null) => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            other => Err(wrong(other, &visitor)),
        }
    }

    forward!(deserialize_unit_struct(_name: &'static str) => deserialize_unit);

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.kind() {
            Ok(Kind::Array) => {
                self.open()?;
                let value = visitor.visit_seq(Items { de: self, next: 0 })?;
                self.close(b']', "fewer elements in array")?;
                Ok(value)
            }
            other => Err(wrong(other, &visitor)),
        }
    }

    forward!(deserialize_tuple(_len: usize) deserialize_tuple_struct(_name: &'static str, _len: usize) => deserialize_seq);

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.kind() {
            Ok(Kind::Object) => {
                self.open()?;
                let value = visitor.visit_map(Entries {
                    de: self,
                    first: true,
                    key: 0,
                })?;
                self.close(b'}', "fewer elements in map")?;
                Ok(value)
            }
            other => Err(wrong(other, &visitor)),
        }
    }

    // A struct only from an object: serde would also take an array of the fields' values in
    // order, which no spec allows, and that path cost every struct a second decoder.
    forward!(deserialize_struct(_name: &'static str, _fields: &'static [&'static str]) => deserialize_map);

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.skip()?;
        visitor.visit_unit()
    }
}

/// The elements of an array; an error inside one is placed at its index.
struct Items<'a, 't> {
    de: &'a mut TextDe<'t>,
    next: usize,
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        if !self.de.element(self.next)? {
            return Ok(None);
        }
        let index = self.next;
        self.next += 1;
        seed.deserialize(&mut *self.de)
            .map(Some)
            .map_err(|e| e.at(Segment::Index(index)))
    }
}

/// The entries of an object; an error in a key (an unknown field) or in its value is placed at
/// that key.
struct Entries<'a, 't> {
    de: &'a mut TextDe<'t>,
    first: bool,
    /// Where the current key's string starts.
    key: usize,
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some((at, key)) = self.de.next_key(std::mem::take(&mut self.first))? else {
            return Ok(None);
        };
        self.key = at;
        let key: de::value::StrDeserializer<'_, DeError> = de::value::StrDeserializer::new(key);
        seed.deserialize(key).map(Some).map_err(|e| self.de.at_key(e, at))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(&mut *self.de).map_err(|e| self.de.at_key(e, self.key))
    }
}

/// An enum given as its variant's name, or as an object with that one key (`key`: where it
/// starts).
struct Variant<'a, 't> {
    de: &'a mut TextDe<'t>,
    key: Option<usize>,
}

impl<'de> EnumAccess<'de> for Variant<'_, '_> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let name = self.de.string()?;
        let name: de::value::StrDeserializer<'_, DeError> = de::value::StrDeserializer::new(name);
        let value = seed.deserialize(name)?;
        if self.key.is_some() {
            self.de.expect(b':')?;
        }
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'_, '_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.key {
            Some(at) => <()>::deserialize(&mut *self.de).map_err(|e| self.de.at_key(e, at)),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        match self.key {
            Some(at) => seed.deserialize(&mut *self.de).map_err(|e| self.de.at_key(e, at)),
            None => Err(unsupported_variant("newtype variant")),
        }
    }

    refuse_tuple_and_struct_variants!();
}

#[cfg(test)]
#[path = "../../../tests/unit/text.rs"]
mod tests;
