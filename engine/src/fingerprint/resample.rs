//! Streaming fractional resampler from any input rate to the fingerprint analysis rate.
//!
//! Polyphase Kaiser-windowed sinc (Smith, "Digital Audio Resampling Home Page", CCRMA; Kaiser
//! window design after Kaiser & Schafer 1980). The kernel tables are built in [`Resampler::new`];
//! [`Resampler::push`] is real-time safe. Each output sample's input position is computed from
//! its own index (`j * step`), so the output never drifts and does not depend on how the input
//! was split into blocks.

/// Number of fractional phases in the polyphase table (timing error <= 1/(2*PHASES) sample).
const PHASES: usize = 64;
/// Kernel half-width in output-sample periods (zero crossings on each side of the centre).
const HALF_ZEROS: f64 = 6.0;
/// Lanes of [`dot`] (four 4-lane accumulators); kernel rows are padded to a multiple of it.
const LANES: usize = 16;
/// Kaiser beta: about 55 dB; with 6 zero crossings a side the transition band is ~2 kHz wide (3-5 kHz at the 8 kHz analysis rate) stop-band attenuation.
const KAISER_BETA: f64 = 5.5;

/// Zeroth-order modified Bessel function of the first kind (power series).
fn bessel_i0(x: f64) -> f64 {
    let mut sum = 1.0;
    let mut term = 1.0;
    let q = x * x / 4.0;
    for k in 1..64 {
        term *= q / (f64::from(k) * f64::from(k));
        sum += term;
        if term < sum * 1e-16 {
            break;
        }
    }
    sum
}

/// Streaming resampler: feed input samples one at a time, get output samples at `out_rate`.
#[derive(Debug, Clone)]
pub struct Resampler {
    /// Input samples per output sample.
    step: f64,
    /// Coefficients per phase: `2 * half` taps, zero-padded to a multiple of [`LANES`].
    taps: usize,
    half: usize,
    /// `(PHASES + 1) * taps` coefficients; phase `p` covers fractional offset `p / PHASES`.
    table: Vec<f32>,
    /// Doubled ring buffer of input samples (`2 * ring_len`), so every kernel span is contiguous.
    ring: Vec<f32>,
    ring_mask: usize,
    /// Input samples received since reset.
    n_in: u64,
    /// Index of the next output sample.
    n_out: u64,
}

impl Resampler {
    /// Builds a resampler from `in_rate` to `out_rate` with the anti-alias cut-off at
    /// `cutoff_hz` (at most half the output rate). Allocates.
    pub fn new(in_rate: f64, out_rate: f64, cutoff_hz: f64) -> Self {
        let in_rate = if in_rate.is_finite() && in_rate > 1.0 { in_rate } else { out_rate };
        let step = in_rate / out_rate;
        // Cut-off relative to the input rate, never above the input's own Nyquist.
        let fc = (cutoff_hz / in_rate).min(0.45);
        // Half-width in input samples: HALF_ZEROS periods of the kernel's sinc.
        let half = ((HALF_ZEROS / (2.0 * fc)).ceil() as usize).max(2);
        // The kernel spans `2 * half` input samples; each phase row is padded with zero
        // coefficients to a multiple of [`LANES`] so [`dot`] runs without a remainder loop.
        let taps = (2 * half).next_multiple_of(LANES);
        let mut table = vec![0.0f32; (PHASES + 1) * taps];
        let i0b = bessel_i0(KAISER_BETA);
        for p in 0..=PHASES {
            let frac = p as f64 / PHASES as f64;
            let row = &mut table[p * taps..(p + 1) * taps];
            let mut sum = 0.0f64;
            let mut vals = vec![0.0f64; taps];
            for (k, v) in vals.iter_mut().enumerate().take(2 * half) {
                // Tap k multiplies input sample i + k - half + 1; distance from the output time.
                let x = k as f64 - half as f64 + 1.0 - frac;
                let r = x / half as f64;
                if r.abs() >= 1.0 {
                    continue;
                }
                let w = bessel_i0(KAISER_BETA * (1.0 - r * r).sqrt()) / i0b;
                let arg = 2.0 * fc * x;
                let s = if arg.abs() < 1e-12 { 1.0 } else { (std::f64::consts::PI * arg).sin() / (std::f64::consts::PI * arg) };
                *v = 2.0 * fc * s * w;
                sum += *v;
            }
            // Unity DC gain for every phase.
            let norm = if sum.abs() > 1e-12 { 1.0 / sum } else { 0.0 };
            for (dst, v) in row.iter_mut().zip(&vals) {
                *dst = (v * norm) as f32;
            }
        }
        // Room for a kernel span, the outputs still pending (less than a span) and a block of
        // at least 512 new samples.
        let ring_len = (2 * taps + 512).next_power_of_two();
        Self { step, taps, half, table, ring: vec![0.0; 2 * ring_len], ring_mask: ring_len - 1, n_in: 0, n_out: 0 }
    }

