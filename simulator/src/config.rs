//! Simulator settings and command-line parsing.

use crate::rate_limit::Limits;
use crate::state::DEFAULT_SEED_ORG;
use crate::token::is_plausible_token;
use crate::validate::is_valid_slug;

/// Usage text for `--help` and argument errors.
pub const USAGE: &str = "\
usage: neon-sim [--port N] [--seed-key TOKEN] [--seed-org ORG_ID] [--exit-on-stdin-eof]
                [--org-key-linger-ms N]
                [--rate-limit[=SCALE]] [--preview-branches N]

  --port N             port on 127.0.0.1 to listen on (default 0: any free port)
  --seed-key TOKEN     token of the seeded personal key (default: $NEON_SIM_SEED_KEY,
                       else a random token printed as `neon-sim seed key: TOKEN`)
  --seed-org ORG_ID    id of the seeded organization (default org-sim-000001)
  --exit-on-stdin-eof  exit when standard input reaches end of file
  --org-key-linger-ms N  how long a revoked organization key stays listed, as on the
                       live API (default 2000; 0 removes it at once)
  --rate-limit[=SCALE] enforce Neon's rate limits (700/min per account, 40/s per route,
                       10/s organization key creation) times SCALE (default 1), answering
                       429 with Retry-After; GET /__sim/rate-limit counts the 429s
  --preview-branches N seed project proj-sim-fleet with N branches preview/pr-0001 …
                       (Neon Auth off, partly configured, drifted, matching, in turn)
";

/// How to run the simulator.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Token of the seeded key; `None` generates one.
    pub seed_key: Option<String>,
    /// Id of the seeded organization.
    pub seed_org: String,
    /// Exit when stdin reaches EOF (used by `main` only).
    pub exit_on_stdin_eof: bool,
    /// Number of runtime threads serving connections.
    pub workers: usize,
    /// How long a revoked organization key stays listed, in milliseconds.
    pub org_key_linger_ms: u64,
    /// Enforce Neon's rate limits times this scale.
    pub rate_limit: Option<Limits>,
    /// Preview branches seeded in the fleet project.
    pub preview_branches: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            seed_key: None,
            seed_org: DEFAULT_SEED_ORG.to_string(),
            exit_on_stdin_eof: false,
            workers: 4,
            org_key_linger_ms: 2000,
            rate_limit: None,
            preview_branches: 0,
        }
    }
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Serve with this configuration.
    Run(Config),
    /// Print usage and exit successfully.
    Help,
}

/// Parses the arguments after the program name. `env_seed_key` is the value
/// of `NEON_SIM_SEED_KEY`, used when `--seed-key` is absent. Errors are
/// messages for stderr (the caller exits with status 2).
pub fn parse_args<I>(args: I, env_seed_key: Option<String>) -> Result<Command, String>
where
    I: IntoIterator<Item = String>,
{
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--port" => {
                let raw = value("--port")?;
                config.port = raw.parse().map_err(|_| format!("invalid --port value: {raw:?}"))?;
            }
            "--seed-key" => config.seed_key = Some(value("--seed-key")?),
            "--seed-org" => config.seed_org = value("--seed-org")?,
            "--org-key-linger-ms" => {
                let raw = value("--org-key-linger-ms")?;
                config.org_key_linger_ms = raw
                    .parse()
                    .map_err(|_| format!("invalid --org-key-linger-ms value: {raw:?}"))?;
            }
            "--exit-on-stdin-eof" if inline.is_none() => config.exit_on_stdin_eof = true,
            "--rate-limit" => {
                let scale = match &inline {
                    None => 1.0,
                    Some(raw) => raw
                        .parse::<f64>()
                        .ok()
                        .filter(|s| s.is_finite() && (0.01..=1000.0).contains(s))
                        .ok_or_else(|| format!("invalid --rate-limit scale: {raw:?} (0.01 to 1000)"))?,
                };
                config.rate_limit = Some(Limits::neon(scale));
            }
            "--preview-branches" => {
                let raw = value("--preview-branches")?;
                config.preview_branches = raw
                    .parse()
                    .ok()
                    .filter(|n| *n <= 100_000)
                    .ok_or_else(|| format!("invalid --preview-branches value: {raw:?}"))?;
            }
            "-h" | "--help" if inline.is_none() => return Ok(Command::Help),
            _ => return Err(format!("unknown argument: {arg}")),
        }
    }
    if config.seed_key.is_none() {
        config.seed_key = env_seed_key.filter(|k| !k.is_empty());
    }
    if let Some(key) = &config.seed_key {
        if !is_plausible_token(key) {
            return Err("seed key must be non-empty printable ASCII without spaces".to_string());
        }
    }
    if !is_valid_slug(&config.seed_org) {
        return Err(format!(
            "invalid --seed-org {:?}: must match ^[a-z0-9-]{{1,60}}$",
            config.seed_org
        ));
    }
    Ok(Command::Run(config))
}

#[cfg(test)]
#[path = "../tests/unit/config.rs"]
mod tests;
