//! `crowd-train`: trains the reaction classifier and scores it leave-one-source-out
//! ([`resonance_tools::crowd::learn`]).

use clap::Parser;
use resonance_tools::crowd::learn::loso::{Options, run};
use resonance_tools::workspace_dir;

/// Trains the crowd analysis's reaction classifier on composites of the labelled corpus
/// (tools/corpus/crowd-labels.tsv; fetch it with scripts/fetch-crowd-corpus.sh), prints the
/// leave-one-source-out evaluation of the learned path and of the hand-set rules on the same
/// composites (confusion matrices, per-source rows, negatives, targets, a side-by-side table),
/// and with --write regenerates engine/src/analysis/reaction_weights.rs.
#[derive(Debug, Parser)]
#[command(name = "crowd-train")]
struct Cli {
    /// Composites per event span and bed group.
    #[arg(long, default_value_t = 10)]
    variants: usize,
    /// Negatives of each type (swell, music, speech, bang, calm) per bed group.
    #[arg(long, default_value_t = 12)]
    negatives: usize,
    /// Synthetic crowds of layered single voices (the table's voice:* rows) per class and bed
    /// group, for training only; 0 for none.
    #[arg(long, default_value_t = 0)]
    voices: usize,
    /// Seed of the composites.
    #[arg(long, default_value_t = 28)]
    seed: u64,
    /// Instead of training: run the arousal-scale demonstration (a match-like tape of real
    /// recordings, arousal on the match scale and on the absolute one, plotted into
    /// target/crowd-eval/arousal-tape.{svg,png}).
    #[arg(long)]
    tape: bool,
    /// Instead of training: false events per 10 minutes on every ambience and murmur bed of
    /// the table, bed by bed, at two levels (the shipped analyser).
    #[arg(long)]
    beds: bool,
    /// With --beds: only the beds whose name contains this ("mixed": the murmur recordings
    /// spliced together), with the detectors' frames and hops around each false event.
    #[arg(long, requires = "beds")]
    beds_trace: Option<String>,
    /// Score only the hand-set rules (no training, no learned path): the shipped analyser's
    /// leave-one-source-out figures, quickly.
    #[arg(long, conflicts_with = "write")]
    rules_only: bool,
    /// Write the model trained on everything into the engine's weights file.
    #[arg(long)]
    write: bool,
    /// With --write: let the model decide the reaction type in the engine (refused unless its
    /// leave-one-source-out figures in this run beat the hand-set rules; decision 0042).
    #[arg(long, requires = "write")]
    enable: bool,
}

fn main() {
    let cli = Cli::parse();
    if cli.tape {
        if let Err(e) = resonance_tools::crowd::learn::tape::run(&resonance_tools::crowd::out_dir()) {
            eprintln!("arousal tape: {e}");
            std::process::exit(1);
        }
        return;
    }
    if cli.beds {
        resonance_tools::crowd::learn::beds::run(cli.seed, cli.beds_trace.as_deref());
        return;
    }
    let opts = Options {
        rules_only: cli.rules_only,
        variants: cli.variants,
        negatives: cli.negatives,
        write: cli.write,
        enable: cli.enable,
        seed: cli.seed,
        voices: cli.voices,
    };
    if let Some(src) = run(&opts) {
        let path = workspace_dir().join("engine/src/analysis/reaction_weights.rs");
        if let Err(e) = std::fs::write(&path, src) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
        println!("\nwrote {}", path.display());
    }
}
