//! Matching query landmarks against an [`Index`] (non-real-time).
//!
//! ## Voting
//! Every query landmark `(hash, q)` looks up its postings `(track, f)` and votes for the
//! time offset `f - q` of that track (Wang 2003). A true match piles votes on one offset; the
//! best `(track, offset)` cell is found by sorting the votes and sliding a window of
//! `2 * TOLERANCE + 1` frames (peaks move by a frame when the query's hop grid is not aligned
//! with the index's). The few best cells are rescored by the number of *distinct hashes* they
//! contain, so a sustained note that repeats one hash many times cannot pose as a match; the
//! span between the first and the last matched query frame must cover [`MIN_SPAN_S`].
//!
//! ## Rejection rule (how the threshold scales)
//! A query that is not in the index still collects chance votes: `C` of them in total (the
//! sum of the posting counts of its hashes, measured per query), spread over the `F` offset
//! cells of the index (`F` = total indexed frames). A window of `w` frames then holds on
//! average `lambda = gamma * C * w / F` chance votes (`gamma` = [`SAFETY`] covers the
//! clustering of real music, calibrated on negatives). The best of `F / w` windows reaches
//! `k` votes by chance with probability about `p(k) = (F / w) * P[Poisson(lambda) >= k]`.
//! A match is accepted when its score `k` has `p(k) <= ALPHA` and `k >= MIN_SCORE`.
//! `C` grows with the query length and with the index size (more postings per hash), `F`
//! with the index size: longer queries and larger indexes raise the threshold
//! logarithmically, which keeps false positives at zero as the index grows.
//! The reported confidence is `1 - min(1, p(k))^(1/10)`: 0.80 at the acceptance limit
//! `p = 1e-7`, 0.90 at `p = 1e-10`, 0.99 at `p = 1e-20`.
//!
//! `ALPHA` is set from measured score distributions, not from the model alone: the benchmark
//! prints `-log10 p` for true matches and for the best cell of every negative query, and the
//! acceptance level sits two decades above the most significant negative.

use super::index::Index;
use super::{FRAME_S, HasherConfig, landmarks_of};
use crate::types::Landmark;

/// Offset tolerance in frames on each side.
pub const TOLERANCE: i64 = 1;
/// Queries shorter than this are "too short to identify".
pub const MIN_QUERY_S: f64 = 1.0;
/// Matched landmarks must span at least this much of the query.
pub const MIN_SPAN_S: f64 = 1.0;
/// Absolute minimum score (distinct matched hashes).
pub const MIN_SCORE: u32 = 9;
/// Accepted chance-match probability per query. Calibrated on the benchmark's calibration
/// negatives (`benches/README.md`): the most significant of 120 reached `-log10 p = 5.8` (the
/// chance model underestimates how often unrelated music shares material), so acceptance at
/// `-log10 p >= 7` (7.3 for [`identify`]'s normal-speed attempt, 8.2 in its speed search)
/// leaves a margin of 1.5 decades; held-out negatives that set nothing check it.
pub const ALPHA: f64 = 1e-7;
/// Inflation of the chance-vote rate for the clustering of real music.
pub const SAFETY: f64 = 8.0;
/// Hashes with more postings than this carry almost no information and are skipped.
const MAX_POSTINGS: usize = 400;
/// Bits of the hash holding the pair's time difference.
const DT_MASK: u32 = 0x3f;
/// Time-difference variants looked up per query landmark.
const DT_SPREAD: [i32; 3] = [0, -1, 1];
/// Cells rescored by distinct hashes.
const RESCORE: usize = 8;

/// A recognised track.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    pub track: u32,
    /// Position of the query's start in the track (frames).
    pub offset_frames: i64,
    /// Position of the query's start in the track (seconds).
    pub offset_s: f64,
    /// Distinct matched hashes in the best offset window.
    pub score: u32,
    /// Score needed for acceptance with this query and index.
    pub threshold: u32,
    /// `-log10 p(score)`: how unlikely the score is by chance (see the module docs).
    pub significance: f64,
    /// `0..=1`, see the module docs.
    pub confidence: f64,
    /// Playback speed the match was found at (1.0 unless a speed search was needed).
    pub speed: f64,
}

/// Result of a query.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    Match(Match),
    /// Nothing reached the threshold; the best chance cell had this score.
    NoMatch {
        best_score: u32,
        threshold: u32,
        /// `-log10 p(best_score)` (0 when nothing voted).
        significance: f64,
    },
    /// The query is shorter than [`MIN_QUERY_S`].
    TooShort {
        duration_s: f64,
    },
}

impl Outcome {
    pub fn matched(&self) -> Option<&Match> {
        match self {
            Outcome::Match(m) => Some(m),
            _ => None,
        }
    }

    /// Score of the best cell (0 for a too-short query).
    pub fn score(&self) -> u32 {
        match self {
            Outcome::Match(m) => m.score,
            Outcome::NoMatch { best_score, .. } => *best_score,
            Outcome::TooShort { .. } => 0,
        }
    }

