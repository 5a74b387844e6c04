//! Surges of the crowd's loudness: goal roar, applause, near miss.
//!
//! A surge starts when the 50 ms loudness rises ≥ 8 dB above the floor. Its onset is dated
//! back to where the loudness last sat near the floor (at most 0.6 s before). What the surge
//! *is* is decided once, [`DECIDE_HOPS`] hops (200 ms) after it starts, by the learned reaction
//! classifier ([`crate::analysis::reaction`]) over the statistics of those hops: a cheer is a
//! goal roar (probability ≥ [`P_ROAR`]), applause is applause (≥ [`P_APPLAUSE`]); a surge
//! read as an "ooh" that dies within 0.3–2.5 s and was noise-like on average (spectral
//! roughness ≤ 7 dB, [`Features::roughness`](crate::analysis::features::Features::roughness))
//! is a near miss. A surge read as boos, a chant, a whistle or none of them (a swell of the
//! ambience, music, speech, a bang) raises nothing here; boos and chants have their own
//! detectors, which the classifier's reading can veto ([`Surge::vetoes_boo`]).
//!
//! Before the classifier (until decision 0042) thresholds on the mean added tilt (-13.3 dB)
//! and clarity (0.44) over the first 14 loud hops decided the roar: measured on one cheer
//! recording, they read every cheer recorded farther away or through a darker microphone as
//! boos, and a 4 LU swell as a goal.

use super::{CROWD_ROUGH_MAX, Detection, H, Hop, clamp01};
use crate::analysis::features::HOP;
use crate::analysis::reaction::{DECIDE_HOPS, Model, N_CLASS, N_FEAT, ReactionClass, Window, predict};
use crate::types::{CrowdEventKind, WhistleKind};

/// Probability of [`ReactionClass::Cheer`] from which a surge is a goal roar. A false goal
/// (a triumphant stinger on a swell, or on a home goal's boos) costs more than a late one.
const P_ROAR: f32 = 0.6;
/// Probability of [`ReactionClass::Applause`] from which a surge is applause.
const P_APPLAUSE: f32 = 0.5;
/// Probability of [`ReactionClass::Ooh`] from which a short surge is a near miss.
const P_OOH: f32 = 0.4;

/// The surge detector's state.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Surge {
    active: bool,
    start: u64,
    len: u32,
    peak: f32,
    /// Whether a loud hop (50 ms loudness ≥ 8 dB, 2.5–5 kHz band ≥ 6 dB over their floors)
    /// has dated the onset yet.
    loud_seen: bool,
    /// Statistics of the surge's hops, and the classifier's reading of them once decided.
    window: Window,
    class: Option<ReactionClass>,
    /// The decision made on this hop, for the trainer: onset, input, probabilities.
    #[cfg(feature = "tuning-probes")]
    decision: Option<(u64, [f32; N_FEAT], [f32; N_CLASS])>,
    roar_sent: bool,
    /// Whether this surge was reported as applause rather than a roar.
    applause: bool,
    tainted: bool,
    below: u32,
    /// Last hop at which the fast loudness was still near the floor (onset estimate).
    rise_from: u64,
    /// Hops since the last goal roar or applause ended (refractory), saturating.
    since_roar: u32,
    /// Sum of the spectral roughness over the surge's hops.
    rough_sum: f32,
    /// The probability of [`ReactionClass::Ooh`] at the decision.
    p_ooh: f32,
    /// Whether the last surge that ended was a goal roar (booing is vetoed for 5 s after it).
    after_roar: bool,
}

