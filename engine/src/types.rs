//! Plain `Copy` data that crosses threads: commands into the engine and telemetry out of it.
//!
//! Everything here is safe to send through a lock-free queue and to copy on the audio thread.
//! The bridge, the plugin's OSC thread and the CLI depend on these types (with the `serde`
//! feature), never on the processors themselves.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Position on the engine's sample clock: samples since the last `reset()`/`prepare()`.
pub type SampleTime = u64;

/// The mood labels the crowd analyser reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MoodLabel {
    /// Quiet or no crowd at all (reported with a low confidence when nothing is heard).
    #[default]
    Calm,
    /// Build-up: rising arousal before a possible event.
    Anticipation,
    /// Nervous, negative-leaning arousal.
    Tension,
    /// High arousal, positive valence.
    Excitement,
    /// A roar of joy (after a goal or a win).
    Celebration,
    /// A groan or falling, negative valence.
    Disappointment,
    /// Rhythmic crowd singing or chanting.
    Chanting,
}

impl MoodLabel {
    /// Every label, in a stable order (used for confusion matrices and UIs).
    pub const ALL: [MoodLabel; 7] = [
        MoodLabel::Calm,
        MoodLabel::Anticipation,
        MoodLabel::Tension,
        MoodLabel::Excitement,
        MoodLabel::Celebration,
        MoodLabel::Disappointment,
        MoodLabel::Chanting,
    ];

    /// The snake_case name used in JSON, OSC and presets.
    pub const fn as_str(self) -> &'static str {
        match self {
            MoodLabel::Calm => "calm",
            MoodLabel::Anticipation => "anticipation",
            MoodLabel::Tension => "tension",
            MoodLabel::Excitement => "excitement",
            MoodLabel::Celebration => "celebration",
            MoodLabel::Disappointment => "disappointment",
            MoodLabel::Chanting => "chanting",
        }
    }

    /// Parses a snake_case name; `None` for an unknown label.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

/// Continuous mood: valence and arousal in `[-1, 1]`, plus a label with a confidence.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MoodSnapshot {
    /// Engine sample time at which this estimate was made.
    pub time: SampleTime,
    /// Valence in `[-1, 1]` (negative to positive).
    pub valence: f32,
    /// Arousal in `[-1, 1]` (calm to excited).
    pub arousal: f32,
    /// The label the estimate falls in.
    pub label: MoodLabel,
    /// `0..=1`; low when no crowd is heard.
    pub confidence: f32,
}

/// A target mood for the music (from analysis, telemetry or a manual override).
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MoodTarget {
    /// `-1..=1`
    pub valence: f32,
    /// `-1..=1`
    pub arousal: f32,
    /// `0..=1`: how much music (layers, density) on top of what the mood implies.
    pub intensity: f32,
}

impl Default for MoodTarget {
    fn default() -> Self {
        Self { valence: 0.0, arousal: -0.3, intensity: 0.5 }
    }
}

impl MoodTarget {
    /// Clamps every field into range and replaces non-finite values by the default.
    #[must_use]
    pub fn sanitized(self) -> Self {
        let d = Self::default();
        let fix = |v: f32, lo: f32, hi: f32, dv: f32| if v.is_finite() { v.clamp(lo, hi) } else { dv };
        Self {
            valence: fix(self.valence, -1.0, 1.0, d.valence),
            arousal: fix(self.arousal, -1.0, 1.0, d.arousal),
            intensity: fix(self.intensity, 0.0, 1.0, d.intensity),
        }
    }
}

/// Crowd events the analyser detects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum CrowdEventKind {
    /// A sudden, loud, sustained crowd roar.
    GoalRoar,
    /// A referee-like whistle (see [`WhistleKind`]).
    Whistle,
    /// Broadband clapping.
    Applause,
    /// A chant began.
    ChantStart,
    /// The chant ended.
    ChantEnd,
    /// Low, sustained, voiced disapproval.
    Booing,
    /// A surge that falls back quickly (an "ooh").
    NearMiss,
}

impl CrowdEventKind {
    /// Every kind, in a stable order.
    pub const ALL: [CrowdEventKind; 7] = [
        CrowdEventKind::GoalRoar,
        CrowdEventKind::Whistle,
        CrowdEventKind::Applause,
        CrowdEventKind::ChantStart,
        CrowdEventKind::ChantEnd,
        CrowdEventKind::Booing,
        CrowdEventKind::NearMiss,
    ];

    /// The snake_case name used in JSON and OSC.
    pub const fn as_str(self) -> &'static str {
        match self {
            CrowdEventKind::GoalRoar => "goal_roar",
            CrowdEventKind::Whistle => "whistle",
            CrowdEventKind::Applause => "applause",
            CrowdEventKind::ChantStart => "chant_start",
            CrowdEventKind::ChantEnd => "chant_end",
            CrowdEventKind::Booing => "booing",
            CrowdEventKind::NearMiss => "near_miss",
        }
    }

    /// The kind named by its snake_case name ([`CrowdEventKind::as_str`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// Sub-type of a whistle (short blast, long blast, repeated blasts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum WhistleKind {
    /// One short blast.
    #[default]
    Short,
    /// One long blast.
    Long,
    /// Several blasts in a row.
    Repeated,
}

