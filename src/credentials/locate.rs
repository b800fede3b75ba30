//! Where a CLI profile's credential lives, as the `neon` CLI finds it: the config directory
//! (exact, or `neon/` with the legacy `neonctl/` read in place), `profiles.json` mapping names to
//! files or to the OS keyring, and `DEFAULT` meaning `credentials.json`.

use super::{non_empty, CredentialOptions, Host, DEFAULT_PROFILE};
use crate::error::{Error, Result};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Where one profile's credential is.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    /// A credentials file (the path the CLI would use, absolute when the CLI makes it so).
    File(String),
    /// An OS keyring item of service `com.neon.neon-cli` and this account.
    Keyring {
        /// `cli:<sha256 of the profiles folder>:<profile>`.
        account: String,
    },
}

/// The config directory and, when it was not chosen explicitly, the legacy one beside it.
pub struct ConfigDirs {
    /// `None` when no directory is known (no explicit one, and no home directory).
    primary: Option<String>,
    legacy: Option<String>,
}

/// What `profiles.json` holds.
enum Profiles {
    Absent,
    Unusable(String),
    Ok(Vec<(String, String)>),
}

impl ConfigDirs {
    /// An explicit directory (option, `NEON_CONFIG_DIR`, `NEONCTL_CONFIG_DIR`) is used exactly;
    /// otherwise `$XDG_CONFIG_HOME/neon` (or `~/.config/neon`), with `neonctl` as the legacy one.
    pub fn new(options: &CredentialOptions, host: &dyn Host) -> ConfigDirs {
        let exact = non_empty(options.config_dir.clone())
            .or_else(|| non_empty(host.env("NEON_CONFIG_DIR")))
            .or_else(|| non_empty(host.env("NEONCTL_CONFIG_DIR")));
        if let Some(dir) = exact {
            return ConfigDirs {
                primary: Some(dir),
                legacy: None,
            };
        }
        let base = non_empty(host.env("XDG_CONFIG_HOME")).or_else(|| {
            let home = non_empty(host.env("HOME"))
                .or_else(|| non_empty(host.env("USERPROFILE")))
                .or_else(|| host.home_dir());
            home.map(|h| join(&h, ".config"))
        });
        ConfigDirs {
            primary: base.as_ref().map(|b| join(b, "neon")),
            legacy: base.as_ref().map(|b| join(b, "neonctl")),
        }
    }

    /// The folders looked in, for messages; `None` when none is known.
    pub fn describe(&self) -> Option<String> {
        let primary = self.primary.as_ref()?;
        Some(match &self.legacy {
            Some(legacy) => format!("{primary}, {legacy}"),
            None => primary.clone(),
        })
    }

    /// A file of the config directory: the current one if it exists there, else an existing legacy
    /// one in place, else the current location.
    fn file(&self, primary: &str, name: &str, host: &dyn Host) -> String {
        let current = join(primary, name);
        if exists(&current, host) {
            return current;
        }
        if let Some(legacy) = &self.legacy {
            let old = join(legacy, name);
            if exists(&old, host) {
                return old;
            }
        }
        current
    }

    fn inspect_profiles(&self, path: &str, host: &dyn Host) -> Profiles {
        let broken = |why: &str| Profiles::Unusable(format!("{path} could not be read as a profiles file: {why}"));
        let text = match host.read_file(path) {
            Ok(None) => return Profiles::Absent,
            Ok(Some(text)) => text,
            Err(code) => return broken(&format!("reading it failed with {code}")),
        };
        let Some(parsed) = crate::json::de::text::value(text.as_bytes()) else {
            return broken("it is not valid JSON");
        };
        let Value::Object(mut file) = parsed else {
            return broken("it does not contain an object");
        };
        let Some(Value::Object(profiles)) = file.remove("profiles") else {
            return broken("it has no `profiles` object");
        };
        let mut entries = Vec::with_capacity(profiles.len());
        for (name, entry) in profiles {
            if !valid_name(&name) {
                return broken(&format!("\"{name}\" is not a valid profile name"));
            }
            match entry.get("credentials").and_then(Value::as_str) {
                Some(pointer) if !pointer.trim().is_empty() => entries.push((name, pointer.to_string())),
                _ => return broken(&format!("profile \"{name}\" has no `credentials` pointer")),
            }
        }
        Profiles::Ok(entries)
    }

