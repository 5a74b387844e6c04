//! Scoring: the duplicate and re-release checks, every query of the table on worker threads
//! (one [`Identifier`] each, CPU time per query), and the scaling table.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use resonance_io::fingerprint::index::Index;
use resonance_io::fingerprint::matcher::Identifier;
use resonance_test_support::{SplitMix64, thread_cpu_ns, thread_cpu_s_since};

use super::CollOptions;
use super::conditions::{Cond, NEG_CONDS, Noises};
use super::material::{Excerpt, Material, RATE};

/// Query lengths (s).
pub const LENGTHS: [f64; 2] = [5.0, 3.0];

/// What the probes found before scoring.
#[derive(Debug, Default)]
pub struct Checks {
    /// Held-out tracks found in the index (re-releases): left out of the negatives.
    pub rereleases: Vec<(usize, u32)>,
    /// Indexed tracks whose probe named another indexed track: `(track, index id it named)`.
    pub duplicates: Vec<(usize, u32)>,
}

impl Checks {
    /// Whether index id `answer` is a right answer for track `t` with index id `id`.
    pub fn right(&self, t: usize, id: u32, answer: u32, id_of: &[Option<u32>]) -> bool {
        answer == id || self.duplicates.iter().any(|&(d, other)| (d == t && other == answer) || (other == id && id_of[d] == Some(answer)))
    }

    /// Whether track `t` is a re-release (not a real negative).
    pub fn is_rerelease(&self, t: usize) -> bool {
        self.rereleases.iter().any(|r| r.0 == t)
    }
}

/// Queries every track's probes (5 s at 20, 50 and 80 % of it, clean).
pub fn duplicates(m: &Material, index: &Index, id_of: &[Option<u32>], ident: &mut Identifier) -> Checks {
    let mut c = Checks::default();
    let len = (5.0 * f64::from(RATE)) as usize;
    for p in &m.probes {
        let o = ident.identify(index, &p.audio[..len], f64::from(RATE));
        let Some(hit) = o.matched() else { continue };
        match id_of[p.track] {
            None if !c.is_rerelease(p.track) => c.rereleases.push((p.track, hit.track)),
            Some(id) if id != hit.track && !c.duplicates.contains(&(p.track, hit.track)) => c.duplicates.push((p.track, hit.track)),
            _ => {}
        }
    }
    for &(t, id) in &c.rereleases {
        let other = index.track(id).map_or("?", |i| i.name.as_str());
        eprintln!("re-release: held-out {} matches indexed {other}: left out of the negatives", m.tracks[t].name);
    }
    for &(t, id) in &c.duplicates {
        let other = index.track(id).map_or("?", |i| i.name.as_str());
        eprintln!("duplicate: indexed {} is found as {other}: either answer counts", m.tracks[t].name);
    }
    c
}

/// What every query needs: the material, the index and each track's id in it, the checks,
/// the noises and the options.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The material.
    pub m: &'a Material,
    /// The index queried.
    pub index: &'a Index,
    /// Each track's id in `index`.
    pub id_of: &'a [Option<u32>],
    /// Duplicates and re-releases.
    pub checks: &'a Checks,
    /// The noises of the conditions.
    pub noises: &'a Noises,
    /// The options (threads, query options).
    pub opts: &'a CollOptions,
}

/// One query of the table.
#[derive(Debug, Clone)]
pub struct Query {
    /// Collection.
    pub coll: usize,
    /// Positive (else negative).
    pub positive: bool,
    /// Condition.
    pub cond: Cond,
    /// Length (s).
    pub len_s: f64,
    /// Excerpt number within its collection's positives or negatives.
    pub k: usize,
}

/// A query's result.
#[derive(Debug, Clone, Copy, Default)]
pub struct Answer {
    /// Matched at all.
    pub matched: bool,
    /// Matched the right track (positives).
    pub right: bool,
    /// The matched track's index id.
    pub track: u32,
    /// The match's speed estimate (1 when not matched).
    pub speed: f64,
    /// Query CPU time (ms).
    pub cpu_ms: f64,
}