    /// Clears the history.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.ring.fill(0.0);
        self.n_in = 0;
        self.n_out = 0;
    }

    /// Position of output sample `j`: (input index, phase).
    #[inline]
    fn position(&self, j: u64) -> (u64, usize) {
        // t >= 0, so truncation is the floor and `+ 0.5` then truncation rounds (plain casts:
        // without SSE4.1, `floor`/`round` are library calls, a measurable share of the cost).
        // Through i64, not u64: one `cvttsd2si`/`cvtsi2sd` each instead of the branchy
        // unsigned conversions (the values are far below 2^63, so the results are the same).
        let t = (j as i64) as f64 * self.step;
        let i = t as i64;
        let p = ((t - i as f64) * PHASES as f64 + 0.5) as i64 as usize;
        let i = i as u64;
        if p >= PHASES { (i + 1, 0) } else { (i, p) }
    }

    /// Pushes one input sample and calls `out` for every output sample it completes.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation.
    #[inline]
    pub fn push(&mut self, x: f32, out: &mut impl FnMut(f32)) {
        self.write(std::slice::from_ref(&x));
        let mut y = [0.0f32; 1];
        while self.read(&mut y) == 1 {
            out(y[0]);
        }
    }

    /// Most input samples one [`Self::write`] may take; read every available output before
    /// the next write.
    pub fn max_write(&self) -> usize {
        self.ring_mask + 1 - 2 * self.taps
    }

    /// Appends up to [`Self::max_write`] input samples (non-finite samples count as 0; any
    /// beyond the limit are ignored). Outputs they complete are collected with [`Self::read`].
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation.
    pub fn write(&mut self, x: &[f32]) {
        let ring_len = self.ring_mask + 1;
        let x = x.get(..self.max_write()).unwrap_or(x);
        let mut pos = (self.n_in as usize) & self.ring_mask;
        let mut rest = x;
        while !rest.is_empty() {
            let n = rest.len().min(ring_len - pos);
            let (now, later) = rest.split_at(n);
            let (first, second) = self.ring.split_at_mut(ring_len);
            if let (Some(a), Some(b)) = (first.get_mut(pos..pos + n), second.get_mut(pos..pos + n)) {
                for ((a, b), &v) in a.iter_mut().zip(b.iter_mut()).zip(now) {
                    let v = if v.is_finite() { v } else { 0.0 };
                    *a = v;
                    *b = v;
                }
            }
            rest = later;
            pos = (pos + n) & self.ring_mask;
        }
        self.n_in += x.len() as u64;
    }

    /// Computes up to `out.len()` of the output samples the input written so far completes;
    /// returns how many.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation.
    pub fn read(&mut self, out: &mut [f32]) -> usize {
        let mut k = 0;
        while let Some(slot) = out.get_mut(k) {
            let (i, p) = self.position(self.n_out);
            // Needs input samples up to i + half.
            if i + self.half as u64 >= self.n_in {
                break;
            }
            // First sample of the span: i + 1 - half (may be "negative": the ring holds zeros).
            let first = (i + 1).wrapping_sub(self.half as u64);
            let start = (first as usize) & self.ring_mask;
            *slot = match (self.ring.get(start..start + self.taps), self.table.get(p * self.taps..(p + 1) * self.taps)) {
                (Some(xs), Some(hs)) => dot(xs, hs),
                _ => 0.0,
            };
            self.n_out += 1;
            k += 1;
        }
        k
    }
}

/// Dot product of two slices whose length is a multiple of [`LANES`] (the kernel rows are
/// padded to one), in four independent 4-lane accumulators. Written as `[[f32; 4]; 4]` so the
/// compiler maps each to one SSE register (a flat `[f32; 16]` was vectorised two lanes wide)
/// and the four additions of a step overlap; no fast-math, so the result does not depend on
/// the instruction set. Not inlined, so its code generation does not depend on the caller
/// (checked with `objdump`: four `mulps` per 16 taps, no shuffles in the loop).
#[inline(never)]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [[0.0f32; 4]; LANES / 4];
    for (x, y) in a.chunks_exact(LANES).zip(b.chunks_exact(LANES)) {
        for ((acc, xs), ys) in acc.iter_mut().zip(x.chunks_exact(4)).zip(y.chunks_exact(4)) {
            for k in 0..4 {
                acc[k] += xs[k] * ys[k];
            }
        }
    }
    let mut s = [0.0f32; 4];
    for (k, v) in s.iter_mut().enumerate() {
        *v = (acc[0][k] + acc[1][k]) + (acc[2][k] + acc[3][k]);
    }
    // Lanes (0, 2) and (1, 3) first, the order of an SSE `movhlps` reduction: summed
    // (0 + 1) + (2 + 3) the compiler split every accumulator into even and odd lanes with
    // two shuffles per step (seen in `perf annotate`).
    (s[0] + s[2]) + (s[1] + s[3])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(r: &mut Resampler, x: &[f32]) -> Vec<f32> {
        let mut out = Vec::new();
        for &s in x {
            r.push(s, &mut |y| out.push(y));
        }
        out
    }

    #[test]
    fn passes_in_band_sine_and_rejects_alias() {
        let fs = 44100.0;
        let mut r = Resampler::new(fs, 8000.0, 4000.0);
        let tone = |f: f64| (0..44100).map(|n| (2.0 * std::f64::consts::PI * f * f64::from(n) / fs).sin() as f32).collect::<Vec<_>>();
        let rms = |v: &[f32]| (v[1000..].iter().map(|x| x * x).sum::<f32>() / (v.len() - 1000) as f32).sqrt();
        let y = run(&mut r, &tone(1000.0));
        assert!((y.len() as i64 - 8000).abs() < 30, "{}", y.len());
        assert!((rms(&y) - std::f32::consts::FRAC_1_SQRT_2).abs() < 0.02, "{}", rms(&y));
        r.reset();
        // 6 kHz would alias to 2 kHz; it must be strongly attenuated.
        let y = run(&mut r, &tone(6000.0));
        assert!(rms(&y) < 0.01, "{}", rms(&y));
    }
}
