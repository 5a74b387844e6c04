//! The `resonance` command: live audio intelligence from the command line.

mod cmd;

use clap::{Parser, Subcommand};

/// Live audio intelligence for broadcasts, streams and games.
#[derive(Debug, Parser)]
#[command(name = "resonance", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create or extend a music fingerprint index from audio files and folders.
    Index(cmd::index::IndexArgs),
    /// Identify recorded music against a fingerprint index.
    Identify(cmd::identify::IdentifyArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Index(args) => cmd::index::run(&args),
        Command::Identify(args) => cmd::identify::run(&args),
    }
}
