//! The engine's parameters: stable string IDs, ranges, defaults and value/text conversion.
//!
//! Hosts, presets, MIDI maps and the bridge all name parameters by [`ParamInfo::id`], which never
//! changes once released. Values are plain (in the parameter's unit), not normalised.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// What kind of value a parameter holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParamKind {
    /// Continuous.
    Float,
    /// `0.0` or `1.0`.
    Bool,
    /// Integer steps from `min` to `max`, with names.
    Enum(&'static [&'static str]),
}

/// Static description of one parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamInfo {
    /// The parameter described.
    pub param: ParamId,
    /// Stable identifier, used in presets, MIDI maps, OSC and plugin state.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Lowest plain value.
    pub min: f32,
    /// Highest plain value.
    pub max: f32,
    /// Default plain value.
    pub default: f32,
    /// Unit shown after the value (may be empty).
    pub unit: &'static str,
    /// How the value is shown and stepped.
    pub kind: ParamKind,
}

/// Names of the mood sources, in [`crate::types::MoodSource`] order.
pub const MOOD_SOURCES: &[&str] = &["analysis", "telemetry", "manual"];
/// Names of the music bus's loudness profiles, in [`crate::synth::Profile`] order.
pub const LOUDNESS_PROFILES: &[&str] = &["broadcast", "streaming"];

/// Every engine parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ParamId {
    /// The music bus level in dB (−60..=6).
    MusicLevel,
    /// Balance of input and music: 0 input only, 0.5 both at unity, 1 music only.
    DryWet,
    /// How much the music leans into the mood (0..=1).
    Intensity,
    /// Index of the active style in the engine's style table.
    Style,
    /// Where the music's mood comes from: crowd analysis, telemetry or manual.
    MoodSource,
    /// The manual mood's valence (−1..=1), used when the mood source is manual.
    ManualValence,
    /// The manual mood's arousal (−1..=1), used when the mood source is manual.
    ManualArousal,
    /// Freeze the music's current mood target (a switch).
    HoldMood,
    /// How far the music ducks under the programme or commentary, in dB (0..=24).
    Ducking,
    /// Crowd event detection sensitivity (0..=1).
    Sensitivity,
    /// Music recognition of the programme on or off (a switch).
    Recognition,
    /// Bypass: the input passes unchanged (crossfaded).
    Bypass,
    /// The music bus's loudness target: EBU R 128 broadcast (−23 LUFS) or streaming (−14 LUFS).
    LoudnessProfile,
}

/// Number of parameters.
pub const PARAM_COUNT: usize = 13;

const INFO: [ParamInfo; PARAM_COUNT] = [
    ParamInfo {
        param: ParamId::MusicLevel,
        id: "music_level",
        name: "Music level",
        min: -60.0,
        max: 6.0,
        default: -6.0,
        unit: "dB",
        kind: ParamKind::Float,
    },
    ParamInfo {
        param: ParamId::DryWet,
        id: "dry_wet",
        name: "Dry/wet",
        min: 0.0,
        max: 1.0,
        // Both the input and the music at unity; 0 = input only, 1 = music only.
        default: 0.5,
        unit: "",
        kind: ParamKind::Float,
    },
    ParamInfo {
        param: ParamId::Intensity,
        id: "intensity",
        name: "Intensity",
        min: 0.0,
        max: 1.0,
        default: 0.5,
        unit: "",
        kind: ParamKind::Float,
    },
    // The style table is set at prepare(); presets validate the index against it.
    ParamInfo { param: ParamId::Style, id: "style", name: "Style", min: 0.0, max: 15.0, default: 0.0, unit: "", kind: ParamKind::Float },
    ParamInfo {
        param: ParamId::MoodSource,
        id: "mood_source",
        name: "Mood source",
        min: 0.0,
        max: 2.0,
        default: 0.0,
        unit: "",
        kind: ParamKind::Enum(MOOD_SOURCES),
    },
    ParamInfo {
        param: ParamId::ManualValence,
        id: "manual_valence",
        name: "Manual valence",
        min: -1.0,
        max: 1.0,
        default: 0.0,
        unit: "",
        kind: ParamKind::Float,
    },
    ParamInfo {
        param: ParamId::ManualArousal,
        id: "manual_arousal",
        name: "Manual arousal",
        min: -1.0,
        max: 1.0,
        default: 0.0,
        unit: "",
        kind: ParamKind::Float,
    },
    ParamInfo {
        param: ParamId::HoldMood,
        id: "hold_mood",
        name: "Hold mood",
        min: 0.0,
        max: 1.0,
        default: 0.0,
        unit: "",
        kind: ParamKind::Bool,
    },
    ParamInfo {
        param: ParamId::Ducking,
        id: "ducking",
        name: "Ducking",
        min: 0.0,
        max: 24.0,
        default: 9.0,
        unit: "dB",
        kind: ParamKind::Float,
    },
    ParamInfo {
        param: ParamId::Sensitivity,
        id: "sensitivity",
        name: "Analysis sensitivity",
        min: 0.0,
        max: 1.0,
        default: 0.5,
        unit: "",
        kind: ParamKind::Float,
    },
    ParamInfo {
        param: ParamId::Recognition,
        id: "recognition",
        name: "Recognition",
        min: 0.0,
        max: 1.0,
        default: 1.0,
        unit: "",
        kind: ParamKind::Bool,
    },
    ParamInfo { param: ParamId::Bypass, id: "bypass", name: "Bypass", min: 0.0, max: 1.0, default: 0.0, unit: "", kind: ParamKind::Bool },
    ParamInfo {
        param: ParamId::LoudnessProfile,
        id: "loudness_profile",
        name: "Loudness profile",
        min: 0.0,
        max: 1.0,
        default: 0.0,
        unit: "",
        kind: ParamKind::Enum(LOUDNESS_PROFILES),
    },
];

