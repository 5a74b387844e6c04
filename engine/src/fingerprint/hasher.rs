//! The real-time landmark hasher: resample, STFT, 2-D peaks, peak pairs -> 32-bit hashes.
//!
//! See the [module docs](super) for the algorithm and its sources. Everything is allocated in
//! [`Hasher::with_config`]; [`Hasher::process`], [`Hasher::reset`] and [`Hasher::flush`] are
//! real-time safe, work per sample / per hop (so the landmarks do not depend on the host block
//! size) and reproduce their output bit for bit after a reset.

use std::sync::Arc;

use realfft::num_complex::Complex;
use realfft::{RealFftPlanner, RealToComplex};

use super::peaks::{Peak, PeakPicker};
use super::resample::Resampler;
use super::{ANALYSIS_RATE, FFT_LEN, HOP};
use crate::types::Landmark;

/// Lowest bin used for peaks (4 * 15.6 Hz = 62 Hz).
const LO_BIN: usize = 4;
/// Highest bin used for peaks (3.0 kHz): above it the resampler's transition band aliases.
const HI_BIN: usize = 192;
/// Bins the peak picker sees: the 2-D neighbourhood of a bin up to [`HI_BIN`] reaches
/// [`HALF_F`] bins above it, and nothing higher can change a peak decision.
const PICK_BINS: usize = HI_BIN + HALF_F + 1;
/// Anti-alias cut-off of the resampler (Hz): aliases land above `HI_BIN`.
pub const CUTOFF_HZ: f64 = 4000.0;
/// Peak neighbourhood: +-frames in time.
const HALF_T: usize = 10;
/// Peak neighbourhood: +-bins in frequency.
const HALF_F: usize = 10;
/// Peaks below this log power (dB of |X|^2, Hann, 512 points; a full-scale sine is ~+42 dB)
/// are ignored, so silence gives no landmarks.
const FLOOR_DB: f32 = -30.0;
/// Target zone: frames after the anchor (1..=DT_MAX; 6 bits in the hash).
const DT_MAX: u32 = 63;
/// Target zone: +- bins around the anchor.
const DF_MAX: i32 = 96;
/// Landmarks of anchor frame `f` are emitted when frame `f + EMIT_DELAY_FRAMES` has been
/// analysed: the peak decision waits `HALF_T` frames, the target zone `DT_MAX` more
/// (1.18 s in all).
pub const EMIT_DELAY_FRAMES: u32 = DT_MAX + HALF_T as u32 + 1;
/// At most this many peaks per frame are kept (bin order); more cannot occur with a frequency
/// neighbourhood of +-3 bins or wider (189 bins / 4).
const MAX_PEAKS_PER_FRAME: usize = 48;
/// Peak history: enough frames for the target zone.
const PEAK_RING: usize = 4096;

/// Tuning that differs between the index and the query side (same algorithm, same hashes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HasherConfig {
    /// Target peaks paired with each anchor.
    pub fanout: usize,
    /// Peak neighbourhood: +-frames in time (1..=20).
    pub half_t: usize,
    /// Peak neighbourhood: +-bins in frequency (3..=10: the picker sees bins up to 10 above the
    /// highest peak bin).
    pub half_f: usize,
    /// Onset emphasis before peak picking: each bin's log power minus the exponential moving
    /// average of its own past ([`EMPHASIS_POLE`]; audfprint's per-bin high-pass along time),
    /// so a stationary background (crowd roar, a noise floor) is subtracted and peaks are
    /// picked where the music changes. The absolute floor still applies to the raw power, so
    /// silence gives nothing. Index and query must agree.
    pub emphasis: bool,
}

/// Pole of [`HasherConfig::emphasis`]' high-pass (`y[t] = x[t] - x[t-1] + pole * y[t-1]`, i.e.
/// `x` minus the moving average of its past with a time constant of 50 frames, 0.8 s).
pub const EMPHASIS_POLE: f32 = 0.98;
/// Whether the engine's configurations use [`HasherConfig::emphasis`].
const EMPHASIS: bool = false;

impl HasherConfig {
    /// Compact: few pairs per anchor.
    pub const fn index() -> Self {
        Self { fanout: 4, half_t: HALF_T, half_f: HALF_F, emphasis: EMPHASIS }
    }

    /// Redundant: many pairs per anchor so index pairs survive inserted noise peaks.
    pub const fn query() -> Self {
        Self { fanout: 10, half_t: HALF_T, half_f: HALF_F, emphasis: EMPHASIS }
    }

