//! `fingerprint-eval`: the music-recognition evaluation ([`resonance_tools::fingerprint`]).

use clap::Parser;
use resonance_tools::fingerprint::{Options, collections, run};

/// Music-recognition evaluation: indexes the shared test-audio set's music plus the benchmark
/// music of scripts/fetch-bench-music.sh (FP_BENCH_MUSIC, default target/bench-music), queries
/// it under noise and speed changes, and prints the markdown table (also written to
/// target/fingerprint-bench/table.md). Needs opusdec (opus-tools), espeak-ng and fpcalc.
/// Sweeps: FP_BENCH_FANOUTS=12,16, FP_BENCH_RATES=index,track,robust, FP_BENCH_ALPHAS=1e-7,3e-7,
/// FP_BENCH_DENSE=none,5:6:24:2 (a fifth field: the level), FP_BENCH_DENSE_DIAG=5:6:24:1, FP_BENCH_SWEEP_ONLY=1.
#[derive(Debug, Parser)]
#[command(name = "fingerprint-eval")]
struct Cli {
    /// A few-minute run with fewer queries (also when FP_BENCH_QUICK is set to anything).
    #[arg(long)]
    quick: bool,
    /// Only time the extraction on one track, for a profiler (also FP_BENCH_PROFILE).
    #[arg(long)]
    profile: bool,
    /// Only run the clean queries N times, for `perf record` (also FP_BENCH_PROFILE_QUERY=N).
    #[arg(long, value_name = "N")]
    profile_query: Option<usize>,
    /// The cross-collection evaluation (scripts/fetch-bench-collections.sh; FP_BENCH_COLLECTIONS,
    /// FP_COLL_POS, FP_COLL_NEG, FP_COLL_TUNE, FP_BENCH_THREADS, FP_COLL_CONDS, FP_COLL_LENGTHS,
    /// FP_COLL_NEG_EXTRA, FP_COLL_CALIBRATE, FP_COLL_DENSE_LEVEL, FP_COLL_OUT) instead of the
    /// single-corpus one.
    #[arg(long)]
    collections: bool,
    /// With --collections: also the scaling table (indexes of 1 h, 5 h, 20 h, all).
    #[arg(long)]
    scaling: bool,
    /// With --collections: also time the vote orders (bucketed and sorted) on the tuning
    /// collection's index and on the whole one, checking that they answer alike.
    #[arg(long)]
    latency: bool,
}

fn main() {
    let cli = Cli::parse();
    if cli.collections {
        collections::run(&collections::CollOptions::from_env(cli.quick, cli.scaling, cli.latency));
        return;
    }
    let env = Options::from_env();
    let opts = Options {
        quick: cli.quick || env.quick,
        profile: cli.profile || env.profile,
        profile_query: cli.profile_query.or(env.profile_query),
        sweep_only: env.sweep_only,
    };
    run(&opts);
}
