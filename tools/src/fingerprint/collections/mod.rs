//! Cross-collection evaluation (issue 23): recognition measured on several collections of
//! different genre and production, tuned on one and reported blind on the others, with the
//! worst collection as the headline.
//!
//! `cargo run --release -p resonance-tools --bin fingerprint-eval -- --collections` after
//! `bash scripts/fetch-bench-collections.sh` (folder: `FP_BENCH_COLLECTIONS`, default
//! `target/bench-collections`; each sub-folder is a collection). One index holds every
//! collection's indexed tracks (a seeded ~15 % of each collection is held out: their excerpts
//! are the negatives). Before scoring, three probes of every track (at 20, 50 and 80 %) are queried: a
//! held-out track found in the index is a re-release of an indexed recording and is dropped
//! from the negatives; two indexed tracks that find each other are duplicates, and either
//! answer counts as right. Queries of 5 s and 3 s are played under every condition of
//! [`conditions::CONDS`]; negatives under [`conditions::NEG_CONDS`]. Outputs in
//! `target/fingerprint-bench/collections/`: `table.md`, `accuracy.png`, `queries.tsv`.
//! `--scaling` adds the table of index sizes 1 h, 5 h, 20 h and all.
//!
//! Stages: [`material`] (decode, split, cut), [`conditions`] (the noisy copies), [`score`]
//! (queries on two threads), [`report`] (tables, plot).

pub mod conditions;
pub mod material;
pub mod report;
pub mod score;
pub mod tune;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use resonance_engine::fingerprint::{FRAME_S, HasherConfig};
use resonance_io::fingerprint::index::{Index, TrackInfo};
use resonance_io::fingerprint::matcher::{Identifier, IdentifyOptions};
use resonance_test_support::{SplitMix64, test_audio_dir};

use conditions::{CONDS, Cond, Noises};
use material::Material;

/// Options of the cross-collection run.
#[derive(Debug, Clone)]
pub struct CollOptions {
    /// Positive excerpts per collection (each played under every condition, at 5 s and 3 s).
    pub n_pos: usize,
    /// Negative excerpts per collection (each under [`conditions::NEG_CONDS`], 5 s and 3 s).
    pub n_neg: usize,
    /// The tuning collection (the others are blind).
    pub tune: String,
    /// Also measure the scaling table.
    pub scaling: bool,
    /// Threads for decoding and queries.
    pub threads: usize,
    /// Index-side hashing (`FP_COLL_INDEX=half_t:half_f:fanout`; the engine's default).
    pub index: HasherConfig,
    /// Query options (`FP_COLL_QUERY=half_t:half_f:fanout`, `FP_COLL_DENSE=half_t:half_f:fanout`
    /// or `none`, `FP_COLL_DENSE_SHIFTS=n` framings of the dense look; the matcher's
    /// defaults). `FP_COLL_EMPHASIS=1` or `0` sets onset emphasis on the index and every
    /// query-side hashing alike (decision 0035). `FP_COLL_DENSE_LEVEL=x` sets the dense look's
    /// acceptance level to `-log10 p >= x` (its [`DenseLook::alpha`](resonance_io::fingerprint::matcher::DenseLook::alpha)).
    pub identify: IdentifyOptions,
    /// The positives' conditions (`FP_COLL_CONDS=clean,crowd0,crowd-5,white0,white-5`: the
    /// names of [`cond_key`]; every condition of [`CONDS`] by default).
    pub conds: Vec<Cond>,
    /// Query lengths (`FP_COLL_LENGTHS=5,3`, the default).
    pub lengths: Vec<f64>,
    /// A folder of recordings in no collection and in no index (`FP_COLL_NEG_EXTRA`): every
    /// one is held out, and `FP_COLL_NEG_EXTRA_N` (160) excerpts of them are more negatives.
    pub extra_negatives: Option<(PathBuf, usize)>,
    /// Also calibrate the acceptance levels on the negatives (`FP_COLL_CALIBRATE=1`;
    /// [`tune::calibrate`]).
    pub calibrate: bool,
    /// Also time both vote orders on an index of the tuning collection and on the whole index
    /// (`--latency`; [`tune::latency`]).
    pub latency: bool,
}

