//! Music recognition by landmark fingerprints.
//!
//! The real-time side ([`Hasher`]) runs inside `process()` and emits [`Landmark`]s through an
//! SPSC queue; the index ([`index`]), the matcher ([`matcher`]) and the streaming recogniser
//! ([`stream`]) are non-real-time and live in their own modules.
//!
//! ## Algorithm
//!
//! Landmark hashing after Wang, "An Industrial-Strength Audio Search Algorithm" (ISMIR 2003)
//! and Ellis' audfprint (2014): the programme is resampled to [`ANALYSIS_RATE`] Hz
//! ([`resample`]), a Hann-windowed STFT ([`FFT_LEN`] points, hop [`HOP`]) gives a dB
//! spectrogram, spectral peaks are the maxima of a 2-D neighbourhood ([`peaks`]), and each
//! anchor peak is paired with the first peaks of a target zone after it. A pair
//! `(f1, f2, dt)` packs into a 22-bit hash; the landmark carries the anchor's frame. The same
//! [`Hasher`] code runs offline over decoded files to build the index, so online and offline
//! hashes agree bit for bit.
//!
//! Queries and the index use different fan-outs ([`HasherConfig::query`],
//! [`HasherConfig::index`]): the index stores few pairs per anchor (compact), the query forms
//! many so that an index pair survives even when noise inserts extra peaks in the target zone.

pub mod hasher;
pub mod peaks;
pub mod resample;

pub mod index;
pub mod matcher;
pub mod stream;

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

/// Hashes every landmark of a whole signal (offline helper: allocates the hasher and result).
pub fn landmarks_of(samples: &[f32], sample_rate: f64, config: HasherConfig) -> Vec<crate::Landmark> {
    let mut h = Hasher::with_config(sample_rate, config);
    let mut out = Vec::with_capacity(samples.len() / 64);
    h.process(samples, &mut |l| out.push(l));
    h.flush(&mut |l| out.push(l));
    out
}

/// Resamples a whole signal to [`ANALYSIS_RATE`] with the hasher's anti-alias filter (offline
/// helper). The speed search of [`matcher::identify`] re-hashes this at
/// `ANALYSIS_RATE / speed`: a 14-tap kernel per analysis sample instead of the 68-tap one a
/// 44.1 kHz input needs, and a fifth of the input samples.
pub fn to_analysis_rate(samples: &[f32], sample_rate: f64) -> Vec<f32> {
    let mut r = resample::Resampler::new(sample_rate, ANALYSIS_RATE, hasher::CUTOFF_HZ);
    let mut out = Vec::with_capacity((samples.len() as f64 * ANALYSIS_RATE / sample_rate.max(1.0)) as usize + 16);
    resample_into(&mut r, samples, &mut out);
    out
}

/// Appends everything `r` makes of `samples` to `out` (no flush: the kernel's last half-width
/// stays in `r`).
pub(crate) fn resample_into(r: &mut resample::Resampler, samples: &[f32], out: &mut Vec<f32>) {
    let block = r.max_write().max(1);
    let mut buf = [0.0f32; 256];
    for chunk in samples.chunks(block) {
        r.write(chunk);
        loop {
            let n = r.read(&mut buf);
            out.extend_from_slice(&buf[..n]);
            if n < buf.len() {
                break;
            }
        }
    }
}
