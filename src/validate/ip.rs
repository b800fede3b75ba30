//! IPv4 and IPv6 address text, read by the same rules as the standard library's `FromStr` for
//! `Ipv4Addr` and `Ipv6Addr` (`tests/ip.rs` holds these functions to it over generated text).
//! Written here because the standard library's address parser cost the wasm module about
//! 3.5 kB raw and 1.3 kB gzip (measured), and URL checks need only these few rules.

/// The four octets of a dotted-decimal IPv4 address (`127.0.0.1`): four parts of one to three
/// digits, each at most 255 and without a leading zero; `None` for any other text.
pub fn ipv4(text: &str) -> Option<[u8; 4]> {
    let (octets, rest) = ipv4_prefix(text.as_bytes())?;
    rest.is_empty().then_some(octets)
}

/// The eight groups of an IPv6 address (`::1`, `fe80::1:2`, `::ffff:1.2.3.4`): groups of one to
/// four hex digits, at most one `::` standing for one or more zero groups, and an IPv4 address in
/// place of the last two groups; `None` for any other text.
pub fn ipv6(text: &str) -> Option<[u16; 8]> {
    let bytes = text.as_bytes();
    let mut groups = [0u16; 8];
    let (head, ended_ipv4, rest) = read_groups(bytes, &mut groups);
    if head == 8 {
        return rest.is_empty().then_some(groups);
    }
    if ended_ipv4 {
        return None;
    }
    let rest = rest.strip_prefix(b"::")?;
    let mut tail = [0u16; 7];
    let limit = 8 - (head + 1);
    let (count, _, rest) = read_groups(rest, &mut tail[..limit]);
    groups[8 - count..].copy_from_slice(&tail[..count]);
    rest.is_empty().then_some(groups)
}

/// Whether `text` is a loopback address: IPv4 127.0.0.0/8, or IPv6 `::1` (an IPv4-mapped IPv6
/// address does not count, as with `IpAddr::is_loopback`).
pub fn is_loopback_ip(text: &str) -> bool {
    match ipv4(text) {
        Some(octets) => octets[0] == 127,
        None => ipv6(text) == Some([0, 0, 0, 0, 0, 0, 0, 1]),
    }
}

/// An IPv4 address at the start of `bytes`, and what follows it.
fn ipv4_prefix(bytes: &[u8]) -> Option<([u8; 4], &[u8])> {
    let mut octets = [0u8; 4];
    let mut rest = bytes;
    for (i, octet) in octets.iter_mut().enumerate() {
        if i > 0 {
            rest = rest.strip_prefix(b".")?;
        }
        let digits = rest.iter().take(3).take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || (digits > 1 && rest[0] == b'0') {
            return None;
        }
        let value = rest[..digits].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        *octet = u8::try_from(value).ok()?;
        rest = &rest[digits..];
    }
    Some((octets, rest))
}

/// Up to `groups.len()` groups separated by `:` at the start of `bytes`, the last two of which may
/// be one IPv4 address: how many were read, whether an IPv4 address ended them, and what follows
/// the last one read (a `:` not followed by a group is left unread).
fn read_groups<'a>(bytes: &'a [u8], groups: &mut [u16]) -> (usize, bool, &'a [u8]) {
    let limit = groups.len();
    let mut rest = bytes;
    for i in 0..limit {
        let after_separator = if i > 0 {
            match rest.strip_prefix(b":") {
                Some(after) => after,
                None => return (i, false, rest),
            }
        } else {
            rest
        };
        if i + 1 < limit {
            if let Some(([a, b, c, d], after)) = ipv4_prefix(after_separator) {
                groups[i] = u16::from_be_bytes([a, b]);
                groups[i + 1] = u16::from_be_bytes([c, d]);
                return (i + 2, true, after);
            }
        }
        let digits = after_separator
            .iter()
            .take(4)
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        if digits == 0 {
            return (i, false, rest);
        }
        groups[i] = after_separator[..digits].iter().fold(0u16, |n, d| {
            (n << 4) | (char::from(*d).to_digit(16).unwrap_or(0) as u16)
        });
        rest = &after_separator[digits..];
    }
    (limit, false, rest)
}
