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
//! clustering of real music, calibrated on negatives). Chance votes are not spread evenly over
//! the tracks, though: music that shares material with the query (the same soundtrack's
//! themes, the same instruments) draws more of them. So the cell under test on track `t` is
//! judged at that track's own rate `lambda_t = gamma * C_t * w / F_t`, from the `C_t` votes
//! landing on `t` outside the cell and its `F_t` frames, never below the index-wide `lambda`.
//! The best of `F / w` windows (the multiple-comparison factor stays index-wide: any window
//! could have won) reaches `k` votes by chance with probability about
//! `p(k) = (F / w) * P[Poisson(lambda_t) >= k]`. A match is accepted when its score `k` has
//! `p(k) <= ALPHA` and `k >= MIN_SCORE`; of the rescored cells the one with the smallest `p`
//! wins. `C` grows with the query length and with the index size (more postings per hash),
//! `F` with the index size: longer queries and larger indexes raise the threshold
//! logarithmically, and a track that draws many chance votes raises its own.
//! The reported confidence is `1 - min(1, p(k))^(1/10)`: 0.79 at [`identify`]'s acceptance
//! limit `p = 1.45e-7`, 0.90 at `p = 1e-10`, 0.99 at `p = 1e-20`.
//!
//! `ALPHA` is set from measured score distributions, not from the model alone: the benchmark
//! prints `-log10 p` for true matches and for the best cell of every calibration negative
//! query, and the acceptance level sits 1.5 decades above the most significant one.
//!
//! Length: the chance model, the offset histogram and the acceptance rule are one decision
//! (`docs/decisions/0002-recognition-chance-model.md`); it is reworked as a whole
//! by the cross-collection recognition work.

use resonance_engine::Landmark;
use resonance_engine::fingerprint::hasher::{CUTOFF_HZ, EMIT_DELAY_FRAMES};
use resonance_engine::fingerprint::resample::Resampler;
use resonance_engine::fingerprint::{ANALYSIS_RATE, FRAME_S, HOP, Hasher, HasherConfig};

use super::index::Index;
use super::resample_into;

/// Offset tolerance in frames on each side.
pub const TOLERANCE: i64 = 1;
/// Queries shorter than this are "too short to identify".
pub const MIN_QUERY_S: f64 = 1.0;
/// Matched landmarks must span at least this much of the query.
pub const MIN_SPAN_S: f64 = 1.0;
/// Absolute minimum score (distinct matched hashes).
pub const MIN_SCORE: u32 = 9;

/// The floors under a match, whatever its chance probability: its score and the span of its
/// matched query frames. [`Floor::DEFAULT`] ([`MIN_SCORE`], [`MIN_SPAN_S`]) everywhere but the
/// live recogniser's window, whose match is only a candidate until landmarks newer than the
/// window confirm it (see [`super::stream`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Floor {
    /// Distinct matched hashes a match needs at least.
    pub min_score: u32,
    /// Seconds its matched query frames must span at least.
    pub min_span_s: f64,
}

impl Floor {
    /// [`MIN_SCORE`] and [`MIN_SPAN_S`].
    pub const DEFAULT: Floor = Floor { min_score: MIN_SCORE, min_span_s: MIN_SPAN_S };
}
/// Accepted chance-match probability per [`identify`] call. Calibrated on the benchmark's
/// calibration negatives only (`benches/README.md`): with the per-track chance rate the most
/// significant of 120 reached `-log10 p = 5.34` (the chance model underestimates how often
/// unrelated music shares material), and acceptance sits 1.5 decades above it:
/// `-log10 p >= 6.84` for [`identify`]'s normal-speed attempt (`ALPHA / 2`), 7.74 in its
/// speed search (about `ALPHA / 16`; its dense look has its own level, [`DENSE_ALPHA`]). Held-out negatives that set nothing check it. (Before this
/// calibration the margin was 2 decades, `1e-7`; see
/// `docs/decisions/0002-recognition-chance-model.md`.) The streaming recogniser, which queries four times a second, keeps
/// [`STREAM_ALPHA`].
pub const ALPHA: f64 = 2.9e-7;
/// Accepted chance-match probability per query of the streaming recogniser
/// ([`super::stream`]): `-log10 p >= 7`, the original 2-decade margin (it runs four queries
/// per second of programme, so it keeps the wider margin).
pub const STREAM_ALPHA: f64 = 1e-7;
/// Peak neighbourhood (+-frames, +-bins) and fan-out of [`identify`]'s dense look
/// ([`DenseLook`]), chosen by `FP_BENCH_DENSE_DIAG` (`benches/README.md`).
pub const DENSE_HALF_T: usize = 4;
/// See [`DENSE_HALF_T`].
pub const DENSE_HALF_F: usize = 5;
/// See [`DENSE_HALF_T`].
pub const DENSE_FANOUT: usize = 24;
/// Accepted chance-match probability of [`identify`]'s dense look, calibrated as [`ALPHA`]
/// was, on the calibration negatives only: their most significant best cell in the dense
/// look reached `-log10 p = 9.67` (a denser query finds more of the material unrelated tracks
/// share, and the chance model does not see it), and acceptance sits 1.5 decades above it,
/// at 11.17. Far inside the look's union-bound share, so the search's budget stays [`ALPHA`].
pub const DENSE_ALPHA: f64 = 6.8e-12;
/// Inflation of the chance-vote rate for the clustering of real music.
pub const SAFETY: f64 = 8.0;
/// Hashes with more postings than this carry almost no information and are skipped.
const MAX_POSTINGS: usize = 400;
/// Bits of the hash holding the pair's time difference.
const DT_MASK: u32 = 0x3f;
/// Time differences looked up per query landmark: `dt - DT_SPREAD ..= dt + DT_SPREAD`.
const DT_SPREAD: u32 = 1;
/// Cells rescored by distinct hashes.
const RESCORE: usize = 8;
/// Added to a vote's offset (index frame minus query frame) to store it unsigned.
const OFFSET_BIAS: i64 = 1 << 31;

/// How the chance-vote rate of a cell is estimated (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ChanceRate {
    /// One rate for the whole index: the query's chance votes spread over all indexed frames
    /// (the original estimate).
    IndexWide,
    /// The track's own rate, from its votes outside the tested cell, never below the
    /// index-wide rate.
    Track,
    /// As [`ChanceRate::Track`], but the background also leaves out the track's other
    /// rescored cells (its strongest offsets): a track repeating the query's passage is not
    /// chance, and should not raise the bar of its own true match.
    #[default]
    TrackRobust,
}

/// A recognised track.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    /// The index segment holding the track (0 for a query of one index; see
    /// [`query_segments`] and [`Identifier::identify_segments`]).
    pub segment: usize,
    /// The track's id in the index (in its segment).
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
    /// Found by [`identify`]'s dense look ([`DenseLook`]), not its first attempt.
    pub dense: bool,
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
        /// `-log10` of the accepted chance-match probability of the attempt this cell came
        /// from (its acceptance level; [`identify`]'s attempts have different ones).
        level: f64,
    },
    /// The query is shorter than [`MIN_QUERY_S`].
    TooShort {
        duration_s: f64,
    },
}

impl Outcome {
    /// The match, if there is one.
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

