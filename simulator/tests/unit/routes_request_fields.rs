//! Unit tests of the simulator's `routes::request_fields` module, compiled as its child `tests` module.

use super::*;
use serde_json::json;

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

#[test]
fn key_ids() {
    assert_eq!(key_id("100001").unwrap(), 100_001);
    assert_eq!(key_id("abc").unwrap_err().status, 400);
    assert_eq!(key_id("-1").unwrap_err().status, 400);
    assert_eq!(key_id("1.5").unwrap_err().status, 400);
    assert_eq!(key_id("99999999999999999999999").unwrap_err().status, 404);
}

#[test]
fn key_names() {
    assert_eq!(key_name(&obj(json!({"key_name": "ci"}))).unwrap(), "ci");
    for bad in [
        json!({}),
        json!({"key_name": null}),
        json!({"key_name": 5}),
        json!({"key_name": ""}),
        json!({"key_name": "x".repeat(65)}),
    ] {
        let reply = key_name(&obj(bad)).unwrap_err();
        assert_eq!(reply.status, 400);
        assert!(format!("{:?}", reply.body).contains("key_name"));
    }
}

#[test]
fn project_ids() {
    assert_eq!(project_id(&obj(json!({}))).unwrap(), None);
    assert_eq!(
        project_id(&obj(json!({"project_id": "p-1"}))).unwrap(),
        Some("p-1".to_string())
    );
    assert_eq!(project_id(&obj(json!({"project_id": "P_1"}))).unwrap_err().status, 400);
    assert_eq!(project_id(&obj(json!({"project_id": 3}))).unwrap_err().status, 400);
}
