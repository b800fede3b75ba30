//! Numbers and strings, read for [`super::text`]'s decoder (see [`super::text_read`] for why
//! these steps are out of line in the wasm build).

use super::error::DeError;
use super::text_read::TextDe;

/// A number as read: the narrowest of the three that holds it.
pub(super) enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

impl<'t> TextDe<'t> {
    /// A number, at a value of kind [`super::text_read::Kind::Number`].
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn number(&mut self) -> Result<Number, DeError> {
        let start = self.at;
        let digits = |text: &[u8], at: &mut usize| {
            let from = *at;
            while text.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at > from
        };
        let negative = self.bytes()[self.at] == b'-';
        self.at += usize::from(negative);
        let int_start = self.at;
        if !digits(self.bytes(), &mut self.at) {
            return Err(self.syntax());
        }
        if self.bytes()[int_start] == b'0' && self.at - int_start > 1 {
            // A leading zero: the fault is the digit after it.
            self.at = int_start + 1;
            return Err(self.syntax());
        }
        let mut whole = true;
        if self.peek() == b'.' {
            self.at += 1;
            whole = false;
            if !digits(self.bytes(), &mut self.at) {
                return Err(self.syntax());
            }
        }
        if let Some(b'e' | b'E') = self.bytes().get(self.at) {
            self.at += 1;
            whole = false;
            if let Some(b'+' | b'-') = self.bytes().get(self.at) {
                self.at += 1;
            }
            if !digits(self.bytes(), &mut self.at) {
                return Err(self.syntax());
            }
        }
        // The number is ASCII, so this slice is a `str`.
        let written = self.src.get(start..self.at).unwrap_or_default();
        if whole {
            if let Ok(n) = written.parse::<u64>() {
                return Ok(Number::Unsigned(n));
            }
            if let Ok(n) = written.parse::<i64>() {
                // `-0` (the only negative text that reads as 0) is the float -0.0, as serde_json
                // reads it: a whole-number field refuses it there too.
                return Ok(if n == 0 { Number::Float(-0.0) } else { Number::Signed(n) });
            }
        }
        // serde_json's float parser, through `Number`'s `FromStr`: core's `f64::from_str` brought
        // 15 kB of its own tables and code (measured), and a typed `f64` read through serde_json's
        // decoder would build that decoder into the module, with its type-mismatch messages and
        // core's float formatting for them (about 15 kB raw, measured).
        match written.parse::<serde_json::Number>() {
            Ok(n) => Ok(Number::Float(n.as_f64().unwrap_or_default())),
            Err(_) => Err(self.syntax()),
        }
    }

    /// A string, at a value of kind [`super::text_read::Kind::String`]: borrowed from the text, or decoded into
    /// the scratch space when it has escapes.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn string(&mut self) -> Result<&str, DeError> {
        let plain = self.string_in_text()?;
        Ok(plain.unwrap_or(&self.scratch))
    }

    /// A string as it is in the text, or `None` when it has escapes (then decoded into the
    /// scratch space).
    pub(super) fn string_in_text(&mut self) -> Result<Option<&'t str>, DeError> {
        let src: &'t str = self.src;
        self.at += 1;
        let start = self.at;
        let rest = self.bytes().get(start..).unwrap_or_default();
        match plain_run(rest) {
            Some(len) if rest[len] == b'"' => {
                self.at = start + len + 1;
                // Cut at ASCII bytes: always on a character boundary.
                Ok(Some(src.get(start..start + len).unwrap_or_default()))
            }
            Some(len) if rest[len] == b'\\' => {
                self.at = start + len;
                self.escaped(start).map(|()| None)
            }
            len => {
                self.at = start + len.unwrap_or(rest.len());
                Err(self.syntax())
            }
        }
    }

    /// The rest of a string that has escapes, from `start` (its first character).
    #[cold]
    #[inline(never)]
    fn escaped(&mut self, start: usize) -> Result<(), DeError> {
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        let mut plain = start;
        loop {
            match self.bytes().get(self.at) {
                Some(b'"') => break,
                Some(b'\\') => {
                    out.push_str(self.src.get(plain..self.at).unwrap_or_default());
                    self.at += 1;
                    let escape = self.bytes().get(self.at).copied();
                    if escape.is_some_and(|e| b"\"\\/bfnrtu".contains(&e)) {
                        self.at += 1;
                    }
                    let c = match escape {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode()?,
                        _ => return Err(self.syntax()),
                    };
                    out.push(c);
                    plain = self.at;
                }
                Some(0..=0x1f) | None => return Err(self.syntax()),
                Some(_) => self.at += 1,
            }
        }
        out.push_str(self.src.get(plain..self.at).unwrap_or_default());
        self.at += 1;
        self.scratch = out;
        Ok(())
    }

    /// The character of a `\u` escape (after the `u`), with its low surrogate when it has one.
    pub(super) fn unicode(&mut self) -> Result<char, DeError> {
        let high = self.hex4()?;
        let code = if (0xd800..0xdc00).contains(&high) {
            if !self.bytes()[self.at..].starts_with(b"\\u") {
                return Err(self.syntax());
            }
            self.at += 2;
            let low = self.hex4()?;
            if !(0xdc00..0xe000).contains(&low) {
                return Err(self.syntax());
            }
            0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.syntax())
    }

    pub(super) fn hex4(&mut self) -> Result<u32, DeError> {
        let digits = self
            .src
            .get(self.at..self.at + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        match digits.and_then(|d| u32::from_str_radix(d, 16).ok()) {
            Some(n) => {
                self.at += 4;
                Ok(n)
            }
            None => Err(self.syntax()),
        }
    }
}

/// Where the first `"`, `\` or control character of `bytes` is. Eight bytes are tested at a time
/// (a byte-by-byte loop was a quarter of the time of decoding a 2,000-key list on wasm, which has
/// no SIMD by default): in each 64-bit word, a byte equal to `"` or `\` becomes zero after an
/// exclusive or, and a borrow through such a zero byte, or through a byte below 0x20, sets its
/// top bit. Borrows may also mark bytes after the first match, never before it, so the lowest
/// mark is exact.
pub(super) fn plain_run(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const TOPS: u64 = ONES << 7;
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let marks = (quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash
            | word.wrapping_sub(ONES * 0x20) & !word)
            & TOPS;
        if marks != 0 {
            return Some(at + (marks.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = bytes.get(at..).unwrap_or_default();
    tail.iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|i| at + i)
}