/// A condition's short name in `FP_COLL_CONDS`: `clean`, `crowd0`, `crowd-5`, `white0`,
/// `white-5`, `pink0`, `commentary0`, `room`, `speed+3`, `speed-3`, `pitch+1`, `pitch-1`.
pub fn cond_key(c: Cond) -> String {
    match c {
        Cond::Clean => "clean".into(),
        Cond::Crowd(s) => format!("crowd{s}"),
        Cond::White(s) => format!("white{s}"),
        Cond::Pink(s) => format!("pink{s}"),
        Cond::Commentary(s) => format!("commentary{s}"),
        Cond::Room => "room".into(),
        Cond::Speed(s) => format!("speed{:+.0}", (s - 1.0) * 100.0),
        Cond::Pitch(s) => format!("pitch{s:+}"),
    }
}

/// `half_t:half_f:fanout` from the environment variable `key`.
fn config_env(key: &str) -> Option<HasherConfig> {
    let v = std::env::var(key).ok()?;
    let f: Vec<usize> = v.split(':').filter_map(|x| x.parse().ok()).collect();
    match f[..] {
        [t, b, fan] => Some(HasherConfig::dense(t, b, fan)),
        _ => panic!("{key}={v}: expected half_t:half_f:fanout"),
    }
}

/// `config` with [`HasherConfig::emphasis`] as `FP_COLL_EMPHASIS` (`1` or `0`) sets it, for
/// the index and every query-side hashing alike.
fn with_emphasis(mut config: HasherConfig) -> HasherConfig {
    if let Ok(v) = std::env::var("FP_COLL_EMPHASIS") {
        config.emphasis = v == "1";
    }
    config
}

impl CollOptions {
    /// From the environment: `FP_COLL_POS` (60), `FP_COLL_NEG` (40), `FP_COLL_TUNE`
    /// (orchestral), `FP_BENCH_THREADS` (2).
    pub fn from_env(quick: bool, scaling: bool, latency: bool) -> Self {
        let num = |k: &str, d: usize| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
        CollOptions {
            n_pos: num("FP_COLL_POS", if quick { 12 } else { 60 }),
            n_neg: num("FP_COLL_NEG", if quick { 12 } else { 40 }),
            tune: std::env::var("FP_COLL_TUNE").unwrap_or_else(|_| "orchestral".into()),
            scaling,
            threads: num("FP_BENCH_THREADS", 2),
            index: with_emphasis(config_env("FP_COLL_INDEX").unwrap_or_else(HasherConfig::index)),
            identify: {
                let mut o = IdentifyOptions::default();
                if let Some(q) = config_env("FP_COLL_QUERY") {
                    o.hasher = q;
                }
                o.hasher = with_emphasis(o.hasher);
                if std::env::var("FP_COLL_DENSE").is_ok_and(|v| v == "none") {
                    o.dense = None;
                } else if let Some(look) = o.dense.as_mut() {
                    if let Some(d) = config_env("FP_COLL_DENSE") {
                        look.hasher = d;
                    }
                    look.hasher = with_emphasis(look.hasher);
                    look.shifts = num("FP_COLL_DENSE_SHIFTS", look.shifts);
                    if let Some(level) = std::env::var("FP_COLL_DENSE_LEVEL").ok().and_then(|v| v.parse::<f64>().ok()) {
                        look.alpha = 10f64.powf(-level);
                    }
                }
                o
            },
            conds: std::env::var("FP_COLL_CONDS").map_or_else(
                |_| CONDS.to_vec(),
                |v| {
                    v.split(',')
                        .map(|k| {
                            CONDS.iter().copied().find(|&c| cond_key(c) == k.trim()).unwrap_or_else(|| {
                                panic!("FP_COLL_CONDS: unknown condition {k:?}; known: {}", CONDS.map(cond_key).join(","))
                            })
                        })
                        .collect()
                },
            ),
            lengths: std::env::var("FP_COLL_LENGTHS").map_or_else(
                |_| score::LENGTHS.to_vec(),
                |v| v.split(',').map(|x| x.trim().parse().unwrap_or_else(|_| panic!("FP_COLL_LENGTHS: {x:?} is not seconds"))).collect(),
            ),
            extra_negatives: std::env::var_os("FP_COLL_NEG_EXTRA").map(|d| (PathBuf::from(d), num("FP_COLL_NEG_EXTRA_N", 160))),
            calibrate: std::env::var("FP_COLL_CALIBRATE").is_ok_and(|v| v == "1"),
            latency,
        }
    }
}

/// The collections folder: `FP_BENCH_COLLECTIONS`, default `target/bench-collections` (also
/// `guard-eval`'s default).
pub fn collections_dir() -> PathBuf {
    std::env::var_os("FP_BENCH_COLLECTIONS").map_or_else(|| crate::workspace_dir().join("target/bench-collections"), PathBuf::from)
}