    /// Query side with a smaller peak neighbourhood and a wider fan-out: more peaks per
    /// second, so that an index peak that noise has out-shone inside the index's +-10 x +-10
    /// neighbourhood is still picked, and more pairs per anchor, so that its index pairs are
    /// still formed among the extra peaks (query-side density after audfprint's `--density`
    /// and Olaf). Every index peak is also a peak of a smaller neighbourhood, so on clean
    /// audio this finds a superset of [`Self::query`]'s pairs.
    pub const fn dense(half_t: usize, half_f: usize, fanout: usize) -> Self {
        Self { fanout, half_t, half_f, emphasis: EMPHASIS }
    }
}

impl Default for HasherConfig {
    fn default() -> Self {
        Self::query()
    }
}

/// Packs a peak pair into a hash: `f1` (8 bits) | `f2` (8 bits) | `dt` (6 bits).
#[inline]
pub fn pair_hash(f1: u16, f2: u16, dt: u32) -> u32 {
    (u32::from(f1 & 0xff) << 14) | (u32::from(f2 & 0xff) << 6) | (dt & 0x3f)
}

/// Audio-thread landmark hasher.
pub struct Hasher {
    sample_rate: f32,
    config: HasherConfig,
    resampler: Resampler,
    /// Doubled ring of analysis-rate samples (2 * FFT_LEN).
    frame_ring: Vec<f32>,
    /// Resampler output up to the next hop boundary.
    hop_buf: Vec<f32>,
    n_analysis: u64,
    window: Vec<f32>,
    fft: Arc<dyn RealToComplex<f32>>,
    fft_in: Vec<f32>,
    fft_out: Vec<Complex<f32>>,
    fft_scratch: Vec<Complex<f32>>,
    spectrum: Vec<f32>,
    /// Per-bin moving average of the log power's past ([`HasherConfig::emphasis`]).
    background: Vec<f32>,
    /// No frame has set `background` since the last reset.
    fresh: bool,
    picker: PeakPicker,
    /// Ring of recent peaks in (frame, bin) order.
    peaks: Vec<Peak>,
    peak_head: usize,
    peak_len: usize,
    /// Next anchor frame to pair.
    next_anchor: u64,
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hasher").field("sample_rate", &self.sample_rate).field("config", &self.config).finish_non_exhaustive()
    }
}

impl Hasher {
    /// Builds a query-side hasher for input at `sample_rate`. Allocates: call from `prepare()`.
    pub fn new(sample_rate: f32) -> Self {
        Self::with_config(f64::from(sample_rate), HasherConfig::query())
    }

    /// Builds a hasher with explicit tuning. `sample_rate` may be fractional (a query played
    /// at speed `s` is hashed as if recorded at `rate / s`). Allocates.
    pub fn with_config(sample_rate: f64, config: HasherConfig) -> Self {
        let fft = RealFftPlanner::<f32>::new().plan_fft_forward(FFT_LEN);
        let window = (0..FFT_LEN).map(|n| (0.5 - 0.5 * (2.0 * std::f64::consts::PI * n as f64 / FFT_LEN as f64).cos()) as f32).collect();
        let fft_in = fft.make_input_vec();
        let fft_out = fft.make_output_vec();
        let fft_scratch = fft.make_scratch_vec();
        let bins = PICK_BINS.min(FFT_LEN / 2 + 1);
        let config = HasherConfig {
            fanout: config.fanout.clamp(1, 64),
            half_t: config.half_t.clamp(1, 20),
            half_f: config.half_f.clamp(3, HALF_F),
            ..config
        };
        Self {
            sample_rate: sample_rate as f32,
            config,
            resampler: Resampler::new(sample_rate, ANALYSIS_RATE, CUTOFF_HZ),
            frame_ring: vec![0.0; 2 * FFT_LEN],
            hop_buf: vec![0.0; HOP],
            n_analysis: 0,
            window,
            fft,
            fft_in,
            fft_out,
            fft_scratch,
            spectrum: vec![0.0; bins],
            background: vec![0.0; bins],
            fresh: true,
            picker: PeakPicker::new(bins, config.half_t, config.half_f, LO_BIN, HI_BIN, if config.emphasis { 1.0 } else { floor_power() }),
            peaks: vec![Peak::default(); PEAK_RING],
            peak_head: 0,
            peak_len: 0,
            next_anchor: 0,
        }
    }

    /// The input sample rate the hasher was built for.
    pub fn sample_rate(&self) -> f32 {
        self.sample_rate
    }

    /// The hasher's fan-out configuration.
    pub fn config(&self) -> HasherConfig {
        self.config
    }

    /// Analysis frames completed since the last reset.
    pub fn frames(&self) -> u64 {
        self.picker.frames()
    }

