//! # resonance-io
//!
//! Everything around the real-time engine ([`resonance_engine`]) that touches files, threads
//! or the outside world. Nothing here runs on the audio thread; the engine's `process()` never
//! calls into this crate. See `docs/decisions/0006-realtime-io-crate-boundary.md`.
//!
//! * [`clips`]: on-air clips on the engine's side (fetch, SHA-256 check, decode, resample on
//!   a loader thread; the slot table feeding the engine's clip bank), shared by the live host
//!   and the plugin.
//! * [`decode`]: audio files to `f32` samples (symphonia) and offline resampling (rubato).
//! * [`fingerprint`]: the landmark [`index`](fingerprint::index) (build, save, load), the
//!   [`matcher`](fingerprint::matcher) (identify a clip) and the streaming recogniser
//!   ([`stream`](fingerprint::stream), its own thread fed by the engine's landmark queue).
//!   The hasher itself is real-time code and stays in `resonance_engine::fingerprint`.
//! * [`fingerprint_wire`]: the compact binary fingerprint clients send to the recognition
//!   service instead of audio (format version 1).
//! * [`midi`]: MIDI controller mapping (CC, NRPN, relative encoders, learn) and MIDI map files.
//! * [`preset`]: preset TOML parsing and validation, the factory presets, lookup by name.
//!
//! Errors are [`IoError`]s; each message names the file and what to do.
#![warn(clippy::missing_errors_doc, clippy::missing_panics_doc)]

pub mod clips;
pub mod decode;
pub mod error;
pub mod fingerprint;
pub mod fingerprint_wire;
pub mod midi;
pub mod preset;

#[cfg(test)]
mod fuzz_tests;

pub use error::IoError;
