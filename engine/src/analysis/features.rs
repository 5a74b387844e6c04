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
//! on the audio thread.

use std::fmt;
use std::sync::Arc;

use realfft::num_complex::Complex;
use realfft::{RealFftPlanner, RealToComplex};

use super::biquad::Biquad;
use super::decimate::ANALYSIS_RATE;
use super::pitch::{Mpm, Pitch};

/// Analysis frame length (samples at 16 kHz: 32 ms).
pub const FRAME: usize = 512;
/// Hop between frames (10 ms).
pub const HOP: usize = 160;
/// Hops per second.
pub const HOPS_PER_S: usize = ANALYSIS_RATE as usize / HOP;
/// Number of spectrum bins.
const BINS: usize = FRAME / 2 + 1;
/// Hz per bin.
pub const BIN_HZ: f32 = ANALYSIS_RATE as f32 / FRAME as f32;
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
pub const STABLE_HOPS: u16 = 10;

/// Band edges in Hz of [`Features::bands_db`].
pub const BAND_EDGES: [f32; 6] = [60.0, 300.0, 1000.0, 2500.0, 5000.0, 7000.0];
/// Short frame of the whistle detector (16 ms) and its hop (5 ms, two per [`HOP`]).
pub const TONE_FRAME: usize = 256;
pub const TONE_HOP: usize = 80;
/// Whistle sub-frames per hop.
pub const TONES_PER_HOP: usize = HOP / TONE_HOP;
/// Short frames per second.
const TONE_RATE: f32 = ANALYSIS_RATE as f32 / TONE_HOP as f32;
const TONE_BINS: usize = TONE_FRAME / 2 + 1;
/// Hz per bin of the short frame.
pub const TONE_BIN_HZ: f32 = ANALYSIS_RATE as f32 / TONE_FRAME as f32;
/// Whistle search range in Hz.
pub const WHISTLE_LO_HZ: f32 = 1500.0;
pub const WHISTLE_HI_HZ: f32 = 5000.0;
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
    pub hz: f32,
    /// Mean power of the peak's 3 bins over the mean log power of the bins 3–10 away (dB).
    pub prom_db: f32,
    /// Share of the 1–7 kHz energy in the peak's 3 bins.
    pub share: f32,
    /// Level of the peak's 3 bins (dB, full-scale sine ≈ 0).
    pub level_db: f32,
    /// Harmonic support below the peak (dB): the strongest comb contrast of a harmonic
    /// series with a fundamental of 200 Hz – 1 kHz of which the peak is a partial, read on the
    /// hop's 32 ms spectrum (see [`FeatureExtractor::harmonic_support`]). A referee's whistle
    /// has nothing harmonic below its 1.5–5 kHz tone (about 0–5 dB, the contrast of noise);
    /// a melody note's upper partial or a sung vowel's harmonic has its whole series
    /// (10–30 dB).
    pub harm_db: f32,
    /// Novelty of the peak (dB): its level over what the same three bins held in the recent
    /// past (an exponential average of their log power, τ = [`TONE_REF_TAU_S`]). A new whistle
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
    /// the band below 6.5 kHz.
    pub loud_fast: f32,
    pub loud_m: f32,
    /// K-weighted loudness over the last 50 ms (LUFS): the goal roar's onset test.
    pub loud_vfast: f32,
    pub loud_s: f32,
    /// Frame energy (unweighted, dB) of the bands 60–300, 300–1000, 1000–2500, 2500–5000,
    /// 5000–7000 Hz.
    pub bands_db: [f32; 5],
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
    /// (dB) and share of the 1–7 kHz energy within ±2 bins.
    pub peak_hz: f32,
    pub peak_prom_db: f32,
    pub peak_share: f32,
    /// The whistle detector's two short frames of this hop (oldest first).
    pub tones: [Tone; TONES_PER_HOP],
    pub pitch: Pitch,
    /// Number of sharp spectral peaks (≥ 12 dB over their ±8-bin neighbourhood) in
    /// 300 Hz–4 kHz: a few for a crowd (voices blur into noise), many for music's stable
    /// partials.
    pub sharp_peaks: f32,
    /// Number of those sharp peaks that have stood at the same frequency (±1 bin per hop) for
    /// at least [`STABLE_HOPS`] consecutive hops: a note's partials hold their pitch for a
    /// tenth of a second and more, the chance peaks of a crowd's noise and the gliding
    /// partials of many voices do not.
    pub stable_peaks: f32,
    /// Spectral roughness 300 Hz – 4 kHz (dB): the standard deviation of the log power
    /// spectrum around its 17-bin moving average. The log periodogram of Gaussian noise
    /// scatters by 5.57 dB around its envelope whatever its colour (the log of an exponential
    /// variable), so a crowd — thousands of voices, noise-like — reads 5–6.5 dB; a tonal
    /// sound (music, a held note) has peaks and valleys far beyond that, 7–12 dB.
    pub roughness: f32,
    /// Envelope periodicity (0.3–2 s), `0..=1`, and its period in seconds.
    pub periodicity: f32,
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

    /// The whistle detector's short frame: the last 16 ms, every 5 ms. A 16 ms frame has
    /// 62.5 Hz bins, still narrow enough for a pea whistle's trill (a few bins), and it is
    /// half full of a new whistle 8 ms after the whistle starts (a 32 ms frame needs 16 ms).
    fn tone(&mut self, mid_hop: bool) -> Tone {
        for i in 0..TONE_FRAME {
            let v = self.ring[(self.ring_pos + FRAME - TONE_FRAME + i) % FRAME];
            self.tone_frame[i] = v * self.tone_window[i];
        }
        let ok = self.tone_fft.process_with_scratch(&mut self.tone_frame, &mut self.tone_spec, &mut self.tone_scratch).is_ok();
        let norm = 1.0 / (TONE_FRAME as f32 * TONE_FRAME as f32 * 0.375 / 2.0);
        for (p, c) in self.tone_power.iter_mut().zip(&self.tone_spec) {
            *p = if ok { c.norm_sqr() * norm } else { 0.0 };
        }
        let tbin = |hz: f32| ((hz / TONE_BIN_HZ).round() as usize).min(TONE_BINS - 1);
        let (lo, hi) = (tbin(WHISTLE_LO_HZ), tbin(WHISTLE_HI_HZ));
        // The strongest *local maximum* in the band: the crowd's spectrum falls with frequency,
        // so the band's lowest bin is often its strongest without being a peak at all (the
        // slope under 1.5 kHz), and such a frame broke a whistle's run on its pitch. The
        // strongest bin stands in only where the band has no local maximum.
        let pw = &self.tone_power;
        let mut local: Option<usize> = None;
        for k in lo + 1..hi - 1 {
            if pw[k] >= pw[k - 1] && pw[k] >= pw[k + 1] && local.is_none_or(|b| pw[k] > pw[b]) {
                local = Some(k);
            }
        }
        let kp = local.unwrap_or_else(|| (lo..hi).fold(lo, |b, k| if pw[k] > pw[b] { k } else { b }));
        let peak: f32 = pw[kp - 1..=kp + 1].iter().sum();
        let mut bg = 0.0f32;
        for d in 3..=10 {
            bg += pow_db(pw[kp - d]) + pow_db(pw[kp + d]);
        }
        let hf: f32 = pw[tbin(1000.0)..tbin(7000.0)].iter().sum();
        let (peak_db, hf_db) = (pow_db(peak / 3.0), pow_db(hf));
        // Novelty against the references as they were before this frame, then the update: a
        // running mean for the first τ, an exponential average after.
        let fresh = self.tone_count == 0;
        let line_ref = self.tone_ref[kp - 1..=kp + 1].iter().sum::<f32>() / 3.0;
        let (novelty_db, band_novelty_db) = if fresh { (0.0, 0.0) } else { (peak_db - line_ref, hf_db - self.band_ref) };
        self.tone_count = self.tone_count.saturating_add(1);
        let a = (1.0 / self.tone_count as f32).max(1.0 - (-1.0 / (TONE_REF_TAU_S * TONE_RATE)).exp());
        let track = |r: &mut f32, db: f32| *r = if r.is_finite() { *r + (db - *r) * a } else { db };
        for (r, &p) in self.tone_ref[lo - 1..=hi].iter_mut().zip(&pw[lo - 1..=hi]) {
            track(r, pow_db(p));
        }
        track(&mut self.band_ref, hf_db);
        let mut t = Tone {
            end: self.total,
            hz: kp as f32 * TONE_BIN_HZ,
            prom_db: peak_db - bg / 16.0,
            share: if hf > EPS { peak / hf } else { 0.0 },
            level_db: pow_db(peak),
            harm_db: 0.0,
            novelty_db,
            band_novelty_db,
        };
        // A frame that ends mid-hop is reported at once (the whistle decides on it 5 ms before
        // the hop completes), so its harmonic support is read on a 32 ms spectrum that ends
        // with it, computed here (the hop recomputes its own); the hop's last frame reads the
        // hop's ([`Self::hop`]). Each frame's support thus ends where the frame does.
        if mid_hop {
            self.spectrum();
            t.harm_db = self.harmonic_support(t.hz);
        }
        if let Some(slot) = self.tones.get_mut(self.tone_idx) {
            *slot = t;
        }
        self.tone_idx = (self.tone_idx + 1) % TONES_PER_HOP;
        t
    }

    /// The latest 32 ms in time order (`ordered`) and its power spectrum (`power`, `log_power`).
    fn spectrum(&mut self) {
        for i in 0..FRAME {
            let v = self.ring[(self.ring_pos + i) % FRAME];
            self.ordered[i] = v;
            self.frame[i] = v * self.window[i];
        }
        let ok = self.fft.process_with_scratch(&mut self.frame, &mut self.spec, &mut self.scratch).is_ok();
        // Hann window power normalisation so a full-scale sine reads ~0 dB in its bins' sum.
        let norm = 1.0 / (FRAME as f32 * FRAME as f32 * 0.375 / 2.0);
        for k in 0..BINS {
            let p = if ok { self.spec[k].norm_sqr() * norm } else { 0.0 };
            self.power[k] = p;
            self.log_power[k] = pow_db(p);
        }
    }

    fn mean_ms(&self, n: usize) -> f32 {
        let len = self.ms_hist.len();
        let mut acc = 0.0f64;
        for i in 1..=n.min(len) {
            acc += f64::from(self.ms_hist[(self.ms_pos + len - i) % len]);
        }
        (acc / n as f64) as f32
    }

    fn hop(&mut self) -> Features {
        // Loudness from the K-weighted energy of this hop.
        let ms = (self.hop_energy / HOP as f64) as f32;
        self.hop_energy = 0.0;
        if let Some(m) = self.ms_hist.get_mut(self.ms_pos) {
            *m = ms;
        }
        self.ms_pos = (self.ms_pos + 1) % self.ms_hist.len();
        let lufs = |ms: f32| -0.691 + pow_db(ms);
        let loud_fast = lufs(self.mean_ms(FAST_HOPS));
        let loud_m = lufs(self.mean_ms(M_HOPS));
        let loud_vfast = lufs(self.mean_ms(VFAST_HOPS));
        let loud_s = lufs(self.mean_ms(ST_HOPS));

        self.spectrum();

        let mut bands_db = [0.0f32; 5];
        for (b, out) in bands_db.iter_mut().enumerate() {
            let (lo, hi) = (bin(BAND_EDGES[b]), bin(BAND_EDGES[b + 1]));
            *out = pow_db(self.power[lo..hi].iter().sum());
        }

        // Centroid, roll-off, flatness, flux over 100 Hz – 6 kHz.
        let (lo, hi) = (bin(100.0), bin(6000.0));
        let mut total = 0.0f32;
        let mut weighted = 0.0f32;
        let mut log_sum = 0.0f32;
        let mut flux = 0.0f32;
        for k in lo..hi {
            let p = self.power[k];
            total += p;
            weighted += p * k as f32 * BIN_HZ;
            log_sum += (p + EPS).ln();
            flux += (self.log_power[k] - self.prev_log[k]).max(0.0);
        }
        let n = (hi - lo) as f32;
        let centroid_hz = if total > EPS { weighted / total } else { 0.0 };
        let flatness = if total > 1e-10 { ((log_sum / n).exp() / (total / n + EPS)).clamp(0.0, 1.0) } else { 0.0 };
        let flux = flux / n;
        let mut acc = 0.0f32;
        let mut rolloff_hz = 0.0;
        for k in lo..hi {
            acc += self.power[k];
            if acc >= 0.85 * total {
                rolloff_hz = k as f32 * BIN_HZ;
                break;
            }
        }
        self.prev_log.copy_from_slice(&self.log_power);

        // Onsets: a local flux maximum above the mean of the last 0.5 s plus 1.5 dB/bin,
        // in a frame with some energy.
        let flux_mean = self.flux_hist.iter().sum::<f32>() / self.flux_hist.len() as f32;
        let (f1, f2) = self.prev_flux;
        let onset = f1 > f2 && f1 >= flux && f1 > flux_mean * 1.3 + 1.5 && loud_fast > -70.0;
        let slot = (self.hops as usize) % self.flux_hist.len();
        self.flux_hist[slot] = flux;
        self.prev_flux = (flux, f1);
        let oslot = (self.hops as usize) % ONSET_HOPS;
        if self.onset_hist[oslot] {
            self.onset_count -= 1;
        }
        self.onset_hist[oslot] = onset;
        if onset {
            self.onset_count += 1;
        }
        let onset_rate = self.onset_count as f32 / (ONSET_HOPS as f32 / HOPS_PER_S as f32);

        // Tonal peak in the whistle range.
        let (wlo, whi) = (bin(WHISTLE_LO_HZ), bin(WHISTLE_HI_HZ));
        let mut kp = wlo;
        for k in wlo..whi {
            if self.power[k] > self.power[kp] {
                kp = k;
            }
        }
        let peak_e: f32 = self.power[kp - 2..=kp + 2].iter().sum();
        let mut bg = 0.0f32;
        let mut bg_n = 0.0f32;
        for d in 6..=24 {
            for k in [kp - d, kp + d] {
                bg += self.log_power[k];
                bg_n += 1.0;
            }
        }
        let peak_prom_db = pow_db(peak_e / 5.0) - bg / bg_n;
        let hf: f32 = self.power[bin(1000.0)..bin(7000.0)].iter().sum();
        let peak_share = if hf > EPS { peak_e / hf } else { 0.0 };

        let mut sharp = 0u32;
        let mut stable = 0u32;
        std::mem::swap(&mut self.peak_age, &mut self.prev_age);
        self.peak_age.fill(0);
        for k in bin(300.0)..bin(4000.0) {
            let v = self.log_power[k];
            if v > self.log_power[k - 1] && v >= self.log_power[k + 1] {
                let mut bg = 0.0f32;
                for d in 2..=8 {
                    bg += self.log_power[k - d] + self.log_power[k + d];
                }
                if v - bg / 14.0 >= 12.0 {
                    sharp += 1;
                    let age = self.prev_age[k - 1].max(self.prev_age[k]).max(self.prev_age[k + 1]).saturating_add(1);
                    self.peak_age[k] = age;
                    if age >= STABLE_HOPS {
                        stable += 1;
                    }
                }
            }
        }

        // Roughness: deviation of the log spectrum from its 17-bin moving average.
        let roughness = {
            let (lo, hi) = (bin(300.0), bin(4000.0));
            let mut acc = 0.0f32;
            for k in lo.saturating_sub(8)..lo + 9 {
                acc += self.log_power[k];
            }
            let (mut s1, mut s2) = (0.0f32, 0.0f32);
            for k in lo..hi {
                let d = self.log_power[k] - acc / 17.0;
                s1 += d;
                s2 += d * d;
                acc += self.log_power[(k + 9).min(BINS - 1)] - self.log_power[k.saturating_sub(8)];
            }
            let n = (hi - lo) as f32;
            (s2 / n - (s1 / n) * (s1 / n)).max(0.0).sqrt()
        };

        let pitch = if loud_fast > -70.0 { self.mpm.analyse(&self.ordered) } else { Pitch::default() };

        let mut tones = self.tones;
        if let Some(t) = tones.last_mut() {
            t.harm_db = self.harmonic_support(t.hz);
        }

        // Envelope periodicity.
        let eslot = (self.hops as usize) % ENV_HOPS;
        self.env_hist[eslot] = pow_db(ms);
        if self.hops.is_multiple_of(PERIOD_EVERY as u64) {
            self.periodicity = self.periodicity();
        }

        self.hops += 1;
        self.last = Features {
            end: self.total,
            loud_fast,
            loud_m,
            loud_vfast,
            loud_s,
            bands_db,
            centroid_hz,
            rolloff_hz,
            flatness,
            flux,
            onset,
            onset_rate,
            peak_hz: kp as f32 * BIN_HZ,
            peak_prom_db,
            peak_share,
            tones,
            pitch,
            sharp_peaks: sharp as f32,
            stable_peaks: stable as f32,
            roughness,
            periodicity: self.periodicity.0,
            period_s: self.periodicity.1,
            beat_periodicity: self.periodicity.2,
        };
        self.last
    }

    /// Harmonic support of a spectral peak at `hz`, on the hop's 32 ms log spectrum: for
    /// each fundamental `hz / k` (k = 2..=16) in 200 Hz – 1 kHz (partials ≥ 6 bins apart),
    /// the mean level of the series' partials below the peak minus the mean level of the
    /// midpoints between them (both as the max of ±1 bin, so noise reads about 0 dB); the
    /// strongest such comb contrast, in dB. This is the
    /// subharmonic-summation idea of D. J. Hermes ("Measurement of pitch by subharmonic
    /// summation", JASA 83, 1988), used here as a test of whether a peak *has* a fundamental
    /// below it, not to find one.
    fn harmonic_support(&self, hz: f32) -> f32 {
        // Refine the peak on the finer 32 ms grid (±2 bins of 31.25 Hz).
        let c = bin(hz);
        let mut kp = c;
        for k in c.saturating_sub(2)..=(c + 2).min(BINS - 1) {
            if self.log_power[k] > self.log_power[kp] {
                kp = k;
            }
        }
        let hz = kp as f32 * BIN_HZ;
        let max3 = |f: f32| {
            let b = bin(f);
            let mut m = -120.0f32;
            for k in b.saturating_sub(1)..=(b + 1).min(BINS - 1) {
                m = m.max(self.log_power[k]);
            }
            m
        };
        let mut best = 0.0f32;
        for k in 2..=16u16 {
            let f0 = hz / f32::from(k);
            if f0 > 1000.0 {
                continue;
            }
            if f0 < 200.0 {
                break;
            }
            let (mut peaks, mut valleys) = (0.0f32, 0.0f32);
            for j in 1..k {
                peaks += max3(f32::from(j) * f0);
                valleys += max3((f32::from(j) - 0.5) * f0);
            }
            valleys += max3((f32::from(k) - 0.5) * f0);
            let contrast = peaks / f32::from(k - 1) - valleys / f32::from(k);
            best = best.max(contrast);
        }
        best
    }

    /// Normalised autocorrelation of the mean-removed dB envelope over the last 4 s; the
    /// highest local maximum in 0.3–2 s that rises clearly above the trough before it, its lag
    /// (s), and the highest such maximum at a beat's lag (0.3–1.2 s).
    fn periodicity(&mut self) -> (f32, f32, f32) {
        let len = ENV_HOPS;
        let start = (self.hops as usize + 1) % len;
        for i in 0..len {
            self.env_work[i] = self.env_hist[(start + i) % len];
        }
        // Quiet hops are floored at 40 dB below the loudest so silence gaps do not dominate.
        let max = self.env_work.iter().copied().fold(-120.0f32, f32::max);
        let mut mean = 0.0f32;
        for v in &mut self.env_work {
            *v = v.max(max - 40.0);
            mean += *v;
        }
        mean /= len as f32;
        for v in &mut self.env_work {
            *v -= mean;
        }
        let e0: f32 = self.env_work.iter().map(|v| v * v).sum();
        if e0 < 1e-3 * len as f32 {
            return (0.0, 0.0, 0.0);
        }
        for lag in MIN_PERIOD - 1..=MAX_PERIOD + 1 {
            let a = &self.env_work[..len - lag];
            let b = &self.env_work[lag..];
            let r: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            let ea: f32 = a.iter().map(|v| v * v).sum();
            let eb: f32 = b.iter().map(|v| v * v).sum();
            self.acf[lag - (MIN_PERIOD - 1)] = if ea > 0.0 && eb > 0.0 { r / (ea * eb).sqrt() } else { 0.0 };
        }
        let mut best = (0.0f32, 0.0f32);
        let mut beat = 0.0f32;
        let mut trough = f32::MAX;
        let n = MAX_PERIOD - MIN_PERIOD + 3;
        for i in 1..n - 1 {
            let v = self.acf[i];
            trough = trough.min(v);
            let peak = v > self.acf[i - 1] && v >= self.acf[i + 1] && v - trough > 0.2;
            if peak && v > best.0 {
                best = (v, (i + MIN_PERIOD - 1) as f32 / HOPS_PER_S as f32);
            }
            if peak && i + MIN_PERIOD - 1 <= MAX_BEAT {
                beat = beat.max(v);
            }
        }
        (best.0.max(0.0), best.1, beat.max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `x` (analysis rate) through a fresh extractor; the mean roughness of the hops after
    /// the first full frame.
    fn mean_roughness(x: impl Iterator<Item = f32>) -> f32 {
        let mut fe = FeatureExtractor::new();
        let r: Vec<f32> = x.filter_map(|v| fe.push(v).and_then(Step::hop)).skip(4).map(|f| f.roughness).collect();
        r.iter().sum::<f32>() / r.len().max(1) as f32
    }

    /// White noise in ±0.5 (xorshift32 from `seed`).
    fn white_noise(mut seed: u32) -> impl FnMut() -> f32 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as f32 / u32::MAX as f32 - 0.5
        }
    }

    #[test]
    fn noise_reads_the_log_periodogram_scatter_and_a_chord_far_more() {
        // Noise, white and strongly coloured (one-pole low-pass): about 5.6 dB either way.
        let mut white = white_noise(0x1234_5678);
        let w: Vec<f32> = (0..16_000).map(|_| white()).collect();
        let rw = mean_roughness(w.iter().copied());
        let mut lp = 0.0f32;
        let rc = mean_roughness(w.iter().map(|&v| {
            lp += (v - lp) * 0.1;
            lp
        }));
        assert!((5.0..6.5).contains(&rw), "white noise {rw}");
        assert!((5.0..6.5).contains(&rc), "coloured noise {rc}");
        // A held chord of three notes with their partials (music): far beyond.
        let chord = (0..16_000).map(|i| {
            let t = i as f32 / ANALYSIS_RATE as f32;
            [220.0f32, 277.2, 329.6]
                .iter()
                .flat_map(|&f| (1..8).map(move |k| (std::f32::consts::TAU * f * k as f32 * t).sin() / k as f32))
                .sum::<f32>()
                * 0.05
                + 0.0005 * (i as f32 * 12.9898).sin().fract()
        });
        let rm = mean_roughness(chord);
        assert!(rm > 8.0, "chord {rm}");
    }

    /// Every short frame of `x` (analysis rate) through a fresh extractor: (end time in s, tone).
    fn tones(x: impl Iterator<Item = f32>) -> Vec<(f32, Tone)> {
        let mut fe = FeatureExtractor::new();
        let mut out = Vec::new();
        for v in x {
            match fe.push(v) {
                Some(Step::Tone(t)) => out.push((t.end as f32 / ANALYSIS_RATE as f32, t)),
                Some(Step::Hop(f)) => out.extend(f.tones.last().map(|t| (t.end as f32 / ANALYSIS_RATE as f32, *t))),
                None => {}
            }
        }
        out
    }

    /// The novelty of a line: a 3.75 kHz tone that starts at 1 s in a steady crowd-like noise
    /// reads 20 dB and more over what its bins held while it is new (its first 50 ms), and
    /// falls back towards 0 once it has been there for a few time constants; the band rises
    /// far less than the line. The same tone and noise starting together out of silence (a
    /// track starting) raise the band as much as the line.
    #[test]
    fn a_new_line_in_noise_is_novel_a_held_one_is_not() {
        let mut noise = white_noise(0x2468_ace1);
        // A crowd-like noise: most of its energy under 1 kHz, a white floor above.
        let mut lp = 0.0f32;
        let mut crowd = move || {
            let w = 0.2 * noise();
            lp += (4.0 * w - lp) * 0.3;
            w + lp
        };
        let sine = |i: usize| 0.3 * (std::f32::consts::TAU * 3750.0 * i as f32 / ANALYSIS_RATE as f32).sin();
        let x: Vec<f32> = (0..64_000).map(|i| crowd() + if i >= 16_000 { sine(i) } else { 0.0 }).collect();
        let t = tones(x.iter().copied());
        let at = |s: f32| t.iter().find(|(e, _)| *e >= s).map(|(_, t)| *t).unwrap_or_default();
        let before = at(0.9);
        assert!(before.novelty_db.abs() < 10.0, "noise alone {before:?}");
        for s in [1.02, 1.03, 1.05] {
            let new = at(s);
            assert!((new.hz - 3750.0).abs() < 70.0, "{s}: {new:?}");
            assert!(new.novelty_db >= 20.0, "{s}: {new:?}");
            assert!(new.novelty_db - new.band_novelty_db >= 12.0, "{s}: {new:?}");
        }
        let held = at(3.5);
        assert!((held.hz - 3750.0).abs() < 70.0 && held.novelty_db < 4.0, "held 2.5 s: {held:?}");
        // Out of silence, line and band rise together.
        let y: Vec<f32> = (0..32_000).map(|i| if i >= 16_000 { crowd() + sine(i) } else { 0.0 }).collect();
        let start = tones(y.iter().copied()).into_iter().find(|(e, _)| *e >= 1.02).map(|(_, t)| t).unwrap_or_default();
        assert!(start.novelty_db >= 20.0 && start.novelty_db - start.band_novelty_db < 12.0, "{start:?}");
    }

    /// The envelope's periodicity after `secs` of noise whose gain follows `gain(t)`.
    fn envelope_periodicity(secs: f32, gain: impl Fn(f32) -> f32) -> (f32, f32, f32) {
        let mut noise = white_noise(0x1357_9bdf);
        let mut fe = FeatureExtractor::new();
        let n = (secs * ANALYSIS_RATE as f32) as usize;
        let mut last = Features::default();
        for i in 0..n {
            if let Some(f) = fe.push(gain(i as f32 / ANALYSIS_RATE as f32) * noise()).and_then(Step::hop) {
                last = f;
            }
        }
        (last.periodicity, last.period_s, last.beat_periodicity)
    }

    /// A crowd whose level alternates by 3.5 dB every 0.95 s (its ~1.9 s cycle is periodic,
    /// its half-cycle anti-correlates) has no beat; a clapped beat every 0.5 s, accented every
    /// fourth clap, keeps its beat's peak next to its bar's.
    #[test]
    fn an_alternating_level_has_a_period_but_no_beat_a_clapped_bar_has_both() {
        let (p, period, beat) = envelope_periodicity(6.0, |t| if ((t / 0.95) as u32).is_multiple_of(2) { 0.1 } else { 0.15 });
        assert!(p >= 0.8 && (1.8..2.0).contains(&period), "alternating: {p} at {period} s");
        assert!(beat < 0.3, "alternating: beat {beat}");
        let clap = |t: f32| {
            let (bar, beat) = ((t / 2.0).fract() * 2.0, (t / 0.5).fract() * 0.5);
            let accent = if bar < 0.5 { 2.0 } else { 1.0 };
            0.02 + if beat < 0.08 { 0.2 * accent } else { 0.0 }
        };
        let (p, period, beat) = envelope_periodicity(6.0, clap);
        assert!(p >= 0.8 && beat >= 0.8 && beat >= p - 0.1, "clapped: {p} at {period} s, beat {beat}");
    }
}
