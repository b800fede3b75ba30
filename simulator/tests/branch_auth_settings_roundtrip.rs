//! Branch-level Neon Auth settings over HTTP: e-mail, plugins, webhooks,
//! localhost, test e-mails, and their independence between branches.

mod common;

use common::{call, enable_auth as enable, sim, MAIN_AUTH as MAIN, PREVIEW_AUTH as PREVIEW};
use serde_json::json;

#[test]
fn settings_persist_per_branch() {
    let sim = sim();
    enable(&sim, MAIN);
    enable(&sim, PREVIEW);
    let patch = |base: &str, sub: &str, body: &str| call(&sim, "PATCH", &format!("{base}/{sub}"), Some(body));

    let ep = patch(
        MAIN,
        "email_and_password",
        r#"{"email_verification_method":"link","disable_sign_up":true}"#,
    );
    assert_eq!(ep.status, 200);
    assert_eq!(ep.body.as_object().unwrap().len(), 7);
    assert_eq!(ep.body["email_verification_method"], json!("link"));
    assert_eq!(ep.body["disable_sign_up"], json!(true));
    assert_eq!(ep.body["enabled"], json!(true));
    assert_eq!(patch(MAIN, "email_and_password", r#"{"enabled":"yes"}"#).status, 400);
    assert_eq!(
        patch(MAIN, "email_and_password", r#"{"email_verification_method":"sms"}"#).status,
        400
    );

    let org = patch(
        MAIN,
        "plugins/organization",
        r#"{"organization_limit":3,"creator_role":"admin"}"#,
    );
    assert_eq!(
        org.body,
        json!({"enabled": true, "organization_limit": 3, "membership_limit": 100,
               "creator_role": "admin", "send_invitation_email": false})
    );
    assert_eq!(
        patch(MAIN, "plugins/organization", r#"{"membership_limit":0}"#).status,
        400
    );
    let magic = patch(MAIN, "plugins/magic-link", r#"{"enabled":true,"expires_in":60}"#);
    assert_eq!(
        magic.body,
        json!({"enabled": true, "expires_in": 60, "disable_sign_up": false})
    );
    assert_eq!(patch(MAIN, "plugins/magic-link", r#"{"expires_in":4}"#).status, 400);
    let phone = patch(MAIN, "plugins/phone-number", r#"{"otp_expires_in":120}"#);
    assert_eq!(phone.body, json!({"enabled": false, "otp_expires_in": 120}));
    assert_eq!(
        patch(MAIN, "plugins/phone-number", r#"{"otp_expires_in":601}"#).status,
        400
    );
    let localhost = patch(MAIN, "allow_localhost", r#"{"allow_localhost":false}"#);
    assert_eq!(localhost.body, json!({"allow_localhost": false}));
    assert_eq!(patch(MAIN, "allow_localhost", "{}").status, 400);

    // Never configured: 404, and a partial standard update has nothing to complete it.
    assert_eq!(call(&sim, "GET", &format!("{MAIN}/email_provider"), None).status, 404);
    let partial_first = patch(MAIN, "email_provider", r#"{"type":"standard","host":"h","port":25}"#);
    assert_eq!(partial_first.status, 400);
    let smtp = r#"{"type":"standard","host":"smtp.example.com","port":587,"username":"mailer",
        "password":"smtp-pass-value","sender_email":"auth@example.com","sender_name":"Shop"}"#;
    let email = patch(MAIN, "email_provider", smtp);
    assert_eq!(email.status, 200, "{}", email.body);
    let saved = json!({"type": "standard", "host": "smtp.example.com", "port": 587, "username": "mailer",
               "password": "", "sender_email": "auth@example.com", "sender_name": "Shop"});
    assert_eq!(email.body, saved, "the password comes back masked");
    assert_eq!(call(&sim, "GET", &format!("{MAIN}/email_provider"), None).body, saved);
    // A partial update changes only what it names; the stored password stays (no resend).
    let renamed = patch(MAIN, "email_provider", r#"{"type":"standard","sender_name":"Shop EU"}"#);
    assert_eq!(renamed.body["sender_name"], json!("Shop EU"));
    assert_eq!(renamed.body["host"], json!("smtp.example.com"));
    let test_path = format!("{MAIN}/email_provider/test");
    let tested = call(
        &sim,
        "POST",
        &test_path,
        Some(r#"{"recipient_email":"qa@example.com"}"#),
    );
    assert_eq!(tested.body, json!({"success": true}));
    assert_eq!(call(&sim, "POST", &test_path, Some("{}")).status, 400);
    assert_eq!(patch(MAIN, "email_provider", r#"{"host":"x"}"#).status, 400);
    assert_eq!(
        patch(MAIN, "email_provider", r#"{"type":"carrier-pigeon"}"#).status,
        400
    );
    let bad_port = smtp.replace("587", "70000");
    let bad_port = patch(MAIN, "email_provider", &bad_port);
    assert!(bad_port.message().contains("port") && !bad_port.message().contains("smtp-pass-value"));

    let hooks = format!("{MAIN}/webhooks");
    let put = call(
        &sim,
        "PUT",
        &hooks,
        Some(
            r#"{"enabled":true,"webhook_url":"https://hooks.example.com/auth","enabled_events":["user.created"],"timeout_seconds":3}"#,
        ),
    );
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(call(&sim, "GET", &hooks, None).body, put.body);
    for bad in [
        r#"{"webhook_url":"https://x.example.com"}"#,
        r#"{"enabled":true,"webhook_url":"http://hooks.example.com"}"#,
        r#"{"enabled":true,"enabled_events":["user.deleted"]}"#,
        r#"{"enabled":true,"timeout_seconds":11}"#,
    ] {
        assert_eq!(call(&sim, "PUT", &hooks, Some(bad)).status, 400, "{bad}");
    }
    let local = call(
        &sim,
        "PUT",
        &hooks,
        Some(r#"{"enabled":false,"webhook_url":"http://127.0.0.1:9000/h"}"#),
    );
    assert_eq!(
        local.body,
        json!({"enabled": false, "webhook_url": "http://127.0.0.1:9000/h"})
    );

    // Everything is visible in the aggregate on MAIN …
    let all = call(&sim, "GET", &format!("{MAIN}/plugins"), None);
    assert_eq!(all.body["organization"]["organization_limit"], json!(3));
    assert_eq!(all.body["magic_link"]["enabled"], json!(true));
    assert_eq!(all.body["phone_number"]["otp_expires_in"], json!(120));
    assert_eq!(all.body["email_provider"]["type"], json!("standard"));
    assert_eq!(
        all.body["email_and_password"]["email_verification_method"],
        json!("link")
    );
    assert_eq!(all.body["oauth_providers"], json!([]));
    assert_eq!(all.body["allow_localhost"], json!(false));
    assert!(!String::from_utf8(all.raw).unwrap().contains("smtp-pass-value"));

    // … and PREVIEW still has the defaults.
    let defaults = call(&sim, "GET", &format!("{PREVIEW}/plugins"), None);
    assert_eq!(
        defaults.body,
        json!({
            "organization": {"enabled": true, "organization_limit": 10, "membership_limit": 100,
                             "creator_role": "owner", "send_invitation_email": false},
            "magic_link": {"enabled": false, "expires_in": 5, "disable_sign_up": false},
            "phone_number": {"enabled": false, "otp_expires_in": 300},
            "email_and_password": {"enabled": true, "email_verification_method": "otp",
                                   "require_email_verification": false,
                                   "auto_sign_in_after_verification": true,
                                   "send_verification_email_on_sign_up": false,
                                   "send_verification_email_on_sign_in": false, "disable_sign_up": false},
            "oauth_providers": [],
            "allow_localhost": true,
        })
    );
    assert_eq!(
        call(&sim, "GET", &format!("{PREVIEW}/webhooks"), None).body,
        json!({"enabled": false})
    );
    assert_eq!(
        call(&sim, "GET", &format!("{PREVIEW}/plugins/phone-number"), None).body,
        json!({"enabled": false, "otp_expires_in": 300})
    );
    assert_eq!(
        call(&sim, "GET", &format!("{PREVIEW}/allow_localhost"), None).body,
        json!({"allow_localhost": true})
    );
}

#[test]
fn send_test_email_reports_success_or_failure() {
    let sim = sim();
    enable(&sim, MAIN);
    let path = format!("{MAIN}/send_test_email");
    let body = |host: &str, recipient: &str| {
        json!({"host": host, "port": 587, "username": "u", "password": "mail-pass-value",
               "sender_email": "auth@example.com", "sender_name": "Shop", "recipient_email": recipient})
        .to_string()
    };
    let ok = call(&sim, "POST", &path, Some(&body("smtp.example.com", "to@example.com")));
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body, json!({"success": true}));
    let failed = call(&sim, "POST", &path, Some(&body("fail.invalid", "to@example.com")));
    assert_eq!(
        failed.body,
        json!({"success": false, "error_message": "could not connect to fail.invalid"})
    );
    let bad = call(&sim, "POST", &path, Some(&body("smtp.example.com", "nope")));
    assert_eq!(bad.status, 400);
    assert!(bad.message().contains("recipient_email"));
    assert!(!String::from_utf8(bad.raw).unwrap().contains("mail-pass-value"));
    assert_eq!(
        call(&sim, "POST", &path, Some(r#"{"recipient_email":"to@example.com"}"#)).status,
        400
    );
}
