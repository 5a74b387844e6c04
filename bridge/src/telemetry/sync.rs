//! Match data synchronised with the crowd (decision record 0080): a match-data feed says
//! *what* happened (a goal and for which side, a card, kick-off, half and full time) but
//! lags the sound by 2–30 s; the crowd's reaction, reported by an engine within a fraction of
//! a second, gives the *moment*. This module pairs the two, estimates the feed's lag, and
//! keeps the session's recent moments with their source and confidence.
//!
//! * A reaction can answer a feed event only if its kind fits ([`answers`]: a goal roar for a
//!   home goal; a roar, boos or a groan for an away goal; boos or a whistle for a card; a
//!   whistle for kick-off, a penalty, half and full time) and it came from [`LAG_MAX_S`]
//!   before the feed event to [`-LAG_MIN_S`](LAG_MIN_S) after it.
//! * Among those, the feed event takes the one with the best [`match_score`]: a lag near the
//!   feed's lag so far (the median of its last [`LAG_PAIRS`] pairs; 8 s before the first)
//!   and a confident detector. Pairs never cross: a feed event cannot take a reaction older
//!   than one an earlier feed event took, so one late event cannot steal another's reaction.
//! * A feed goal that names no side takes its side from the pair ([`resolve`]): the home
//!   crowd roars for a home goal and boos or groans at an away goal.
//! * What cannot be paired is shown too: a feed event no reaction answered within
//!   [`-LAG_MIN_S`](LAG_MIN_S) (`feed`, placed at its arrival less the estimated lag,
//!   confidence 0.5) and a reaction no feed event claimed within [`LAG_MAX_S`] (`crowd`, the
//!   detector's confidence). Both are `waiting` until then: a later arrival may still pair.
//!
//! The bridge (`telemetry::ingest`, `osc_in::engine`) calls [`MatchSync::feed`] for each
//! match event and [`MatchSync::reaction`] for each crowd event, with its own clock; the
//! `highlight` command aligns a recorded feed offline with the same [`answers`],
//! [`match_score`] and [`resolve`] (`highlight --events FILE --sync`).

use std::collections::VecDeque;

use resonance_engine::{CrowdEventKind, Cue};
use serde::{Deserialize, Serialize};

/// A reaction may come this long before the feed event that it answers (s).
pub const LAG_MAX_S: f64 = 30.0;
/// ... or this long after it (s; negative: the feed was early).
pub const LAG_MIN_S: f64 = -2.0;
/// The feed's lag assumed before any pair (s): the log-normal prior's median.
pub const PRIOR_LAG_S: f64 = 8.0;
/// Spread of the lag prior (natural log units).
const PRIOR_SIGMA_LOG: f64 = 0.8;
/// Pairs whose lags the estimate is the median of.
pub const LAG_PAIRS: usize = 9;
/// Moments a session keeps.
pub const MOMENTS_LEN: usize = 32;

/// Whether a crowd reaction of kind `k` can be the crowd's answer to a feed event `c`.
pub fn answers(c: Cue, k: CrowdEventKind) -> bool {
    use CrowdEventKind as K;
    match c {
        Cue::HomeGoal => k == K::GoalRoar,
        // At a home ground an away goal is met with boos or a groan, or the away end's roar;
        // a goal that names no side may be either.
        Cue::Goal | Cue::AwayGoal => matches!(k, K::GoalRoar | K::Booing | K::NearMiss),
        Cue::Card => matches!(k, K::Booing | K::Whistle),
        Cue::Penalty | Cue::KickOff | Cue::HalfTime | Cue::FullTime => k == K::Whistle,
        Cue::NearMiss => k == K::NearMiss,
        _ => false,
    }
}

/// Whether a reaction of kind `k` can answer any feed event (the kinds worth keeping).
pub fn answers_any(k: CrowdEventKind) -> bool {
    Cue::ALL.iter().any(|&c| answers(c, k))
}

