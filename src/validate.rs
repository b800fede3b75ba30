//! Input checks that run before any request is sent, and the one path-segment encoder.

use crate::error::{Error, Result};
use crate::secret::Secret;

/// Longest accepted API key; real keys are 64 characters.
const MAX_KEY_LEN: usize = 512;

/// Checks an API key: non-empty, at most 512 characters, no whitespace or control characters.
/// The error never contains the key.
pub fn api_key(field: &str, key: &str) -> Result<Secret> {
    let trimmed = key.trim();
    if trimmed.is_empty() {
        return Err(Error::field(field, "the API key is empty: pass a Neon API key"));
    }
    if trimmed.len() > MAX_KEY_LEN {
        return Err(Error::field(field, "the API key is too long to be a Neon API key"));
    }
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::field(
            field,
            "the API key contains whitespace or control characters: copy the key again without them",
        ));
    }
    if !trimmed.is_ascii() {
        return Err(Error::field(
            field,
            "the API key contains non-ASCII characters: copy the key again",
        ));
    }
    Ok(Secret::new(trimmed))
}

/// Checks a resource ID against the spec's pattern `^[a-z0-9-]{1,60}$` (project, organization,
/// branch IDs).
pub fn resource_id(field: &str, value: &str) -> Result<()> {
    let ok = !value.is_empty()
        && value.len() <= 60
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::field(
            field,
            "must be 1 to 60 characters of a-z, 0-9 and '-' (as in the Neon Console)",
        ))
    }
}

/// Checks an API key name: 1 to 64 characters, no control characters.
pub fn key_name(field: &str, value: &str) -> Result<()> {
    let count = value.chars().count();
    if value.trim().is_empty() {
        return Err(Error::field(field, "must not be empty"));
    }
    if count > 64 {
        return Err(Error::field(
            field,
            format!("must be at most 64 characters (got {count})"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::field(field, "must not contain control characters"));
    }
    Ok(())
}

/// Checks an API key ID: a positive integer within JavaScript's safe range.
pub fn key_id(field: &str, value: i64) -> Result<()> {
    const MAX_SAFE: i64 = (1 << 53) - 1;
    if (1..=MAX_SAFE).contains(&value) {
        Ok(())
    } else {
        Err(Error::field(field, "must be a positive integer API key ID"))
    }
}

/// Percent-encodes one path segment: everything but unreserved characters is escaped, so a
/// value can never add segments, a query or a fragment. Empty, `.` and `..` are refused, since URL
/// parsers resolve them (even when escaped).
pub fn segment(field: &str, value: &str) -> Result<String> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(Error::field(field, "must not be empty, '.' or '..'"));
    }
    Ok(encode(value))
}

/// Checks an e-mail address loosely (the API does the real check): 1 to 256 characters, one `@`
/// with text on both sides, a dot in the domain, no whitespace. The error never echoes the value
/// (addresses are personal data).
pub fn email(field: &str, value: &str) -> Result<()> {
    let ok = (1..=256).contains(&value.chars().count())
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if ok {
        Ok(())
    } else {
        Err(Error::field(
            field,
            "must be an e-mail address like name@example.com (at most 256 characters)",
        ))
    }
}

/// Checks an absolute `http(s)` URL with a host, at most 2048 characters; with `https_only`,
/// plain `http` is allowed for loopback hosts only.
pub fn http_url(field: &str, value: &str, https_only: bool) -> Result<()> {
    let url = crate::url_parts::parse(value).map_err(|_| {
        Error::field(
            field,
            "must be an absolute http(s) URL such as https://app.example.com (ASCII only)",
        )
    })?;
    if https_only && url.scheme == "http" && !is_loopback(&url.host) {
        return Err(Error::field(
            field,
            "must use https: (plain http only for loopback hosts)",
        ));
    }
    Ok(())
}

