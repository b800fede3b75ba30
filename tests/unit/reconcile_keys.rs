//! Unit tests of `crate::reconcile::keys` (a private module), compiled as its child `tests`
//! module: what tells a listed key apart from the key a lost create made.

use super::*;
use crate::resources::api_keys::KeyCreator;

const ME: &str = "11111111-2222-4333-8444-555555555555";
const OTHER: &str = "99999999-2222-4333-8444-555555555555";
/// 2026-12-07T04:50:10Z.
const SENT: i64 = 1_796_619_010;

fn key(created_by: &str, created_at: &str, last_used_at: Option<&str>) -> ApiKey {
    ApiKey {
        id: 7,
        name: "ci".into(),
        created_at: created_at.into(),
        created_by: KeyCreator {
            id: created_by.into(),
            name: String::new(),
            image: String::new(),
        },
        last_used_at: last_used_at.map(str::to_string),
        last_used_from_addr: String::new(),
        project_id: None,
    }
}

#[test]
fn a_fresh_unused_key_of_the_caller_is_not_set_apart() {
    assert_eq!(crate::http::clock::rfc3339_seconds("2026-12-07T04:50:10Z"), Some(SENT));
    assert!(set_apart(&key(ME, "2026-12-07T04:50:10Z", None), ME, SENT).is_empty());
    // Within the second the listing was answered: the API reports no finer time.
    assert!(set_apart(&key(ME, "2026-12-07T04:50:10.999Z", None), ME, SENT).is_empty());
    assert!(set_apart(&key(ME, "2026-12-07T04:51:00Z", Some("")), ME, SENT).is_empty());
}

#[test]
fn each_condition_alone_sets_a_key_apart_and_is_named() {
    let other = set_apart(&key(OTHER, "2026-12-07T04:50:11Z", None), ME, SENT);
    assert_eq!(
        other,
        vec![format!("was created by user {OTHER}, not by this caller ({ME})")]
    );

    let older = set_apart(&key(ME, "2026-12-07T04:50:09Z", None), ME, SENT);
    assert_eq!(
        older,
        vec!["was created at 2026-12-07T04:50:09Z, before this call sent its create"]
    );

    let used = set_apart(&key(ME, "2026-12-07T04:50:11Z", Some("2026-12-07T04:50:12Z")), ME, SENT);
    assert_eq!(used, vec!["was already used (last used at 2026-12-07T04:50:12Z)"]);

    let unreadable = set_apart(&key(ME, "yesterday", None), ME, SENT);
    assert_eq!(
        unreadable,
        vec!["has a creation time (\"yesterday\") that cannot be read"]
    );

    let all = set_apart(
        &key(OTHER, "2025-01-01T00:00:00Z", Some("2025-01-02T00:00:00Z")),
        ME,
        SENT,
    );
    assert_eq!(all.len(), 3, "{all:?}");
}

#[test]
fn creation_times_are_read_with_fractions_and_offsets() {
    let read = crate::http::clock::rfc3339_seconds;
    assert_eq!(read("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(read("2026-12-07T04:50:10.123456Z"), Some(SENT));
    assert_eq!(read("2026-12-07T06:50:10+02:00"), Some(SENT));
    assert_eq!(read("2026-12-07T03:20:10.5-01:30"), Some(SENT));
    assert_eq!(read("2028-02-29T12:00:00Z"), Some(1_835_438_400));
    for bad in [
        "",
        "2026-12-07",
        "2026-12-07T04:50:10",
        "2026-13-07T04:50:10Z",
        "2026-12-07T04:50:10.Z",
        "2026-12-07T04:50:10+0200",
        "２026-12-07T04:50:10Z",
    ] {
        assert_eq!(read(bad), None, "{bad}");
    }
}
