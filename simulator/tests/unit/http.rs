//! Unit tests of the simulator's `http` module, compiled as its child `tests` module.

use super::*;
use serde_json::json;

#[test]
fn error_body_has_the_general_error_shape() {
    let reply = Reply::not_found("API key not found");
    let body: Value = serde_json::from_slice(&reply.body_bytes("rid-1")).unwrap();
    assert_eq!(
        body,
        json!({"request_id": "rid-1", "code": "", "message": "API key not found"})
    );
    assert_eq!(reply.status, 404);
}

#[test]
fn ok_body_is_the_payload() {
    let reply = Reply::ok(&json!({"a": 1}));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body_bytes("x"), br#"{"a":1}"#.to_vec());
}

#[test]
fn created_and_empty_replies() {
    let created = Reply::created(&json!({"id": "x"}));
    assert_eq!(created.status, 201);
    assert_eq!(created.body_bytes("r"), br#"{"id":"x"}"#.to_vec());
    let empty = Reply::empty(204);
    assert_eq!(empty.status, 204);
    assert!(empty.body_bytes("r").is_empty());
}

#[test]
fn parse_object_cases() {
    assert!(parse_object(b"", "key_name").unwrap().is_empty());
    assert_eq!(
        parse_object(br#"{"key_name":"a"}"#, "key_name").unwrap()["key_name"],
        json!("a")
    );
    let bad = parse_object(b"{nope", "key_name").unwrap_err();
    assert_eq!(bad, Reply::bad_request(INVALID_JSON));
    let not_obj = parse_object(b"[1]", "key_name").unwrap_err();
    assert_eq!(not_obj.status, 400);
    assert!(matches!(not_obj.body, ReplyBody::Error { ref message, .. } if message.contains("key_name")));
}
