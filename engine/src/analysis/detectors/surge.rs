//! Surges of the crowd's loudness: goal roar, applause decided at the roar's moment, near miss.
//!
//! A surge starts when the 50 ms loudness rises ≥ 8 dB above the floor; its onset is dated
//! back to where the loudness last sat near the floor (at most 0.6 s before). What it *is* is
//! decided by one of two paths, chosen by the reaction model's `enabled` flag (decision 0042):
//!
//! * **Learned** ([`crate::analysis::reaction`]): [`DECIDE_HOPS`] hops (200 ms) after the surge
//!   starts, the classifier reads the statistics of those hops: a cheer at p ≥ [`P_ROAR`] is a
//!   goal roar, applause at p ≥ [`P_APPLAUSE`] is applause, an "ooh" at p ≥ [`P_OOH`] that dies
//!   within 0.3–2.5 s is a near miss; a surge read as a cheer, applause, "ooh", chant or
//!   whistle vetoes booing ([`Surge::vetoes_boo`]).
//! * **Hand-set** (decisions 0014 and 0016; the shipped default while the learned path's
//!   leave-one-source-out figures do not beat it): the first 14 *loud* hops (50 ms loudness
//!   ≥ 8 dB, 2.5–5 kHz band ≥ 6 dB over their floors; 140 ms) decide a goal roar if what was
//!   added to the floor is bright on average (mean tilt ≥ -13.3 dB) and unvoiced (mean MPM
//!   clarity ≤ 0.44); failing that, 14 hops each bright (tilt ≥ -12 dB) and unvoiced on
//!   average. A bright surge whose added energy reaches up to 5–7 kHz is applause instead.
//!   Either way the deciding hops must be noise-like on average (spectral roughness ≤
//!   [`RINGING_ROUGH`], decision 0096): a struck glass or cutlery rings, a crowd does not.
//!   A surge that dies within 0.3–2.5 s without having been either is a near miss ("ooh") if
//!   voices carried it (the 1–2.5 kHz band ≥ 10 dB over its floor on average, and no lower
//!   than 2.5–5 kHz) and it was noise-like on average (spectral roughness ≤ 7 dB,
//!   [`Features::roughness`](crate::analysis::features::Features::roughness)).
//!
//! The classifier reads every surge on both paths (the trainer reads its vectors).

use super::{CROWD_ROUGH_MAX, Detection, H, Hop, clamp01};
use crate::analysis::features::HOP;
#[cfg(feature = "tuning-probes")]
use crate::analysis::reaction::Decision;
use crate::analysis::reaction::{Context, DECIDE_HOPS, Model, N_CLASS, ReactionClass, Window, predict};
use crate::types::{CrowdEventKind, WhistleKind};

/// Probability of [`ReactionClass::Cheer`] from which a surge is a goal roar. A false goal
/// (a triumphant stinger on a swell, or on a home goal's boos) costs more than a late one.
const P_ROAR: f32 = 0.6;
/// Probability of [`ReactionClass::Applause`] from which a surge is applause.
const P_APPLAUSE: f32 = 0.5;
/// Probability of [`ReactionClass::Ooh`] from which a short surge is a near miss.
const P_OOH: f32 = 0.4;

/// Bright hops that confirm a goal roar (140 ms), read on the 50 ms loudness, which reaches
/// +8 dB about 30 ms sooner after a step than the 100 ms loudness. 120 ms made the onset of the real boos (crowdboo at +12 dB) a goal roar; 140 ms does not.
const ROAR_HOPS: u32 = 14;
/// Mean tilt (dB) of the added 5–7 kHz band over the added 300–1000 Hz band, over a bright
/// surge's first [`ROAR_HOPS`] bright hops, from which the surge is applause, not a roar.
/// Hand-claps are broadband up to 10 kHz, cheering voices are not. Measured over the first
/// 800 ms of the tuning composites: the real applause -18.4 to -17.6 dB, the real cheer
/// -27.1 to -24.0 (sudden: -25.6 to -25.3), boos -27.8 to -27.2; the threshold is midway.
const APPLAUSE_HF: f32 = -21.5;

