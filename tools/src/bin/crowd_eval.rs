//! `crowd-eval`: the crowd-analysis evaluation ([`resonance_tools::crowd`]).

use clap::Parser;
use resonance_tools::crowd::{Options, run};

/// Crowd-analysis evaluation: builds labelled composites from the real clips of the test-audio
/// set (RESONANCE_TEST_AUDIO, else target/test-audio; plus scripts/fetch-extra-audio.sh),
/// runs the analyser on them and prints one markdown table per split; timeline plots go to
/// target/crowd-eval/. CROWD_EVAL_TRACE_MS=lo,hi sets a trace's window (ms around the onset);
/// CROWD_EVAL_DUMP_AUDIO=1 adds the audio to a dump.
#[derive(Debug, Parser)]
#[command(name = "crowd-eval")]
struct Cli {
    /// Only this split: tuning, held-out, held-out-2 … held-out-6 (use tuning while tuning).
    #[arg(long, env = "CROWD_EVAL_SPLIT")]
    split: Option<String>,
    /// Write every frame's features to target/crowd-eval/dump-SPLIT/ instead of scoring
    /// (also when CROWD_EVAL_DUMP is set to anything).
    #[arg(long)]
    dump: bool,
    /// Print a per-hop trace instead of scoring: roar, chant, or whistle (any other value);
    /// also CROWD_EVAL_TRACE.
    #[arg(long)]
    trace: Option<String>,
}

fn main() {
    let cli = Cli::parse();
    let opts = Options {
        split: cli.split,
        dump: cli.dump || std::env::var("CROWD_EVAL_DUMP").is_ok(),
        trace: cli.trace.or_else(|| std::env::var("CROWD_EVAL_TRACE").ok()),
    };
    run(&opts);
}