    /// How far a rejected cell stayed below its attempt's acceptance level, in decades
    /// (`None` unless [`Outcome::NoMatch`]).
    pub fn margin(&self) -> Option<f64> {
        match self {
            Outcome::NoMatch { significance, level, .. } => Some(level - significance),
            _ => None,
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

/// Width of an offset window in frames.
const W: f64 = (2 * TOLERANCE + 1) as f64;

/// Several index segments judged as one index (a catalogue split into segments): tracks are
/// numbered segment after segment, `F` is the sum of the segments' frames, and one chance
/// model with one multiple-comparison factor judges every cell, so the catalogue keeps the
/// full acceptance level however it is split (no union bound over segments).
#[derive(Clone, Copy, Debug)]
struct View<'a> {
    segments: &'a [&'a Index],
    total_frames: u64,
}

impl<'a> View<'a> {
    fn new(segments: &'a [&'a Index]) -> Self {
        Self { segments, total_frames: segments.iter().map(|i| i.total_frames()).sum() }
    }

    /// `(segment, track id in it)` of view-wide track `track`.
    fn locate(&self, mut track: u32) -> Option<(usize, u32)> {
        for (s, index) in self.segments.iter().enumerate() {
            let n = index.tracks().len() as u32;
            if track < n {
                return Some((s, track));
            }
            track -= n;
        }
        None
    }

    fn track_frames(&self, track: u32) -> u32 {
        self.locate(track).and_then(|(s, t)| self.segments[s].track(t)).map_or(0, |t| t.frames)
    }
}

/// Chance-vote rate of the index as a whole: `C` chance votes spread over all `F` frames.
fn global_lambda(view: &View<'_>, chance_votes: usize) -> f64 {
    SAFETY * chance_votes as f64 * W / view.total_frames.max(1) as f64
}

/// Chance-vote rate of one track: its background votes `C_t` (the votes on the track outside
/// the cell being tested) over its `F_t` frames, never below the index-wide rate.
fn track_lambda(view: &View<'_>, track: u32, background_votes: usize, global: f64) -> f64 {
    let frames = view.track_frames(track).max(1);
    (SAFETY * background_votes as f64 * W / f64::from(frames)).max(global)
}

/// Chance-match probability `p(k)` of a window holding `k` votes at chance rate `lambda`,
/// with the multiple-comparison factor `F / w` (every window of the index could have won).
fn chance_p(view: &View<'_>, lambda: f64, k: u32) -> f64 {
    let cells = (view.total_frames.max(1) as f64 / W).max(1.0);
    (cells.ln() + ln_poisson_tail(lambda, k)).exp()
}

/// Smallest score, at least `min_score`, whose chance probability is at most `alpha` at
/// chance rate `lambda`.
fn threshold_at(view: &View<'_>, lambda: f64, alpha: f64, min_score: u32) -> u32 {
    let mut k = min_score;
    while chance_p(view, lambda, k) > alpha && k < 10_000 {
        k += 1;
    }
    k
}

/// Smallest score whose chance probability is at most `alpha` for a query with
/// `chance_votes` votes, at the index-wide chance rate (a track that draws more than its share
/// of the chance votes needs more, see the module docs).
pub fn threshold(index: &Index, chance_votes: usize, alpha: f64) -> u32 {
    let segments = [index];
    let view = View::new(&segments);
    threshold_at(&view, global_lambda(&view, chance_votes), alpha, MIN_SCORE)
}

/// Matches query landmarks (frames counted from the query's start) covering `duration_s`,
/// accepting at [`ALPHA`].
pub fn query(index: &Index, landmarks: &[Landmark], duration_s: f64) -> Outcome {
    query_with(index, landmarks, duration_s, ALPHA, ChanceRate::default())
}

/// [`query`] with an explicit chance-match probability `alpha` (divide [`ALPHA`] by the
/// number of attempts when one recording is tried several ways).
pub fn query_at(index: &Index, landmarks: &[Landmark], duration_s: f64, alpha: f64) -> Outcome {
    query_with(index, landmarks, duration_s, alpha, ChanceRate::default())
}

/// [`query_at`] with explicit floors in place of [`Floor::DEFAULT`] (the live recogniser's
/// window, whose match is only a candidate until fresh landmarks confirm it; see
/// [`super::stream`]).
pub fn query_floor(index: &Index, landmarks: &[Landmark], duration_s: f64, alpha: f64, floor: Floor) -> Outcome {
    query_scratch(&View::new(&[index]), landmarks, duration_s, alpha, floor, ChanceRate::default(), &mut Scratch::default())
}

/// [`query_at`] with an explicit estimate of the chance-vote rate.
pub fn query_with(index: &Index, landmarks: &[Landmark], duration_s: f64, alpha: f64, rate: ChanceRate) -> Outcome {
    query_scratch(&View::new(&[index]), landmarks, duration_s, alpha, Floor::DEFAULT, rate, &mut Scratch::default())
}

/// [`query_at`] over several index segments judged as one index: the landmarks are looked up
/// in every segment and one chance model over all of them decides at `alpha` (no split per
/// segment). A match names its segment ([`Match::segment`]) and its track id there.
pub fn query_segments(segments: &[&Index], landmarks: &[Landmark], duration_s: f64, alpha: f64) -> Outcome {
    query_scratch(&View::new(segments), landmarks, duration_s, alpha, Floor::DEFAULT, ChanceRate::default(), &mut Scratch::default())
}

/// How the matcher puts the votes in `(track, offset)` order before its sliding window.
/// Both give the same order of keys (votes with equal keys may come in another order, which
/// nothing downstream depends on), so the same outcome, bit for bit (a unit test checks it);
/// they differ in time only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum VoteOrder {
    /// Bucketing: the votes are counted per `(track, offset bin)` (`OFFSET_BIN_SHIFT`) and
    /// scattered bin after bin, and each bin's few votes are sorted: `O(V)` for `V` votes plus
    /// `O(bins)`. Measured slower than the sort at 17 h (decision 0048: the bins of the
    /// voted tracks' offset spans outnumber the votes), so not the default.
    Bins,
    /// One comparison sort of every vote, `O(V log V)`.
    #[default]
    Sort,
}

/// Offset bins of [`VoteOrder::Bins`] are `2^OFFSET_BIN_SHIFT` frames wide.
const OFFSET_BIN_SHIFT: u32 = 4;

/// A vote: `(track << 32 | offset + 2^31, hash, query frame)`.
type Vote = (u64, u32, u32);

/// Buffers of [`query_scratch`], kept by an [`Identifier`] from one query to the next.
#[derive(Debug, Default)]
struct Scratch {
    /// The votes.
    votes: Vec<Vote>,
    best: Vec<(usize, u64)>,
    hashes: Vec<u32>,
    deltas: Vec<u64>,
    /// How the votes are ordered.
    order: VoteOrder,
    /// [`VoteOrder::Bins`]' buffers.
    bins: Bins,
}

/// Buffers of [`VoteOrder::Bins`].
#[derive(Debug, Default)]
struct Bins {
    /// The votes scattered bin after bin (swapped with the vote buffer).
    sorted: Vec<Vote>,
    /// Per track: smallest offset, then the first bin of the track.
    low: Vec<u32>,
    /// Per track: largest offset.
    high: Vec<u32>,
    base: Vec<u32>,
    /// Per bin: votes, then the bin's start in `sorted`.
    starts: Vec<u32>,
}

