//! The reader under [`super::text`]'s decoder: where it is in the text, and the steps that read
//! its structure (values' kinds, arrays, objects and keys, literals, skipping a value); numbers
//! and strings are read in [`super::text_scalars`].

use super::error::DeError;
use serde::de;

/// What a value's first byte says it is.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A reader over JSON text (valid UTF-8: it came from a `&str`).
pub(super) struct TextDe<'t> {
    /// The text, scanned as bytes ([`TextDe::bytes`]) and cut as a `str` (no second UTF-8 check).
    pub(super) src: &'t str,
    pub(super) at: usize,
    /// A string with escapes, decoded.
    pub(super) scratch: String,
    /// How many arrays and objects hold the value being read.
    pub(super) depth: u32,
    /// Where the text stopped being JSON (the error then travels out as a `DeError`, whose
    /// message is replaced by [`super::text`]'s `refused`).
    pub(super) broken: Option<(usize, bool)>,
}

/// The deepest nesting of arrays and objects read, as `serde_json`'s: deeper text is refused, not
/// read by a recursion that could exhaust the stack (a crash of the whole process on the addon).
const MAX_DEPTH: u32 = 127;

// The steps that read the text: one copy each, out of line in the wasm build (inlined, they were
// repeated in every result type's decoder); the native build, built for speed, may inline them
// (decoding a 2,000-key list took about 15% longer with them out of line).
impl<'t> TextDe<'t> {
    pub(super) fn new(text: &'t str) -> TextDe<'t> {
        TextDe {
            src: text,
            at: 0,
            scratch: String::new(),
            depth: 0,
            broken: None,
        }
    }

    /// The text as bytes.
    pub(super) fn bytes(&self) -> &'t [u8] {
        self.src.as_bytes()
    }

    /// Checks that nothing but spaces follows the value read.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn end(&mut self) -> Result<(), DeError> {
        self.space();
        if self.at < self.bytes().len() {
            return Err(self.syntax());
        }
        Ok(())
    }

    /// Whether the next value is `null`, moving past it when it is.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn null(&mut self) -> Result<bool, DeError> {
        let null = self.kind()? == Kind::Null;
        if null {
            self.literal(b"null")?;
        }
        Ok(null)
    }

    /// Marks the text as broken here; the error returned is only a carrier.
    #[cold]
    #[inline(never)]
    pub(super) fn syntax(&mut self) -> DeError {
        let eof = self.at >= self.bytes().len();
        self.broken.get_or_insert((self.at + usize::from(!eof), eof));
        DeError::new(String::new())
    }

    /// The next byte, or 0 at the end (JSON text holds no 0 byte outside strings: a 0 is refused
    /// wherever it is read). A plain comparison with it stays inline at opt-level "z", where
    /// comparing `Option`s was a call.
    #[inline(always)]
    pub(super) fn peek(&self) -> u8 {
        self.bytes().get(self.at).copied().unwrap_or(0)
    }

    #[inline(always)]
    pub(super) fn space(&mut self) {
        while let b' ' | b'\t' | b'\n' | b'\r' = self.peek() {
            self.at += 1;
        }
    }

    /// The kind of the next value (spaces skipped).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn kind(&mut self) -> Result<Kind, DeError> {
        self.space();
        Ok(match self.bytes().get(self.at) {
            Some(b'n') => Kind::Null,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'-' | b'0'..=b'9') => Kind::Number,
            Some(b'"') => Kind::String,
            Some(b'[') => Kind::Array,
            Some(b'{') => Kind::Object,
            _ => return Err(self.syntax()),
        })
    }

    /// Moves past `byte` (spaces skipped first), or fails.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn expect(&mut self, byte: u8) -> Result<(), DeError> {
        self.space();
        if self.peek() == byte {
            self.at += 1;
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    /// Whether the next byte (spaces skipped) is `byte`; moves past it when it is.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.peek() == byte;
        self.at += usize::from(found);
        found
    }

    /// Moves past `word` (`null`, `true` or `false`), or fails at its first byte that differs.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn literal(&mut self, word: &[u8]) -> Result<(), DeError> {
        for &byte in word {
            if self.peek() != byte {
                return Err(self.syntax());
            }
            self.at += 1;
        }
        Ok(())
    }

    /// `true` or `false`, at a value of kind [`Kind::Bool`].
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn boolean(&mut self) -> Result<bool, DeError> {
        let value = self.bytes()[self.at] == b't';
        self.literal(if value { b"true" } else { b"false" })?;
        Ok(value)
    }

    /// Moves past one whole value, checking that it is JSON.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn skip(&mut self) -> Result<(), DeError> {
        match self.kind()? {
            Kind::Null => self.literal(b"null"),
            Kind::Bool => self.boolean().map(drop),
            Kind::Number => self.number().map(drop),
            Kind::String => self.string().map(drop),
            Kind::Array => {
                self.open()?;
                let mut read = 0;
                while self.element(read)? {
                    self.skip()?;
                    read += 1;
                }
                self.close(b']', "")
            }
            Kind::Object => {
                self.open()?;
                let mut first = true;
                while self.next_key(first)?.is_some() {
                    self.skip()?;
                    first = false;
                }
                self.close(b'}', "")
            }
        }
    }

    /// Whether another element follows in an array (`index` of them read so far), moving past the
    /// `,` before it; at the `]`, stays there.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn element(&mut self, index: usize) -> Result<bool, DeError> {
        self.space();
        if self.peek() == b']' {
            return Ok(false);
        }
        if index > 0 {
            self.expect(b',')?;
        }
        Ok(true)
    }

    /// The next key of an object (after the `,` before it, unless `first`), moving past it and
    /// the `:` after it, and where its string starts; `None` at the `}`, which it stays at.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn next_key(&mut self, first: bool) -> Result<Option<(usize, &str)>, DeError> {
        self.space();
        if self.peek() == b'}' {
            return Ok(None);
        }
        if !first {
            self.expect(b',')?;
        }
        if self.kind()? != Kind::String {
            return Err(self.syntax());
        }
        let at = self.at;
        let plain = self.string_in_text()?;
        self.expect(b':')?;
        Ok(Some((at, plain.unwrap_or(&self.scratch))))
    }

    /// Moves past the `[` or `{` that opens an array or object, one level deeper.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn open(&mut self) -> Result<(), DeError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.syntax());
        }
        self.depth += 1;
        self.at += 1;
        Ok(())
    }

    /// Moves past the `]` or `}` that ends what a visitor has read; an array or object it did
    /// not read to the end is `short` (e.g. a tuple given too many elements).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn close(&mut self, end: u8, short: &'static str) -> Result<(), DeError> {
        if self.eat(end) {
            self.depth -= 1;
            return Ok(());
        }
        self.space();
        if self.peek() == b',' {
            return Err(de::Error::invalid_length(0, &short));
        }
        Err(self.syntax())
    }

    /// `e`, placed at the key whose string starts at `at`.
    #[cold]
    #[inline(never)]
    pub(super) fn at_key(&self, e: DeError, at: usize) -> DeError {
        e.at_key(&self.key_at(at))
    }

    /// The key whose string starts at `at`, for an error's path.
    #[cold]
    #[inline(never)]
    fn key_at(&self, at: usize) -> String {
        let mut again = TextDe {
            at,
            ..TextDe::new(self.src)
        };
        again.string().map(str::to_string).unwrap_or_default()
    }
}