impl Surge {
    /// One hop. `model`: the reaction classifier; `whistle_active`: a whistle sounds or is
    /// being weighed; `chanting`, `booing`: those states are on (no roar during booing, no near
    /// miss during either).
    pub(super) fn hop(
        &mut self,
        h: &Hop,
        model: &Model,
        whistle_active: bool,
        chanting: bool,
        booing: bool,
        out: &mut dyn FnMut(Detection),
    ) {
        #[cfg(feature = "tuning-probes")]
        {
            self.decision = None;
        }
        let f = &h.f;
        let s = h.sens_db;
        if h.rel_fast < 2.5 || !h.present {
            self.rise_from = f.end;
        }
        self.since_roar = self.since_roar.saturating_add(1);
        let on = h.present && h.rel_vfast >= 8.0 + s;
        if !self.active {
            if on && !whistle_active {
                // The onset is where the loudness last sat near the floor, but no more than
                // 0.6 s before the surge: a crowd that hovered 2.5 dB over its floor for
                // seconds before (the floor lags) would otherwise date the roar far too early.
                let earliest = f.end.saturating_sub(u64::from(6 * H / 10) * HOP as u64);
                *self = Self {
                    active: true,
                    start: self.rise_from.max(earliest),
                    peak: h.rel_fast,
                    since_roar: self.since_roar,
                    after_roar: self.after_roar,
                    rise_from: self.rise_from,
                    ..Self::default()
                };
                self.window.push(h);
                // The hop that starts the surge is its first loud hop.
                self.loud(h, whistle_active);
            }
            return;
        }
        self.len += 1;
        self.rough_sum += f.roughness;
        self.peak = self.peak.max(h.rel_fast);
        // A surge that a referee's whistle is part of is the whistle, not the crowd.
        self.tainted |= whistle_active;
        self.loud(h, whistle_active);
        if self.class.is_none() {
            self.window.push(h);
            if self.window.len() >= DECIDE_HOPS {
                self.decide(model, booing, out);
            }
        }
        // End of the surge: 100 ms loudness back within 3 dB of the floor or 10 dB below the
        // surge's peak, for 300 ms.
        if h.rel_fast < 3.0 + s || h.rel_fast < self.peak - 10.0 {
            self.below += 1;
        } else {
            self.below = 0;
        }
        if self.below >= 3 * H / 10 {
            let dur = self.len - self.below;
            let noisy = self.rough_sum / self.len.max(1) as f32 <= CROWD_ROUGH_MAX;
            if !self.roar_sent
                && !self.tainted
                && !booing
                && !chanting
                && noisy
                && self.class == Some(ReactionClass::Ooh)
                && self.p_ooh >= P_OOH
                && (3 * H / 10..=25 * H / 10).contains(&dur)
                && self.peak >= 9.0 + s
            {
                let confidence = clamp01(0.3 * self.p_ooh + 0.4 + (self.peak - 9.0) / 20.0);
                out(Detection { kind: CrowdEventKind::NearMiss, onset: self.start, confidence, whistle: WhistleKind::Short });
            }
            if self.roar_sent {
                self.since_roar = 0;
            }
            self.after_roar = self.roar_sent && !self.applause;
            self.active = false;
        }
    }

    /// Dates the onset on the surge's first loud hop (the 50 ms loudness ≥ 8 dB and the
    /// 2.5–5 kHz band ≥ 6 dB over their floors).
    fn loud(&mut self, h: &Hop, whistle_active: bool) {
        let loud = h.rel_vfast >= 8.0 + h.sens_db && h.band_rel[3] >= 6.0 + h.sens_db && !whistle_active;
        if loud && !self.loud_seen {
            self.loud_seen = true;
            // The event's onset: where the loudness last sat near the floor before its first
            // loud hop, at most 0.6 s before it. A surge that began on the crowd's own
            // fluctuations seconds earlier would otherwise date the roar to its own start.
            let earliest = h.f.end.saturating_sub(u64::from(6 * H / 10) * HOP as u64);
            self.start = self.start.max(self.rise_from.max(earliest));
        }
    }

    /// The type decision, [`DECIDE_HOPS`] hops into the surge: a goal roar or applause is
    /// reported now (unless a whistle is part of the surge, booing is on, or a roar ended
    /// under 5 s ago); an "ooh" waits for the surge to die.
    fn decide(&mut self, model: &Model, booing: bool, out: &mut dyn FnMut(Detection)) {
        let x = self.window.features();
        let p = predict(model, &x);
        #[cfg(feature = "tuning-probes")]
        {
            self.decision = Some((self.start, x, p));
        }
        let (best, pb) = p.iter().copied().enumerate().fold((N_CLASS, f32::NEG_INFINITY), |a, (i, v)| if v > a.1 { (i, v) } else { a });
        let class = ReactionClass::from_index(best);
        self.class = Some(class);
        self.p_ooh = p[ReactionClass::Ooh as usize];
        if self.tainted || booing || self.since_roar <= 5 * H || self.peak < 8.0 {
            return;
        }
        let (kind, confidence) = match class {
            ReactionClass::Cheer if pb >= P_ROAR => (CrowdEventKind::GoalRoar, pb),
            ReactionClass::Applause if pb >= P_APPLAUSE => (CrowdEventKind::Applause, pb),
            _ => return,
        };
        self.roar_sent = true;
        self.applause = kind == CrowdEventKind::Applause;
        out(Detection { kind, onset: self.start, confidence: clamp01(confidence), whistle: WhistleKind::Short });
    }

