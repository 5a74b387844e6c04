//! Errors of the engine crate (non-real-time) and the audio thread's `Copy` status.

use std::path::PathBuf;

/// Everything that can go wrong outside the audio thread. Each message says what was wrong
/// and what to do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    #[error("sample rate {0} Hz is not supported; use a rate from 22050 to 192000 Hz")]
    SampleRate(f64),
    #[error("maximum block size {0} is not supported; use 1 to {max} samples", max = crate::MAX_BLOCK_LIMIT)]
    MaxBlock(usize),
    #[error("{0} main channels are not supported; use mono (1) or stereo (2)")]
    Channels(usize),
    #[error("{file}: `{key}`: {message}")]
    Preset { file: String, key: String, message: String },
    #[error("{file}: {key}: {message}")]
    MidiMap { file: String, key: String, message: String },
    #[error("unknown preset `{name}`; available presets: {available}")]
    UnknownPreset { name: String, available: String },
    #[error(
        "the engine's command queue is full ({capacity} commands pending): the audio thread is not running or has stalled; retry once it runs"
    )]
    QueueFull { capacity: usize },
    #[error("SoundFont {path}: {reason}")]
    SoundFont { path: String, reason: String },
    #[error("{path}: {message}")]
    Decode { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Index { path: PathBuf, message: String },
    /// The cause is part of the message, not chained as a `source`: `{:#}` printed it twice
    /// ("No such file or directory (os error 2): No such file or directory (os error 2)").
    #[error("{path}: {cause}")]
    Io { path: PathBuf, cause: std::io::Error },
}

/// What `process()` reports. `Copy`, with static text: safe to return on the audio thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProcessStatus {
    /// The block was processed normally.
    Ok,
    /// The block was processed but the input had to be repaired (non-finite samples replaced
    /// by silence). The caller carries on; the count is in [`crate::Meters`].
    Sanitized,
    /// The buffers did not match the prepared layout; the engine wrote silence to every output
    /// it was given. The caller should output that silence and fix its buffer set-up.
    Error(&'static str),
}
