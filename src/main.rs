//! `resonance`: the command-line app (render, analyse, bridge, ...).

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
    /// Run the bridge: telemetry hub, director rules, web page, overlays, metrics.
    Bridge(cmd::bridge::BridgeArgs),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Bridge(a) => cmd::bridge::run(a),
    }
}
