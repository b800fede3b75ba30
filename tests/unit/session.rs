use super::*;
use serde_json::json;

fn map(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap()
}

#[test]
fn stored_like_the_cli_after_a_refresh() {
    let previous = map(json!({ "access_token": "a0", "refresh_token": "r0", "expires_at": 1, "user_id": "u" }));
    let now = 1_800_000_017_250.0; // 17.25 s past a minute
    let rotated =
        map(json!({ "access_token": "a1", "refresh_token": "r1", "token_type": "bearer", "expires_in": 3600.9 }));
    let next = stored_after_refresh(rotated, &previous, now);
    assert_eq!(next["expires_at"], json!(1_800_003_617_250_i64));
    assert_eq!(
        (next["type"].clone(), next["refresh_token"].clone()),
        (json!("oauth"), json!("r1"))
    );
    assert_eq!(next["user_id"], json!("u"));
    let kept = stored_after_refresh(
        map(json!({ "access_token": "a2", "token_type": "bearer" })),
        &previous,
        now,
    );
    assert_eq!(
        (kept["refresh_token"].clone(), kept["expires_at"].clone()),
        (json!("r0"), json!(now as i64))
    );
}
