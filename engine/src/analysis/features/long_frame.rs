//! The hop's long frame (32 ms every 10 ms): K-weighted loudness over its windows, the power
//! spectrum and what is read on it — band energies, centroid, roll-off, flatness, flux, flux
//! onsets, the strongest peak in the whistle range, sharp and stable peaks (the music
//! detector), spectral roughness and MPM pitch — assembled into [`Features`] stage by stage.

use super::{
    BAND_EDGES, BIN_HZ, BINS, EPS, FAST_HOPS, FRAME, FeatureExtractor, Features, HOP, HOPS_PER_S, M_HOPS, ONSET_HOPS, ST_HOPS, STABLE_HOPS,
    VFAST_HOPS, WHISTLE_HI_HZ, WHISTLE_LO_HZ, bin, pow_db,
};
use crate::analysis::pitch::Pitch;

/// The hop's K-weighted loudness: its mean square and the LUFS over each window.
struct Loudness {
    /// Mean square of this hop (linear).
    ms: f32,
    fast: f32,
    m: f32,
    vfast: f32,
    s: f32,
}

/// Spectral shape over 100 Hz – 6 kHz.
struct Shape {
    centroid_hz: f32,
    rolloff_hz: f32,
    flatness: f32,
    /// Mean positive log-spectral difference against the previous hop (dB per bin).
    flux: f32,
}

/// The strongest peak in the whistle range of the long frame.
struct WhistlePeak {
    hz: f32,
    prom_db: f32,
    share: f32,
}

/// Loudness (LUFS) of a K-weighted mean square.
fn lufs(ms: f32) -> f32 {
    -0.691 + pow_db(ms)
}

impl FeatureExtractor {
    /// Completes a hop: every stage in turn on the latest 32 ms.
    pub(super) fn hop(&mut self) -> Features {
        let loud = self.loudness();
        self.spectrum();
        let bands_db = self.bands_db();
        let shape = self.shape();
        let (onset, onset_rate) = self.onsets(shape.flux, loud.fast);
        let peak = self.whistle_peak();
        let (sharp, stable) = self.sharp_peaks();
        let roughness = self.roughness();

        let pitch = if loud.fast > -70.0 { self.mpm.analyse(&self.ordered) } else { Pitch::default() };

        let mut tones = self.tones;
        if let Some(t) = tones.last_mut() {
            t.harm_db = self.harmonic_support(t.hz);
        }

        self.envelope(loud.ms);

        self.hops += 1;
        self.last = Features {
            end: self.total,
            loud_fast: loud.fast,
            loud_m: loud.m,
            loud_vfast: loud.vfast,
            loud_s: loud.s,
            bands_db,
            centroid_hz: shape.centroid_hz,
            rolloff_hz: shape.rolloff_hz,
            flatness: shape.flatness,
            flux: shape.flux,
            onset,
            onset_rate,
            peak_hz: peak.hz,
            peak_prom_db: peak.prom_db,
            peak_share: peak.share,
            tones,
            pitch,
            sharp_peaks: sharp as f32,
            stable_peaks: stable as f32,
            roughness,
            periodicity: self.periodicity.0,
            period_s: self.periodicity.1,
            beat_periodicity: self.periodicity.2,
        };
        self.last
    }

    /// Loudness from the K-weighted energy of this hop, over 100 ms, 400 ms, 50 ms and 3 s.
    fn loudness(&mut self) -> Loudness {
        let ms = (self.hop_energy / HOP as f64) as f32;
        self.hop_energy = 0.0;
        if let Some(m) = self.ms_hist.get_mut(self.ms_pos) {
            *m = ms;
        }
        self.ms_pos = (self.ms_pos + 1) % self.ms_hist.len();
        let fast = lufs(self.mean_ms(FAST_HOPS));
        let m = lufs(self.mean_ms(M_HOPS));
        let vfast = lufs(self.mean_ms(VFAST_HOPS));
        let s = lufs(self.mean_ms(ST_HOPS));
        Loudness { ms, fast, m, vfast, s }
    }

    /// Mean of the last `n` hops' mean squares.
    fn mean_ms(&self, n: usize) -> f32 {
        let len = self.ms_hist.len();
        let mut acc = 0.0f64;
        for i in 1..=n.min(len) {
            acc += f64::from(self.ms_hist[(self.ms_pos + len - i) % len]);
        }
        (acc / n as f64) as f32
    }

