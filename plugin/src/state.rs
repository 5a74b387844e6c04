//! Versioned binary plugin state: the parameter values, by stable string ID.
//!
//! Layout (little endian):
//!
//! ```text
//! magic  b"RSNCSTAT"            8 bytes
//! version u16                   (STATE_VERSION)
//! count   u16                   number of entries
//! entries count × { id_len u8, id bytes (UTF-8), value f32 }
//! check   u32                   FNV-1a 32 of every byte before it
//! ```
//!
//! Decoding is all-or-nothing: a state with a bad magic, a newer or unknown version, a
//! truncated body, a bad checksum, an unknown or repeated parameter ID or a non-finite value is
//! rejected and nothing is applied, so the running state stays untouched. Parameters the state
//! does not mention keep their defaults (states from older builds with fewer parameters load).
//! FNV-1a is from Fowler, Noll and Vo (public domain, <http://www.isthe.com/chongo/tech/comp/fnv/>).

use resonance_engine::{ParamId, ParamValues};

use crate::error::PluginError;

/// Magic bytes at the start of every state.
pub const STATE_MAGIC: &[u8; 8] = b"RSNCSTAT";
/// The state version this build writes and reads.
pub const STATE_VERSION: u16 = 1;
/// Refuse anything larger: a real state is a few hundred bytes.
pub const MAX_STATE_BYTES: usize = 64 * 1024;

/// FNV-1a, 32 bit.
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Serialises parameter values.
pub fn encode(values: &ParamValues) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(STATE_MAGIC);
    out.extend_from_slice(&STATE_VERSION.to_le_bytes());
    out.extend_from_slice(&(ParamId::ALL.len() as u16).to_le_bytes());
    for id in ParamId::ALL {
        let name = id.info().id.as_bytes();
        out.push(name.len() as u8);
        out.extend_from_slice(name);
        out.extend_from_slice(&values.get(id).to_le_bytes());
    }
    let check = fnv1a(&out);
    out.extend_from_slice(&check.to_le_bytes());
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], PluginError> {
        let end = self.pos.checked_add(n).ok_or(PluginError::StateTruncated(what))?;
        let s = self.bytes.get(self.pos..end).ok_or(PluginError::StateTruncated(what))?;
        self.pos = end;
        Ok(s)
    }

    fn u16(&mut self, what: &'static str) -> Result<u16, PluginError> {
        let s = self.take(2, what)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
}

/// Parses a state. Nothing is applied here: the caller applies the returned values only on
/// success.
pub fn decode(bytes: &[u8]) -> Result<ParamValues, PluginError> {
    if bytes.len() > MAX_STATE_BYTES {
        return Err(PluginError::StateTooLarge { max: MAX_STATE_BYTES });
    }
    let mut r = Reader { bytes, pos: 0 };
    if r.take(STATE_MAGIC.len(), "magic")? != STATE_MAGIC {
        return Err(PluginError::StateMagic);
    }
    let version = r.u16("version")?;
    if version > STATE_VERSION {
        return Err(PluginError::StateFutureVersion { found: version, supported: STATE_VERSION });
    }
    if version != STATE_VERSION {
        return Err(PluginError::StateUnknownVersion(version));
    }
    let count = r.u16("entry count")?;
    let mut values = ParamValues::default();
    let mut seen = [false; ParamId::ALL.len()];
    for _ in 0..count {
        let len = r.take(1, "parameter ID length")?[0] as usize;
        let name = r.take(len, "parameter ID")?;
        let raw = r.take(4, "parameter value")?;
        let value = f32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]);
        let name = std::str::from_utf8(name).map_err(|_| PluginError::StateCorrupt("parameter ID is not UTF-8"))?;
        let id = ParamId::from_id(name).ok_or(PluginError::StateCorrupt("unknown parameter ID"))?;
        if std::mem::replace(&mut seen[id.index()], true) {
            return Err(PluginError::StateCorrupt("parameter listed twice"));
        }
        if !value.is_finite() {
            return Err(PluginError::StateCorrupt("parameter value is not a finite number"));
        }
        values.set(id, value);
    }
    let body_end = r.pos;
    let check = r.take(4, "checksum")?;
    if r.pos != bytes.len() {
        return Err(PluginError::StateCorrupt("trailing bytes after the checksum"));
    }
    if u32::from_le_bytes([check[0], check[1], check[2], check[3]]) != fnv1a(&bytes[..body_end]) {
        return Err(PluginError::StateCorrupt("checksum mismatch"));
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ParamValues {
        let mut v = ParamValues::default();
        v.set(ParamId::MusicLevel, -12.5);
        v.set(ParamId::MoodSource, 2.0);
        v.set(ParamId::Bypass, 1.0);
        v
    }

    #[test]
    fn round_trip_is_exact() {
        let v = sample();
        assert_eq!(decode(&encode(&v)).unwrap(), v);
    }

    #[test]
    fn every_truncation_is_rejected() {
        let bytes = encode(&sample());
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n]).is_err(), "prefix of {n} bytes was accepted");
        }
    }

    #[test]
    fn every_single_bit_flip_is_rejected() {
        let bytes = encode(&sample());
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut b = bytes.clone();
                b[i] ^= 1 << bit;
                assert!(decode(&b).is_err(), "flip of bit {bit} in byte {i} was accepted");
            }
        }
    }

    #[test]
    fn future_and_garbage_states_say_what_to_do() {
        let mut b = encode(&sample());
        b[8..10].copy_from_slice(&2u16.to_le_bytes());
        let msg = decode(&b).unwrap_err().to_string();
        assert!(msg.contains("upgrade Resonance"), "{msg}");
        let msg = decode(b"hello, this is not a state at all").unwrap_err().to_string();
        assert!(msg.contains("not a Resonance state"), "{msg}");
        assert!(decode(&vec![0u8; MAX_STATE_BYTES + 1]).is_err());
    }

    #[test]
    fn older_states_with_fewer_parameters_keep_defaults() {
        let mut out = Vec::new();
        out.extend_from_slice(STATE_MAGIC);
        out.extend_from_slice(&STATE_VERSION.to_le_bytes());
        out.extend_from_slice(&1u16.to_le_bytes());
        out.push(b"intensity".len() as u8);
        out.extend_from_slice(b"intensity");
        out.extend_from_slice(&0.9f32.to_le_bytes());
        let c = fnv1a(&out);
        out.extend_from_slice(&c.to_le_bytes());
        let v = decode(&out).unwrap();
        assert_eq!(v.get(ParamId::Intensity), 0.9);
        assert_eq!(v.get(ParamId::MusicLevel), ParamId::MusicLevel.info().default);
    }
}
