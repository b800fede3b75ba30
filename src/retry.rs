//! When a failed attempt may be tried again, and how long to wait first.

use crate::transport::Method;
use std::time::Duration;

/// First backoff step.
const BASE_DELAY: Duration = Duration::from_millis(500);
/// Longest backoff step and longest `Retry-After` honoured.
pub const MAX_DELAY: Duration = Duration::from_secs(60);
/// Cap of the exponential part.
const BACKOFF_CAP: Duration = Duration::from_secs(8);

/// What an attempt ended with, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered with this status.
    Status(u16),
    /// No answer (refused, reset, timeout): the request may or may not have been processed.
    NoAnswer,
}

/// Whether an attempt may be repeated. GET is retried on lost answers and transient statuses
/// (and on 423, which the Neon spec calls safe for every request); writes only on the statuses the
/// spec calls always safe to retry (423, 429, 503), never after a lost answer, because the first
/// attempt may have been applied.
pub fn may_retry(method: &Method, outcome: Outcome) -> bool {
    let idempotent = *method == Method::GET;
    match outcome {
        Outcome::NoAnswer => idempotent,
        Outcome::Status(status) if idempotent => matches!(status, 408 | 423 | 429 | 500 | 502 | 503 | 504),
        Outcome::Status(status) => matches!(status, 423 | 429 | 503),
    }
}

/// What to do before the next attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Sleep this long, then try again.
    After(Duration),
    /// The server asks for a longer wait than this client accepts: stop now and report the
    /// status, rather than shorten the server's `Retry-After` or time out behind it.
    GiveUp,
}

/// The wait before retry number `retry` (0 for the first retry): exponential backoff with full
/// jitter, never shorter than the server's `Retry-After`.
pub fn wait(retry: u32, retry_after: Option<Duration>, random: f64) -> Wait {
    let exp = BASE_DELAY.saturating_mul(1u32 << retry.min(16)).min(BACKOFF_CAP);
    let jittered = exp.mul_f64(random.clamp(0.0, 1.0));
    match retry_after {
        Some(server) if server > MAX_DELAY => Wait::GiveUp,
        Some(server) => Wait::After(server.max(jittered)),
        None => Wait::After(jittered),
    }
}

/// Parses `Retry-After`: delay seconds, or an HTTP date (IMF-fixdate) compared with `now_ms`.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<Duration> {
    let value = value.trim();
    if let Some(wait) = seconds(value) {
        return wait;
    }
    let at_ms = http_date_ms(value)?;
    Some(Duration::from_millis((at_ms - now_ms).max(0.0) as u64))
}