impl Bins {
    /// Puts `votes` in key order (see [`VoteOrder::Bins`]); `tracks` bounds the track ids.
    fn order(&mut self, votes: &mut Vec<Vote>, tracks: usize) {
        let Self { sorted, low, high, base, starts } = self;
        low.clear();
        low.resize(tracks, u32::MAX);
        high.clear();
        high.resize(tracks, 0);
        for v in votes.iter() {
            let (t, o) = ((v.0 >> 32) as usize, v.0 as u32);
            if let (Some(l), Some(h)) = (low.get_mut(t), high.get_mut(t)) {
                *l = (*l).min(o);
                *h = (*h).max(o);
            }
        }
        base.clear();
        let mut bins = 0u32;
        for (&l, &h) in low.iter().zip(high.iter()) {
            base.push(bins);
            if l <= h {
                bins += ((h - l) >> OFFSET_BIN_SHIFT) + 1;
            }
        }
        let bin_of = |v: &Vote| {
            let (t, o) = ((v.0 >> 32) as usize, v.0 as u32);
            base[t] as usize + ((o - low[t]) >> OFFSET_BIN_SHIFT) as usize
        };
        starts.clear();
        starts.resize(bins as usize + 1, 0);
        for v in votes.iter() {
            starts[bin_of(v) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        sorted.clear();
        sorted.resize(votes.len(), (0, 0, 0));
        // `starts[b]` walks from bin b's start to bin b + 1's as the bin fills.
        for v in votes.iter() {
            let b = bin_of(v);
            sorted[starts[b] as usize] = *v;
            starts[b] += 1;
        }
        let mut lo = 0usize;
        for &end in starts.iter().take(bins as usize) {
            let end = end as usize;
            if end - lo > 1 {
                sorted[lo..end].sort_unstable_by_key(|v| v.0);
            }
            lo = end;
        }
        std::mem::swap(votes, sorted);
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one pass over the candidate offsets with its three rejections in order; split, the hot loop would pass its scratch state through four signatures"
)]
fn query_scratch(
    view: &View<'_>,
    landmarks: &[Landmark],
    duration_s: f64,
    alpha: f64,
    floor: Floor,
    rate: ChanceRate,
    scratch: &mut Scratch,
) -> Outcome {
    if duration_s < MIN_QUERY_S {
        return Outcome::TooShort { duration_s };
    }
    let Scratch { votes, best, hashes, deltas, order, bins } = scratch;
    // The acceptance level every rejection reports (`Outcome::margin`).
    let level = -alpha.log10();
    // Votes: (track << 32 | offset + 2^31, hash, query frame); sorting the packed key sorts
    // by (track, offset).
    votes.clear();
    for l in landmarks {
        // The pair's time difference may round to the neighbouring frame when the query's hop
        // grid is not aligned with the index's: look up dt - 1 and dt + 1 as well. The three
        // hashes differ only in their low bits, so their postings are one contiguous run of
        // the index (one lookup); each hash's own postings are a sub-run.
        let dt = l.hash & DT_MASK;
        let base = l.hash & !DT_MASK;
        let (lo, hi) = (base | dt.saturating_sub(DT_SPREAD).max(1), base | (dt + DT_SPREAD).min(DT_MASK));
        let mut base = 0u32;
        for index in view.segments {
            let (hashes, tracks, frames) = index.posting_range(lo, hi);
            let mut i = 0;
            while let Some(&h) = hashes.get(i) {
                let n = hashes.get(i..).map_or(0, |r| r.partition_point(|&x| x == h)).max(1);
                if n <= MAX_POSTINGS
                    && let (Some(ts), Some(fs)) = (tracks.get(i..i + n), frames.get(i..i + n))
                {
                    for (&t, &f) in ts.iter().zip(fs) {
                        let offset = i64::from(f) - i64::from(l.frame) + OFFSET_BIAS;
                        if let Ok(offset) = u32::try_from(offset) {
                            votes.push(((u64::from(base + t) << 32) | u64::from(offset), l.hash, l.frame));
                        }
                    }
                }
                i += n;
            }
            base += index.tracks().len() as u32;
        }
    }
    let chance = votes.len();
    let global = global_lambda(view, chance);
    let thr = threshold_at(view, global, alpha, floor.min_score);
    if votes.is_empty() {
        return Outcome::NoMatch { best_score: 0, threshold: thr, significance: 0.0, level };
    }
    match *order {
        VoteOrder::Bins => bins.order(votes, view.segments.iter().map(|i| i.tracks().len()).sum()),
        VoteOrder::Sort => votes.sort_unstable_by_key(|v| v.0),
    }
    let track_of = |key: u64| (key >> 32) as u32;
    let w = 2 * TOLERANCE as u64;
    // Sliding window over (track, offset): raw counts, keep the best few cells.
    best.clear();
    let mut lo = 0;
    for hi in 0..votes.len() {
        let key = votes[hi].0;
        while track_of(votes[lo].0) != track_of(key) || key - votes[lo].0 > w {
            lo += 1;
        }
        let count = hi - lo + 1;
        if best.len() < RESCORE || count > best.last().map_or(0, |b| b.0) {
            let centre = votes[lo].0 + TOLERANCE as u64;
            if let Some(b) = best.iter_mut().find(|b| b.1.abs_diff(centre) <= w) {
                if count > b.0 {
                    *b = (count, centre);
                }
            } else {
                best.push((count, centre));
            }
            best.sort_unstable_by_key(|b| std::cmp::Reverse(b.0));
            best.truncate(RESCORE);
        }
    }
    // Rescore: distinct hashes within the window, span of matched query frames, and the
    // chance probability at the track's own chance rate.
    let mut winner: Option<(f64, u32, u32, i64, f64)> = None;
    let cell_range = |centre: u64| {
        let start = votes.partition_point(|v| v.0 < centre - TOLERANCE as u64);
        (start, votes.partition_point(|v| v.0 <= centre + TOLERANCE as u64))
    };
    for &(_, centre) in best.iter() {
        let t = track_of(centre);
        let (start, end) = cell_range(centre);
        let cell = &votes[start..end];
        hashes.clear();
        hashes.extend(cell.iter().map(|v| v.1));
        hashes.sort_unstable();
        hashes.dedup();
        let (qmin, qmax) = cell.iter().fold((u32::MAX, 0), |(a, b), v| (a.min(v.2), b.max(v.2)));
        let span_ok = f64::from(qmax.saturating_sub(qmin)) * FRAME_S >= floor.min_span_s;
        let score = if span_ok { hashes.len() as u32 } else { 0 };
        // Offset: the most common offset in the window (ties: the smaller).
        deltas.clear();
        deltas.extend(cell.iter().map(|v| v.0));
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
        // The track's background: its votes outside this cell.
        let track_lo = votes.partition_point(|v| v.0 < u64::from(t) << 32);
        let track_hi = votes.partition_point(|v| v.0 < (u64::from(t) + 1) << 32);
        let excluded = match rate {
            ChanceRate::IndexWide | ChanceRate::Track => cell.len(),
            // The rescored cells are disjoint windows (centres more than 2 * TOLERANCE apart).
            ChanceRate::TrackRobust => best
                .iter()
                .filter(|b| track_of(b.1) == t)
                .map(|b| {
                    let (s, e) = cell_range(b.1);
                    e - s
                })
                .sum(),
        };
        let lambda = match rate {
            ChanceRate::IndexWide => global,
            ChanceRate::Track | ChanceRate::TrackRobust => track_lambda(view, t, (track_hi - track_lo).saturating_sub(excluded), global),
        };
        let p = chance_p(view, lambda, score).min(1.0);
        let offset = i64::from(mode.1 as u32) - OFFSET_BIAS;
        if winner.is_none_or(|w| p < w.0 || (p == w.0 && score > w.1)) {
            winner = Some((p, score, t, offset, lambda));
        }
    }
    let Some((p, score, track, delta, lambda)) = winner else {
        return Outcome::NoMatch { best_score: 0, threshold: thr, significance: 0.0, level };
    };
    let significance = -p.max(1e-300).log10();
    let thr = threshold_at(view, lambda, alpha, floor.min_score);
    if score < thr {
        return Outcome::NoMatch { best_score: score, threshold: thr, significance, level };
    }
    let (segment, track) = view.locate(track).unwrap_or((0, track));
    Outcome::Match(Match {
        segment,
        track,
        offset_frames: delta,
        offset_s: delta as f64 * FRAME_S,
        score,
        threshold: thr,
        significance,
        confidence: 1.0 - p.powf(0.1),
        speed: 1.0,
        dense: false,
    })
}

/// The second, denser look of [`identify`] at a query not recognised at normal speed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DenseLook {
    /// Query-side hashing of the second look (smaller peak neighbourhood, wider fan-out).
    pub hasher: HasherConfig,
    /// Framings of the query: the analysis copy is hashed from `shifts` starting points
    /// `k * HOP / shifts` samples apart (`k = 0 .. shifts`), and the landmarks of all of them
    /// are merged (each `(hash, frame)` once), so that a peak that falls between two frames of
    /// one framing is caught whole by another.
    pub shifts: usize,
    /// Accepted chance-match probability of this look at [`ALPHA`] (scaled with
    /// [`IdentifyOptions::alpha`], never above a quarter of it): [`DENSE_ALPHA`] by default.
    pub alpha: f64,
}

impl Default for DenseLook {
    fn default() -> Self {
        Self { hasher: HasherConfig::dense(DENSE_HALF_T, DENSE_HALF_F, DENSE_FANOUT), shifts: 1, alpha: DENSE_ALPHA }
    }
}

/// Options of [`identify`].
#[derive(Clone, Debug, PartialEq)]
pub struct IdentifyOptions {
    /// Playback speeds tried, in order, when the query is not recognised at 1.0.
    pub speeds: Vec<f64>,
    /// Query-side hashing (the engine's [`HasherConfig::query`] by default).
    pub hasher: HasherConfig,
    /// The denser second look tried before the speed search (`None`: no second look).
    pub dense: Option<DenseLook>,
    /// Chance-rate estimate of the rejection rule.
    pub rate: ChanceRate,
    /// Accepted chance-match probability of the whole search ([`ALPHA`] by default; the
    /// benchmark sweeps it to calibrate [`ALPHA`]).
    pub alpha: f64,
    /// How the votes are ordered ([`VoteOrder::Sort`]; the same outcome either way).
    pub votes: VoteOrder,
}

impl Default for IdentifyOptions {
    fn default() -> Self {
        Self {
            speeds: vec![1.01, 0.99, 1.02, 0.98, 1.03, 0.97, 1.04, 0.96],
            hasher: HasherConfig::query(),
            dense: Some(DenseLook::default()),
            rate: ChanceRate::default(),
            alpha: ALPHA,
            votes: VoteOrder::default(),
        }
    }
}

impl IdentifyOptions {
    /// Chance-match budgets `(normal speed, dense look, each speed)` of the union bound: half
    /// of `alpha` for the normal-speed attempt; the dense look its own calibrated level
    /// ([`DenseLook::alpha`], scaled with `alpha`, at most a quarter of it); the rest split
    /// evenly over the speeds. The three add up to at most `alpha`.
    pub fn budgets(&self) -> (f64, f64, f64) {
        let a = self.alpha;
        let n = self.speeds.len();
        let dense = self.dense.map_or(0.0, |d| (d.alpha * a / ALPHA).min(if n == 0 { a / 2.0 } else { a / 4.0 }));
        if n == 0 && self.dense.is_none() {
            return (a, 0.0, 0.0);
        }
        (a / 2.0, dense, if n == 0 { 0.0 } else { (a / 2.0 - dense) / n as f64 })
    }
}

/// Hashes a mono signal and matches it; when nothing is found at normal speed, takes a second,
/// denser look ([`IdentifyOptions::dense`]: more peaks per second and more pairs per anchor on
/// the query side only), then tries `options.speeds` in order as the playback speed (hashing
/// at rate `sample_rate / speed` undoes a speed change) and returns the first match. The
/// chance-match budget [`ALPHA`] is shared (a union bound, [`IdentifyOptions::budgets`]): half
/// for the normal-speed attempt, the dense look its own, much smaller calibrated level
/// ([`DENSE_ALPHA`]), the rest split evenly over the speeds, so the whole search accepts a
/// chance match with probability at most `ALPHA` whether it stops early or not, while the
/// normal-speed attempt pays only a factor 2 (acceptance at `-log10 p >= 6.84`, the dense look
/// at 11.17, the speed attempts at 7.74). Clean queries are answered by the first attempt, so
/// the later ones cost only queries that fall through. When nothing matches, the rejected
/// cell that came closest to its attempt's level is returned.
///
/// One-off: builds the hashers (kernel tables, FFT plans) and buffers for this query alone.
/// Many queries are faster through one [`Identifier`], which keeps them.
pub fn identify(index: &Index, samples: &[f32], sample_rate: f64, options: &IdentifyOptions) -> Outcome {
    Identifier::new(options.clone()).identify(index, samples, sample_rate)
}

/// Whether rejected outcome `a` came closer to its acceptance level than `b`.
fn closer(a: &Outcome, b: &Outcome) -> bool {
    a.margin().unwrap_or(f64::INFINITY) < b.margin().unwrap_or(f64::INFINITY)
}

/// Hashers kept by an [`Identifier`]; more input rates than this start the cache afresh.
const MAX_CACHED_HASHERS: usize = 16;

/// A reusable query context for [`identify`]: keeps a [`Hasher`] per input rate and
/// configuration (its resampling kernel table and FFT plan are built once), the
/// analysis-rate resampler of the dense look and the speed search, and the landmark and vote
/// buffers, so a query allocates nothing once the buffers have grown to the query length.
/// Same results as [`identify`], bit for bit ([`Hasher::reset`] reproduces a fresh hasher's
/// output).
#[derive(Debug)]
pub struct Identifier {
    options: IdentifyOptions,
    /// `(input rate as f64 bits, configuration, hasher)`.
    hashers: Vec<(u64, HasherConfig, Hasher)>,
    /// `(input rate as f64 bits, resampler to ANALYSIS_RATE)` of the speed search.
    to_analysis: Option<(u64, Resampler)>,
    analysis: Vec<f32>,
    landmarks: Vec<Landmark>,
    scratch: Scratch,
    /// The dense look's framings, then one per speed, of [`Identifier::identify_passes`]'s
    /// second pass (built on first use).
    lanes: Vec<Lane>,
}

/// One hashing of the analysis-rate query in [`Identifier::identify_passes`]'s second pass:
/// a dense-look framing (its first `skip` samples skipped, frames moved by `shift`) or a
/// playback speed.
#[derive(Debug)]
struct Lane {
    hasher: Hasher,
    skip: usize,
    shift: u32,
    /// Samples still to skip in this pass.
    to_skip: usize,
    /// Playback speed the lane undoes (1.0 for the dense look's framings).
    speed: f64,
    /// [`Lane::end`] has flushed the hasher: every landmark is out.
    ended: bool,
    out: Vec<Landmark>,
}

impl Lane {
    fn new(rate: f64, config: HasherConfig, skip: usize, shift: u32, speed: f64) -> Self {
        Self { hasher: Hasher::with_config(rate, config), skip, shift, to_skip: skip, speed, ended: false, out: Vec::new() }
    }

