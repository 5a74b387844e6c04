//! # resonance-engine
//!
//! The real-time core of Resonance: crowd analysis, music fingerprint hashing and generative
//! music in one engine that a DAW, OBS or the standalone host calls from its audio thread. The
//! engine knows nothing of CLAP, cpal, OSC or HTTP, and this crate holds only what runs on, or
//! is built for, the audio thread: no decoder, no TOML parser, no thread pool. Decoding, the
//! fingerprint index and matcher, the streaming recogniser, MIDI maps and preset files are in
//! the `resonance-io` crate.
//!
//! ## Lifecycle
//!
//! 1. **Construct** — [`Engine::new`] with an [`EngineConfig`] (styles, initial parameters,
//!    seed, queue sizes). Cheap: it only stores the configuration. Main thread.
//! 2. **Prepare** — [`Engine::prepare`]`(sample_rate, max_block, layout)` is the *only* place
//!    that allocates. It returns an [`EngineProcessor`] for the audio thread and an
//!    [`EngineHandle`] for everything else. Any rate from 22.05 to 192 kHz (from 1 kHz to
//!    1.536 MHz through [`rate_bridge::AnyRateProcessor`]); `max_block` up to
//!    [`MAX_BLOCK_LIMIT`]; mono or stereo main bus, optional stereo sidechain (the crowd
//!    microphone when the main bus carries programme audio), optional music-only output.
//!    Preparing again (new rate or block size) builds a new pair; drop the old one off the
//!    audio thread.
//! 3. **Process** — [`EngineProcessor::process`] on the audio thread, with blocks of any size
//!    (larger than `max_block` is split internally). Real-time safe: it never allocates,
//!    locks, logs, does I/O or panics; it sets flush-to-zero for its duration, replaces
//!    NaN/Inf input by silence and always produces finite output.
//! 4. **Reset** — [`EngineProcessor::reset`] (real-time safe) returns to the state right after
//!    `prepare()`. The same input after a reset gives bit-identical output.
//! 5. **Drop** — off the audio thread.
//!
//! ## Traffic between threads
//!
//! * Commands in ([`Command`]: parameters, mood overrides, telemetry moods, cues, style
//!   changes) through a bounded SPSC queue ([`CommandSender::send`] fails with
//!   [`EngineError::QueueFull`] rather than block). The audio thread drains it at the start of
//!   every `process()` call.
//! * Telemetry out ([`Telemetry`]: moods, crowd events, scheduled cues) through a bounded SPSC
//!   queue. When it is full the item is **dropped and counted** in
//!   [`Meters::dropped_telemetry`]; the audio thread never waits.
//! * Fingerprint landmarks out through their own queue, dropped and counted the same way
//!   ([`Meters::dropped_landmarks`]).
//! * Meters: the latest [`Meters`] through a triple buffer, written once per `process()`.
//!
//! ## Documentation conventions
//!
//! Every public method the audio thread calls has a `# Realtime safety` section.
#![warn(missing_docs)]
#![warn(clippy::missing_errors_doc, clippy::missing_panics_doc)]

pub mod analysis;
pub mod dsp;
mod engine;
mod error;
pub mod fingerprint;
pub mod params;
pub mod preset;
pub mod rate_bridge;
pub mod synth;
#[cfg(feature = "alloc-counter")]
pub mod testing;
mod types;

/// The music deck: whole tracks streamed in as the music bed ([`EngineHandle::deck`]).
pub use engine::deck;
pub use engine::{
    CONTROL_PERIOD, CommandSender, Engine, EngineConfig, EngineHandle, EngineProcessor, LandmarkReceiver, Layout, MAX_BLOCK_LIMIT,
    MAX_SAMPLE_RATE, MIN_SAMPLE_RATE, MetersReader, OUTPUT_CEILING_DB, TelemetryReceiver,
};
pub use engine::{GUARD_FADE_MS, GUARD_LEASE_MS, GUARD_MUTE_DB};
pub use error::{EngineError, ProcessStatus};
pub use params::{ParamId, ParamInfo, ParamValues};
pub use preset::Preset;
pub use types::*;

/// The names most users need.
pub mod prelude {
    pub use crate::error::{EngineError, ProcessStatus};
    pub use crate::params::{ParamId, ParamValues};
    pub use crate::preset::Preset;
    pub use crate::types::{
        Command, CrowdEvent, CrowdEventKind, Cue, Landmark, Meters, MoodLabel, MoodSnapshot, MoodTarget, Quantize, Telemetry,
    };
    pub use crate::{Engine, EngineConfig, EngineHandle, EngineProcessor, Layout};
}