/// One detected crowd event, timestamped to the sample at which it began.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct CrowdEvent {
    /// What happened.
    pub kind: CrowdEventKind,
    /// Sample time of the event's onset (not of its detection).
    pub onset: SampleTime,
    /// Sample time at which the detector decided (onset + latency).
    pub detected: SampleTime,
    /// `0..=1`
    pub confidence: f32,
    /// Only meaningful for [`CrowdEventKind::Whistle`].
    pub whistle: WhistleKind,
}

/// Cues that fire stingers and steer the music: match and game events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Cue {
    /// A goal (neutral side).
    Goal,
    /// The home side scored.
    HomeGoal,
    /// The away side scored.
    AwayGoal,
    /// A card was shown.
    Card,
    /// A penalty was given.
    Penalty,
    /// Kick-off.
    KickOff,
    /// Half time.
    HalfTime,
    /// Full time.
    FullTime,
    /// A near miss.
    NearMiss,
    /// Games: the player won.
    Victory,
    /// Games: the player lost.
    Defeat,
    /// Games: a level-up.
    LevelUp,
    /// Games: health is critical.
    CriticalHp,
    /// Games: a boss appears.
    BossAppears,
    /// Games: the player died.
    Death,
    /// A pause: the music settles.
    Rest,
}

impl Cue {
    /// Every cue, in a stable order.
    pub const ALL: [Cue; 16] = [
        Cue::Goal,
        Cue::HomeGoal,
        Cue::AwayGoal,
        Cue::Card,
        Cue::Penalty,
        Cue::KickOff,
        Cue::HalfTime,
        Cue::FullTime,
        Cue::NearMiss,
        Cue::Victory,
        Cue::Defeat,
        Cue::LevelUp,
        Cue::CriticalHp,
        Cue::BossAppears,
        Cue::Death,
        Cue::Rest,
    ];

    /// The snake_case name used in JSON, OSC and MIDI maps.
    pub const fn as_str(self) -> &'static str {
        match self {
            Cue::Goal => "goal",
            Cue::HomeGoal => "home_goal",
            Cue::AwayGoal => "away_goal",
            Cue::Card => "card",
            Cue::Penalty => "penalty",
            Cue::KickOff => "kick_off",
            Cue::HalfTime => "half_time",
            Cue::FullTime => "full_time",
            Cue::NearMiss => "near_miss",
            Cue::Victory => "victory",
            Cue::Defeat => "defeat",
            Cue::LevelUp => "level_up",
            Cue::CriticalHp => "critical_hp",
            Cue::BossAppears => "boss_appears",
            Cue::Death => "death",
            Cue::Rest => "rest",
        }
    }

    /// The cue named by its snake_case name ([`Cue::as_str`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// When a musical change takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Quantize {
    /// Now (next sample).
    Immediate,
    /// On the next beat.
    Beat,
    /// On the next bar.
    #[default]
    Bar,
    /// On the next phrase.
    Phrase,
}

impl Quantize {
    /// Every kind, in the order of their names' documentation.
    pub const ALL: [Self; 4] = [Self::Immediate, Self::Beat, Self::Bar, Self::Phrase];

    /// The name used in OSC, JSON, TOML and on the command line (`immediate`, `beat`, `bar`,
    /// `phrase`): the one table every crate reads.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Beat => "beat",
            Self::Bar => "bar",
            Self::Phrase => "phrase",
        }
    }

    /// The kind called `name` ([`Quantize::name`]), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.name() == name)
    }
}

/// Where the music's target mood comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MoodSource {
    /// The engine's own crowd analysis.
    #[default]
    Analysis,
    /// Target moods sent by the bridge (game/match telemetry through the director).
    Telemetry,
    /// The manual valence/arousal parameters.
    Manual,
}

