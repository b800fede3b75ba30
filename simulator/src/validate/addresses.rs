//! Plausibility checks for e-mail addresses, URI schemes and http(s) URIs.

/// True when `s` looks like an e-mail address: `local@domain.tld`, no
/// whitespace, one `@`, a dot inside the domain and nothing empty around it.
pub fn looks_like_email(s: &str) -> bool {
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

/// True when `s` starts with a URI scheme and `:` (RFC 3986: a letter, then
/// letters, digits, `+`, `-` or `.`).
pub fn has_scheme(s: &str) -> bool {
    s.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// The parts of an absolute http(s) URI that the simulator cares about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpUri {
    /// `http` or `https`, lower-cased.
    pub scheme: String,
    /// Host name or IP literal (IPv6 without brackets), lower-cased.
    pub host: String,
}

impl HttpUri {
    /// True for `localhost` and loopback IP literals.
    pub fn is_loopback(&self) -> bool {
        self.host == "localhost"
            || self.host == "::1"
            || self.host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
    }
}

/// Parses an absolute `http` or `https` URI with the `url` crate. Returns `None` for anything
/// else, including URIs with user info, whitespace, an empty host or an empty or malformed port.
pub fn parse_http_uri(s: &str) -> Option<HttpUri> {
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    // The URL standard skips extra slashes (`https:///path` has host `path`) and allows an empty
    // port (`host:`); a Neon-style API refuses both.
    let (_, rest) = s.split_once("://")?;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if authority.is_empty() || authority.ends_with(':') {
        return None;
    }
    let url = url::Url::parse(s).ok()?;
    if !matches!(url.scheme(), "http" | "https") || !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    let host = url.host_str()?.trim_start_matches('[').trim_end_matches(']');
    Some(HttpUri {
        scheme: url.scheme().to_string(),
        host: host.to_string(),
    })
}

#[cfg(test)]
#[path = "../../tests/unit/validate_addresses.rs"]
mod tests;
