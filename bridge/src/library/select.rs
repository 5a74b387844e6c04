//! Choosing the next track: a pure function from the director's target mood, the candidate
//! pool (each track with its mood), what is playing and what played before, to a decision
//! with its reason. No I/O and no clock: times are milliseconds passed in, so every rule is
//! unit-tested.
//!
//! The rules:
//! * score = distance in the valence/arousal plane, plus tempo continuity with the current
//!   track (`w_tempo · |Δbpm| / 40`) and energy continuity (`w_energy · |Δenergy|`); a track
//!   whose mood is uncertain is pushed away by `(1 − confidence) · uncertainty_penalty`;
//! * no track of the last `no_repeat` plays is chosen again (unless nothing else is left);
//! * hysteresis against a flapping target: the current track is kept for at least
//!   `min_dwell_ms`, and after that replaced only when the best candidate beats the current
//!   one by `hysteresis` — except on a trigger (`boss_appears`, `goal`...), which switches at
//!   once with a short transition;
//! * a switch asks for a crossfade: `trigger_fade_ms` on a trigger, `fade_ms` otherwise.

/// A track the selector may choose.
#[derive(Clone, Debug, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Candidate {
    pub key: String,
    pub valence: f32,
    pub arousal: f32,
    /// 0–1: how much the mood is to be trusted (0 = unknown).
    pub confidence: f32,
    pub tempo_bpm: Option<f32>,
    /// 0–1 loudness/density energy, when measured.
    pub energy: Option<f32>,
}

/// What the director asks for.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Target {
    pub valence: f32,
    pub arousal: f32,
    /// Wanted energy (0–1), e.g. the target's intensity.
    pub energy: Option<f32>,
    /// An occurrence rule fired (switch now).
    pub trigger: bool,
}

/// The selector's knobs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rules {
    pub min_dwell_ms: u64,
    pub no_repeat: usize,
    pub hysteresis: f32,
    pub w_tempo: f32,
    pub w_energy: f32,
    pub uncertainty_penalty: f32,
    pub fade_ms: u32,
    pub trigger_fade_ms: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            min_dwell_ms: 45_000,
            no_repeat: 20,
            hysteresis: 0.15,
            w_tempo: 0.15,
            w_energy: 0.3,
            uncertainty_penalty: 0.3,
            fade_ms: 4000,
            trigger_fade_ms: 250,
        }
    }
}

/// The track playing and for how long.
#[derive(Clone, Copy, Debug)]
pub struct Playing<'a> {
    pub track: &'a Candidate,
    pub elapsed_ms: u64,
}

/// The decision, with its reason (shown on the page).
#[derive(Clone, Debug, PartialEq, serde::Serialize, utoipa::ToSchema)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Choice {
    /// Play this track, crossfading over `fade_ms`.
    Switch { key: String, score: f32, fade_ms: u32, why: String },
    /// Keep the current track.
    Keep { why: String },
    /// Nothing to play (empty pool).
    Nothing { why: String },
}

/// The score of `c` for `target` (lower is better), continuity measured against `current`.
pub fn score(rules: &Rules, target: &Target, c: &Candidate, current: Option<&Candidate>) -> f32 {
    let dv = c.valence - target.valence;
    let da = c.arousal - target.arousal;
    let mut s = (dv * dv + da * da).sqrt();
    if let (Some(cur), Some(b)) = (current.and_then(|c| c.tempo_bpm), c.tempo_bpm) {
        s += rules.w_tempo * ((b - cur).abs() / 40.0).min(2.0);
    }
    if let (Some(want), Some(e)) = (target.energy, c.energy) {
        s += rules.w_energy * (e - want).abs();
    }
    s + (1.0 - c.confidence.clamp(0.0, 1.0)) * rules.uncertainty_penalty
}

