//! Music recognition by landmark fingerprints.
//!
//! The real-time side ([`Hasher`]) runs inside `process()` and emits [`Landmark`]s through an
//! SPSC queue; the index and matcher are non-real-time and live in their own modules.
//!
//! This is the interface the engine calls; the hasher arrives with the recognition issue.

use crate::types::Landmark;

/// Audio-thread landmark hasher.
#[derive(Debug)]
pub struct Hasher {
    sample_rate: f32,
}

impl Hasher {
    /// Builds a hasher for input at `sample_rate`. Allocates: call from `prepare()`.
    pub fn new(sample_rate: f32) -> Self {
        Self { sample_rate }
    }

    pub fn sample_rate(&self) -> f32 {
        self.sample_rate
    }

    /// Clears all state.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {}

    /// Consumes a block of mono programme audio and reports landmarks through `sink`.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks or I/O.
    pub fn process(&mut self, input: &[f32], sink: &mut dyn FnMut(Landmark)) {
        let _ = (input, sink);
    }
}
