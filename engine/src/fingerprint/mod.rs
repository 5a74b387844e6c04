//! Music recognition by landmark fingerprints.
//!
//! This module is the real-time side: the [`Hasher`] runs inside `process()` and emits
//! [`Landmark`](crate::Landmark)s through an SPSC queue. The index, the matcher and the
//! streaming recogniser are non-real-time and live in the `resonance-io` crate
//! (`resonance_io::fingerprint::{index, matcher, stream}`).
//!
//! ## Algorithm
//!
//! Landmark hashing after Wang, "An Industrial-Strength Audio Search Algorithm" (ISMIR 2003)
//! and Ellis' audfprint (2014): the programme is resampled to [`ANALYSIS_RATE`] Hz
//! ([`resample`]), a Hann-windowed STFT ([`FFT_LEN`] points, hop [`HOP`]) gives a dB
//! spectrogram, spectral peaks are the maxima of a 2-D neighbourhood (`peaks`), and each
//! anchor peak is paired with the first peaks of a target zone after it. A pair
//! `(f1, f2, dt)` packs into a 22-bit hash; the landmark carries the anchor's frame. The same
//! [`Hasher`] code runs offline over decoded files to build the index, so online and offline
//! hashes agree bit for bit.
//!
//! Queries and the index use different fan-outs ([`HasherConfig::query`],
//! [`HasherConfig::index`]): the index stores few pairs per anchor (compact), the query forms
//! many so that an index pair survives even when noise inserts extra peaks in the target zone.

pub mod hasher;
pub(crate) mod peaks;
pub mod resample;

pub use hasher::{Hasher, HasherConfig};

/// Analysis sample rate (Hz).
pub const ANALYSIS_RATE: f64 = 8000.0;
/// STFT length at the analysis rate (64 ms).
pub const FFT_LEN: usize = 512;
/// STFT hop at the analysis rate (16 ms): the unit of [`crate::Landmark::frame`].
pub const HOP: usize = 128;
/// Seconds per analysis frame.
pub const FRAME_S: f64 = HOP as f64 / ANALYSIS_RATE;
/// Bits of [`crate::Landmark::hash`] in use.
pub const HASH_BITS: u32 = 22;

/// What the streaming recogniser (`resonance_io::fingerprint::stream`) reports. Plain data,
/// defined here so that the protocol and the bridge carry it without the I/O crate.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(tag = "type", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RecognitionEvent {
    /// A track became audible (or changed).
    NowPlaying {
        /// The track's id in the index.
        track: u32,
        /// The indexed file's stem.
        name: String,
        /// The track's title tag, if it had one.
        title: Option<String>,
        /// The track's artist tag, if it had one.
        artist: Option<String>,
        /// Position in the track at `at_s`.
        offset_s: f64,
        /// The match's confidence, 0..=1.
        confidence: f64,
        /// Stream time (seconds of hashed audio since the hasher's reset).
        at_s: f64,
    },
    /// The track reported by the last `NowPlaying` is no longer heard.
    Ended {
        /// The track's id in the index.
        track: u32,
        /// The indexed file's stem.
        name: String,
        /// Stream time (seconds of hashed audio since the hasher's reset).
        at_s: f64,
    },
}
