//! Crowd analysis on the audio thread: features, mood (valence/arousal + label) and events.
//!
//! [`CrowdAnalyzer`] is built (and allocates) in `prepare()`; [`CrowdAnalyzer::process`] runs
//! on the audio thread. The pipeline:
//!
//! 1. `decimate` — anti-alias filter and exact rational resampling to 16 kHz, so every
//!    feature and threshold is the same at any host rate from 22.05 to 192 kHz (and a
//!    telephone-grade or 22 kHz source loses nothing the analysis uses).
//! 2. `features` — 32 ms frames every 10 ms: K-weighted loudness, bands, centroid, flux,
//!    flatness, roll-off, onsets, tonal peaks, `pitch` (MPM), envelope periodicity.
//!    A music detector (many sharp partials per frame, smoothed over about a second)
//!    marks music without a crowd, during which no event is reported; after 8 s of music
//!    it holds for 10 s more (a track's sparse passages are still the track).
//! 3. `floor` — the adaptive crowd floor; every level downstream is relative to it, which
//!    makes the analysis independent of input gain and of how full the ground is.
//! 4. `detectors` — whistle, goal roar, near miss, booing, applause, chant start/end.
//! 5. `mood` — valence, arousal and a label with hysteresis, every 0.5 s.
//!
//! The analyser keeps its own sample clock from `reset()` and works per sample and per fixed
//! 10 ms hop, so output (including timestamps) does not depend on the host's block size, and
//! `reset()` reproduces it bit for bit.
//!
//! The public surface is [`CrowdAnalyzer`] and [`MOOD_INTERVAL_S`]; what it reports are the
//! crate's snapshot types ([`MoodSnapshot`], [`CrowdEvent`] inside [`Telemetry`]). With the
//! `tuning-probes` feature, the tuning examples and the crowd evaluation also get the
//! analyser's per-hop internals: `analysis::probes` and the `last_*` methods of [`CrowdAnalyzer`].

pub(crate) mod biquad;
pub(crate) mod decimate;
pub(crate) mod detectors;
pub(crate) mod features;
pub(crate) mod floor;
pub(crate) mod mood;
pub(crate) mod pitch;
pub(crate) mod reaction;
// Generated and committed by `crowd-train --write` (tools/); as shipped, the all-zero
// placeholder with `enabled: false` (decision 0059). If it is missing, regenerate it or restore
// it from git: the analyser does not build without it.
mod reaction_weights;

/// The analyser's internals, for tuning tools (feature `tuning-probes`): the frame features,
/// the whistle detector's short frames, what the detectors see each hop, and the building
/// blocks to run the feature extractor alone. Not a stable API.
#[cfg(feature = "tuning-probes")]
pub mod probes {
    pub use super::biquad::ButterworthLowpass;
    pub use super::decimate::Decimator;
    pub use super::detectors::Hop;
    pub use super::features::{FeatureExtractor, Features, Step, Tone};
    pub use super::pitch::Pitch;
    pub use super::reaction::{DECIDE_HOPS, Model, N_CLASS, N_FEAT, N_HIDDEN, ReactionClass, predict};
}

use self::decimate::{ANALYSIS_RATE, Decimator};
use self::detectors::{Detection, Detectors, Hop};
use self::features::{FeatureExtractor, Features, HOP, HOPS_PER_S, Step, Tone};
use self::floor::{CrowdFloor, NO_CROWD_LUFS};
use self::mood::{MoodEstimator, Recent, States};
use crate::dsp::INPUT_CEILING;
use crate::types::{CrowdEvent, CrowdEventKind, MoodLabel, MoodSnapshot, SampleTime, Telemetry};

