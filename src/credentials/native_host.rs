//! The host of a native process: `std::env` (or a given map of variables), `std::fs`, and with the
//! `os-keyring` feature the OS keyring through the keyring-rs stores that the CLI's
//! `@napi-rs/keyring` wraps (the kernel keyring on Linux, with its `keyring:<account>@<service>`
//! descriptions; Keychain on macOS; Credential Manager on Windows).

use crate::credentials::HostMethods;
use std::io::Write;

/// The host of a native process.
#[derive(Debug, Default, Clone)]
pub struct NativeHost {
    /// Variables to use instead of the process environment.
    pub env: Option<std::collections::HashMap<String, String>>,
}

/// Renames `from` over `to`. On Windows a file that another process holds open cannot be replaced
/// (access denied, or a sharing violation) until it is closed; such holds (a virus scanner, an
/// indexer, the CLI reading the file) are short, so the rename is tried again for up to 2 s.
fn rename_replacing(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        match std::fs::rename(from, to) {
            // ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION (32)
            Err(e)
                if cfg!(windows)
                    && matches!(e.raw_os_error(), Some(5 | 32))
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

impl HostMethods for NativeHost {
    fn env(&self, name: &str) -> Option<String> {
        match &self.env {
            Some(map) => map.get(name).cloned(),
            None => std::env::var(name).ok(),
        }
    }

    fn read_file(&self, path: &str) -> Result<Option<String>, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Some(text)),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(e.to_string()),
        }
    }

    fn home_dir(&self) -> Option<String> {
        // The real home, as Node's os.homedir() gives the wasm build, whatever `env` says.
        std::env::var("HOME").ok().or_else(|| std::env::var("USERPROFILE").ok())
    }

    fn absolute(&self, path: &str) -> String {
        std::path::absolute(path)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| path.to_string())
    }

    fn can_write(&self) -> bool {
        true
    }

    fn write_file_atomic(&self, path: &str, text: &str) -> Result<(), String> {
        let target = std::path::Path::new(path);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = target.with_file_name(format!(".{name}.{}.{}.tmp", std::process::id(), self.now_ms() as u64));
        let written = secret_file(&temporary)
            .and_then(|mut file| file.write_all(text.as_bytes()))
            .and_then(|()| rename_replacing(&temporary, target));
        written.map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            e.to_string()
        })
    }

    fn create_new(&self, path: &str) -> Result<bool, String> {
        if let Some(dir) = std::path::Path::new(path).parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        match secret_file(std::path::Path::new(path)) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(e.to_string()),
        }
    }

    fn remove_file(&self, path: &str) {
        let _ = std::fs::remove_file(path);
    }

    fn modified_ms(&self, path: &str) -> Option<f64> {
        let modified = std::fs::metadata(path).ok()?.modified().ok()?;
        Some(modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis() as f64)
    }

    #[cfg(all(feature = "os-keyring", any(target_os = "linux", target_os = "macos", windows)))]
    fn keyring_get(&self, service: &str, account: &str) -> Result<Option<String>, String> {
        use keyring_core::api::CredentialStoreApi;
        #[cfg(target_os = "linux")]
        let store = linux_keyutils_keyring_store::Store::new();
        #[cfg(target_os = "macos")]
        let store = apple_native_keyring_store::keychain::Store::new();
        #[cfg(windows)]
        let store = windows_native_keyring_store::Store::new();
        let entry = store
            .and_then(|store| store.build(service, account, None))
            .map_err(|e| e.to_string())?;
        match entry.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Creates a new file only the owner can read (0600 where modes exist).
fn secret_file(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}
