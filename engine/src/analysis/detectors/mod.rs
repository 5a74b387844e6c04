//! Event detectors: small causal state machines over the hop features and the levels
//! relative to the crowd floor. Each reports the analysis-rate sample of the event's onset
//! (not of the decision), so the engine can timestamp it sample-accurately.
//!
//! * [`whistle`] — a referee's pea whistle, on its own short frames (16 ms every 5 ms),
//!   confirmed by sequential evidence (`docs/decisions/0001-whistle-sequential-evidence.md`).
//! * [`surge`] — a rise of the 50 ms loudness ≥ 8 dB over the floor, whose type the learned
//!   classifier ([`crate::analysis::reaction`]) decides 200 ms in: a goal roar, applause, or a
//!   near miss ("ooh") when it dies soon; boos, chants, whistles and swells raise nothing here.
//! * [`boo`] — booing: a dark, voiced, noise-like rise held for 1.5 s, unless the classifier
//!   read the surge under way as a cheer, applause, an "ooh", a chant or a whistle.
//! * [`applause`] — a noise-like (flat), bright, unvoiced rise held for 1 s.
//! * [`chant`] — chant start and end from the envelope's periodicity, which must have a beat
//!   (`docs/decisions/0007-chant-needs-a-beat.md`).
//! * [`sustained`] — the start/end state machine that booing and applause share.
//!
//! [`Detectors`] runs them in that order every hop, each seeing the states of the others it
//! depends on (no surge while a whistle sounds, no booing during a roar or a chant, …).

mod applause;
mod boo;
mod chant;
mod surge;
mod sustained;
mod whistle;

use self::applause::Applause;
use self::boo::Boo;
use self::chant::Chant;
use self::surge::Surge;
use self::whistle::Whistle;
use super::features::{Features, HOPS_PER_S, Tone};
use super::reaction::Model;
#[cfg(feature = "tuning-probes")]
use super::reaction::{Decision, N_CLASS, N_FEAT};
use crate::types::{CrowdEventKind, WhistleKind};

/// A detection, in analysis-rate samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Detection {
    /// What was detected.
    pub kind: CrowdEventKind,
    /// Analysis-rate sample of the onset.
    pub onset: u64,
    /// Confidence, `0..=1`.
    pub confidence: f32,
    /// The kind of whistle (`Short` for every other event).
    pub whistle: WhistleKind,
}

/// What the detectors see each hop.
#[derive(Clone, Copy, Debug, Default)]
pub struct Hop {
    /// The hop's features.
    pub f: Features,
    /// 100 ms loudness relative to the floor (dB): a surge's level and end.
    pub rel_fast: f32,
    /// 50 ms loudness relative to the floor (dB): the goal roar's onset and brightness tests.
    pub rel_vfast: f32,
    /// 400 ms (momentary) loudness relative to the floor (dB).
    pub rel_m: f32,
    /// Smoothed band levels relative to their floors (dB).
    pub band_rel: [f32; 5],
    /// Spectral tilt of what was *added* to the floor (band power minus floor power): the
    /// 2.5–5 kHz band minus the 300–1000 Hz band, dB. Cheering and screams ≥ -12 dB, boos and
    /// groans below (measured on the real clips: cheer -6..-11, boos -13..-25).
    pub added_tilt: f32,
    /// The same for the 5–7 kHz band: hand-claps are broadband up to 10 kHz, voices are not.
    pub added_hf: f32,
    /// Whether a crowd is heard at all (false for silence and for music without a crowd).
    pub present: bool,
    /// Whether the input sounds like music (many sharp, stable partials) rather than a crowd.
    pub music: bool,
    /// Threshold offset from the sensitivity parameter (dB; negative = more sensitive).
    pub sens_db: f32,
}

/// Hops per second, as a `u32` for hop counters.
const H: u32 = HOPS_PER_S as u32;

fn clamp01(x: f32) -> f32 {
    x.clamp(0.0, 1.0)
}

