//! The conductor: maps mood (valence, arousal, intensity) and style to musical decisions.
//!
//! The rules follow the emotion-to-structure findings summarised by Gabrielsson & Lindström
//! ("The role of structure in the musical expression of emotions", in *Handbook of Music and
//! Emotion*, 2010) and the rule system of Livingstone, Muhlberger, Brown & Thompson ("Changing
//! musical emotion: a computational rule system for modifying score and performance",
//! *Computer Music Journal* 34(1), 2010 — CMERS), on Russell's valence/arousal circumplex
//! (1980):
//!
//! | musical factor | driven by | rule |
//! |---|---|---|
//! | tempo | arousal (+ intensity) | fast for high arousal, slow for low (CMERS tempo rule) |
//! | mode | valence | major for positive, minor for negative, with hysteresis; a darker "tense" mode (e.g. Phrygian) for negative valence with high arousal (fear/anger quadrant) |
//! | loudness / velocity | energy | louder for high arousal (CMERS loudness rule) |
//! | articulation | arousal | legato when calm, staccato when aroused (CMERS articulation) |
//! | pitch height | valence × arousal | lead an octave up for happy/excited, down for sad |
//! | timbre brightness | energy, valence | brighter filter for high arousal and positive valence |
//! | harmonic rhythm | energy | a chord per 2 bars when calm, per bar, per half bar when excited |
//! | density / layers | energy | layers enter at style thresholds (vertical layering, as in Wwise/FMOD/Elias) |
//! | drum density | energy | pattern level chosen from the style's list |
//! | rhythmic activity | energy | arpeggio in quarters, 8ths, 16ths |
//!
//! "Energy" is `0.75 * arousal' + 0.25 * intensity` with `arousal' = (arousal + 1) / 2`.
//! The mood is smoothed (2 s time constant) before it drives anything, and cues add a push
//! that decays over ~6 s (a goal lifts valence and arousal for a few bars).

use super::Style;
use super::theory::Mode;
use crate::types::MoodTarget;

/// Musical layers, in [`Music::layers`] order.
pub const PAD: usize = 0;
pub const BASS: usize = 1;
pub const ARP: usize = 2;
pub const STRINGS: usize = 3;
pub const LEAD: usize = 4;
/// Number of bed layers.
pub const LAYERS: usize = 5;

/// The conductor's decisions for the next bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Music {
    pub energy: f32,
    pub valence: f32,
    pub arousal: f32,
    pub bpm: f32,
    pub mode: Mode,
    /// Harmonic rhythm: bars per chord ×2 (1 = half bar, 2 = one bar, 4 = two bars).
    pub half_bars_per_chord: u32,
    pub layers: [bool; LAYERS],
    /// Drum pattern level, `None` = no drums.
    pub drum_level: Option<usize>,
    pub velocity: f32,
    /// Fraction of the step length a note sounds (articulation).
    pub gate: f32,
    pub brightness: f32,
    pub lead_octave: i32,
    /// Arpeggio note length in 16th steps.
    pub arp_steps: u32,
    /// Probability of a melody onset per 8th.
    pub lead_density: f32,
    /// Probability of sevenths in chords.
    pub sevenths: f32,
}

impl Default for Music {
    fn default() -> Self {
        Self {
            energy: 0.4,
            valence: 0.0,
            arousal: -0.3,
            bpm: 100.0,
            mode: Mode::Ionian,
            half_bars_per_chord: 2,
            layers: [true, false, false, false, false],
            drum_level: None,
            velocity: 0.7,
            gate: 0.9,
            brightness: 1.0,
            lead_octave: 0,
            arp_steps: 4,
            lead_density: 0.4,
            sevenths: 0.2,
        }
    }
}

/// Smoothed mood plus cue pushes.
#[derive(Clone, Copy, Debug)]
pub struct Conductor {
    valence: f32,
    arousal: f32,
    intensity: f32,
    push_v: f32,
    push_a: f32,
    major: bool,
    started: bool,
}

impl Default for Conductor {
    fn default() -> Self {
        Self { valence: 0.0, arousal: -0.3, intensity: 0.5, push_v: 0.0, push_a: 0.0, major: true, started: false }
    }
}

impl Conductor {
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Advances the smoothing by `dt` seconds toward `target` (called once per 16th step).
    pub fn follow(&mut self, target: MoodTarget, dt: f32) {
        if !self.started {
            // the first step jumps to the target: music starts in the right mood
            self.valence = target.valence;
            self.arousal = target.arousal;
            self.intensity = target.intensity;
            self.major = target.valence >= 0.0;
            self.started = true;
            return;
        }
        let c = 1.0 - (-dt / 2.0).exp();
        self.valence += (target.valence - self.valence) * c;
        self.arousal += (target.arousal - self.arousal) * c;
        self.intensity += (target.intensity - self.intensity) * c;
        let p = (-dt / 6.0).exp();
        self.push_v *= p;
        self.push_a *= p;
    }