    /// The latest 32 ms in time order (`ordered`) and its power spectrum (`power`, `log_power`).
    pub(super) fn spectrum(&mut self) {
        for i in 0..FRAME {
            let v = self.ring[(self.ring_pos + i) % FRAME];
            self.ordered[i] = v;
            self.frame[i] = v * self.window[i];
        }
        let ok = self.fft.process_with_scratch(&mut self.frame, &mut self.spec, &mut self.scratch).is_ok();
        // Hann window power normalisation so a full-scale sine reads ~0 dB in its bins' sum.
        let norm = 1.0 / (FRAME as f32 * FRAME as f32 * 0.375 / 2.0);
        for k in 0..BINS {
            let p = if ok { self.spec[k].norm_sqr() * norm } else { 0.0 };
            self.power[k] = p;
            self.log_power[k] = pow_db(p);
        }
    }

    /// Energy (dB) of the bands between [`BAND_EDGES`].
    fn bands_db(&self) -> [f32; 5] {
        let mut bands_db = [0.0f32; 5];
        for (b, out) in bands_db.iter_mut().enumerate() {
            let (lo, hi) = (bin(BAND_EDGES[b]), bin(BAND_EDGES[b + 1]));
            *out = pow_db(self.power[lo..hi].iter().sum());
        }
        bands_db
    }

    /// Centroid, roll-off, flatness, flux over 100 Hz – 6 kHz; keeps this hop's log spectrum
    /// for the next hop's flux.
    fn shape(&mut self) -> Shape {
        let (lo, hi) = (bin(100.0), bin(6000.0));
        let mut total = 0.0f32;
        let mut weighted = 0.0f32;
        let mut log_sum = 0.0f32;
        let mut flux = 0.0f32;
        for k in lo..hi {
            let p = self.power[k];
            total += p;
            weighted += p * k as f32 * BIN_HZ;
            log_sum += (p + EPS).ln();
            flux += (self.log_power[k] - self.prev_log[k]).max(0.0);
        }
        let n = (hi - lo) as f32;
        let centroid_hz = if total > EPS { weighted / total } else { 0.0 };
        let flatness = if total > 1e-10 { ((log_sum / n).exp() / (total / n + EPS)).clamp(0.0, 1.0) } else { 0.0 };
        let flux = flux / n;
        let mut acc = 0.0f32;
        let mut rolloff_hz = 0.0;
        for k in lo..hi {
            acc += self.power[k];
            if acc >= 0.85 * total {
                rolloff_hz = k as f32 * BIN_HZ;
                break;
            }
        }
        self.prev_log.copy_from_slice(&self.log_power);
        Shape { centroid_hz, rolloff_hz, flatness, flux }
    }

    /// Onsets: a local flux maximum above the mean of the last 0.5 s plus 1.5 dB/bin, in a
    /// frame with some energy. Whether the previous hop was one, and onsets per second over
    /// the last 2 s.
    fn onsets(&mut self, flux: f32, loud_fast: f32) -> (bool, f32) {
        let flux_mean = self.flux_hist.iter().sum::<f32>() / self.flux_hist.len() as f32;
        let (f1, f2) = self.prev_flux;
        let onset = f1 > f2 && f1 >= flux && f1 > flux_mean * 1.3 + 1.5 && loud_fast > -70.0;
        let slot = (self.hops as usize) % self.flux_hist.len();
        self.flux_hist[slot] = flux;
        self.prev_flux = (flux, f1);
        let oslot = (self.hops as usize) % ONSET_HOPS;
        if self.onset_hist[oslot] {
            self.onset_count -= 1;
        }
        self.onset_hist[oslot] = onset;
        if onset {
            self.onset_count += 1;
        }
        let onset_rate = self.onset_count as f32 / (ONSET_HOPS as f32 / HOPS_PER_S as f32);
        (onset, onset_rate)
    }

    /// Tonal peak in the whistle range: the strongest bin, its prominence over the bins 6–24
    /// away and its share of the 1–7 kHz energy.
    fn whistle_peak(&self) -> WhistlePeak {
        let (wlo, whi) = (bin(WHISTLE_LO_HZ), bin(WHISTLE_HI_HZ));
        let mut kp = wlo;
        for k in wlo..whi {
            if self.power[k] > self.power[kp] {
                kp = k;
            }
        }
        let peak_e: f32 = self.power[kp - 2..=kp + 2].iter().sum();
        let mut bg = 0.0f32;
        let mut bg_n = 0.0f32;
        for d in 6..=24 {
            for k in [kp - d, kp + d] {
                bg += self.log_power[k];
                bg_n += 1.0;
            }
        }
        let prom_db = pow_db(peak_e / 5.0) - bg / bg_n;
        let hf: f32 = self.power[bin(1000.0)..bin(7000.0)].iter().sum();
        let share = if hf > EPS { peak_e / hf } else { 0.0 };
        WhistlePeak { hz: kp as f32 * BIN_HZ, prom_db, share }
    }