/// Delay seconds as `str::parse::<f64>` reads them (any float literal: `2`, `1.5`, `3e1`, `inf`),
/// without linking Rust's float parser, whose tables were 15 kB of the wasm module: `None` when
/// `text` is no float literal; `Some(None)` for a negative, infinite or NaN one; else the wait
/// `Duration::from_secs_f64(x.min(1e9))` for the nearest `f64` `x`, exactly as before.
fn seconds(text: &str) -> Option<Option<Duration>> {
    // Float ::= Sign? ('inf' | 'infinity' | 'nan' | Number), the names in any case;
    // Number ::= (Digit+ | Digit+ '.' Digit* | Digit* '.' Digit+) (('e' | 'E') Sign? Digit+)?
    let (negative, rest) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        rest => (false, rest),
    };
    if [&b"inf"[..], b"infinity", b"nan"]
        .iter()
        .any(|name| rest.eq_ignore_ascii_case(name))
    {
        return Some(None);
    }
    let digits = |from: usize| from + rest[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let int_end = digits(0);
    let (frac_start, frac_end) = match rest.get(int_end) {
        Some(b'.') => (int_end + 1, digits(int_end + 1)),
        _ => (int_end, int_end),
    };
    if int_end == 0 && frac_end == frac_start {
        return None;
    }
    let mut end = frac_end;
    let mut exponent: i64 = 0;
    if matches!(rest.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(rest.get(end + 1), Some(b'+' | b'-')));
        let start = end + 1 + sign;
        end = digits(start);
        if end == start {
            return None;
        }
        for b in &rest[start..end] {
            exponent = exponent.saturating_mul(10).saturating_add(i64::from(b - b'0'));
        }
        if rest[start - 1] == b'-' {
            exponent = -exponent;
        }
    }
    if end != rest.len() {
        return None;
    }
    // The value is 0.S × 10^point, S its significant digits: no leading or trailing zeros, and
    // past 800 digits (more than any comparison below needs) a 1 standing for any nonzero rest.
    let all = rest[..int_end].iter().chain(&rest[frac_start..frac_end]);
    let leading = all.clone().take_while(|&&b| b == b'0').count();
    let point = (int_end as i64 - leading as i64).saturating_add(exponent);
    let mut s: Vec<u8> = all.skip(leading).map(|b| b - b'0').collect();
    if s.len() > 800 {
        let rest_nonzero = s[800..].iter().any(|&d| d != 0);
        s.truncate(800);
        if rest_nonzero {
            s.push(1);
        }
    }
    while s.last() == Some(&0) {
        s.pop();
    }
    if s.is_empty() {
        return Some(Some(Duration::ZERO));
    }
    if negative {
        // Unless it rounds to -0.0 (at most 2^-1075), which counts as no wait.
        let zero = point < -323 || (point == -323 && cmp_decimal(&s, point, 1, -1075).is_le());
        return Some(zero.then_some(Duration::ZERO));
    }
    let wait = match point {
        // At least the largest f64 plus half its spacing, 2^1024 - 2^970: infinite.
        310.. => None,
        309 if cmp_decimal(&s, point, (1 << 54) - 1, 970).is_ge() => None,
        // At least 1e9 (and finite): the cap.
        10.. => Some(Duration::from_secs(1_000_000_000)),
        // Below 1e-10: less than half a nanosecond.
        ..=-10 => Some(Duration::ZERO),
        _ => Some(Duration::from_secs_f64(nearest_f64(&s, point).min(1e9))),
    };
    Some(wait)
}

/// The `f64` nearest to 0.S × 10^point (ties to even), for a value between 1e-10 and 1e10: an
/// estimate from the first digits, moved by one ulp while the value lies beyond a midpoint.
fn nearest_f64(s: &[u8], point: i64) -> f64 {
    let first = &s[..s.len().min(19)];
    let m = first.iter().fold(0u64, |m, &d| m * 10 + u64::from(d));
    let mut f = m as f64 * 10f64.powi(point as i32 - first.len() as i32);
    for _ in 0..64 {
        let bits = f.to_bits();
        let fraction = bits & ((1 << 52) - 1);
        let m = fraction | (1 << 52);
        let q = (bits >> 52) as i32 - 1075;
        let even = m % 2 == 0;
        let above = cmp_decimal(s, point, 2 * m + 1, q - 1);
        if above.is_gt() || (above.is_eq() && !even) {
            f = f64::from_bits(bits + 1);
            continue;
        }
        // Just above a power of two, the f64 below is half as far.
        let (low, low_q) = if fraction == 0 {
            (4 * m - 1, q - 2)
        } else {
            (2 * m - 1, q - 1)
        };
        let below = cmp_decimal(s, point, low, low_q);
        if below.is_lt() || (below.is_eq() && !even) {
            f = f64::from_bits(bits - 1);
            continue;
        }
        break;
    }
    f
}

/// Compares 0.S × 10^point with m × 2^q, exactly, in decimal digits.
fn cmp_decimal(s: &[u8], point: i64, m: u64, q: i32) -> std::cmp::Ordering {
    let mut digits: Vec<u8> = m.to_string().bytes().map(|b| b - b'0').collect();
    // m × 2^q is m × 2^q as an integer, or m × 5^-q × 10^q.
    let factor = if q < 0 { 5 } else { 2 };
    for _ in 0..q.unsigned_abs() {
        let mut carry = 0;
        for d in digits.iter_mut().rev() {
            let v = *d * factor + carry;
            *d = v % 10;
            carry = v / 10;
        }
        if carry > 0 {
            digits.insert(0, carry);
        }
    }
    let other_point = digits.len() as i64 + i64::from(q.min(0));
    while digits.last() == Some(&0) {
        digits.pop();
    }
    point.cmp(&other_point).then_with(|| s.cmp(&digits[..]))
}

