//! Envelope periodicity: the normalised autocorrelation of the loudness envelope over the
//! last 4 s, read for a chant's or clapping's period (0.3–2 s) and for a beat (0.3–1.2 s;
//! `docs/decisions/0007-chant-needs-a-beat.md`), as tempo estimators do (e.g. Ellis 2007).

use super::{ENV_HOPS, FeatureExtractor, HOPS_PER_S, MAX_BEAT, MAX_PERIOD, MIN_PERIOD, PERIOD_EVERY, pow_db};

impl FeatureExtractor {
    /// Adds the hop's mean square `ms` to the envelope and, every [`PERIOD_EVERY`] hops,
    /// recomputes the periodicity.
    pub(super) fn envelope(&mut self, ms: f32) {
        let eslot = (self.hops as usize) % ENV_HOPS;
        self.env_hist[eslot] = pow_db(ms);
        if self.hops.is_multiple_of(PERIOD_EVERY as u64) {
            self.periodicity = self.periodicity();
        }
    }

    /// Normalised autocorrelation of the mean-removed dB envelope over the last 4 s; the
    /// highest local maximum in 0.3–2 s that rises clearly above the trough before it, its lag
    /// (s), and the highest such maximum at a beat's lag (0.3–1.2 s).
    fn periodicity(&mut self) -> (f32, f32, f32) {
        let len = ENV_HOPS;
        let start = (self.hops as usize + 1) % len;
        for i in 0..len {
            self.env_work[i] = self.env_hist[(start + i) % len];
        }
        // Quiet hops are floored at 40 dB below the loudest so silence gaps do not dominate.
        let max = self.env_work.iter().copied().fold(-120.0f32, f32::max);
        let mut mean = 0.0f32;
        for v in &mut self.env_work {
            *v = v.max(max - 40.0);
            mean += *v;
        }
        mean /= len as f32;
        for v in &mut self.env_work {
            *v -= mean;
        }
        let e0: f32 = self.env_work.iter().map(|v| v * v).sum();
        if e0 < 1e-3 * len as f32 {
            return (0.0, 0.0, 0.0);
        }
        for lag in MIN_PERIOD - 1..=MAX_PERIOD + 1 {
            let a = &self.env_work[..len - lag];
            let b = &self.env_work[lag..];
            let r: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            let ea: f32 = a.iter().map(|v| v * v).sum();
            let eb: f32 = b.iter().map(|v| v * v).sum();
            self.acf[lag - (MIN_PERIOD - 1)] = if ea > 0.0 && eb > 0.0 { r / (ea * eb).sqrt() } else { 0.0 };
        }
        let mut best = (0.0f32, 0.0f32);
        let mut beat = 0.0f32;
        let mut trough = f32::MAX;
        let n = MAX_PERIOD - MIN_PERIOD + 3;
        for i in 1..n - 1 {
            let v = self.acf[i];
            trough = trough.min(v);
            let peak = v > self.acf[i - 1] && v >= self.acf[i + 1] && v - trough > 0.2;
            if peak && v > best.0 {
                best = (v, (i + MIN_PERIOD - 1) as f32 / HOPS_PER_S as f32);
            }
            if peak && i + MIN_PERIOD - 1 <= MAX_BEAT {
                beat = beat.max(v);
            }
        }
        (best.0.max(0.0), best.1, beat.max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Features, Step, white_noise};
    use super::*;
    use crate::analysis::decimate::ANALYSIS_RATE;

    /// The envelope's periodicity after `secs` of noise whose gain follows `gain(t)`.
    fn envelope_periodicity(secs: f32, gain: impl Fn(f32) -> f32) -> (f32, f32, f32) {
        let mut noise = white_noise(0x1357_9bdf);
        let mut fe = FeatureExtractor::new();
        let n = (secs * ANALYSIS_RATE as f32) as usize;
        let mut last = Features::default();
        for i in 0..n {
            if let Some(f) = fe.push(gain(i as f32 / ANALYSIS_RATE as f32) * noise()).and_then(Step::hop) {
                last = f;
            }
        }
        (last.periodicity, last.period_s, last.beat_periodicity)
    }

    /// A crowd whose level alternates by 3.5 dB every 0.95 s (its ~1.9 s cycle is periodic,
    /// its half-cycle anti-correlates) has no beat; a clapped beat every 0.5 s, accented every
    /// fourth clap, keeps its beat's peak next to its bar's.
    #[test]
    fn an_alternating_level_has_a_period_but_no_beat_a_clapped_bar_has_both() {
        let (p, period, beat) = envelope_periodicity(6.0, |t| if ((t / 0.95) as u32).is_multiple_of(2) { 0.1 } else { 0.15 });
        assert!(p >= 0.8 && (1.8..2.0).contains(&period), "alternating: {p} at {period} s");
        assert!(beat < 0.3, "alternating: beat {beat}");
        let clap = |t: f32| {
            let (bar, beat) = ((t / 2.0).fract() * 2.0, (t / 0.5).fract() * 0.5);
            let accent = if bar < 0.5 { 2.0 } else { 1.0 };
            0.02 + if beat < 0.08 { 0.2 * accent } else { 0.0 }
        };
        let (p, period, beat) = envelope_periodicity(6.0, clap);
        assert!(p >= 0.8 && beat >= 0.8 && beat >= p - 0.1, "clapped: {p} at {period} s, beat {beat}");
    }
}
