//! Unit tests of the simulator's `state::branch_auth::settings` module, compiled as its child `tests` module.

use super::*;
use serde_json::json;

#[test]
fn email_provider_never_shows_the_password() {
    let standard = EmailProvider::Standard {
        host: "smtp.example.com".into(),
        port: 587,
        username: "mailer".into(),
        password: "hunter2".into(),
        sender_email: "a@example.com".into(),
        sender_name: "A".into(),
    };
    let value = serde_json::to_value(&standard).unwrap();
    assert_eq!(value["type"], json!("standard"));
    assert_eq!(value["password"], json!(""));
    assert!(!value.to_string().contains("hunter2"));
    assert_eq!(
        serde_json::to_value(EmailProvider::shared_default()).unwrap(),
        json!({"type": "shared", "sender_email": SHARED_SENDER_EMAIL, "sender_name": "Neon Auth"})
    );
}

#[test]
fn defaults_match_the_spec_defaults() {
    assert_eq!(
        serde_json::to_value(OrganizationConfig::default()).unwrap(),
        json!({"enabled": true, "organization_limit": 10, "membership_limit": 100,
               "creator_role": "owner", "send_invitation_email": false})
    );
    assert_eq!(
        serde_json::to_value(MagicLinkConfig::default()).unwrap(),
        json!({"enabled": false, "expires_in": 5, "disable_sign_up": false})
    );
    assert_eq!(
        serde_json::to_value(PhoneNumberConfig::default()).unwrap(),
        json!({"enabled": false, "otp_expires_in": 300})
    );
    assert_eq!(
        serde_json::to_value(WebhookConfig::default()).unwrap(),
        json!({"enabled": false})
    );
    let ep = serde_json::to_value(EmailAndPassword::default()).unwrap();
    assert_eq!(ep.as_object().unwrap().len(), 7);
    assert_eq!(ep["email_verification_method"], json!("otp"));
    assert_eq!(
        serde_json::to_value(AuthProvider::BetterAuth).unwrap(),
        json!("better_auth")
    );
}