/// Milliseconds since the epoch of an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date_ms(value: &str) -> Option<f64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as i64
        + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<i64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else { return None };
    if !(1..=31).contains(&day) || !(0..24).contains(h) || !(0..60).contains(m) || !(0..61).contains(s) {
        return None;
    }
    // Days from 1970-01-01 to the civil date (proleptic Gregorian).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400 + h * 3600 + m * 60 + s) * 1000) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_never_retried_after_a_lost_answer() {
        for m in [Method::POST, Method::PATCH, Method::PUT, Method::DELETE] {
            assert!(!may_retry(&m, Outcome::NoAnswer));
            assert!(!may_retry(&m, Outcome::Status(500)));
            assert!(!may_retry(&m, Outcome::Status(502)));
            assert!(may_retry(&m, Outcome::Status(423)));
            assert!(may_retry(&m, Outcome::Status(429)));
            assert!(may_retry(&m, Outcome::Status(503)));
        }
    }

    #[test]
    fn gets_are_retried_on_transient_failures_only() {
        assert!(may_retry(&Method::GET, Outcome::NoAnswer));
        for s in [408, 423, 429, 500, 502, 503, 504] {
            assert!(may_retry(&Method::GET, Outcome::Status(s)), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 422, 501] {
            assert!(!may_retry(&Method::GET, Outcome::Status(s)), "{s}");
        }
    }

    #[test]
    fn wait_grows_and_never_shortens_retry_after() {
        assert_eq!(wait(0, None, 1.0), Wait::After(Duration::from_millis(500)));
        assert_eq!(wait(2, None, 1.0), Wait::After(Duration::from_secs(2)));
        assert_eq!(wait(10, None, 1.0), Wait::After(BACKOFF_CAP));
        assert_eq!(wait(3, None, 0.0), Wait::After(Duration::ZERO));
        assert_eq!(
            wait(0, Some(Duration::from_secs(3)), 0.5),
            Wait::After(Duration::from_secs(3))
        );
        assert_eq!(wait(0, Some(Duration::from_secs(3600)), 0.5), Wait::GiveUp);
        assert_eq!(wait(0, Some(MAX_DELAY), 0.5), Wait::After(MAX_DELAY));
    }

    /// What `parse_retry_after` did with delay seconds before `seconds` replaced `str::parse`.
    fn reference(text: &str) -> Option<Option<Duration>> {
        let x = text.parse::<f64>().ok()?;
        Some((x.is_finite() && x >= 0.0).then(|| Duration::from_secs_f64(x.min(1e9))))
    }

    fn same(text: &str) {
        assert_eq!(seconds(text), reference(text), "{text:?}");
    }

    #[test]
    fn seconds_are_read_as_str_parse_reads_them() {
        for text in [
            "",
            "+",
            "-",
            ".",
            "e",
            "e1",
            "1e",
            "1e+",
            "1e-",
            "+.",
            "-.e1",
            "1..2",
            "1.2.3",
            "0x10",
            "1_0",
            " 1",
            "1 ",
            "2",
            "+2",
            "-2",
            "-0",
            "+0",
            "0",
            "00",
            "0.0",
            "-0.0",
            ".5",
            "5.",
            "+.5",
            "-.5",
            "1e3",
            "1E3",
            "1e+3",
            "1e-3",
            "1.5e1",
            "0.001",
            "0.0009999995",
            "0.0000000005",
            "0.00000000049",
            "4e-10",
            "1e-10",
            "9.99e-11",
            "1e9",
            "999999999.9999999",
            "999999999.99999999",
            "1000000000",
            "1e10",
            "1e308",
            "1e309",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "17976931348623158079372897140530341507993236031184e258",
            "inf",
            "+inf",
            "-inf",
            "Inf",
            "INFINITY",
            "infinity",
            "infinit",
            "nan",
            "NaN",
            "-nan",
            "+NAN",
            "nan1",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0e99999999999",
            "0.1",
            "0.2",
            "0.3",
            "2.7",
            "4.2e-7",
            "123456789.123456789123456789",
            "0.000000000999999999999999999999",
            "3600",
            "61",
            "1.0000000000000002",
        ] {
            same(text);
        }
        same(&format!("0.{}1", "0".repeat(500)));
        same(&format!("1.{}1", "0".repeat(500)));
        same(&format!("{}e-500", "1".repeat(505)));
        // -2^-1075 rounds to -0.0 (no wait); a hair more negative does not.
        let tiny = midpoint_text(0.0, f64::from_bits(1));
        same(&format!("-{tiny}"));
        same(&format!("-{tiny}1"));
        same(&format!("-{}", lower_last_digit(&tiny)));
        same("-1e-400");
        same("-2e-324");
        same("-3e-324");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, failure_persistence: None, ..Default::default() })]

        #[test]
        fn float_literals_match_str_parse(
            sign in "[+-]?", int in "[0-9]{0,12}", dot in "[.]?", frac in "[0-9]{0,25}",
            exp in proptest::option::of(("[eE]", "[+-]?", "[0-9]{0,3}")),
        ) {
            let exp = exp.map(|(e, s, d)| format!("{e}{s}{d}")).unwrap_or_default();
            same(&format!("{sign}{int}{dot}{frac}{exp}"));
        }

        #[test]
        fn any_text_matches_str_parse(text in "[-+.eE0-9infatyINF]{0,12}") {
            same(&text);
        }

        /// Midpoints between neighbouring f64 (where rounding is decided) and values just off them.
        #[test]
        fn midpoints_match_str_parse(x in 1e-10f64..1e10) {
            let next = f64::from_bits(x.to_bits() + 1);
            let mid = midpoint_text(x, next);
            same(&mid);
            same(&format!("{mid}1"));
            same(&format!("{mid}00000000000000000000000000000000000000000000000000000000000000001"));
            let below = lower_last_digit(&mid);
            same(&below);
            same(&format!("{below}9999999999999999999999999999999999999999999999999999999999999999"));
        }
    }

    /// The exact decimal text of (a + b) / 2, from the exact digits of each.
    fn midpoint_text(a: f64, b: f64) -> String {
        let exact = |x: f64| {
            let text = format!("{x:.1100}");
            let (int, frac) = text.split_once('.').unwrap();
            (int.to_string(), frac.to_string())
        };
        let ((ai, af), (bi, bf)) = (exact(a), exact(b));
        let width = ai.len().max(bi.len());
        let digits = |i: &str, f: &str| format!("{i:0>width$}{f}").into_bytes();
        let (x, y) = (digits(&ai, &af), digits(&bi, &bf));
        // Sum, then halve, digit by digit.
        let mut sum = vec![0u8; x.len() + 1];
        let mut carry = 0;
        for k in (0..x.len()).rev() {
            let v = (x[k] - b'0') + (y[k] - b'0') + carry;
            sum[k + 1] = v % 10;
            carry = v / 10;
        }
        sum[0] = carry;
        let mut half = Vec::with_capacity(sum.len() + 1);
        let mut rem = 0;
        for d in sum.iter().chain(std::iter::once(&0)) {
            let v = rem * 10 + d;
            half.push(b'0' + v / 2);
            rem = v % 2;
        }
        // sum has one more integer digit than x; half one more fraction digit.
        let int_len = width + 1;
        let text = String::from_utf8(half).unwrap();
        let (int, frac) = text.split_at(int_len);
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        format!("{}.{}", if int.is_empty() { "0" } else { int }, frac)
    }

    /// The text with its last digit lowered by one (borrowing), for a value just below it.
    fn lower_last_digit(text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        for k in (0..bytes.len()).rev() {
            match bytes[k] {
                b'.' => continue,
                b'0' => bytes[k] = b'9',
                _ => {
                    bytes[k] -= 1;
                    break;
                }
            }
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(parse_retry_after(" 2 ", 0.0), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after("-1", 0.0), None);
        assert_eq!(parse_retry_after("soon", 0.0), None);
        // 1994-11-06T08:49:37Z is 784111777 s after the epoch.
        let at = 784_111_777_000.0;
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at - 5000.0),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at + 5000.0),
            Some(Duration::ZERO)
        );
        assert_eq!(http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(http_date_ms("Tue, 29 Feb 2028 12:00:00 GMT"), Some(1_835_438_400_000.0));
        assert_eq!(http_date_ms("Sunday, 06-Nov-94 08:49:37 GMT"), None);
    }
}
