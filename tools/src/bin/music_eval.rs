//! `music-eval`: the music-quality evaluation ([`resonance_tools::music`]).

use clap::Parser;
use resonance_tools::music::{Options, run};

/// Music-quality evaluation (issue 29): renders each factory style along three arcs (match,
/// tension, chant) and several seeds through the offline renderer of `render --arc`, and
/// prints one markdown table per style (also written to target/music-eval/report.md).
#[derive(Debug, Parser)]
#[command(name = "music-eval")]
struct Cli {
    /// Styles (preset names), comma-separated; default every factory style.
    #[arg(long, value_delimiter = ',')]
    styles: Vec<String>,
    /// Arcs: match, tension, chant; default all three.
    #[arg(long, value_delimiter = ',')]
    arcs: Vec<String>,
    /// Seeds, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [1u64, 2])]
    seeds: Vec<u64>,
    /// Render length in seconds.
    #[arg(long, default_value_t = 180.0)]
    seconds: f64,
    /// Render as `render --arc` did before sync points and endings (the baseline).
    #[arg(long)]
    unplanned: bool,
    /// Write 10-second spectrogram excerpts (PNG: around the first event, the ending) of
    /// the first arc and seed of each style into this folder.
    #[arg(long)]
    spectrograms: Option<std::path::PathBuf>,
    /// Synthesise every layer, even those a style plays from the default SoundFont
    /// ($RESONANCE_SOUNDFONT, else FluidR3 GM).
    #[arg(long)]
    synthesised: bool,
    /// Write a trace of each render (per 5-second window: arousal, tempo, onsets,
    /// brightness, level; per phrase: the form's section and theme, the lead's notes, the
    /// best theme agreement) to `target/music-eval/trace-<style>-<arc>-s<seed>.tsv`.
    #[arg(long)]
    trace: bool,
}

fn main() {
    let cli = Cli::parse();
    if !(cli.seconds > 20.0 && cli.seconds <= 3600.0) {
        eprintln!("--seconds {} is out of range; use 20 < seconds <= 3600", cli.seconds);
        std::process::exit(2);
    }
    run(&Options {
        styles: cli.styles,
        arcs: cli.arcs,
        seeds: cli.seeds,
        seconds: cli.seconds,
        unplanned: cli.unplanned,
        spectrograms: cli.spectrograms,
        synthesised: cli.synthesised,
        trace: cli.trace,
    });
}