    fn start(&mut self) {
        self.hasher.reset();
        self.to_skip = self.skip;
        self.ended = false;
        self.out.clear();
    }

    /// Every landmark whose frame is below this has been emitted (anchors are paired
    /// [`EMIT_DELAY_FRAMES`] frames late, at most; everything after [`Lane::end`]).
    fn decided(&self) -> u64 {
        if self.ended { u64::MAX } else { self.hasher.frames().saturating_sub(u64::from(EMIT_DELAY_FRAMES) + 1) }
    }

    fn feed(&mut self, x: &[f32]) {
        let skip = self.to_skip.min(x.len());
        self.to_skip -= skip;
        let (out, shift) = (&mut self.out, self.shift);
        self.hasher.process(&x[skip..], &mut |mut l| {
            l.frame += shift;
            out.push(l);
        });
    }

    fn end(&mut self) {
        let (out, shift) = (&mut self.out, self.shift);
        self.hasher.flush(&mut |mut l| {
            l.frame += shift;
            out.push(l);
        });
        self.ended = true;
    }
}

/// One reading of a query for [`Identifier::identify_passes`]: it feeds the whole query, in
/// chunks of any size, to the sink it is given, or returns the error that stopped it.
pub type QueryPass<'a, E> = dyn FnMut(&mut dyn FnMut(&[f32])) -> Result<(), E> + 'a;

impl Identifier {
    /// An identifier with these options (scratch buffers grow on first use).
    pub fn new(options: IdentifyOptions) -> Self {
        let order = options.votes;
        Self {
            options,
            hashers: Vec::new(),
            to_analysis: None,
            analysis: Vec::new(),
            landmarks: Vec::new(),
            scratch: Scratch { order, ..Scratch::default() },
            lanes: Vec::new(),
        }
    }

