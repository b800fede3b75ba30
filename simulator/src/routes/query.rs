//! Query string parsing for list endpoints.

use std::ops::RangeInclusive;

use crate::http::Reply;

/// Decoded `name=value` pairs of a query string, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Parses `a=1&b=x%20y` (`+` is a space). Malformed escapes give 400.
    pub fn parse(raw: &str) -> Result<Self, Reply> {
        let mut pairs = Vec::new();
        for part in raw.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            let name = decode(name).ok_or_else(|| Reply::bad_request("query string is not valid"))?;
            let value =
                decode(value).ok_or_else(|| Reply::bad_request(format!("query parameter {name} is not valid")))?;
            pairs.push((name, value));
        }
        Ok(Query { pairs })
    }

    /// The first value of `name`, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The first value of `name` unless absent or empty.
    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    /// An integer parameter within `range`; `default` when absent.
    pub fn int_in(&self, name: &str, range: RangeInclusive<usize>, default: usize) -> Result<usize, Reply> {
        let Some(raw) = self.get(name) else {
            return Ok(default);
        };
        raw.parse::<usize>().ok().filter(|n| range.contains(n)).ok_or_else(|| {
            Reply::bad_request(format!(
                "{name} must be an integer between {} and {}",
                range.start(),
                range.end()
            ))
        })
    }

    /// An enumerated parameter; `parse` maps the accepted values.
    pub fn choice<T>(&self, name: &str, parse: fn(&str) -> Option<T>, allowed: &str) -> Result<Option<T>, Reply> {
        match self.get(name) {
            None => Ok(None),
            Some(raw) => parse(raw)
                .map(Some)
                .ok_or_else(|| Reply::bad_request(format!("{name} must be one of: {allowed}"))),
        }
    }
}

/// Percent-decodes `s`, turning `+` into a space. `None` for bad escapes or
/// non-UTF-8 results.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_decodes() {
        let q = Query::parse("search=pre%2Fview+x&limit=5&flag&limit=7").unwrap();
        assert_eq!(q.get("search"), Some("pre/view x"));
        assert_eq!(q.get("limit"), Some("5"));
        assert_eq!(q.get("flag"), Some(""));
        assert_eq!(q.non_empty("flag"), None);
        assert_eq!(q.get("nope"), None);
        assert_eq!(Query::parse("").unwrap(), Query::default());
        assert_eq!(Query::parse("a=%zz").unwrap_err().status, 400);
        assert_eq!(Query::parse("a=%e2%28").unwrap_err().status, 400);
    }

    #[test]
    fn integers_and_choices() {
        let q = Query::parse("limit=5&bad=x&big=401&neg=-1&zero=0&order=asc").unwrap();
        assert_eq!(q.int_in("limit", 1..=400, 10).unwrap(), 5);
        assert_eq!(q.int_in("absent", 1..=400, 10).unwrap(), 10);
        for name in ["bad", "big", "neg", "zero"] {
            let err = q.int_in(name, 1..=400, 10).unwrap_err();
            assert_eq!(err.status, 400);
            assert!(format!("{:?}", err.body).contains(name));
        }
        let asc = |s: &str| (s == "asc").then_some(1);
        assert_eq!(q.choice("order", asc, "asc").unwrap(), Some(1));
        assert_eq!(q.choice("absent", asc, "asc").unwrap(), None);
        assert_eq!(q.choice("bad", asc, "asc").unwrap_err().status, 400);
    }
}
