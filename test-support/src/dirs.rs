//! Where the real test audio lives.

use std::path::PathBuf;

/// The real test-audio folder fetched by `../shared/data/fetch-test-audio.sh`:
/// `RESONANCE_TEST_AUDIO` when set and not empty, else `<workspace>/target/test-audio`.
///
/// # Panics
/// When the folder is missing or its fetch did not complete, with the command that fetches it:
/// a test that needs real audio fails loudly instead of passing on nothing.
#[must_use]
pub fn test_audio_dir() -> PathBuf {
    let dir = std::env::var_os("RESONANCE_TEST_AUDIO")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/test-audio")), PathBuf::from);
    assert!(
        dir.join(".complete").is_file(),
        "real test audio not found in {}: run `bash ../shared/data/fetch-test-audio.sh target/test-audio` from the \
         repository root (or set RESONANCE_TEST_AUDIO to a folder it filled)",
        dir.display()
    );
    dir
}
