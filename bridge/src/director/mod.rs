//! The director: TOML rules that turn telemetry and crowd mood into a target mood, style
//! changes and stingers.
//!
//! A rule set has a `[base]` mood and style, and `[[rule]]`s of two kinds:
//!
//! * **level rules** (`when = { metric = "hp_ratio", below = 0.25 }`) hold while their condition
//!   is true: they `add` to or `set` the target mood; on the rising edge they may fire a
//!   `stinger` and switch `style`.
//! * **occurrence rules** (`on = "boss_appears"`) fire once per trigger, match event or crowd
//!   event: a `stinger`, a `style` change at `quantize`, and a new scene `base` mood that holds
//!   until another occurrence rule replaces it.
//!
//! The target is `base` blended with the crowd's mood (weight `crowd_weight`, scaled by the
//! analyser's confidence), then every active level rule in file order, clamped to range; a
//! manual intensity from the page overrides the intensity. The scheme follows the "vertical
//! re-orchestration driven by game parameters" model of adaptive game music (FMOD/Wwise RTPCs
//! and state switches), expressed as data.
//!
//! ```toml
//! version = 1
//! name = "standard"
//! [base]
//! valence = 0.1
//! arousal = -0.2
//! intensity = 0.4
//! style = "tavern-folk"
//! crowd_weight = 0.5
//!
//! [[rule]]
//! name = "low hp raises tension"
//! when = { metric = "hp_ratio", below = 0.25 }
//! add = { valence = -0.3, arousal = 0.5, intensity = 0.3 }
//! stinger = "critical_hp"
//!
//! [[rule]]
//! name = "boss fight"
//! on = "boss_appears"
//! style = "cinematic-orchestral"
//! quantize = "bar"
//! stinger = "boss_appears"
//! base = { valence = -0.2, arousal = 0.8, intensity = 0.9 }
//! ```
//!
//! Any rule may also act in OBS (`--obs`; docs/obs.md): an `obs` table with `scene`,
//! `mute = { input, muted }`, `volume = { input, db }`, `text = { input, template }` (with
//! `{now_playing}` and `{mood}` filled in), `media_restart = "INPUT"` and `hotkey = "NAME"`:
//!
//! ```toml
//! [[rule]]
//! name = "goal to replay"
//! on = "crowd.goal_roar"
//! obs = { scene = "Replay", hotkey = "ReplayBuffer.Save" }
//! ```
//!
//! A `style` is a preset name: a factory preset (`resonance presets` lists them) or a user
//! preset in `DIR/styles/`; a rule naming anything else is refused when the rules load, naming
//! the file, the rule and the valid styles ([`styles`](mod@styles)).
//!
//! Files: [`rules`](mod@rules) (the format, its validation, the loaded book), [`step`](mod@step) (one decision),
//! [`styles`](mod@styles) (the style vocabulary), [`routes`](mod@routes) (`GET /api/v1/rules`, `GET /api/v1/styles`).

pub mod routes;
pub mod rules;
pub mod step;
pub mod styles;

pub use routes::routes;
pub use rules::{Base, Condition, FACTORY, MATCH_OCCURRENCES, METRICS, Partial, Rule, RuleBook, RuleSet, Trigger};
pub use step::{Decision, step};
