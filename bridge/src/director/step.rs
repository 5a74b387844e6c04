//! One director step: occurrences and level rules turn a session's state into a target
//! mood, style changes and stingers.

use resonance_engine::{Cue, Quantize};

use crate::clients::obs::ObsAction;
use crate::director::rules::{Condition, Partial, Rule, RuleSet, Trigger};
use crate::telemetry::session::{Mood3, SessionState};

/// What the director decided in one step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decision {
    /// The new target, when it differs from the previous one.
    pub target: Option<Mood3>,
    pub style: Option<(String, Quantize)>,
    pub stingers: Vec<Cue>,
    /// OBS actions of the rules that fired (text templates filled in).
    pub obs: Vec<ObsAction>,
    /// Names of the rules that fired (occurrences and rising edges).
    pub fired: Vec<String>,
    /// Clips to fire on air: (rule, clip slug or id, quantize).
    pub clips: Vec<(String, String, Quantize)>,
}

impl Decision {
    pub fn is_empty(&self) -> bool {
        self.target.is_none() && self.style.is_none() && self.stingers.is_empty() && self.obs.is_empty() && self.clips.is_empty()
    }
}

fn metric(state: &SessionState, name: &str) -> Option<f64> {
    let m = &state.metrics;
    match name {
        "hp_ratio" => m.hp_ratio(),
        "hp" => m.hp,
        "stress" => m.stress,
        "danger" => m.danger,
        "minute" => m.minute.map(f64::from),
        "score_diff" => match (m.score_home, m.score_away) {
            (Some(h), Some(a)) => Some(f64::from(h) - f64::from(a)),
            _ => None,
        },
        "crowd_valence" => state.crowd.as_ref().map(|c| f64::from(c.valence)),
        "crowd_arousal" => state.crowd.as_ref().map(|c| f64::from(c.arousal)),
        _ => None,
    }
}

/// Whether a rule `on = o` fires on occurrence `occ`: the same name, or `goal` (`sync.goal`)
/// for a side's goal (`home_goal`, `sync.away_goal`, ...).
fn fires_on(o: &str, occ: &str) -> bool {
    if o == occ {
        return true;
    }
    let (o, occ) = match (o.strip_prefix("sync."), occ.strip_prefix("sync.")) {
        (Some(o), Some(occ)) => (o, occ),
        (None, None) if !occ.contains('.') => (o, occ),
        _ => return false,
    };
    o == "goal" && occ.ends_with("_goal")
}

fn holds(c: &Condition, v: Option<f64>) -> bool {
    v.is_some_and(|v| c.below.is_none_or(|b| v < b) && c.above.is_none_or(|a| v > a))
}

fn apply(m: &mut Mood3, p: Partial, add: bool) {
    let f = |x: &mut f32, v: Option<f32>| {
        if let Some(v) = v {
            *x = if add { *x + v } else { v };
        }
    };
    f(&mut m.valence, p.valence);
    f(&mut m.arousal, p.arousal);
    f(&mut m.intensity, p.intensity);
}

/// One director step for a session: handles `occurrences` (triggers, match events as
/// `home_goal`/`card`/..., crowd events as `crowd.<kind>`, match events paired with the
/// crowd's reaction as `sync.<event>`), re-evaluates level rules and the
/// target mood, and updates the state (target, style, base, active rules, timeline).
pub fn step(set: &RuleSet, state: &mut SessionState, occurrences: &[&str]) -> Decision {
    let mut d = Decision::default();
    for occ in occurrences {
        for r in set.rules.iter().filter(|r| matches!(&r.trigger, Trigger::On(o) if fires_on(o, occ))) {
            if let Some(b) = r.base {
                apply(&mut state.base, b, false);
            }
            fire(r, state, &mut d);
        }
    }
    let mut active = Vec::new();
    let w = state.crowd.as_ref().map_or(0.0, |c| set.base.crowd_weight * c.confidence.clamp(0.0, 1.0));
    let mut t = state.base;
    if let Some(c) = &state.crowd {
        t.valence = t.valence * (1.0 - w) + c.valence * w;
        t.arousal = t.arousal * (1.0 - w) + c.arousal * w;
    }
    for r in &set.rules {
        if let Trigger::When(c) = &r.trigger
            && holds(c, metric(state, &c.metric))
        {
            apply(&mut t, r.add, true);
            apply(&mut t, r.set, false);
            if !state.active_rules.contains(&r.name) {
                fire(r, state, &mut d);
            }
            active.push(r.name.clone());
        }
    }
    state.active_rules = active;
    if let Some(i) = state.intensity_override {
        t.intensity = i;
    }
    let t = Mood3 { valence: t.valence.clamp(-1.0, 1.0), arousal: t.arousal.clamp(-1.0, 1.0), intensity: t.intensity.clamp(0.0, 1.0) };
    if t != state.target {
        state.target = t;
        d.target = Some(t);
    }
    d
}

