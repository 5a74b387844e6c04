//! The guard's decision, without I/O: what the recognised programme means for the mix.
//!
//! * A track whose clearance calls for it (normal mode: `not_cleared`; strict mode: anything
//!   but `cleared`) is ducked on its **first** report (the recogniser's own acceptance keeps
//!   chance matches out; waiting would add seconds of the track to the VOD).
//! * A flip to another track while ducking: if that one also calls for a duck, the duck stays
//!   (now for it); if not, the duck is **held** until the other track has been reported for
//!   [`Policy::flip_hold`] without a report of a guarded track in between (a recognition
//!   flip A → B → A never lifts the duck for a moment).
//! * No stuck duck: it is released when the recogniser says the track ended (an empty report;
//!   the live recogniser reports a track once, and "ended" 2.5 s of stream time after its last
//!   landmarks, docs/recognition.md) and when the guard is turned off. The engine holds a duck
//!   only for a lease the bridge renews (decision record 0061), so a bridge that stops cannot
//!   leave the programme ducked either.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::guard::clearance::ClearanceState;

/// How strict the guard is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Never acts.
    Off,
    /// Ducks tracks that are not cleared.
    #[default]
    Normal,
    /// Ducks every track that is not cleared, unknown ones too.
    Strict,
}

impl Mode {
    /// Whether a track of this clearance is ducked.
    pub fn acts_on(self, c: ClearanceState) -> bool {
        match self {
            Self::Off => false,
            Self::Normal => c == ClearanceState::NotCleared,
            Self::Strict => c != ClearanceState::Cleared,
        }
    }

    /// Parses `off`, `normal`, `strict`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "off" => Some(Self::Off),
            "normal" => Some(Self::Normal),
            "strict" => Some(Self::Strict),
            _ => None,
        }
    }
}

/// The guard's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub mode: Mode,
    /// How far the programme is ducked, in dB (`f32::INFINITY`: muted).
    pub duck_db: f32,
    /// How long another track must be heard before a duck is lifted for it.
    pub flip_hold: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self { mode: Mode::Normal, duck_db: 20.0, flip_hold: Duration::from_secs(3) }
    }
}

/// A recognised track and its clearance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Heard {
    /// The catalogue id when the report names a catalogue track; otherwise empty.
    pub track_id: String,
    pub title: String,
    pub artist: String,
    pub clearance: ClearanceState,
}

impl Heard {
    fn same(&self, o: &Self) -> bool {
        self.title == o.title && self.artist == o.artist
    }
}

/// What happened.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// A recognition report: a track, or `None` when the recogniser says it ended.
    Report(Option<Heard>),
    /// The mode changed.
    Mode(Mode),
    /// Someone overrode the guard for the track it is ducking: release now and leave that
    /// track alone until it ends.
    Override,
    /// Time passed (checks the flip hold).
    Tick,
}

/// What to do.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Duck the programme by `db` for `track` (also sent when the ducked track changes).
    Duck { db: f32, track: Heard },
    /// Lift the duck.
    Release { reason: String },
}

/// One session's guard state.
#[derive(Clone, Debug, Default)]
pub struct GuardState {
    /// The track being ducked, and since when.
    pub ducking: Option<(Heard, Instant)>,
    /// A track heard while ducking that does not call for a duck, and since when.
    candidate: Option<(Heard, Instant)>,
    /// The last track reported (to re-decide when the mode changes).
    last: Option<Heard>,
    /// A track overridden by hand: not ducked again until another track or its end.
    overridden: Option<Heard>,
}

impl GuardState {
    /// The track reported last (`None`: nothing, or it ended).
    pub fn last(&self) -> Option<&Heard> {
        self.last.as_ref()
    }
}

/// One decision step at `now`.
pub fn step(s: &mut GuardState, input: Input, p: &Policy, now: Instant) -> Vec<Action> {
    let mut out = Vec::new();
    match input {
        Input::Report(heard) => {
            s.last.clone_from(&heard);
            match heard {
                None => {
                    if s.ducking.take().is_some() {
                        out.push(Action::Release { reason: "the track ended".into() });
                    }
                    s.candidate = None;
                    s.overridden = None;
                }
                Some(h) => heard_track(s, h, p, now, &mut out),
            }
        }
        Input::Mode(m) => {
            if m == Mode::Off {
                s.candidate = None;
                if s.ducking.take().is_some() {
                    out.push(Action::Release { reason: "the guard was turned off".into() });
                }
            } else if let Some(h) = s.last.clone() {
                let p = Policy { mode: m, ..p.clone() };
                if s.ducking.is_some() && !m.acts_on(h.clearance) {
                    s.ducking = None;
                    s.candidate = None;
                    out.push(Action::Release { reason: format!("mode {m:?}: {:?} is not guarded", h.title) });
                } else {
                    heard_track(s, h, &p, now, &mut out);
                }
            }
        }
        Input::Override => {
            if let Some((h, _)) = s.ducking.take() {
                out.push(Action::Release { reason: format!("overridden by hand for {:?}", h.title) });
                s.overridden = Some(h);
                s.candidate = None;
            }
        }
        Input::Tick => {}
    }
    if s.ducking.is_some()
        && let Some((c, since)) = &s.candidate
        && now.duration_since(*since) >= p.flip_hold
    {
        out.push(Action::Release { reason: format!("{:?} has played for {:?} and is not guarded", c.title, p.flip_hold) });
        s.ducking = None;
        s.candidate = None;
    }
    out
}

