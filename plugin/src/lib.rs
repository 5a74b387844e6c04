//! Resonance plugin and standalone host glue (CLAP/VST3 via clack and clap-wrapper, cpal,
//! midir). The format glue lives here so the engine never learns about hosts.
//!
//! Filled in by the plugin and live-host issues.
pub mod midi;