/// How often a mood estimate is emitted.
pub const MOOD_INTERVAL_S: f32 = 0.5;
/// Hops between mood estimates.
const MOOD_HOPS: u64 = (MOOD_INTERVAL_S * ANALYSIS_RATE as f32) as u64 / HOP as u64;
/// Smoothing of the band levels read against the floor (per hop; ~100 ms).
const BAND_SMOOTH: f32 = 0.1;
/// Smoothing of the music detector (per hop): it rises with τ ≈ 1 s and falls with τ ≈ 4 s,
/// so music is recognised within about a second and stays recognised through its quieter,
/// sparser passages.
const MUSIC_RISE: f32 = 1.0 / 100.0;
const MUSIC_FALL: f32 = 1.0 / 400.0;
/// Hysteresis of the music detector (sharp partials per frame, smoothed).
const MUSIC_ON: f32 = 4.0;
const MUSIC_OFF: f32 = 2.5;
/// Music heard for at least this long (hops; 8 s) is a track, not a moment of a crowd (the
/// voiced partials of loud boos hold the detector on for up to 5.8 s on the tuning
/// composites) ...
const MUSIC_TRACK_HOPS: u32 = 8 * HOPS_PER_S as u32;
/// ... and the track's sparser passages for this long after it (hops; 10 s) are still music:
/// half the events on music-only tracks were raised in the first seconds after the detector
/// let go (drums alone, a quiet bridge, a swell).
const MUSIC_HOLD_HOPS: u32 = 10 * HOPS_PER_S as u32;

/// Audio-thread crowd analyser.
#[derive(Debug)]
pub struct CrowdAnalyzer {
    sample_rate: f32,
    sensitivity: f32,
    decimator: Decimator,
    features: FeatureExtractor,
    floor: CrowdFloor,
    detectors: Detectors,
    mood_est: MoodEstimator,
    recent: Recent,
    band_pow: [f32; 5],
    mood: MoodSnapshot,
    /// Analysis-rate samples produced since reset.
    produced: u64,
    last: Hop,
    /// Smoothed count of sharp spectral peaks (music detector) and its hysteresis state.
    sharp_ema: f32,
    music: bool,
    /// Hops the music detector has been on in a row, and hops of hold left after a track.
    music_on: u32,
    music_hold: u32,
}

impl CrowdAnalyzer {
    /// Builds an analyser for `sample_rate`. Allocates: call from `prepare()`.
    pub fn new(sample_rate: f32) -> Self {
        let mut a = Self {
            sample_rate,
            sensitivity: 0.5,
            decimator: Decimator::new(sample_rate),
            features: FeatureExtractor::new(),
            floor: CrowdFloor::default(),
            detectors: Detectors::default(),
            mood_est: MoodEstimator::default(),
            recent: Recent::default(),
            band_pow: [0.0; 5],
            mood: MoodSnapshot::default(),
            produced: 0,
            last: Hop::default(),
            sharp_ema: 0.0,
            music: false,
            music_on: 0,
            music_hold: 0,
        };
        a.reset();
        a
    }

