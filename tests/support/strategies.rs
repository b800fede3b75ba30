//! What the property suites share: tricky strings, the characters a key may not hold, the
//! proptest configuration, and reading a config error. Each suite takes what it needs.

#![allow(dead_code)]

use neon_admin::{ConfigError, Error};
use proptest::prelude::*;
pub const NOW: f64 = 1_800_000_000_000.0;
pub const MAX_SAFE: i64 = (1 << 53) - 1;

/// Pieces that tend to break parsers, joined into strings alongside fully arbitrary ones.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "", "a", "Z", "0", "-", "_", ".", "..", "/", "\\", "%", "%2e", "%2F", "%zz", "%4", "?", "#", "&", "=", "@",
    ":", " ", "\t", "\n", "\r\n", "\0", "\u{7f}", "\u{85}", "\u{a0}", "\u{2028}", "\u{3000}", "\u{fffd}", "é", "ß",
    "🔑", "[", "]",
    "::1", "127.0.0.1", "localhost", "http://", "https://", "//", "user:pw@", "example.com", "napi_", "br-", "proj-",
];

/// Arbitrary Unicode strings, and strings built from tricky pieces.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|p| p.concat()),
        "[ -~]{0,80}",
    ]
}

/// Characters a key may not hold inside: whitespace and control characters.
pub fn bad_key_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\0', '\u{1}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{a0}',
            '\u{1680}', '\u{2000}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
        ]),
        prop::char::range('\0', '\u{1f}'),
        prop::char::range('\u{7f}', '\u{9f}'),
        prop::char::range('\u{2000}', '\u{200a}'),
    ]
}

/// `cases` per property; failures are reported, not written to a regressions file.
pub fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

pub fn config_error(error: &Error) -> &ConfigError {
    match error {
        Error::Config(c) => c,
        other => panic!("expected a config error, got {other:?}"),
    }
}
