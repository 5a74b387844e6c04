//! Shared helpers: the built binary, real test audio, WAV inspection (the last two from
//! `resonance-test-support`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the built `resonance` binary with `args` in `dir`.
pub fn resonance(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resonance")).args(args).current_dir(dir).output().expect("run resonance")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Where `../shared/data/fetch-test-audio.sh` put the real recordings.
pub fn test_audio(rel: &str) -> PathBuf {
    resonance_test_support::test_audio_dir().join(rel)
}

/// Reads a WAV file: (spec, interleaved samples as f32 in -1..1).
pub use resonance_test_support::read_wav;

/// Files in a directory (to check that nothing, not even a temporary, was left behind).
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// Tests that start the default JACK server take this lock, one at a time.
pub static JACK_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
