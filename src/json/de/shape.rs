//! Checking an answer against its type's shape without building the typed value: for answers the
//! bindings hand on as the API sent them, where the typed value would be built only to be dropped.
//!
//! A 2,000-key list on wasm spent about half its time in the module building the typed values
//! (serde's derived decoders allocate every string) and dropping them (measured by profile); this
//! walk reads the same text with the same readers and allocates nothing. The shapes are generated
//! from the types' own `Deserialize` (`src/json/answer_shapes.generated.rs`, checked by a test),
//! and a walk that refuses hands the text to the typed decoder, whose error (the path and message)
//! is the one reported: the walk only has to accept nothing the typed decoder refuses, which a
//! property test holds it to.

use super::error::DeError;
use super::text_read::{Kind, TextDe};
use super::text_scalars::Number;

/// What a JSON value must be, as a type's `Deserialize` reads it: the shapes the registered types
/// need (the generator refuses a type with another, such as a number with a fraction or an enum,
/// until it is added here and to the walk).
#[derive(Debug)]
pub enum Shape {
    /// Any string.
    Str,
    /// A whole number from `min` to `max` (a number written with a fraction or an exponent is not
    /// one, as serde's integer decoders have it).
    Int { min: i64, max: u64 },
    /// `null`, or a value of the inner shape.
    Nullable(&'static Shape),
    /// An array of values of the inner shape.
    Array(&'static Shape),
    /// An object with these fields (each at most once); other keys are skipped, or refused when
    /// `closed`.
    Object { fields: &'static [Field], closed: bool },
}

/// A field of a [`Shape::Object`].
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub shape: &'static Shape,
    /// Whether an object without the field is refused.
    pub required: bool,
}

/// A type whose shape is generated (see `src/json/answer_shapes.generated.rs`).
pub trait Shaped {
    const SHAPE: &'static Shape;
}

/// Whether `text` is one JSON value of `shape` (spaces around it allowed). On `false` the caller
/// decodes the text as its type, for the error.
pub fn conforms(text: &str, shape: &Shape) -> bool {
    let mut de = TextDe::new(text);
    walk(&mut de, shape).unwrap_or(false) && de.end().is_ok()
}

/// Reads one value of `shape`: `Ok(false)` where it is not of the shape, an error where the text is
/// not JSON.
fn walk(de: &mut TextDe<'_>, shape: &Shape) -> Result<bool, DeError> {
    let kind = de.kind()?;
    Ok(match (shape, kind) {
        (Shape::Nullable(_), Kind::Null) => de.literal(b"null").is_ok(),
        (Shape::Nullable(inner), _) => walk(de, inner)?,
        (Shape::Str, Kind::String) => de.string_in_text().is_ok(),
        (Shape::Int { min, max }, Kind::Number) => match de.number()? {
            Number::Unsigned(n) => n <= *max,
            Number::Signed(n) => n >= *min,
            Number::Float(_) => false,
        },
        (Shape::Array(item), Kind::Array) => {
            de.open()?;
            let mut read = 0;
            while de.element(read)? {
                if !walk(de, item)? {
                    return Ok(false);
                }
                read += 1;
            }
            de.close(b']', "").is_ok()
        }
        (Shape::Object { fields, closed }, Kind::Object) => object(de, fields, *closed)?,
        _ => false,
    })
}

/// The members of an object, each field at most once, every required one given.
fn object(de: &mut TextDe<'_>, fields: &[Field], closed: bool) -> Result<bool, DeError> {
    de.open()?;
    // Fields seen, one bit each (the generator refuses a type with more than 64 fields).
    let mut seen: u64 = 0;
    let mut first = true;
    while let Some((_, key)) = de.next_key(first)? {
        first = false;
        // Lengths first: most keys differ from most names in length, and a comparison of the
        // bytes is a call at opt-level "z".
        match fields.iter().position(|f| f.name.len() == key.len() && f.name == key) {
            Some(i) if seen & (1 << i) == 0 => {
                seen |= 1 << i;
                if !walk(de, fields[i].shape)? {
                    return Ok(false);
                }
            }
            // Given twice (serde's decoders refuse it), or a key the type does not allow.
            Some(_) => return Ok(false),
            None if closed => return Ok(false),
            None => de.skip()?,
        }
    }
    let missing = fields
        .iter()
        .enumerate()
        .any(|(i, f)| f.required && seen & (1 << i) == 0);
    Ok(!missing && de.close(b'}', "").is_ok())
}

#[cfg(test)]
#[path = "../../../tests/unit/shape.rs"]
mod tests;
