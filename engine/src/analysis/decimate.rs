//! Sample-rate conversion of the crowd signal to the fixed analysis rate
//! ([`ANALYSIS_RATE`]), so every feature, threshold and time constant downstream is the same
//! at 22.05 kHz and at 192 kHz.
//!
//! A 10th-order Butterworth low-pass at 6.5 kHz (≥ 35 dB down at 10 kHz, the first frequency
//! that folds back onto the analysed band below 6 kHz) followed by linear interpolation at
//! exact rational positions: output sample `k` sits at input position `k · fs / 16000`, kept
//! as an integer numerator so no rounding drifts, whatever the host's block size.

use super::biquad::ButterworthLowpass;

/// The internal analysis rate in Hz.
pub(crate) const ANALYSIS_RATE: u32 = 16_000;
/// Cut-off of the anti-alias filter in Hz.
pub(crate) const AA_CUTOFF_HZ: f64 = 6_500.0;

/// Streaming decimator from the host rate to the analysis rate (16 kHz).
#[derive(Clone, Copy, Debug)]
pub struct Decimator {
    aa: ButterworthLowpass,
    /// Host rate in whole Hz (the step numerator).
    num: u64,
    /// Input samples seen since reset.
    in_count: u64,
    /// Position of the next output sample, in 1/`ANALYSIS_RATE` input samples.
    next_pos: u64,
    prev: f64,
}

impl Decimator {
    /// A decimator from the host rate `sample_rate` (Hz, above the 16 kHz analysis rate), with cleared
    /// state.
    pub fn new(sample_rate: f32) -> Self {
        let fs = f64::from(sample_rate.round().max(1.0));
        Self { aa: ButterworthLowpass::new(fs, AA_CUTOFF_HZ.min(0.45 * fs)), num: fs as u64, in_count: 0, next_pos: 0, prev: 0.0 }
    }

    /// Clears the filter and the clock.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.aa.reset();
        self.in_count = 0;
        self.next_pos = 0;
        self.prev = 0.0;
    }

    /// Host sample time (since reset) of analysis sample `k`, rounded down.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn input_time(&self, k: u64) -> u64 {
        k * self.num / u64::from(ANALYSIS_RATE)
    }

    /// Feeds one host sample; returns the analysis-rate sample it completes, if any (at most
    /// one, since the host rate is above the analysis rate).
    ///
    /// # Realtime safety
    /// Real-time safe.
    #[inline]
    pub fn push(&mut self, x: f32) -> Option<f32> {
        let y = self.aa.tick(f64::from(x));
        let den = u64::from(ANALYSIS_RATE);
        // Input sample `in_count` sits at position in_count * den.
        let here = self.in_count * den;
        let out = if self.next_pos <= here {
            // Output lies in (prev, here]: interpolate from the previous input sample.
            let back = (here - self.next_pos) as f64 / den as f64;
            let v = y + (self.prev - y) * back.min(1.0);
            self.next_pos += self.num;
            Some(v as f32)
        } else {
            None
        };
        self.prev = y;
        self.in_count += 1;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn produces_exactly_the_analysis_rate() {
        for fs in [22_050.0f32, 44_100.0, 48_000.0, 96_000.0, 192_000.0] {
            let mut d = Decimator::new(fs);
            let n = (fs as usize) * 3;
            let count = (0..n).filter(|&i| d.push((i as f32 * 0.01).sin()).is_some()).count();
            assert!((count as i64 - 48_000).abs() <= 1, "{fs}: {count}");
        }
    }

    #[test]
    fn keeps_a_2khz_tone_and_removes_a_10khz_one() {
        for fs in [44_100.0f32, 48_000.0, 96_000.0] {
            let rms = |f: f32| {
                let mut d = Decimator::new(fs);
                let mut acc = 0.0f64;
                let mut n = 0;
                for i in 0..(fs as usize) {
                    let x = (2.0 * std::f32::consts::PI * f * i as f32 / fs).sin();
                    if let Some(y) = d.push(x)
                        && i > 4_000
                    {
                        acc += f64::from(y * y);
                        n += 1;
                    }
                }
                (acc / f64::from(n)).sqrt()
            };
            let pass = rms(2_000.0);
            assert!((pass - std::f64::consts::FRAC_1_SQRT_2).abs() < 0.03, "{fs}: {pass}");
            assert!(rms(10_000.0) < 0.02, "{fs}");
        }
    }
}
