//! Input checks that run before any request is sent (the base URL among them), and the one
//! path-segment encoder.

pub mod ip;
pub(crate) mod url_parts;

use crate::error::{Error, Result};
use crate::secret::Secret;
use url_parts::UrlError;

/// Longest accepted bearer: real keys are 64 characters, the CLI's OAuth tokens a few hundred.
const MAX_KEY_LEN: usize = 512;

/// Checks a bearer token (an API key, or a Neon CLI login's access token) before it goes into
/// an `Authorization` header: non-empty once trimmed, at most 512 characters, printable ASCII
/// without whitespace. A refusal is a [`crate::error::ConfigError`] on field `apiKey` whose
/// message names `source` (e.g. `the apiKey option`, `NEON_API_KEY`, `the Neon CLI credentials
/// file <path>`) and never contains the value.
pub fn bearer(source: &str, key: &str) -> Result<Secret> {
    let trimmed = key.trim();
    let problem = if trimmed.is_empty() {
        "is empty: pass a Neon API key"
    } else if trimmed.len() > MAX_KEY_LEN {
        "is too long to be a Neon API key or token"
    } else if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        "contains whitespace or control characters: copy the key again without them"
    } else if !trimmed.is_ascii() {
        "contains non-ASCII characters: copy the key again"
    } else {
        return Ok(Secret::new(trimmed));
    };
    Err(Error::field("apiKey", format!("the API key from {source} {problem}")))
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

/// Checks a caller's ID that goes into a path (a user ID, a credential ID): one line (see
/// [`line`]), then encoded as one segment (see [`segment`]).
pub fn path_id(field: &str, value: &str) -> Result<String> {
    line(field, value)?;
    segment(field, value)
}

/// Longest string accepted in any field: a larger one is not a sane value to send.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Checks a free-text body field: at most [`MAX_TEXT_BYTES`]. JSON carries every other
/// character safely, so nothing else is refused.
pub fn text(field: &str, value: &str) -> Result<()> {
    if value.len() > MAX_TEXT_BYTES {
        return Err(Error::field(
            field,
            "is larger than 64 KiB, which is not a sane value to send",
        ));
    }
    Ok(())
}

/// Checks a value that becomes a URL, query, header or mail line (here or at Neon): at most
/// [`MAX_TEXT_BYTES`] and no control characters, line breaks included, which could add lines.
pub fn line(field: &str, value: &str) -> Result<()> {
    text(field, value)?;
    if value.chars().any(char::is_control) {
        return Err(Error::field(
            field,
            "must not contain control characters or line breaks",
        ));
    }
    Ok(())
}

/// Checks an e-mail address where the spec gives `format: email` (a user's address): 1 to 256
/// characters, one `@` with text on both sides, a dot in the domain, no whitespace. The error
/// never echoes the value (addresses are personal data).
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

/// Schemes never trusted as a redirect target: they run script or read local data.
const UNSAFE_SCHEMES: [&str; 5] = ["javascript", "data", "file", "vbscript", "about"];

/// Checks a trusted domain to add: an origin pattern as Neon and Better Auth's trusted origins
/// take it (`https://app.example.com:8443/cb`, `https://*.preview.example.com`,
/// `https://**.example.com`, `myapp://callback`, `exp://192.168.*.*:*/**`, `http://…`). Refused:
/// no scheme, whitespace or control characters, the script and local schemes, and a host pattern
/// that trusts every host or a whole top-level domain (`https://*`, `https://*.com`): an open
/// redirect. The error never echoes the value.
pub fn trusted_domain(field: &str, value: &str) -> Result<()> {
    line(field, value)?;
    if value.chars().any(char::is_whitespace) {
        return Err(Error::field(field, "must not contain spaces"));
    }
    let scheme = value
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| s.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter(|s| s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)));
    let Some(scheme) = scheme else {
        return Err(Error::field(
            field,
            "must start with a scheme, such as https://app.example.com or myapp://callback",
        ));
    };
    let scheme = scheme.to_ascii_lowercase();
    if UNSAFE_SCHEMES.contains(&scheme.as_str()) {
        return Err(Error::field(
            field,
            "must not use the javascript:, data:, file:, vbscript: or about: scheme",
        ));
    }
    let host = domain_host(&value[scheme.len() + 1..]);
    let web = scheme == "http" || scheme == "https";
    if web && host.is_empty() {
        return Err(Error::field(field, "must name a host, such as https://app.example.com"));
    }
    if host.contains('*') && host.split('.').filter(|l| !l.contains('*')).count() < 2 {
        return Err(Error::field(
            field,
            "must not trust every host or a whole top-level domain (an open redirect): keep at least two fixed labels beside the wildcard, as in *.example.com",
        ));
    }
    Ok(())
}

/// The host of `//host[:port][/path…]` after the scheme (empty when there is none).
fn domain_host(rest: &str) -> &str {
    let Some(rest) = rest.strip_prefix("//") else { return "" };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit() || b == b'*') => host,
        _ => authority,
    }
}

/// Whether a URL host (as `Url::host_str` gives it) is loopback: `localhost`, 127.0.0.0/8, `::1`.
pub fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || ip::is_loopback_ip(host.trim_start_matches('[').trim_end_matches(']'))
}

/// Checks a string's length in characters, where the spec gives `minLength`/`maxLength`.
pub fn length(field: &str, value: &str, min: usize, max: usize) -> Result<()> {
    let n = value.chars().count();
    if !(min..=max).contains(&n) {
        return Err(Error::field(
            field,
            format!("must be {min} to {max} characters long (got {n})"),
        ));
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

/// Checks and normalizes a base URL: `http(s)`, no credentials, query or fragment, and `https:`
/// unless the host is loopback.
pub fn check_base_url(value: &str) -> Result<String> {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::field("baseUrl", "must not contain spaces or control characters"));
    }
    let url = url_parts::parse(value).map_err(|e| match e {
        UrlError::Credentials => Error::field(
            "baseUrl",
            "must not contain a user name or password; pass the key as apiKey",
        ),
        UrlError::Scheme => Error::field("baseUrl", "must be an https: URL"),
        UrlError::Invalid => Error::field(
            "baseUrl",
            "is not a valid absolute URL (ASCII only; use the punycode form of a host)",
        ),
    })?;
    if url.query.is_some() || url.fragment.is_some() {
        return Err(Error::field("baseUrl", "must not have a query or fragment"));
    }
    if url.scheme == "http" && !is_loopback(&url.host) {
        return Err(Error::field(
            "baseUrl",
            "must use https: (plain http is allowed only for loopback hosts)",
        ));
    }
    let port = url.port.map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!("{}://{}{port}{}", url.scheme, url.host, url.path)
        .trim_end_matches('/')
        .to_string())
}
