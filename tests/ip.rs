//! The hand-written IP address readers (`validate::ip`) agree with the standard library's
//! `FromStr` for `Ipv4Addr`, `Ipv6Addr` and `IpAddr::is_loopback` on every text.

use neon_admin::validate::ip;
use proptest::prelude::*;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

fn agrees(text: &str) {
    assert_eq!(
        ip::ipv4(text),
        text.parse::<Ipv4Addr>().ok().map(|a| a.octets()),
        "ipv4 {text:?}"
    );
    assert_eq!(
        ip::ipv6(text),
        text.parse::<Ipv6Addr>().ok().map(|a| a.segments()),
        "ipv6 {text:?}"
    );
    assert_eq!(
        ip::is_loopback_ip(text),
        text.parse::<IpAddr>().is_ok_and(|a| a.is_loopback()),
        "loopback {text:?}"
    );
}

#[test]
fn known_addresses_and_near_misses() {
    let cases = [
        "127.0.0.1",
        "127.255.255.254",
        "0.0.0.0",
        "255.255.255.255",
        "256.0.0.1",
        "01.2.3.4",
        "1.2.3",
        "1.2.3.4.",
        "1.2.3.4.5",
        "1..2.3",
        "",
        ".",
        "1234.1.1.1",
        "0x7f.0.0.1",
        "::",
        "::1",
        "::2",
        "0::1",
        "0:0:0:0:0:0:0:1",
        "1::",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7::",
        "::1:2:3:4:5:6:7",
        "::1:2:3:4:5:6:7:8",
        "1::2::3",
        ":::",
        ":1",
        "1:",
        "12345::",
        "ffff::",
        "FFFF::",
        "g::",
        "::ffff:1.2.3.4",
        "::ffff:127.0.0.1",
        "::127.0.0.1",
        "1:2:3:4:5:6:1.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4",
        "1.2.3.4::",
        "1:2:3:4:5:6:7:8::",
        "fe80::1%eth0",
        "::1.2.3",
        "0:0:0:0:0:0:0:0:1",
        "00001::",
        "0001::",
        "1:2:3:4:5:6::1.2.3.4",
    ];
    for case in cases {
        agrees(case);
    }
    assert_eq!(
        ip::ipv6("::ffff:1.2.3.4"),
        Some([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304])
    );
    assert!(ip::is_loopback_ip("127.1.2.3") && ip::is_loopback_ip("::1") && !ip::is_loopback_ip("::ffff:127.0.0.1"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn agrees_with_std_on_address_like_text(text in "[0-9a-fA-F:.g]{0,24}") {
        agrees(&text);
    }

    #[test]
    fn agrees_with_std_on_groups(groups in prop::collection::vec("(|0|1|7f|ffff|00000|127|255|256|01|1\\.2\\.3\\.4|127\\.0\\.0\\.1)", 0..10), colons in prop::collection::vec(0usize..3, 0..10)) {
        let mut text = String::new();
        for (i, group) in groups.iter().enumerate() {
            text.push_str(group);
            text.push_str(&":".repeat(*colons.get(i).unwrap_or(&1)));
        }
        agrees(&text);
        agrees(text.trim_end_matches(':'));
    }
}
