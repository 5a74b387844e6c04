//! Frame features of the crowd signal at the fixed analysis rate (16 kHz, 32 ms Hann frames,
//! 10 ms hop): K-weighted loudness (fast 100 ms, momentary 400 ms, short-term 3 s), band
//! energies, spectral centroid, roll-off, flatness and flux, onset density, narrow-band tonal
//! peaks (referee whistles), MPM pitch/harmonicity and envelope periodicity (chants, rhythmic
//! clapping).
//!
//! Sources: loudness gating windows and K-weighting from ITU-R BS.1770-4 / EBU R128;
//! spectral descriptors as defined by G. Peeters, "A large set of audio features for sound
//! description" (CUIDADO, 2004); flux onset picking after S. Dixon, "Onset detection
//! revisited" (DAFx 2006) with an adaptive mean threshold; periodicity as the normalised
//! autocorrelation of the loudness envelope (as tempo estimators do, e.g. Ellis 2007).
//!
//! Everything is preallocated in [`FeatureExtractor::new`]; [`FeatureExtractor::push`] runs
//! on the audio thread. The stages live in their own files: [`tone`] (the whistle detector's
//! short frames and the harmonic support under a peak), [`long_frame`] (the hop's loudness and
//! 32 ms spectrum, and everything read on it) and [`periodicity`] (the envelope's
//! autocorrelation).

mod long_frame;
mod periodicity;
mod tone;

use std::fmt;
use std::sync::Arc;

use realfft::num_complex::Complex;
use realfft::{RealFftPlanner, RealToComplex};

use super::biquad::Biquad;
use super::decimate::ANALYSIS_RATE;
use super::pitch::{Mpm, Pitch};

/// Analysis frame length (samples at 16 kHz: 32 ms).
pub(crate) const FRAME: usize = 512;
/// Hop between frames (10 ms).
pub(crate) const HOP: usize = 160;
/// Hops per second.
pub(crate) const HOPS_PER_S: usize = ANALYSIS_RATE as usize / HOP;
/// Number of spectrum bins.
const BINS: usize = FRAME / 2 + 1;
/// Hz per bin.
pub(crate) const BIN_HZ: f32 = ANALYSIS_RATE as f32 / FRAME as f32;
/// Hops in the short-term loudness window (3 s), which is also the longest history kept.
const ST_HOPS: usize = 3 * HOPS_PER_S;
const M_HOPS: usize = 40;
const FAST_HOPS: usize = 10;
const VFAST_HOPS: usize = 5;
/// Envelope history for periodicity (4 s) and the lag range 0.3–2 s.
const ENV_HOPS: usize = 4 * HOPS_PER_S;
const MIN_PERIOD: usize = 30;
const MAX_PERIOD: usize = 200;
/// The longest lag read as a beat (1.2 s, 50 beats per minute): see [`Features::beat_periodicity`].
const MAX_BEAT: usize = 120;
/// Periodicity is recomputed every this many hops (100 ms).
const PERIOD_EVERY: usize = 10;
/// Onset history (2 s).
const ONSET_HOPS: usize = 2 * HOPS_PER_S;
/// Consecutive hops (100 ms) a sharp peak must hold its frequency to count as stable.
pub(crate) const STABLE_HOPS: u16 = 10;

/// Band edges in Hz of [`Features::bands_db`].
pub(crate) const BAND_EDGES: [f32; 6] = [60.0, 300.0, 1000.0, 2500.0, 5000.0, 7000.0];
/// Short frame of the whistle detector (16 ms).
pub(crate) const TONE_FRAME: usize = 256;
/// Hop of the short frames (5 ms, two per [`HOP`]).
pub(crate) const TONE_HOP: usize = 80;
/// Whistle sub-frames per hop.
pub(crate) const TONES_PER_HOP: usize = HOP / TONE_HOP;
/// Short frames per second.
const TONE_RATE: f32 = ANALYSIS_RATE as f32 / TONE_HOP as f32;
const TONE_BINS: usize = TONE_FRAME / 2 + 1;
/// Hz per bin of the short frame.
pub(crate) const TONE_BIN_HZ: f32 = ANALYSIS_RATE as f32 / TONE_FRAME as f32;
/// Whistle search range in Hz: its bottom ...
pub(crate) const WHISTLE_LO_HZ: f32 = 1500.0;
/// ... and its top.
pub(crate) const WHISTLE_HI_HZ: f32 = 5000.0;
/// Time constant (s) of the short frames' per-bin reference level ([`Tone::novelty_db`]): long
/// enough that a whistle's first 100 ms stays novel, short enough that a crowd's own partials
/// are part of it.
const TONE_REF_TAU_S: f32 = 0.4;