    /// The options.
    pub fn options(&self) -> &IdentifyOptions {
        &self.options
    }

    /// Appends the landmarks of `samples` (or of the analysis copy from sample `skip` on) at
    /// `sample_rate` to `self.landmarks`, with a cached hasher; their frames are moved by
    /// `frame_shift`.
    fn hash(&mut self, samples: Option<&[f32]>, sample_rate: f64, config: HasherConfig, skip: usize, frame_shift: u32) {
        let pos = self.hasher_slot(sample_rate, config);
        let Self { hashers, landmarks, analysis, .. } = self;
        let Some((_, _, h)) = hashers.get_mut(pos) else { return };
        h.reset();
        let samples = samples.unwrap_or(analysis);
        let samples = samples.get(skip..).unwrap_or_default();
        let mut sink = |mut l: Landmark| {
            l.frame += frame_shift;
            landmarks.push(l);
        };
        h.process(samples, &mut sink);
        h.flush(&mut sink);
    }

    /// The index of the cached hasher for `sample_rate` and `config` (made if missing).
    fn hasher_slot(&mut self, sample_rate: f64, config: HasherConfig) -> usize {
        let key = sample_rate.to_bits();
        if let Some(i) = self.hashers.iter().position(|h| h.0 == key && h.1 == config) {
            return i;
        }
        if self.hashers.len() >= MAX_CACHED_HASHERS {
            self.hashers.clear();
        }
        self.hashers.push((key, config, Hasher::with_config(sample_rate, config)));
        self.hashers.len() - 1
    }

    /// Makes the cached resampler from `sample_rate` to [`ANALYSIS_RATE`] (if another rate's
    /// is cached) and resets it.
    fn analysis_resampler(&mut self, sample_rate: f64) {
        let key = sample_rate.to_bits();
        if self.to_analysis.as_ref().is_none_or(|(k, _)| *k != key) {
            self.to_analysis = Some((key, Resampler::new(sample_rate, ANALYSIS_RATE, CUTOFF_HZ)));
        }
        if let Some((_, r)) = self.to_analysis.as_mut() {
            r.reset();
        }
    }

    /// `samples` resampled to [`ANALYSIS_RATE`] into `self.analysis`, with a cached resampler.
    fn resample_to_analysis(&mut self, samples: &[f32], sample_rate: f64) {
        self.analysis_resampler(sample_rate);
        let Some((_, r)) = self.to_analysis.as_mut() else { return };
        self.analysis.clear();
        resample_into(r, samples, &mut self.analysis);
    }

    /// The dense look alone at chance-match probability `alpha` (the benchmark calibrates its
    /// acceptance level with it).
    pub fn dense_look(&mut self, index: &Index, samples: &[f32], sample_rate: f64, dense: DenseLook, alpha: f64) -> Outcome {
        let duration_s = samples.len() as f64 / sample_rate;
        if duration_s < MIN_QUERY_S {
            return Outcome::TooShort { duration_s };
        }
        self.resample_to_analysis(samples, sample_rate);
        self.landmarks.clear();
        let shifts = dense.shifts.clamp(1, HOP);
        for k in 0..shifts {
            // Framing k starts `skip` samples later: its frame f lies at frame
            // f + skip / HOP of the query, rounded to the nearest.
            let skip = k * HOP / shifts;
            self.hash(None, ANALYSIS_RATE, dense.hasher, skip, u32::from(2 * skip >= HOP));
        }
        if shifts > 1 {
            self.landmarks.sort_unstable_by_key(|l| (l.frame, l.hash));
            self.landmarks.dedup();
        }
        query_scratch(&View::new(&[index]), &self.landmarks, duration_s, alpha, Floor::DEFAULT, self.options.rate, &mut self.scratch)
    }

    /// [`identify`] with this context's options and buffers.
    pub fn identify(&mut self, index: &Index, samples: &[f32], sample_rate: f64) -> Outcome {
        self.identify_segments(&[index], samples, sample_rate)
    }

