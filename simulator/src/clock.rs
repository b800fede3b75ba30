//! RFC 3339 timestamps (UTC, whole seconds), formatted by `humantime`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Current time as an RFC 3339 UTC string such as `2026-11-24T22:15:04Z`.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// Formats seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (the simulator has no earlier
/// instants; a negative value is shown as the epoch).
pub fn format_unix_seconds(seconds: i64) -> String {
    let since_epoch = Duration::from_secs(u64::try_from(seconds).unwrap_or(0));
    humantime::format_rfc3339_seconds(UNIX_EPOCH + since_epoch).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_unix_seconds(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_unix_seconds(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_unix_seconds(1_795_558_504), "2026-11-24T22:15:04Z");
        assert_eq!(format_unix_seconds(253_402_300_799), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn now_has_rfc3339_shape() {
        let now = now_rfc3339();
        assert_eq!(now.len(), 20);
        assert_eq!(&now[10..11], "T");
        assert!(now.ends_with('Z'));
        assert!(now.as_str() >= "2024-01-01T00:00:00Z");
    }
}
