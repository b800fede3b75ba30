//! Reconciling writes whose answer was lost: which errors count as a lost answer, and when a
//! current value contains the wanted one.

use neon_admin::reconcile::*;
use neon_admin::{ApiError, Error, NetworkError};
use serde_json::json;

fn api(status: u16, code: &str) -> Error {
    Error::Api(ApiError {
        status,
        code: code.into(),
        message: String::new(),
        request_id: "r".into(),
        attempts: 1,
        retry_after_ms: None,
        hint: None,
    })
}

#[test]
fn lost_answers_are_told_from_answers() {
    for status in [500, 502, 504] {
        assert!(answer_lost(&api(status, "")), "{status}");
    }
    assert!(answer_lost(&api(200, "invalid_response")));
    for status in [400, 404, 409, 423, 429, 503] {
        assert!(!answer_lost(&api(status, "")), "{status}");
    }
    let network = Error::Network(NetworkError {
        message: String::new(),
        timed_out: true,
        status: None,
        request_id: "r".into(),
        attempts: 1,
    });
    assert!(answer_lost(&network));
    assert!(!answer_lost(&Error::config("x")));
}

#[test]
fn containment_compares_only_wanted_fields() {
    let now = json!({"a": 1, "b": {"c": true, "d": "x"}, "e": [1, 2]});
    assert!(contains(&now, &json!({"a": 1})));
    assert!(contains(&now, &json!({"b": {"c": true}, "e": [1, 2]})));
    assert!(!contains(&now, &json!({"a": 2})));
    assert!(!contains(&now, &json!({"b": {"c": false}})));
    assert!(!contains(&now, &json!({"password": "hunter2"})));
    assert!(!contains(&now, &json!({"e": [2, 1]})));
}