    /// [`Identifier::identify`] against several index segments judged as one index (a
    /// catalogue split into segments): the query is hashed once per attempt, whatever the
    /// number of segments, and every attempt looks its landmarks up in all of them, judged by
    /// one chance model over their frames at the full acceptance level (no union bound over
    /// segments). A match names its segment ([`Match::segment`]) and its track id there.
    pub fn identify_segments(&mut self, segments: &[&Index], samples: &[f32], sample_rate: f64) -> Outcome {
        let r: Result<Outcome, std::convert::Infallible> = self.identify_segments_passes(segments, sample_rate, &mut |sink| {
            sink(samples);
            Ok(())
        });
        match r {
            Ok(o) => o,
            Err(e) => match e {},
        }
    }

    /// [`Identifier::identify`] over a query read in passes instead of held in memory: `pass`
    /// feeds the whole query (mono at `sample_rate`), in chunks of any size, to the sink it is
    /// given. It is called once, and a second time when the normal-speed attempt finds nothing
    /// and the dense look or the speed search runs: that pass resamples the query to
    /// [`ANALYSIS_RATE`] as it comes and hashes it for the dense look's framings and every
    /// speed at once. Only landmarks are held, never the samples (decision record 0023), and
    /// the second pass holds them for one window of [`SECOND_PASS_WINDOW_S`] at a time (see
    /// [`SECOND_PASS_WINDOW_S`]), so its memory does not grow with the query. The outcome is
    /// [`Identifier::identify`]'s, bit for bit (the hasher and the resampler give the same
    /// output however their input is split).
    ///
    /// # Errors
    /// The first error `pass` returns (the query could not be read).
    pub fn identify_passes<E>(&mut self, index: &Index, sample_rate: f64, pass: &mut QueryPass<'_, E>) -> Result<Outcome, E> {
        self.identify_segments_passes(&[index], sample_rate, pass)
    }

    /// [`Identifier::identify_passes`] against several index segments judged as one index
    /// ([`Identifier::identify_segments`]).
    ///
    /// # Errors
    /// The first error `pass` returns (the query could not be read).
    pub fn identify_segments_passes<E>(
        &mut self,
        segments: &[&Index],
        sample_rate: f64,
        pass: &mut QueryPass<'_, E>,
    ) -> Result<Outcome, E> {
        let view = View::new(segments);
        let (alpha_first, _, _) = self.options.budgets();
        let (rate, config) = (self.options.rate, self.options.hasher);
        self.landmarks.clear();
        let slot = self.hasher_slot(sample_rate, config);
        let Self { hashers, landmarks, .. } = self;
        let h = &mut hashers[slot].2;
        h.reset();
        let mut samples = 0usize;
        pass(&mut |x| {
            samples += x.len();
            h.process(x, &mut |l| landmarks.push(l));
        })?;
        h.flush(&mut |l| landmarks.push(l));
        let duration_s = samples as f64 / sample_rate;
        if duration_s < MIN_QUERY_S {
            return Ok(Outcome::TooShort { duration_s });
        }
        let first = query_scratch(&view, &self.landmarks, duration_s, alpha_first, Floor::DEFAULT, rate, &mut self.scratch);
        if !matches!(first, Outcome::NoMatch { .. }) || (self.options.speeds.is_empty() && self.options.dense.is_none()) {
            return Ok(first);
        }
        // The dense look and the speed attempts re-hash the query once resampled to the
        // analysis rate (a short kernel instead of the input rate's long one); the STFT and
        // peaks are computed afresh per attempt. When nothing matches, the rejected cell that
        // came closest to its attempt's acceptance level is returned.
        self.second_pass(&view, sample_rate, duration_s, first, pass)
    }

    /// The lanes of the second pass (dense framings, then speeds), built on first use and
    /// started afresh.
    fn start_lanes(&mut self) {
        if self.lanes.is_empty() {
            if let Some(dense) = self.options.dense {
                let shifts = dense.shifts.clamp(1, HOP);
                for k in 0..shifts {
                    // Framing k starts `skip` samples later: its frame f lies at frame
                    // f + skip / HOP of the query, rounded to the nearest.
                    let skip = k * HOP / shifts;
                    self.lanes.push(Lane::new(ANALYSIS_RATE, dense.hasher, skip, u32::from(2 * skip >= HOP), 1.0));
                }
            }
            for &speed in &self.options.speeds {
                self.lanes.push(Lane::new(ANALYSIS_RATE / speed, self.options.hasher, 0, 0, speed));
            }
        }
        for lane in &mut self.lanes {
            lane.start();
        }
    }

    /// The second pass of [`Identifier::identify_segments_passes`]: every lane (dense
    /// framings, then speeds) hashes the analysis-rate query as `pass` feeds it, and each
    /// window of the query ([`Windows`]) is tried as soon as every lane has hashed it; the
    /// lanes then forget the landmarks no later window needs. The first match wins.
    fn second_pass<E>(
        &mut self,
        view: &View<'_>,
        sample_rate: f64,
        duration_s: f64,
        first: Outcome,
        pass: &mut QueryPass<'_, E>,
    ) -> Result<Outcome, E> {
        self.start_lanes();
        self.analysis_resampler(sample_rate);
        let windows = Windows::of(duration_s);
        let (_, alpha_dense, alpha_speed) = self.options.budgets();
        let mut attempt = Attempts {
            view,
            shifts: self.options.dense.map_or(0, |d| d.shifts.clamp(1, HOP)),
            duration_s,
            alpha_dense: alpha_dense / windows.count as f64,
            alpha_speed: alpha_speed / windows.count as f64,
            rate: self.options.rate,
            best: first,
            found: None,
            next: 0,
        };
        let Self { to_analysis, analysis, lanes, landmarks, scratch, .. } = self;
        let Some((_, r)) = to_analysis.as_mut() else { return Ok(attempt.best) };
        pass(&mut |x| {
            if attempt.found.is_some() {
                return;
            }
            analysis.clear();
            resample_into(r, x, analysis);
            for lane in lanes.iter_mut() {
                lane.feed(analysis);
            }
            attempt.ready_windows(&windows, lanes, landmarks, scratch, false);
        })?;
        if attempt.found.is_none() {
            for lane in lanes.iter_mut() {
                lane.end();
            }
            attempt.ready_windows(&windows, lanes, landmarks, scratch, true);
        }
        Ok(attempt.found.unwrap_or(attempt.best))
    }
}

/// Length of a window of [`Identifier::identify_passes`]' second pass (s). A query up to this
/// long is one window (the whole query, as before windows); a longer one is tried in windows
/// of this length, half of it apart, each at the dense look's and the speeds' levels divided
/// by the number of windows (a union bound over windows: one window or many, the second pass
/// accepts a chance match with the same probability). The second pass then holds the
/// landmarks of 1.5 windows per lane, not of the whole query (a 1-hour query held 280 MB).
pub const SECOND_PASS_WINDOW_S: f64 = 60.0;

/// The windows of the second pass: `count` windows `[k * hop_s, k * hop_s + len_s)`.
#[derive(Clone, Copy, Debug)]
struct Windows {
    count: usize,
    len_s: f64,
    hop_s: f64,
}

impl Windows {
    fn of(duration_s: f64) -> Self {
        if duration_s <= SECOND_PASS_WINDOW_S {
            return Self { count: 1, len_s: f64::INFINITY, hop_s: 0.0 };
        }
        let hop_s = SECOND_PASS_WINDOW_S / 2.0;
        let count = ((duration_s - SECOND_PASS_WINDOW_S) / hop_s).ceil() as usize + 1;
        Self { count, len_s: SECOND_PASS_WINDOW_S, hop_s }
    }

