//! Deterministic pseudo-random numbers for musical choices.
//!
//! SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
//! OOPSLA 2014): one `u64` of state, no allocation, identical on every platform, so the same
//! seed always gives the same music. Each musical decision stream (harmony, melody, drums,
//! stingers, noise) owns its own generator, so a cue never shifts the bed's random choices.

/// SplitMix64 generator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for `seed`, decorrelated per `stream`.
    pub const fn new(seed: u64, stream: u64) -> Self {
        Self { state: seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) }
    }

    /// Next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    #[inline]
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 * (1.0 / 16_777_216.0)
    }

    /// Uniform index in `0..n` (0 when `n` is 0).
    #[inline]
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    /// `true` with probability `p`.
    #[inline]
    pub fn chance(&mut self, p: f32) -> bool {
        self.unit() < p
    }
}

/// A tiny white-noise source (xorshift32, Marsaglia 2003); the drums draw their noise from
/// [`Rng`], this one is kept for its test of the generator.
#[cfg(test)]
#[derive(Clone, Copy, Debug)]
pub struct Noise {
    state: u32,
}

#[cfg(test)]
impl Noise {
    /// A source seeded with `seed` (0 is replaced: xorshift needs a non-zero state).
    pub const fn new(seed: u32) -> Self {
        Self { state: if seed == 0 { 0x1234_5678 } else { seed } }
    }

    /// White noise in `[-1, 1)`.
    #[inline]
    pub fn sample(&mut self) -> f32 {
        let mut x = self.state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.state = x;
        (x >> 8) as f32 * (2.0 / 16_777_216.0) - 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_streams_differ() {
        let mut a = Rng::new(7, 1);
        let mut b = Rng::new(7, 1);
        let mut c = Rng::new(7, 2);
        let xa: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let xb: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let xc: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
        let mut r = Rng::new(1, 0);
        for _ in 0..10_000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.below(5) < 5);
        }
        let mut n = Noise::new(3);
        let mean: f32 = (0..10_000).map(|_| n.sample()).sum::<f32>() / 10_000.0;
        assert!(mean.abs() < 0.05);
    }
}
