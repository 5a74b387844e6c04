//! Scripted emotional arcs (`--arc ARC.json`) and the offline music renderer that follows one.
//!
//! ```json
//! {"duration_s": 120,
//!  "mood":   [{"t": 0, "valence": 0.2, "arousal": -0.5}, {"t": 60, "valence": 0.8, "arousal": 0.9, "intensity": 1.0}],
//!  "events": [{"t": 42.5, "kind": "goal"}]}
//! ```
//!
//! The mood is interpolated linearly between points (held before the first and after the
//! last); `intensity` is optional (0.5). Event kinds are cue names (`goal`, `card`,
//! `penalty`, `half_time`, `full_time`, ...). Python's `json` writes `NaN`/`Infinity` for
//! non-finite floats; those tokens are read so that the error can name the entry.

use anyhow::{Result, bail};
use resonance_engine::synth::{Profile, Style, Synth, offline};
use resonance_engine::{Cue, MoodTarget};
use serde_json::Value;

/// One point of the mood curve.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct MoodPoint {
    pub t: f64,
    pub valence: f32,
    pub arousal: f32,
    pub intensity: f32,
}

/// A timed cue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArcEvent {
    pub t: f64,
    pub cue: Cue,
}

/// A validated arc.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Arc {
    pub duration_s: f64,
    pub mood: Vec<MoodPoint>,
    pub events: Vec<ArcEvent>,
}

/// Quotes bare `NaN`, `Infinity` and `-Infinity` outside strings so that serde_json reads them
/// as strings and validation can report the entry.
fn quote_non_finite(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_str = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_str {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if c == '"' {
            in_str = true;
        }
        let mut matched = false;
        for tok in ["-Infinity", "Infinity", "NaN"] {
            if rest.starts_with(tok) {
                out.push('"');
                out.push_str(tok);
                out.push('"');
                rest = &rest[tok.len()..];
                matched = true;
                break;
            }
        }
        if !matched {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn number(entry: &Value, field: &str, at: &str, required: bool) -> Result<Option<f64>> {
    match entry.get(field) {
        None | Some(Value::Null) if !required => Ok(None),
        None | Some(Value::Null) => bail!("{at}.{field} is missing; every entry needs a number `{field}`"),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(v) if v.is_finite() => Ok(Some(v)),
            _ => bail!("{at}.{field} is not a finite number; use a plain number"),
        },
        Some(Value::String(s)) if matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity") => {
            bail!("{at}.{field} is {s}; use a finite number")
        }
        Some(other) => bail!("{at}.{field} must be a number, found {other}"),
    }
}

impl Arc {
    /// Parses and validates arc JSON. `file` names the source in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let v: Value = serde_json::from_str(&quote_non_finite(text))
            .map_err(|e| anyhow::anyhow!("{file}: not valid JSON ({e}); expected {{\"duration_s\":..,\"mood\":[..],\"events\":[..]}}"))?;
        let Some(obj) = v.as_object() else { bail!("{file}: the arc must be a JSON object with duration_s, mood and events") };
        for key in obj.keys() {
            if !matches!(key.as_str(), "duration_s" | "mood" | "events") {
                bail!("{file}: unknown key `{key}`; an arc has duration_s, mood and events");
            }
        }
        let duration_s = number(&v, "duration_s", file, true)?.unwrap_or(0.0);
        if duration_s <= 0.0 || duration_s > 24.0 * 3600.0 {
            bail!("{file}: duration_s = {duration_s} is out of range; use 0 < duration_s <= 86400 seconds");
        }
        let mut arc = Arc { duration_s, ..Arc::default() };
        let list = |key: &str| -> Result<Vec<Value>> {
            match v.get(key) {
                None => Ok(Vec::new()),
                Some(Value::Array(a)) => Ok(a.clone()),
                Some(other) => bail!("{file}: `{key}` must be a list, found {other}"),
            }
        };
        let mut last = f64::NEG_INFINITY;
        for (i, e) in list("mood")?.iter().enumerate() {
            let at = format!("{file}: mood[{i}]");
            let t = number(e, "t", &at, true)?.unwrap_or(0.0);
            if t < 0.0 {
                bail!("{at}.t = {t} is negative; times are seconds from the start");
            }
            if t < last {
                bail!("{at}.t = {t} comes before the previous entry ({last}); sort the mood points by time");
            }
            last = t;
            let val = |field: &str, lo: f64, hi: f64, default: f64| -> Result<f32> {
                let x = number(e, field, &at, default.is_nan())?.unwrap_or(default);
                if x < lo || x > hi {
                    bail!("{at}.{field} = {x} is out of range; use {lo}..={hi}");
                }
                Ok(x as f32)
            };
            let valence = val("valence", -1.0, 1.0, f64::NAN)?;
            let arousal = val("arousal", -1.0, 1.0, f64::NAN)?;
            let intensity = val("intensity", 0.0, 1.0, 0.5)?;
            arc.mood.push(MoodPoint { t, valence, arousal, intensity });
        }
        let mut last = f64::NEG_INFINITY;
        for (i, e) in list("events")?.iter().enumerate() {
            let at = format!("{file}: events[{i}]");
            let t = number(e, "t", &at, true)?.unwrap_or(0.0);
            if t < 0.0 {
                bail!("{at}.t = {t} is negative; times are seconds from the start");
            }
            if t < last {
                bail!("{at}.t = {t} comes before the previous event ({last}); sort the events by time");
            }
            last = t;
            let kind = e.get("kind").and_then(Value::as_str).unwrap_or_default();
            let Some(cue) = cue_from_name(kind) else {
                let known: Vec<&str> = Cue::ALL.iter().map(|c| c.as_str()).collect();
                bail!("{at}.kind `{kind}` is not a known event kind; known kinds: {}", known.join(", "));
            };
            arc.events.push(ArcEvent { t, cue });
        }
        Ok(arc)
    }

    /// Reads and parses an arc file.
    pub fn load(path: &std::path::Path) -> Result<Self> {
        let text =
            std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read the arc {}: {e}; check the path", path.display()))?;
        Self::parse(&path.display().to_string(), &text)
    }

    /// The target mood at time `t` (seconds).
    pub fn target_at(&self, t: f64) -> MoodTarget {
        let Some(first) = self.mood.first() else { return MoodTarget::default() };
        let p = self.mood.partition_point(|m| m.t <= t);
        let m = if p == 0 {
            *first
        } else if p >= self.mood.len() {
            self.mood[self.mood.len() - 1]
        } else {
            let (a, b) = (self.mood[p - 1], self.mood[p]);
            let span = b.t - a.t;
            let x = if span > 0.0 { ((t - a.t) / span) as f32 } else { 1.0 };
            MoodPoint {
                t,
                valence: a.valence + (b.valence - a.valence) * x,
                arousal: a.arousal + (b.arousal - a.arousal) * x,
                intensity: a.intensity + (b.intensity - a.intensity) * x,
            }
        };
        MoodTarget { valence: m.valence, arousal: m.arousal, intensity: m.intensity }
    }
}