/// Every query of the table: positives under the chosen conditions ([`CollOptions::conds`]), negatives (not re-releases) under
/// [`NEG_CONDS`], at each chosen length ([`CollOptions::lengths`]).
pub fn queries(m: &Material, checks: &Checks, opts: &CollOptions) -> Vec<Query> {
    let mut v = Vec::new();
    for coll in 0..m.names.len() {
        for &len_s in &opts.lengths {
            for &cond in &opts.conds {
                v.extend((0..m.positives[coll].len()).map(|k| Query { coll, positive: true, cond, len_s, k }));
            }
            for cond in NEG_CONDS {
                v.extend((0..m.negatives[coll].len()).filter(|&k| !checks.is_rerelease(m.negatives[coll][k].track)).map(|k| Query {
                    coll,
                    positive: false,
                    cond,
                    len_s,
                    k,
                }));
            }
        }
    }
    v
}

/// The excerpt query `q` plays.
pub fn excerpt<'a>(m: &'a Material, q: &Query) -> &'a Excerpt {
    if q.positive { &m.positives[q.coll][q.k] } else { &m.negatives[q.coll][q.k] }
}

/// Query `q`'s samples: its excerpt under its condition, cut to its length (the noise drawn
/// from a seed of the query, so every run and every attempt hears the same copy).
pub fn samples(m: &Material, noises: &Noises, q: &Query) -> Vec<f32> {
    let seed = (q.coll as u64) << 40 ^ (q.k as u64) << 20 ^ u64::from(q.positive) << 60 ^ (q.len_s as u64) << 8 ^ 0x9e37;
    let len = (q.len_s * f64::from(RATE)) as usize;
    noises.apply(&excerpt(m, q).audio, q.cond, len, seed)
}

/// Runs one query.
fn answer(
    m: &Material,
    index: &Index,
    id_of: &[Option<u32>],
    checks: &Checks,
    noises: &Noises,
    ident: &mut Identifier,
    q: &Query,
) -> Answer {
    let e = excerpt(m, q);
    let x = samples(m, noises, q);
    let t0 = thread_cpu_ns();
    let o = ident.identify(index, &x, f64::from(RATE));
    let cpu_ms = thread_cpu_s_since(t0) * 1e3;
    match o.matched() {
        Some(hit) => {
            let right = q.positive && id_of[e.track].is_some_and(|id| checks.right(e.track, id, hit.track, id_of));
            Answer { matched: true, right, track: hit.track, speed: hit.speed, cpu_ms }
        }
        None => Answer { matched: false, right: false, track: 0, speed: 1.0, cpu_ms },
    }
}

/// Runs `qs` on `threads` threads with a progress bar.
pub fn run_queries(c: &Ctx, qs: &[Query], what: &str) -> Vec<Answer> {
    let Ctx { m, index, id_of, checks, noises, opts } = *c;
    let threads = opts.threads;
    let bar = ProgressBar::new(qs.len() as u64);
    let template = format!("{what} {{bar:40}} {{pos}}/{{len}} queries {{elapsed}} (eta {{eta}})");
    bar.set_style(ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    let mut out = vec![Answer::default(); qs.len()];
    let chunk = qs.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        for (dst, src) in out.chunks_mut(chunk).zip(qs.chunks(chunk)) {
            let bar = &bar;
            s.spawn(move || {
                let mut ident = Identifier::new(opts.identify.clone());
                for (d, q) in dst.iter_mut().zip(src) {
                    *d = answer(m, index, id_of, checks, noises, &mut ident, q);
                    bar.inc(1);
                }
            });
        }
    });
    bar.finish();
    out
}

/// The table's queries and their answers.
pub fn score_all(c: &Ctx) -> (Vec<Query>, Vec<Answer>) {
    let qs = queries(c.m, c.checks, c.opts);
    let answers = run_queries(c, &qs, "queries");
    (qs, answers)
}

/// Percentile `p` (0..=1) of `v` (sorted in place).
pub fn percentile(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_unstable_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// Resident memory of this process (bytes), from `/proc/self/statm`.
fn rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()))
        .map_or(0, |pages| pages * 4096)
}

