//! Music recognition around the real-time hasher: the landmark index, the matcher and the
//! streaming recogniser.
//!
//! The hasher ([`resonance_engine::fingerprint::Hasher`]) runs inside the engine's
//! `process()` and emits [`Landmark`]s through an SPSC queue; everything here is
//! non-real-time. The same hasher code runs offline over decoded files ([`landmarks_of`]) to
//! build the index, so online and offline hashes agree bit for bit.

pub mod index;
pub mod matcher;
pub mod stream;

use resonance_engine::Landmark;
use resonance_engine::fingerprint::{ANALYSIS_RATE, Hasher, HasherConfig, hasher, resample};

/// Hashes every landmark of a whole signal (offline helper: allocates the hasher and result).
pub fn landmarks_of(samples: &[f32], sample_rate: f64, config: HasherConfig) -> Vec<Landmark> {
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

/// Appends `v` to `out` as an unsigned LEB128 varint (7 bits a byte, low bits first, the high
/// bit set on every byte but the last): the one varint writer of the index file and of the
/// fingerprint wire format.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
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
