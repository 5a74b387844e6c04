//! Resonance as a CLAP plugin ([`clap`], built on clack) and a VST3 plugin (clap-wrapper
//! wrapping the same `clap_entry`), with its non-real-time OSC link to the bridge ([`osc`],
//! the shared `resonance-protocol` crate).
//! The format glue lives here so the engine never learns about hosts.
//!
//! Layout of the crate:
//! * [`clap`] — the plugin: ports, parameters, notes, state, latency, tail, `clap_entry`.
//! * [`clips`] — on-air clips fired by the bridge and MIDI clip pads (the activation's clip
//!   thread; the loader is `resonance_io::clips`, shared with the live host).
//! * [`params`] — lock-free parameter store, CLAP ID mapping, MIDI note/CC maps. (MIDI
//!   controller mapping with learn and TOML map files, for the live host, is
//!   `resonance_io::midi`.)
//! * [`presets`] — factory presets for hosts (preset discovery + preset load).
//! * [`state`] — versioned binary state, all-or-nothing decoding.
//! * [`osc`] — the OSC thread and its message codec (re-exported from `resonance-protocol`).
//! * [`recognition`] — which fingerprint index to match (env / config file) and the
//!   activation's music recognition thread.
//! * [`vst3_cc`] — MIDI CCs onto parameters in VST3 (the patched wrapper's extension).

pub mod clap;
pub mod clips;
pub mod error;
pub use resonance_protocol as osc;
pub mod params;
pub mod presets;
pub mod recognition;
pub mod state;
pub mod vst3_cc;

#[cfg(test)]
mod fuzz_tests;

pub use error::PluginError;

// `GetPluginFactory`, `ModuleEntry` and `ModuleExit` for VST3 hosts, wrapping `clap_entry`.
clap_wrapper::export_vst3!();
