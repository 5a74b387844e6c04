//! One named session's state (a match, a campaign): latest metrics, crowd mood, target mood,
//! style, now playing, meters and a bounded event timeline.
//!
//! The whole state is serialised to JSON for storage and for `GET /api/v1/sessions/{session}`,
//! so a restart restores exactly what was answered before.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

pub use crate::clock::now_ms;
use crate::telemetry::sync::MatchSync;
use crate::telemetry::validate::{Team, TelemetryUpdate};

/// How many timeline entries a session keeps.
pub const TIMELINE_LEN: usize = 64;

/// Latest game/match metrics.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = SessionMetrics)]
pub struct Metrics {
    pub hp: Option<f64>,
    pub max_hp: Option<f64>,
    pub stress: Option<f64>,
    pub danger: Option<f64>,
    pub location: Option<String>,
    pub scene: Option<String>,
    pub score_home: Option<u32>,
    pub score_away: Option<u32>,
    pub minute: Option<u32>,
    pub last_trigger: Option<String>,
    pub last_event: Option<String>,
}

impl Metrics {
    /// `hp / max_hp` when both are known.
    pub fn hp_ratio(&self) -> Option<f64> {
        match (self.hp, self.max_hp) {
            (Some(hp), Some(max)) if max > 0.0 => Some(hp / max),
            _ => None,
        }
    }
}

/// A mood as valence/arousal/intensity (JSON view of `MoodTarget`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Mood3 {
    pub valence: f32,
    pub arousal: f32,
    pub intensity: f32,
}

impl From<Mood3> for resonance_engine::MoodTarget {
    fn from(m: Mood3) -> Self {
        Self { valence: m.valence, arousal: m.arousal, intensity: m.intensity }.sanitized()
    }
}

/// The crowd mood last reported by an engine.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CrowdMood {
    pub valence: f32,
    pub arousal: f32,
    pub label: String,
    pub confidence: f32,
    pub time: u64,
}

/// What the engine reports it is playing (or hears).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NowPlaying {
    pub title: String,
    pub artist: String,
    pub confidence: f32,
}

/// Engine meters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MetersView {
    pub input_peak_db: f32,
    pub output_peak_db: f32,
    pub limiter_gr_db: f32,
    pub duck_db: f32,
    pub momentary_lufs: Option<f32>,
    pub short_term_lufs: Option<f32>,
    pub xruns: u64,
}

/// One timeline entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TimelineEntry {
    /// Unix time in milliseconds.
    pub at_ms: i64,
    /// `trigger`, `match`, `crowd`, `stinger`, `style` (asked for), `style_changed` (an
    /// engine switched), `rule`, `sync` (a match event paired with the crowd's reaction).
    pub kind: String,
    pub name: String,
}

/// A session's full state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SessionState {
    pub name: String,
    /// Accepted telemetry updates (HTTP and OSC); the HTTP answer returns the new value.
    pub updates: u64,
    /// Director rule set in use (a factory name or a file under `DIR/rules/`).
    pub rules: String,
    pub metrics: Metrics,
    /// The scene's base mood (set by trigger rules, starts at the rule set's `[base]`).
    pub base: Mood3,
    pub crowd: Option<CrowdMood>,
    /// The target mood the director sends to engines.
    pub target: Mood3,
    /// Manual intensity from the page (`None`: the director decides).
    pub intensity_override: Option<f32>,
    /// The style asked for (by a rule, a control, or reported by an engine).
    pub style: String,
    /// The style an engine last reported playing (`/resonance/style_changed`).
    #[serde(default)]
    pub engine_style: Option<String>,
    pub now_playing: Option<NowPlaying>,
    pub meters: Option<MetersView>,
    /// Names of the level rules currently true (for edge detection).
    pub active_rules: Vec<String>,
    #[schema(value_type = Vec<TimelineEntry>)]
    pub timeline: VecDeque<TimelineEntry>,
    pub created_ms: i64,
    pub updated_ms: i64,
    /// Match events paired with the crowd's reactions: the feed's lag, recent moments.
    #[serde(default)]
    pub sync: MatchSync,
}

impl SessionState {
    /// A fresh session using the rule set `rules`, starting at its base `mood` and `style`
    /// (`RuleSet::new_session` in the director fills these in).
    pub fn new(name: &str, rules: &str, mood: Mood3, style: &str) -> Self {
        let now = now_ms();
        Self {
            name: name.to_string(),
            updates: 0,
            rules: rules.to_string(),
            metrics: Metrics::default(),
            base: mood,
            crowd: None,
            target: mood,
            intensity_override: None,
            style: style.to_string(),
            engine_style: None,
            now_playing: None,
            meters: None,
            active_rules: Vec::new(),
            timeline: VecDeque::new(),
            created_ms: now,
            updated_ms: now,
            sync: MatchSync::default(),
        }
    }

    /// Appends to the timeline, dropping the oldest entry when full.
    pub fn log(&mut self, kind: &str, name: &str) {
        if self.timeline.len() >= TIMELINE_LEN {
            self.timeline.pop_front();
        }
        self.timeline.push_back(TimelineEntry { at_ms: now_ms(), kind: kind.to_string(), name: name.to_string() });
    }

    /// Merges a validated update into the metrics (absent fields keep their value).
    pub fn apply(&mut self, u: &TelemetryUpdate) {
        let m = &mut self.metrics;
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = &u.$f { m.$f = Some(v.clone()); } )* };
        }
        set!(hp, max_hp, stress, danger, location, scene, score_home, score_away, minute);
        if let Some(t) = &u.trigger {
            m.last_trigger = Some(t.clone());
        }
        if let Some(e) = &u.event {
            let name = match (e.as_str(), u.team) {
                ("goal", Some(Team::Home)) => "home_goal".to_string(),
                ("goal", Some(Team::Away)) => "away_goal".to_string(),
                _ => e.clone(),
            };
            m.last_event = Some(name);
        }
        if let Some(t) = &u.trigger {
            self.log("trigger", t);
        }
        if let Some(e) = self.metrics.last_event.clone().filter(|_| u.event.is_some()) {
            self.log("match", &e);
        }
        self.updates += 1;
        self.updated_ms = now_ms();
    }
}
