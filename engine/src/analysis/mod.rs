//! Crowd analysis on the audio thread: features, mood (valence/arousal + label) and events.
//!
//! [`CrowdAnalyzer`] is built (and allocates) in `prepare()`; [`CrowdAnalyzer::process`] runs
//! on the audio thread. It keeps its own sample clock from `reset()`, so timestamps are
//! sample-accurate and independent of the host's block size.
//!
//! This is the interface the engine calls; the detectors themselves arrive with the crowd
//! analysis issue. Until then the analyser reports a level-driven arousal and the `calm` label
//! with a confidence that says how little it knows.

use crate::types::{MoodLabel, MoodSnapshot, SampleTime, Telemetry};

/// How often a mood estimate is emitted.
pub const MOOD_INTERVAL_S: f32 = 0.5;

/// Audio-thread crowd analyser.
#[derive(Debug)]
pub struct CrowdAnalyzer {
    sample_rate: f32,
    time: SampleTime,
    sensitivity: f32,
    mood_every: u64,
    next_mood: u64,
    env: f32,
    env_coef: f32,
    mood: MoodSnapshot,
}

impl CrowdAnalyzer {
    /// Builds an analyser for `sample_rate`. Allocates: call from `prepare()`.
    pub fn new(sample_rate: f32) -> Self {
        let mood_every = (MOOD_INTERVAL_S * sample_rate).round().max(1.0) as u64;
        let mut a = Self {
            sample_rate,
            time: 0,
            sensitivity: 0.5,
            mood_every,
            next_mood: mood_every,
            env: 0.0,
            env_coef: 1.0 - (-1.0 / (0.4 * sample_rate)).exp(),
            mood: MoodSnapshot::default(),
        };
        a.reset();
        a
    }

    /// Clears all state; the next sample is time 0.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.time = 0;
        self.next_mood = self.mood_every;
        self.env = 0.0;
        self.mood = MoodSnapshot { confidence: 0.1, ..MoodSnapshot::default() };
    }

    /// Sets detection sensitivity, `0..=1` (0.5 is the calibrated default).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn set_sensitivity(&mut self, s: f32) {
        if s.is_finite() {
            self.sensitivity = s.clamp(0.0, 1.0);
        }
    }

    pub fn sample_rate(&self) -> f32 {
        self.sample_rate
    }

    /// The latest mood estimate.
    pub fn mood(&self) -> MoodSnapshot {
        self.mood
    }

    /// Analyses a block of the mono crowd signal (already sanitised) and reports moods and
    /// events through `sink`, in time order.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks or I/O; O(n).
    pub fn process(&mut self, input: &[f32], sink: &mut dyn FnMut(Telemetry)) {
        for &x in input {
            self.env += (x * x - self.env) * self.env_coef;
            self.time += 1;
            if self.time >= self.next_mood {
                self.next_mood += self.mood_every;
                let db = 10.0 * self.env.max(1e-12).log10();
                // Placeholder mapping until the crowd-analysis issue: -60 dBFS -> -1, -10 dBFS -> +1.
                let arousal = ((db + 35.0) / 25.0).clamp(-1.0, 1.0);
                self.mood = MoodSnapshot { time: self.time, valence: 0.0, arousal, label: MoodLabel::Calm, confidence: 0.1 };
                sink(Telemetry::Mood(self.mood));
            }
        }
    }
}