    /// Where `profile` keeps its credential (`None` when no config directory is known); an unknown
    /// profile or an unusable `profiles.json` is an error, as in the CLI.
    pub fn profile(&self, profile: &str, host: &dyn Host) -> Result<Option<Location>> {
        if !valid_name(profile) {
            return Err(Error::field(
                "profile",
                format!("\"{profile}\" is not a profile name: use letters, digits, dot, dash or underscore, starting with a letter or digit"),
            ));
        }
        let Some(primary) = &self.primary else {
            return Ok(None);
        };
        let profiles_path = self.file(primary, "profiles.json", host);
        let entries = match self.inspect_profiles(&profiles_path, host) {
            Profiles::Unusable(reason) => {
                return Err(Error::config(format!(
                    "{reason}. Fix or delete the file (every Neon CLI profile is defined in it), or pass apiKey or set NEON_API_KEY"
                )))
            }
            Profiles::Absent => None,
            Profiles::Ok(entries) => Some(entries),
        };
        let profiles_dir = parent(&host.absolute(&profiles_path));
        if let Some((_, pointer)) = entries.iter().flatten().find(|(name, _)| name == profile) {
            if pointer == "keyring" {
                let digest = hex(&Sha256::digest(profiles_dir.as_bytes()));
                return Ok(Some(Location::Keyring {
                    account: format!("cli:{digest}:{profile}"),
                }));
            }
            return Ok(Some(Location::File(if is_absolute(pointer) {
                pointer.clone()
            } else {
                normalize(&join(&profiles_dir, pointer))
            })));
        }
        if profile == DEFAULT_PROFILE {
            return Ok(Some(Location::File(normalize(&host.absolute(&self.file(
                primary,
                "credentials.json",
                host,
            ))))));
        }
        let known = entries.map_or_else(
            || DEFAULT_PROFILE.to_string(),
            |e| e.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "),
        );
        Err(Error::field(
            "profile",
            format!("unknown Neon CLI profile \"{profile}\". Known profiles: {known}. Create it with `neon profile create {profile}`, or set NEON_API_KEY"),
        ))
    }

    /// The CLI's lock for refreshing the login in `file`: `.refresh-<id>.lock` in the config
    /// directory, `id` the first 16 hex digits of the SHA-256 of the file's path.
    pub fn lock_path(&self, file: &str, host: &dyn Host) -> String {
        let id = hex(&Sha256::digest(file.as_bytes()));
        let dir = self.primary.as_deref().unwrap_or(".");
        join(&normalize(&host.absolute(dir)), &format!(".refresh-{}.lock", &id[..16]))
    }
}

/// The CLI's profile-name pattern `^[A-Za-z0-9][A-Za-z0-9._-]*$`.
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn exists(path: &str, host: &dyn Host) -> bool {
    !matches!(host.read_file(path), Ok(None))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Joins with `/` (or keeps the separator `dir` ends with).
pub fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') || dir.ends_with('\\') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

fn is_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    path.starts_with('/') || path.starts_with('\\') || (b.len() > 2 && b[1] == b':' && matches!(b[2], b'\\' | b'/'))
}

fn parent(path: &str) -> String {
    let path = normalize(path);
    match path.rfind(['/', '\\']) {
        Some(0) => "/".to_string(),
        Some(i) => path[..i].to_string(),
        None => ".".to_string(),
    }
}

/// Removes `.` and `..` segments and repeated separators of an absolute POSIX path, as Node's
/// `path.resolve` does; other paths are returned as they are.
fn normalize(path: &str) -> String {
    if !path.starts_with('/') {
        return path.to_string();
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
#[path = "../../tests/unit/locate.rs"]
mod tests;
