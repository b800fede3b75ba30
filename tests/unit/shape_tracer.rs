//! Traces a type's `Deserialize` into the [`Shape`](super::super::Shape) it reads, and writes the
//! generated shapes file. serde's derived decoders say a struct's field names and each field's
//! type only as they run, so the tracer runs them over made-up input: once to learn every field's
//! shape, then once per field with that field left out (refused: the field is required) and once
//! per struct with an unknown key added (refused: the struct is closed). What cannot be traced
//! this way (a decoder that takes any JSON and decides itself, a map, a tuple, a variant with
//! data, a `char`) fails the trace, so a type whose shape would be a guess is never generated.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use std::fmt::{self, Display, Write};

/// A shape as traced (the generated file writes it as a `Shape`).
#[derive(Clone, Debug, PartialEq)]
pub enum Traced {
    Str,
    Int(i64, u64),
    Float,
    Bool,
    Any,
    Nullable(Box<Traced>),
    Array(Box<Traced>),
    /// A struct's name, fields (name, shape, required) and whether unknown keys are refused.
    Object(&'static str, Vec<(&'static str, Traced, bool)>, bool),
    Name(&'static [&'static str]),
}

/// What one run changes in the input it makes up.
#[derive(Clone, Copy)]
enum Probe {
    Nothing,
    /// Leave out this field of this struct.
    Omit(&'static str, &'static str),
    /// Add an unknown key to this struct.
    Extra(&'static str),
}

/// A key no struct has.
const UNKNOWN_KEY: &str = "neon_admin_trace_unknown_key";

#[derive(Debug)]
pub struct TraceError(String);

impl Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TraceError {}

impl de::Error for TraceError {
    fn custom<T: Display>(message: T) -> Self {
        TraceError(message.to_string())
    }
}

fn untraceable<T>(what: &str) -> Result<T, TraceError> {
    Err(TraceError(format!("cannot be traced: {what}")))
}

/// The shape `T`'s decoder reads. Panics with the reason when it cannot be traced.
pub fn trace<T: DeserializeOwned>() -> Traced {
    let base = run::<T>(Probe::Nothing).unwrap_or_else(|e| panic!("{}: {e}", std::any::type_name::<T>()));
    complete::<T>(base)
}

fn run<T: DeserializeOwned>(probe: Probe) -> Result<Traced, TraceError> {
    let mut out = None;
    T::deserialize(Tracer { probe, out: &mut out })?;
    read(out, "the value")
}

/// What a run recorded in `slot`: nothing means the decoder read `what` without asking for a
/// value, which the walk could not check.
fn read(slot: Option<Traced>, what: &str) -> Result<Traced, TraceError> {
    slot.ok_or_else(|| TraceError(format!("nothing was read in {what}")))
}

/// `traced` with each struct's required fields and closedness found by the probing runs.
fn complete<T: DeserializeOwned>(traced: Traced) -> Traced {
    match traced {
        Traced::Nullable(inner) => Traced::Nullable(Box::new(complete::<T>(*inner))),
        Traced::Array(item) => Traced::Array(Box::new(complete::<T>(*item))),
        Traced::Object(name, fields, _) => {
            assert!(fields.len() <= 64, "{name}: the walk tracks at most 64 fields");
            let closed = run::<T>(Probe::Extra(name)).is_err();
            let fields = fields
                .into_iter()
                .map(|(field, shape, _)| {
                    let required = run::<T>(Probe::Omit(name, field)).is_err();
                    (field, complete::<T>(shape), required)
                })
                .collect();
            Traced::Object(name, fields, closed)
        }
        other => other,
    }
}

/// A deserializer that makes up a value of whatever it is asked for and records what that was.
struct Tracer<'a> {
    probe: Probe,
    out: &'a mut Option<Traced>,
}

macro_rules! integers {
    ($($method:ident $ty:ty => $visit:ident),*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
            *self.out = Some(Traced::Int((<$ty>::MIN as i128).max(i64::MIN as i128) as i64, (<$ty>::MAX as u128).min(u64::MAX as u128) as u64));
            visitor.$visit(0)
        })*
    };
}

macro_rules! untraceable {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?)*) => {
        $(fn $method<V: Visitor<'de>>(self, $($(_: $ty,)*)? _visitor: V) -> Result<V::Value, TraceError> {
            untraceable(stringify!($method))
        })*
    };
}

