//! The standalone live-broadcast host: the engine on cpal devices, MIDI control, recording.
//!
//! It lives in the `resonance` binary rather than the plugin crate so the plugin's shared
//! library never links ALSA or JACK.

pub mod cpuclock;
pub mod devices;
pub mod memlock;
pub mod recognition;
pub mod rt;
pub mod run;
