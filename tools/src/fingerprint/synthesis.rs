//! The queries: seeded excerpts of indexed tracks (positives), of held-out tracks (negatives),
//! and the conditions they are played under (crowd or white noise at an SNR, a speed change).

use std::path::PathBuf;

use resonance_io::decode::resample;
use resonance_test_support::{SplitMix64, power};

use super::corpus::Corpus;
use super::{QUERY_S, SR};

/// Mixes `noise` into `clip` at `snr_db`, the SNR computed over this clip.
pub fn mix(clip: &[f32], noise: &[f32], snr_db: f64) -> Vec<f32> {
    let g = (power(clip) / (power(noise).max(1e-20) * 10f64.powf(snr_db / 10.0))).sqrt() as f32;
    clip.iter().zip(noise.iter().cycle()).map(|(&c, &n)| c + g * n).collect()
}

/// A query condition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cond {
    /// The excerpt as it is.
    Clean,
    /// Crowd noise at this SNR (dB).
    Crowd(i32),
    /// White noise at this SNR (dB).
    White(i32),
    /// Played at this speed (1.03 = 3 % fast).
    Speed(f64),
}

impl Cond {
    /// The condition's name in the tables.
    pub fn name(self) -> String {
        match self {
            Cond::Clean => "clean".into(),
            Cond::Crowd(s) => format!("crowd {s} dB"),
            Cond::White(s) => format!("white {s} dB"),
            Cond::Speed(s) => format!("speed {:+.0}%", (s - 1.0) * 100.0),
        }
    }

    /// Whether negatives are run under this condition too.
    pub fn has_negatives(self) -> bool {
        matches!(self, Cond::Clean | Cond::Crowd(0) | Cond::White(0))
    }
}

/// The main table's conditions.
pub const CONDS: [Cond; 7] =
    [Cond::Clean, Cond::Crowd(0), Cond::Crowd(-5), Cond::White(0), Cond::White(-5), Cond::Speed(1.03), Cond::Speed(0.97)];

/// The seeded query set: where each query starts, and which noise it gets.
#[derive(Debug)]
pub struct Queries {
    /// Samples per query ([`QUERY_S`] at [`SR`]).
    pub qlen: usize,
    /// Positives per condition.
    pub n_queries: usize,
    /// Calibration negatives per condition.
    pub n_neg: usize,
    /// Held-out negatives per condition.
    pub n_heldout: usize,
    /// Positives: (indexed track, start sample).
    pub positives: Vec<(usize, usize)>,
    /// Calibration negatives: (held-out track of the shared set, start sample).
    pub negatives: Vec<(usize, usize)>,
    /// Held-out negatives: (Hedgewars/LinCity track, start sample).
    pub heldout: Vec<(usize, usize)>,
    /// Per query: (crowd recording, start sample, white-noise seed).
    pub noise_pick: Vec<(usize, usize, u64)>,
    /// The crowd recordings' paths (as listed; for `clips.tsv`).
    pub crowd_paths: Vec<PathBuf>,
    /// The crowd recordings.
    pub crowd: Vec<Vec<f32>>,
}

impl Queries {
    /// Draws the query set from `rng` (after the corpus's shuffle, in this order: positives,
    /// calibration negatives, held-out negatives, noise picks).
    pub fn draw(c: &Corpus, quick: bool, rng: &mut SplitMix64, crowd_paths: Vec<PathBuf>, crowd: Vec<Vec<f32>>) -> Self {
        let n_queries = if quick { 30 } else { 100 };
        let qlen = (QUERY_S * f64::from(SR)) as usize;
        let positives: Vec<(usize, usize)> = (0..n_queries)
            .map(|_| {
                let t = rng.below(c.pos_audio.len());
                let max_start = c.pos_audio[t].len().saturating_sub(qlen + SR as usize);
                (t, rng.below(max_start.max(1)))
            })
            .collect();
        let n_neg = if quick { 20 } else { 40 };
        let negatives: Vec<(usize, usize)> = (0..n_neg)
            .map(|_| {
                let t = rng.below(c.neg_audio.len());
                (t, rng.below(c.neg_audio[t].len().saturating_sub(qlen).max(1)))
            })
            .collect();
        // Held-out negatives: music that is not indexed (never used to set anything).
        let n_heldout = if quick { 30 } else { 60 };
        let heldout: Vec<(usize, usize)> = (0..n_heldout)
            .map(|_| {
                let t = rng.below(c.heldout_audio.len());
                (t, rng.below(c.heldout_audio[t].len().saturating_sub(qlen).max(1)))
            })
            .collect();
        let noise_pick: Vec<(usize, usize, u64)> = (0..n_queries.max(n_neg))
            .map(|_| {
                let cr = rng.below(crowd.len());
                (cr, rng.below(crowd[cr].len().saturating_sub(qlen).max(1)), rng.next_u64())
            })
            .collect();
        Queries { qlen, n_queries, n_neg, n_heldout, positives, negatives, heldout, noise_pick, crowd_paths, crowd }
    }

    /// Query `k`'s excerpt `x` under `cond`, and the noise it got (for `clips.tsv`).
    pub fn make(&self, x: &[f32], cond: Cond, k: usize) -> (Vec<f32>, String) {
        let (c, cs, seed) = self.noise_pick[k % self.noise_pick.len()];
        let crowd = &self.crowd;
        match cond {
            Cond::Clean => (x.to_vec(), String::new()),
            Cond::Crowd(snr) => {
                let n = &crowd[c][cs..(cs + self.qlen).min(crowd[c].len())];
                (mix(x, n, f64::from(snr)), format!("{}\t{:.3}", self.crowd_paths[c].display(), cs as f64 / f64::from(SR)))
            }
            Cond::White(snr) => {
                let mut r = SplitMix64(seed);
                let n: Vec<f32> = (0..x.len()).map(|_| r.gauss() as f32).collect();
                (mix(x, &n, f64::from(snr)), format!("white(seed {seed})\t0"))
            }
            Cond::Speed(s) => {
                // Played at speed s: the samples of rate SR*s presented at SR.
                let y = resample(x, (f64::from(SR) * s).round() as u32, SR).expect("resample");
                (y, String::new())
            }
        }
    }

    /// Calibration negative `k` (the held-out tracks of the shared set), at most one query long.
    pub fn negative<'a>(&self, c: &'a Corpus, k: usize) -> &'a [f32] {
        let (t, start) = self.negatives[k];
        &c.neg_audio[t][start..(start + self.qlen).min(c.neg_audio[t].len())]
    }

    /// Held-out negative `k` (Hedgewars/LinCity), at most one query long.
    pub fn heldout_clip<'a>(&self, c: &'a Corpus, k: usize) -> &'a [f32] {
        let (t, start) = self.heldout[k];
        &c.heldout_audio[t][start..(start + self.qlen).min(c.heldout_audio[t].len())]
    }

    /// Positive `k`, at most one query long.
    pub fn positive<'a>(&self, c: &'a Corpus, k: usize) -> &'a [f32] {
        let (t, start) = self.positives[k];
        &c.pos_audio[t][start..(start + self.qlen).min(c.pos_audio[t].len())]
    }
}
