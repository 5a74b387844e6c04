//! Dev-only helpers shared by Resonance's tests, benches and evaluation tools (`tools/`):
//! a seeded random generator, signal levels, test-audio loading, the test-audio folder,
//! float-tolerance assertions, a thread-CPU clock and a fuzzing loop ([`fuzz`]).
//!
//! Nothing here runs on the audio thread and nothing here is published: the crate exists so
//! that every test and tool uses the same generator (the same seed gives the same corpus
//! everywhere) and the same loaders, instead of a copy each.

pub mod assert;
pub mod audio;
pub mod cpu;
pub mod dirs;
pub mod fuzz;
pub mod level;
pub mod rng;

pub use assert::{assert_slice_close, assert_slice_close_named};
pub use audio::{read_wav, read_wav_mono, resample_linear, wav_mono_at};
pub use cpu::{thread_cpu_ns, thread_cpu_s_since};
pub use dirs::test_audio_dir;
pub use level::{db_to_lin, lin_to_db, power, rms, rms_f64};
pub use rng::SplitMix64;