/// The index of `tracks` (indices into `m.tracks`), and each one's id in it.
pub fn build(m: &Material, tracks: &[usize]) -> (Index, Vec<Option<u32>>) {
    let items = tracks
        .iter()
        .map(|&t| {
            let tr = &m.tracks[t];
            let info = TrackInfo {
                name: tr.name.clone(),
                path: tr.path.display().to_string(),
                title: None,
                artist: None,
                duration_s: tr.duration_s,
                frames: (tr.duration_s / FRAME_S) as u32,
            };
            (info, tr.landmarks.clone())
        })
        .collect();
    let mut index = Index::new();
    let ids = index.add_tracks(items);
    let mut id_of = vec![None; m.tracks.len()];
    for (&t, id) in tracks.iter().zip(ids) {
        id_of[t] = Some(id);
    }
    (index, id_of)
}

/// Runs the cross-collection evaluation and prints its tables.
pub fn run(opts: &CollOptions) {
    // FP_COLL_OUT: another output folder, so two runs can go at once (they share the cache).
    let out = std::env::var_os("FP_COLL_OUT").map_or_else(|| super::out_dir().join("collections"), PathBuf::from);
    std::fs::create_dir_all(&out).expect("create the output folder (FP_COLL_OUT, default target/fingerprint-bench/collections)");
    let cache = super::out_dir().join("collections").join("cache");
    let mut rng = SplitMix64(0x5eed_c011_0023);
    let (mut m, cuts) = Material::plan(&collections_dir(), 0.15, opts.n_pos, opts.n_neg, opts.extra_negatives.as_ref(), &mut rng);
    let t0 = Instant::now();
    m.decode(&cuts, opts.threads, opts.index, &cache);
    eprintln!("decoded and hashed {} tracks in {:.0} s", m.tracks.len(), t0.elapsed().as_secs_f64());
    let (_, crowd) = super::corpus::crowd_noise(&test_audio_dir());
    let speech = super::corpus::speech_clips(&out.join("speech"), 24);
    let noises = Noises::new(&crowd, &speech, super::SR, out.join("tmp"));

    let indexed: Vec<usize> = (0..m.tracks.len()).filter(|&t| m.tracks[t].indexed && !m.tracks[t].landmarks.is_empty()).collect();
    let t1 = Instant::now();
    let (index, id_of) = build(&m, &indexed);
    let build_s = t1.elapsed().as_secs_f64();
    let db = out.join("collections.rfp");
    let bytes = index.save(&db).expect("save index");
    let index = Index::load(&db).expect("load index");
    let mut ident = Identifier::new(opts.identify.clone());
    let checks = score::duplicates(&m, &index, &id_of, &mut ident);
    let results = score::score_all(&score::Ctx { m: &m, index: &index, id_of: &id_of, checks: &checks, noises: &noises, opts });
    let mut table = report::collection_table(&m, &results, &checks, opts);
    let _ = writeln!(
        table,
        "\nIndex hashing {:?}; query {:?}; dense look {:?}.",
        opts.index,
        opts.identify.hasher,
        opts.identify.dense.map(|d| d.hasher)
    );
    let hash_cpu: f64 = m.tracks.iter().map(|t| t.hash_cpu_s).sum();
    let hours = m.indexed_hours(None);
    let _ = write!(
        table,
        "\nIndex: {} tracks, {hours:.2} h, {} postings ({:.0} per hour), {bytes} bytes ({:.2} MB/h); extraction {:.0}x real time per core; index build (sort) {build_s:.1} s.\n",
        indexed.len(),
        index.len(),
        index.len() as f64 / hours,
        bytes as f64 / 1e6 / hours,
        hours * 3600.0 / hash_cpu.max(1e-9),
    );
    report::write_tsv(&out.join("queries.tsv"), &m, &results);
    if let Err(e) = report::plot(&out.join("accuracy.png"), &m, &results, opts) {
        eprintln!("plot failed: {e}");
    }
    if opts.calibrate {
        table.push_str(&tune::calibrate(&score::Ctx { m: &m, index: &index, id_of: &id_of, checks: &checks, noises: &noises, opts }));
    }
    if opts.latency {
        table.push_str(&tune::latency(&m, &checks, &noises, opts));
    }
    if opts.scaling {
        table.push_str(&score::scaling(&m, &checks, &noises, &out, opts));
    }
    println!("{table}");
    std::fs::write(out.join("table.md"), &table).expect("write table");
}
