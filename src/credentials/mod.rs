//! Where the API key comes from, decided as the `neon` CLI (npm `neon` 6.2.3) decides it: the
//! `apiKey` or `profile` option, then `NEON_API_KEY`, then a CLI profile (`NEON_PROFILE`, else
//! `DEFAULT`) found through `profiles.json`, in a file or the OS keyring. Reading the environment
//! and files goes through a [`Host`], so the wasm build can use JavaScript for it and a runtime
//! without either simply has none.

mod locate;
#[cfg(not(target_arch = "wasm32"))]
pub mod native_host;
mod oauth;
mod refresh_lock;
mod session;
mod stored;

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::validate;
use serde::{Deserialize, Serialize};

use locate::Location;
pub use session::Session;
use stored::Stored;

/// The keyring service the CLI stores credentials under.
pub const KEYRING_SERVICE: &str = "com.neon.neon-cli";
/// The OAuth server the CLI refreshes sessions with, unless `NEON_OAUTH_HOST` says otherwise.
pub const DEFAULT_OAUTH_HOST: &str = "https://oauth2.neon.tech";
/// The CLI's OAuth client.
pub const OAUTH_CLIENT_ID: &str = "neonctl";

/// Access to the environment, the file system and the OS keyring.
#[cfg(not(target_arch = "wasm32"))]
pub trait Host: Send + Sync + HostMethods {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + Sync + HostMethods> Host for T {}
/// Access to the environment, the file system and the OS keyring.
#[cfg(target_arch = "wasm32")]
pub trait Host: HostMethods {}
#[cfg(target_arch = "wasm32")]
impl<T: HostMethods> Host for T {}

/// What a [`Host`] offers. Writing is needed only to refresh an expired CLI login; a host that
/// cannot write keeps the defaults, and such a login is then refused with advice.
pub trait HostMethods {
    /// An environment variable, or `None` when unset or unavailable.
    fn env(&self, name: &str) -> Option<String>;
    /// A file's text: `Ok(None)` when it does not exist, `Err(reason)` when it cannot be read.
    fn read_file(&self, path: &str) -> std::result::Result<Option<String>, String>;
    /// The user's home directory, if known (used when `HOME` and `USERPROFILE` are unset).
    fn home_dir(&self) -> Option<String>;
    /// Whole milliseconds since the Unix epoch, as JavaScript's `Date.now()` gives them (the CLI
    /// stores expiry times in them); tests give a fake clock.
    fn now_ms(&self) -> f64 {
        crate::http::clock::now_ms().floor()
    }
    /// Sources this host cannot offer at all (e.g. `"environment"` on an edge runtime), for the
    /// "no credentials" message.
    fn unavailable(&self) -> Vec<String> {
        Vec::new()
    }
    /// `path` made absolute against the current directory (the CLI hashes absolute paths).
    fn absolute(&self, path: &str) -> String {
        path.to_string()
    }
    /// Whether this host can write files (refreshing a login rewrites its file).
    fn can_write(&self) -> bool {
        false
    }
    /// Replaces `path` by writing a temporary file (owner-only) beside it and renaming it over.
    fn write_file_atomic(&self, _path: &str, _text: &str) -> std::result::Result<(), String> {
        Err("this runtime cannot write files".into())
    }
    /// Creates `path` (and its folder) only if it does not exist: `Ok(false)` when it exists.
    fn create_new(&self, _path: &str) -> std::result::Result<bool, String> {
        Err("this runtime cannot write files".into())
    }
    /// Removes a file, ignoring failure.
    fn remove_file(&self, _path: &str) {}
    /// A file's modification time in milliseconds since the epoch.
    fn modified_ms(&self, _path: &str) -> Option<f64> {
        None
    }
    /// The OS keyring item `service`/`account`: `Ok(None)` when there is none, `Err(reason)` when
    /// the keyring cannot be used here.
    fn keyring_get(&self, _service: &str, _account: &str) -> std::result::Result<Option<String>, String> {
        Err("the OS keyring can only be read by the native backend".into())
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
    /// A Neon CLI credential in the OS keyring.
    Keyring,
}

impl CredentialSource {
    /// The value reported to JavaScript as `client.credentialSource`.
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialSource::Option => "option",
            CredentialSource::Env => "env",
            CredentialSource::CredentialsFile => "credentials_file",
            CredentialSource::Keyring => "keyring",
        }
    }
}

