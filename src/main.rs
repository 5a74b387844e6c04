//! `resonance`: the command-line front end. Thin: each subcommand lives in `cmd/`.

mod cmd;

use clap::{Parser, Subcommand};

/// Live audio intelligence for broadcasts, streams and games.
#[derive(Debug, Parser)]
#[command(name = "resonance", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyse a crowd recording: events and the mood every 0.5 s (text, JSON, plot).
    Analyze(cmd::analyze::AnalyzeArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => cmd::analyze::run(&args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