    /// Window `k` in the frames of a lane hashing at `speed`: `[start, end)`.
    fn frames(&self, k: usize, speed: f64) -> (u32, u32) {
        let to_frame = |t: f64| (t * speed / FRAME_S).floor().clamp(0.0, f64::from(u32::MAX)) as u32;
        let t0 = k as f64 * self.hop_s;
        (to_frame(t0), to_frame(t0 + self.len_s))
    }
}

/// State of the second pass's attempts over its windows.
struct Attempts<'v, 'a> {
    view: &'v View<'a>,
    shifts: usize,
    duration_s: f64,
    alpha_dense: f64,
    alpha_speed: f64,
    rate: ChanceRate,
    /// The rejected cell closest to its level so far.
    best: Outcome,
    found: Option<Outcome>,
    /// The next window to try.
    next: usize,
}

impl Attempts<'_, '_> {
    /// Tries every window all lanes have hashed (all that are left when `end`), in order,
    /// until one matches; then drops the landmarks no later window needs.
    fn ready_windows(&mut self, windows: &Windows, lanes: &mut [Lane], landmarks: &mut Vec<Landmark>, scratch: &mut Scratch, end: bool) {
        while self.found.is_none() && self.next < windows.count {
            let k = self.next;
            if !end && !lanes.iter().all(|l| l.decided() >= u64::from(windows.frames(k, l.speed).1)) {
                return;
            }
            self.try_window(windows, k, lanes, landmarks, scratch);
            self.next += 1;
            if self.next < windows.count {
                for lane in lanes.iter_mut() {
                    let keep_from = windows.frames(self.next, lane.speed).0;
                    let n = lane.out.partition_point(|l| l.frame < keep_from);
                    lane.out.drain(..n);
                }
            }
        }
    }

