//! The plugin's view of the engine parameters: a lock-free store of the current plain values
//! shared by the main thread, the audio thread and the host, and the mapping to CLAP parameter
//! IDs (the index in [`ParamId::ALL`], stable because the engine never reorders it).
//!
//! `resonance_engine::params` stays the single source of truth for IDs, ranges, defaults and
//! text; this module only stores values and maps CC numbers.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use resonance_engine::params::ParamKind;
use resonance_engine::{ParamId, ParamValues};

/// Current plain values of every parameter, readable and writable from any thread without
/// locks (`f32` bits in atomics), plus a generation counter that the main thread bumps when it
/// replaces values wholesale (state load) so the audio thread re-applies them.
#[derive(Debug)]
pub struct ParamStore {
    values: [AtomicU32; ParamId::ALL.len()],
    generation: AtomicU64,
}

impl ParamStore {
    pub fn new(initial: &ParamValues) -> Self {
        Self { values: std::array::from_fn(|i| AtomicU32::new(initial.0[i].to_bits())), generation: AtomicU64::new(0) }
    }

    /// # Realtime safety
    /// Real-time safe (one atomic load).
    pub fn get(&self, id: ParamId) -> f32 {
        f32::from_bits(self.values[id.index()].load(Ordering::Relaxed))
    }

    /// Stores a value (clamped to the parameter's range).
    ///
    /// # Realtime safety
    /// Real-time safe (one atomic store).
    pub fn set(&self, id: ParamId, value: f32) {
        self.values[id.index()].store(canonical(id, value).to_bits(), Ordering::Relaxed);
    }

    /// All values now.
    pub fn snapshot(&self) -> ParamValues {
        let mut v = ParamValues::default();
        for id in ParamId::ALL {
            v.0[id.index()] = self.get(id);
        }
        v
    }

    /// Replaces every value and bumps the generation (main thread, after a state load).
    pub fn replace_all(&self, values: &ParamValues) {
        for id in ParamId::ALL {
            self.set(id, values.get(id));
        }
        self.generation.fetch_add(1, Ordering::Release);
    }

    /// # Realtime safety
    /// Real-time safe (one atomic load).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }
}

/// The value a parameter actually takes: clamped to its range, and whole for the parameters
/// the host sees as stepped (`style` is continuous in the engine's table but indexes styles).
///
/// # Realtime safety
/// Real-time safe.
pub fn canonical(id: ParamId, value: f32) -> f32 {
    let v = id.info().clamp(value);
    if is_stepped(id) { id.info().clamp(v.round()) } else { v }
}

/// The parameter behind a CLAP parameter ID.
pub fn param_from_clap_id(id: u32) -> Option<ParamId> {
    ParamId::ALL.get(id as usize).copied()
}

/// Whether the host should treat the parameter as stepped.
pub fn is_stepped(id: ParamId) -> bool {
    // `style` indexes the style table: whole numbers only.
    matches!(id.info().kind, ParamKind::Bool | ParamKind::Enum(_)) || id == ParamId::Style
}

/// MIDI CC numbers that reach parameters (any channel): the 0..=127 controller value maps
/// linearly over the parameter's range. The conventional meanings: 1 modulation -> intensity,
/// 7 volume -> music level, 11 expression -> dry/wet, 16/17 general purpose -> valence/arousal,
/// 64 sustain -> hold mood.
pub const CC_MAP: &[(u8, ParamId)] = &[
    (1, ParamId::Intensity),
    (7, ParamId::MusicLevel),
    (11, ParamId::DryWet),
    (16, ParamId::ManualValence),
    (17, ParamId::ManualArousal),
    (64, ParamId::HoldMood),
];

/// The parameter and plain value a MIDI CC sets, if it is mapped.
///
/// # Realtime safety
/// Real-time safe.
pub fn cc_to_param(cc: u8, value: u8) -> Option<(ParamId, f32)> {
    let (_, id) = CC_MAP.iter().find(|(c, _)| *c == cc)?;
    Some((*id, id.info().denormalize(f32::from(value.min(127)) / 127.0)))
}

/// First MIDI note of the cue keyboard: note `CUE_BASE_NOTE + i` fires `Cue::ALL[i]`
/// (C4 = 60 is `goal`).
pub const CUE_BASE_NOTE: u8 = 60;

/// The cue a note fires, if any.
///
/// # Realtime safety
/// Real-time safe.
pub fn note_to_cue(key: u16) -> Option<resonance_engine::Cue> {
    let i = usize::from(key).checked_sub(usize::from(CUE_BASE_NOTE))?;
    resonance_engine::Cue::ALL.get(i).copied()
}

/// First MIDI note of the style keyboard: note `STYLE_BASE_NOTE + i` switches to style `i`
/// at the next bar (C3 = 48 is the first style; 12 styles reachable).
pub const STYLE_BASE_NOTE: u8 = 48;

/// The style index a note selects, if any.
///
/// # Realtime safety
/// Real-time safe.
pub fn note_to_style(key: u16) -> Option<u16> {
    let i = key.checked_sub(u16::from(STYLE_BASE_NOTE))?;
    (i < u16::from(CUE_BASE_NOTE - STYLE_BASE_NOTE)).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_round_trips_and_clamps() {
        let s = ParamStore::new(&ParamValues::default());
        s.set(ParamId::MusicLevel, 100.0);
        assert_eq!(s.get(ParamId::MusicLevel), ParamId::MusicLevel.info().max);
        let g = s.generation();
        let mut v = ParamValues::default();
        v.set(ParamId::Intensity, 0.25);
        s.replace_all(&v);
        assert_eq!(s.snapshot(), v);
        assert_eq!(s.generation(), g + 1);
    }

    #[test]
    fn notes_and_ccs_map() {
        assert_eq!(note_to_cue(60), Some(resonance_engine::Cue::Goal));
        assert_eq!(note_to_cue(59), None);
        assert_eq!(note_to_cue(60 + 16), None);
        assert_eq!(note_to_style(48), Some(0));
        assert_eq!(note_to_style(59), Some(11));
        assert_eq!(note_to_style(60), None);
        assert_eq!(note_to_style(47), None);
        assert_eq!(cc_to_param(7, 127), Some((ParamId::MusicLevel, ParamId::MusicLevel.info().max)));
        assert_eq!(cc_to_param(2, 64), None);
        assert_eq!(param_from_clap_id(ParamId::Bypass.index() as u32), Some(ParamId::Bypass));
        assert_eq!(param_from_clap_id(999), None);
    }
}
