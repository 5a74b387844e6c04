//! Evaluation harnesses for Resonance, as programs of their own (benches measure time; these
//! build a labelled corpus, score the engine on it and print the tables of `benches/README.md`):
//!
//! - [`crowd`]: crowd analysis (`crowd-eval`): event detection, latency, false alarms and mood
//!   on composites built from the real clips of the test-audio set.
//! - [`fingerprint`]: music recognition (`fingerprint-eval`): accuracy under noise and speed
//!   changes, false positives, query latency, extraction speed, index size, and `fpcalc` as a
//!   peer.
//! - [`music`]: music quality (`music-eval`): form, harmony, themes, calm motion, melody
//!   salience, arc following, loudness, endings and stinger timing of the generative music.
//! - [`mood`]: the music library's mood estimate (`mood-eval`): how its arousal follows
//!   loudness, tempo and onset density, and its valence mode and brightness, on real music.
//!
//! Each is split into stages: `corpus` (the material), `synthesis` (composites and noisy
//! queries), `scoring`, `report` (tables, plots) and, for the crowd, `trace` (tuning aids).

pub mod crowd;
pub mod fingerprint;
pub mod mood;
pub mod music;

use std::path::{Path, PathBuf};

/// The workspace's root folder (outputs go to its `target/`, as they did from `benches/`).
pub fn workspace_dir() -> PathBuf {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR"));
    tools.parent().unwrap_or(tools).to_path_buf()
}