fn heard_track(s: &mut GuardState, h: Heard, p: &Policy, now: Instant, out: &mut Vec<Action>) {
    if s.overridden.as_ref().is_some_and(|o| !o.same(&h)) {
        s.overridden = None;
    }
    let act = p.mode.acts_on(h.clearance) && s.overridden.is_none();
    match &s.ducking {
        None if act => {
            s.ducking = Some((h.clone(), now));
            s.candidate = None;
            out.push(Action::Duck { db: p.duck_db, track: h });
        }
        None => s.candidate = None,
        Some((d, _)) if d.same(&h) => s.candidate = None,
        Some(_) if act => {
            s.ducking = Some((h.clone(), now));
            s.candidate = None;
            out.push(Action::Duck { db: p.duck_db, track: h });
        }
        Some(_) => {
            if !s.candidate.as_ref().is_some_and(|(c, _)| c.same(&h)) {
                s.candidate = Some((h, now));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(title: &str, c: ClearanceState) -> Heard {
        Heard { track_id: String::new(), title: title.into(), artist: "X".into(), clearance: c }
    }

    fn kinds(a: &[Action]) -> Vec<&'static str> {
        a.iter().map(|a| if matches!(a, Action::Duck { .. }) { "duck" } else { "release" }).collect()
    }

    #[test]
    fn normal_mode_ducks_only_not_cleared_and_releases_at_the_end() {
        let p = Policy::default();
        let (mut s, t0) = (GuardState::default(), Instant::now());
        assert!(step(&mut s, Input::Report(Some(t("ok", ClearanceState::Cleared))), &p, t0).is_empty());
        assert!(step(&mut s, Input::Report(Some(t("who", ClearanceState::Unknown))), &p, t0).is_empty());
        assert_eq!(kinds(&step(&mut s, Input::Report(Some(t("bad", ClearanceState::NotCleared))), &p, t0)), ["duck"]);
        assert!(step(&mut s, Input::Report(Some(t("bad", ClearanceState::NotCleared))), &p, t0).is_empty(), "no repeat");
        assert_eq!(kinds(&step(&mut s, Input::Report(None), &p, t0)), ["release"]);
        assert!(step(&mut s, Input::Report(None), &p, t0).is_empty());
    }

    #[test]
    fn strict_mode_ducks_unknown_and_turning_off_releases() {
        let p = Policy { mode: Mode::Strict, ..Policy::default() };
        let (mut s, t0) = (GuardState::default(), Instant::now());
        assert_eq!(kinds(&step(&mut s, Input::Report(Some(t("who", ClearanceState::Unknown))), &p, t0)), ["duck"]);
        assert_eq!(kinds(&step(&mut s, Input::Mode(Mode::Normal), &p, t0)), ["release"], "unknown is not guarded in normal mode");
        assert_eq!(kinds(&step(&mut s, Input::Mode(Mode::Strict), &p, t0)), ["duck"]);
        assert_eq!(kinds(&step(&mut s, Input::Mode(Mode::Off), &p, t0)), ["release"]);
    }

    #[test]
    fn an_override_releases_and_holds_off_until_the_track_ends() {
        let p = Policy::default();
        let (mut s, t0) = (GuardState::default(), Instant::now());
        step(&mut s, Input::Report(Some(t("bad", ClearanceState::NotCleared))), &p, t0);
        assert_eq!(kinds(&step(&mut s, Input::Override, &p, t0)), ["release"]);
        assert!(step(&mut s, Input::Report(Some(t("bad", ClearanceState::NotCleared))), &p, t0).is_empty(), "left alone");
        assert!(step(&mut s, Input::Override, &p, t0).is_empty(), "nothing to override");
        step(&mut s, Input::Report(None), &p, t0);
        assert_eq!(kinds(&step(&mut s, Input::Report(Some(t("bad", ClearanceState::NotCleared))), &p, t0)), ["duck"], "played again");
    }

    #[test]
    fn a_flip_holds_the_duck_until_the_other_track_has_played_for_flip_hold() {
        let p = Policy::default();
        let (mut s, t0) = (GuardState::default(), Instant::now());
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        step(&mut s, Input::Report(Some(t("bad", ClearanceState::NotCleared))), &p, at(0));
        // A → B → A within the hold: the duck never lifts.
        assert!(step(&mut s, Input::Report(Some(t("ok", ClearanceState::Cleared))), &p, at(1000)).is_empty());
        assert!(step(&mut s, Input::Report(Some(t("bad", ClearanceState::NotCleared))), &p, at(2000)).is_empty());
        assert!(step(&mut s, Input::Report(Some(t("ok", ClearanceState::Cleared))), &p, at(3500)).is_empty());
        assert!(step(&mut s, Input::Tick, &p, at(6000)).is_empty(), "the hold restarted at 3.5 s");
        assert_eq!(kinds(&step(&mut s, Input::Tick, &p, at(6500))), ["release"]);
        // Another not-cleared track while ducking: the duck stays, now for it.
        step(&mut s, Input::Report(Some(t("bad", ClearanceState::NotCleared))), &p, at(7000));
        let a = step(&mut s, Input::Report(Some(t("worse", ClearanceState::NotCleared))), &p, at(8000));
        assert!(matches!(&a[..], [Action::Duck { track, .. }] if track.title == "worse"), "{a:?}");
    }
}