    /// `-log10` of the best cell's chance probability (0 for a too-short query).
    pub fn significance(&self) -> f64 {
        match self {
            Outcome::Match(m) => m.significance,
            Outcome::NoMatch { significance, .. } => *significance,
            Outcome::TooShort { .. } => 0.0,
        }
    }
}

fn ln_factorial(k: u32) -> f64 {
    if k < 32 {
        (2..=k).map(f64::from).map(f64::ln).sum()
    } else {
        // Stirling with the 1/(12k) term: error < 1e-6 here.
        let k = f64::from(k);
        k * k.ln() - k + 0.5 * (2.0 * std::f64::consts::PI * k).ln() + 1.0 / (12.0 * k)
    }
}

/// `ln P[Poisson(lambda) >= k]`.
pub fn ln_poisson_tail(lambda: f64, k: u32) -> f64 {
    if k == 0 {
        return 0.0;
    }
    if lambda <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if f64::from(k) <= lambda {
        return 0.0;
    }
    let mut ln_term = -lambda + f64::from(k) * lambda.ln() - ln_factorial(k);
    let first = ln_term;
    let mut sum = 1.0f64;
    for j in k..k + 400 {
        ln_term += lambda.ln() - f64::from(j + 1).ln();
        let r = (ln_term - first).exp();
        sum += r;
        if r < 1e-12 {
            break;
        }
    }
    (first + sum.ln()).min(0.0)
}

/// Chance-match probability `p(k)` for a query with `chance_votes` votes against `index`.
fn chance_p(index: &Index, chance_votes: usize, k: u32) -> f64 {
    let w = (2 * TOLERANCE + 1) as f64;
    let cells = (index.total_frames().max(1) as f64 / w).max(1.0);
    let lambda = SAFETY * chance_votes as f64 * w / index.total_frames().max(1) as f64;
    (cells.ln() + ln_poisson_tail(lambda, k)).exp()
}

/// Smallest score whose chance probability is at most `alpha`.
pub fn threshold(index: &Index, chance_votes: usize, alpha: f64) -> u32 {
    let mut k = MIN_SCORE;
    while chance_p(index, chance_votes, k) > alpha && k < 10_000 {
        k += 1;
    }
    k
}

/// Matches query landmarks (frames counted from the query's start) covering `duration_s`,
/// accepting at [`ALPHA`].
pub fn query(index: &Index, landmarks: &[Landmark], duration_s: f64) -> Outcome {
    query_at(index, landmarks, duration_s, ALPHA)
}

/// [`query`] with an explicit chance-match probability `alpha` (divide [`ALPHA`] by the
/// number of attempts when one recording is tried several ways).
pub fn query_at(index: &Index, landmarks: &[Landmark], duration_s: f64, alpha: f64) -> Outcome {
    if duration_s < MIN_QUERY_S {
        return Outcome::TooShort { duration_s };
    }
    // (track, delta, hash) votes.
    let mut votes: Vec<(u32, i64, u32, u32)> = Vec::with_capacity(landmarks.len() * 4);
    for l in landmarks {
        // The pair's time difference may round to the neighbouring frame when the query's hop
        // grid is not aligned with the index's: look up dt - 1 and dt + 1 as well.
        let dt = l.hash & DT_MASK;
        for v in DT_SPREAD {
            let dtv = dt as i32 + v;
            if !(1..=DT_MASK as i32).contains(&dtv) {
                continue;
            }
            let h = (l.hash & !DT_MASK) | dtv as u32;
            if index.posting_count(h) > MAX_POSTINGS {
                continue;
            }
            for (t, f) in index.postings(h) {
                votes.push((t, i64::from(f) - i64::from(l.frame), l.hash, l.frame));
            }
        }
    }
    let chance = votes.len();
    let thr = threshold(index, chance, alpha);
    if votes.is_empty() {
        return Outcome::NoMatch { best_score: 0, threshold: thr, significance: 0.0 };
    }
    votes.sort_unstable_by_key(|v| (v.0, v.1));
    // Sliding window over (track, delta): raw counts, keep the best few cells.
    let mut best: Vec<(usize, u32, i64)> = Vec::with_capacity(RESCORE + 1);
    let mut lo = 0;
    for hi in 0..votes.len() {
        while votes[lo].0 != votes[hi].0 || votes[hi].1 - votes[lo].1 > 2 * TOLERANCE {
            lo += 1;
        }
        let count = hi - lo + 1;
        let centre = votes[lo].1 + TOLERANCE;
        let t = votes[hi].0;
        if best.len() < RESCORE || count > best.last().map_or(0, |b| b.0) {
            if let Some(b) = best.iter_mut().find(|b| b.1 == t && (b.2 - centre).abs() <= 2 * TOLERANCE) {
                if count > b.0 {
                    *b = (count, t, centre);
                }
            } else {
                best.push((count, t, centre));
            }
            best.sort_unstable_by_key(|b| std::cmp::Reverse(b.0));
            best.truncate(RESCORE);
        }
    }
    // Rescore: distinct hashes within the window, span of matched query frames.
    let mut winner: Option<(u32, u32, i64)> = None;
    for &(_, t, centre) in &best {
        let start = votes.partition_point(|v| (v.0, v.1) < (t, centre - TOLERANCE));
        let end = votes.partition_point(|v| (v.0, v.1) <= (t, centre + TOLERANCE));
        let cell = &votes[start..end];
        let mut hashes: Vec<u32> = cell.iter().map(|v| v.2).collect();
        hashes.sort_unstable();
        hashes.dedup();
        let (qmin, qmax) = cell.iter().fold((u32::MAX, 0), |(a, b), v| (a.min(v.3), b.max(v.3)));
        let span_ok = f64::from(qmax.saturating_sub(qmin)) * FRAME_S >= MIN_SPAN_S;
        let score = if span_ok { hashes.len() as u32 } else { 0 };
        // Offset: the most common delta in the window (ties: the smaller).
        let mut deltas: Vec<i64> = cell.iter().map(|v| v.1).collect();
        deltas.sort_unstable();
        let mut mode = (0usize, centre);
        let mut i = 0;
        while i < deltas.len() {
            let j = deltas[i..].iter().take_while(|&&d| d == deltas[i]).count();
            if j > mode.0 {
                mode = (j, deltas[i]);
            }
            i += j;
        }
        if winner.is_none_or(|w| score > w.0) {
            winner = Some((score, t, mode.1));
        }
    }
    let Some((score, track, delta)) = winner else { return Outcome::NoMatch { best_score: 0, threshold: thr, significance: 0.0 } };
    let p = chance_p(index, chance, score).min(1.0);
    let significance = -p.max(1e-300).log10();
    if score < thr {
        return Outcome::NoMatch { best_score: score, threshold: thr, significance };
    }
    Outcome::Match(Match {
        track,
        offset_frames: delta,
        offset_s: delta as f64 * FRAME_S,
        score,
        threshold: thr,
        significance,
        confidence: 1.0 - p.powf(0.1),
        speed: 1.0,
    })
}