/// The goal roar's first decision: over the surge's first [`ROAR_HOPS`] *loud* hops (the
/// 50 ms loudness ≥ 8 dB and the 2.5–5 kHz band ≥ 6 dB over their floors), the mean added
/// tilt must reach this and the mean MPM clarity stay under [`ROAR_CLARITY`]. A per-hop tilt
/// test (≥ -12 dB, still the fallback below) waited for the slowest hop: the real cheer's
/// onset reads -11.5 to -13.6 dB hop by hop, so a sudden roar was confirmed 60–140 ms late.
/// Measured over the first 14 loud hops of the tuning composites: cheer (slow build and
/// sudden) -10.6 to -12.9 dB, boos -14.4 to -15.7 (two on a bright bed -11.3, -12.2),
/// "ooh" -13.3 to -21.2, applause -6.9 to -8.5.
const ROAR_TILT: f32 = -13.3;
/// Mean MPM clarity (voicing) of a goal roar's first loud hops, at most. A roar is screams
/// and shouts (noise-like), boos and "ooh"s are sustained vowels of many voices in near
/// unison. Measured over the first 14 loud hops of the tuning composites: cheer 0.31–0.40,
/// applause 0.35–0.41, boos 0.41–0.66 (the two on a bright bed 0.45, 0.50), "ooh" 0.42–0.58.
const ROAR_CLARITY: f32 = 0.44;
/// Mean spectral roughness ([`Features::roughness`](crate::analysis::features::Features::roughness),
/// dB) of the hops that decide a goal roar or applause, at most: a crowd's roar or applause is
/// thousands of voices or hands, noise-like, where a struck glass, plate or piece of cutlery
/// rings with a few partials (decision 0096). Measured over the 14 deciding loud hops: the
/// tuning composites' cheers 5.7–6.1 dB and applause 5.9–6.7; the clinks that a restaurant bed
/// raised as applause 10.6–11.7 (flatness 0.01–0.03, MPM clarity 0.75). The threshold is
/// midway, above [`CROWD_ROUGH_MAX`] to leave room for music mixed over a crowd.
const RINGING_ROUGH: f32 = 8.6;
/// Mean added tilt (dB) of the hops that decide a goal roar, at most: a crowd's cheer is
/// voices, whose formants put what they add below 2.5 kHz (the tuning composites' cheers
/// −10.6 to −12.9 dB over their first 14 loud hops, applause −6.9 to −8.5), and a surge
/// brighter above 2.5 kHz than at 300–1000 Hz that does not reach 5–7 kHz (not applause) is a
/// shrill sound near the microphone — a child's shout or a squeal over an empty market read
/// +0.2 and +2.9 dB (decision 0114). Cheers tilted bright in the leave-one-source-out
/// composites (up to +8 dB above 1 kHz) stay under it.
const SHRILL_TILT: f32 = -2.0;

/// A near miss is thousands of voices: the 1–2.5 kHz band (where vowels' second formants
/// lie) must hold at least this far over its floor on average over the surge, and at least
/// as high as the 2.5–5 kHz band. Measured over every near miss that the
/// detector raised without this test on the six evaluation splits: the real "ooh" 11.8–22.3 dB (2.5–5 kHz
/// 2.5–13.6 dB below it); the others, splices of a bassy ambience clip and the floor's first
/// seconds -6.3–6.5 dB (the rise sat under 300 Hz), music 1.4–9.4 dB, and after a referee's
/// whistle 1.0–12.0 dB with 2.5–5 kHz at 23–29 dB.
const OOH_VOICE_DB: f32 = 10.0;