/// Chooses what to play. `history` is the keys played, oldest first.
pub fn choose(rules: &Rules, target: &Target, pool: &[Candidate], playing: Option<Playing<'_>>, history: &[String]) -> Choice {
    let target = Target {
        valence: finite_or(target.valence, 0.0).clamp(-1.0, 1.0),
        arousal: finite_or(target.arousal, 0.0).clamp(-1.0, 1.0),
        energy: target.energy.filter(|e| e.is_finite()).map(|e| e.clamp(0.0, 1.0)),
        trigger: target.trigger,
    };
    let recent: Vec<&String> = history.iter().rev().take(rules.no_repeat).collect();
    let current = playing.map(|p| p.track);
    let best_of = |eligible_only: bool| {
        pool.iter()
            .filter(|c| current.is_none_or(|cur| cur.key != c.key) && (!eligible_only || !recent.contains(&&c.key)))
            .map(|c| (c, score(rules, &target, c, current)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    };
    // everything played recently: the best other track anyway
    let best = best_of(true).or_else(|| best_of(false));
    let Some((best, best_score)) = best else {
        return match current {
            Some(_) => Choice::Keep { why: "no other track in the pool".into() },
            None => Choice::Nothing { why: "the library is empty: add tracks or connect a provider".into() },
        };
    };
    let switch = |fade_ms: u32, why: String| Choice::Switch { key: best.key.clone(), score: best_score, fade_ms, why };
    let Some(p) = playing else {
        return switch(rules.fade_ms, format!("nearest to the target (score {best_score:.2})"));
    };
    if target.trigger {
        return switch(rules.trigger_fade_ms, format!("trigger: switch at once to the nearest (score {best_score:.2})"));
    }
    if p.elapsed_ms < rules.min_dwell_ms {
        return Choice::Keep { why: format!("minimum dwell: {} s of {} s played", p.elapsed_ms / 1000, rules.min_dwell_ms / 1000) };
    }
    let cur_score = score(rules, &target, p.track, None);
    if best_score + rules.hysteresis < cur_score {
        switch(
            rules.fade_ms,
            format!("target moved: {best_score:.2} beats the current {cur_score:.2} by more than {:.2}", rules.hysteresis),
        )
    } else {
        Choice::Keep { why: format!("current track still fits (score {cur_score:.2}, best other {best_score:.2})") }
    }
}

fn finite_or(v: f32, d: f32) -> f32 {
    if v.is_finite() { v } else { d }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(key: &str, v: f32, a: f32) -> Candidate {
        Candidate { key: key.into(), valence: v, arousal: a, confidence: 1.0, tempo_bpm: None, energy: None }
    }

    fn t(v: f32, a: f32, trigger: bool) -> Target {
        Target { valence: v, arousal: a, energy: None, trigger }
    }

    #[test]
    fn picks_the_nearest_and_never_repeats_inside_the_window() {
        let pool = vec![c("calm", 0.3, -0.7), c("tense", -0.6, 0.8), c("happy", 0.8, 0.6)];
        let r = Rules::default();
        let Choice::Switch { key, .. } = choose(&r, &t(0.2, -0.6, false), &pool, None, &[]) else { panic!() };
        assert_eq!(key, "calm");
        let Choice::Switch { key, .. } = choose(&r, &t(0.2, -0.6, false), &pool, None, &["calm".into()]) else { panic!() };
        assert_ne!(key, "calm", "played recently");
        assert!(matches!(choose(&r, &t(0.0, 0.0, false), &[], None, &[]), Choice::Nothing { .. }));
    }

    #[test]
    fn a_flapping_target_does_not_thrash_but_a_trigger_switches_at_once() {
        let pool = vec![c("a", 0.0, 0.05), c("b", 0.0, -0.05)];
        let r = Rules::default();
        let playing = Playing { track: &pool[0], elapsed_ms: 10_000 };
        // target flips around the midpoint: inside the dwell, keep
        assert!(matches!(choose(&r, &t(0.0, -0.05, false), &pool, Some(playing), &[]), Choice::Keep { .. }));
        // after the dwell, a small advantage is inside the hysteresis: keep
        let later = Playing { track: &pool[0], elapsed_ms: 60_000 };
        assert!(matches!(choose(&r, &t(0.0, -0.05, false), &pool, Some(later), &[]), Choice::Keep { .. }));
        // a trigger switches even inside the dwell, with the short fade
        let Choice::Switch { key, fade_ms, .. } = choose(&r, &t(0.0, -0.05, true), &pool, Some(playing), &[]) else { panic!() };
        assert_eq!((key.as_str(), fade_ms), ("b", r.trigger_fade_ms));
        // NaN targets are read as neutral, never a panic
        let _ = choose(&r, &t(f32::NAN, f32::INFINITY, false), &pool, None, &[]);
    }

    #[test]
    fn noisy_targets_switch_at_most_once_per_dwell() {
        let pool: Vec<Candidate> =
            (0..20).map(|i| c(&format!("t{i}"), (i as f32 / 10.0) - 1.0, ((i * 7 % 20) as f32 / 10.0) - 1.0)).collect();
        let r = Rules::default();
        let mut cur = 0usize;
        let mut since = 0u64;
        let mut switches = Vec::new();
        let mut seed = 12345u64;
        for step in 0..600u64 {
            let now = step * 1000;
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let noise = ((seed >> 33) as f32 / (1u64 << 31) as f32) - 0.5;
            let target = t(0.3 + noise, -0.2 - noise, false);
            if let Choice::Switch { key, .. } =
                choose(&r, &target, &pool, Some(Playing { track: &pool[cur], elapsed_ms: now - since }), &[])
            {
                cur = pool.iter().position(|p| p.key == key).unwrap();
                since = now;
                switches.push(now);
            }
        }
        assert!(switches.windows(2).all(|w| w[1] - w[0] >= r.min_dwell_ms), "{switches:?}");
    }
}
