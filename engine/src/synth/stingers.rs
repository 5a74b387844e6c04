//! Stinger phrases: short figures fired by cues, landing on the next beat.
//!
//! Each is a list of notes on the 16th-note grid, relative to the style's tonic, written in
//! major-scale semitones and resolved into the mode that sounds when the stinger starts
//! ([`in_mode`]): a scale tone moves to the mode's degree, a chromatic one stays, and a
//! triumphant figure in a minor mode is played in the relative major (the same key
//! signature, the brightest chord it has), so no stinger leaves the key. Their
//! shapes follow the film/game conventions the issue names (Wwise/FMOD/Elias stingers): a
//! rising major arpeggio and cymbal for goals and victories, a falling minor line for defeats,
//! a dissonant stab for cards and bosses, a heartbeat for critical HP.

use super::theory::Mode;
use super::voices::drums::DrumKind;
use crate::types::Cue;

/// What a stinger event plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inst {
    /// The style's stinger timbre (brass-like): every listed pitch, in semitones above the
    /// tonic (MIDI of tonic + 12 is the reference octave), i.e. a note or a chord.
    Tone(&'static [i8]),
    /// One drum hit.
    Drum(DrumKind),
    /// A drum roll: one hit per 16th step for `len` steps, the velocity rising from `vel` to 1.
    Roll(DrumKind),
}

/// One event of a stinger.
#[derive(Clone, Copy, Debug)]
pub struct Note {
    /// 16th-note step from the stinger's start.
    pub step: u8,
    /// Length in steps.
    pub len: u8,
    pub vel: f32,
    pub inst: Inst,
}

impl Note {
    /// Velocity of a hit `k` steps into this event (rolls crescendo; everything else is flat).
    pub fn velocity_at(&self, k: u8) -> f32 {
        match self.inst {
            Inst::Roll(_) if self.len > 1 => self.vel + (1.0 - self.vel) * f32::from(k) / f32::from(self.len - 1),
            _ => self.vel,
        }
    }
}

/// A note or chord on the stinger timbre.
const fn t(step: u8, semis: &'static [i8], len: u8, vel: f32) -> Note {
    Note { step, len, vel, inst: Inst::Tone(semis) }
}

const fn d(step: u8, kind: DrumKind, vel: f32) -> Note {
    Note { step, len: 1, vel, inst: Inst::Drum(kind) }
}

const fn roll(step: u8, kind: DrumKind, len: u8, vel: f32) -> Note {
    Note { step, len, vel, inst: Inst::Roll(kind) }
}

use DrumKind::{Crash, HighTom, Kick, LowTom, Snare};

/// Major triad an octave up (the "arrival" chord of the triumphant stingers).
const MAJOR_UP: &[i8] = &[12, 16, 19];

static GOAL: [Note; 9] = [
    d(0, Crash, 1.0),
    d(0, Kick, 1.0),
    t(0, &[0], 2, 0.9),
    t(2, &[4], 2, 0.9),
    t(4, &[7], 2, 0.95),
    t(6, MAJOR_UP, 10, 0.95),
    d(6, Snare, 0.9),
    d(8, Kick, 0.9),
    d(12, Crash, 0.7),
];
static AWAY_GOAL: [Note; 6] =
    [d(0, LowTom, 0.9), t(0, &[12], 4, 0.8), t(4, &[10], 4, 0.75), t(8, &[8], 4, 0.7), t(12, &[3, 7], 8, 0.65), d(12, LowTom, 0.7)];
static CARD: [Note; 3] = [d(0, Snare, 1.0), t(0, &[-5, 6, 7], 6, 0.85), d(2, Snare, 0.6)];
static PENALTY: [Note; 2] = [roll(0, Snare, 8, 0.5), t(8, &[1, 7], 8, 0.9)];
static KICK_OFF: [Note; 4] = [roll(0, HighTom, 2, 0.8), roll(2, LowTom, 2, 0.9), d(4, Crash, 1.0), t(4, &[0, 7], 8, 0.9)];
static HALF_TIME: [Note; 3] = [t(0, &[0, 7], 16, 0.65), t(0, &[5], 8, 0.6), t(8, &[4], 8, 0.6)];
static FULL_TIME: [Note; 3] = [t(0, &[5, 9, 12], 8, 0.8), t(8, &[4, 7, 12], 16, 0.8), d(8, Crash, 0.8)];
static NEAR_MISS: [Note; 4] = [t(0, &[7], 2, 0.8), t(2, &[11], 2, 0.85), t(4, &[10], 6, 0.7), d(0, HighTom, 0.7)];
static VICTORY: [Note; 9] = [
    d(0, Crash, 1.0),
    t(0, &[7], 1, 0.9),
    t(1, &[7], 1, 0.9),
    t(2, &[7], 1, 0.9),
    t(3, &[12], 6, 1.0),
    t(9, &[10], 3, 0.9),
    t(12, MAJOR_UP, 12, 0.95),
    d(12, Crash, 1.0),
    d(12, Kick, 1.0),
];
static DEFEAT: [Note; 5] = [t(0, &[7], 4, 0.8), t(4, &[6], 4, 0.75), t(8, &[5], 4, 0.7), t(12, &[-12, 3], 12, 0.7), d(12, LowTom, 0.8)];
static LEVEL_UP: [Note; 8] = [
    t(0, &[0], 1, 0.8),
    t(1, &[4], 1, 0.8),
    t(2, &[7], 1, 0.85),
    t(3, &[12], 1, 0.85),
    t(4, &[16], 1, 0.9),
    t(5, &[19], 1, 0.9),
    t(6, &[24], 6, 1.0),
    d(6, Crash, 0.7),
];
static CRITICAL_HP: [Note; 5] = [d(0, Kick, 1.0), d(2, Kick, 0.7), d(8, Kick, 1.0), d(10, Kick, 0.7), t(0, &[0, 1], 16, 0.55)];
static BOSS: [Note; 4] = [d(0, Crash, 1.0), d(0, LowTom, 1.0), t(0, &[-12, -6, 0, 3], 16, 0.9), d(8, LowTom, 0.9)];
static DEATH: [Note; 3] = [t(0, &[3], 6, 0.7), t(6, &[2], 6, 0.65), t(12, &[-12, 0], 16, 0.6)];
static REST: [Note; 1] = [t(0, &[0, 4, 9], 16, 0.45)];