/// The caller's choices that steer resolution.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CredentialOptions {
    /// An explicit key (wins over the environment; cannot be combined with `profile`).
    pub api_key: Option<String>,
    /// The Neon CLI config directory, used exactly as given.
    pub config_dir: Option<String>,
    /// The Neon CLI profile (wins over the environment; cannot be combined with `api_key`).
    pub profile: Option<String>,
}

/// A resolved key and where it came from.
#[derive(Debug)]
pub struct Resolved {
    /// The key (for a CLI login that must be refreshed first, the stale token: see `session`).
    pub key: Secret,
    /// Its source.
    pub source: CredentialSource,
    /// The credentials file, when that was the source.
    pub path: Option<String>,
    /// A CLI login with a refresh token: ask it for the bearer before each call.
    pub session: Option<Session>,
    /// What the CLI would warn about (`NEON_PROFILE` ignored because `NEON_API_KEY` is set).
    pub warning: Option<String>,
}

impl Resolved {
    fn key(key: Secret, source: CredentialSource) -> Resolved {
        Resolved {
            key,
            source,
            path: None,
            session: None,
            warning: None,
        }
    }
}

/// The CLI's name for the profile backed by plain `credentials.json`.
pub const DEFAULT_PROFILE: &str = "DEFAULT";

/// A value as the CLI reads it: trimmed, and absent when empty.
fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Resolves the key with the CLI's precedence: an explicit `apiKey` or `profile` option beats
/// `NEON_API_KEY` and `NEON_PROFILE`; of those two, the key wins (with a warning).
pub fn resolve(options: &CredentialOptions, host: &dyn Host) -> Result<Resolved> {
    let option_key = non_empty(options.api_key.clone());
    let option_profile = non_empty(options.profile.clone());
    if option_key.is_some() && option_profile.is_some() {
        return Err(Error::config(
            "pass either the apiKey option or the profile option, not both: apiKey supplies a credential, profile selects a stored one",
        ));
    }
    if let Some(key) = &options.api_key {
        // An empty apiKey is refused (validate says so) rather than silently ignored.
        if option_profile.is_none() {
            return Ok(Resolved::key(
                validate::bearer("the apiKey option", key)?,
                CredentialSource::Option,
            ));
        }
    }
    if let Some(profile) = option_profile {
        return from_profile(options, &profile, host);
    }
    let env_profile = non_empty(host.env("NEON_PROFILE"));
    if let Some(key) = non_empty(host.env("NEON_API_KEY")) {
        let mut found = Resolved::key(validate::bearer("NEON_API_KEY", &key)?, CredentialSource::Env);
        found.warning = env_profile.map(|p| {
            format!("NEON_API_KEY is set, so profile \"{p}\" from NEON_PROFILE was ignored: pass the profile option to use it instead")
        });
        return Ok(found);
    }
    from_profile(options, env_profile.as_deref().unwrap_or(DEFAULT_PROFILE), host)
}

