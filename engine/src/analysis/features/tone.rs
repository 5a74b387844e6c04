//! The whistle detector's short frames (16 ms every 5 ms): the strongest narrow peak in the
//! whistle range, its prominence, share, level and novelty ([`Tone`]), and the harmonic
//! support below a peak, read on the hop's 32 ms spectrum.

use super::{
    BIN_HZ, BINS, EPS, FRAME, FeatureExtractor, TONE_BIN_HZ, TONE_BINS, TONE_FRAME, TONE_RATE, TONE_REF_TAU_S, TONES_PER_HOP, Tone,
    WHISTLE_HI_HZ, WHISTLE_LO_HZ, bin, pow_db,
};

impl FeatureExtractor {
    /// The whistle detector's short frame: the last 16 ms, every 5 ms. A 16 ms frame has
    /// 62.5 Hz bins, still narrow enough for a pea whistle's trill (a few bins), and it is
    /// half full of a new whistle 8 ms after the whistle starts (a 32 ms frame needs 16 ms).
    pub(super) fn tone(&mut self, mid_hop: bool) -> Tone {
        for i in 0..TONE_FRAME {
            let v = self.ring[(self.ring_pos + FRAME - TONE_FRAME + i) % FRAME];
            self.tone_frame[i] = v * self.tone_window[i];
        }
        let ok = self.tone_fft.process_with_scratch(&mut self.tone_frame, &mut self.tone_spec, &mut self.tone_scratch).is_ok();
        let norm = 1.0 / (TONE_FRAME as f32 * TONE_FRAME as f32 * 0.375 / 2.0);
        for (p, c) in self.tone_power.iter_mut().zip(&self.tone_spec) {
            *p = if ok { c.norm_sqr() * norm } else { 0.0 };
        }
        let tbin = |hz: f32| ((hz / TONE_BIN_HZ).round() as usize).min(TONE_BINS - 1);
        let (lo, hi) = (tbin(WHISTLE_LO_HZ), tbin(WHISTLE_HI_HZ));
        // The strongest *local maximum* in the band: the crowd's spectrum falls with frequency,
        // so the band's lowest bin is often its strongest without being a peak at all (the
        // slope under 1.5 kHz), and such a frame broke a whistle's run on its pitch. The
        // strongest bin stands in only where the band has no local maximum.
        let pw = &self.tone_power;
        let mut local: Option<usize> = None;
        for k in lo + 1..hi - 1 {
            if pw[k] >= pw[k - 1] && pw[k] >= pw[k + 1] && local.is_none_or(|b| pw[k] > pw[b]) {
                local = Some(k);
            }
        }
        let kp = local.unwrap_or_else(|| (lo..hi).fold(lo, |b, k| if pw[k] > pw[b] { k } else { b }));
        let peak: f32 = pw[kp - 1..=kp + 1].iter().sum();
        let mut bg = 0.0f32;
        for d in 3..=10 {
            bg += pow_db(pw[kp - d]) + pow_db(pw[kp + d]);
        }
        let hf: f32 = pw[tbin(1000.0)..tbin(7000.0)].iter().sum();
        let (peak_db, hf_db) = (pow_db(peak / 3.0), pow_db(hf));
        // Novelty against the references as they were before this frame, then the update: a
        // running mean for the first τ, an exponential average after.
        let fresh = self.tone_count == 0;
        let line_ref = self.tone_ref[kp - 1..=kp + 1].iter().sum::<f32>() / 3.0;
        let (novelty_db, band_novelty_db) = if fresh { (0.0, 0.0) } else { (peak_db - line_ref, hf_db - self.band_ref) };
        self.tone_count = self.tone_count.saturating_add(1);
        let a = (1.0 / self.tone_count as f32).max(1.0 - (-1.0 / (TONE_REF_TAU_S * TONE_RATE)).exp());
        let track = |r: &mut f32, db: f32| *r = if r.is_finite() { *r + (db - *r) * a } else { db };
        for (r, &p) in self.tone_ref[lo - 1..=hi].iter_mut().zip(&pw[lo - 1..=hi]) {
            track(r, pow_db(p));
        }
        track(&mut self.band_ref, hf_db);
        let mut t = Tone {
            end: self.total,
            hz: kp as f32 * TONE_BIN_HZ,
            prom_db: peak_db - bg / 16.0,
            share: if hf > EPS { peak / hf } else { 0.0 },
            level_db: pow_db(peak),
            harm_db: 0.0,
            novelty_db,
            band_novelty_db,
        };
        // A frame that ends mid-hop is reported at once (the whistle decides on it 5 ms before
        // the hop completes), so its harmonic support is read on a 32 ms spectrum that ends
        // with it, computed here (the hop recomputes its own); the hop's last frame reads the
        // hop's ([`Self::hop`]). Each frame's support thus ends where the frame does.
        if mid_hop {
            self.spectrum();
            t.harm_db = self.harmonic_support(t.hz);
        }
        if let Some(slot) = self.tones.get_mut(self.tone_idx) {
            *slot = t;
        }
        self.tone_idx = (self.tone_idx + 1) % TONES_PER_HOP;
        t
    }