    /// Clears all state.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.resampler.reset();
        self.frame_ring.fill(0.0);
        self.n_analysis = 0;
        self.picker.reset();
        self.fresh = true;
        self.peak_head = 0;
        self.peak_len = 0;
        self.next_anchor = 0;
    }

    /// Consumes a block of mono programme audio and reports landmarks through `sink`.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks or I/O. The input is taken in blocks (copied into
    /// the resampler's ring), one polyphase dot product per analysis sample; per 16 ms hop one
    /// 512-point real FFT and O(bins) peak and pairing work. Output is independent of how the
    /// input is split into blocks.
    pub fn process(&mut self, input: &[f32], sink: &mut dyn FnMut(Landmark)) {
        let block = self.resampler.max_write().max(1);
        for chunk in input.chunks(block) {
            self.resampler.write(chunk);
            loop {
                // Analysis samples until the next hop boundary.
                let due = HOP - (self.n_analysis as usize) % HOP;
                let Some(buf) = self.hop_buf.get_mut(..due) else { break };
                let n = self.resampler.read(buf);
                for &y in buf.iter().take(n) {
                    let pos = (self.n_analysis as usize) % FFT_LEN;
                    if let Some(s) = self.frame_ring.get_mut(pos) {
                        *s = y;
                    }
                    if let Some(s) = self.frame_ring.get_mut(pos + FFT_LEN) {
                        *s = y;
                    }
                    self.n_analysis += 1;
                }
                if n < due {
                    break;
                }
                self.analyse_frame(sink);
            }
        }
    }

    /// Finishes a finite signal: decides the last frames' peaks and pairs every remaining
    /// anchor (offline use; the engine never calls it). Call [`Self::reset`] before reusing.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn flush(&mut self, sink: &mut dyn FnMut(Landmark)) {
        for _ in 0..self.config.half_t {
            let Self { picker, peaks, peak_head, peak_len, .. } = self;
            picker.push(None, &mut |p| push_peak(peaks, peak_head, peak_len, p));
        }
        let last = self.picker.frames().saturating_sub(self.config.half_t as u64 + 1);
        while self.next_anchor <= last {
            self.pair_anchor(self.next_anchor, sink);
            self.next_anchor += 1;
        }
    }

    fn analyse_frame(&mut self, sink: &mut dyn FnMut(Landmark)) {
        // The newest FFT_LEN analysis samples, oldest first.
        let start = (self.n_analysis as usize) % FFT_LEN;
        if let Some(src) = self.frame_ring.get(start..start + FFT_LEN) {
            for ((d, s), w) in self.fft_in.iter_mut().zip(src).zip(&self.window) {
                *d = s * w;
            }
        }
        if self.fft.process_with_scratch(&mut self.fft_in, &mut self.fft_out, &mut self.fft_scratch).is_err() {
            return;
        }
        // Power, not dB: the peak decisions are maxima and one floor, invariant under the
        // (monotonic) logarithm, so it is skipped. Only the bins the picker sees.
        for (s, c) in self.spectrum.iter_mut().zip(&self.fft_out) {
            *s = c.norm_sqr();
        }
        if self.config.emphasis {
            self.emphasise();
        }
        {
            let Self { picker, peaks, peak_head, peak_len, spectrum, .. } = self;
            picker.push(Some(spectrum), &mut |p| push_peak(peaks, peak_head, peak_len, p));
        }
        // Peaks are final up to frame `frames - 1 - HALF_T`; an anchor's target zone is
        // complete once that reaches anchor + DT_MAX.
        let decided = self.picker.frames() as i64 - 1 - self.config.half_t as i64;
        while (self.next_anchor as i64) + i64::from(DT_MAX) <= decided {
            self.pair_anchor(self.next_anchor, sink);
            self.next_anchor += 1;
        }
    }

    /// [`HasherConfig::emphasis`] on `self.spectrum`: the log power minus its moving average,
    /// offset so that every value above the floor is above the picker's floor of 1 and every
    /// value below it is 0.
    fn emphasise(&mut self) {
        let floor = floor_power();
        let fresh = std::mem::replace(&mut self.fresh, false);
        for (s, bg) in self.spectrum.iter_mut().zip(self.background.iter_mut()) {
            let x = (*s + 1e-12).ln();
            if fresh {
                *bg = x;
            }
            let y = x - *bg;
            *bg = EMPHASIS_POLE * *bg + (1.0 - EMPHASIS_POLE) * x;
            *s = if *s >= floor { (y + EMPHASIS_OFFSET).max(1.5) } else { 0.0 };
        }
    }

    /// Emits the landmarks of every peak at `frame`, then forgets peaks at or before it.
    fn pair_anchor(&mut self, frame: u64, sink: &mut dyn FnMut(Landmark)) {
        let f32frame = frame as u32;
        // Drop peaks older than the anchor frame.
        while self.peak_len > 0 && self.peaks.get(self.peak_head).is_some_and(|p| p.frame < f32frame) {
            self.peak_head = (self.peak_head + 1) % PEAK_RING;
            self.peak_len -= 1;
        }
        let mut i = 0;
        while i < self.peak_len {
            let Some(&a) = self.peaks.get((self.peak_head + i) % PEAK_RING) else { break };
            if a.frame != f32frame {
                break;
            }
            let mut found = 0;
            for j in (i + 1)..self.peak_len {
                let Some(&b) = self.peaks.get((self.peak_head + j) % PEAK_RING) else { break };
                let dt = b.frame.wrapping_sub(a.frame);
                if dt == 0 {
                    continue;
                }
                if dt > DT_MAX {
                    break;
                }
                if (i32::from(b.bin) - i32::from(a.bin)).abs() > DF_MAX {
                    continue;
                }
                sink(Landmark { hash: pair_hash(a.bin, b.bin, dt), frame: a.frame });
                found += 1;
                if found >= self.config.fanout {
                    break;
                }
            }
            i += 1;
        }
    }
}

