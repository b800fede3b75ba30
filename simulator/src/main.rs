//! `neon-sim`: run the Neon API simulator until killed.

use std::io::{self, Write};
use std::process::ExitCode;
use std::thread;

use neon_admin_simulator::config::{parse_args, Command, USAGE};
use neon_admin_simulator::start;

fn main() -> ExitCode {
    let env_seed_key = std::env::var("NEON_SIM_SEED_KEY").ok();
    let config = match parse_args(std::env::args().skip(1), env_seed_key) {
        Ok(Command::Run(config)) => config,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("neon-sim: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let exit_on_stdin_eof = config.exit_on_stdin_eof;
    let handle = match start(config) {
        Ok(handle) => handle,
        Err(e) => {
            eprintln!("neon-sim: cannot start: {e}");
            return ExitCode::from(1);
        }
    };

    {
        let mut out = io::stdout().lock();
        let _ = writeln!(out, "neon-sim listening on {}", handle.base_url());
        if handle.seed_key_generated() {
            let _ = writeln!(out, "neon-sim seed key: {}", handle.seed_key());
        }
        let _ = out.flush();
    }

    if exit_on_stdin_eof {
        thread::spawn(|| {
            let _ = io::copy(&mut io::stdin().lock(), &mut io::sink());
            std::process::exit(0);
        });
    }
    handle.wait();
    ExitCode::SUCCESS
}
