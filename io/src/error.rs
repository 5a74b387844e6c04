//! Errors of the I/O crate: files that cannot be read, decoded or parsed. Each message says
//! what was wrong and what to do about it.

use std::path::PathBuf;

/// Everything that can go wrong reading audio, indexes, presets or MIDI maps.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IoError {
    /// A preset file (or text) failed to parse or validate.
    #[error("{file}: `{key}`: {message}")]
    Preset {
        /// The file (or label) the text came from.
        file: String,
        /// The offending key, e.g. `params.music_level`.
        key: String,
        /// What was wrong and what is allowed.
        message: String,
    },
    /// A MIDI map failed to parse or validate.
    #[error("{file}: {key}: {message}")]
    MidiMap {
        /// The file (or label) the text came from.
        file: String,
        /// The offending entry, e.g. `control[2].cc`.
        key: String,
        /// What was wrong and what is allowed.
        message: String,
    },
    /// No factory preset has this name and no file has this path.
    #[error("unknown preset `{name}`; available presets: {available}")]
    UnknownPreset {
        /// The name asked for.
        name: String,
        /// The factory presets' names, comma-separated.
        available: String,
    },
    /// An audio file could not be decoded (or a signal resampled).
    #[error("{path}: {message}")]
    Decode {
        /// The file (empty for a resampling error).
        path: PathBuf,
        /// What was wrong and what to do.
        message: String,
    },
    /// A fingerprint index file is foreign, corrupt or incompatible.
    #[error("{path}: {message}")]
    Index {
        /// The index file.
        path: PathBuf,
        /// What was wrong and what to do.
        message: String,
    },
    /// A file could not be read or written.
    ///
    /// The cause is part of the message, not chained as a `source`: `{:#}` printed it twice
    /// ("No such file or directory (os error 2): No such file or directory (os error 2)").
    #[error("{path}: {cause}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        cause: std::io::Error,
    },
}
