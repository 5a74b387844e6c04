//! Chant start and end: envelope periodicity (0.3–2 s) above 0.55 for 2 s starts a chant
//! (the period must stay steady, and a period over 1.2 s counts only as far as a beat at
//! 0.3–1.2 s bears it out:
//! [`Features::beat_periodicity`](crate::analysis::features::Features::beat_periodicity),
//! `docs/decisions/0007-chant-needs-a-beat.md`); below 0.45 for 2 s ends it. The rhythm must
//! be carried by voices: while the 2.5–5 kHz band swings far more than the voice bands
//! (300–2500 Hz), as a squeak, a bird or a bell repeating over a murmur does, the periodicity
//! counts for nothing (`docs/decisions/0113-a-chant-is-carried-by-voices.md`).

use super::{Detection, H, Hop, clamp01};
use crate::analysis::features::{HOP, HOPS_PER_S};
use crate::types::{CrowdEventKind, WhistleKind};

/// How far a longer period's periodicity may exceed the beat's ([`Chant`];
/// `docs/decisions/0007-chant-needs-a-beat.md`).
const BEAT_MARGIN: f32 = 0.1;

/// Time constant (s) of the bands' running means and of their swings around them ([`Chant`]).
const SWING_TAU_S: f32 = 2.0;
/// The voice bands' swing (the larger of 300–1000 Hz and 1–2.5 kHz, mean absolute deviation
/// of the band level around its running mean, dB) must be at least this share of the
/// 2.5–5 kHz band's for the envelope's periodicity to count as a chant's (decision 0113).
/// Measured while the chant's strength is ≥ 0.5: the squeak that repeats every ~0.9 s on the
/// MarketLow1 murmur bed 0.27–0.32 (voices 1.8 dB, 2.5–5 kHz 6 dB).
const VOICE_SWING: f32 = 0.5;

/// The chant detector's state.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Chant {
    /// The envelope period of the previous hop (s).
    last_period: f32,
    active: bool,
    /// Hops in a row past the start (or end) threshold.
    count: u32,
    /// Analysis-rate sample where the pending start (or end) began.
    first: u64,
    /// Smoothed periodicity (per hop, τ ≈ 200 ms).
    strength: f32,
    /// Running means (dB over their floors) of the 300–1000 Hz, 1–2.5 kHz and 2.5–5 kHz bands,
    /// and the running mean absolute deviation of each around its mean (τ = [`SWING_TAU_S`]).
    band_mean: [f32; 3],
    band_swing: [f32; 3],
}

impl Chant {
    /// One hop.
    pub(super) fn hop(&mut self, h: &Hop, out: &mut dyn FnMut(Detection)) {
        let f = &h.f;
        // How far each band swings around its running mean: a chant's rhythm is in its voices.
        let a = 1.0 / (SWING_TAU_S * HOPS_PER_S as f32);
        for (k, band) in (1..4).enumerate() {
            let v = h.band_rel[band];
            self.band_mean[k] += a * (v - self.band_mean[k]);
            self.band_swing[k] += a * ((v - self.band_mean[k]).abs() - self.band_swing[k]);
        }
        let voiced = self.band_swing[0].max(self.band_swing[1]) >= VOICE_SWING * self.band_swing[2];
        // A chant keeps its tempo: periodicity only counts in full while the period stays
        // within 8% of the previous estimate (or of its double or half).
        let ratio = if self.last_period > 0.0 { f.period_s / self.last_period } else { 0.0 };
        let steady = [0.5f32, 1.0, 2.0].iter().any(|r| (ratio - r).abs() <= 0.08 * r);
        self.last_period = f.period_s;
        // A chant has a beat: a period longer than a beat counts only as far as the beat under
        // it bears it out (a crowd's level alternating every second has a ~2 s period and no
        // beat; docs/decisions/0007-chant-needs-a-beat.md).
        let periodicity = f.periodicity.min(f.beat_periodicity + BEAT_MARGIN);
        let p = if h.present && h.rel_m > -6.0 && voiced { periodicity * if steady { 1.0 } else { 0.5 } } else { 0.0 };
        self.strength += (p - self.strength) * 0.05;
        if self.active {
            if self.strength < 0.45 {
                if self.count == 0 {
                    self.first = f.end;
                }
                self.count += 1;
                if self.count >= 2 * H {
                    self.active = false;
                    self.count = 0;
                    out(Detection {
                        kind: CrowdEventKind::ChantEnd,
                        onset: self.first,
                        confidence: clamp01(1.0 - self.strength),
                        whistle: WhistleKind::Short,
                    });
                }
            } else {
                self.count = 0;
            }
        } else if self.strength >= 0.55 + h.sens_db / 30.0 {
            if self.count == 0 {
                // The envelope window reaches 4 s back; the periodic part began about one
                // window before the periodicity became clear.
                self.first = f.end.saturating_sub(2 * HOPS_PER_S as u64 * HOP as u64);
            }
            self.count += 1;
            if self.count >= 2 * H {
                self.active = true;
                self.count = 0;
                out(Detection {
                    kind: CrowdEventKind::ChantStart,
                    onset: self.first,
                    confidence: clamp01(self.strength + 0.2),
                    whistle: WhistleKind::Short,
                });
            }
        } else {
            self.count = 0;
        }
    }