/// The feed event's meaning once paired: a goal that names no side is the home side's when
/// the crowd roared and the away side's when it booed or groaned (the crowd at the
/// microphone is the home crowd); every other event keeps its own.
pub fn resolve(c: Cue, reaction: Option<CrowdEventKind>) -> Cue {
    match (c, reaction) {
        (Cue::Goal, Some(CrowdEventKind::GoalRoar)) => Cue::HomeGoal,
        (Cue::Goal, Some(CrowdEventKind::Booing | CrowdEventKind::NearMiss)) => Cue::AwayGoal,
        _ => c,
    }
}

/// Score of pairing a feed event with a reaction `lag` s before it, given the detector's
/// `confidence` and the feed's expected lag `expected` (s): 1 for the pair itself (so an
/// alignment pairs as many as it can), plus up to 0.5 for a lag near `expected` on a
/// log-normal (σ_log 0.8) and up to 0.25 for the confidence.
pub fn match_score(lag: f64, confidence: f32, expected: f64) -> f64 {
    let l = (lag.max(0.5) / expected.max(0.5)).ln() / PRIOR_SIGMA_LOG;
    1.0 + 0.5 * (-0.5 * l * l).exp() + 0.25 * f64::from(confidence.clamp(0.0, 1.0))
}

/// Where a moment's knowledge comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A feed event paired with the crowd's reaction: the reaction's moment, the feed's meaning.
    Both,
    /// A feed event with no reaction (yet).
    Feed,
    /// A crowd reaction no feed event claimed (yet).
    Crowd,
}

/// One moment of the match.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SyncMoment {
    /// When it happened (Unix ms, the bridge's clock): the reaction's arrival, or for a feed
    /// event alone its arrival less the estimated lag.
    pub at_ms: i64,
    /// The meaning: the feed's event (`home_goal`, `card`, ...; a side-less goal resolved by
    /// the pair), or the reaction's kind when the feed said nothing.
    pub kind: String,
    pub source: Source,
    /// `0..=1`: the detector's for a reaction, 0.5 for a feed event no reaction confirmed.
    pub confidence: f32,
    /// How long after the reaction the feed reported it (s), for a pair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag_s: Option<f64>,
    /// The crowd's reaction (`goal_roar`, ...), if one is part of the moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction: Option<String>,
    /// The feed's event as it arrived (`goal`, ...), if one is part of the moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed: Option<String>,
    /// When the feed event arrived (Unix ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_ms: Option<i64>,
    /// Still open to pairing (a feed event for [`-LAG_MIN_S`](LAG_MIN_S), a reaction for
    /// [`LAG_MAX_S`]).
    pub waiting: bool,
}

/// Moments that stopped waiting unpaired in one call (for the metrics).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Settled {
    pub feed_only: u64,
    pub crowd_only: u64,
}

/// A session's match sync: the feed's estimated lag and the recent moments.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MatchSync {
    /// The feed's lag behind the crowd (s): the median of its last pairs; `None` before one.
    pub lag_s: Option<f64>,
    /// Lags of the last [`LAG_PAIRS`] pairs (s), oldest first.
    pub lags: Vec<f64>,
    /// Pairs, feed events alone and reactions alone so far.
    pub paired: u64,
    pub feed_only: u64,
    pub crowd_only: u64,
    /// The recent moments, oldest first (at most [`MOMENTS_LEN`]).
    #[schema(value_type = Vec<SyncMoment>)]
    pub moments: VecDeque<SyncMoment>,
}