/// Floor for dB conversions (power), -120 dB.
const EPS: f32 = 1e-12;

#[inline]
fn pow_db(p: f32) -> f32 {
    10.0 * (p.max(EPS)).log10()
}

#[inline]
fn bin(hz: f32) -> usize {
    ((hz / BIN_HZ).round() as usize).min(BINS - 1)
}

/// What one analysis-rate sample completed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    /// A short frame that ends mid-hop (the hop's last one comes with the hop).
    Tone(Tone),
    /// A hop, with all of its short frames.
    Hop(Features),
}

impl Step {
    /// The hop's features, if this step completed a hop.
    #[cfg(any(test, feature = "tuning-probes"))]
    pub fn hop(self) -> Option<Features> {
        match self {
            Step::Hop(f) => Some(f),
            Step::Tone(_) => None,
        }
    }
}

/// The strongest narrow peak (local maximum) in the whistle range of one 16 ms frame (5 ms hop).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tone {
    /// Analysis-rate sample index at the end of the frame.
    pub end: u64,
    /// Frequency of the peak's bin (Hz).
    pub hz: f32,
    /// Mean power of the peak's 3 bins over the mean log power of the bins 3–10 away (dB).
    pub prom_db: f32,
    /// Share of the 1–7 kHz energy in the peak's 3 bins.
    pub share: f32,
    /// Level of the peak's 3 bins (dB, full-scale sine ≈ 0).
    pub level_db: f32,
    /// Harmonic support below the peak (dB): the strongest comb contrast of a harmonic
    /// series with a fundamental of 200 Hz – 1 kHz of which the peak is a partial, read on the
    /// hop's 32 ms spectrum (see `FeatureExtractor::harmonic_support`). A referee's whistle
    /// has nothing harmonic below its 1.5–5 kHz tone (about 0–5 dB, the contrast of noise);
    /// a melody note's upper partial or a sung vowel's harmonic has its whole series
    /// (10–30 dB).
    pub harm_db: f32,
    /// Novelty of the peak (dB): its level over what the same three bins held in the recent
    /// past (an exponential average of their log power, τ = 0.4 s). A new whistle
    /// in a crowd rises 20–45 dB over what its frequency held a moment ago, with the breath
    /// noise it brings around its line, where the crowd's own partials read under ~18 dB.
    pub novelty_db: f32,
    /// The same novelty of the whole 1–7 kHz band (dB): music's note onsets and a track or a
    /// crowd starting out of silence raise the band nearly as much as the line, a whistle mixed
    /// into a crowd far less.
    pub band_novelty_db: f32,
}

