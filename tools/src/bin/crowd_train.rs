//! `crowd-train`: trains the reaction classifier and scores it leave-one-source-out
//! ([`resonance_tools::crowd::learn`]).

use clap::Parser;
use resonance_tools::crowd::learn::loso::{Options, run};
use resonance_tools::workspace_dir;

/// Trains the crowd analysis's reaction classifier on composites of the labelled corpus
/// (tools/corpus/crowd-labels.tsv; fetch it with scripts/fetch-crowd-corpus.sh), prints the
/// leave-one-source-out evaluation (confusion matrix, per-source rows, negatives, targets),
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
    /// Seed of the composites.
    #[arg(long, default_value_t = 28)]
    seed: u64,
    /// Write the model trained on everything into the engine's weights file.
    #[arg(long)]
    write: bool,
    /// With --write: let the model decide the reaction type in the engine (only when its
    /// leave-one-source-out figures beat the hand-set rules; decision 0042).
    #[arg(long)]
    enable: bool,
    /// Score the hand-set rules on the same composites (the bar the learned path must beat).
    #[arg(long)]
    hand_set: bool,
}

fn main() {
    let cli = Cli::parse();
    let opts = Options {
        variants: cli.variants,
        negatives: cli.negatives,
        write: cli.write,
        enable: cli.enable,
        hand_set: cli.hand_set,
        seed: cli.seed,
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
