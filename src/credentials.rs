//! Where the API key comes from: the `apiKey` option, `NEON_API_KEY`, or the Neon CLI's stored
//! credentials. Reading the environment and files goes through a [`Host`], so the wasm build can
//! use JavaScript for it and a runtime without either simply has none.

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::validate;
use serde::{Deserialize, Serialize};

/// Access to the environment and the file system.
pub trait Host {
    /// An environment variable, or `None` when unset or unavailable.
    fn env(&self, name: &str) -> Option<String>;
    /// A file's text: `Ok(None)` when it does not exist, `Err(reason)` when it cannot be read.
    fn read_file(&self, path: &str) -> std::result::Result<Option<String>, String>;
    /// The user's home directory, if known.
    fn home_dir(&self) -> Option<String>;
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> f64;
    /// Sources this host cannot offer at all (e.g. `"environment"` on an edge runtime), for the
    /// "no credentials" message.
    fn unavailable(&self) -> Vec<String> {
        Vec::new()
    }
}

/// Which source supplied the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialSource {
    /// The `apiKey` option.
    Option,
    /// The `NEON_API_KEY` environment variable.
    Env,
    /// A Neon CLI credentials file.
    CredentialsFile,
}

impl CredentialSource {
    /// The value reported to JavaScript as `client.credentialSource`.
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialSource::Option => "option",
            CredentialSource::Env => "env",
            CredentialSource::CredentialsFile => "credentials_file",
        }
    }
}

/// The caller's choices that steer resolution.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CredentialOptions {
    /// An explicit key (wins over everything).
    pub api_key: Option<String>,
    /// The Neon CLI config directory, used exactly as given.
    pub config_dir: Option<String>,
    /// The Neon CLI profile name.
    pub profile: Option<String>,
}

/// A resolved key and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The key.
    pub key: Secret,
    /// Its source.
    pub source: CredentialSource,
    /// The credentials file, when that was the source.
    pub path: Option<String>,
}

/// The content of a Neon CLI credentials file (only the fields this library reads).
#[derive(Deserialize)]
struct CredentialsFile {
    #[serde(rename = "type")]
    kind: Option<String>,
    api_key: Option<String>,
    access_token: Option<String>,
    expires_at: Option<f64>,
}

/// Resolves the key: explicit option, then `NEON_API_KEY`, then the Neon CLI credentials file.
pub fn resolve(options: &CredentialOptions, host: &dyn Host) -> Result<Resolved> {
    if let Some(key) = &options.api_key {
        let key = validate::api_key("apiKey", key)?;
        return Ok(Resolved {
            key,
            source: CredentialSource::Option,
            path: None,
        });
    }
    if let Some(key) = host.env("NEON_API_KEY").filter(|k| !k.is_empty()) {
        let key = validate::api_key("NEON_API_KEY", &key)?;
        return Ok(Resolved {
            key,
            source: CredentialSource::Env,
            path: None,
        });
    }
    let profile = options
        .profile
        .clone()
        .or_else(|| host.env("NEON_PROFILE").filter(|p| !p.is_empty()));
    if let Some(name) = &profile {
        check_profile_name(name)?;
    }
    let candidates = config_dirs(options, host);
    for dir in &candidates {
        let Some(path) = credentials_path(dir, profile.as_deref(), host)? else {
            continue;
        };
        if let Some(text) = host.read_file(&path).map_err(|reason| unreadable(&path, &reason))? {
            let key = parse_credentials(&path, &text, host.now_ms())?;
            return Ok(Resolved {
                key,
                source: CredentialSource::CredentialsFile,
                path: Some(path),
            });
        }
    }
    Err(no_credentials(&candidates, profile.as_deref(), host))
}

/// Config directories to look in, in order: an exact one, or the current default then the legacy one.
fn config_dirs(options: &CredentialOptions, host: &dyn Host) -> Vec<String> {
    let exact = options
        .config_dir
        .clone()
        .or_else(|| host.env("NEON_CONFIG_DIR").filter(|d| !d.is_empty()))
        .or_else(|| host.env("NEONCTL_CONFIG_DIR").filter(|d| !d.is_empty()));
    if let Some(dir) = exact {
        return vec![dir];
    }
    let base = host
        .env("XDG_CONFIG_HOME")
        .filter(|d| !d.is_empty())
        .or_else(|| host.home_dir().map(|home| join(&home, ".config")));
    match base {
        Some(base) => vec![join(&base, "neon"), join(&base, "neonctl")],
        None => Vec::new(),
    }
}

