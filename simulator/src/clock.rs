//! RFC 3339 timestamps (UTC, whole seconds) computed from `SystemTime`.

use std::time::{SystemTime, UNIX_EPOCH};

const SECONDS_PER_DAY: i64 = 86_400;

/// Current time as an RFC 3339 UTC string such as `2026-11-24T22:15:04Z`.
pub fn now_rfc3339() -> String {
    format_system_time(SystemTime::now())
}

/// Formats a `SystemTime` as an RFC 3339 UTC string with second precision.
pub fn format_system_time(time: SystemTime) -> String {
    let seconds = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_secs() as i64,
        Err(before) => {
            // Round towards negative infinity for instants before the epoch.
            let d = before.duration();
            let whole = d.as_secs() as i64;
            if d.subsec_nanos() > 0 {
                -whole - 1
            } else {
                -whole
            }
        }
    };
    format_unix_seconds(seconds)
}

/// Formats seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_unix_seconds(seconds: i64) -> String {
    let days = seconds.div_euclid(SECONDS_PER_DAY);
    let second_of_day = seconds.rem_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        year,
        month,
        day,
        second_of_day / 3600,
        (second_of_day % 3600) / 60,
        second_of_day % 60
    )
}

/// Converts a count of days since 1970-01-01 into a proleptic Gregorian
/// `(year, month, day)` triple.
///
/// Works in 400-year "eras" that start on March 1st, so that the leap day
/// falls at the end of each computed year.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Shift the origin from 1970-01-01 to 0000-03-01.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097); // [0, 146096]
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365; // [0, 399]
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // [0, 365]
    let month_index = (5 * day_of_year + 2) / 153; // [0, 11], March = 0
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32; // [1, 31]
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32; // [1, 12]
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_the_epoch() {
        assert_eq!(format_unix_seconds(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_unix_seconds(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_unix_seconds(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(format_unix_seconds(1_795_558_504), "2026-11-24T22:15:04Z");
        assert_eq!(format_unix_seconds(4_102_444_799), "2099-12-31T23:59:59Z");
        assert_eq!(format_unix_seconds(253_402_300_799), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn formats_instants_before_the_epoch() {
        assert_eq!(format_unix_seconds(-86_400), "1969-12-31T00:00:00Z");
        assert_eq!(format_unix_seconds(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn civil_from_days_handles_leap_years() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(59), (1970, 3, 1));
        // 2024-02-29 is day 19782.
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(19_783), (2024, 3, 1));
        // 1900 is not a leap year: 1900-03-01 follows 1900-02-28.
        assert_eq!(civil_from_days(-25_508), (1900, 3, 1));
        assert_eq!(civil_from_days(-25_509), (1900, 2, 28));
    }

    #[test]
    fn formats_system_time_with_subseconds_truncated() {
        let t = UNIX_EPOCH + Duration::from_millis(1_700_000_000_999);
        assert_eq!(format_system_time(t), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn now_has_rfc3339_shape() {
        let now = now_rfc3339();
        assert_eq!(now.len(), 20);
        assert_eq!(&now[4..5], "-");
        assert_eq!(&now[10..11], "T");
        assert!(now.ends_with('Z'));
        assert!(now.as_str() >= "2024-01-01T00:00:00Z");
    }
}