/// A command for the audio thread. Sent through a bounded SPSC queue; see
/// [`crate::CommandSender::send`] for what happens when it is full.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Command {
    /// Set a parameter (plain value, in the parameter's own unit).
    SetParam {
        /// The parameter.
        id: crate::params::ParamId,
        /// Plain value.
        value: f32,
    },
    /// A target mood from telemetry (used when the mood source is `Telemetry`).
    TelemetryMood(MoodTarget),
    /// Overrides whatever the mood source says until [`Command::ClearMoodOverride`].
    MoodOverride(MoodTarget),
    /// Ends a [`Command::MoodOverride`].
    ClearMoodOverride,
    /// Fire a cue (stinger / musical reaction).
    Cue(Cue),
    /// Switch to the style at this index of the engine's style table at the given boundary.
    SetStyle {
        /// Index in the style table.
        index: u16,
        /// The musical boundary to switch on.
        quantize: Quantize,
    },
    /// The copyright guard's programme gain (decision record 0061): ramps the main input alone
    /// (never the music or the sidechain) to `gain_db` over `fade_ms`. A duck (below 0 dB)
    /// lapses by itself `lease_ms` after the last such command, fading back to unity; 0 dB
    /// releases at once. Sanitised: above 0 dB or NaN is unity, below −120 dB mutes, the fade
    /// is clamped to 1–5000 ms and the lease to 100–600,000 ms.
    Guard {
        /// Target gain of the programme in dB (≤ 0; −inf mutes).
        gain_db: f32,
        /// Length of the linear fade in milliseconds.
        fade_ms: u16,
        /// How long a duck holds without a renewal, in milliseconds.
        lease_ms: u32,
    },
}

/// Meters and counters, published as the latest value (triple buffer), not queued.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Meters {
    /// Samples processed since the last reset.
    pub time: SampleTime,
    /// The prepared sample rate (Hz).
    pub sample_rate: f32,
    /// Peak of the (sanitised) input in dBFS over the last block.
    pub input_peak_db: f32,
    /// Peak of the output in dBFS over the last block.
    pub output_peak_db: f32,
    /// Output limiter gain reduction in dB (>= 0).
    pub limiter_gr_db: f32,
    /// Music ducking gain in dB (<= 0).
    pub duck_db: f32,
    /// Non-finite input samples replaced since the last reset.
    pub sanitized_samples: u64,
    /// Telemetry items dropped because the outgoing queue was full.
    pub dropped_telemetry: u64,
    /// Fingerprint landmarks dropped because their queue was full.
    pub dropped_landmarks: u64,
    /// Index of the active style.
    pub style: u16,
    /// The latest mood estimate.
    pub mood: MoodSnapshot,
    /// The music's current target mood.
    pub target: MoodTargetCopy,
    /// Momentary (400 ms) loudness of the music bus as delivered, LUFS (EBU R 128), updated
    /// every 100 ms; −inf before the first measurement (0 in `Meters::default()`).
    pub music_momentary_lufs: f32,
    /// Short-term (3 s) loudness of the music bus as delivered, LUFS; as above.
    pub music_short_term_lufs: f32,
    /// The copyright guard's programme gain at the end of the block, dB (0: not ducked;
    /// −144: muted).
    pub guard_db: f32,
    /// Guard leases that lapsed (the bridge stopped renewing a duck) since the last reset.
    pub guard_lapses: u64,
}

/// [`MoodTarget`] with a `Default` of all zeros, for [`Meters`].
#[derive(Clone, Copy, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MoodTargetCopy {
    /// As [`MoodTarget::valence`].
    pub valence: f32,
    /// As [`MoodTarget::arousal`].
    pub arousal: f32,
    /// As [`MoodTarget::intensity`].
    pub intensity: f32,
}

impl From<MoodTarget> for MoodTargetCopy {
    fn from(t: MoodTarget) -> Self {
        Self { valence: t.valence, arousal: t.arousal, intensity: t.intensity }
    }
}

/// One fingerprint landmark: a 32-bit hash of a peak pair and the analysis frame of its anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Landmark {
    /// Hash of the peak pair (`f1`, `f2`, `dt`), [`crate::fingerprint::HASH_BITS`] bits.
    pub hash: u32,
    /// Frame index (at the fingerprinter's hop) of the anchor peak.
    pub frame: u32,
}

/// Telemetry the audio thread emits, in order, through a bounded SPSC queue.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(tag = "type", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Telemetry {
    /// A new mood estimate (emitted a few times per second).
    Mood(MoodSnapshot),
    /// A detected crowd event.
    Event(CrowdEvent),
    /// A cue was accepted and its stinger scheduled at `at`.
    CueScheduled {
        /// The cue.
        cue: Cue,
        /// When its stinger starts.
        at: SampleTime,
    },
    /// The active style changed at `at`.
    StyleChanged {
        /// Index of the new style in the style table.
        index: u16,
        /// When the change took effect.
        at: SampleTime,
    },
}

#[cfg(test)]
mod tests {
    use super::Quantize;

    #[test]
    fn every_quantize_name_reads_back_and_unknown_names_are_refused() {
        for q in Quantize::ALL {
            assert_eq!(Quantize::from_name(q.name()), Some(q));
        }
        let names: std::collections::HashSet<_> = Quantize::ALL.iter().map(|q| q.name()).collect();
        assert_eq!(names.len(), Quantize::ALL.len(), "names are distinct");
        assert_eq!(Quantize::from_name("Bar"), None, "names are lower case");
        assert_eq!(Quantize::from_name(""), None);
    }
}