    /// The dense look, then every speed, on window `k`'s landmarks (frames counted from the
    /// window's start; a match's offset is moved back to the query's start).
    fn try_window(&mut self, windows: &Windows, k: usize, lanes: &[Lane], landmarks: &mut Vec<Landmark>, scratch: &mut Scratch) {
        let gather = |lanes: &[Lane], landmarks: &mut Vec<Landmark>| {
            landmarks.clear();
            let mut start = 0;
            for lane in lanes {
                let (a, b) = windows.frames(k, lane.speed);
                start = a;
                let lo = lane.out.partition_point(|l| l.frame < a);
                let hi = lane.out.partition_point(|l| l.frame < b);
                landmarks.extend(lane.out[lo..hi].iter().map(|l| Landmark { hash: l.hash, frame: l.frame - a }));
            }
            start
        };
        if self.shifts > 0 {
            let start = gather(&lanes[..self.shifts], landmarks);
            if self.shifts > 1 {
                landmarks.sort_unstable_by_key(|l| (l.frame, l.hash));
                landmarks.dedup();
            }
            match query_scratch(self.view, landmarks, self.duration_s, self.alpha_dense, Floor::DEFAULT, self.rate, scratch) {
                Outcome::Match(mut m) => {
                    m.dense = true;
                    self.found = Some(Outcome::Match(moved(m, start)));
                    return;
                }
                o @ Outcome::NoMatch { .. } if closer(&o, &self.best) => self.best = o,
                _ => {}
            }
        }
        for lane in &lanes[self.shifts..] {
            let start = gather(std::slice::from_ref(lane), landmarks);
            match query_scratch(self.view, landmarks, self.duration_s * lane.speed, self.alpha_speed, Floor::DEFAULT, self.rate, scratch) {
                Outcome::Match(mut m) => {
                    m.speed = lane.speed;
                    self.found = Some(Outcome::Match(moved(m, start)));
                    return;
                }
                o @ Outcome::NoMatch { .. } if closer(&o, &self.best) => self.best = o,
                _ => {}
            }
        }
    }
}

/// `m` found on landmarks whose frames were counted from frame `start`: its offset from the
/// query's start.
fn moved(mut m: Match, start: u32) -> Match {
    m.offset_frames -= i64::from(start);
    m.offset_s = m.offset_frames as f64 * FRAME_S;
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::landmarks_of;

    /// A seeded "melody" of decaying tones: plenty of well separated peaks.
    fn melody(seed: u32, sr: f64, secs: f64) -> Vec<f32> {
        let n = (sr * secs) as usize;
        let mut x = vec![0.0f32; n];
        let mut s = seed;
        let step = (sr * 0.125) as usize;
        for start in (0..n).step_by(step) {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let f = 150.0 + f64::from(s >> 20) % 2500.0;
            for i in 0..(step * 3).min(n - start) {
                let t = i as f64 / sr;
                x[start + i] += (0.2 * (-t * 5.0).exp() * (2.0 * std::f64::consts::PI * f * t).sin()) as f32;
            }
        }
        x
    }

    /// One [`Identifier`] reused over many queries (different rates, matches, misses, speed
    /// searches) answers exactly as a fresh context per query.
    #[test]
    fn reused_identifier_matches_fresh_queries() {
        use crate::fingerprint::index::TrackInfo;
        let sr = 44100.0;
        let tracks: Vec<Vec<f32>> = (0..3).map(|k| melody(k + 1, sr, 40.0)).collect();
        let mut index = Index::new();
        index.add_tracks(
            tracks
                .iter()
                .enumerate()
                .map(|(k, x)| {
                    let info = TrackInfo {
                        name: format!("t{k}"),
                        path: format!("t{k}"),
                        duration_s: 40.0,
                        frames: (40.0 / FRAME_S) as u32,
                        ..TrackInfo::default()
                    };
                    (info, landmarks_of(x, sr, HasherConfig::index()))
                })
                .collect(),
        );
        let options = IdentifyOptions::default();
        let mut reused = Identifier::new(options.clone());
        let mut queries: Vec<(Vec<f32>, f64)> = Vec::new();
        for (k, x) in tracks.iter().enumerate() {
            let start = (sr * (5.0 + 7.0 * k as f64)) as usize;
            queries.push((x[start..start + (sr * 5.0) as usize].to_vec(), sr));
        }
        // An unindexed melody (a miss: runs the speed search) and a query at another rate.
        queries.push((melody(99, sr, 5.0), sr));
        let at48 = melody(2, 48000.0, 40.0);
        queries.push((at48[(48000.0 * 12.0) as usize..(48000.0 * 17.0) as usize].to_vec(), 48000.0));
        queries.push((queries[0].0.clone(), sr));
        let mut matched = 0;
        for (x, rate) in &queries {
            let fresh = identify(&index, x, *rate, &options);
            let again = reused.identify(&index, x, *rate);
            assert_eq!(fresh, again);
            matched += usize::from(fresh.matched().is_some());
        }
        assert!(matched >= 4, "{matched} of {} queries matched", queries.len());
        assert!(queries.get(3).is_some_and(|(x, r)| identify(&index, x, *r, &options).matched().is_none()));
    }

    fn info(k: usize, secs: f64) -> crate::fingerprint::index::TrackInfo {
        crate::fingerprint::index::TrackInfo {
            name: format!("t{k}"),
            path: format!("t{k}"),
            duration_s: secs,
            frames: (secs / FRAME_S) as u32,
            ..Default::default()
        }
    }

    /// Two segments judged as one index answer as the index holding both: the same track,
    /// offset and score, named by its segment and its id there; a query of neither matches
    /// nothing.
    #[test]
    fn segments_answer_as_one_index() {
        let sr = 16000.0;
        let tracks: Vec<Vec<f32>> = (0..4).map(|k| melody(k + 11, sr, 30.0)).collect();
        let item = |k: usize| (info(k, 30.0), landmarks_of(&tracks[k], sr, HasherConfig::index()));
        let mut whole = Index::new();
        whole.add_tracks((0..4).map(item).collect());
        let (mut a, mut b) = (Index::new(), Index::new());
        a.add_tracks((0..1).map(item).collect());
        b.add_tracks((1..4).map(item).collect());
        let mut ident = Identifier::new(IdentifyOptions::default());
        for (k, track) in tracks.iter().enumerate() {
            let start = (sr * (4.0 + 5.0 * k as f64)) as usize;
            let q = &track[start..start + (sr * 5.0) as usize];
            let one = ident.identify(&whole, q, sr);
            let two = ident.identify_segments(&[&a, &b], q, sr);
            let (Outcome::Match(one), Outcome::Match(two)) = (one, two) else { panic!("track {k}: {one:?} / {two:?}") };
            assert_eq!((two.segment, two.track), if k == 0 { (0, 0) } else { (1, k as u32 - 1) });
            assert_eq!((one.offset_frames, one.score, one.significance), (two.offset_frames, two.score, two.significance));
        }
        let miss = melody(99, sr, 5.0);
        assert!(ident.identify_segments(&[&a, &b], &miss, sr).matched().is_none());
        assert!(matches!(ident.identify_segments(&[], &miss, sr), Outcome::NoMatch { best_score: 0, .. }));
    }

    /// A query longer than [`SECOND_PASS_WINDOW_S`]: the second pass holds one window's
    /// landmarks, not the whole query's, and still finds a sped-up track late in the query.
    #[test]
    fn long_queries_hold_one_window_in_the_second_pass() {
        let sr = 16000.0;
        let track = melody(5, sr, 40.0);
        let mut index = Index::new();
        index.add_tracks(vec![(info(0, 40.0), landmarks_of(&track, sr, HasherConfig::index()))]);
        let mut ident = Identifier::new(IdentifyOptions::default());
        // 200 s of unindexed music: no match, and each lane keeps at most the last window.
        let miss = melody(77, sr, 200.0);
        assert!(ident.identify(&index, &miss, sr).matched().is_none());
        let whole = landmarks_of(&miss, sr, DenseLook::default().hasher).len();
        assert!(ident.lanes.iter().all(|l| l.out.len() * 3 < whole), "a lane kept more than a third of {whole} landmarks");
        // 100 s of unindexed music, then the track 3 % fast (rendered at sr / 1.03, played at
        // sr): the normal attempt misses, a later window's speed attempt finds it.
        let mut q = melody(78, sr, 100.0);
        let fast = melody(5, sr / 1.03, 40.0);
        q.extend_from_slice(&fast[(sr * 5.0) as usize..(sr * 25.0) as usize]);
        let o = ident.identify(&index, &q, sr);
        let m = o.matched().unwrap_or_else(|| panic!("{o:?}"));
        assert!(m.track == 0 && (m.dense || m.speed != 1.0), "{m:?}");
    }

    /// The bucketing puts votes in the comparison sort's key order, equal keys included.
    #[test]
    fn vote_bins_order_keys_as_the_sort() {
        let mut s = 0x1234_5678u64;
        let mut next = || {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            s >> 33
        };
        let mut bins = Bins::default();
        for n in [0usize, 1, 2, 17, 500, 5000] {
            let mut votes: Vec<Vote> = (0..n)
                .map(|i| {
                    let track = next() % 7;
                    // Offsets clustered near the bias (real votes) and a few far out.
                    let offset = OFFSET_BIAS as u64 - 300 + next() % if i % 50 == 0 { 1 << 20 } else { 600 };
                    ((track << 32) | offset, next() as u32, i as u32)
                })
                .collect();
            let mut sorted = votes.clone();
            sorted.sort_unstable_by_key(|v| v.0);
            bins.order(&mut votes, 7);
            assert_eq!(votes.iter().map(|v| v.0).collect::<Vec<_>>(), sorted.iter().map(|v| v.0).collect::<Vec<_>>());
            votes.sort_unstable();
            sorted.sort_unstable();
            assert_eq!(votes, sorted, "the same votes");
        }
    }

    /// Matches, misses, noisy queries that reach the dense look and the speed search, and a
    /// catalogue of two segments: the bucketed votes answer exactly as the sorted ones.
    #[test]
    fn vote_bins_answer_as_the_sort() {
        let sr = 16000.0;
        let tracks: Vec<Vec<f32>> = (0..5).map(|k| melody(k + 21, sr, 30.0)).collect();
        let item = |k: usize| (info(k, 30.0), landmarks_of(&tracks[k], sr, HasherConfig::index()));
        let (mut a, mut b) = (Index::new(), Index::new());
        a.add_tracks((0..2).map(item).collect());
        b.add_tracks((2..5).map(item).collect());
        let mut bins = Identifier::new(IdentifyOptions { votes: VoteOrder::Bins, ..IdentifyOptions::default() });
        let mut sort = Identifier::new(IdentifyOptions { votes: VoteOrder::Sort, ..IdentifyOptions::default() });
        let mut noise = 0x9e37_79b9u32;
        let mut matched = 0;
        for (k, track) in tracks.iter().enumerate() {
            for (start_s, noise_amp) in [(3.0, 0.0), (11.0, 0.15), (19.0, 0.6)] {
                let start = (sr * (start_s + k as f64)) as usize;
                let q: Vec<f32> = track[start..start + (sr * 5.0) as usize]
                    .iter()
                    .map(|&x| {
                        noise = noise.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                        x + noise_amp * (f64::from(noise >> 8) / f64::from(1u32 << 24) - 0.5) as f32
                    })
                    .collect();
                let one = bins.identify_segments(&[&a, &b], &q, sr);
                assert_eq!(one, sort.identify_segments(&[&a, &b], &q, sr), "track {k} at {start_s} s");
                matched += usize::from(one.matched().is_some());
            }
        }
        let miss = melody(98, sr, 5.0);
        assert_eq!(bins.identify_segments(&[&a, &b], &miss, sr), sort.identify_segments(&[&a, &b], &miss, sr));
        assert!(matched >= 10, "{matched} of 15 matched");
    }

    #[test]
    fn poisson_tail_is_sane() {
        // P[Pois(1) >= 3] = 1 - e^-1 (1 + 1 + 0.5) = 0.0803
        assert!((ln_poisson_tail(1.0, 3).exp() - 0.080301).abs() < 1e-4);
        assert_eq!(ln_poisson_tail(5.0, 2), 0.0);
        assert!(ln_poisson_tail(0.01, 50) < -200.0);
    }
}
