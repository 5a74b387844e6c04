//! Output safety limiter: instant attack, smooth release, stereo-linked.
//!
//! Guarantees that no output sample exceeds the ceiling, with zero latency. It is a safety
//! net for the final mix (programme + music), not a mastering limiter: the music bus gets its
//! own loudness and true-peak stage in the synth.

/// Stereo-linked peak limiter with zero latency.
#[derive(Clone, Copy, Debug)]
pub struct SafetyLimiter {
    ceiling: f32,
    gain: f32,
    release_coef: f32,
    min_gain: f32,
}

impl SafetyLimiter {
    /// `ceiling_db` is the highest sample peak allowed (e.g. -1.0); `release_s` how fast gain
    /// recovers.
    pub fn new(ceiling_db: f32, release_s: f32, sample_rate: f32) -> Self {
        Self {
            ceiling: super::db_to_lin(ceiling_db),
            gain: 1.0,
            release_coef: 1.0 - (-1.0 / (release_s * sample_rate)).exp(),
            min_gain: 1.0,
        }
    }

    /// Releases all gain reduction (back to unity gain).
    pub fn reset(&mut self) {
        self.gain = 1.0;
        self.min_gain = 1.0;
    }

    /// Largest gain reduction since the last call, in dB (>= 0), and restarts the measurement.
    pub fn take_reduction_db(&mut self) -> f32 {
        let r = -super::lin_to_db(self.min_gain);
        self.min_gain = self.gain;
        r.max(0.0)
    }

    /// Limits one stereo frame in place.
    ///
    /// # Realtime safety
    /// Real-time safe.
    #[inline]
    pub fn process(&mut self, l: &mut f32, r: &mut f32) {
        let peak = l.abs().max(r.abs());
        let needed = if peak > self.ceiling { self.ceiling / peak } else { 1.0 };
        if needed < self.gain {
            self.gain = needed;
        } else {
            self.gain += (1.0 - self.gain) * self.release_coef;
            self.gain = self.gain.min(needed);
        }
        self.min_gain = self.min_gain.min(self.gain);
        *l *= self.gain;
        *r *= self.gain;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_exceeds_ceiling_and_recovers() {
        let mut lim = SafetyLimiter::new(-1.0, 0.05, 48_000.0);
        let ceiling = crate::dsp::db_to_lin(-1.0);
        for i in 0..48_000 {
            let x = if i < 4_800 { 4.0 * ((i as f32) * 0.1).sin() } else { 0.1 };
            let (mut l, mut r) = (x, -x);
            lim.process(&mut l, &mut r);
            assert!(l.abs() <= ceiling + 1e-6 && r.abs() <= ceiling + 1e-6);
        }
        assert!(lim.take_reduction_db() > 10.0);
        assert!((lim.gain - 1.0).abs() < 1e-3, "gain recovers once the overs stop");
    }
}
