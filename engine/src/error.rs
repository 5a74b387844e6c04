//! Errors of the engine crate (non-real-time) and the audio thread's `Copy` status.
//!
//! Files, decoding, presets and MIDI maps fail with `resonance_io::IoError` instead.

/// Everything that can go wrong outside the audio thread. Each message says what was wrong
/// and what to do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// `prepare()` was given a sample rate outside [`crate::MIN_SAMPLE_RATE`]..=[`crate::MAX_SAMPLE_RATE`].
    #[error("sample rate {0} Hz is not supported; use a rate from 22050 to 192000 Hz")]
    SampleRate(f64),
    /// `prepare()` was given a `max_block` of 0 or above [`crate::MAX_BLOCK_LIMIT`].
    #[error("maximum block size {0} is not supported; use 1 to {max} samples", max = crate::MAX_BLOCK_LIMIT)]
    MaxBlock(usize),
    /// `prepare()` was given a main bus of other than 1 or 2 channels.
    #[error("{0} main channels are not supported; use mono (1) or stereo (2)")]
    Channels(usize),
    /// The command queue to the audio thread is full.
    #[error(
        "the engine's command queue is full ({capacity} commands pending): the audio thread is not running or has stalled; retry once it runs"
    )]
    QueueFull {
        /// The queue's capacity.
        capacity: usize,
    },
    /// A SoundFont could not be loaded or cannot play at the sample rate.
    #[error("SoundFont {path}: {reason}")]
    SoundFont {
        /// The SoundFont file.
        path: String,
        /// What was wrong and what to do.
        reason: String,
    },
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