/// Features of one 10 ms hop.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features {
    /// Analysis-rate sample index at the end of the frame.
    pub end: u64,
    /// K-weighted loudness over 100 ms / 400 ms (momentary) / 3 s (short-term), in LUFS of
    /// the band below 6.5 kHz: the 100 ms loudness.
    pub loud_fast: f32,
    /// The 400 ms (momentary) loudness (LUFS).
    pub loud_m: f32,
    /// K-weighted loudness over the last 50 ms (LUFS): the goal roar's onset test.
    pub loud_vfast: f32,
    /// The 3 s (short-term) loudness (LUFS).
    pub loud_s: f32,
    /// Frame energy (unweighted, dB) of the bands 60–300, 300–1000, 1000–2500, 2500–5000,
    /// 5000–7000 Hz.
    pub bands_db: [f32; 5],
    /// Spectral centroid 100 Hz–6 kHz (Hz).
    pub centroid_hz: f32,
    /// Frequency below which 85% of the energy lies.
    pub rolloff_hz: f32,
    /// Spectral flatness 100 Hz–6 kHz, `0..=1` (1 = white noise).
    pub flatness: f32,
    /// Mean positive log-spectral difference (dB per bin) 100 Hz–6 kHz.
    pub flux: f32,
    /// Whether this hop is a flux onset.
    pub onset: bool,
    /// Onsets per second over the last 2 s.
    pub onset_rate: f32,
    /// Strongest narrow peak in 1.5–5 kHz: frequency, prominence over its neighbourhood
    /// (dB) and share of the 1–7 kHz energy within ±2 bins: the frequency (Hz).
    pub peak_hz: f32,
    /// The peak's prominence over its neighbourhood (dB).
    pub peak_prom_db: f32,
    /// The peak's share of the 1–7 kHz energy.
    pub peak_share: f32,
    /// The whistle detector's two short frames of this hop (oldest first).
    pub tones: [Tone; TONES_PER_HOP],
    /// MPM pitch and clarity (voicing) of the 32 ms frame.
    pub pitch: Pitch,
    /// Number of sharp spectral peaks (≥ 12 dB over their ±8-bin neighbourhood) in
    /// 300 Hz–4 kHz: a few for a crowd (voices blur into noise), many for music's stable
    /// partials.
    pub sharp_peaks: f32,
    /// Number of those sharp peaks that have stood at the same frequency (±1 bin per hop) for
    /// at least 10 consecutive hops (100 ms): a note's partials hold their pitch for a
    /// tenth of a second and more, the chance peaks of a crowd's noise and the gliding
    /// partials of many voices do not.
    pub stable_peaks: f32,
    /// Spectral roughness 300 Hz – 4 kHz (dB): the standard deviation of the log power
    /// spectrum around its 17-bin moving average. The log periodogram of Gaussian noise
    /// scatters by 5.57 dB around its envelope whatever its colour (the log of an exponential
    /// variable), so a crowd — thousands of voices, noise-like — reads 5–6.5 dB; a tonal
    /// sound (music, a held note) has peaks and valleys far beyond that, 7–12 dB.
    pub roughness: f32,
    /// Envelope periodicity (0.3–2 s), `0..=1`.
    pub periodicity: f32,
    /// The period of [`Self::periodicity`] (s).
    pub period_s: f32,
    /// The envelope's periodicity at a beat's lag (0.3–1.2 s): the strongest autocorrelation
    /// peak there, `0..=1`. A chant, clapping or a drum has a beat, and keeps a peak here as
    /// strong, or nearly, as its bar's at a longer period; a level that merely alternates every
    /// second or so (voices nearer then farther, a gust of wind) correlates at its ~2 s cycle
    /// and not at all in between (its half-cycle lag anti-correlates).
    pub beat_periodicity: f32,
}

/// Computes [`Features`] hop by hop from the analysis-rate signal.
pub struct FeatureExtractor {
    fft: Arc<dyn RealToComplex<f32>>,
    window: Vec<f32>,
    ring: Vec<f32>,
    ring_pos: usize,
    since_hop: usize,
    total: u64,
    frame: Vec<f32>,
    spec: Vec<Complex<f32>>,
    scratch: Vec<Complex<f32>>,
    power: Vec<f32>,
    log_power: Vec<f32>,
    prev_log: Vec<f32>,
    ordered: Vec<f32>,
    /// Per bin: consecutive hops with a sharp peak within ±1 bin (this hop and the last).
    peak_age: Vec<u16>,
    prev_age: Vec<u16>,
    mpm: Mpm,
    tone_fft: Arc<dyn RealToComplex<f32>>,
    tone_window: Vec<f32>,
    tone_frame: Vec<f32>,
    tone_spec: Vec<Complex<f32>>,
    tone_scratch: Vec<Complex<f32>>,
    tone_power: Vec<f32>,
    /// Per-bin reference level (dB) of the short frames over the whistle band and the 1–7 kHz
    /// band's ([`Tone::novelty_db`]), and the short frames seen since reset (the references
    /// start as running means).
    tone_ref: Vec<f32>,
    band_ref: f32,
    tone_count: u32,
    tones: [Tone; TONES_PER_HOP],
    tone_idx: usize,
    k1: Biquad,
    k2: Biquad,
    hop_energy: f64,
    /// K-weighted mean square per hop, last `ST_HOPS` hops.
    ms_hist: Vec<f32>,
    ms_pos: usize,
    hops: u64,
    flux_hist: Vec<f32>,
    onset_hist: Vec<bool>,
    onset_count: usize,
    env_hist: Vec<f32>,
    env_work: Vec<f32>,
    acf: Vec<f32>,
    periodicity: (f32, f32, f32),
    prev_flux: (f32, f32),
    last: Features,
}

impl fmt::Debug for FeatureExtractor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FeatureExtractor").field("hops", &self.hops).field("last", &self.last).finish_non_exhaustive()
    }
}