    /// Harmonic support of a spectral peak at `hz`, on the hop's 32 ms log spectrum: for
    /// each fundamental `hz / k` (k = 2..=16) in 200 Hz – 1 kHz (partials ≥ 6 bins apart),
    /// the mean level of the series' partials below the peak minus the mean level of the
    /// midpoints between them (both as the max of ±1 bin, so noise reads about 0 dB); the
    /// strongest such comb contrast, in dB. This is the
    /// subharmonic-summation idea of D. J. Hermes ("Measurement of pitch by subharmonic
    /// summation", JASA 83, 1988), used here as a test of whether a peak *has* a fundamental
    /// below it, not to find one.
    pub(super) fn harmonic_support(&self, hz: f32) -> f32 {
        // Refine the peak on the finer 32 ms grid (±2 bins of 31.25 Hz).
        let c = bin(hz);
        let mut kp = c;
        for k in c.saturating_sub(2)..=(c + 2).min(BINS - 1) {
            if self.log_power[k] > self.log_power[kp] {
                kp = k;
            }
        }
        let hz = kp as f32 * BIN_HZ;
        let max3 = |f: f32| {
            let b = bin(f);
            let mut m = -120.0f32;
            for k in b.saturating_sub(1)..=(b + 1).min(BINS - 1) {
                m = m.max(self.log_power[k]);
            }
            m
        };
        let mut best = 0.0f32;
        for k in 2..=16u16 {
            let f0 = hz / f32::from(k);
            if f0 > 1000.0 {
                continue;
            }
            if f0 < 200.0 {
                break;
            }
            let (mut peaks, mut valleys) = (0.0f32, 0.0f32);
            for j in 1..k {
                peaks += max3(f32::from(j) * f0);
                valleys += max3((f32::from(j) - 0.5) * f0);
            }
            valleys += max3((f32::from(k) - 0.5) * f0);
            let contrast = peaks / f32::from(k - 1) - valleys / f32::from(k);
            best = best.max(contrast);
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Step, white_noise};
    use super::*;
    use crate::analysis::decimate::ANALYSIS_RATE;

    /// Every short frame of `x` (analysis rate) through a fresh extractor: (end time in s, tone).
    fn tones(x: impl Iterator<Item = f32>) -> Vec<(f32, Tone)> {
        let mut fe = FeatureExtractor::new();
        let mut out = Vec::new();
        for v in x {
            match fe.push(v) {
                Some(Step::Tone(t)) => out.push((t.end as f32 / ANALYSIS_RATE as f32, t)),
                Some(Step::Hop(f)) => out.extend(f.tones.last().map(|t| (t.end as f32 / ANALYSIS_RATE as f32, *t))),
                None => {}
            }
        }
        out
    }

    /// The novelty of a line: a 3.75 kHz tone that starts at 1 s in a steady crowd-like noise
    /// reads 20 dB and more over what its bins held while it is new (its first 50 ms), and
    /// falls back towards 0 once it has been there for a few time constants; the band rises
    /// far less than the line. The same tone and noise starting together out of silence (a
    /// track starting) raise the band as much as the line.
    #[test]
    fn a_new_line_in_noise_is_novel_a_held_one_is_not() {
        let mut noise = white_noise(0x2468_ace1);
        // A crowd-like noise: most of its energy under 1 kHz, a white floor above.
        let mut lp = 0.0f32;
        let mut crowd = move || {
            let w = 0.2 * noise();
            lp += (4.0 * w - lp) * 0.3;
            w + lp
        };
        let sine = |i: usize| 0.3 * (std::f32::consts::TAU * 3750.0 * i as f32 / ANALYSIS_RATE as f32).sin();
        let x: Vec<f32> = (0..64_000).map(|i| crowd() + if i >= 16_000 { sine(i) } else { 0.0 }).collect();
        let t = tones(x.iter().copied());
        let at = |s: f32| t.iter().find(|(e, _)| *e >= s).map(|(_, t)| *t).unwrap_or_default();
        let before = at(0.9);
        assert!(before.novelty_db.abs() < 10.0, "noise alone {before:?}");
        for s in [1.02, 1.03, 1.05] {
            let new = at(s);
            assert!((new.hz - 3750.0).abs() < 70.0, "{s}: {new:?}");
            assert!(new.novelty_db >= 20.0, "{s}: {new:?}");
            assert!(new.novelty_db - new.band_novelty_db >= 12.0, "{s}: {new:?}");
        }
        let held = at(3.5);
        assert!((held.hz - 3750.0).abs() < 70.0 && held.novelty_db < 4.0, "held 2.5 s: {held:?}");
        // Out of silence, line and band rise together.
        let y: Vec<f32> = (0..32_000).map(|i| if i >= 16_000 { crowd() + sine(i) } else { 0.0 }).collect();
        let start = tones(y.iter().copied()).into_iter().find(|(e, _)| *e >= 1.02).map(|(_, t)| t).unwrap_or_default();
        assert!(start.novelty_db >= 20.0 && start.novelty_db - start.band_novelty_db < 12.0, "{start:?}");
    }
}
