//! `resonance`: the command-line front end. Thin: each subcommand lives in `cmd/`.

/// In unit tests, count allocations so the live host's callbacks can prove they make none.
#[cfg(test)]
#[global_allocator]
static ALLOC: resonance_engine::testing::CountingAllocator = resonance_engine::testing::CountingAllocator;

mod arc;
mod cmd;
mod demo;
mod files;
mod limits;
mod live;
mod output;
mod source;

use clap::{Parser, Subcommand};

/// Live audio intelligence for broadcasts, streams and games.
///
/// With no subcommand, runs the whole product (`resonance up`, with the same options): the
/// bridge with its web page and the live host on the default audio devices, or on the built-in
/// demo input and a null output when the machine has none.
#[derive(Debug, Parser)]
#[command(name = "resonance", version, about, long_about = None, propagate_version = true, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    up: cmd::up::UpArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the engine offline over an audio file and write the result as WAV.
    Render(cmd::render::RenderArgs),
    /// Render the built-in demo match (synthesised crowd, scripted goals and whistles).
    Demo(cmd::demo::DemoArgs),
    /// List the factory presets and the engine's parameters.
    Presets(cmd::presets::PresetsArgs),
    /// Render a soundtrack that follows a match recording's emotional arc, with stingers on
    /// detected and supplied events; writes a JSON of the moments beside it.
    Highlight(cmd::highlight::HighlightArgs),
    /// List audio hosts and devices with their channels and sample rates.
    Devices,
    /// Run the engine live on audio devices (crowd mic in, music out), with MIDI control.
    Live(live::options::LiveArgs),
    /// The whole product: the bridge (web page, API, OSC) and the live host, stopped together
    /// with Ctrl-C.
    Up(cmd::up::UpArgs),
    /// Run the bridge: telemetry hub, director rules, web page, overlays, metrics.
    Bridge(cmd::bridge::BridgeArgs),
    /// A dedicated recognition host: the bridge serving the recognition API
    /// (`/api/v1/recognize`, the catalogue, webhooks) from the catalogue in `--index DIR`.
    ServeRecognition(cmd::bridge::ServeRecognitionArgs),
    /// The bridge's API keys: create, list, revoke (in its data directory or database).
    Keys(cmd::keys::KeysArgs),
    /// The bridge's clip library: import a folder of clips (in its data directory or database).
    Clips(cmd::clips::ClipsArgs),
    /// Analyse a crowd recording: events and the mood every 0.5 s (text, JSON, plot).
    Analyze(cmd::analyze::AnalyzeArgs),
    /// Create or extend a music fingerprint index from audio files and folders.
    Index(cmd::index::IndexArgs),
    /// Identify recorded music against a fingerprint index.
    Identify(cmd::identify::IdentifyArgs),
    /// Music discovery's queue, wishlist and history: import other tools' files, export them.
    Discovery(cmd::discovery::DiscoveryArgs),
    /// The bridge's music library: `scan DIR` measures the mood of every audio file in a
    /// folder and stores it (resumable).
    Library(cmd::library::LibraryArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, Some(Command::Render(_) | Command::Demo(_) | Command::Highlight(_))) {
        files::remove_parts_on_signal();
    }
    let result = match cli.command {
        Some(Command::Render(args)) => cmd::render::run(&args),
        Some(Command::Demo(args)) => cmd::demo::run(&args),
        Some(Command::Presets(args)) => cmd::presets::run(&args),
        Some(Command::Highlight(args)) => cmd::highlight::run(&args),
        Some(Command::Live(args)) => live::control::run(&args),
        Some(Command::Up(args)) => cmd::up::run(&args),
        Some(Command::Devices) => {
            live::devices::print();
            Ok(())
        }
        Some(Command::Bridge(args)) => cmd::bridge::run(args),
        Some(Command::ServeRecognition(args)) => cmd::bridge::serve_recognition(args),
        Some(Command::Keys(args)) => cmd::keys::run(&args),
        Some(Command::Clips(args)) => cmd::clips::run(&args),
        Some(Command::Analyze(args)) => cmd::analyze::run(&args),
        Some(Command::Index(args)) => cmd::index::run(&args),
        Some(Command::Identify(args)) => cmd::identify::run(&args),
        Some(Command::Discovery(args)) => cmd::discovery::run(&args),
        Some(Command::Library(args)) => cmd::library::run(&args),
        None => cmd::up::run(&cli.up),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
