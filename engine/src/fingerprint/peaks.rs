//! Streaming 2-D peak picking on a log spectrogram, O(1) per cell.
//!
//! A cell is a peak when it equals the maximum of its `(2*half_t+1) x (2*half_f+1)`
//! neighbourhood and lies above an absolute floor. The maximum is separable: along frequency
//! a van Herk / Gil-Werman filter (van Herk 1992, Gil & Werman 1993: three comparisons per
//! cell whatever the window); along time only the candidates (cells that are the maximum of
//! their own frame's frequency neighbourhood, about one in `2*half_f+1`) are compared with the
//! stored frequency maxima of the window's other frames, so the cost per frame is O(bins)
//! plus `2*half_t+1` reads per candidate. (One monotonic deque per bin, Lemire 2006, gives the
//! same peaks; the candidate test does it for less than half the work.) Decisions lag
//! the newest frame by `half_t` frames. Everything is allocated in [`PeakPicker::new`].

/// A spectral peak: analysis frame, FFT bin and the cell's value.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Peak {
    pub frame: u32,
    pub bin: u16,
    pub value: f32,
}

/// Maximum of two values that are never NaN (the spectrum is finite): one `maxss`, where
/// `f32::max` also has to handle NaN.
#[inline]
fn max(a: f32, b: f32) -> f32 {
    if a > b { a } else { b }
}

/// 1-D running maximum over a window of `2*half+1`, van Herk / Gil-Werman.
#[derive(Debug, Clone)]
struct VhgwMax {
    half: usize,
    /// Padded input (`-inf` at both ends), length a multiple of the window.
    padded: Vec<f32>,
    g: Vec<f32>,
    h: Vec<f32>,
}

impl VhgwMax {
    fn new(n: usize, half: usize) -> Self {
        let w = 2 * half + 1;
        let len = (n + 2 * half).div_ceil(w) * w;
        Self { half, padded: vec![f32::NEG_INFINITY; len], g: vec![0.0; len], h: vec![0.0; len] }
    }

    /// `out[i] = max(x[i-half..=i+half])` (out-of-range cells ignored).
    fn run(&mut self, x: &[f32], out: &mut [f32]) {
        let w = 2 * self.half + 1;
        let n = x.len().min(out.len());
        if let Some(dst) = self.padded.get_mut(self.half..self.half + n) {
            dst.copy_from_slice(&x[..n]);
        }
        for (blk_in, (blk_g, blk_h)) in self.padded.chunks_exact(w).zip(self.g.chunks_exact_mut(w).zip(self.h.chunks_exact_mut(w))) {
            let mut m = f32::NEG_INFINITY;
            for (v, g) in blk_in.iter().zip(blk_g.iter_mut()) {
                m = max(m, *v);
                *g = m;
            }
            let mut m = f32::NEG_INFINITY;
            for (v, h) in blk_in.iter().zip(blk_h.iter_mut()).rev() {
                m = max(m, *v);
                *h = m;
            }
        }
        // Window over padded [i, i + w - 1] is centred on x[i].
        let (Some(hs), Some(gs)) = (self.h.get(..n), self.g.get(w - 1..w - 1 + n)) else { return };
        for ((o, &a), &b) in out[..n].iter_mut().zip(hs).zip(gs) {
            *o = max(a, b);
        }
    }
}

/// Streaming 2-D local-maximum detector over frames of `bins` log-power values.
#[derive(Debug, Clone)]
pub struct PeakPicker {
    bins: usize,
    half_t: usize,
    lo_bin: usize,
    hi_bin: usize,
    floor: f32,
    freq_max: VhgwMax,
    /// Frames in the time window (`2 * half_t + 1`): the length of both rings.
    win: usize,
    /// Last `win` spectra (ring by frame).
    hist: Vec<f32>,
    /// Their frequency maxima (ring by frame, same slots).
    fhist: Vec<f32>,
    /// Frames pushed since reset.
    frames: u64,
}

