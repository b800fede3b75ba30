//! Input validation shared by the route handlers and the state.

pub mod addresses;

/// Longest accepted API key name, in characters.
pub const MAX_KEY_NAME_CHARS: usize = 64;

/// True when `s` matches `^[a-z0-9-]{1,60}$` (organization and project ids).
pub fn is_valid_slug(s: &str) -> bool {
    (1..=60).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Checks an API key name: 1 to [`MAX_KEY_NAME_CHARS`] characters.
pub fn check_key_name(name: &str) -> Result<(), String> {
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_KEY_NAME_CHARS {
        return Err(format!(
            "key_name must be between 1 and {MAX_KEY_NAME_CHARS} characters"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("org-sim-000001"));
        assert!(is_valid_slug("a"));
        assert!(is_valid_slug(&"a".repeat(60)));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug(&"a".repeat(61)));
        assert!(!is_valid_slug("Org"));
        assert!(!is_valid_slug("org_1"));
        assert!(!is_valid_slug("org 1"));
        assert!(!is_valid_slug("ørg"));
    }

    #[test]
    fn key_names() {
        assert!(check_key_name("k").is_ok());
        assert!(check_key_name(&"é".repeat(64)).is_ok());
        assert!(check_key_name(&"x".repeat(65)).is_err());
        let err = check_key_name("").unwrap_err();
        assert!(err.contains("key_name"), "{err}");
    }
}