impl<'de> Deserializer<'de> for Tracer<'_> {
    type Error = TraceError;

    integers!(deserialize_i8 i8 => visit_i64, deserialize_i16 i16 => visit_i64, deserialize_i32 i32 => visit_i64,
        deserialize_i64 i64 => visit_i64, deserialize_i128 i128 => visit_i64, deserialize_u8 u8 => visit_u64,
        deserialize_u16 u16 => visit_u64, deserialize_u32 u32 => visit_u64, deserialize_u64 u64 => visit_u64,
        deserialize_u128 u128 => visit_u64);

    untraceable!(deserialize_any deserialize_char deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_unit_struct(name: &'static str) deserialize_tuple(len: usize)
        deserialize_tuple_struct(name: &'static str, len: usize) deserialize_map);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Some(Traced::Float);
        visitor.visit_f64(0.0)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Some(Traced::Bool);
        visitor.visit_bool(false)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Some(Traced::Str);
        visitor.visit_str("x")
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Some(Traced::Any);
        visitor.visit_unit()
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        let mut inner = None;
        let value = visitor.visit_some(Tracer {
            probe: self.probe,
            out: &mut inner,
        })?;
        *self.out = Some(Traced::Nullable(Box::new(read(inner, "an option")?)));
        Ok(value)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        let mut item = None;
        let value = visitor.visit_seq(OneItem {
            probe: self.probe,
            item: &mut item,
            given: false,
        })?;
        *self.out = Some(Traced::Array(Box::new(read(item, "an array")?)));
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        let mut keys: Vec<&'static str> = fields
            .iter()
            .copied()
            .filter(|f| !matches!(self.probe, Probe::Omit(s, o) if s == name && o == *f))
            .collect();
        if matches!(self.probe, Probe::Extra(s) if s == name) {
            keys.push(UNKNOWN_KEY);
        }
        let mut traced = Vec::new();
        let value = visitor.visit_map(Members {
            probe: self.probe,
            keys,
            next: 0,
            traced: &mut traced,
        })?;
        *self.out = Some(Traced::Object(name, traced, false));
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        *self.out = Some(Traced::Name(variants));
        visitor.visit_enum(UnitVariant(variants[0]))
    }
}

struct OneItem<'a> {
    probe: Probe,
    item: &'a mut Option<Traced>,
    given: bool,
}

impl<'de> SeqAccess<'de> for OneItem<'_> {
    type Error = TraceError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, TraceError> {
        if std::mem::replace(&mut self.given, true) {
            return Ok(None);
        }
        seed.deserialize(Tracer {
            probe: self.probe,
            out: self.item,
        })
        .map(Some)
    }
}

struct Members<'a> {
    probe: Probe,
    keys: Vec<&'static str>,
    next: usize,
    traced: &'a mut Vec<(&'static str, Traced, bool)>,
}

impl<'de> MapAccess<'de> for Members<'_> {
    type Error = TraceError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, TraceError> {
        match self.keys.get(self.next) {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, TraceError> {
        let key = self.keys[self.next];
        self.next += 1;
        let mut shape = None;
        let value = seed.deserialize(Tracer {
            probe: self.probe,
            out: &mut shape,
        })?;
        if key != UNKNOWN_KEY {
            self.traced.push((key, read(shape, key)?, true));
        }
        Ok(value)
    }
}

struct UnitVariant(&'static str);

impl<'de> EnumAccess<'de> for UnitVariant {
    type Error = TraceError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), TraceError> {
        Ok((seed.deserialize(self.0.into_deserializer())?, self))
    }
}

impl<'de> VariantAccess<'de> for UnitVariant {
    type Error = TraceError;

    fn unit_variant(self) -> Result<(), TraceError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, TraceError> {
        untraceable("a variant with data")
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, TraceError> {
        untraceable("a tuple variant")
    }

    fn struct_variant<V: Visitor<'de>>(self, _f: &'static [&'static str], _v: V) -> Result<V::Value, TraceError> {
        untraceable("a struct variant")
    }
}

/// The generated file for `roots` (each a Rust type path and its traced shape).
pub fn source(roots: &[(&str, Traced)]) -> String {
    let mut objects = Vec::new();
    let mut impls = String::new();
    for (path, traced) in roots {
        let shape = expression(traced, &mut objects);
        writeln!(
            impls,
            "\nimpl Shaped for {path} {{\n    const SHAPE: &'static Shape = &{shape};\n}}"
        )
        .unwrap();
    }
    let mut out = String::from(
        "// @generated by `NEON_ADMIN_WRITE_SHAPES=1 cargo test --lib shapes_file_is_current` from the types'\n\
         // own `Deserialize` (tests/unit/shape_tracer.rs): do not edit by hand.\n\n\
         use super::de::shape::{Field, Shape, Shaped};\n",
    );
    out.push_str(&impls);
    for (_, _, definition) in objects {
        out.push_str(&definition);
    }
    out
}

/// `traced` as a `Shape` expression; each struct becomes a const of its own in `objects`.
fn expression(traced: &Traced, objects: &mut Vec<(&'static str, Traced, String)>) -> String {
    match traced {
        Traced::Str => "Shape::Str".into(),
        Traced::Int(min, max) => {
            let min = if *min == i64::MIN {
                "i64::MIN".into()
            } else {
                min.to_string()
            };
            format!("Shape::Int {{ min: {min}, max: {max} }}")
        }
        Traced::Nullable(inner) => format!("Shape::Nullable(&{})", expression(inner, objects)),
        Traced::Array(item) => format!("Shape::Array(&{})", expression(item, objects)),
        Traced::Object(name, fields, closed) => {
            let constant = screaming(name);
            if let Some((_, seen, _)) = objects.iter().find(|(n, _, _)| n == name) {
                assert_eq!(
                    seen, traced,
                    "two structs named {name}: the generated consts would clash"
                );
            } else {
                objects.push((name, traced.clone(), String::new()));
                let mut definition = format!("\nconst {constant}: Shape = Shape::Object {{\n    fields: &[\n");
                for (field, shape, required) in fields {
                    let shape = expression(shape, objects);
                    writeln!(
                        definition,
                        "        Field {{ name: {field:?}, shape: &{shape}, required: {required} }},"
                    )
                    .unwrap();
                }
                writeln!(definition, "    ],\n    closed: {closed},\n}};").unwrap();
                objects.iter_mut().find(|(n, _, _)| n == name).unwrap().2 = definition;
            }
            constant
        }
        other => panic!("the walk does not read {other:?} yet: add it to Shape and the walk"),
    }
}

/// `ApiKey` as `API_KEY`.
fn screaming(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}