/// Options of [`identify`].
#[derive(Clone, Debug, PartialEq)]
pub struct IdentifyOptions {
    /// Playback speeds tried, in order, when the query is not recognised at 1.0.
    pub speeds: Vec<f64>,
    /// Query-side hashing (the engine's [`HasherConfig::query`] by default).
    pub hasher: HasherConfig,
}

impl Default for IdentifyOptions {
    fn default() -> Self {
        Self { speeds: vec![1.01, 0.99, 1.02, 0.98, 1.03, 0.97, 1.04, 0.96], hasher: HasherConfig::query() }
    }
}

/// Hashes a mono signal and matches it; when nothing is found at normal speed, tries every one
/// of `options.speeds` as the playback speed (hashing at rate `sample_rate / speed` undoes a
/// speed change) and keeps the highest-scoring match. The chance-match budget [`ALPHA`] is
/// shared (a union bound): half for the normal-speed attempt, the other half split evenly over
/// the speeds, so the whole search accepts a chance match with probability at most `ALPHA`
/// while the normal-speed attempt, the one that matters for noisy recordings, pays only a
/// factor 2 (acceptance at `-log10 p >= 7.3`, the speed attempts at 8.2).
pub fn identify(index: &Index, samples: &[f32], sample_rate: f64, options: &IdentifyOptions) -> Outcome {
    let duration_s = samples.len() as f64 / sample_rate;
    let (alpha_first, alpha) =
        if options.speeds.is_empty() { (ALPHA, ALPHA) } else { (ALPHA / 2.0, ALPHA / (2 * options.speeds.len()) as f64) };
    let first = query_at(index, &landmarks_of(samples, sample_rate, options.hasher), duration_s, alpha_first);
    if !matches!(first, Outcome::NoMatch { .. }) {
        return first;
    }
    // Keeps the best match, or (when none) the most significant rejected cell.
    let mut best = first;
    for &speed in &options.speeds {
        let lms = landmarks_of(samples, sample_rate / speed, options.hasher);
        match query_at(index, &lms, duration_s * speed, alpha) {
            Outcome::Match(mut m) => {
                m.speed = speed;
                if best.matched().is_none_or(|b| m.score > b.score) {
                    best = Outcome::Match(m);
                }
            }
            o @ Outcome::NoMatch { .. } if best.matched().is_none() && o.significance() > best.significance() => best = o,
            _ => {}
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_tail_is_sane() {
        // P[Pois(1) >= 3] = 1 - e^-1 (1 + 1 + 0.5) = 0.0803
        assert!((ln_poisson_tail(1.0, 3).exp() - 0.080301).abs() < 1e-4);
        assert_eq!(ln_poisson_tail(5.0, 2), 0.0);
        assert!(ln_poisson_tail(0.01, 50) < -200.0);
    }
}