fn fire(r: &Rule, state: &mut SessionState, d: &mut Decision) {
    d.fired.push(r.name.clone());
    state.log("rule", &r.name);
    if let Some((style, q)) = &r.style
        && *style != state.style
    {
        state.style.clone_from(style);
        state.log("style", style);
        d.style = Some((style.clone(), *q));
    }
    if let Some(c) = r.stinger {
        state.log("stinger", c.as_str());
        d.stingers.push(c);
    }
    if let Some((c, q)) = &r.clip {
        state.log("clip", c);
        d.clips.push((r.name.clone(), c.clone(), *q));
    }
    for a in &r.obs {
        let a = match a {
            ObsAction::Text { input, text } => ObsAction::Text { input: input.clone(), text: fill(text, state) },
            a => a.clone(),
        };
        state.log("obs", &a.target());
        d.obs.push(a);
    }
}

/// A text template with `{now_playing}` ("Title — Artist", or empty) and `{mood}` (the crowd's
/// mood label, or empty) filled in.
fn fill(template: &str, state: &SessionState) -> String {
    let now = state
        .now_playing
        .as_ref()
        .map_or_else(String::new, |n| if n.artist.is_empty() { n.title.clone() } else { format!("{} — {}", n.title, n.artist) });
    let mood = state.crowd.as_ref().map_or("", |c| c.label.as_str());
    template.replace("{now_playing}", &now).replace("{mood}", mood)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::director::rules::FACTORY;
    use crate::telemetry::validate::validate_json;
    use serde_json::json;

    fn standard() -> RuleSet {
        RuleSet::parse("standard.toml", FACTORY[0].1).unwrap()
    }

    #[test]
    fn low_hp_raises_tension_and_fires_once() {
        let set = standard();
        let mut s = set.new_session("g");
        s.apply(&validate_json(&json!({"hp": 40, "max_hp": 40})).unwrap());
        step(&set, &mut s, &[]);
        let calm = s.target;
        s.apply(&validate_json(&json!({"hp": 5})).unwrap());
        let d = step(&set, &mut s, &[]);
        assert!(s.target.arousal > calm.arousal && s.target.valence < calm.valence, "{calm:?} -> {:?}", s.target);
        assert_eq!(d.stingers, vec![Cue::CriticalHp]);
        // Still low: no second stinger.
        s.apply(&validate_json(&json!({"hp": 4})).unwrap());
        assert!(step(&set, &mut s, &[]).stingers.is_empty());
    }

    #[test]
    fn boss_switches_style_with_stinger_and_home_goal_celebrates() {
        let set = standard();
        let mut s = set.new_session("g");
        let d = step(&set, &mut s, &["boss_appears"]);
        assert_eq!(d.style.as_ref().map(|x| (x.0.as_str(), x.1)), Some(("cinematic-orchestral", Quantize::Bar)));
        assert!(d.stingers.contains(&Cue::BossAppears));
        assert_eq!(s.style, "cinematic-orchestral");
        let d = step(&set, &mut s, &["home_goal"]);
        assert!(d.stingers.contains(&Cue::HomeGoal), "{d:?}");
    }

    #[test]
    fn a_goal_rule_fires_on_either_side_and_sync_rules_only_on_pairs() {
        assert!(fires_on("goal", "home_goal") && fires_on("goal", "away_goal") && fires_on("home_goal", "home_goal"));
        assert!(fires_on("sync.goal", "sync.away_goal") && fires_on("sync.card", "sync.card"));
        // a pair is also its plain occurrence: a `goal` rule must not fire twice for it
        assert!(!fires_on("goal", "sync.home_goal") && !fires_on("sync.goal", "home_goal"));
        assert!(!fires_on("goal", "crowd.goal_roar") && !fires_on("home_goal", "away_goal"));
    }

    #[test]
    fn a_rule_fires_a_clip_by_slug_on_the_beat_or_its_own_quantize() {
        let text = "version = 1\nname = \"x\"\n[base]\nvalence = 0.0\narousal = 0.0\nintensity = 0.5\nstyle = \"s\"\n\
                    [[rule]]\nname = \"horn\"\non = \"home_goal\"\nclip = \"goal-horn\"\n\
                    [[rule]]\nname = \"jingle\"\non = \"half_time\"\nclip = \"clp_00112233aabbccdd\"\nclip_quantize = \"bar\"\n";
        let s = RuleSet::parse("x.toml", text).unwrap();
        assert_eq!(s.rules[0].clip, Some(("goal-horn".to_string(), Quantize::Beat)));
        assert_eq!(s.rules[1].clip, Some(("clp_00112233aabbccdd".to_string(), Quantize::Bar)));
        let mut state = s.new_session("t");
        let d = step(&s, &mut state, &["home_goal"]);
        assert_eq!(d.clips, vec![("horn".to_string(), "goal-horn".to_string(), Quantize::Beat)]);
        assert!(!d.is_empty(), "a clip alone is a decision");
    }
}