    /// Whether a chant is under way.
    pub(super) fn active(&self) -> bool {
        self.active
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::features::Features;

    /// Feeds `secs` of hops with a steady envelope periodicity at `period` s and `beat` at a
    /// beat's lag; the chant starts raised (hop).
    fn chant_starts(secs: u64, periodicity: f32, period: f32, beat: f32) -> Vec<u64> {
        let mut c = Chant::default();
        let mut out = Vec::new();
        for i in 0..secs * u64::from(H) {
            let f = Features { end: (i + 1) * HOP as u64, periodicity, period_s: period, beat_periodicity: beat, ..Features::default() };
            let h = Hop { f, present: true, ..Hop::default() };
            c.hop(&h, &mut |d| {
                if d.kind == CrowdEventKind::ChantStart {
                    out.push(i);
                }
            });
        }
        out
    }

    /// Feeds `secs` of hops of a periodic envelope (0.7 at 0.6 s, with its beat) whose bands
    /// over their floors alternate every 0.45 s between `lo` and `hi`: the chant starts raised.
    fn banded_chant_starts(secs: u64, lo: [f32; 5], hi: [f32; 5]) -> usize {
        let mut c = Chant::default();
        let mut n = 0;
        for i in 0..secs * u64::from(H) {
            let f = Features { end: (i + 1) * HOP as u64, periodicity: 0.7, period_s: 0.9, beat_periodicity: 0.7, ..Features::default() };
            let band_rel = if (i / 45) % 2 == 0 { lo } else { hi };
            let h = Hop { f, present: true, rel_m: 4.0, band_rel, ..Hop::default() };
            c.hop(&h, &mut |d| n += usize::from(d.kind == CrowdEventKind::ChantStart));
        }
        n
    }

    #[test]
    fn a_rhythm_carried_by_voices_is_a_chant_a_repeating_squeak_is_not() {
        // Voices chanting: the voice bands swing with the envelope (the top band with them).
        assert_eq!(banded_chant_starts(20, [0.0; 5], [6.0, 9.0, 10.0, 8.0, 5.0]), 1);
        // Clapping in time: broadband, the 1–2.5 kHz band swings as much as 2.5–5 kHz.
        assert_eq!(banded_chant_starts(20, [0.0; 5], [2.0, 4.0, 12.0, 14.0, 10.0]), 1);
        // The MarketLow1 bed: a squeak 17 dB over the floor in 2.5–5 kHz every ~0.9 s, the
        // voice bands swinging 2–3 dB; the same periodicity and beat raise no chant.
        assert_eq!(banded_chant_starts(60, [0.0, 0.0, 1.0, 0.0, 0.0], [1.0, 3.0, 3.0, 17.0, 8.0]), 0);
    }

    #[test]
    fn a_long_period_without_a_beat_is_no_chant() {
        // A chant whose bar (1.9 s) is periodic and whose beat bears it out starts in ~2.5 s.
        assert_eq!(chant_starts(10, 0.9, 1.9, 0.85).len(), 1);
        assert_eq!(chant_starts(10, 0.7, 0.6, 0.7).len(), 1);
        // The same period with no beat under it (an alternating level) never does.
        assert!(chant_starts(30, 0.9, 1.9, 0.2).is_empty());
        assert!(chant_starts(30, 0.9, 1.9, 0.0).is_empty());
    }
}