/// The credential a CLI profile holds, in a file or the keyring.
fn from_profile(options: &CredentialOptions, profile: &str, host: &dyn Host) -> Result<Resolved> {
    let dirs = locate::ConfigDirs::new(options, host);
    let Some(location) = dirs.profile(profile, host)? else {
        return Err(no_credentials(&dirs, profile, host));
    };
    let (text, source, label) = match &location {
        Location::File(path) => {
            let text = host.read_file(path).map_err(|reason| unreadable(path, &reason))?;
            match text {
                Some(text) => (text, CredentialSource::CredentialsFile, file_label(path)),
                None => return Err(no_credentials(&dirs, profile, host)),
            }
        }
        Location::Keyring { account } => {
            let text = host
                .keyring_get(KEYRING_SERVICE, account)
                .map_err(|reason| keyring_unusable(profile, &reason))?
                .ok_or_else(|| keyring_unusable(profile, "there is no such item"))?;
            let label = format!("the keyring item of profile \"{profile}\"");
            (text, CredentialSource::Keyring, label)
        }
    };
    let now = host.now_ms();
    let path = match &location {
        Location::File(path) => Some(path.clone()),
        Location::Keyring { .. } => None,
    };
    match stored::parse(&label, &text)? {
        Stored::ApiKey(key) => Ok(Resolved {
            path,
            ..Resolved::key(key, source)
        }),
        Stored::OAuth(login) => {
            let usable = login.usable_token(now)?;
            let session = match (&location, login.refresh_token()) {
                (Location::File(file), Some(_)) => Some(Session::new(
                    file.clone(),
                    dirs.lock_path(file, host),
                    host.env("NEON_OAUTH_HOST")
                        .unwrap_or_else(|| DEFAULT_OAUTH_HOST.to_string()),
                    &login,
                )),
                _ => None,
            };
            let key = match (usable, &session) {
                (Some(token), _) => token,
                (None, Some(_)) if matches!(location, Location::File(_)) && !host.can_write() => {
                    return Err(cannot_refresh_here(&label));
                }
                (None, Some(_)) => Secret::new(String::new()),
                (None, None) if source == CredentialSource::Keyring && login.refresh_token().is_some() => {
                    return Err(Error::config(format!(
                        "the Neon CLI login in {label} has expired: neon-admin never writes the keyring, so run `neon me --profile {profile}` to let the Neon CLI refresh it, or set NEON_API_KEY"
                    )));
                }
                (None, None) => {
                    return Err(Error::config(format!(
                        "the Neon CLI login in {label} has expired or has no expiry time, and holds no refresh token: run `neon auth` to log in again, or set NEON_API_KEY"
                    )))
                }
            };
            Ok(Resolved {
                key,
                source,
                path,
                session,
                warning: None,
            })
        }
    }
}

/// How errors name a credentials file: a source of the bearer (see [`validate::bearer`]).
pub(crate) fn file_label(path: &str) -> String {
    format!("the Neon CLI credentials file {path}")
}

pub(crate) fn cannot_refresh_here(label: &str) -> Error {
    Error::config(format!(
        "the Neon CLI login in {label} has expired, and refreshing it means rewriting that file, which this runtime cannot do: run `neon me` to let the Neon CLI refresh it, or set NEON_API_KEY"
    ))
}

fn keyring_unusable(profile: &str, reason: &str) -> Error {
    Error::config(format!(
        "profile \"{profile}\" keeps its credential in the OS keyring, which cannot be read here ({reason}): use the native backend (import 'neon-admin/native'), or set NEON_API_KEY"
    ))
}

fn unreadable(path: &str, reason: &str) -> Error {
    Error::config(format!("cannot read the Neon CLI credentials file {path}: {reason}; fix its permissions, or pass apiKey or set NEON_API_KEY"))
}

fn no_credentials(dirs: &locate::ConfigDirs, profile: &str, host: &dyn Host) -> Error {
    let looked = match dirs.describe() {
        Some(dirs) => format!("looked in {dirs}"),
        None => "no config directory is known".to_string(),
    };
    let unavailable = host.unavailable();
    let skipped = if unavailable.is_empty() {
        String::new()
    } else {
        format!("; skipped here: {}", unavailable.join(", "))
    };
    let (login, file) = if profile == DEFAULT_PROFILE {
        ("`neon auth`".to_string(), "credentials.json".to_string())
    } else {
        (
            format!("`neon auth --profile {profile}`"),
            format!("credentials file of profile \"{profile}\""),
        )
    };
    Error::config(format!(
        "no Neon API key found: pass the apiKey option, or set the NEON_API_KEY environment variable, or log in with {login} so that the Neon CLI's {file} exists ({looked}{skipped})"
    ))
}
