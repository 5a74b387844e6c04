//! Mood: continuous valence and arousal in `[-1, 1]` and a label with a confidence,
//! smoothed with hysteresis.
//!
//! Arousal follows the circumplex model (J. A. Russell, "A circumplex model of affect",
//! 1980) as crowd researchers read it: how far the crowd is above its own floor, how bright
//! (screams, whistles) and how busy (onsets) it is. Valence comes from the spectral tilt of
//! the rise (bright cheering vs dark booing) and from what the detectors heard recently
//! (roar/applause positive, boos and near misses negative, chants mildly positive).
//!
//! Arousal is read on the match's own scale ([`MatchScale`], decision 0060): after
//! [`SCALE_WARMUP_S`] of crowd, the crowd's level is placed on the distribution of its levels
//! so far (a histogram forgetting with a time constant of [`SCALE_TAU_S`]), so ordinary
//! chanting sits in the middle of the match's range and a goal celebration above it. The
//! relative reading only ever lowers the absolute one (a calm spell stays calm); it blends in
//! over [`SCALE_RAMP_S`].
//!
//! The label is a rule over (arousal, valence, detector states). It may change at most once
//! per [`MIN_HOLD_S`] unless a strong event (goal roar, booing, chant start) forces it, and a
//! new candidate must persist for two estimates before it is taken.

use super::detectors::Hop;
use crate::types::MoodLabel;

/// Minimum time between two label changes without a forcing event.
pub(crate) const MIN_HOLD_S: f32 = 3.0;

/// Seconds of crowd before the match scale starts to count: a scale built on less than half a
/// minute of the match is noise (and short clips read as before).
pub(crate) const SCALE_WARMUP_S: f32 = 30.0;
/// Seconds over which arousal moves from the absolute to the match-relative reading.
pub(crate) const SCALE_RAMP_S: f32 = 60.0;
/// Time constant of the match scale's memory: 20 minutes (a loud spell an hour ago counts
/// for 5 %).
pub(crate) const SCALE_TAU_S: f32 = 1200.0;
/// Bins of the match scale: the crowd's level over its floor from −10 to +30 dB.
const SCALE_BINS: usize = 64;
const SCALE_LO_DB: f32 = -10.0;
const SCALE_BIN_DB: f32 = 40.0 / SCALE_BINS as f32;
/// The highest relative arousal a chant reaches with no reaction under way (its level's
/// percentile is capped at the 85th): chanting is the match's ordinary loud state.
const CHANT_CAP: f32 = 2.0 * 0.85 - 1.0;
/// The lowest relative arousal during (and 6 s after) a goal roar.
const ROAR_FLOOR: f32 = 0.9;

/// The match's own scale of crowd level: a histogram of the crowd's 1 s level over its floor
/// (every hop the crowd is present), decayed once a second with [`SCALE_TAU_S`]. Fixed arrays.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MatchScale {
    hist: [f32; SCALE_BINS],
    total: f32,
    /// Hops of crowd counted so far (saturating).
    hops: u32,
    /// The 1 s level (dB over the floor) placed on the scale.
    level: f32,
}

impl Default for MatchScale {
    fn default() -> Self {
        Self { hist: [0.0; SCALE_BINS], total: 0.0, hops: 0, level: 0.0 }
    }
}

impl MatchScale {
    fn bin(db: f32) -> usize {
        (((db - SCALE_LO_DB) / SCALE_BIN_DB).max(0.0) as usize).min(SCALE_BINS - 1)
    }

    /// Adds one hop of crowd at `rel_m` dB over its floor.
    pub(crate) fn push(&mut self, rel_m: f32) {
        let hz = super::features::HOPS_PER_S as u32;
        let x = if rel_m.is_finite() { rel_m } else { 0.0 };
        self.level += (x - self.level) * if self.hops == 0 { 1.0 } else { 0.01 };
        self.hist[Self::bin(self.level)] += 1.0;
        self.total += 1.0;
        self.hops = self.hops.saturating_add(1);
        if self.hops.is_multiple_of(hz) {
            let d = (-1.0 / SCALE_TAU_S).exp();
            for v in &mut self.hist {
                *v *= d;
            }
            self.total *= d;
        }
    }