/// Whether a URL host (as `Url::host_str` gives it) is loopback: `localhost`, 127.0.0.0/8, `::1`.
pub fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Checks a string's length in characters, and that it holds no control characters.
pub fn length(field: &str, value: &str, min: usize, max: usize) -> Result<()> {
    let n = value.chars().count();
    if !(min..=max).contains(&n) {
        return Err(Error::field(
            field,
            format!("must be {min} to {max} characters long (got {n})"),
        ));
    }
    // Control characters (NUL, CR/LF, ESC, ...) are never meaningful in these fields and could
    // smuggle extra lines into SMTP headers or logs.
    if value.chars().any(char::is_control) {
        return Err(Error::field(field, "must not contain control characters"));
    }
    Ok(())
}

/// Checks that a number lies in `min..=max`.
pub fn range(field: &str, value: i64, min: i64, max: i64) -> Result<()> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::field(field, format!("must be between {min} and {max}")))
    }
}

/// Percent-encodes a query or path component (everything but unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_with_inner_whitespace_or_controls_are_refused_without_echo() {
        for bad in ["abc def", "abc\tdef", "abc\u{0}def", "abc\u{7f}def", "", "   ", "ключ"] {
            let err = api_key("apiKey", bad).unwrap_err();
            assert_eq!(err.name(), "NeonConfigError");
            if !bad.trim().is_empty() {
                assert!(!err.to_string().contains(bad), "{err}");
            }
        }
        assert_eq!(api_key("apiKey", " napi_ok\n").unwrap().expose(), "napi_ok");
        assert!(api_key("apiKey", &"a".repeat(513)).is_err());
    }

    #[test]
    fn resource_ids_follow_the_spec_pattern() {
        assert!(resource_id("orgId", "org-cold-9").is_ok());
        for bad in ["", "Org", "a/b", "a b", "..", &"a".repeat(61)] {
            assert!(resource_id("orgId", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn key_names_and_ids() {
        assert!(key_name("name", "ci").is_ok());
        assert!(key_name("name", &"é".repeat(64)).is_ok());
        assert!(key_name("name", &"é".repeat(65)).is_err());
        assert!(key_name("name", " ").is_err());
        assert!(key_name("name", "a\nb").is_err());
        assert!(key_id("keyId", 1).is_ok());
        assert!(key_id("keyId", 0).is_err());
        assert!(key_id("keyId", -5).is_err());
        assert!(key_id("keyId", 1 << 53).is_err());
    }

    #[test]
    fn emails_and_urls() {
        assert!(email("email", "a.b@example.com").is_ok());
        for bad in [
            "",
            "ab",
            "a@b",
            "@b.com",
            "a@.com",
            "a b@c.com",
            "a@b.com.",
            "a@b@c.com",
        ] {
            let e = email("email", bad).unwrap_err().to_string();
            assert!(bad.is_empty() || !e.contains(bad), "{e}");
        }
        assert!(http_url("domain", "https://preview.example.com", true).is_ok());
        assert!(http_url("domain", "http://localhost:3000", true).is_ok());
        assert!(http_url("domain", "http://preview.example.com", false).is_ok());
        for bad in [
            "preview.example.com",
            "ftp://x.com",
            "http://x.com",
            "https://",
            "javascript:alert(1)",
        ] {
            assert!(http_url("domain", bad, true).is_err(), "{bad}");
        }
        assert!(range("n", 5, 5, 10).is_ok() && range("n", 11, 5, 10).is_err());
        assert!(length("s", "abc", 1, 3).is_ok() && length("s", "", 1, 3).is_err());
    }

    #[test]
    fn segments_cannot_escape() {
        assert_eq!(segment("id", "br-a_b.c~").unwrap(), "br-a_b.c~");
        assert_eq!(segment("id", "../x?y#z").unwrap(), "..%2Fx%3Fy%23z");
        assert_eq!(segment("id", "a b").unwrap(), "a%20b");
        for bad in ["", ".", ".."] {
            assert_eq!(segment("id", bad).unwrap_err().name(), "NeonConfigError");
        }
    }
}