    /// The classifier's decision on this hop, if it made one (for the trainer).
    #[cfg(feature = "tuning-probes")]
    pub(super) fn decision(&self) -> Option<(u64, [f32; N_FEAT], [f32; N_CLASS])> {
        self.decision
    }

    /// Whether the surge under way was read as something booing cannot be: a cheer,
    /// applause, an "ooh", a chant or a whistle; or a goal roar ended under 5 s ago.
    pub(super) fn vetoes_boo(&self) -> bool {
        let read_other = self.active
            && matches!(
                self.class,
                Some(ReactionClass::Cheer | ReactionClass::Applause | ReactionClass::Ooh | ReactionClass::Chant | ReactionClass::Whistle)
            );
        read_other || (self.after_roar && self.since_roar <= 5 * H)
    }

    /// Whether a goal roar is being heard now.
    pub(super) fn roaring(&self) -> bool {
        self.active && self.roar_sent && !self.applause
    }

    /// Whether applause (a bright surge that reaches 5–7 kHz) is being heard now.
    pub(super) fn clapping(&self) -> bool {
        self.active && self.roar_sent && self.applause
    }

    /// Whether a surge is under way.
    pub(super) fn active(&self) -> bool {
        self.active
    }

    /// Active, hops since the surge began, bright hops (for traces).
    #[cfg(feature = "tuning-probes")]
    pub(super) fn trace_state(&self) -> (bool, u32, u32) {
        (self.active, self.len, self.window.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::features::Features;
    use crate::analysis::reaction::N_FEAT;

    /// A model that reads every surge as `class` with certainty.
    fn always(class: ReactionClass) -> Model {
        let mut b = [-20.0; N_CLASS];
        b[class as usize] = 20.0;
        Model { mean: [0.0; N_FEAT], scale: [1.0; N_FEAT], w: [[0.0; N_FEAT]; N_CLASS], b }
    }

    /// A second at the floor, then a loud surge of `hops` hops, then the floor for 2 s: what
    /// was reported, at which hop.
    fn surge(model: &Model, hops: u64) -> Vec<(u64, CrowdEventKind)> {
        let mut s = Surge { since_roar: u32::MAX / 2, ..Surge::default() };
        let mut out = Vec::new();
        for i in 0..300 + hops {
            let loud = (100..100 + hops).contains(&i);
            let mut f = Features { end: (i + 1) * HOP as u64, roughness: 5.8, ..Features::default() };
            f.pitch.clarity = 0.4;
            let h = if loud {
                Hop {
                    f,
                    rel_fast: 13.0,
                    rel_vfast: 14.0,
                    rel_m: 10.0,
                    band_rel: [10.0, 16.0, 16.0, 18.0, 10.0],
                    present: true,
                    ..Hop::default()
                }
            } else {
                Hop { f, present: true, ..Hop::default() }
            };
            s.hop(&h, model, false, false, false, &mut |d| out.push((i, d.kind)));
        }
        out
    }

    #[test]
    fn the_classifier_decides_what_a_surge_is_two_hundred_ms_in() {
        // The surge starts on hop 100; the decision is on its DECIDE_HOPS-th hop.
        let at = 100 + u64::from(DECIDE_HOPS) - 1;
        assert_eq!(surge(&always(ReactionClass::Cheer), 200), vec![(at, CrowdEventKind::GoalRoar)]);
        assert_eq!(surge(&always(ReactionClass::Applause), 200), vec![(at, CrowdEventKind::Applause)]);
        // Boos, chants, whistles and swells raise nothing from the surge detector.
        for c in [ReactionClass::Boo, ReactionClass::Chant, ReactionClass::Whistle, ReactionClass::Other] {
            assert!(surge(&always(c), 200).is_empty(), "{c:?}");
        }
    }

    #[test]
    fn a_near_miss_is_a_short_surge_read_as_an_ooh() {
        let ooh = always(ReactionClass::Ooh);
        let v = surge(&ooh, 120);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].1, CrowdEventKind::NearMiss);
        // Held for 4 s it is no near miss; read as anything else it is none either.
        assert!(surge(&ooh, 400).is_empty());
        assert!(surge(&always(ReactionClass::Other), 120).is_empty());
    }
}