    /// The share of the match so far quieter than the current level (0…1; the current bin
    /// counts half).
    pub(crate) fn percentile(&self) -> f32 {
        let b = Self::bin(self.level);
        let below: f32 = self.hist[..b].iter().sum::<f32>() + 0.5 * self.hist[b];
        if self.total > 0.0 { (below / self.total).clamp(0.0, 1.0) } else { 0.5 }
    }

    /// Weight of the relative reading: 0 before [`SCALE_WARMUP_S`] of crowd, rising to 1 over
    /// [`SCALE_RAMP_S`].
    pub(crate) fn weight(&self) -> f32 {
        let secs = self.hops as f32 / super::features::HOPS_PER_S as f32;
        ((secs - SCALE_WARMUP_S) / SCALE_RAMP_S).clamp(0.0, 1.0)
    }
}

/// Memory of recent events, in hops since they happened (saturating).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Recent {
    pub(crate) roar: u32,
    pub(crate) boo: u32,
    pub(crate) near_miss: u32,
    pub(crate) applause: u32,
    pub(crate) whistle: u32,
}

impl Default for Recent {
    fn default() -> Self {
        Self { roar: u32::MAX, boo: u32::MAX, near_miss: u32::MAX, applause: u32::MAX, whistle: u32::MAX }
    }
}

impl Recent {
    pub(crate) fn tick(&mut self) {
        for v in [&mut self.roar, &mut self.boo, &mut self.near_miss, &mut self.applause, &mut self.whistle] {
            *v = v.saturating_add(1);
        }
    }
}

/// Detector states the mood reads.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct States {
    pub(crate) roaring: bool,
    pub(crate) booing: bool,
    pub(crate) applauding: bool,
    pub(crate) chanting: bool,
}

/// The mood estimator, updated every hop and read every 0.5 s.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct MoodEstimator {
    arousal: f32,
    valence: f32,
    presence: f32,
    label: MoodLabel,
    candidate: MoodLabel,
    candidate_count: u32,
    /// Seconds since the label last changed.
    held_s: f32,
    confidence: f32,
    force: Option<MoodLabel>,
    scale: MatchScale,
    /// Arousal on the absolute scale only (the reading before decision 0060; for tools that
    /// compare the two). Kept across [`Self::reset`].
    absolute_only: bool,
}

fn ema(state: &mut f32, x: f32, c: f32) {
    *state += (x - *state) * c;
}

impl MoodEstimator {
    pub(crate) fn reset(&mut self) {
        *self = Self { held_s: MIN_HOLD_S, absolute_only: self.absolute_only, ..Self::default() };
    }

    /// Reads arousal on the absolute scale only (`true`) or on the match's scale (`false`,
    /// the default).
    #[cfg_attr(not(feature = "tuning-probes"), allow(dead_code))]
    pub(crate) fn set_absolute_only(&mut self, on: bool) {
        self.absolute_only = on;
    }

    /// Asks for an immediate change to `label` at the next estimate (a strong event).
    pub(crate) fn force(&mut self, label: MoodLabel) {
        self.force = Some(label);
    }

