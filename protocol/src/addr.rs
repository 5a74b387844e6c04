//! The `/resonance/...` OSC addresses (documented in the crate's top-level table).

/// Engine -> bridge: binds the sending socket to a session.
pub const HELLO: &str = "/resonance/hello";
/// Engine -> bridge: a crowd mood estimate.
pub const MOOD: &str = "/resonance/mood";
/// Engine -> bridge: a detected crowd event.
pub const EVENT: &str = "/resonance/event";
/// Engine -> bridge: what music is audible.
pub const NOW_PLAYING: &str = "/resonance/now_playing";
/// Engine -> bridge: peak meters, limiter and ducking.
pub const METERS: &str = "/resonance/meters";
/// Engine -> bridge: programme loudness.
pub const LOUDNESS: &str = "/resonance/loudness";
/// Engine -> bridge: cumulative xrun count.
pub const XRUNS: &str = "/resonance/xruns";
/// Engine -> bridge: a stinger was scheduled.
pub const CUE_SCHEDULED: &str = "/resonance/cue_scheduled";
/// Engine -> bridge: the active style changed.
pub const STYLE_CHANGED: &str = "/resonance/style_changed";
/// Engine -> bridge: the names of the engine's styles, in index order.
pub const STYLES: &str = "/resonance/styles";
/// Game/app -> bridge: telemetry fields for a session.
pub const TELEMETRY: &str = "/resonance/telemetry";
/// Bridge -> engine: target mood.
pub const CMD_MOOD: &str = "/resonance/command/mood";
/// Controller -> engine: mood override.
pub const CMD_MOOD_OVERRIDE: &str = "/resonance/command/mood_override";
/// Controller -> engine: end of the mood override.
pub const CMD_MOOD_CLEAR: &str = "/resonance/command/mood_clear";
/// Bridge -> engine: switch style.
pub const CMD_STYLE: &str = "/resonance/command/style";
/// Bridge -> engine: fire a stinger.
pub const CMD_CUE: &str = "/resonance/command/cue";
/// Bridge -> engine: set a parameter.
pub const CMD_PARAM: &str = "/resonance/command/param";
/// Bridge -> engine: arm MIDI learn.
pub const CMD_MIDI_LEARN: &str = "/resonance/command/midi_learn";
/// Bridge -> live host: play a whole track (its URL) on the music deck.
pub const CMD_DECK_PLAY: &str = "/resonance/command/deck_play";
/// Bridge -> live host: stop the music deck (the generated music returns).
pub const CMD_DECK_STOP: &str = "/resonance/command/deck_stop";
/// Bridge -> live host: the generated music's level under the deck's track.
pub const CMD_DECK_LAYER: &str = "/resonance/command/deck_layer";
/// Bridge -> engine: the copyright guard's programme gain (with a lease).
pub const CMD_GUARD: &str = "/resonance/command/guard";
/// Controller or engine -> bridge: fire a clip of the bridge's library on air.
pub const CLIP: &str = "/resonance/clip";
/// Engine -> bridge: a clip fired on air was scheduled (it will sound at `at`).
pub const CLIP_SCHEDULED: &str = "/resonance/clip_scheduled";
/// Engine -> bridge: a clip fired on air could not be played.
pub const CLIP_REFUSED: &str = "/resonance/clip_refused";
/// Bridge -> engine: play a clip of the bridge's library.
pub const CMD_CLIP: &str = "/resonance/command/clip";
