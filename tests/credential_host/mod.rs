//! The host the credential suites resolve through (`tests/credentials.rs`, `tests/bearers.rs`):
//! a fixed environment and clock, real files under a temporary HOME, and an optional keyring.

use neon_admin::credentials::{CredentialOptions, HostMethods};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

pub const NOW: f64 = 1_800_000_000_000.0;

/// A host with a fixed environment and clock, reading real files.
pub struct TestHost {
    pub env: HashMap<String, String>,
    pub home: String,
    /// The value of every keyring item (`None`: this host has no keyring).
    pub keyring: Option<String>,
}

impl HostMethods for TestHost {
    fn env(&self, name: &str) -> Option<String> {
        self.env.get(name).cloned()
    }
    fn read_file(&self, path: &str) -> Result<Option<String>, String> {
        match std::fs::read_to_string(path) {
            Ok(t) => Ok(Some(t)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }
    fn home_dir(&self) -> Option<String> {
        Some(self.home.clone())
    }
    fn now_ms(&self) -> f64 {
        NOW
    }
    fn keyring_get(&self, _service: &str, _account: &str) -> Result<Option<String>, String> {
        self.keyring
            .clone()
            .map(Some)
            .ok_or_else(|| "no keyring here".to_string())
    }
}

pub fn temp_home() -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "neon-admin-cred-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn host(home: &std::path::Path, env: &[(&str, &str)]) -> TestHost {
    TestHost {
        env: env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        home: home.to_string_lossy().into_owned(),
        keyring: None,
    }
}

pub fn write(path: PathBuf, text: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

pub fn api_key_file(key: &str) -> String {
    format!(r#"{{"type":"api_key","api_key":"{key}"}}"#)
}

pub fn profiles_json(entries: &[(&str, &str)]) -> String {
    let profiles: serde_json::Map<String, serde_json::Value> = entries
        .iter()
        .map(|(name, path)| (name.to_string(), serde_json::json!({ "credentials": path })))
        .collect();
    serde_json::json!({ "version": 1, "profiles": profiles }).to_string()
}

pub fn profile(p: &str) -> CredentialOptions {
    CredentialOptions {
        profile: Some(p.into()),
        ..Default::default()
    }
}
