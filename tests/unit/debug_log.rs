//! Unit tests of `crate::http::debug_log` (a private module), compiled as its child `tests` module.

use super::*;

fn attempt(answer: Answer, decision: Decision) -> Attempt<'static> {
    Attempt {
        method: Method::GET,
        path: "/projects/p-1/branches?search=ada%40example.com&limit=5",
        number: 2,
        allowed: 3,
        answer,
        millis: 12,
        request_id: "rid-1",
        decision,
    }
}

#[test]
fn query_values_are_left_out() {
    let text = line(&attempt(Answer::Status(200), Decision::Done));
    assert_eq!(
        text,
        "neon-admin: GET /projects/p-1/branches?search=…&limit=… attempt 2/3: 200 in 12 ms, request rid-1"
    );
    assert!(!text.contains("example"));
}

#[test]
fn decisions_are_spelled_out() {
    let wait = Duration::from_millis(1500);
    let cases = [
        (
            Answer::Status(429),
            Decision::Retry(wait, Some(Duration::from_secs(1))),
            "; rate limited or busy: Retry-After 1000 ms, retrying in 1500 ms",
        ),
        (
            Answer::Status(503),
            Decision::Retry(wait, None),
            "; retrying in 1500 ms",
        ),
        (
            Answer::Status(503),
            Decision::RetriesUsed,
            "; not retried: all 3 attempts used",
        ),
        (
            Answer::Status(404),
            Decision::Final,
            "; not retried: not a transient failure for GET",
        ),
        (
            Answer::Status(429),
            Decision::GiveUp(Duration::from_secs(3600)),
            "; not retried: Retry-After 3600000 ms is longer than the 60000 ms this client waits",
        ),
        (
            Answer::Timeout,
            Decision::Retry(wait, None),
            "no answer (timeout) in 12 ms",
        ),
    ];
    for (answer, decision, expected) in cases {
        let text = line(&attempt(answer, decision));
        assert!(text.contains(expected), "{text}");
    }
    let write = Attempt {
        method: Method::POST,
        ..attempt(Answer::Lost, Decision::Final)
    };
    assert!(line(&write).ends_with("; not retried: a write whose answer was lost may have been applied"));
}
