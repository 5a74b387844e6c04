//! Rule sets: the TOML format (see the [`director`](crate::director) module docs), its
//! validation, and the book of loaded sets (factory plus user files).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use resonance_engine::{CrowdEventKind, Cue, Quantize};
use serde::Deserialize;

use crate::clients::obs::ObsAction;
use crate::error::BridgeError;
use crate::telemetry::session::{Mood3, SessionState};
use crate::telemetry::validate::{TRIGGERS, validate_session_name};

/// The factory rule sets (from `presets/rules/`), embedded in the binary.
pub const FACTORY: &[(&str, &str)] = &[
    ("standard.toml", include_str!("../../../presets/rules/standard.toml")),
    ("broadcast.toml", include_str!("../../../presets/rules/broadcast.toml")),
];

/// Metrics a level rule can test.
pub const METRICS: &[&str] = &["hp_ratio", "hp", "stress", "danger", "minute", "score_diff", "crowd_valence", "crowd_arousal"];

/// Occurrences other than game triggers, crowd events (`crowd.<kind>`) and match events
/// confirmed by the crowd's reaction (`sync.<occurrence>`, decision record 0080).
pub const MATCH_OCCURRENCES: &[&str] =
    &["goal", "home_goal", "away_goal", "card", "penalty", "kick_off", "half_time", "full_time", "near_miss", "score"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    version: u32,
    name: String,
    #[serde(default)]
    description: String,
    base: RawBase,
    #[serde(default, rename = "rule")]
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBase {
    valence: f32,
    arousal: f32,
    intensity: f32,
    style: String,
    #[serde(default)]
    crowd_weight: f32,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Partial {
    pub valence: Option<f32>,
    pub arousal: Option<f32>,
    pub intensity: Option<f32>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub metric: String,
    pub below: Option<f64>,
    pub above: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: String,
    when: Option<Condition>,
    on: Option<String>,
    add: Option<Partial>,
    set: Option<Partial>,
    base: Option<Partial>,
    style: Option<String>,
    quantize: Option<String>,
    stinger: Option<String>,
    obs: Option<RawObs>,
    /// A clip of the library to fire on air (its slug or id; looked up when the rule fires).
    clip: Option<String>,
    /// When the clip starts: `immediate`, `beat` (default), `bar`, `phrase`.
    clip_quantize: Option<String>,
}

/// A rule's `obs` table: what to do in OBS when the rule fires (see the module docs).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObs {
    scene: Option<String>,
    mute: Option<RawMute>,
    volume: Option<RawVolume>,
    text: Option<RawText>,
    media_restart: Option<String>,
    hotkey: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMute {
    input: String,
    muted: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVolume {
    input: String,
    db: f32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    input: String,
    /// `{now_playing}` and `{mood}` are filled in when the rule fires.
    template: String,
}

/// What starts a rule.
#[derive(Clone, Debug, PartialEq)]
pub enum Trigger {
    When(Condition),
    On(String),
}

/// One validated rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub name: String,
    pub trigger: Trigger,
    pub add: Partial,
    pub set: Partial,
    pub base: Option<Partial>,
    pub style: Option<(String, Quantize)>,
    pub stinger: Option<Cue>,
    /// OBS actions, in the order scene, mute, volume, text, media restart, hotkey; a text
    /// action holds its template (filled in by [`step`](fn@crate::director::step::step)).
    pub obs: Vec<ObsAction>,
    /// A clip to fire on air (slug or id, checked for form; looked up when the rule fires).
    pub clip: Option<(String, Quantize)>,
}

/// A rule set's base.
#[derive(Clone, Debug, PartialEq)]
pub struct Base {
    pub mood: Mood3,
    pub style: String,
    pub crowd_weight: f32,
}

/// A validated rule set.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSet {
    pub name: String,
    pub description: String,
    pub base: Base,
    pub rules: Vec<Rule>,
}

fn rerr(file: &str, message: impl Into<String>) -> BridgeError {
    BridgeError::Rules { file: file.to_string(), message: message.into() }
}

fn check_partial(file: &str, rule: &str, key: &str, p: &Partial) -> Result<(), BridgeError> {
    for (n, v, lo) in
        [("valence", p.valence, -1.0), ("arousal", p.arousal, -1.0), ("intensity", p.intensity, if key == "add" { -1.0 } else { 0.0 })]
    {
        if let Some(v) = v
            && !(v.is_finite() && (lo..=1.0).contains(&v))
        {
            return Err(rerr(file, format!("rule {rule:?}: {key}.{n} = {v} must be in {lo}..=1")));
        }
    }
    Ok(())
}

impl RuleSet {
    /// A fresh session using this rule set, starting at its base mood and style.
    pub fn new_session(&self, name: &str) -> SessionState {
        SessionState::new(name, &self.name, self.base.mood, &self.base.style)
    }

    /// Checks that the base and every rule name a style in `styles` (the factory and user
    /// presets: [`Styles::known_at_start`](crate::director::styles::Styles::known_at_start)).
    ///
    /// # Errors
    /// [`BridgeError::Rules`] naming the file, the rule, the unknown style and the valid ones.
    pub fn check_styles(&self, file: &str, styles: &[&str]) -> Result<(), BridgeError> {
        let valid = || styles.join(", ");
        if !styles.contains(&self.base.style.as_str()) {
            return Err(rerr(file, format!("[base] style {:?} is not a preset; valid styles: {}", self.base.style, valid())));
        }
        for r in &self.rules {
            if let Some((s, _)) = &r.style
                && !styles.contains(&s.as_str())
            {
                return Err(rerr(
                    file,
                    format!(
                        "rule {:?}: style {s:?} is not a preset; valid styles: {} (a user preset counts once its file is in DIR/styles/)",
                        r.name,
                        valid()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Parses and validates a rule set. `file` names the source in errors.
    ///
    /// # Errors
    /// [`BridgeError::Rules`] naming the file, the rule and the key that is wrong.
    pub fn parse(file: &str, text: &str) -> Result<Self, BridgeError> {
        let raw: RawSet =
            toml::from_str(text).map_err(|e| rerr(file, format!("{}; see bridge/src/director/mod.rs for the format", e.message())))?;
        if raw.version != 1 {
            return Err(rerr(file, format!("version {} is not supported (allowed: 1)", raw.version)));
        }
        if validate_session_name(&raw.name).is_err() {
            return Err(rerr(file, "name must be 1..=64 characters of A-Z, a-z, 0-9, '_', '-', '.'"));
        }
        let b = &raw.base;
        let base_mood = Mood3 { valence: b.valence, arousal: b.arousal, intensity: b.intensity };
        check_partial(
            file,
            "[base]",
            "base",
            &Partial { valence: Some(b.valence), arousal: Some(b.arousal), intensity: Some(b.intensity) },
        )?;
        if !(0.0..=1.0).contains(&b.crowd_weight) {
            return Err(rerr(file, format!("[base] crowd_weight = {} must be in 0..=1", b.crowd_weight)));
        }
        let mut rules: Vec<Rule> = Vec::new();
        for r in raw.rules {
            if rules.iter().any(|x| x.name == r.name) {
                return Err(rerr(file, format!("rule {:?} is defined twice; names must be unique", r.name)));
            }
            rules.push(parse_rule(file, r)?);
        }
        Ok(Self {
            name: raw.name,
            description: raw.description,
            base: Base { mood: base_mood, style: raw.base.style, crowd_weight: raw.base.crowd_weight },
            rules,
        })
    }
}

/// Validates one rule (its name is already known to be unique).
fn parse_rule(file: &str, r: RawRule) -> Result<Rule, BridgeError> {
    let n = &r.name;
    let trigger = parse_trigger(file, &r)?;
    for (key, p) in [("add", r.add), ("set", r.set), ("base", r.base)] {
        if let Some(p) = p {
            check_partial(file, n, key, &p)?;
        }
    }
    let stinger = match &r.stinger {
        Some(s) => Some(Cue::from_name(s).ok_or_else(|| {
            let all: Vec<&str> = Cue::ALL.iter().map(|c| c.as_str()).collect();
            rerr(file, format!("rule {n:?}: unknown stinger {s:?}; allowed: {}", all.join(", ")))
        })?),
        None => None,
    };
    let quantize = match r.quantize.as_deref() {
        Some(q) => crate::osc::parse_quantize(q)
            .ok_or_else(|| rerr(file, format!("rule {n:?}: unknown quantize {q:?}; allowed: immediate, beat, bar, phrase")))?,
        None => Quantize::Bar,
    };
    let obs = match &r.obs {
        Some(o) => parse_obs(file, n, o)?,
        None => Vec::new(),
    };
    let clip = parse_clip(file, n, r.clip.as_deref(), r.clip_quantize.as_deref())?;
    let style = r.style.map(|s| (s, quantize));
    if style.is_none() && stinger.is_none() && r.add.is_none() && r.set.is_none() && r.base.is_none() && obs.is_empty() && clip.is_none() {
        return Err(rerr(file, format!("rule {n:?} does nothing; give it add, set, base, style, stinger, obs or clip")));
    }
    Ok(Rule {
        name: r.name,
        trigger,
        add: r.add.unwrap_or_default(),
        set: r.set.unwrap_or_default(),
        base: r.base,
        style,
        stinger,
        obs,
        clip,
    })
}

/// Validates a rule's `clip` (a slug or id, by form: the library may change while the rules
/// are loaded) and `clip_quantize` (default `beat`).
fn parse_clip(file: &str, n: &str, clip: Option<&str>, quantize: Option<&str>) -> Result<Option<(String, Quantize)>, BridgeError> {
    let Some(c) = clip else {
        return match quantize {
            Some(_) => Err(rerr(file, format!("rule {n:?}: clip_quantize without a clip"))),
            None => Ok(None),
        };
    };
    if !crate::clips::service::is_slug(c) && !crate::clips::service::is_id(c) {
        return Err(rerr(file, format!("rule {n:?}: clip {c:?} is not a clip slug (a-z, 0-9 and -) or id (clp_ and 16 hex digits)")));
    }
    let q = match quantize {
        Some(q) => crate::osc::parse_quantize(q)
            .ok_or_else(|| rerr(file, format!("rule {n:?}: unknown clip_quantize {q:?}; allowed: immediate, beat, bar, phrase")))?,
        None => Quantize::Beat,
    };
    Ok(Some((c.to_string(), q)))
}

/// Validates a rule's `obs` table. Names are checked for form only: OBS may be offline when
/// the rules load; a name OBS does not know is reported when the rule fires.
fn parse_obs(file: &str, n: &str, o: &RawObs) -> Result<Vec<ObsAction>, BridgeError> {
    let name = |key: &str, v: &str| -> Result<String, BridgeError> {
        if v.trim().is_empty() || v.len() > 256 {
            return Err(rerr(file, format!("rule {n:?}: obs.{key} must be 1..=256 characters (the name as OBS shows it)")));
        }
        Ok(v.to_string())
    };
    let mut out = Vec::new();
    if let Some(s) = &o.scene {
        out.push(ObsAction::Scene { scene: name("scene", s)? });
    }
    if let Some(m) = &o.mute {
        out.push(ObsAction::Mute { input: name("mute.input", &m.input)?, muted: m.muted });
    }
    if let Some(v) = &o.volume {
        if !(v.db.is_finite() && (-100.0..=26.0).contains(&v.db)) {
            return Err(rerr(file, format!("rule {n:?}: obs.volume.db = {} must be in -100..=26 (OBS's range in dB)", v.db)));
        }
        out.push(ObsAction::Volume { input: name("volume.input", &v.input)?, db: v.db });
    }
    if let Some(t) = &o.text {
        if t.template.len() > 1024 {
            return Err(rerr(file, format!("rule {n:?}: obs.text.template is longer than 1024 bytes")));
        }
        out.push(ObsAction::Text { input: name("text.input", &t.input)?, text: t.template.clone() });
    }
    if let Some(i) = &o.media_restart {
        out.push(ObsAction::MediaRestart { input: name("media_restart", i)? });
    }
    if let Some(h) = &o.hotkey {
        out.push(ObsAction::Hotkey { hotkey: name("hotkey", h)? });
    }
    if out.is_empty() {
        return Err(rerr(file, format!("rule {n:?}: obs is empty; give it scene, mute, volume, text, media_restart or hotkey")));
    }
    Ok(out)
}

/// What starts rule `n`: exactly one of a level condition (`when`) or an occurrence (`on`),
/// each with the keys its kind allows.
fn parse_trigger(file: &str, r: &RawRule) -> Result<Trigger, BridgeError> {
    let n = &r.name;
    match (r.when.clone(), r.on.clone()) {
        (Some(c), None) => {
            if !METRICS.contains(&c.metric.as_str()) {
                return Err(rerr(file, format!("rule {n:?}: unknown metric {:?}; allowed: {}", c.metric, METRICS.join(", "))));
            }
            if c.below.is_none() && c.above.is_none() {
                return Err(rerr(file, format!("rule {n:?}: when needs `below` and/or `above`")));
            }
            if r.base.is_some() {
                return Err(rerr(file, format!("rule {n:?}: `base` is only allowed in `on` rules; use `add` or `set`")));
            }
            Ok(Trigger::When(c))
        }
        (None, Some(on)) => {
            let known = TRIGGERS.contains(&on.as_str())
                || MATCH_OCCURRENCES.contains(&on.as_str())
                || on.strip_prefix("crowd.").and_then(CrowdEventKind::from_name).is_some()
                || on.strip_prefix("sync.").is_some_and(|m| MATCH_OCCURRENCES.contains(&m));
            if !known {
                return Err(rerr(
                    file,
                    format!(
                        "rule {n:?}: unknown occurrence {on:?}; allowed: a trigger ({}), a match event ({}), crowd.<event> or sync.<match event>",
                        TRIGGERS.join(", "),
                        MATCH_OCCURRENCES.join(", ")
                    ),
                ));
            }
            if r.add.is_some() || r.set.is_some() {
                return Err(rerr(file, format!("rule {n:?}: `add`/`set` are only allowed in `when` rules; use `base`")));
            }
            Ok(Trigger::On(on))
        }
        _ => Err(rerr(file, format!("rule {n:?}: needs exactly one of `when` or `on`"))),
    }
}

/// All loaded rule sets by name.
#[derive(Clone, Debug)]
pub struct RuleBook {
    sets: BTreeMap<String, Arc<RuleSet>>,
    default: String,
}

impl RuleBook {
    /// The factory rule sets plus every `*.toml` in `dir` (a user file replaces a factory set
    /// of the same name). Every style they name must be in `styles` (the factory and user
    /// presets).
    ///
    /// # Errors
    /// A rule file fails to parse or names a style that does not exist, or `default` names no
    /// loaded set.
    pub fn load(dir: Option<&Path>, default: &str, styles: &[&str]) -> Result<Self, BridgeError> {
        let mut sets = BTreeMap::new();
        for (file, text) in FACTORY {
            let s = RuleSet::parse(file, text)?;
            s.check_styles(file, styles)?;
            sets.insert(s.name.clone(), Arc::new(s));
        }
        if let Some(dir) = dir
            && dir.is_dir()
        {
            let mut paths: Vec<_> = std::fs::read_dir(dir)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p)?;
                let file = p.display().to_string();
                let s = RuleSet::parse(&file, &text)?;
                s.check_styles(&file, styles)?;
                sets.insert(s.name.clone(), Arc::new(s));
            }
        }
        if !sets.contains_key(default) {
            return Err(BridgeError::Config(format!(
                "rule set {default:?} not found; available: {}",
                sets.keys().cloned().collect::<Vec<_>>().join(", ")
            )));
        }
        Ok(Self { sets, default: default.to_string() })
    }

    pub fn get(&self, name: &str) -> Option<Arc<RuleSet>> {
        self.sets.get(name).cloned()
    }

    /// The set for a session, falling back to the default when its set was removed.
    pub fn for_session(&self, name: &str) -> Arc<RuleSet> {
        self.get(name).or_else(|| self.get(&self.default)).unwrap_or_else(|| Arc::new(fallback()))
    }

    pub fn default_set(&self) -> Arc<RuleSet> {
        self.for_session(&self.default)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sets.keys().map(String::as_str)
    }
}

fn fallback() -> RuleSet {
    RuleSet {
        name: "fallback".into(),
        description: String::new(),
        base: Base { mood: Mood3 { valence: 0.0, arousal: -0.3, intensity: 0.5 }, style: String::new(), crowd_weight: 0.0 },
        rules: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obs_actions_parse_in_order() {
        let text = "version = 1\nname = \"x\"\n[base]\nvalence = 0.0\narousal = 0.0\nintensity = 0.5\nstyle = \"s\"\n\
                    [[rule]]\nname = \"goal to replay\"\non = \"crowd.goal_roar\"\n\
                    obs = { scene = \"Replay\", hotkey = \"ReplayBuffer.Save\", mute = { input = \"PA\", muted = true } }\n\
                    [[rule]]\nname = \"lower third\"\nwhen = { metric = \"crowd_arousal\", above = 0.7 }\n\
                    obs = { text = { input = \"LT\", template = \"{mood}: {now_playing}\" }, volume = { input = \"Music\", db = -6.0 } }\n";
        let s = RuleSet::parse("x.toml", text).unwrap();
        assert_eq!(
            s.rules[0].obs,
            [
                ObsAction::Scene { scene: "Replay".into() },
                ObsAction::Mute { input: "PA".into(), muted: true },
                ObsAction::Hotkey { hotkey: "ReplayBuffer.Save".into() }
            ]
        );
        assert_eq!(
            s.rules[1].obs,
            [
                ObsAction::Volume { input: "Music".into(), db: -6.0 },
                ObsAction::Text { input: "LT".into(), text: "{mood}: {now_playing}".into() }
            ]
        );
    }

    fn factory_styles() -> Vec<String> {
        resonance_engine::preset::factory_styles().into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn factory_sets_parse_and_name_factory_styles() {
        let names = factory_styles();
        let styles: Vec<&str> = names.iter().map(String::as_str).collect();
        let book = RuleBook::load(None, "standard", &styles).unwrap();
        assert!(book.names().count() >= 2);
        for (f, t) in FACTORY {
            RuleSet::parse(f, t).unwrap().check_styles(f, &styles).unwrap();
        }
    }

    #[test]
    fn a_rule_naming_a_style_that_does_not_exist_is_refused_with_the_valid_ones() {
        let names = factory_styles();
        let styles: Vec<&str> = names.iter().map(String::as_str).collect();
        let text = "version = 1\nname = \"x\"\n[base]\nvalence = 0.0\narousal = 0.0\nintensity = 0.5\nstyle = \"tavern-folk\"\n\
                    [[rule]]\nname = \"boss\"\non = \"boss_appears\"\nstyle = \"battle\"\n";
        let e = RuleSet::parse("x.toml", text).unwrap().check_styles("x.toml", &styles).unwrap_err().to_string();
        assert!(e.contains("x.toml") && e.contains("\"boss\"") && e.contains("\"battle\"") && e.contains("stadium-anthem"), "{e}");
        let base = text.replace("tavern-folk", "explore");
        let e = RuleSet::parse("x.toml", &base).unwrap().check_styles("x.toml", &styles).unwrap_err().to_string();
        assert!(e.contains("[base]") && e.contains("\"explore\""), "{e}");
    }

    #[test]
    fn bad_rules_name_the_problem() {
        let base = "version = 1\nname = \"x\"\n[base]\nvalence = 0.0\narousal = 0.0\nintensity = 0.5\nstyle = \"s\"\n";
        for (extra, needle) in [
            ("[[rule]]\nname = \"a\"\nwhen = { metric = \"mana\", below = 1.0 }\nadd = { valence = 0.1 }\n", "mana"),
            ("[[rule]]\nname = \"a\"\non = \"dance\"\nstinger = \"goal\"\n", "dance"),
            ("[[rule]]\nname = \"a\"\non = \"victory\"\nstinger = \"fanfare\"\n", "fanfare"),
            ("[[rule]]\nname = \"a\"\non = \"victory\"\n", "does nothing"),
            ("[[rule]]\nname = \"a\"\non = \"victory\"\nstinger = \"goal\"\ncolour = 1\n", "colour"),
            ("[[rule]]\nname = \"a\"\non = \"victory\"\nobs = { scen = \"Replay\" }\n", "scen"),
            ("[[rule]]\nname = \"a\"\non = \"victory\"\nobs = {}\n", "obs is empty"),
            ("[[rule]]\nname = \"a\"\non = \"victory\"\nobs = { volume = { input = \"Mic\", db = 40.0 } }\n", "-100..=26"),
            ("[[rule]]\nname = \"a\"\non = \"victory\"\nobs = { scene = \" \" }\n", "obs.scene"),
            ("[[rule]]\nname = \"a\"\non = \"victory\"\nclip = \"../horn\"\n", "not a clip slug"),
            ("[[rule]]\nname = \"a\"\non = \"victory\"\nclip = \"horn\"\nclip_quantize = \"soon\"\n", "clip_quantize"),
            ("[[rule]]\nname = \"a\"\non = \"victory\"\nclip_quantize = \"bar\"\n", "without a clip"),
        ] {
            let e = RuleSet::parse("x.toml", &format!("{base}{extra}")).unwrap_err().to_string();
            assert!(e.contains(needle) && e.contains("x.toml"), "{e}");
        }
    }
}