impl ParamId {
    /// Every parameter, in a stable order (the index is the parameter's slot).
    pub const ALL: [ParamId; PARAM_COUNT] = [
        ParamId::MusicLevel,
        ParamId::DryWet,
        ParamId::Intensity,
        ParamId::Style,
        ParamId::MoodSource,
        ParamId::ManualValence,
        ParamId::ManualArousal,
        ParamId::HoldMood,
        ParamId::Ducking,
        ParamId::Sensitivity,
        ParamId::Recognition,
        ParamId::Bypass,
        ParamId::LoudnessProfile,
    ];

    /// Slot index in [`ParamId::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The parameter's static description.
    pub const fn info(self) -> &'static ParamInfo {
        &INFO[self as usize]
    }

    /// Looks a parameter up by its stable string ID.
    pub fn from_id(id: &str) -> Option<Self> {
        INFO.iter().find(|i| i.id == id).map(|i| i.param)
    }

    /// Every stable string ID, for error messages.
    pub fn ids() -> impl Iterator<Item = &'static str> {
        INFO.iter().map(|i| i.id)
    }
}

impl ParamInfo {
    /// Clamps to range, rounds steps, and maps NaN to the default.
    pub fn clamp(&self, value: f32) -> f32 {
        if !value.is_finite() {
            return if value.is_nan() {
                self.default
            } else if value > 0.0 {
                self.max
            } else {
                self.min
            };
        }
        let v = value.clamp(self.min, self.max);
        match self.kind {
            ParamKind::Float => v,
            ParamKind::Bool => {
                if v >= 0.5 {
                    1.0
                } else {
                    0.0
                }
            }
            ParamKind::Enum(_) => v.round(),
        }
    }

    /// Maps a plain value to `0..=1`.
    pub fn normalize(&self, value: f32) -> f32 {
        ((self.clamp(value) - self.min) / (self.max - self.min)).clamp(0.0, 1.0)
    }

    /// Maps `0..=1` to a plain value.
    pub fn denormalize(&self, normalized: f32) -> f32 {
        let n = if normalized.is_finite() { normalized.clamp(0.0, 1.0) } else { 0.0 };
        self.clamp(self.min + n * (self.max - self.min))
    }

    /// Human-readable text for a plain value.
    pub fn format(&self, value: f32) -> String {
        let v = self.clamp(value);
        match self.kind {
            ParamKind::Bool => (if v >= 0.5 { "on" } else { "off" }).to_string(),
            ParamKind::Enum(names) => names.get(v as usize).copied().unwrap_or("?").to_string(),
            ParamKind::Float if self.unit == "dB" => format!("{v:.1} dB"),
            ParamKind::Float => format!("{v:.2}"),
        }
    }

    /// Parses text produced by [`ParamInfo::format`] (or a bare number); `None` if it is not
    /// understood.
    pub fn parse(&self, text: &str) -> Option<f32> {
        let t = text.trim();
        match self.kind {
            ParamKind::Bool => match t.to_ascii_lowercase().as_str() {
                "on" | "true" | "yes" | "1" => Some(1.0),
                "off" | "false" | "no" | "0" => Some(0.0),
                _ => None,
            },
            ParamKind::Enum(names) => names
                .iter()
                .position(|n| n.eq_ignore_ascii_case(t))
                .map(|i| i as f32)
                .or_else(|| t.parse::<f32>().ok().filter(|v| v.is_finite()).map(|v| self.clamp(v))),
            ParamKind::Float => {
                let num = t.trim_end_matches(self.unit).trim();
                num.parse::<f32>().ok().filter(|v| v.is_finite()).map(|v| self.clamp(v))
            }
        }
    }
}

/// A full set of plain parameter values, indexed by [`ParamId::index`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamValues(pub [f32; PARAM_COUNT]);

impl Default for ParamValues {
    fn default() -> Self {
        let mut v = [0.0; PARAM_COUNT];
        for (slot, info) in v.iter_mut().zip(INFO.iter()) {
            *slot = info.default;
        }
        Self(v)
    }
}

impl ParamValues {
    /// The plain value of `id`.
    pub fn get(&self, id: ParamId) -> f32 {
        self.0[id.index()]
    }

    /// Sets a value, clamped to the parameter's range.
    pub fn set(&mut self, id: ParamId, value: f32) {
        self.0[id.index()] = id.info().clamp(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_indexed_in_order() {
        for (i, p) in ParamId::ALL.iter().enumerate() {
            assert_eq!(p.index(), i);
            assert_eq!(p.info().param, *p);
            assert_eq!(ParamId::from_id(p.info().id), Some(*p));
        }
        let mut ids: Vec<_> = ParamId::ids().collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), PARAM_COUNT);
    }

    #[test]
    fn text_round_trips_and_nan_falls_back_to_default() {
        for p in ParamId::ALL {
            let info = p.info();
            for v in [info.min, info.default, info.max] {
                let text = info.format(v);
                let back = info.parse(&text).unwrap_or_else(|| panic!("{} does not parse {text:?}", info.id));
                assert!((back - info.clamp(v)).abs() < 0.06, "{}: {v} -> {text} -> {back}", info.id);
            }
            assert_eq!(info.clamp(f32::NAN), info.default);
            assert_eq!(info.clamp(f32::INFINITY), info.max);
            assert!((info.denormalize(info.normalize(info.default)) - info.default).abs() < 1e-4);
        }
        assert_eq!(ParamId::MoodSource.info().parse("Manual"), Some(2.0));
        assert_eq!(ParamId::Bypass.info().parse("maybe"), None);
    }
}
