//! Pitch and harmonicity of sung chants and boos: the McLeod Pitch Method (MPM).
//!
//! Source: P. McLeod and G. Wyvill, "A smarter way to find pitch", ICMC 2005. The normalised
//! square difference function `n(τ) = 2 r(τ) / m(τ)` is computed with the autocorrelation
//! `r` from a zero-padded real FFT (realfft, preallocated scratch) and `m` incrementally;
//! the pitch is the first key maximum above `K · max`, refined by parabolic interpolation,
//! and its NSDF value is the *clarity* (harmonicity) in `0..=1`.
//!
//! Written here because the `pitch-detection` crate allocates on every call.

use std::fmt;
use std::sync::Arc;

use realfft::num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};

/// Threshold of the key-maximum pick, relative to the highest key maximum (paper: 0.8–1.0).
const K: f32 = 0.9;

/// Result of one pitch analysis.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pitch {
    /// Fundamental in Hz, 0 when none was found.
    pub hz: f32,
    /// NSDF value at the chosen peak, `0..=1` (0 for silence or noise).
    pub clarity: f32,
}

/// MPM pitch detector over frames of a fixed length.
pub(crate) struct Mpm {
    fft: Arc<dyn RealToComplex<f32>>,
    ifft: Arc<dyn ComplexToReal<f32>>,
    buf: Vec<f32>,
    spec: Vec<Complex<f32>>,
    scratch_f: Vec<Complex<f32>>,
    scratch_i: Vec<Complex<f32>>,
    acf: Vec<f32>,
    nsdf: Vec<f32>,
    frame: usize,
    min_lag: usize,
    max_lag: usize,
    sample_rate: f32,
}

impl fmt::Debug for Mpm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mpm")
            .field("frame", &self.frame)
            .field("min_lag", &self.min_lag)
            .field("max_lag", &self.max_lag)
            .finish_non_exhaustive()
    }
}

impl Mpm {
    /// A detector for frames of `frame` samples at `sample_rate`, searching `min_hz..max_hz`.
    /// Allocates.
    pub(crate) fn new(frame: usize, sample_rate: f32, min_hz: f32, max_hz: f32) -> Self {
        let n = 2 * frame;
        let mut planner = RealFftPlanner::<f32>::new();
        let fft = planner.plan_fft_forward(n);
        let ifft = planner.plan_fft_inverse(n);
        let max_lag = ((sample_rate / min_hz).ceil() as usize).min(frame / 2);
        let min_lag = ((sample_rate / max_hz).floor() as usize).max(2);
        Self {
            buf: fft.make_input_vec(),
            spec: fft.make_output_vec(),
            scratch_f: fft.make_scratch_vec(),
            scratch_i: ifft.make_scratch_vec(),
            acf: ifft.make_output_vec(),
            nsdf: vec![0.0; max_lag + 2],
            fft,
            ifft,
            frame,
            min_lag,
            max_lag,
            sample_rate,
        }
    }

    /// Analyses `x` (its first `frame` samples; shorter input is zero-padded).
    ///
    /// # Realtime safety
    /// Real-time safe: FFTs with preallocated scratch, no allocation.
    pub(crate) fn analyse(&mut self, x: &[f32]) -> Pitch {
        let w = self.frame;
        self.buf.fill(0.0);
        for (d, s) in self.buf.iter_mut().zip(x.iter().take(w)) {
            *d = *s;
        }
        let energy: f32 = self.buf.iter().take(w).map(|v| v * v).sum();
        // A frame whose energy overflows (samples near f32::MAX) or is NaN has no pitch to find.
        if energy < 1e-9 || !energy.is_finite() {
            return Pitch::default();
        }
        if self.fft.process_with_scratch(&mut self.buf, &mut self.spec, &mut self.scratch_f).is_err() {
            return Pitch::default();
        }
        for c in &mut self.spec {
            *c = Complex::new(c.norm_sqr(), 0.0);
        }
        if self.ifft.process_with_scratch(&mut self.spec, &mut self.acf, &mut self.scratch_i).is_err() {
            return Pitch::default();
        }
        // `buf` was consumed by the forward FFT; rebuild m(τ) from the input itself.
        let scale = 1.0 / (2 * w) as f32;
        let mut m = 2.0 * energy;
        let get = |i: usize| x.get(i).copied().unwrap_or(0.0);
        for tau in 0..=self.max_lag.min(self.nsdf.len().saturating_sub(1)) {
            if tau > 0 {
                let a = get(tau - 1);
                let b = get(w - tau);
                m -= a * a + b * b;
            }
            let r = self.acf.get(tau).copied().unwrap_or(0.0) * scale;
            if let Some(n) = self.nsdf.get_mut(tau) {
                *n = if m > 1e-9 { (2.0 * r / m).clamp(-1.0, 1.0) } else { 0.0 };
            }
        }
        self.pick()
    }