/// The scaling table: indexes of 1 h, 5 h, 20 h and all the indexed music (seeded order over
/// every collection), each queried with clean and crowd 0 dB positives from its own tracks and
/// every negative (clean, crowd 0 dB, white 0 dB, commentary), 5 s.
pub fn scaling(m: &Material, checks: &Checks, noises: &Noises, out: &Path, opts: &CollOptions) -> String {
    let mut order: Vec<usize> = (0..m.tracks.len()).filter(|&t| m.tracks[t].indexed && !m.tracks[t].landmarks.is_empty()).collect();
    let mut rng = SplitMix64(0x5ca1_1e00);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let all_h = m.indexed_hours(None);
    let mut s = String::from(
        "\n### Scaling (5 s queries)\n\n| index | tracks | query p50 (ms) | query p99 (ms) | recall clean / crowd 0 dB | FP per 1,000 negatives (n) | bytes/h | index memory (MB) | build (x real time, hash + sort) |\n|---|---|---|---|---|---|---|---|---|\n",
    );
    for target_h in [1.0, 5.0, 20.0, f64::INFINITY] {
        if target_h.is_finite() && target_h >= all_h {
            continue;
        }
        let mut subset = Vec::new();
        let mut h = 0.0;
        for &t in &order {
            if h >= target_h {
                break;
            }
            subset.push(t);
            h += m.tracks[t].duration_s / 3600.0;
        }
        let hash_cpu: f64 = subset.iter().map(|&t| m.tracks[t].hash_cpu_s).sum();
        let t0 = Instant::now();
        let (index, id_of) = super::build(m, &subset);
        let sort_s = t0.elapsed().as_secs_f64();
        let db = out.join("scaling.rfp");
        let bytes = index.save(&db).expect("save index");
        drop(index);
        let rss0 = rss_bytes();
        let index = Index::load(&db).expect("load index");
        let mem = rss_bytes().saturating_sub(rss0);
        let mut qs = Vec::new();
        for coll in 0..m.names.len() {
            for (k, e) in m.positives[coll].iter().enumerate() {
                if id_of[e.track].is_some() {
                    for cond in [Cond::Clean, Cond::Crowd(0)] {
                        qs.push(Query { coll, positive: true, cond, len_s: 5.0, k });
                    }
                }
            }
            for (k, e) in m.negatives[coll].iter().enumerate() {
                if !checks.is_rerelease(e.track) {
                    for cond in NEG_CONDS {
                        qs.push(Query { coll, positive: false, cond, len_s: 5.0, k });
                    }
                }
            }
        }
        let ctx = Ctx { m, index: &index, id_of: &id_of, checks, noises, opts };
        let a = run_queries(&ctx, &qs, &format!("scaling {h:.1} h"));
        let mut times: Vec<f64> = a.iter().map(|a| a.cpu_ms).collect();
        let recall = |cond: Cond| {
            let (n, r) = qs
                .iter()
                .zip(&a)
                .filter(|(q, _)| q.positive && q.cond == cond)
                .fold((0usize, 0usize), |(n, r), (_, a)| (n + 1, r + usize::from(a.right)));
            100.0 * r as f64 / n.max(1) as f64
        };
        let (neg, fp) =
            qs.iter().zip(&a).filter(|(q, _)| !q.positive).fold((0usize, 0usize), |(n, f), (_, a)| (n + 1, f + usize::from(a.matched)));
        let _ = writeln!(
            s,
            "| {h:.1} h | {} | {:.2} | {:.2} | {:.1} % / {:.1} % | {:.1} ({neg}) | {:.2} MB | {:.1} | {:.0} |",
            subset.len(),
            percentile(&mut times, 0.5),
            percentile(&mut times, 0.99),
            recall(Cond::Clean),
            recall(Cond::Crowd(0)),
            1000.0 * fp as f64 / neg.max(1) as f64,
            bytes as f64 / 1e6 / h,
            mem as f64 / 1e6,
            h * 3600.0 / (hash_cpu + sort_s).max(1e-9),
        );
    }
    s
}
