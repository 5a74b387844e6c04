//! `resonance`: the command-line front end. Thin: each subcommand lives in `cmd/`.

mod cmd;
mod demo;
mod output;

use clap::{Parser, Subcommand};

/// Live audio intelligence for broadcasts, streams and games.
///
/// With no subcommand, runs the built-in demo: a synthesised match crowd rendered through the
/// engine, with the timeline of what it heard.
#[derive(Debug, Parser)]
#[command(name = "resonance", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the engine offline over an audio file and write the result as WAV.
    Render(cmd::render::RenderArgs),
    /// Render the built-in demo match (synthesised crowd, scripted goals and whistles).
    Demo(cmd::demo::DemoArgs),
    /// List the factory presets and the engine's parameters.
    Presets(cmd::presets::PresetsArgs),
    /// Create or extend a music fingerprint index from audio files and folders.
    Index(cmd::index::IndexArgs),
    /// Identify recorded music against a fingerprint index.
    Identify(cmd::identify::IdentifyArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Render(args)) => cmd::render::run(&args),
        Some(Command::Demo(args)) => cmd::demo::run(&args),
        Some(Command::Presets(args)) => cmd::presets::run(&args),
        Some(Command::Index(args)) => cmd::index::run(&args),
        Some(Command::Identify(args)) => cmd::identify::run(&args),
        None => cmd::demo::run(&cmd::demo::DemoArgs::default()),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