impl MatchSync {
    /// A feed event `cue` arriving at `now_ms`: paired with the best waiting reaction, or kept
    /// as a feed moment waiting [`-LAG_MIN_S`](LAG_MIN_S) for one. Returns the moment and
    /// what stopped waiting meanwhile.
    pub fn feed(&mut self, now_ms: i64, cue: Cue) -> (SyncMoment, Settled) {
        let settled = self.settle(now_ms);
        let expected = self.lag_s.unwrap_or(PRIOR_LAG_S);
        // No crossing: only reactions after the newest one already paired.
        let floor = self.moments.iter().filter(|m| m.source == Source::Both && m.reaction.is_some()).map(|m| m.at_ms).max();
        let best = self
            .moments
            .iter()
            .enumerate()
            .filter(|(_, m)| m.source == Source::Crowd && floor.is_none_or(|f| m.at_ms > f))
            .filter_map(|(i, m)| {
                let kind = CrowdEventKind::from_name(m.reaction.as_deref()?)?;
                let lag = (now_ms - m.at_ms) as f64 / 1000.0;
                (answers(cue, kind) && (LAG_MIN_S..=LAG_MAX_S).contains(&lag)).then(|| (i, kind, match_score(lag, m.confidence, expected)))
            })
            .max_by(|a, b| a.2.total_cmp(&b.2));
        if let Some((i, kind, _)) = best {
            let m = &mut self.moments[i];
            let lag = (now_ms - m.at_ms) as f64 / 1000.0;
            m.kind = resolve(cue, Some(kind)).as_str().to_string();
            m.source = Source::Both;
            m.lag_s = Some(lag);
            m.feed = Some(cue.as_str().to_string());
            m.feed_ms = Some(now_ms);
            m.waiting = false;
            let out = m.clone();
            self.add_lag(lag);
            return (out, settled);
        }
        let m = SyncMoment {
            at_ms: now_ms - (self.lag_s.unwrap_or(0.0).max(0.0) * 1000.0) as i64,
            kind: cue.as_str().to_string(),
            source: Source::Feed,
            confidence: 0.5,
            lag_s: None,
            reaction: None,
            feed: Some(cue.as_str().to_string()),
            feed_ms: Some(now_ms),
            waiting: true,
        };
        self.push(m.clone());
        (m, settled)
    }

    /// A crowd reaction arriving at `now_ms`: paired with a feed event that came before it
    /// (within [`-LAG_MIN_S`](LAG_MIN_S)) and is still waiting, or kept as a crowd moment
    /// waiting [`LAG_MAX_S`] for one. `None` for kinds no feed event can pair with.
    pub fn reaction(&mut self, now_ms: i64, kind: CrowdEventKind, confidence: f32) -> Option<(SyncMoment, Settled)> {
        if !answers_any(kind) {
            return None;
        }
        let settled = self.settle(now_ms);
        let waiting_feed = self.moments.iter().position(|m| {
            m.source == Source::Feed
                && m.waiting
                && m.feed.as_deref().and_then(Cue::from_name).is_some_and(|c| answers(c, kind))
                && m.feed_ms.is_some_and(|f| (f - now_ms) as f64 / 1000.0 >= LAG_MIN_S)
        });
        if let Some(i) = waiting_feed {
            let m = &mut self.moments[i];
            let lag = (m.feed_ms.unwrap_or(now_ms) - now_ms) as f64 / 1000.0;
            let cue = m.feed.as_deref().and_then(Cue::from_name).unwrap_or(Cue::Goal);
            m.at_ms = now_ms;
            m.kind = resolve(cue, Some(kind)).as_str().to_string();
            m.source = Source::Both;
            m.confidence = confidence;
            m.lag_s = Some(lag);
            m.reaction = Some(kind.as_str().to_string());
            m.waiting = false;
            let out = m.clone();
            self.add_lag(lag);
            return Some((out, settled));
        }
        let m = SyncMoment {
            at_ms: now_ms,
            kind: kind.as_str().to_string(),
            source: Source::Crowd,
            confidence,
            lag_s: None,
            reaction: Some(kind.as_str().to_string()),
            feed: None,
            feed_ms: None,
            waiting: true,
        };
        self.push(m.clone());
        Some((m, settled))
    }

    /// Ends the wait of moments no arrival can pair any more (at `now_ms`).
    pub fn settle(&mut self, now_ms: i64) -> Settled {
        let mut s = Settled::default();
        for m in self.moments.iter_mut().filter(|m| m.waiting) {
            match m.source {
                Source::Feed if m.feed_ms.is_some_and(|f| (now_ms - f) as f64 / 1000.0 > -LAG_MIN_S) => {
                    m.waiting = false;
                    s.feed_only += 1;
                }
                Source::Crowd if (now_ms - m.at_ms) as f64 / 1000.0 > LAG_MAX_S => {
                    m.waiting = false;
                    s.crowd_only += 1;
                }
                _ => {}
            }
        }
        self.feed_only += s.feed_only;
        self.crowd_only += s.crowd_only;
        s
    }

