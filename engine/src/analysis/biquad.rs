//! Biquad filters for the crowd analyser: the anti-alias cascade of the internal decimator
//! and the K-weighting of the loudness meter.
//!
//! Sources: the RBJ "Audio EQ Cookbook" (R. Bristow-Johnson) for the low-pass, high-pass and
//! high-shelf forms; ITU-R BS.1770-4 for K-weighting, with the rate-independent parameters of
//! its two stages (shelf f0 = 1681.97 Hz, G = 3.99984 dB, Q = 0.7071752; high-pass
//! f0 = 38.1355 Hz, Q = 0.5003270) as derived for libebur128 / pyloudnorm, so the weighting is
//! the same at any analysis rate. Butterworth section Qs from the pole angles of the
//! prototype, `Q_k = 1 / (2 cos((2k+1)π / 4N))`.
//!
//! State is kept in `f64` (transposed direct form II): the anti-alias cascade runs at up to
//! 192 kHz with a cut-off of a few kHz, where `f32` state would be noisy.

use std::f64::consts::PI;

/// One second-order section, transposed direct form II, `f64` state.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Biquad {
    b0: f64,
    b1: f64,
    b2: f64,
    a1: f64,
    a2: f64,
    z1: f64,
    z2: f64,
}

impl Biquad {
    fn from_raw(b0: f64, b1: f64, b2: f64, a0: f64, a1: f64, a2: f64) -> Self {
        Self { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0, z1: 0.0, z2: 0.0 }
    }

    /// RBJ low-pass at `f0` Hz with quality `q`.
    pub(crate) fn lowpass(fs: f64, f0: f64, q: f64) -> Self {
        let w = 2.0 * PI * f0 / fs;
        let (s, c) = w.sin_cos();
        let alpha = s / (2.0 * q);
        Self::from_raw((1.0 - c) / 2.0, 1.0 - c, (1.0 - c) / 2.0, 1.0 + alpha, -2.0 * c, 1.0 - alpha)
    }

    /// BS.1770 stage 1 (the "pre-filter" high shelf), designed for rate `fs` with the bilinear
    /// transform as in libebur128.
    pub(crate) fn k_shelf(fs: f64) -> Self {
        let f0 = 1681.974450955533;
        let g = 3.999843853973347;
        let q = 0.7071752369554196;
        let k = (PI * f0 / fs).tan();
        let vh = 10f64.powf(g / 20.0);
        let vb = vh.powf(0.4996667741545416);
        let a0 = 1.0 + k / q + k * k;
        Self::from_raw(vh + vb * k / q + k * k, 2.0 * (k * k - vh), vh - vb * k / q + k * k, a0, 2.0 * (k * k - 1.0), 1.0 - k / q + k * k)
    }

    /// BS.1770 stage 2 (the "RLB" high-pass), designed for rate `fs` as in libebur128.
    pub(crate) fn k_highpass(fs: f64) -> Self {
        let f0 = 38.13547087602444;
        let q = 0.5003270373238773;
        let k = (PI * f0 / fs).tan();
        Self::from_raw(1.0, -2.0, 1.0, 1.0 + k / q + k * k, 2.0 * (k * k - 1.0), 1.0 - k / q + k * k)
    }

    /// Clears the state.
    #[inline]
    pub(crate) fn reset(&mut self) {
        self.z1 = 0.0;
        self.z2 = 0.0;
    }

    /// Filters one sample.
    #[inline]
    pub(crate) fn tick(&mut self, x: f64) -> f64 {
        let y = self.b0 * x + self.z1;
        self.z1 = self.b1 * x - self.a1 * y + self.z2;
        self.z2 = self.b2 * x - self.a2 * y;
        y
    }

    /// Magnitude response at `f` Hz (for tests).
    #[cfg(test)]
    pub(crate) fn magnitude(&self, fs: f64, f: f64) -> f64 {
        let w = 2.0 * PI * f / fs;
        let (s1, c1) = w.sin_cos();
        let (s2, c2) = (2.0 * w).sin_cos();
        let nr = self.b0 + self.b1 * c1 + self.b2 * c2;
        let ni = -(self.b1 * s1 + self.b2 * s2);
        let dr = 1.0 + self.a1 * c1 + self.a2 * c2;
        let di = -(self.a1 * s1 + self.a2 * s2);
        ((nr * nr + ni * ni) / (dr * dr + di * di)).sqrt()
    }
}

/// Number of sections of the anti-alias Butterworth cascade (order 2 × this).
pub(crate) const AA_SECTIONS: usize = 5;

/// A Butterworth low-pass of order `2 * AA_SECTIONS` as a cascade of biquads.
#[derive(Clone, Copy, Debug, Default)]
pub struct ButterworthLowpass {
    sections: [Biquad; AA_SECTIONS],
}

impl ButterworthLowpass {
    /// A low-pass at `f0` Hz for the sample rate `fs` (Hz), with cleared state.
    pub fn new(fs: f64, f0: f64) -> Self {
        let n = (2 * AA_SECTIONS) as f64;
        let mut sections = [Biquad::default(); AA_SECTIONS];
        for (k, s) in sections.iter_mut().enumerate() {
            let q = 1.0 / (2.0 * ((2.0 * k as f64 + 1.0) * PI / (2.0 * n)).cos());
            *s = Biquad::lowpass(fs, f0, q);
        }
        Self { sections }
    }

    /// Clears the state.
    ///
    /// # Realtime safety
    /// Real-time safe.
    #[inline]
    pub fn reset(&mut self) {
        for s in &mut self.sections {
            s.reset();
        }
    }

    /// Filters one sample.
    ///
    /// # Realtime safety
    /// Real-time safe.
    #[inline]
    pub fn tick(&mut self, x: f64) -> f64 {
        self.sections.iter_mut().fold(x, |acc, s| s.tick(acc))
    }

    /// Magnitude response at `f` Hz for the sample rate `fs` (for tests).
    #[cfg(test)]
    pub fn magnitude(&self, fs: f64, f: f64) -> f64 {
        self.sections.iter().map(|s| s.magnitude(fs, f)).product()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(x: f64) -> f64 {
        20.0 * x.log10()
    }

    #[test]
    fn butterworth_is_flat_in_band_and_steep_above() {
        for fs in [22_050.0, 44_100.0, 48_000.0, 96_000.0, 192_000.0] {
            let f = ButterworthLowpass::new(fs, 6_500.0);
            assert!(db(f.magnitude(fs, 1_000.0)).abs() < 0.01, "{fs}");
            assert!((db(f.magnitude(fs, 6_500.0)) + 3.01).abs() < 0.05, "{fs}");
            if fs > 20_000.0 {
                assert!(db(f.magnitude(fs, 10_000.0)) < -35.0, "{fs}: {}", db(f.magnitude(fs, 10_000.0)));
            }
        }
    }

    #[test]
    fn k_weighting_matches_bs1770_at_48k() {
        // BS.1770-4 table 1 / 2 coefficients at 48 kHz.
        let s = Biquad::k_shelf(48_000.0);
        assert!((s.b0 - 1.53512485958697).abs() < 1e-9);
        assert!((s.a1 + 1.69065929318241).abs() < 1e-9);
        let h = Biquad::k_highpass(48_000.0);
        assert!((h.a1 + 1.99004745483398).abs() < 1e-9);
        assert!((h.a2 - 0.99007225036621).abs() < 1e-9);
    }
}