/// Degree (0-based) of each semitone of the major scale; -1 for chromatic tones.
const MAJOR_DEGREE: [i8; 12] = [0, -1, 1, -1, 2, 3, -1, 4, -1, 5, -1, 6];

/// Whether a cue's stinger is triumphant (major, rising).
pub fn triumphant(cue: Cue) -> bool {
    matches!(cue, Cue::Goal | Cue::HomeGoal | Cue::Victory | Cue::LevelUp | Cue::KickOff)
}

/// Semitones above the tonic of a stinger pitch written as `semis` over a major scale, in
/// `mode`; triumphant cues in a minor mode sound in the relative major.
pub fn in_mode(cue: Cue, semis: i8, mode: Mode) -> i32 {
    let (offset, mode) = if triumphant(cue) && !mode.is_major() { (mode.degree_semis(2), Mode::Ionian) } else { (0, mode) };
    let s = i32::from(semis);
    let r = s.rem_euclid(12) as usize;
    let pitch = match MAJOR_DEGREE.get(r).copied().unwrap_or(-1) {
        -1 => s,
        d => mode.degree_semis(i32::from(d)) + 12 * s.div_euclid(12),
    };
    offset + pitch
}

/// The stinger of a cue.
pub fn phrase(cue: Cue) -> &'static [Note] {
    match cue {
        Cue::Goal | Cue::HomeGoal => &GOAL,
        Cue::AwayGoal => &AWAY_GOAL,
        Cue::Card => &CARD,
        Cue::Penalty => &PENALTY,
        Cue::KickOff => &KICK_OFF,
        Cue::HalfTime => &HALF_TIME,
        Cue::FullTime => &FULL_TIME,
        Cue::NearMiss => &NEAR_MISS,
        Cue::Victory => &VICTORY,
        Cue::Defeat => &DEFEAT,
        Cue::LevelUp => &LEVEL_UP,
        Cue::CriticalHp => &CRITICAL_HP,
        Cue::BossAppears => &BOSS,
        Cue::Death => &DEATH,
        Cue::Rest => &REST,
    }
}

/// Length of a stinger in 16th steps (last note's end).
pub fn length_steps(cue: Cue) -> u32 {
    phrase(cue).iter().map(|n| u32::from(n.step) + u32::from(n.len)).max().unwrap_or(0)
}

/// How a cue nudges the mood after its stinger: `(valence, arousal)` offsets that decay over
/// several bars.
pub fn mood_push(cue: Cue) -> (f32, f32) {
    match cue {
        Cue::Goal | Cue::HomeGoal | Cue::Victory => (0.6, 0.5),
        Cue::LevelUp => (0.4, 0.3),
        Cue::AwayGoal | Cue::Defeat | Cue::Death => (-0.6, -0.1),
        Cue::Card | Cue::NearMiss => (-0.2, 0.3),
        Cue::Penalty | Cue::BossAppears | Cue::CriticalHp => (-0.4, 0.5),
        Cue::KickOff => (0.1, 0.3),
        Cue::HalfTime | Cue::FullTime | Cue::Rest => (0.1, -0.4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stingers_stay_in_the_key() {
        // a goal in A minor: the relative major's arpeggio (C E G), never a C# (A major's third)
        let aeolian = Mode::Aeolian.steps();
        for n in phrase(Cue::Goal) {
            if let Inst::Tone(ps) = n.inst {
                for &p in ps {
                    let x = in_mode(Cue::Goal, p, Mode::Aeolian).rem_euclid(12);
                    assert!(aeolian.contains(&x), "{p} -> {x} is not in the mode");
                }
            }
        }
        assert_eq!(in_mode(Cue::Goal, 4, Mode::Ionian), 4);
        assert_eq!(in_mode(Cue::Goal, 0, Mode::Aeolian), 3);
        // a half-time chord in Dorian takes the minor third; chromatic tones stay
        assert_eq!(in_mode(Cue::HalfTime, 4, Mode::Dorian), 3);
        assert_eq!(in_mode(Cue::Card, 6, Mode::Ionian), 6);
    }

    #[test]
    fn every_cue_has_a_phrase_that_starts_on_its_beat() {
        for cue in Cue::ALL {
            let p = phrase(cue);
            assert!(!p.is_empty());
            assert!(p.iter().any(|n| n.step == 0), "{cue:?} must sound on its beat");
            assert!(length_steps(cue) <= 32);
        }
    }
}
