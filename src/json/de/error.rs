//! [`DeError`]: why a value could not be decoded, and the path of the field at fault, never the
//! value itself.

use serde::de;
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
pub(super) enum Segment {
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
    pub(super) fn at(mut self, segment: Segment) -> DeError {
        self.0.path.push(segment);
        self
    }

    #[cold]
    #[inline(never)]
    pub(super) fn at_key(self, key: &str) -> DeError {
        self.at(Segment::Key(key.to_string()))
    }

    #[inline(never)]
    pub(super) fn new(message: String) -> DeError {
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

// serde's messages in the caller's terms: the type a JavaScript caller knows (`a whole number`,
// `true or false`, `an object`, `a list`), an enum's allowed values, and a missing or unknown
// field named in the path. Never the offending value: a misplaced value may be a secret or an
// e-mail address.
impl de::Error for DeError {
    #[cold]
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(msg.to_string())
    }

    #[cold]
    fn invalid_type(unexpected: de::Unexpected, exp: &dyn de::Expected) -> Self {
        let wanted = in_js_terms(&exp.to_string());
        match unexpected {
            de::Unexpected::Unit => DeError::new(format!("is required: give {wanted}")),
            _ => DeError::new(format!("must be {wanted}")),
        }
    }

    #[cold]
    fn invalid_value(_: de::Unexpected, exp: &dyn de::Expected) -> Self {
        let exp = exp.to_string();
        let wanted = in_js_terms(&exp);
        match integer_range(&exp) {
            Some((min, max)) => DeError::new(format!("must be {wanted} from {min} to {max}")),
            None => DeError::new(format!("must be {wanted}")),
        }
    }

    #[cold]
    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        DeError::new("has the wrong number of items".to_string())
    }

    #[cold]
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let hint = closest(variant, expected)
            .map(|c| format!(" (did you mean \"{c}\"?)"))
            .unwrap_or_default();
        DeError::new(format!("must be {}{hint}", one_of(expected)))
    }

    #[cold]
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        if expected.is_empty() {
            return DeError::new("is not a known field: this object takes no fields".to_string());
        }
        let hint = closest(field, expected)
            .map(|c| format!("did you mean `{c}`? "))
            .unwrap_or_default();
        let all: Vec<String> = expected.iter().map(|name| format!("`{name}`")).collect();
        DeError::new(format!("is not a known field: {hint}the fields are {}", all.join(", ")))
    }

    #[cold]
    fn duplicate_field(field: &'static str) -> Self {
        DeError::new("is given more than once".to_string()).at_key(field)
    }

    #[cold]
    fn missing_field(field: &'static str) -> Self {
        DeError::new("is required".to_string()).at_key(field)
    }
}

/// serde's name for an expected type (`i64`, `a boolean`, `struct X`, `a sequence`) as a
/// JavaScript caller knows it; other descriptions (a custom visitor's own) stay as they are.
#[cold]
pub(super) fn in_js_terms(expected: &str) -> String {
    let plain = match expected {
        "a boolean" => "true or false",
        "a string" | "a borrowed string" | "a character" | "field identifier" | "variant identifier" => "a string",
        "f32" | "f64" => "a number",
        "a sequence" => "a list",
        "a map" => "an object",
        "unit" => "null",
        _ if expected.starts_with("struct ") => "an object",
        _ if expected.starts_with("a tuple") => "a list",
        _ if integer_range(expected).is_some() || matches!(expected, "i64" | "u64" | "i128" | "u128") => {
            "a whole number"
        }
        _ => expected,
    };
    plain.to_string()
}

/// The range of a fixed-width integer type JavaScript's safe integers cover whole (`u32` → 0 to
/// 4294967295); `None` for wider ones and for other types.
fn integer_range(ty: &str) -> Option<(i64, i64)> {
    match ty {
        "u8" => Some((0, u8::MAX.into())),
        "u16" => Some((0, u16::MAX.into())),
        "u32" => Some((0, u32::MAX.into())),
        "i8" => Some((i8::MIN.into(), i8::MAX.into())),
        "i16" => Some((i16::MIN.into(), i16::MAX.into())),
        "i32" => Some((i32::MIN.into(), i32::MAX.into())),
        _ => None,
    }
}

/// `one of "a", "b" or "c"` (`"a"` alone for one name).
pub(super) fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        None => "nothing (no value is allowed)".to_string(),
        Some((only, [])) => only.clone(),
        Some((last, rest)) => format!("one of {} or {last}", rest.join(", ")),
    }
}

/// The name in `names` nearest to `given` (case-insensitive edit distance), when it is near
/// enough to be a likely typo: at most a third of the longer name's length, and at least 1.
fn closest<'a>(given: &str, names: &[&'a str]) -> Option<&'a str> {
    let given = given.to_ascii_lowercase();
    names
        .iter()
        .map(|name| (edit_distance(&given, &name.to_ascii_lowercase()), *name))
        .filter(|(d, name)| *d <= (given.chars().count().max(name.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}