/// Cue names, plus the match-data spellings people use.
pub fn cue_from_name(name: &str) -> Option<Cue> {
    let n = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    Cue::from_name(&n).or(match n.as_str() {
        "yellow_card" | "red_card" => Some(Cue::Card),
        "halftime" => Some(Cue::HalfTime),
        "fulltime" | "final_whistle" => Some(Cue::FullTime),
        "kickoff" => Some(Cue::KickOff),
        _ => None,
    })
}

/// What an offline music render did.
#[derive(Debug, Default, Clone)]
pub struct MusicReport {
    /// Stingers scheduled: cue, requested time (s), audible time (s).
    pub stingers: Vec<(Cue, f64, f64)>,
    /// Cues refused by the rate limit.
    pub dropped_cues: u64,
    pub output_lufs: f32,
}

/// What to render: a style following an arc.
#[derive(Debug, Clone, Copy)]
pub struct MusicJob<'a> {
    pub style: &'a Style,
    pub arc: &'a Arc,
    pub seed: u64,
    pub profile: Profile,
    pub rate: u32,
    /// Play the style's `[style.soundfont]` layers (a General MIDI mapping if it has none)
    /// from this SoundFont.
    pub soundfont: Option<&'a std::sync::Arc<resonance_engine::synth::soundfont::SoundFont>>,
}

/// The SoundFont a music render plays: `explicit` (`--soundfont`; an unreadable file is an
/// error), else the default SoundFont when `style` maps layers to one (styles that imply
/// acoustic instruments). Without a default, says so on stderr and returns `None`: the
/// synthesised voices play.
///
/// # Errors
/// The explicit file cannot be read or parsed.
pub fn soundfont_for(
    explicit: Option<&std::path::Path>,
    style: &resonance_engine::synth::Style,
) -> Result<Option<std::sync::Arc<resonance_engine::synth::soundfont::SoundFont>>> {
    use resonance_engine::synth::soundfont;
    if let Some(path) = explicit {
        return Ok(Some(soundfont::load(path)?));
    }
    if !style.soundfont.any() {
        return Ok(None);
    }
    match soundfont::load_default() {
        Ok(sf) => Ok(Some(sf)),
        Err(why) => {
            eprintln!("warning: sampled instruments unavailable, the synthesised voices play instead: {why}");
            Ok(None)
        }
    }
}