    fn add_lag(&mut self, lag: f64) {
        self.paired += 1;
        self.lags.push(lag);
        if self.lags.len() > LAG_PAIRS {
            self.lags.remove(0);
        }
        let mut sorted = self.lags.clone();
        sorted.sort_by(f64::total_cmp);
        self.lag_s = sorted.get(sorted.len() / 2).copied();
    }

    fn push(&mut self, m: SyncMoment) {
        if self.moments.len() >= MOMENTS_LEN {
            // the oldest goes; if it was still waiting, it is settled as unpaired
            if let Some(old) = self.moments.pop_front().filter(|o| o.waiting) {
                match old.source {
                    Source::Feed => self.feed_only += 1,
                    Source::Crowd => self.crowd_only += 1,
                    Source::Both => {}
                }
            }
        }
        self.moments.push_back(m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CrowdEventKind as K;

    const S: i64 = 1000;

    #[test]
    fn a_lagging_feed_labels_the_roar_and_learns_its_lag() {
        let mut s = MatchSync::default();
        let t0 = 1_000_000;
        s.reaction(t0, K::Whistle, 0.9);
        s.feed(t0 + 9 * S, Cue::KickOff);
        // a roar, then a weaker one 5 s later; the feed's goal comes 9 s after the first (its
        // lag so far): the first is the goal
        s.reaction(t0 + 100 * S, K::GoalRoar, 0.8);
        s.reaction(t0 + 105 * S, K::GoalRoar, 0.6);
        let (m, _) = s.feed(t0 + 109 * S, Cue::Goal);
        assert_eq!((m.source, m.kind.as_str(), m.at_ms), (Source::Both, "home_goal", t0 + 100 * S), "{m:?}");
        assert_eq!(s.lag_s, Some(9.0));
        // an away goal met with boos; the crowd's earlier roar (105 s) cannot be taken: no crossing
        s.reaction(t0 + 300 * S, K::Booing, 0.9);
        let (m, _) = s.feed(t0 + 308 * S, Cue::Goal);
        assert_eq!((m.source, m.kind.as_str(), m.lag_s), (Source::Both, "away_goal", Some(8.0)), "{m:?}");
        // a card the crowd never reacted to: placed at its arrival less the median lag (9, 9, 8)
        let (m, _) = s.feed(t0 + 400 * S, Cue::Card);
        assert_eq!((m.source, m.at_ms, m.confidence, m.waiting), (Source::Feed, t0 + 391 * S, 0.5, true));
        let settled = s.settle(t0 + 403 * S);
        assert_eq!(settled.feed_only, 1);
        // the 105 s roar waited 30 s unclaimed and was settled as the crowd's alone
        assert_eq!((s.paired, s.feed_only, s.crowd_only), (3, 1, 1), "{s:?}");
        assert!(s.moments.iter().any(|m| m.source == Source::Crowd && !m.waiting && m.at_ms == t0 + 105 * S));
    }

    #[test]
    fn an_early_feed_event_waits_two_seconds_for_its_reaction() {
        let mut s = MatchSync::default();
        s.feed(10 * S, Cue::HomeGoal);
        let (m, settled) = s.reaction(11 * S, K::GoalRoar, 0.7).expect("a roar answers feed events");
        assert_eq!((m.source, m.at_ms, m.lag_s), (Source::Both, 11 * S, Some(-1.0)));
        assert_eq!(settled, Settled::default());
        // too late: the next feed event stops waiting before its reaction comes
        s.feed(20 * S, Cue::HomeGoal);
        let (m, settled) = s.reaction(23 * S, K::GoalRoar, 0.7).expect("kept");
        assert_eq!((m.source, settled.feed_only), (Source::Crowd, 1));
        assert!(s.reaction(24 * S, K::ChantStart, 0.9).is_none(), "chants answer no feed event");
    }
}
