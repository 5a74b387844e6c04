//! The compact binary fingerprint a client sends to the recognition service instead of audio
//! (`POST /api/v1/recognize/fingerprint`): the query-side landmarks of a recording, computed
//! where the audio is (the live host, the plugin, a phone) with the engine's own hasher.
//!
//! Format version 1, little endian (docs/recognition-service.md):
//!
//! ```text
//! offset  size  field
//! 0       4     magic "RSFP"
//! 4       1     version (1)
//! 5       1     reserved (0)
//! 6       4     hasher id (fingerprint::index::HASHER_ID: FFT length, hop, hash bits)
//! 10      4     duration of the recording in milliseconds
//! 14      4     landmark count n
//! 18      ...   n landmarks, sorted by (frame, hash): varint frame delta, varint hash
//! end-4   4     FNV-1a 32 of every byte before it
//! ```
//!
//! About 4-5 bytes a landmark (a 22-bit hash is a 3- or 4-byte varint): a 10 s query is a
//! few kilobytes. A fingerprint made with other
//! hasher parameters cannot match the index and is refused ([`WireError::Hasher`]), as is any
//! other version, a bad checksum, a truncated or over-long body.

use resonance_engine::Landmark;
use resonance_engine::fingerprint::{HASH_BITS, HasherConfig};

use crate::fingerprint::index::HASHER_ID;
use crate::fingerprint::{landmarks_of, put_varint};

/// First bytes of every fingerprint.
pub const MAGIC: &[u8; 4] = b"RSFP";
/// The version this build writes and reads.
pub const VERSION: u8 = 1;
/// Bytes before the landmarks.
pub const HEADER_LEN: usize = 18;
/// Most landmarks accepted (far above a minute of audio).
pub const MAX_LANDMARKS: u32 = 200_000;

/// Why bytes are not a usable fingerprint.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WireError {
    #[error("not a Resonance fingerprint (no \"RSFP\" magic); compute it with resonance_io::fingerprint_wire::fingerprint_of")]
    Magic,
    #[error("fingerprint format version {found}, this service reads version {VERSION}; update the client")]
    Version { found: u8 },
    #[error("fingerprint made with hasher {found:#010x}, this service's index uses {HASHER_ID:#010x}; update the client")]
    Hasher { found: u32 },
    #[error("fingerprint truncated: {0}; send the whole fingerprint")]
    Truncated(&'static str),
    #[error("fingerprint checksum mismatch: the bytes were damaged in transit")]
    Checksum,
    #[error("fingerprint malformed: {0}")]
    Malformed(&'static str),
}

/// A recording's query-side landmarks and its duration.
#[derive(Clone, Debug, PartialEq)]
pub struct Fingerprint {
    pub duration_s: f64,
    /// Sorted by `(frame, hash)`.
    pub landmarks: Vec<Landmark>,
}

fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn varint(buf: &[u8], pos: &mut usize) -> Result<u32, WireError> {
    let mut v = 0u32;
    for shift in (0..35).step_by(7) {
        let b = *buf.get(*pos).ok_or(WireError::Truncated("a landmark is cut off"))?;
        *pos += 1;
        v |= u32::from(b & 0x7f).checked_shl(shift).ok_or(WireError::Malformed("varint too long"))?;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(WireError::Malformed("varint too long"))
}

/// The fingerprint of mono `samples` at `sample_rate` (the engine's query-side hasher, as
/// the matcher's first attempt hashes a query).
pub fn fingerprint_of(samples: &[f32], sample_rate: f64) -> Fingerprint {
    let mut landmarks = landmarks_of(samples, sample_rate, HasherConfig::query());
    landmarks.sort_unstable_by_key(|l| (l.frame, l.hash));
    Fingerprint { duration_s: samples.len() as f64 / sample_rate.max(1.0), landmarks }
}

impl Fingerprint {
    /// The wire form (module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut lms = self.landmarks.clone();
        lms.sort_unstable_by_key(|l| (l.frame, l.hash));
        lms.truncate(MAX_LANDMARKS as usize);
        let mut out = Vec::with_capacity(HEADER_LEN + lms.len() * 4 + 4);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(0);
        out.extend_from_slice(&HASHER_ID.to_le_bytes());
        out.extend_from_slice(&((self.duration_s.max(0.0) * 1000.0).round().min(f64::from(u32::MAX)) as u32).to_le_bytes());
        out.extend_from_slice(&(lms.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for l in &lms {
            put_varint(&mut out, u64::from(l.frame - prev));
            prev = l.frame;
            put_varint(&mut out, u64::from(l.hash & ((1 << HASH_BITS) - 1)));
        }
        let sum = fnv1a32(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Parses the wire form.
    ///
    /// # Errors
    /// [`WireError`] for another magic, version or hasher, a bad checksum, a truncated body,
    /// more than [`MAX_LANDMARKS`] landmarks or trailing bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, WireError> {
        if bytes.len() < 4 || &bytes[..4] != MAGIC {
            return Err(WireError::Magic);
        }
        if bytes.len() < HEADER_LEN + 4 {
            return Err(WireError::Truncated("shorter than the header"));
        }
        let u32_at = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        if bytes[4] != VERSION {
            return Err(WireError::Version { found: bytes[4] });
        }
        let hasher = u32_at(6);
        if hasher != HASHER_ID {
            return Err(WireError::Hasher { found: hasher });
        }
        let body = &bytes[..bytes.len() - 4];
        if fnv1a32(body) != u32_at(bytes.len() - 4) {
            return Err(WireError::Checksum);
        }
        let duration_s = f64::from(u32_at(10)) / 1000.0;
        let n = u32_at(14);
        if n > MAX_LANDMARKS {
            return Err(WireError::Malformed("more landmarks than any query holds"));
        }
        let mut landmarks = Vec::with_capacity(n as usize);
        let mut pos = HEADER_LEN;
        let mut frame = 0u32;
        for _ in 0..n {
            frame = frame.checked_add(varint(body, &mut pos)?).ok_or(WireError::Malformed("frame overflows"))?;
            let hash = varint(body, &mut pos)?;
            if hash >> HASH_BITS != 0 {
                return Err(WireError::Malformed("hash wider than the hasher's"));
            }
            landmarks.push(Landmark { hash, frame });
        }
        if pos != body.len() {
            return Err(WireError::Malformed("bytes after the last landmark"));
        }
        Ok(Self { duration_s, landmarks })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_damage() {
        let fp = Fingerprint {
            duration_s: 8.25,
            landmarks: (0..500).map(|i| Landmark { hash: (i * 7919) & ((1 << HASH_BITS) - 1), frame: i / 3 }).collect(),
        };
        let bytes = fp.to_bytes();
        assert!(bytes.len() <= 500 * 5 + 22, "{}", bytes.len());
        assert_eq!(Fingerprint::from_bytes(&bytes).unwrap(), fp);
        let mut v2 = bytes.clone();
        v2[4] = 2;
        assert_eq!(Fingerprint::from_bytes(&v2), Err(WireError::Version { found: 2 }));
        let mut flipped = bytes.clone();
        flipped[40] ^= 0x10;
        assert_eq!(Fingerprint::from_bytes(&flipped), Err(WireError::Checksum));
        assert_eq!(Fingerprint::from_bytes(&bytes[..10]), Err(WireError::Truncated("shorter than the header")));
        assert_eq!(Fingerprint::from_bytes(b"RIFF1234"), Err(WireError::Magic));
        assert_eq!(Fingerprint::from_bytes(b""), Err(WireError::Magic));
    }
}
