//! Streaming 2-D peak picking on a log spectrogram, O(1) per cell.
//!
//! A cell is a peak when it equals the maximum of its `(2*half_t+1) x (2*half_f+1)`
//! neighbourhood and lies above an absolute floor. The maximum is separable: along frequency
//! a van Herk / Gil-Werman filter (van Herk 1992, Gil & Werman 1993: three comparisons per
//! cell whatever the window), along time one monotonic deque per bin (amortised O(1) per frame,
//! Lemire 2006 "Streaming maximum-minimum filter using no more than three comparisons per
//! element"). Decisions lag the newest frame by `half_t` frames. Everything is allocated in
//! [`PeakPicker::new`].

/// A spectral peak: analysis frame, FFT bin and the cell's value.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Peak {
    pub frame: u32,
    pub bin: u16,
    pub value: f32,
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
                m = m.max(*v);
                *g = m;
            }
            let mut m = f32::NEG_INFINITY;
            for (v, h) in blk_in.iter().zip(blk_h.iter_mut()).rev() {
                m = m.max(*v);
                *h = m;
            }
        }
        // Window over padded [i, i + w - 1] is centred on x[i].
        for (i, o) in out[..n].iter_mut().enumerate() {
            let a = self.h.get(i).copied().unwrap_or(f32::NEG_INFINITY);
            let b = self.g.get(i + w - 1).copied().unwrap_or(f32::NEG_INFINITY);
            *o = a.max(b);
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
    fmax: Vec<f32>,
    /// Last `half_t + 1` spectra (ring by frame).
    hist: Vec<f32>,
    hist_len: usize,
    /// Monotonic deques, one per bin of `lo_bin..=hi_bin`, each a ring of `cap` (a power of
    /// two) entries (frame, value).
    dq_frame: Vec<u32>,
    dq_val: Vec<f32>,
    dq_head: Vec<u32>,
    dq_len: Vec<u32>,
    cap: usize,
    /// Frames pushed since reset.
    frames: u64,
}

impl PeakPicker {
    /// Allocates: call outside the audio thread.
    pub fn new(bins: usize, half_t: usize, half_f: usize, lo_bin: usize, hi_bin: usize, floor: f32) -> Self {
        let cap = (2 * half_t + 2).next_power_of_two();
        Self {
            bins,
            half_t,
            lo_bin,
            hi_bin: hi_bin.min(bins.saturating_sub(1)),
            floor,
            freq_max: VhgwMax::new(bins, half_f),
            fmax: vec![0.0; bins],
            hist: vec![f32::NEG_INFINITY; (half_t + 1) * bins],
            hist_len: half_t + 1,
            dq_frame: vec![0; bins * cap],
            dq_val: vec![0.0; bins * cap],
            dq_head: vec![0; bins],
            dq_len: vec![0; bins],
            cap,
            frames: 0,
        }
    }

    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.hist.fill(f32::NEG_INFINITY);
        self.dq_head.fill(0);
        self.dq_len.fill(0);
        self.frames = 0;
    }

    /// Frames pushed since reset.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Pushes the spectrum of the next frame (`bins` dB values; `None` = past the end of the
    /// signal, all `-inf`) and reports the peaks of the frame `half_t` frames earlier, in bin
    /// order.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn push(&mut self, spectrum: Option<&[f32]>, out: &mut impl FnMut(Peak)) {
        let t = self.frames;
        let slot = (t % self.hist_len as u64) as usize;
        let bins = self.bins;
        if let Some(s) = spectrum {
            if let Some(dst) = self.hist.get_mut(slot * bins..(slot + 1) * bins) {
                let n = s.len().min(bins);
                dst[..n].copy_from_slice(&s[..n]);
                dst[n..].fill(f32::NEG_INFINITY);
            }
            if let Some(src) = self.hist.get(slot * bins..(slot + 1) * bins) {
                self.freq_max.run(src, &mut self.fmax);
            }
        } else {
            if let Some(dst) = self.hist.get_mut(slot * bins..(slot + 1) * bins) {
                dst.fill(f32::NEG_INFINITY);
            }
            self.fmax.fill(f32::NEG_INFINITY);
        }
        let t32 = t as u32;
        let win = (2 * self.half_t) as u32;
        // Update the per-bin deques with fmax of frame t; expire frames older than t - 2*half_t.
        let mask = self.cap - 1;
        for b in self.lo_bin..=self.hi_bin {
            let v = self.fmax.get(b).copied().unwrap_or(f32::NEG_INFINITY);
            let base = b * self.cap;
            let (Some(head), Some(len)) = (self.dq_head.get(b).copied(), self.dq_len.get(b).copied()) else { continue };
            let (mut head, mut len) = (head as usize, len as usize);
            // Pop from the back while the back is <= v.
            while len > 0 {
                let back = base + ((head + len - 1) & mask);
                if self.dq_val.get(back).is_some_and(|&bv| bv <= v) {
                    len -= 1;
                } else {
                    break;
                }
            }
            let pos = base + ((head + len) & mask);
            if let (Some(f), Some(val)) = (self.dq_frame.get_mut(pos), self.dq_val.get_mut(pos)) {
                *f = t32;
                *val = v;
                len = (len + 1).min(self.cap);
            }
            // Expire the front.
            while len > 0 && self.dq_frame.get(base + head).is_some_and(|&f| t32.wrapping_sub(f) > win) {
                head = (head + 1) & mask;
                len -= 1;
            }
            self.dq_head[b] = head as u32;
            self.dq_len[b] = len as u32;
        }
        self.frames += 1;
        // Centre frame c = t - half_t: its whole neighbourhood [c - half_t, c + half_t] is in.
        if t < self.half_t as u64 {
            return;
        }
        let c = t - self.half_t as u64;
        let cslot = (c % self.hist_len as u64) as usize;
        let Some(centre) = self.hist.get(cslot * bins..(cslot + 1) * bins) else { return };
        for b in self.lo_bin..=self.hi_bin {
            let Some(&v) = centre.get(b) else { break };
            if v <= self.floor {
                continue;
            }
            let head = self.dq_head.get(b).copied().unwrap_or(0) as usize;
            let m = self.dq_val.get(b * self.cap + head).copied().unwrap_or(f32::INFINITY);
            if v >= m {
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
