//! Unit tests of the simulator's `config` module, compiled as its child `tests` module.

use super::*;

fn parse(args: &[&str], env: Option<&str>) -> Result<Command, String> {
    parse_args(args.iter().map(|s| s.to_string()), env.map(str::to_string))
}

fn run(args: &[&str], env: Option<&str>) -> Config {
    match parse(args, env).unwrap() {
        Command::Run(c) => c,
        Command::Help => panic!("unexpected help"),
    }
}

#[test]
fn defaults() {
    let c = run(&[], None);
    assert_eq!(c.port, 0);
    assert_eq!(c.seed_key, None);
    assert_eq!(c.seed_org, "org-sim-000001");
    assert!(!c.exit_on_stdin_eof);
    assert_eq!(c.org_key_linger_ms, 2000);
    assert_eq!(run(&["--org-key-linger-ms", "0"], None).org_key_linger_ms, 0);
    assert!(parse(&["--org-key-linger-ms", "-1"], None).is_err());
}

#[test]
fn all_flags() {
    let c = run(
        &[
            "--port",
            "8123",
            "--seed-key",
            "tok",
            "--seed-org=acme",
            "--exit-on-stdin-eof",
        ],
        Some("envtok"),
    );
    assert_eq!(c.port, 8123);
    assert_eq!(c.seed_key.as_deref(), Some("tok"));
    assert_eq!(c.seed_org, "acme");
    assert!(c.exit_on_stdin_eof);
}

#[test]
fn env_seed_key_applies_when_flag_absent() {
    assert_eq!(run(&[], Some("envtok")).seed_key.as_deref(), Some("envtok"));
    assert_eq!(run(&[], Some("")).seed_key, None);
}

#[test]
fn errors() {
    assert!(parse(&["--bogus"], None).unwrap_err().contains("--bogus"));
    assert!(parse(&["--port"], None).is_err());
    assert!(parse(&["--port", "70000"], None).is_err());
    assert!(parse(&["--seed-org", "Bad_Org"], None).is_err());
    assert!(parse(&["--seed-key", "a b"], None).is_err());
    assert!(parse(&["extra"], None).is_err());
}

#[test]
fn rate_limit_and_fleet() {
    let c = run(&["--rate-limit=10", "--preview-branches", "500"], None);
    assert_eq!(c.rate_limit, Some(Limits::neon(10.0)));
    assert_eq!(c.preview_branches, 500);
    assert_eq!(run(&["--rate-limit"], None).rate_limit, Some(Limits::neon(1.0)));
    assert_eq!(run(&[], None).rate_limit, None);
    assert!(parse(&["--rate-limit=0"], None).is_err());
    assert!(parse(&["--preview-branches", "-1"], None).is_err());
}

#[test]
fn help() {
    assert_eq!(parse(&["--help"], None).unwrap(), Command::Help);
}
