//! Decoding JSON into typed structs, with errors that name the path of the field at fault
//! (`items[0].created_by.id`) and never the offending value: a misplaced value may be a secret or
//! an e-mail address.
//!
//! Two decoders with the same errors: this module's, over a parsed `&serde_json::Value` (the
//! caller's input, which arrives as a `Value`), and [`text`]'s, straight from JSON text (the API's
//! answers, which may be long: no tree of values is built). Both carry the path themselves
//! instead of a wrapper around `serde_json`'s (`serde_path_to_error` doubled every type's decoding
//! code in the wasm module). This one follows `serde_json`'s own `&Value` deserializer.

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

mod error;

/// Deserializer methods that do what method `$to` does with the same visitor, ignoring their
/// other arguments, listed in parentheses after the name where there are any. Defined before the
/// modules, as both decoders use it.
macro_rules! forward {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?)* => $to:ident) => {
        $(fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value, DeError> {
            self.$to(visitor)
        })*
    };
}

/// `VariantAccess` methods for the variant forms no input or answer has: a tuple or struct variant.
macro_rules! refuse_tuple_and_struct_variants {
    () => {
        fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, DeError> {
            Err(unsupported_variant("tuple variant"))
        }

        fn struct_variant<V: Visitor<'de>>(
            self,
            _fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, DeError> {
            Err(unsupported_variant("struct variant"))
        }
    };
}

pub(crate) mod shape;
pub(crate) mod text;
mod text_read;
mod text_scalars;
pub use error::DeError;
use error::Segment;

/// Decodes `value` into `T`.
pub fn from_value<'de, T: Deserialize<'de>>(value: &'de Value) -> Result<T, DeError> {
    T::deserialize(ValueDe(value))
}

/// A deserializer over one borrowed JSON value.
struct ValueDe<'de>(&'de Value);

/// `value` is not one of an enum's `variants`.
#[cold]
fn not_one_of(value: &Value, variants: &[&str]) -> DeError {
    not_one_of_names(value.is_null(), variants)
}

/// A value (`null` when `null`) is not one of an enum's `variants`.
#[cold]
#[inline(never)]
fn not_one_of_names(null: bool, variants: &[&str]) -> DeError {
    let allowed = error::one_of(variants);
    DeError::new(if null {
        format!("is required: give {allowed}")
    } else {
        format!("must be {allowed}")
    })
}

/// `value` is not of the type `exp` describes (a null reads as a missing value).
#[cold]
fn wrong_type(value: &Value, exp: &dyn de::Expected) -> DeError {
    wrong_kind(value.is_null(), exp)
}

/// A value (`null` when `null`) is not of the type `exp` describes.
#[cold]
#[inline(never)]
fn wrong_kind(null: bool, exp: &dyn de::Expected) -> DeError {
    let unexpected = if null {
        de::Unexpected::Unit
    } else {
        de::Unexpected::Other("")
    };
    de::Error::invalid_type(unexpected, exp)
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
            _ => Err(wrong_type(self.0, &visitor)),
        }
    }
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

    forward!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 => number);
    forward!(deserialize_char deserialize_string deserialize_identifier => deserialize_str);
    forward!(deserialize_byte_buf => deserialize_bytes);

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
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
                    _ => Err(not_one_of(self.0, variants)),
                }
            }
            other => Err(not_one_of(other, variants)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(*b),
            _ => Err(wrong_type(self.0, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            _ => Err(wrong_type(self.0, &visitor)),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Array(items) => visit_array(items, visitor),
            _ => self.deserialize_str(visitor),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            _ => Err(wrong_type(self.0, &visitor)),
        }
    }

    forward!(deserialize_unit_struct(_name: &'static str) => deserialize_unit);

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Array(items) => visit_array(items, visitor),
            _ => Err(wrong_type(self.0, &visitor)),
        }
    }

    forward!(deserialize_tuple(_len: usize) deserialize_tuple_struct(_name: &'static str, _len: usize) => deserialize_seq);

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Object(map) => visit_object(map, visitor),
            _ => Err(wrong_type(self.0, &visitor)),
        }
    }

    // A struct only from an object: serde would also take an array of the fields' values in
    // order, which no spec allows, and that path cost every struct a second decoder.
    forward!(deserialize_struct(_name: &'static str, _fields: &'static [&'static str]) => deserialize_map);

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

// The steps that do not depend on the field's type, out of line: inlined, they were repeated in
// every struct's decoder.
impl<'de> Entries<'de> {
    #[inline(never)]
    fn advance(&mut self) -> Option<&'de str> {
        let (key, value) = self.iter.next()?;
        self.remaining -= 1;
        self.value = Some((key, value));
        Some(key)
    }

    #[inline(never)]
    fn take_value(&mut self) -> Result<(&'de str, &'de Value), DeError> {
        self.value.take().ok_or_else(|| de::Error::custom("value is missing"))
    }
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some(key) = self.advance() else {
            return Ok(None);
        };
        let key_de: de::value::BorrowedStrDeserializer<'de, DeError> = de::value::BorrowedStrDeserializer::new(key);
        seed.deserialize(key_de).map(Some).map_err(|e| e.at_key(key))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        let (key, value) = self.take_value()?;
        seed.deserialize(ValueDe(value)).map_err(|e| e.at_key(key))
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
            None => Err(unsupported_variant("newtype variant")),
        }
    }

    refuse_tuple_and_struct_variants!();
}

/// An enum's variant in a form neither decoder takes: a tuple or struct variant (no input or
/// answer has one), or a variant with data given as its name alone.
#[cold]
fn unsupported_variant(form: &'static str) -> DeError {
    de::Error::invalid_type(de::Unexpected::Other(""), &form)
}

#[cfg(test)]
#[path = "../../../tests/unit/de.rs"]
mod tests;