impl PeakPicker {
    /// Allocates: call outside the audio thread.
    pub fn new(bins: usize, half_t: usize, half_f: usize, lo_bin: usize, hi_bin: usize, floor: f32) -> Self {
        let win = 2 * half_t + 1;
        Self {
            bins,
            half_t,
            lo_bin,
            hi_bin: hi_bin.min(bins.saturating_sub(1)),
            floor,
            freq_max: VhgwMax::new(bins, half_f),
            win,
            hist: vec![f32::NEG_INFINITY; win * bins],
            fhist: vec![f32::NEG_INFINITY; win * bins],
            frames: 0,
        }
    }

    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.hist.fill(f32::NEG_INFINITY);
        self.fhist.fill(f32::NEG_INFINITY);
        self.frames = 0;
    }

    /// Frames pushed since reset.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Pushes the spectrum of the next frame (`bins` values; `None` = past the end of the
    /// signal, all `-inf`) and reports the peaks of the frame `half_t` frames earlier, in bin
    /// order.
    ///
    /// The 2-D maximum is separable: each frame's frequency maximum (van Herk / Gil-Werman) is
    /// kept for the `2 * half_t + 1` frames of the window, and only the cells that are above
    /// the floor and the maximum of their own frame's frequency neighbourhood (typically one in
    /// `2 * half_f + 1`) are compared with the window's other frames. This gives exactly the
    /// peaks of a full 2-D maximum filter at a fraction of the cost of one monotonic deque
    /// per bin.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn push(&mut self, spectrum: Option<&[f32]>, out: &mut impl FnMut(Peak)) {
        let t = self.frames;
        let bins = self.bins;
        let slot = (t % self.win as u64) as usize;
        let range = slot * bins..(slot + 1) * bins;
        match (spectrum, self.hist.get_mut(range.clone()), self.fhist.get_mut(range)) {
            (Some(s), Some(dst), Some(fdst)) => {
                let n = s.len().min(bins);
                dst[..n].copy_from_slice(&s[..n]);
                dst[n..].fill(f32::NEG_INFINITY);
                self.freq_max.run(dst, fdst);
            }
            (None, Some(dst), Some(fdst)) => {
                dst.fill(f32::NEG_INFINITY);
                fdst.fill(f32::NEG_INFINITY);
            }
            _ => {}
        }
        self.frames += 1;
        // Centre frame c = t - half_t: its whole neighbourhood [c - half_t, c + half_t] is in
        // the rings (frames before 0 are -inf).
        if t < self.half_t as u64 {
            return;
        }
        let c = t - self.half_t as u64;
        let cslot = (c % self.win as u64) as usize;
        let (Some(centre), Some(cmax)) =
            (self.hist.get(cslot * bins..(cslot + 1) * bins), self.fhist.get(cslot * bins..(cslot + 1) * bins))
        else {
            return;
        };
        let (lo, hi) = (self.lo_bin.min(bins), (self.hi_bin + 1).min(bins));
        let (Some(centre), Some(cmax)) = (centre.get(lo..hi), cmax.get(lo..hi)) else { return };
        for (k, (&v, &m)) in centre.iter().zip(cmax).enumerate() {
            if v <= self.floor || v < m {
                continue;
            }
            let b = lo + k;
            if self.fhist.iter().skip(b).step_by(bins).all(|&w| w <= v) {
                out(Peak { frame: c as u32, bin: b as u16, value: v });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vhgw_matches_naive() {
        let x: Vec<f32> = (0..57).map(|i| ((i * 37 % 23) as f32).sin()).collect();
        for half in [1, 3, 7] {
            let mut f = VhgwMax::new(x.len(), half);
            let mut out = vec![0.0; x.len()];
            f.run(&x, &mut out);
            for (i, &o) in out.iter().enumerate() {
                let lo = i.saturating_sub(half);
                let hi = (i + half).min(x.len() - 1);
                let m = x[lo..=hi].iter().copied().fold(f32::NEG_INFINITY, f32::max);
                assert_eq!(o, m, "half {half} i {i}");
            }
        }
    }

    /// The streaming picker agrees with a naive full 2-D maximum filter.
    #[test]
    fn matches_naive_2d_maximum() {
        let (bins, frames, ht, hf) = (50usize, 60usize, 3usize, 4usize);
        let mut seed = 1u32;
        let spec: Vec<Vec<f32>> = (0..frames)
            .map(|_| {
                (0..bins)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                        (seed >> 24) as f32
                    })
                    .collect()
            })
            .collect();
        let mut p = PeakPicker::new(bins, ht, hf, 2, 45, 20.0);
        let mut got = Vec::new();
        for s in &spec {
            p.push(Some(s), &mut |pk| got.push((pk.frame, pk.bin)));
        }
        for _ in 0..ht {
            p.push(None, &mut |pk| got.push((pk.frame, pk.bin)));
        }
        let mut want = Vec::new();
        for t in 0..frames {
            for b in 2..=45 {
                let v = spec[t][b];
                let mut m = f32::NEG_INFINITY;
                for row in &spec[t.saturating_sub(ht)..=(t + ht).min(frames - 1)] {
                    for &x in &row[b.saturating_sub(hf)..=(b + hf).min(bins - 1)] {
                        m = m.max(x);
                    }
                }
                if v > 20.0 && v >= m {
                    want.push((t as u32, b as u16));
                }
            }
        }
        assert!(want.len() > 20, "{}", want.len());
        assert_eq!(got, want);
    }

    #[test]
    fn picks_isolated_maxima_only() {
        let bins = 40;
        let mut p = PeakPicker::new(bins, 2, 2, 0, bins - 1, -50.0);
        let mut peaks = Vec::new();
        for t in 0..20u32 {
            let mut s = vec![-60.0f32; bins];
            if t == 5 {
                s[10] = 0.0;
                s[11] = -3.0;
            }
            if t == 6 {
                s[30] = -10.0;
            }
            p.push(Some(&s), &mut |pk| peaks.push(pk));
        }
        assert_eq!(peaks.len(), 2, "{peaks:?}");
        assert_eq!((peaks[0].frame, peaks[0].bin), (5, 10));
        assert_eq!((peaks[1].frame, peaks[1].bin), (6, 30));
    }
}
