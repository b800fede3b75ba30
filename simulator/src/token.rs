//! Random API key tokens (`rand`'s thread generator) and request ids (UUIDs from `uuid`).

use rand::seq::IndexedRandom;

/// Length of generated API key tokens.
pub const TOKEN_LEN: usize = 64;

const TOKEN_ALPHABET: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const HEX_ALPHABET: &[u8; 16] = b"0123456789abcdef";

/// A new random token of [`TOKEN_LEN`] lowercase ASCII letters and digits.
pub fn random_token() -> String {
    let mut rng = rand::rng();
    (0..TOKEN_LEN)
        .filter_map(|_| TOKEN_ALPHABET.choose(&mut rng).map(|&b| char::from(b)))
        .collect()
}

/// `digits` random lowercase hexadecimal digits.
pub fn random_hex(digits: usize) -> String {
    let mut rng = rand::rng();
    (0..digits)
        .filter_map(|_| HEX_ALPHABET.choose(&mut rng).map(|&b| char::from(b)))
        .collect()
}

/// A new random request id: a version 4 UUID.
pub fn random_request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// True when `token` looks like something we would accept in a bearer header:
/// non-empty, printable ASCII without whitespace.
pub fn is_plausible_token(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn tokens_are_64_lowercase_alphanumerics() {
        for _ in 0..50 {
            let t = random_token();
            assert_eq!(t.len(), TOKEN_LEN);
            assert!(t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        }
    }

    #[test]
    fn tokens_do_not_repeat() {
        let set: HashSet<String> = (0..500).map(|_| random_token()).collect();
        assert_eq!(set.len(), 500);
    }

    #[test]
    fn hex_is_lowercase_hexadecimal_of_the_asked_length() {
        let hex = random_hex(64);
        assert_eq!(hex.len(), 64);
        assert!(hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        assert_ne!(hex, random_hex(64));
    }

    #[test]
    fn request_ids_are_uuid_v4_shaped() {
        let id = random_request_id();
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![8, 4, 4, 4, 12]);
        assert!(parts[2].starts_with('4'));
        assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"));
        assert_ne!(id, random_request_id());
    }

    #[test]
    fn plausible_token_rejects_whitespace_and_empty() {
        assert!(is_plausible_token("abc123"));
        assert!(!is_plausible_token(""));
        assert!(!is_plausible_token("ab c"));
        assert!(!is_plausible_token("ab\tc"));
    }
}
