//! Music recognition evaluation (issue 4): accuracy under crowd and white noise, speed changes,
//! false positives, query latency, extraction speed, index size, and `fpcalc` as a peer.
//!
//! `cargo run --release -p resonance-tools --bin fingerprint-eval` (set `RESONANCE_TEST_AUDIO`;
//! `--quick` or `FP_BENCH_QUICK=1` for a few-minute run with fewer queries). Seeded: the same
//! clips every run; the clip list is written to `target/fingerprint-bench/clips.tsv`.
//!
//! Needs more music than the shared test-audio set: `scripts/fetch-bench-music.sh` (Debian
//! game soundtracks; directory from `FP_BENCH_MUSIC`, default `target/bench-music`), whose
//! Opus files are decoded with `opusdec` (Debian `opus-tools`); and `espeak-ng` for speech
//! negatives. The index holds the shared set's music minus the held-out tracks plus the
//! Warzone 2100 soundtracks (> 4 h in all). Negatives come in two sets: the *calibration*
//! negatives (held-out tracks of the shared set, the ones `ALPHA` was set from) and the
//! *held-out* negatives, never used to set anything: other music that is not indexed
//! (Hedgewars, LinCity), clean and under noise, crowd recordings alone, synthetic speech alone
//! and over crowd.
//!
//! `FP_BENCH_FANOUTS=12,16` also evaluates other query fan-outs on the noisy conditions and
//! every negative, `FP_BENCH_RATES=index,track,robust` the matcher's chance-rate estimates
//! (a sweep; the main table uses the engine's defaults), `FP_BENCH_ALPHAS=1e-7,3e-7` the
//! accepted chance-match probability, `FP_BENCH_DENSE` and `FP_BENCH_DENSE_DIAG` the dense
//! look ([`scoring::sweep_variants`], [`scoring::dense_diagnosis`]).
//!
//! `--collections` runs the cross-collection evaluation instead ([`collections`]: several
//! collections of different genre, tuned on one, reported blind on the others).
//!
//! Stages: [`corpus`] (the music, the index), [`synthesis`] (the seeded queries and their
//! conditions), [`scoring`], [`report`] (the table) and [`profile`] (profiling aids).

pub mod collections;
pub mod corpus;
pub mod profile;
pub mod report;
pub mod scoring;
pub mod synthesis;

use std::path::PathBuf;

use resonance_io::fingerprint::matcher::{Identifier, IdentifyOptions};
use resonance_test_support::{SplitMix64, test_audio_dir};

use corpus::Corpus;
use report::Results;
use scoring::{Eval, Logs};
use synthesis::Queries;

/// The analysis rate every track is decoded to.
pub const SR: u32 = 44100;
/// Query length (s).
pub const QUERY_S: f64 = 5.0;

/// What to run: from the command line or the environment variables the evaluation has always
/// read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Fewer queries and negatives, a few minutes in all (`FP_BENCH_QUICK`, any value).
    pub quick: bool,
    /// Only time the extraction on one track (`FP_BENCH_PROFILE`, any value).
    pub profile: bool,
    /// Only run the clean queries this many times (`FP_BENCH_PROFILE_QUERY=N`).
    pub profile_query: Option<usize>,
    /// Skip the main table's conditions, for sweeps (`FP_BENCH_SWEEP_ONLY`, any value).
    pub sweep_only: bool,
}

impl Options {
    /// The options the environment sets.
    pub fn from_env() -> Self {
        Options {
            quick: std::env::var_os("FP_BENCH_QUICK").is_some(),
            profile: std::env::var_os("FP_BENCH_PROFILE").is_some(),
            profile_query: std::env::var("FP_BENCH_PROFILE_QUERY").ok().and_then(|v| v.parse::<usize>().ok()),
            sweep_only: std::env::var_os("FP_BENCH_SWEEP_ONLY").is_some(),
        }
    }
}

/// Where the index, the logs and the table go (`target/fingerprint-bench` in the workspace).
pub fn out_dir() -> PathBuf {
    crate::workspace_dir().join("target/fingerprint-bench")
}

/// Runs the evaluation and prints the table (also written to `table.md` in [`out_dir`]).
pub fn run(opts: &Options) {
    if opts.profile {
        profile::profile_extraction(&test_audio_dir());
        return;
    }
    let out_dir = out_dir();
    std::fs::create_dir_all(&out_dir).expect("create target/fingerprint-bench");
    let mut rng = SplitMix64(0x5eed_f1e9_0004);
    let c = Corpus::load(test_audio_dir(), opts.quick, &mut rng);
    let b = corpus::build_index(&c, &out_dir);
    let query_x_rt = scoring::query_extraction_speed(&c, b.indexed_s);
    let (crowd_paths, crowd) = corpus::crowd_noise(&c.dir);
    let q = Queries::draw(&c, opts.quick, &mut rng, crowd_paths, crowd);
    let id_opts = IdentifyOptions::default();
    // One query context for the whole run, as a service or `resonance identify` over many
    // files keeps one: the hashers' kernel tables and FFT plans are built once.
    let mut ident = Identifier::new(id_opts.clone());
    if let Some(rounds) = opts.profile_query {
        profile::profile_queries(&c, &b, &q, &mut ident, rounds);
        return;
    }
    let e = Eval { c: &c, b: &b, q: &q };
    let mut logs = Logs::default();
    let mut rows = if opts.sweep_only { Vec::new() } else { scoring::score_conditions(&e, &mut ident, &mut logs) };
    let groups = scoring::other_groups(&q, &out_dir.join("speech"), opts.quick);
    let other_rows = scoring::score_groups(&groups, &b.index, &mut ident, &mut logs);
    std::fs::write(out_dir.join("clips.tsv"), &logs.clips).expect("write clip list");
    std::fs::write(out_dir.join("scores.tsv"), &logs.scores).expect("write score list");
    let checks = scoring::checks(&e, &mut ident, opts.quick);

    let mut table = report::main_table(&mut Results {
        c: &c,
        b: &b,
        q: &q,
        rows: &mut rows,
        other_rows: &other_rows,
        checks: &checks,
        opts: &id_opts,
        query_x_rt,
    });
    report::threshold_table(&mut table, &c, &b, &q, &scoring::small_index(&c));
    let sweep = scoring::sweep_variants();
    for line in scoring::dense_diagnosis(&e, &groups) {
        table.push('\n');
        table.push_str(&line);
        table.push('\n');
    }
    if !sweep.is_empty() {
        table.push_str(report::SWEEP_HEADER);
    }
    for (f, o) in sweep {
        let line = scoring::sweep_row(&e, &groups, &f, o);
        eprintln!("sweep {line}");
        table.push_str(&line);
        table.push('\n');
    }
    println!("{table}");
    std::fs::write(out_dir.join("table.md"), &table).expect("write table");
}