/// Mean spectral roughness ([`Features::roughness`], dB) over a near miss or a booing run,
/// at most: a crowd's "ooh" and boos are thousands of voices, noise-like (5.5–6.6 dB on the
/// tuning composites), a surge of music is tonal (the near misses and boos raised on the
/// tuning music tracks in their tonal passages read 6.8–8.9 dB; those in their noisy
/// passages, 5.7–6.5, are not told apart by this).
const CROWD_ROUGH_MAX: f32 = 7.0;

/// All detectors together.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Detectors {
    whistle: Whistle,
    surge: Surge,
    boo: Boo,
    applause: Applause,
    chant: Chant,
    /// The reaction classifier's weights.
    model: Model,
    /// The classifier's decisions since reset and the latest one (onset, input, probabilities).
    #[cfg(feature = "tuning-probes")]
    decisions: (u32, Option<Decision>),
}

impl Detectors {
    /// Clears every detector's state.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub(crate) fn reset(&mut self) {
        *self = Self { whistle: Whistle::new(), model: self.model, ..Self::default() };
    }

    /// Runs the whistle detector on a short frame that ends mid-hop, against the latest hop.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks or I/O.
    pub(crate) fn tone(&mut self, t: &Tone, h: &Hop, out: &mut dyn FnMut(Detection)) {
        self.whistle.tone(t, h, out);
    }

    /// Runs every detector on one hop (the whistle detector on the hop's last short frame).
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks or I/O.
    pub(crate) fn hop(&mut self, h: &Hop, out: &mut dyn FnMut(Detection)) {
        self.whistle.hop(h, out);
        let w = self.whistle.busy();
        self.surge.hop(h, &self.model, w, self.chant.active(), self.boo.active(), out);
        #[cfg(feature = "tuning-probes")]
        if let Some((onset, x, p)) = self.surge.decision() {
            self.decisions = (self.decisions.0 + 1, Some((onset, x, p)));
        }
        self.boo.hop(h, self.surge.roaring() || (self.model.enabled && self.surge.vetoes_boo()), self.chant.active(), out);
        self.applause.hop(h, w || self.surge.clapping(), out);
        self.chant.hop(h, out);
    }

    /// Replaces the classifier's weights (kept across [`Self::reset`]).
    #[cfg(feature = "tuning-probes")]
    pub(crate) fn set_model(&mut self, m: &Model) {
        self.model = *m;
    }

    /// The classifier's decisions since reset, and the latest one: onset (analysis-rate
    /// samples), input vector, probabilities.
    #[cfg(feature = "tuning-probes")]
    pub(crate) fn last_reaction(&self) -> (u32, u64, [f32; N_FEAT], [f32; N_CLASS]) {
        let (n, d) = self.decisions;
        let (onset, x, p) = d.unwrap_or((0, [0.0; N_FEAT], [0.0; N_CLASS]));
        (n, onset, x, p)
    }

    /// Whether a goal roar is being heard now.
    pub(crate) fn roaring(&self) -> bool {
        self.surge.roaring()
    }

    /// The surge detector's state: active, hops since it began, hops read by the classifier (for traces).
    #[cfg(feature = "tuning-probes")]
    pub(crate) fn surge_state(&self) -> (bool, u32, u32) {
        self.surge.trace_state()
    }

    /// Whether booing is being heard now.
    pub(crate) fn booing(&self) -> bool {
        self.boo.active()
    }

    /// Whether applause is being heard now (held, or decided at a roar's moment).
    pub(crate) fn applauding(&self) -> bool {
        self.applause.active() || self.surge.clapping()
    }

    /// Whether a chant is under way.
    pub(crate) fn chanting(&self) -> bool {
        self.chant.active()
    }

    /// Whether any event holds the crowd above its floor (slows the floor's rise).
    pub(crate) fn holding(&self) -> bool {
        self.surge.active() || self.boo.active() || self.applause.active()
    }
}
