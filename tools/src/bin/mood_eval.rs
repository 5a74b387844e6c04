//! `mood-eval`: the library's mood estimate against measurements of the same audio
//! ([`resonance_tools::mood`]).

use std::path::PathBuf;

use clap::Parser;

/// Measures every audio file under FOLDERS with the library's mood analysis and, apart from
/// it, loudness (EBU R128), tempo, onset density and brightness; prints Pearson's r and n of
/// arousal against loudness, tempo and onset density and of valence against mode and
/// brightness, and writes report.md, tracks.tsv and mood_correlation.svg.
#[derive(Debug, Parser)]
#[command(name = "mood-eval")]
struct Cli {
    /// Folders of real music (searched recursively).
    #[arg(default_value = "target/test-audio/music")]
    folders: Vec<PathBuf>,
    /// Where the report, the per-track table and the plot go.
    #[arg(long, default_value = "target/mood-eval")]
    out: PathBuf,
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = resonance_tools::mood::run(&cli.folders, &cli.out) {
        eprintln!("mood-eval: {e}");
        std::process::exit(1);
    }
}