    /// Per-hop update of the continuous values.
    pub(crate) fn hop(&mut self, h: &Hop, s: States, r: &Recent) {
        let hz = super::features::HOPS_PER_S as u32;
        let [_, b1, b2, b3, _] = h.band_rel;
        let tilt = (b3 - b1.max(b2 - 3.0)).clamp(-12.0, 12.0);
        let mut a = -0.75 + h.rel_m / 12.0 + 0.2 * (b3.max(0.0) / 12.0) + 0.1 * (h.f.onset_rate / 4.0).min(1.0);
        let mut v = 0.35 * (tilt / 8.0).tanh() * (h.rel_m / 6.0).clamp(0.0, 1.0);
        if h.present {
            self.scale.push(h.rel_m);
        }
        // The match-relative reading: where the crowd's level sits among its levels so far.
        let mut rel = 2.0 * self.scale.percentile() - 1.0;
        let roar = s.roaring || r.roar < 6 * hz;
        if roar {
            v += 0.6;
            a += 0.3;
            rel = rel.max(ROAR_FLOOR);
        } else if s.chanting {
            rel = rel.min(CHANT_CAP);
        }
        if s.applauding || r.applause < 4 * hz {
            v += 0.4;
            a += 0.1;
        }
        if s.booing || r.boo < 3 * hz {
            v -= 0.8;
        }
        if r.near_miss < 3 * hz {
            v -= 0.3;
            a += 0.2;
        }
        if s.chanting {
            v += 0.25;
            a += 0.1;
        }
        if r.whistle < 2 * hz {
            a += 0.1;
        }
        let w = if self.absolute_only { 0.0 } else { self.scale.weight() };
        if w > 0.0 {
            // The match scale only ever lowers the absolute reading: a calm spell stays calm,
            // and a level the match has heard often (chanting) no longer saturates.
            a = (1.0 - w) * a + w * a.min(rel);
        }
        if !h.present {
            a = -1.0;
            v = 0.0;
        }
        ema(&mut self.arousal, a.clamp(-1.0, 1.0), 0.04);
        ema(&mut self.valence, v.clamp(-1.0, 1.0), 0.04);
        ema(&mut self.presence, if h.present { 1.0 } else { 0.0 }, 0.02);
    }

    fn classify(&self, s: States, r: &Recent) -> (MoodLabel, f32) {
        let hz = super::features::HOPS_PER_S as u32;
        let (a, v) = (self.arousal, self.valence);
        if self.presence < 0.5 {
            return (MoodLabel::Calm, 0.1 + 0.2 * self.presence);
        }
        if s.booing || (r.boo < 4 * hz && v < -0.2) {
            return (MoodLabel::Disappointment, 0.6 + 0.4 * (-v).clamp(0.0, 1.0));
        }
        if s.roaring || s.applauding || (r.roar < 8 * hz && a > 0.0) {
            return (MoodLabel::Celebration, 0.6 + 0.4 * v.clamp(0.0, 1.0));
        }
        if s.chanting {
            return (MoodLabel::Chanting, 0.7);
        }
        if r.near_miss < 3 * hz {
            return (MoodLabel::Tension, 0.6);
        }
        if a > 0.5 && v > 0.25 {
            return (MoodLabel::Celebration, 0.5 + 0.3 * v);
        }
        if a > 0.2 {
            return if v >= 0.0 { (MoodLabel::Excitement, 0.4 + 0.4 * a) } else { (MoodLabel::Tension, 0.4 + 0.4 * a) };
        }
        if a > -0.15 {
            return (MoodLabel::Anticipation, 0.4 + 0.3 * (a + 0.15));
        }
        (MoodLabel::Calm, 0.5 + 0.4 * (-a).clamp(0.0, 1.0))
    }

    /// Makes a new estimate (every `interval_s`): applies hysteresis and returns
    /// `(valence, arousal, label, confidence)`.
    pub(crate) fn estimate(&mut self, interval_s: f32, s: States, r: &Recent) -> (f32, f32, MoodLabel, f32) {
        self.held_s += interval_s;
        let (cand, conf) = self.classify(s, r);
        if let Some(forced) = self.force.take()
            && forced != self.label
        {
            self.label = forced;
            self.held_s = 0.0;
            self.candidate = forced;
            self.candidate_count = 0;
        } else if cand == self.label {
            self.candidate_count = 0;
        } else {
            if cand == self.candidate {
                self.candidate_count += 1;
            } else {
                self.candidate = cand;
                self.candidate_count = 1;
            }
            if self.candidate_count >= 2 && self.held_s >= MIN_HOLD_S {
                self.label = cand;
                self.held_s = 0.0;
                self.candidate_count = 0;
            }
        }
        let agree = if cand == self.label { 1.0 } else { 0.6 };
        ema(&mut self.confidence, (conf * agree).clamp(0.0, 1.0), 0.5);
        let confidence = if self.presence < 0.5 { self.confidence.min(0.3) } else { self.confidence };
        (self.valence, self.arousal, self.label, confidence)
    }
}