    /// Clears all state; the next sample is time 0.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.decimator.reset();
        self.features.reset();
        self.floor.reset();
        self.detectors.reset();
        self.mood_est.reset();
        self.recent = Recent::default();
        self.band_pow = [0.0; 5];
        self.mood = MoodSnapshot { confidence: 0.1, ..MoodSnapshot::default() };
        self.produced = 0;
        self.last = Hop::default();
        self.sharp_ema = 0.0;
        self.music = false;
        self.music_on = 0;
        self.music_hold = 0;
    }

    /// Sets detection sensitivity, `0..=1` (0.5 is the calibrated default; 1 lowers every
    /// level threshold by 3 dB, 0 raises them by 3 dB).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn set_sensitivity(&mut self, s: f32) {
        if s.is_finite() {
            self.sensitivity = s.clamp(0.0, 1.0);
        }
    }

    /// The host sample rate the analyser was built for.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn sample_rate(&self) -> f32 {
        self.sample_rate
    }

    /// Whether the input currently sounds like music rather than a crowd (no events are
    /// reported while it does).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn music(&self) -> bool {
        self.music
    }

    /// The latest mood estimate.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn mood(&self) -> MoodSnapshot {
        self.mood
    }

    /// Spectral tilts of what was added to the crowd floor in the latest hop (dB): the
    /// 2.5–5 kHz and the 5–7 kHz band each minus the 300–1000 Hz band (for tools).
    #[cfg(feature = "tuning-probes")]
    pub fn last_added_tilts(&self) -> (f32, f32) {
        (self.last.added_tilt, self.last.added_hf)
    }

    /// Everything the detectors saw in the latest 10 ms hop, and the surge detector's state
    /// (active, hops since it began, hops read by the classifier): for tools and traces.
    #[cfg(feature = "tuning-probes")]
    pub fn last_detector_hop(&self) -> (Hop, (bool, u32, u32)) {
        (self.last, self.detectors.surge_state())
    }

    /// Replaces the reaction classifier's weights (the trainer's leave-one-source-out folds).
    /// Kept across [`Self::reset`].
    #[cfg(feature = "tuning-probes")]
    pub fn set_reaction_model(&mut self, m: &self::reaction::Model) {
        self.detectors.set_model(m);
    }

    /// Reads arousal on the absolute scale only (`true`: the reading before decision 0060) or
    /// on the match's own scale (`false`, the default). Kept across [`Self::reset`].
    #[cfg(feature = "tuning-probes")]
    pub fn set_absolute_arousal(&mut self, on: bool) {
        self.mood_est.set_absolute_only(on);
    }

    /// The reaction classifier's latest decision: how many it made since reset, the surge's
    /// onset (host samples), the input vector and the class probabilities (for the trainer).
    #[cfg(feature = "tuning-probes")]
    pub fn last_reaction(&self) -> (u32, u64, [f32; reaction::N_FEAT], [f32; reaction::N_CLASS]) {
        let (n, onset, x, p) = self.detectors.last_reaction();
        (n, self.decimator.input_time(onset), x, p)
    }

    /// The features and floor-relative levels of the latest 10 ms hop (for tools).
    #[cfg(feature = "tuning-probes")]
    pub fn last_hop(&self) -> (Features, f32) {
        (self.last.f, self.last.rel_m)
    }

    /// Analyses a block of the mono crowd signal (already sanitised) and reports moods and
    /// events through `sink`, in time order. Timestamps are on the analyser's own clock
    /// (host samples since `reset()`), whatever the block size.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks or I/O; O(n) plus, per 10 ms of audio, two
    /// 512-point spectra (the hop's and the mid-hop whistle frame's harmonic check), the pitch
    /// tracker's FFT pair and two 256-point whistle frames. A whistle confirmed on the frame
    /// that ends mid-hop is reported from there, 5 ms before the hop completes.
    pub fn process(&mut self, input: &[f32], sink: &mut dyn FnMut(Telemetry)) {
        for &x in input {
            // The engine's input stage already gives finite samples within ±64
            // (`dsp::sanitize`); offline callers (`resonance analyze`, `highlight`) get the same
            // bounds here, so no stage downstream sees overflowing energies.
            let x = if x.is_finite() { x.clamp(-INPUT_CEILING, INPUT_CEILING) } else { 0.0 };
            if let Some(y) = self.decimator.push(x) {
                self.produced += 1;
                match self.features.push(y) {
                    Some(Step::Tone(t)) => self.tone(&t, sink),
                    Some(Step::Hop(f)) => self.hop(f, sink),
                    None => {}
                }
            }
        }
    }

    /// A short frame that ends mid-hop goes to the whistle detector at once, read against the
    /// latest hop (its floor, voices and music state): a blast it confirms is reported 5 ms
    /// before the hop completes.
    fn tone(&mut self, t: &Tone, sink: &mut dyn FnMut(Telemetry)) {
        let detected = self.decimator.input_time(t.end);
        let (dec, recent, mood) = (&self.decimator, &mut self.recent, &mut self.mood_est);
        self.detectors.tone(t, &self.last, &mut |d| deliver(dec, recent, mood, detected, d, sink));
    }

    fn hop(&mut self, f: Features, sink: &mut dyn FnMut(Telemetry)) {
        for (p, &db) in self.band_pow.iter_mut().zip(&f.bands_db) {
            *p += (10f32.powf(db / 10.0) - *p) * BAND_SMOOTH;
        }
        let band_db = self.band_pow.map(|p| 10.0 * p.max(1e-12).log10());
        self.floor.update(f.loud_m, &band_db, self.detectors.holding());
        // Music without a crowd: many sharp partials for seconds (crowds measure 0.4–2.5 per
        // frame on average on the real recordings, music 3.2–9.4).
        let c = if f.sharp_peaks > self.sharp_ema { MUSIC_RISE } else { MUSIC_FALL };
        self.sharp_ema += (f.sharp_peaks - self.sharp_ema) * c;
        let partials = if self.sharp_ema >= MUSIC_ON {
            true
        } else if self.sharp_ema < MUSIC_OFF {
            false
        } else {
            self.music_on > 0
        };
        if partials {
            self.music_on = self.music_on.saturating_add(1);
            if self.music_on >= MUSIC_TRACK_HOPS {
                self.music_hold = MUSIC_HOLD_HOPS;
            }
        } else {
            self.music_on = 0;
            self.music_hold = self.music_hold.saturating_sub(1);
        }
        self.music = partials || self.music_hold > 0;
        // Nothing is reported while the floor converges after silence (the first second).
        let present = f.loud_m > NO_CROWD_LUFS && !self.floor.warming_up() && !self.music;
        let mut band_rel = [0.0f32; 5];
        for (i, r) in band_rel.iter_mut().enumerate() {
            *r = band_db[i] - self.floor.band(i);
        }
        let added = |i: usize| {
            let p = self.band_pow.get(i).copied().unwrap_or(0.0) - 10f32.powf(self.floor.band(i) / 10.0);
            10.0 * p.max(1e-12).log10()
        };
        let added_tilt = (added(3) - added(1)).clamp(-60.0, 60.0);
        let added_hf = (added(4) - added(1)).clamp(-60.0, 60.0);
        let h = Hop {
            added_tilt,
            added_hf,
            f,
            rel_fast: f.loud_fast - self.floor.loud(),
            rel_vfast: f.loud_vfast - self.floor.loud(),
            rel_m: f.loud_m - self.floor.loud(),
            band_rel,
            present,
            music: self.music,
            sens_db: (0.5 - self.sensitivity) * 6.0,
        };
        self.last = h;
        self.recent.tick();
        let detected = self.decimator.input_time(f.end);
        {
            let (dec, recent, mood) = (&self.decimator, &mut self.recent, &mut self.mood_est);
            self.detectors.hop(&h, &mut |d| deliver(dec, recent, mood, detected, d, sink));
        }
        let states = States {
            roaring: self.detectors.roaring(),
            booing: self.detectors.booing(),
            applauding: self.detectors.applauding(),
            chanting: self.detectors.chanting(),
        };
        self.mood_est.hop(&h, states, &self.recent);
        if self.features.hops().is_multiple_of(MOOD_HOPS) {
            let (valence, arousal, label, confidence) = self.mood_est.estimate(MOOD_INTERVAL_S, states, &self.recent);
            self.mood = MoodSnapshot { time: detected as SampleTime, valence, arousal, label, confidence };
            sink(Telemetry::Mood(self.mood));
        }
    }
}

/// Reports a detection decided at `detected` (host samples) and lets the mood know of it.
fn deliver(dec: &Decimator, recent: &mut Recent, mood: &mut MoodEstimator, detected: u64, d: Detection, sink: &mut dyn FnMut(Telemetry)) {
    match d.kind {
        CrowdEventKind::GoalRoar => {
            recent.roar = 0;
            mood.force(MoodLabel::Celebration);
        }
        CrowdEventKind::Booing => {
            recent.boo = 0;
            mood.force(MoodLabel::Disappointment);
        }
        CrowdEventKind::ChantStart => mood.force(MoodLabel::Chanting),
        CrowdEventKind::NearMiss => recent.near_miss = 0,
        CrowdEventKind::Applause => recent.applause = 0,
        CrowdEventKind::Whistle => recent.whistle = 0,
        _ => {}
    }
    let onset = dec.input_time(d.onset).min(detected);
    sink(Telemetry::Event(CrowdEvent { kind: d.kind, onset, detected, confidence: d.confidence, whistle: d.whistle }));
}