/// The credentials file for a profile in `dir`: `credentials.json` for the default profile, the
/// path `profiles.json` maps the name to, else `credentials.<name>.json`.
fn credentials_path(dir: &str, profile: Option<&str>, host: &dyn Host) -> Result<Option<String>> {
    let Some(name) = profile.filter(|p| *p != "default") else {
        return Ok(Some(join(dir, "credentials.json")));
    };
    let map_path = join(dir, "profiles.json");
    if let Some(text) = host
        .read_file(&map_path)
        .map_err(|reason| unreadable(&map_path, &reason))?
    {
        let map = serde_json::from_slice::<serde_json::Value>(text.as_bytes())
            .ok()
            .and_then(|v| match v {
                serde_json::Value::Object(map) => Some(map),
                _ => None,
            })
            .ok_or_else(|| malformed(&map_path, "is not a JSON object of profile names to paths"))?;
        if let Some(target) = map.get(name) {
            let target = target.as_str().filter(|t| !t.is_empty()).ok_or_else(|| {
                malformed(
                    &map_path,
                    &format!("maps profile `{name}` to something that is not a path"),
                )
            })?;
            let absolute = target.starts_with('/') || target.get(1..3) == Some(":\\");
            return Ok(Some(if absolute {
                target.to_string()
            } else {
                join(dir, target)
            }));
        }
    }
    Ok(Some(join(dir, &format!("credentials.{name}.json"))))
}

fn check_profile_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Error::field(
            "profile",
            "must be 1 to 64 characters of letters, digits, '-', '_' and '.'",
        ))
    }
}

fn parse_credentials(path: &str, text: &str, now_ms: f64) -> Result<Secret> {
    let file: CredentialsFile = serde_json::from_slice::<serde_json::Value>(text.as_bytes())
        .ok()
        .and_then(|v| crate::de::from_value(&v).ok())
        .ok_or_else(|| malformed(path, "is not valid JSON"))?;
    match file.kind.as_deref() {
        Some("api_key") => {
            let key = file
                .api_key
                .ok_or_else(|| malformed(path, "has \"type\": \"api_key\" but no \"api_key\""))?;
            validate::api_key("api_key", &key)
                .map_err(|_| malformed(path, "holds an \"api_key\" that is not a valid key"))
        }
        None | Some("oauth") => {
            let token = file
                .access_token
                .ok_or_else(|| malformed(path, "has no \"access_token\""))?;
            if let Some(expires_at) = file.expires_at {
                if expires_at <= now_ms {
                    return Err(Error::config(format!(
                        "the Neon CLI login stored in {path} has expired: run `neon auth` (or `neonctl auth`) to log in again, or set NEON_API_KEY"
                    )));
                }
            }
            validate::api_key("access_token", &token)
                .map_err(|_| malformed(path, "holds an \"access_token\" that is not a valid token"))
        }
        Some(other) => Err(malformed(
            path,
            &format!(
                "has an unknown \"type\" {:?} (expected \"api_key\" or \"oauth\")",
                other.chars().take(20).collect::<String>()
            ),
        )),
    }
}

fn unreadable(path: &str, reason: &str) -> Error {
    Error::config(format!("cannot read the Neon CLI credentials file {path}: {reason}; fix its permissions, or pass apiKey or set NEON_API_KEY"))
}

fn malformed(path: &str, what: &str) -> Error {
    Error::config(format!(
        "the Neon CLI credentials file {path} {what}: run `neon auth` to write it again, or pass apiKey or set NEON_API_KEY"
    ))
}

fn no_credentials(dirs: &[String], profile: Option<&str>, host: &dyn Host) -> Error {
    let file = match profile {
        Some(name) => format!("credentials for profile `{name}`"),
        None => "credentials.json".to_string(),
    };
    let looked = if dirs.is_empty() {
        "no config directory is known".to_string()
    } else {
        format!("looked in {}", dirs.join(", "))
    };
    let unavailable = host.unavailable();
    let skipped = if unavailable.is_empty() {
        String::new()
    } else {
        format!("; skipped here: {}", unavailable.join(", "))
    };
    Error::config(format!(
        "no Neon API key found: pass the apiKey option, or set the NEON_API_KEY environment variable, or log in with `neon auth` so that the Neon CLI's {file} exists ({looked}{skipped})"
    ))
}

fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') || dir.ends_with('\\') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// The host of a native process: `std::env` (or a given map of variables) and `std::fs`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Default)]
pub struct NativeHost {
    /// Variables to use instead of the process environment.
    pub env: Option<std::collections::HashMap<String, String>>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Host for NativeHost {
    fn env(&self, name: &str) -> Option<String> {
        match &self.env {
            Some(map) => map.get(name).cloned(),
            None => std::env::var(name).ok(),
        }
    }

    fn read_file(&self, path: &str) -> std::result::Result<Option<String>, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn home_dir(&self) -> Option<String> {
        // The real home, as Node's os.homedir() gives the wasm build, whatever `env` says.
        std::env::var("HOME").ok().or_else(|| std::env::var("USERPROFILE").ok())
    }

    fn now_ms(&self) -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as f64)
            .unwrap_or(0.0)
    }
}