    /// Adds a cue's push (see `stingers::mood_push`).
    pub fn push(&mut self, dv: f32, da: f32) {
        self.push_v = (self.push_v + dv).clamp(-1.0, 1.0);
        self.push_a = (self.push_a + da).clamp(-1.0, 1.0);
    }

    /// Current (valence, arousal) including pushes.
    pub fn mood(&self) -> (f32, f32) {
        ((self.valence + self.push_v).clamp(-1.0, 1.0), (self.arousal + self.push_a).clamp(-1.0, 1.0))
    }

    /// Energy 0..=1.
    pub fn energy(&self) -> f32 {
        let (_, a) = self.mood();
        (0.75 * (a + 1.0) * 0.5 + 0.25 * self.intensity).clamp(0.0, 1.0)
    }

    /// Decides the next bar. `phrase_start` allows a change of mode.
    pub fn plan(&mut self, style: &Style, prev: &Music, phrase_start: bool) -> Music {
        let (v, a) = self.mood();
        let e = self.energy();
        if phrase_start || !self.started {
            if v > 0.1 {
                self.major = true;
            } else if v < -0.1 {
                self.major = false;
            }
        }
        let mode = if !self.major && v < -0.35 && a > 0.25 {
            style.tense_mode
        } else if self.major {
            style.major_mode
        } else {
            style.minor_mode
        };
        let mode = if phrase_start { mode } else { prev.mode };
        let speed = (0.85 * (a + 1.0) * 0.5 + 0.15 * self.intensity).clamp(0.0, 1.0);
        let target_bpm = style.tempo_min + (style.tempo_max - style.tempo_min) * speed;
        let max_step = prev.bpm * 0.06;
        let bpm = if prev.bpm <= 0.0 { target_bpm } else { prev.bpm + (target_bpm - prev.bpm).clamp(-max_step, max_step) };
        let mut layers = prev.layers;
        for (i, on) in layers.iter_mut().enumerate() {
            let enter = style.layer(i).enter;
            if e > enter + 0.03 {
                *on = true;
            } else if e < enter - 0.03 {
                *on = false;
            }
        }
        let drum_level = if e < style.drums.enter {
            None
        } else {
            let n = style.drums.kick.len().max(1);
            let x = ((e - style.drums.enter) / (1.0 - style.drums.enter).max(0.05)).clamp(0.0, 0.999);
            Some(((x * n as f32) as usize).min(n - 1))
        };
        Music {
            energy: e,
            valence: v,
            arousal: a,
            bpm: bpm.clamp(style.tempo_min, style.tempo_max),
            mode,
            half_bars_per_chord: if e > 0.72 {
                1
            } else if e < 0.22 {
                4
            } else {
                2
            },
            layers,
            drum_level,
            velocity: 0.5 + 0.5 * e,
            gate: (0.95 - 0.5 * a.max(0.0)).clamp(0.3, 0.98),
            brightness: (1.6 * (e - 0.5) + 0.5 * v).exp2(),
            lead_octave: if v > 0.4 && a > 0.0 {
                1
            } else if v < -0.4 && a < 0.0 {
                -1
            } else {
                0
            },
            arp_steps: if e < 0.45 {
                4
            } else if e < 0.75 {
                2
            } else {
                1
            },
            lead_density: 0.25 + 0.6 * e,
            sevenths: style.sevenths * (1.0 - 0.5 * e) + if v < -0.3 { 0.2 } else { 0.0 },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_for(v: f32, a: f32) -> Music {
        let mut c = Conductor::default();
        c.follow(MoodTarget { valence: v, arousal: a, intensity: 0.5 }, 0.1);
        let mut m = Music::default();
        for _ in 0..40 {
            m = c.plan(&Style::default(), &m, true);
        }
        m
    }

    #[test]
    fn mood_maps_to_tempo_mode_density_and_articulation() {
        let calm_sad = plan_for(-0.8, -0.8);
        let happy_excited = plan_for(0.8, 0.9);
        let tense = plan_for(-0.8, 0.8);
        assert!(happy_excited.bpm > calm_sad.bpm + 20.0);
        assert!(happy_excited.mode.is_major());
        assert!(!calm_sad.mode.is_major());
        assert_eq!(tense.mode, Style::default().tense_mode);
        assert!(happy_excited.layers.iter().filter(|&&x| x).count() > calm_sad.layers.iter().filter(|&&x| x).count());
        assert!(happy_excited.drum_level > calm_sad.drum_level);
        assert!(happy_excited.gate < calm_sad.gate, "aroused music is more staccato");
        assert!(happy_excited.brightness > calm_sad.brightness);
        assert!(happy_excited.half_bars_per_chord < calm_sad.half_bars_per_chord);
    }
}
