//! Small real-time building blocks shared by every part of the engine: input sanitising,
//! the flush-to-zero guard, parameter smoothing, and decibel helpers.

pub(crate) mod ftz;
pub mod limiter;

/// Largest magnitude the engine accepts from a host. Anything beyond is clipped here so that
/// one broken plugin upstream cannot drive filters into overflow.
pub const INPUT_CEILING: f32 = 64.0;

/// Replaces NaN and ±Inf by silence, flushes subnormals to zero and clips to
/// [`INPUT_CEILING`], in place. Returns how many samples were non-finite.
///
/// # Realtime safety
/// Real-time safe: no allocation, no locks, O(n).
#[inline]
pub fn sanitize(buf: &mut [f32]) -> u32 {
    let mut bad = 0u32;
    for s in buf.iter_mut() {
        let x = *s;
        if x.is_finite() {
            *s = if x.abs() < f32::MIN_POSITIVE { 0.0 } else { x.clamp(-INPUT_CEILING, INPUT_CEILING) };
        } else {
            *s = 0.0;
            bad += 1;
        }
    }
    bad
}

/// Peak magnitude of a buffer (0 for an empty one).
#[inline]
pub fn peak(buf: &[f32]) -> f32 {
    buf.iter().fold(0.0f32, |m, &x| m.max(x.abs()))
}

/// Decibels from a linear gain, floored at -144 dB.
#[inline]
pub fn lin_to_db(x: f32) -> f32 {
    if x <= 1e-7_f32 { -144.0 } else { 20.0 * x.log10() }
}

/// Linear gain from decibels.
#[inline]
pub fn db_to_lin(db: f32) -> f32 {
    10f32.powf(db / 20.0)
}

/// One-pole smoother for parameter values: reaches ~63% of a step in `time_s`.
///
/// Works per sample, so its output does not depend on the host's block size.
#[derive(Clone, Copy, Debug)]
pub struct Smoother {
    current: f32,
    target: f32,
    coef: f32,
}

impl Smoother {
    /// A smoother that starts settled at `value`.
    pub fn new(value: f32, time_s: f32, sample_rate: f32) -> Self {
        let coef = if time_s <= 0.0 { 1.0 } else { 1.0 - (-1.0 / (time_s * sample_rate)).exp() };
        Self { current: value, target: value, coef }
    }

    /// Glides towards `target` (ignored unless finite).
    pub fn set_target(&mut self, target: f32) {
        if target.is_finite() {
            self.target = target;
        }
    }

    /// Jumps to `value` with no ramp.
    pub fn reset_to(&mut self, value: f32) {
        self.current = value;
        self.target = value;
    }

    /// The value being glided to.
    pub fn target(&self) -> f32 {
        self.target
    }

    /// The current (smoothed) value.
    pub fn current(&self) -> f32 {
        self.current
    }

    /// Advances one sample and returns the new value.
    #[inline]
    pub fn tick(&mut self) -> f32 {
        let before = self.current;
        self.current += (self.target - self.current) * self.coef;
        // Snap once within -100 dB of the target, or when f32 resolution stops the approach.
        if (self.target - self.current).abs() <= 1e-5 * self.target.abs().max(1.0) || self.current == before {
            self.current = self.target;
        }
        self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_replaces_non_finite_and_subnormal_and_clips() {
        let mut b = [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 1e-40, 0.5, -1000.0, 1000.0];
        assert_eq!(sanitize(&mut b), 3);
        assert_eq!(b, [0.0, 0.0, 0.0, 0.0, 0.5, -INPUT_CEILING, INPUT_CEILING]);
    }

    #[test]
    fn smoother_converges_and_ignores_nan() {
        let mut s = Smoother::new(0.0, 0.01, 48_000.0);
        s.set_target(1.0);
        s.set_target(f32::NAN);
        let mut v = 0.0;
        for _ in 0..48_000 {
            v = s.tick();
        }
        assert_eq!(v, 1.0);
    }

    #[test]
    fn db_round_trip() {
        for db in [-60.0f32, -6.0, 0.0, 6.0] {
            assert!((lin_to_db(db_to_lin(db)) - db).abs() < 1e-4);
        }
        assert_eq!(lin_to_db(0.0), -144.0);
    }
}