    /// Key-maximum selection of the paper, over `min_lag..=max_lag`.
    fn pick(&self) -> Pitch {
        let n = &self.nsdf;
        let hi = self.max_lag.min(n.len().saturating_sub(2));
        // Skip the zero-lag lobe: start after the first negative-going zero crossing.
        let mut tau = 1;
        while tau < hi && n[tau] > 0.0 {
            tau += 1;
        }
        let mut best_overall = 0.0f32;
        let mut peaks = [(0usize, 0.0f32); 16];
        let mut np = 0;
        while tau < hi {
            // Find the next positive region. A NaN counts as "not positive", so this loop and
            // the one below always advance `tau` and the scan ends on any input.
            while tau < hi && (n[tau] <= 0.0 || n[tau].is_nan()) {
                tau += 1;
            }
            let mut best = (0usize, 0.0f32);
            while tau < hi && n[tau] > 0.0 {
                if n[tau] > best.1 && n[tau] >= n[tau - 1] && n[tau] >= n[tau + 1] {
                    best = (tau, n[tau]);
                }
                tau += 1;
            }
            if best.0 >= self.min_lag && best.1 > 0.0 && np < peaks.len() {
                peaks[np] = best;
                np += 1;
                best_overall = best_overall.max(best.1);
            }
        }
        let Some(&(t, v)) = peaks.iter().take(np).find(|p| p.1 >= K * best_overall) else {
            return Pitch::default();
        };
        // Parabolic interpolation around the peak.
        let (a, b, c) = (n[t - 1], n[t], n[t + 1]);
        let den = a - 2.0 * b + c;
        let shift = if den.abs() > 1e-12 { (0.5 * (a - c) / den).clamp(-0.5, 0.5) } else { 0.0 };
        let lag = t as f32 + shift;
        Pitch { hz: self.sample_rate / lag, clarity: v.clamp(0.0, 1.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_frames_terminate_and_find_no_pitch() {
        let mut mpm = Mpm::new(512, 16_000.0, 80.0, 600.0);
        let frames: [Vec<f32>; 5] = [
            vec![1e30; 512],
            (0..512).map(|i| if i % 2 == 0 { 3e38 } else { -3e38 }).collect(),
            vec![f32::NAN; 512],
            (0..512).map(|i| if i % 3 == 0 { f32::INFINITY } else { 1e-40 }).collect(),
            vec![1e-42; 512],
        ];
        for x in &frames {
            let p = mpm.analyse(x);
            assert!(p.hz.is_finite() && p.clarity.is_finite());
        }
        // An NSDF full of NaN (whatever produced it) is scanned to the end.
        mpm.nsdf.fill(f32::NAN);
        assert_eq!(mpm.pick().hz, 0.0);
    }

    #[test]
    fn finds_the_pitch_of_a_harmonic_tone_and_rejects_noise() {
        let fs = 16_000.0;
        let mut mpm = Mpm::new(512, fs, 80.0, 600.0);
        for f0 in [110.0f32, 196.0, 330.0] {
            let x: Vec<f32> = (0..512)
                .map(|i| {
                    let t = i as f32 / fs;
                    (1..5).map(|h| (2.0 * std::f32::consts::PI * f0 * h as f32 * t).sin() / h as f32).sum()
                })
                .collect();
            let p = mpm.analyse(&x);
            assert!((p.hz - f0).abs() / f0 < 0.01, "{f0}: {p:?}");
            assert!(p.clarity > 0.9, "{p:?}");
        }
        let mut seed = 1u32;
        let noise: Vec<f32> = (0..512)
            .map(|_| {
                seed = seed.wrapping_mul(1664525).wrapping_add(1013904223);
                (seed >> 8) as f32 / (1u32 << 24) as f32 - 0.5
            })
            .collect();
        assert!(mpm.analyse(&noise).clarity < 0.5);
        assert_eq!(mpm.analyse(&[0.0; 512]), Pitch::default());
    }
}
