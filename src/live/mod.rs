//! The standalone live-broadcast host: the engine on cpal devices, MIDI control, recording.
//!
//! It lives in the `resonance` binary rather than the plugin crate so the plugin's shared
//! library never links ALSA or JACK.
//!
//! The parts, from the command line to the audio thread: [`options`] (flags and config file),
//! [`control`] (the main thread's loop), [`session`] (devices, sources and engine for one run of
//! the streams), [`streams`] (cpal streams) or [`null_output`] (no device), [`rt`] (the
//! audio-thread side), and beside them [`deck`] (a whole track as the music bed), [`midi`], [`osc`], [`clips`]
//! (on-air clips fired by the bridge), [`recognition`] (with [`remote`]), [`recorder`] and [`summary`].

pub mod clips;
pub mod control;
pub mod cpuclock;
pub mod deck;
pub mod devices;
pub mod memlock;
pub mod midi;
pub mod null_output;
pub mod options;
pub mod osc;
pub mod recognition;
pub mod recorder;
pub mod remote;
pub mod rt;
pub mod session;
pub mod streams;
pub mod summary;