/// The surge detector's state.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Surge {
    active: bool,
    start: u64,
    len: u32,
    peak: f32,
    bright_hops: u32,
    /// Sum of the added 5–7 kHz tilt over the bright hops (applause vs roar).
    hf_sum: f32,
    /// Sum of the MPM clarity over the bright hops.
    clar_sum: f32,
    /// Loud hops of the surge so far (see [`ROAR_TILT`]) and their sums of added tilt,
    /// added 5–7 kHz tilt and clarity, up to the first [`ROAR_HOPS`].
    loud_hops: u32,
    loud_tilt: f32,
    loud_hf: f32,
    loud_clar: f32,
    /// Sums of the spectral roughness over the loud hops (up to the first [`ROAR_HOPS`]) and
    /// over the bright hops (see [`RINGING_ROUGH`]).
    loud_rough: f32,
    bright_rough: f32,
    /// Sum of the added tilt over the bright hops (see [`SHRILL_TILT`]).
    bright_tilt: f32,
    /// Statistics of the surge's hops, and the classifier's reading of them once decided.
    window: Window,
    /// The 1.5 s before now (the classifier's context), kept across surges.
    context: Context,
    class: Option<ReactionClass>,
    /// The decision made on this hop, for the trainer: onset, input, probabilities.
    #[cfg(feature = "tuning-probes")]
    decision: Option<Decision>,
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
    /// Sums of the 1–2.5 kHz and 2.5–5 kHz bands over their floors (dB) over the surge's hops
    /// above its end threshold, and their count (a near miss's voices: [`OOH_VOICE_DB`]).
    voice_sum: f32,
    presence_sum: f32,
    held_hops: u32,
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
        // The context before this hop: a surge that starts now is read against it.
        let pre = self.context;
        self.context.push(h);
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
                    window: Window::after(&pre),
                    context: self.context,
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
        if !model.enabled {
            self.hand_set(h, whistle_active, booing, out);
        }
        // End of the surge: 100 ms loudness back within 3 dB of the floor or 10 dB below the
        // surge's peak, for 300 ms.
        if h.rel_fast < 3.0 + s || h.rel_fast < self.peak - 10.0 {
            self.below += 1;
        } else {
            self.below = 0;
            self.voice_sum += h.band_rel[2];
            self.presence_sum += h.band_rel[3];
            self.held_hops += 1;
        }
        if self.below >= 3 * H / 10 {
            let dur = self.len - self.below;
            let noisy = self.rough_sum / self.len.max(1) as f32 <= CROWD_ROUGH_MAX;
            let n = self.held_hops.max(1) as f32;
            let (voice, presence) = (self.voice_sum / n, self.presence_sum / n);
            let ooh = if model.enabled {
                self.class == Some(ReactionClass::Ooh) && self.p_ooh >= P_OOH
            } else {
                voice >= OOH_VOICE_DB + s && voice >= presence
            };
            if !self.roar_sent
                && !self.tainted
                && !booing
                && !chanting
                && noisy
                && ooh
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
        if loud && self.loud_hops == 0 {
            // The event's onset: where the loudness last sat near the floor before its first
            // loud hop, at most 0.6 s before it. A surge that began on the crowd's own
            // fluctuations seconds earlier would otherwise date the roar to its own start.
            let earliest = h.f.end.saturating_sub(u64::from(6 * H / 10) * HOP as u64);
            self.start = self.start.max(self.rise_from.max(earliest));
        }
        if loud && self.loud_hops < ROAR_HOPS {
            self.loud_hops += 1;
            self.loud_tilt += h.added_tilt;
            self.loud_hf += h.added_hf;
            self.loud_clar += h.f.pitch.clarity;
            self.loud_rough += h.f.roughness;
        }
    }

    /// The hand-set roar/applause decision (decision 0014), run each hop while the model is
    /// not enabled.
    fn hand_set(&mut self, h: &Hop, whistle_active: bool, booing: bool, out: &mut dyn FnMut(Detection)) {
        let s = h.sens_db;
        let bright = h.rel_vfast >= 8.0 + s && h.band_rel[3] >= 6.0 + s && h.added_tilt >= -12.0 && !whistle_active;
        if bright {
            self.bright_hops += 1;
            self.hf_sum += h.added_hf;
            self.clar_sum += h.f.pitch.clarity;
            self.bright_rough += h.f.roughness;
            self.bright_tilt += h.added_tilt;
        }
        let may_roar = !self.roar_sent && !booing && self.len <= 15 * H / 10 && self.since_roar > 5 * H;
        let n = ROAR_HOPS as f32;
        if may_roar && self.loud_hops == ROAR_HOPS && self.loud_tilt / n >= ROAR_TILT && self.loud_rough / n <= RINGING_ROUGH {
            let hf = self.loud_hf / n;
            if hf >= APPLAUSE_HF || (self.loud_clar / n <= ROAR_CLARITY && self.loud_tilt / n <= SHRILL_TILT) {
                self.report(hf, self.loud_hops, out);
            }
        }
        if may_roar && !self.roar_sent && self.bright_hops >= ROAR_HOPS && self.bright_rough / self.bright_hops as f32 <= RINGING_ROUGH {
            let (hf, k) = (self.hf_sum / self.bright_hops as f32, self.bright_hops as f32);
            if hf >= APPLAUSE_HF || (self.clar_sum / k <= ROAR_CLARITY && self.bright_tilt / k <= SHRILL_TILT) {
                self.report(hf, self.bright_hops, out);
            }
        }
    }

    /// Reports the surge as applause (mean added 5–7 kHz tilt `hf` ≥ [`APPLAUSE_HF`]) or as a
    /// goal roar, decided after `hops` bright hops (the hand-set path).
    fn report(&mut self, hf: f32, hops: u32, out: &mut dyn FnMut(Detection)) {
        self.roar_sent = true;
        self.applause = hf >= APPLAUSE_HF;
        let (kind, confidence) = if self.applause {
            (CrowdEventKind::Applause, clamp01(0.5 + (hf - APPLAUSE_HF) / 10.0))
        } else {
            (CrowdEventKind::GoalRoar, clamp01(0.4 + (self.peak - 6.0) / 15.0 + 0.2 * (hops as f32 / self.len.max(1) as f32).min(1.0)))
        };
        out(Detection { kind, onset: self.start, confidence, whistle: WhistleKind::Short });
    }

    /// The type decision, [`DECIDE_HOPS`] hops into the surge: a goal roar or applause is
    /// reported now (unless a whistle is part of the surge, booing is on, or a roar ended
    /// under 5 s ago); an "ooh" waits for the surge to die.
    fn decide(&mut self, model: &Model, booing: bool, out: &mut dyn FnMut(Detection)) {
        let x = self.window.features(&self.context);
        let p = predict(model, &x);
        #[cfg(feature = "tuning-probes")]
        {
            self.decision = Some((self.start, x, p));
        }
        let (best, pb) = p.iter().copied().enumerate().fold((N_CLASS, f32::NEG_INFINITY), |a, (i, v)| if v > a.1 { (i, v) } else { a });
        let class = ReactionClass::from_index(best);
        self.class = Some(class);
        self.p_ooh = p[ReactionClass::Ooh as usize];
        if !model.enabled || self.tainted || booing || self.since_roar <= 5 * H || self.peak < 8.0 {
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
    pub(super) fn decision(&self) -> Option<Decision> {
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
        (self.active, self.len, self.bright_hops)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::features::Features;
    use crate::analysis::reaction::{N_FEAT, N_HIDDEN};

    /// A model that reads every surge as `class` with certainty.
    fn always(class: ReactionClass) -> Model {
        let mut b = [-20.0; N_CLASS];
        b[class as usize] = 20.0;
        Model {
            enabled: true,
            mean: [0.0; N_FEAT],
            scale: [1.0; N_FEAT],
            w1: [[0.0; N_FEAT]; N_HIDDEN],
            b1: [0.0; N_HIDDEN],
            w2: [[0.0; N_HIDDEN]; N_CLASS],
            b2: b,
        }
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

    /// The hand-set rules decide (the model only reads).
    const HAND_SET: Model = Model { enabled: false, ..crate::analysis::reaction_weights::MODEL };

    fn surge_hop(i: u64, tilt: f32, clarity: f32) -> Hop {
        let mut f = Features { end: (i + 1) * HOP as u64, ..Features::default() };
        f.pitch.clarity = clarity;
        Hop {
            f,
            rel_fast: 13.0,
            rel_vfast: 14.0,
            rel_m: 10.0,
            band_rel: [10.0, 16.0, 16.0, 18.0, 10.0],
            added_tilt: tilt,
            added_hf: -28.0,
            present: true,
            ..Hop::default()
        }
    }

    /// Runs a surge of `hops` loud hops after a second at the floor; returns (hop, kind).
    fn hand_set_surge(hops: u64, tilt: f32, clarity: f32) -> Vec<(u64, CrowdEventKind)> {
        let mut s = Surge { since_roar: u32::MAX / 2, ..Surge::default() };
        let mut out = Vec::new();
        for i in 0..100 {
            let h = Hop { f: Features { end: (i + 1) * HOP as u64, ..Features::default() }, present: true, ..Hop::default() };
            s.hop(&h, &HAND_SET, false, false, false, &mut |d| out.push((i, d.kind)));
        }
        for i in 100..100 + hops {
            s.hop(&surge_hop(i, tilt, clarity), &HAND_SET, false, false, false, &mut |d| out.push((i, d.kind)));
        }
        out
    }

    #[test]
    fn hand_set_a_sudden_bright_unvoiced_surge_is_a_goal_roar_after_fourteen_loud_hops() {
        // Hop by hop darker than -12 dB (the fallback never counts it), bright on average.
        assert_eq!(hand_set_surge(40, -12.8, 0.38), vec![(113, CrowdEventKind::GoalRoar)]);
        // Voiced like boos: no roar from the first decision, nor from the fallback.
        assert!(hand_set_surge(40, -12.8, 0.55).is_empty());
        assert!(hand_set_surge(40, -11.0, 0.55).is_empty());
        // Darker on average than any cheer: not a roar.
        assert!(hand_set_surge(40, -14.5, 0.38).is_empty());
    }

    /// A second at the floor, then 40 loud, bright hops whose added energy reaches 5–7 kHz by
    /// `hf` dB over the 300–1000 Hz band's, at spectral roughness `rough`: what was reported.
    fn bright_surge(hf: f32, rough: f32) -> Vec<CrowdEventKind> {
        let mut s = Surge { since_roar: u32::MAX / 2, ..Surge::default() };
        let mut out = Vec::new();
        for i in 0..140u64 {
            let h = if i < 100 {
                Hop { f: Features { end: (i + 1) * HOP as u64, ..Features::default() }, present: true, ..Hop::default() }
            } else {
                let mut h = surge_hop(i, -8.0, 0.38);
                h.added_hf = hf;
                h.f.roughness = rough;
                h
            };
            s.hop(&h, &HAND_SET, false, false, false, &mut |d| out.push(d.kind));
        }
        out
    }

    #[test]
    fn a_ringing_clink_is_neither_applause_nor_a_goal_roar() {
        // Noise-like, as thousands of hands or voices are: applause (broadband), or a roar.
        assert_eq!(bright_surge(-10.0, 6.5), vec![CrowdEventKind::Applause]);
        assert_eq!(bright_surge(-28.0, 6.0), vec![CrowdEventKind::GoalRoar]);
        // The same levels and tilts from a struck glass or cutlery, whose partials ring
        // (roughness 10.6–11.7 dB on the restaurant bed): nothing, by either decision.
        assert!(bright_surge(-10.0, 11.0).is_empty());
        assert!(bright_surge(-28.0, 11.0).is_empty());
    }

    #[test]
    fn a_shrill_surge_that_does_not_reach_seven_khz_is_no_goal_roar() {
        // A cheer: its voices add most below 2.5 kHz (tilt -12.8 dB), unvoiced on average.
        assert_eq!(hand_set_surge(40, -12.8, 0.38), vec![(113, CrowdEventKind::GoalRoar)]);
        // Tilted bright by a microphone (+6 dB above 1 kHz), still a roar.
        assert_eq!(hand_set_surge(40, -6.8, 0.38), vec![(113, CrowdEventKind::GoalRoar)]);
        // The MarketEmpty1 bed's shout next to the microphone: brighter above 2.5 kHz than
        // at 300-1000 Hz (+0.2 to +2.9 dB), nothing at 5-7 kHz: neither voices nor hands, by
        // neither decision (every hop is bright, so the fallback sees the same hops).
        assert!(hand_set_surge(40, 0.2, 0.0).is_empty());
        assert!(hand_set_surge(40, 2.9, 0.3).is_empty());
    }

    /// A second at the floor, then a dark, voiced surge of 1.2 s at `bands` over their floors,
    /// then the floor again: what it was reported as.
    fn short_surge(bands: [f32; 5]) -> Vec<CrowdEventKind> {
        let mut s = Surge { since_roar: u32::MAX / 2, ..Surge::default() };
        let mut out = Vec::new();
        for i in 0..300u64 {
            let loud = (100..220).contains(&i);
            let mut f = Features { end: (i + 1) * HOP as u64, roughness: 5.8, ..Features::default() };
            f.pitch.clarity = 0.5;
            let h = if loud {
                Hop { f, rel_fast: 12.0, rel_vfast: 12.0, rel_m: 8.0, band_rel: bands, added_tilt: -18.0, present: true, ..Hop::default() }
            } else {
                Hop { f, present: true, ..Hop::default() }
            };
            s.hop(&h, &HAND_SET, false, false, false, &mut |d| out.push(d.kind));
        }
        out
    }

    #[test]
    fn hand_set_a_near_miss_is_carried_by_voices() {
        // An "ooh": the voice band well over its floor, the presence band under it.
        assert_eq!(short_surge([15.0, 14.0, 16.0, 9.0, 15.0]), vec![CrowdEventKind::NearMiss]);
        // The same rise under 300 Hz only (a bassier ambience, the floor still settling).
        assert!(short_surge([22.0, 1.0, 1.0, 1.0, 4.0]).is_empty());
        // Voices too faint to be a crowd's reaction, or a tone above them (a whistle).
        assert!(short_surge([15.0, 9.0, 8.0, 5.0, 10.0]).is_empty());
        assert!(short_surge([0.0, 5.0, 11.0, 25.0, 10.0]).is_empty());
    }
}
