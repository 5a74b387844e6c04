//! Shared test support: real test audio, and float-tolerance assertions.
#![allow(dead_code)]

use resonance_io::decode::{decode_file, resample};

pub use resonance_test_support::test_audio_dir;

/// A real recording (relative to the test-audio folder), mono, at `rate`.
pub fn load_mono(rel: &str, rate: u32) -> Vec<f32> {
    let path = test_audio_dir().join(rel);
    let d = decode_file(&path).unwrap_or_else(|e| panic!("{e}"));
    resample(&d.to_mono(), d.sample_rate, rate).unwrap_or_else(|e| panic!("{e}"))
}

/// A real recording, stereo, at `rate`.
pub fn load_stereo(rel: &str, rate: u32) -> [Vec<f32>; 2] {
    let path = test_audio_dir().join(rel);
    let d = decode_file(&path).unwrap_or_else(|e| panic!("{e}")).resampled(rate).unwrap_or_else(|e| panic!("{e}"));
    d.to_stereo()
}

/// Endless loop over a signal.
pub fn looped(sig: &[f32], start: usize, out: &mut [f32]) {
    for (i, o) in out.iter_mut().enumerate() {
        *o = sig[(start + i) % sig.len()];
    }
}

/// Asserts two signals are equal within `tol`, reporting the first differing index.
#[track_caller]
pub fn assert_close(a: &[f32], b: &[f32], tol: f32, what: &str) {
    resonance_test_support::assert_slice_close_named(a, b, tol, what);
}
