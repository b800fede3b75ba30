//! The absolute `http(s)` URLs this library accepts, parsed without a general URL library (whose
//! international-domain tables would triple the wasm size). Stricter than a browser: ASCII only,
//! no user name or password, a host of letters, digits, `-` and `.` (or an IPv4 or bracketed IPv6
//! address), an optional port, and a path without `.`/`..` segments, so that what is checked is
//! exactly what is sent.

use super::ip;

/// The parts of an accepted URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// `http` or `https`.
    pub scheme: &'static str,
    /// The host, lowercased (IPv6 in brackets).
    pub host: String,
    /// The port, when it is not the scheme's default.
    pub port: Option<u16>,
    /// The path (may be empty).
    pub path: &'a str,
    /// The query, without `?`.
    pub query: Option<&'a str>,
    /// The fragment, without `#`.
    pub fragment: Option<&'a str>,
}

/// Why a URL was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlError {
    /// Not an absolute `http:`/`https:` URL this library can send to.
    Invalid,
    /// Another scheme.
    Scheme,
    /// It carries a user name or password.
    Credentials,
}

fn allowed(c: u8, extra: &[u8]) -> bool {
    c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@%".contains(&c) || extra.contains(&c)
}

/// `%` must start a two-digit hex escape.
fn escapes_ok(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || (bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

fn host_ok(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return ip::ipv6(inner).is_some();
    }
    let labels: Vec<&str> = host.split('.').collect();
    let names_ok = labels.iter().all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    });
    // A last label that looks numeric makes the whole host an IPv4 address to URL parsers.
    let last = labels.last().copied().unwrap_or_default();
    let numeric = last.bytes().all(|b| b.is_ascii_digit()) || last.to_ascii_lowercase().starts_with("0x");
    names_ok && host.len() <= 253 && (!numeric || ip::ipv4(host).is_some())
}

/// Parses an absolute `http(s)` URL, or says why not.
pub fn parse(value: &str) -> Result<UrlParts<'_>, UrlError> {
    if value.is_empty() || value.len() > 2048 || !value.bytes().all(|b| b.is_ascii_graphic()) || !escapes_ok(value) {
        return Err(UrlError::Invalid);
    }
    let (scheme, rest) = value.split_once("://").ok_or(UrlError::Invalid)?;
    let scheme = match scheme.to_ascii_lowercase().as_str() {
        "https" => "https",
        "http" => "http",
        s if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) => {
            return Err(UrlError::Scheme)
        }
        _ => return Err(UrlError::Invalid),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(end);
    if authority.contains('@') {
        return Err(UrlError::Credentials);
    }
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority[i..].contains(']') => (&authority[..i], Some(&authority[i + 1..])),
        _ => (authority, None),
    };
    let host = host.to_ascii_lowercase();
    if !host_ok(&host) {
        return Err(UrlError::Invalid);
    }
    let port = match port {
        None => None,
        Some(p) => {
            let n: u16 = (!p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
                .filter(|n| *n > 0)
                .ok_or(UrlError::Invalid)?;
            let default = if scheme == "https" { 443 } else { 80 };
            (n != default).then_some(n)
        }
    };
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let dot_segment = path.split('/').any(|s| {
        matches!(
            s.to_ascii_lowercase().as_str(),
            "." | ".." | "%2e" | "%2e%2e" | ".%2e" | "%2e."
        )
    });
    let chars_ok = path.bytes().all(|b| allowed(b, b"/"))
        && query.is_none_or(|q| q.bytes().all(|b| allowed(b, b"/?")))
        && fragment.is_none_or(|f| f.bytes().all(|b| allowed(b, b"/?")));
    if dot_segment || !chars_ok {
        return Err(UrlError::Invalid);
    }
    Ok(UrlParts {
        scheme,
        host,
        port,
        path,
        query,
        fragment,
    })
}

#[cfg(test)]
#[path = "../../tests/unit/url_parts.rs"]
mod tests;