impl Default for FeatureExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl FeatureExtractor {
    /// Allocates every buffer and plans the FFT.
    pub fn new() -> Self {
        let mut planner = RealFftPlanner::<f32>::new();
        let fft = planner.plan_fft_forward(FRAME);
        let tone_fft = planner.plan_fft_forward(TONE_FRAME);
        let hann =
            |n: usize| -> Vec<f32> { (0..n).map(|i| 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / n as f32).cos()).collect() };
        let window = hann(FRAME);
        let fs = f64::from(ANALYSIS_RATE);
        let mut s = Self {
            frame: fft.make_input_vec(),
            spec: fft.make_output_vec(),
            scratch: fft.make_scratch_vec(),
            fft,
            window,
            ring: vec![0.0; FRAME],
            ring_pos: 0,
            since_hop: 0,
            total: 0,
            power: vec![0.0; BINS],
            log_power: vec![0.0; BINS],
            prev_log: vec![0.0; BINS],
            ordered: vec![0.0; FRAME],
            peak_age: vec![0; BINS],
            prev_age: vec![0; BINS],
            mpm: Mpm::new(FRAME, ANALYSIS_RATE as f32, 80.0, 600.0),
            tone_frame: tone_fft.make_input_vec(),
            tone_spec: tone_fft.make_output_vec(),
            tone_scratch: tone_fft.make_scratch_vec(),
            tone_fft,
            tone_window: hann(TONE_FRAME),
            tone_power: vec![0.0; TONE_BINS],
            tone_ref: vec![0.0; TONE_BINS],
            band_ref: 0.0,
            tone_count: 0,
            tones: [Tone::default(); TONES_PER_HOP],
            tone_idx: 0,
            k1: Biquad::k_shelf(fs),
            k2: Biquad::k_highpass(fs),
            hop_energy: 0.0,
            ms_hist: vec![0.0; ST_HOPS],
            ms_pos: 0,
            hops: 0,
            flux_hist: vec![0.0; 50],
            onset_hist: vec![false; ONSET_HOPS],
            onset_count: 0,
            env_hist: vec![0.0; ENV_HOPS],
            env_work: vec![0.0; ENV_HOPS],
            acf: vec![0.0; MAX_PERIOD + 2],
            periodicity: (0.0, 0.0, 0.0),
            prev_flux: (0.0, 0.0),
            last: Features::default(),
        };
        s.reset();
        s
    }

    /// Clears all state.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.ring.fill(0.0);
        self.ring_pos = 0;
        self.since_hop = 0;
        self.total = 0;
        self.prev_log.fill(pow_db(0.0));
        self.peak_age.fill(0);
        self.prev_age.fill(0);
        self.k1.reset();
        self.k2.reset();
        self.hop_energy = 0.0;
        self.tones = [Tone::default(); TONES_PER_HOP];
        self.tone_idx = 0;
        self.tone_ref.fill(0.0);
        self.band_ref = 0.0;
        self.tone_count = 0;
        self.ms_hist.fill(0.0);
        self.ms_pos = 0;
        self.hops = 0;
        self.flux_hist.fill(0.0);
        self.onset_hist.fill(false);
        self.onset_count = 0;
        self.env_hist.fill(-120.0);
        self.periodicity = (0.0, 0.0, 0.0);
        self.prev_flux = (0.0, 0.0);
        self.last = Features::default();
    }

    /// Number of hops computed since reset.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn hops(&self) -> u64 {
        self.hops
    }

    /// Feeds one analysis-rate sample; returns the short frame that ends mid-hop as soon as
    /// it is complete, and the features of a completed hop (with both of its short frames).
    ///
    /// # Realtime safety
    /// Real-time safe.
    #[inline]
    pub fn push(&mut self, x: f32) -> Option<Step> {
        if let Some(r) = self.ring.get_mut(self.ring_pos) {
            *r = x;
        }
        self.ring_pos = (self.ring_pos + 1) % FRAME;
        let k = self.k2.tick(self.k1.tick(f64::from(x)));
        self.hop_energy += k * k;
        self.total += 1;
        self.since_hop += 1;
        if self.since_hop.is_multiple_of(TONE_HOP) {
            let mid_hop = self.since_hop < HOP;
            let t = self.tone(mid_hop);
            if mid_hop {
                return Some(Step::Tone(t));
            }
        }
        if self.since_hop < HOP {
            return None;
        }
        self.since_hop = 0;
        Some(Step::Hop(self.hop()))
    }
}

/// White noise in ±0.5 (xorshift32 from `seed`), for the stages' tests.
#[cfg(test)]
fn white_noise(mut seed: u32) -> impl FnMut() -> f32 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed as f32 / u32::MAX as f32 - 0.5
    }
}