/// Added to the emphasised log power (natural log units) so that it is positive.
const EMPHASIS_OFFSET: f32 = 100.0;

/// [`FLOOR_DB`] as power.
fn floor_power() -> f32 {
    10f32.powf(FLOOR_DB / 10.0)
}

/// Appends a peak to the ring, keeping at most [`MAX_PEAKS_PER_FRAME`] per frame. When the
/// ring is full (cannot happen with these parameters) the oldest peak is dropped.
fn push_peak(peaks: &mut [Peak], head: &mut usize, len: &mut usize, p: Peak) {
    let mut same = 0;
    let mut k = *len;
    while k > 0 {
        k -= 1;
        match peaks.get((*head + k) % PEAK_RING) {
            Some(q) if q.frame == p.frame => same += 1,
            _ => break,
        }
        if same >= MAX_PEAKS_PER_FRAME {
            return;
        }
    }
    if *len == PEAK_RING {
        *head = (*head + 1) % PEAK_RING;
        *len -= 1;
    }
    if let Some(slot) = peaks.get_mut((*head + *len) % PEAK_RING) {
        *slot = p;
        *len += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every landmark of a whole signal (`resonance_io::fingerprint::landmarks_of` does the
    /// same for the index; it lives outside this real-time crate).
    fn landmarks_of(samples: &[f32], sample_rate: f64, config: HasherConfig) -> Vec<Landmark> {
        let mut h = Hasher::with_config(sample_rate, config);
        let mut out = Vec::new();
        h.process(samples, &mut |l| out.push(l));
        h.flush(&mut |l| out.push(l));
        out
    }

    fn chirps(sr: f64, secs: f64) -> Vec<f32> {
        // A melody of decaying tones: clear, well separated peaks.
        let n = (sr * secs) as usize;
        let mut x = vec![0.0f32; n];
        let notes = [220.0, 330.0, 440.0, 587.0, 262.0, 392.0, 523.0, 698.0, 880.0, 1175.0];
        let step = (sr * 0.25) as usize;
        for (k, start) in (0..n).step_by(step).enumerate() {
            let f = notes[(k * 7) % notes.len()] * if k % 3 == 0 { 1.5 } else { 1.0 };
            for i in 0..(step * 2).min(n - start) {
                let t = i as f64 / sr;
                x[start + i] += (0.3 * (-t * 6.0).exp() * (2.0 * std::f64::consts::PI * f * t).sin()) as f32;
            }
        }
        x
    }

    #[test]
    fn silence_gives_no_landmarks() {
        let lm = landmarks_of(&vec![0.0; 48000 * 5], 48000.0, HasherConfig::query());
        assert!(lm.is_empty());
    }

    /// With onset emphasis silence still gives nothing (the floor is on the raw power) and
    /// music gives landmarks of its own. (Their agreement across input rates is poor: 40 of
    /// 451 between 44.1 and 48 kHz, against > 70 % without; decision 0035.)
    #[test]
    fn emphasis_keeps_the_floor() {
        let cfg = HasherConfig { emphasis: true, ..HasherConfig::index() };
        assert!(landmarks_of(&vec![0.0; 48000 * 5], 48000.0, cfg).is_empty());
        let a = landmarks_of(&chirps(44100.0, 6.0), 44100.0, cfg);
        assert!(a.len() > 50, "{}", a.len());
        assert_ne!(a, landmarks_of(&chirps(44100.0, 6.0), 44100.0, HasherConfig::index()));
    }

    #[test]
    fn same_landmarks_at_different_input_rates() {
        let a = landmarks_of(&chirps(44100.0, 6.0), 44100.0, HasherConfig::index());
        let b = landmarks_of(&chirps(48000.0, 6.0), 48000.0, HasherConfig::index());
        assert!(a.len() > 50, "{}", a.len());
        let sa: std::collections::HashSet<_> = a.iter().copied().collect();
        let common = b.iter().filter(|l| sa.contains(l)).count();
        assert!(common as f64 > 0.7 * a.len() as f64, "{common} of {}", a.len());
    }
}
