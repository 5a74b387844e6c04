//! Generative music: conductor (mood -> music), sequencer and clock, voices, mixer.
//!
//! [`Synth`] is built in `prepare()` from the style table and runs on the audio thread.
//! This is the interface the engine calls; the music arrives with the generative-music issue,
//! and until then the synth renders silence while tracking its target and style.

use crate::types::{Cue, MoodTarget, Quantize, SampleTime, Telemetry};

/// A musical style, parsed from the `[style]` table of a preset (see [`crate::preset`]).
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// Tempo range in BPM: calm moods sit at the bottom, excited ones at the top.
    pub tempo_min: f32,
    pub tempo_max: f32,
}

impl Default for Style {
    fn default() -> Self {
        Self { tempo_min: 80.0, tempo_max: 140.0 }
    }
}

impl Style {
    /// Checks ranges.
    ///
    /// # Errors
    /// `(key, value, allowed range)` of the first bad field.
    pub fn check(&self) -> Result<(), (&'static str, f64, &'static str)> {
        if !(20.0..=300.0).contains(&self.tempo_min) {
            return Err(("style.tempo_min", f64::from(self.tempo_min), "20..=300"));
        }
        if !(20.0..=300.0).contains(&self.tempo_max) || self.tempo_max < self.tempo_min {
            return Err(("style.tempo_max", f64::from(self.tempo_max), "tempo_min..=300"));
        }
        Ok(())
    }
}

/// Audio-thread music generator.
#[derive(Debug)]
pub struct Synth {
    sample_rate: f32,
    styles: Vec<Style>,
    style: u16,
    target: MoodTarget,
    time: SampleTime,
    seed: u64,
}

impl Synth {
    /// Builds a synth with its style table. Allocates: call from `prepare()`.
    pub fn new(sample_rate: f32, max_block: usize, styles: &[Style], seed: u64) -> Self {
        let _ = max_block;
        let styles = if styles.is_empty() { vec![Style::default()] } else { styles.to_vec() };
        Self { sample_rate, styles, style: 0, target: MoodTarget::default(), time: 0, seed }
    }

    pub fn sample_rate(&self) -> f32 {
        self.sample_rate
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Number of styles in the table.
    pub fn style_count(&self) -> usize {
        self.styles.len()
    }

    /// Clears all state (voices, clock, pending cues).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.time = 0;
        self.style = 0;
    }

    /// Sets the mood the music should follow.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn set_target(&mut self, target: MoodTarget) {
        self.target = target.sanitized();
    }

    /// Schedules a cue's stinger.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn cue(&mut self, cue: Cue, sink: &mut dyn FnMut(Telemetry)) {
        sink(Telemetry::CueScheduled { cue, at: self.time });
    }

    /// Switches style at the next `quantize` boundary; an index beyond the table is ignored.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn set_style(&mut self, index: u16, quantize: Quantize, sink: &mut dyn FnMut(Telemetry)) {
        let _ = quantize;
        if usize::from(index) < self.styles.len() && index != self.style {
            self.style = index;
            sink(Telemetry::StyleChanged { index, at: self.time });
        }
    }

    pub fn style(&self) -> u16 {
        self.style
    }

    /// Renders the next block of music into `left`/`right` (overwritten).
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks or I/O.
    pub fn process(&mut self, left: &mut [f32], right: &mut [f32], sink: &mut dyn FnMut(Telemetry)) {
        let _ = sink;
        left.fill(0.0);
        right.fill(0.0);
        self.time += left.len() as u64;
    }
}
