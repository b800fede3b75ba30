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