/// Renders the music of `job` and streams interleaved stereo blocks to `write`, through the
/// engine's offline renderer ([`resonance_engine::synth::offline`]): one static loudness
/// gain found by measuring passes (decision record 0024), so the arc's dynamics are kept
/// exactly, the whole lands on target at any length, and the render stays bit-identical for a
/// seed; every event's stinger starts on a bar line planned onto the event's time (sync
/// points, decision record 0045), and the music ends on a cadence under a 4-second fade. Progress: the measuring passes fill the first half of `progress`'s `0..frames`, the
/// written pass the second.
pub fn render_music(job: &MusicJob<'_>, write: &mut dyn FnMut(&[f32]) -> Result<()>, progress: &mut dyn FnMut(u64)) -> Result<MusicReport> {
    let MusicJob { style, rate, soundfont, profile, seed, arc, .. } = *job;
    let mut synth = match soundfont {
        Some(sf) => {
            let mut style = style.clone();
            if !style.soundfont.any() {
                style.soundfont = resonance_engine::synth::SoundFontMap::general_midi();
            }
            Synth::new(rate as f32, offline::BLOCK, std::slice::from_ref(&style), seed).with_soundfont(sf)?
        }
        None => Synth::new(rate as f32, offline::BLOCK, std::slice::from_ref(style), seed),
    };
    let cues: Vec<(f64, Cue)> = arc.events.iter().map(|e| (e.t, e.cue)).collect();
    let target_at = |t: f64| arc.target_at(t);
    let plan = offline::Plan { duration_s: arc.duration_s, target_at: &target_at, cues: &cues, cue_lead_s: 0.0, sync: true, ending: true };
    let report = offline::render(&mut synth, &plan, profile, write, progress, &mut |_, _| {})?;
    Ok(MusicReport { stingers: report.stingers, dropped_cues: report.dropped_cues, output_lufs: report.output_lufs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arc_parses_and_interpolates() {
        let a = Arc::parse(
            "a.json",
            r#"{"duration_s": 10, "mood": [{"t": 0, "valence": 0, "arousal": -1}, {"t": 10, "valence": 1, "arousal": 1, "intensity": 1}],
               "events": [{"t": 5, "kind": "goal"}, {"t": 6, "kind": "Yellow card"}]}"#,
        )
        .unwrap();
        let m = a.target_at(5.0);
        assert!((m.arousal - 0.0).abs() < 1e-6 && (m.valence - 0.5).abs() < 1e-6 && (m.intensity - 0.75).abs() < 1e-6);
        assert_eq!(a.events[1].cue, Cue::Card);
    }

    #[test]
    fn bad_arcs_name_the_entry() {
        let e = Arc::parse(
            "a.json",
            r#"{"duration_s": 10, "mood": [{"t": 0, "valence": 0, "arousal": 0}, {"t": NaN, "valence": 0, "arousal": 0}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("mood[1].t") && e.contains("NaN"), "{e}");
        let e = Arc::parse("a.json", r#"{"duration_s": 10, "events": [{"t": -1, "kind": "goal"}]}"#).unwrap_err().to_string();
        assert!(e.contains("events[0].t") && e.contains("negative"), "{e}");
        let e = Arc::parse("a.json", r#"{"duration_s": 10, "events": [{"t": 3, "kind": "goal"}, {"t": 2, "kind": "card"}]}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("events[1].t") && e.contains("sort"), "{e}");
        let e = Arc::parse("a.json", r#"{"duration_s": 10, "events": [{"t": 3, "kind": "touchdown"}]}"#).unwrap_err().to_string();
        assert!(e.contains("events[0].kind") && e.contains("known kinds") && e.contains("half_time"), "{e}");
        let e = Arc::parse("a.json", r#"{"duration_s": 10, "mood": [{"t": 1, "valence": 3, "arousal": 0}]}"#).unwrap_err().to_string();
        assert!(e.contains("mood[0].valence") && e.contains("-1..=1"), "{e}");
        let e = Arc::parse("a.json", r#"{"mood": []}"#).unwrap_err().to_string();
        assert!(e.contains("duration_s"), "{e}");
    }
}