    /// Sharp peaks in 300 Hz – 4 kHz (≥ 12 dB over their ±8-bin neighbourhood) and how many of
    /// them have held their frequency for [`STABLE_HOPS`] hops; ages the peaks.
    fn sharp_peaks(&mut self) -> (u32, u32) {
        let mut sharp = 0u32;
        let mut stable = 0u32;
        std::mem::swap(&mut self.peak_age, &mut self.prev_age);
        self.peak_age.fill(0);
        for k in bin(300.0)..bin(4000.0) {
            let v = self.log_power[k];
            if v > self.log_power[k - 1] && v >= self.log_power[k + 1] {
                let mut bg = 0.0f32;
                for d in 2..=8 {
                    bg += self.log_power[k - d] + self.log_power[k + d];
                }
                if v - bg / 14.0 >= 12.0 {
                    sharp += 1;
                    let age = self.prev_age[k - 1].max(self.prev_age[k]).max(self.prev_age[k + 1]).saturating_add(1);
                    self.peak_age[k] = age;
                    if age >= STABLE_HOPS {
                        stable += 1;
                    }
                }
            }
        }
        (sharp, stable)
    }

    /// Roughness: deviation of the log spectrum (300 Hz – 4 kHz) from its 17-bin moving average.
    fn roughness(&self) -> f32 {
        let (lo, hi) = (bin(300.0), bin(4000.0));
        let mut acc = 0.0f32;
        for k in lo.saturating_sub(8)..lo + 9 {
            acc += self.log_power[k];
        }
        let (mut s1, mut s2) = (0.0f32, 0.0f32);
        for k in lo..hi {
            let d = self.log_power[k] - acc / 17.0;
            s1 += d;
            s2 += d * d;
            acc += self.log_power[(k + 9).min(BINS - 1)] - self.log_power[k.saturating_sub(8)];
        }
        let n = (hi - lo) as f32;
        (s2 / n - (s1 / n) * (s1 / n)).max(0.0).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Step, white_noise};
    use super::*;
    use crate::analysis::decimate::ANALYSIS_RATE;

    /// Runs `x` (analysis rate) through a fresh extractor; the mean roughness of the hops after
    /// the first full frame.
    fn mean_roughness(x: impl Iterator<Item = f32>) -> f32 {
        let mut fe = FeatureExtractor::new();
        let r: Vec<f32> = x.filter_map(|v| fe.push(v).and_then(Step::hop)).skip(4).map(|f| f.roughness).collect();
        r.iter().sum::<f32>() / r.len().max(1) as f32
    }

    #[test]
    fn noise_reads_the_log_periodogram_scatter_and_a_chord_far_more() {
        // Noise, white and strongly coloured (one-pole low-pass): about 5.6 dB either way.
        let mut white = white_noise(0x1234_5678);
        let w: Vec<f32> = (0..16_000).map(|_| white()).collect();
        let rw = mean_roughness(w.iter().copied());
        let mut lp = 0.0f32;
        let rc = mean_roughness(w.iter().map(|&v| {
            lp += (v - lp) * 0.1;
            lp
        }));
        assert!((5.0..6.5).contains(&rw), "white noise {rw}");
        assert!((5.0..6.5).contains(&rc), "coloured noise {rc}");
        // A held chord of three notes with their partials (music): far beyond.
        let chord = (0..16_000).map(|i| {
            let t = i as f32 / ANALYSIS_RATE as f32;
            [220.0f32, 277.2, 329.6]
                .iter()
                .flat_map(|&f| (1..8).map(move |k| (std::f32::consts::TAU * f * k as f32 * t).sin() / k as f32))
                .sum::<f32>()
                * 0.05
                + 0.0005 * (i as f32 * 12.9898).sin().fract()
        });
        let rm = mean_roughness(chord);
        assert!(rm > 8.0, "chord {rm}");
    }
}
