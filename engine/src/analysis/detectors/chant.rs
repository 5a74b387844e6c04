//! Chant start and end: envelope periodicity (0.3–2 s) above 0.55 for 2 s starts a chant
//! (the period must stay steady, and a period over 1.2 s counts only as far as a beat at
//! 0.3–1.2 s bears it out:
//! [`Features::beat_periodicity`](crate::analysis::features::Features::beat_periodicity),
//! `docs/decisions/0007-chant-needs-a-beat.md`); below 0.45 for 2 s ends it.

use super::{Detection, H, Hop, clamp01};
use crate::analysis::features::{HOP, HOPS_PER_S};
use crate::types::{CrowdEventKind, WhistleKind};

/// How far a longer period's periodicity may exceed the beat's ([`Chant`];
/// `docs/decisions/0007-chant-needs-a-beat.md`).
const BEAT_MARGIN: f32 = 0.1;

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
}

impl Chant {
    /// One hop.
    pub(super) fn hop(&mut self, h: &Hop, out: &mut dyn FnMut(Detection)) {
        let f = &h.f;
        // A chant keeps its tempo: periodicity only counts in full while the period stays
        // within 8% of the previous estimate (or of its double or half).
        let ratio = if self.last_period > 0.0 { f.period_s / self.last_period } else { 0.0 };
        let steady = [0.5f32, 1.0, 2.0].iter().any(|r| (ratio - r).abs() <= 0.08 * r);
        self.last_period = f.period_s;
        // A chant has a beat: a period longer than a beat counts only as far as the beat under
        // it bears it out (a crowd's level alternating every second has a ~2 s period and no
        // beat; docs/decisions/0007-chant-needs-a-beat.md).
        let periodicity = f.periodicity.min(f.beat_periodicity + BEAT_MARGIN);
        let p = if h.present && h.rel_m > -6.0 { periodicity * if steady { 1.0 } else { 0.5 } } else { 0.0 };
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
