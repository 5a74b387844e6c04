//! Resonance's OSC wire, defined once for every program that speaks it: the bridge, the
//! plugin and the standalone live host.
//!
//! OSC over UDP is the wire between engines and the bridge, and the way games and live tools
//! (TouchOSC, QLab, Companion, Resolume) talk to either. This crate holds:
//!
//! * [`addr`] — the `/resonance/...` address space (the table below is its documentation);
//! * [`codec`] — typed messages ([`Inbound`], [`Outbound`]), their encoding and strict decoding,
//!   datagrams and bundles, and [`ProtocolError`];
//! * [`link`] — the engine side: [`OscPeer`] (a UDP socket that speaks the protocol, for a
//!   control loop that already exists, like the live host's) and [`OscLink`] (a thread that
//!   forwards an engine's telemetry and meters and feeds commands back to its audio thread,
//!   for the plugin).
//!
//! It depends on the engine only for its plain `Copy` snapshot and command types; no async
//! runtime, no service dependencies.
//!
//! # Engine -> bridge ([`Inbound`])
//!
//! | address | arguments | meaning |
//! |---|---|---|
//! | `/resonance/hello` | `s` session, [`s` token] | binds the sending socket (an engine) to a session; before a hello, an engine belongs to session `default`. Engines repeat it every few seconds so a restarted bridge re-learns them. The token (at most 128 characters) authenticates a sender whose address the bridge does not trust |
//! | `/resonance/mood` | `f` valence, `f` arousal, `s` label, `f` confidence, [`h` time] | a crowd mood estimate (`MoodSnapshot`) |
//! | `/resonance/event` | `s` kind, `f` confidence, [`h` onset], [`s` whistle] | a detected crowd event (`CrowdEvent`); whistle is `short`/`long`/`repeated` |
//! | `/resonance/now_playing` | `s` title, `s` artist, [`f` confidence] | the music the engine hears/plays; empty title = nothing |
//! | `/resonance/meters` | `f` input_peak_db, `f` output_peak_db, `f` limiter_gr_db, `f` duck_db, [`i` style] | meters (`Meters`) |
//! | `/resonance/loudness` | `f` momentary_lufs, `f` short_term_lufs | EBU R 128 loudness of the engine's music bus as delivered (`Meters::music_momentary_lufs`), sent with the meters once measured |
//! | `/resonance/xruns` | `i`/`h` count | xruns since the engine started (cumulative; the bridge counts increases) |
//! | `/resonance/cue_scheduled` | `s` cue, `h` at | a stinger was scheduled at sample time `at` |
//! | `/resonance/style_changed` | `i` index, `h` at, [`s` name] | the active style changed |
//! | `/resonance/styles` | `s` name... (1..=64 names) | the engine's styles in index order (the factory presets plus a user preset); sent with every hello, so the bridge knows which style names exist ([`Outbound::Style`] names one of them) |
//! | `/resonance/clip_scheduled` | `s` clip id, `s` fire id, `h` at | a clip the bridge fired is scheduled: its first sample sounds at output sample time `at` (the bridge counts an on-air play) |
//! | `/resonance/clip_refused` | `s` clip id, `s` fire id, `s` reason | a clip the bridge fired cannot be played (fetch, checksum or decode failed, the engine's queues are full) |
//!
//! # Game/app -> bridge ([`Inbound::Telemetry`])
//!
//! | address | arguments | meaning |
//! |---|---|---|
//! | `/resonance/telemetry` | `s` session, then pairs `s` field, value (`f`/`i`/`d`/`h`/`s`/`T`/`F`) | the same fields as `POST /api/v1/sessions/{session}/telemetry`, same validation (done by the bridge) |
//! | `/resonance/clip` | `s` clip id or slug, [`s` quantize, default `beat`] | fire a clip of the bridge's library on air for the sender's session (an engine's session after its hello, else `default`); same as `POST /play/{id}/fire` |
//!
//! # Bridge (or any controller) -> engine ([`Outbound`])
//!
//! | address | arguments | meaning |
//! |---|---|---|
//! | `/resonance/command/mood` | `f` valence, `f` arousal, `f` intensity | target mood from the director (`Command::TelemetryMood`) |
//! | `/resonance/command/mood_override` | `f` valence, `f` arousal, `f` intensity | overrides every mood source until cleared (`Command::MoodOverride`) |
//! | `/resonance/command/mood_clear` | — | ends an override |
//! | `/resonance/command/style` | `s` style name or `i` index, [`s` quantize `immediate`/`beat`/`bar`/`phrase`, default `bar`] | switch style at the boundary; a name the engine does not have is refused and counted (`OscStats::unknown_styles`) |
//! | `/resonance/command/cue` | `s` cue | fire a stinger (`Cue`) |
//! | `/resonance/command/param` | `s` param id, `f` value | set an engine parameter by its stable id (`ParamId`) |
//! | `/resonance/command/midi_learn` | `s` param id | arm MIDI learn for a parameter on the engine's MIDI input (a plugin ignores it: its host maps MIDI) |
//! | `/resonance/command/deck_play` | `s` url, `f` fade s, `f` gain dB, `f` layer 0..1, [`s` quantize, default `immediate`] | the live host streams the track at the http(s) URL as the music bed, crossfading from the generated music's next beat/bar/phrase (a plugin ignores it) |
//! | `/resonance/command/deck_stop` | `f` fade s, [`s` quantize, default `immediate`] | the live host stops its music deck at that boundary; the generated music returns |
//! | `/resonance/command/deck_layer` | `f` layer 0..1, `f` fade s | the generated music's level under the deck's track, now |
//! | `/resonance/command/guard` | `f` gain dB (≤ 0; below −120 mutes), `i` fade ms, `i` lease ms | the copyright guard's programme gain (`Command::Guard`): a duck lapses by itself after the lease unless renewed; 0 dB releases |
//! | `/resonance/command/clip` | `s` clip id, `s` sha256, `s` quantize, `f` gain_db (−60..=24), `s` fire id, `i` HTTP port | play a clip of the bridge's library: fetched from `http://BRIDGE:PORT/play/{id}/stream?count=false` (BRIDGE: the host the engine reports to) unless already loaded, checked against the SHA-256, decoded and resampled off the audio thread; answered with `/resonance/clip_scheduled` or `/resonance/clip_refused` |
//!
//! # Rules
//! * Bundles are accepted and flattened (nested at most 8 deep); time tags are ignored
//!   (everything applies on arrival).
//! * Integers are accepted where floats are expected (`i`, `h`, `d` are converted), as TouchOSC
//!   and friends send whatever their faders produce. Non-finite numbers are always rejected.
//! * Reports to the bridge are strict: values outside the documented ranges are rejected,
//!   with an error naming the argument. Encoders clamp into those ranges, so whatever an
//!   engine measures is accepted.
//! * Commands to an engine are lenient about range: mood values are clamped into range, as a
//!   fader overshooting must not be an error in the middle of a show.
//! * A datagram is at most [`MAX_PACKET`] bytes.

pub mod addr;
pub mod codec;
pub mod error;
pub mod link;

#[cfg(test)]
mod fuzz_tests;

pub use codec::{
    Inbound, Outbound, TelemetryArg, decode_command, decode_command_packet, decode_message, decode_packet, encode_command, encode_inbound,
    is_valid_session_name, parse_quantize, quantize_name, to_bundle_datagram, to_datagram,
};
pub use error::ProtocolError;
pub use link::{Attachment, CommandSink, OscConfig, OscLink, OscPeer, OscReporter, OscStats};

/// Largest OSC datagram accepted (bigger UDP datagrams are truncated and rejected).
pub const MAX_PACKET: usize = 8192;

/// Address prefix shared by every Resonance message.
pub const PREFIX: &str = "/resonance";
