//! Music theory helpers: modes, diatonic chords, pitch, and voice leading.
//!
//! Chords are built by stacking diatonic thirds on a scale degree (functional harmony, as in
//! Piston, *Harmony*, 5th ed. 1987). Voicings move by the smallest total distance between
//! consecutive chords ("parsimonious" voice leading, Tymoczko, *A Geometry of Music*, 2011):
//! every close-position inversion within the register is tried and the cheapest kept.

/// A mode (scale) the conductor can choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Major.
    #[default]
    Ionian,
    /// Minor with a raised sixth.
    Dorian,
    /// Minor with a lowered second.
    Phrygian,
    /// Major with a raised fourth.
    Lydian,
    /// Major with a lowered seventh.
    Mixolydian,
    /// Natural minor.
    Aeolian,
    /// Minor with a raised seventh.
    HarmonicMinor,
}

impl Mode {
    /// Semitones of the seven degrees above the tonic.
    pub const fn steps(self) -> [i32; 7] {
        match self {
            Mode::Ionian => [0, 2, 4, 5, 7, 9, 11],
            Mode::Dorian => [0, 2, 3, 5, 7, 9, 10],
            Mode::Phrygian => [0, 1, 3, 5, 7, 8, 10],
            Mode::Lydian => [0, 2, 4, 6, 7, 9, 11],
            Mode::Mixolydian => [0, 2, 4, 5, 7, 9, 10],
            Mode::Aeolian => [0, 2, 3, 5, 7, 8, 10],
            Mode::HarmonicMinor => [0, 2, 3, 5, 7, 8, 11],
        }
    }

    /// Whether the tonic triad is major.
    pub const fn is_major(self) -> bool {
        matches!(self, Mode::Ionian | Mode::Lydian | Mode::Mixolydian)
    }

    /// Semitone offset of scale degree `degree` (0-based, any integer: wraps by octaves).
    #[inline]
    pub fn degree_semis(self, degree: i32) -> i32 {
        let s = self.steps();
        let oct = degree.div_euclid(7);
        let d = degree.rem_euclid(7) as usize;
        s.get(d).copied().unwrap_or(0) + 12 * oct
    }
}

/// A chord as semitone offsets from the key's tonic (root first), up to four tones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Chord {
    /// 0-based scale degree of the root.
    pub degree: i32,
    pub tones: [i32; 4],
    pub len: usize,
}

impl Chord {
    /// The diatonic chord on `degree` (0-based), a triad or (with `seventh`) a seventh chord.
    pub fn diatonic(mode: Mode, degree: i32, seventh: bool) -> Self {
        let len = if seventh { 4 } else { 3 };
        let mut tones = [0; 4];
        for (k, t) in tones.iter_mut().enumerate().take(len) {
            *t = mode.degree_semis(degree + 2 * k as i32);
        }
        Self { degree, tones, len }
    }

    /// The chord's tones.
    pub fn tones(&self) -> &[i32] {
        &self.tones[..self.len.min(4)]
    }

    /// Root pitch class offset from the tonic, `0..12`.
    pub fn root(&self) -> i32 {
        self.tones[0].rem_euclid(12)
    }

    /// Whether pitch class offset `pc` (from the tonic) is a chord tone.
    #[cfg(test)]
    pub fn contains_pc(&self, pc: i32) -> bool {
        self.tones().iter().any(|t| t.rem_euclid(12) == pc.rem_euclid(12))
    }
}

/// MIDI note to frequency (12-TET, A4 = 440 Hz).
#[inline]
pub fn midi_hz(note: f32) -> f32 {
    440.0 * ((note - 69.0) / 12.0).exp2()
}

/// Up to six voices of a chord voicing, as MIDI notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Voicing {
    pub notes: [i32; 6],
    pub len: usize,
}

impl Voicing {
    pub fn notes(&self) -> &[i32] {
        &self.notes[..self.len.min(6)]
    }
}

/// Voices `chord` (offsets from `tonic`, a MIDI note) with `voices` notes (3..=6), bottom note
/// in `low..low+12`, moving as little as possible from `prev` (empty: plain root position).
pub fn voice_lead(chord: &Chord, tonic: i32, voices: usize, low: i32, prev: &Voicing) -> Voicing {
    let voices = voices.clamp(1, 6);
    let pcs = chord.tones();
    let k = pcs.len().max(1);
    let mut best = Voicing::default();
    let mut best_cost = i32::MAX;
    for inv in 0..k {
        // close position starting on chord tone `inv`, stacked upward, tones repeating by octave
        let mut notes = [0i32; 6];
        let mut last = i32::MIN;
        for (v, slot) in notes.iter_mut().enumerate().take(voices) {
            let idx = (inv + v) % k;
            let pc = (tonic + pcs.get(idx).copied().unwrap_or(0)).rem_euclid(12);
            let mut n = if last == i32::MIN { low + (pc - low).rem_euclid(12) } else { last + 1 + (pc - last - 1).rem_euclid(12) };
            if n < low {
                n += 12;
            }
            *slot = n;
            last = n;
        }
        let cand = Voicing { notes, len: voices };
        let cost = if prev.len == 0 {
            // no history: prefer root position (inversion 0), then the lowest
            i32::try_from(inv).unwrap_or(0) * 100 + notes[0]
        } else {
            cand.notes().iter().zip(prev.notes()).map(|(a, b)| (a - b).abs()).sum::<i32>() + (voices as i32 - prev.len as i32).abs() * 6
        };
        if cost < best_cost {
            best_cost = cost;
            best = cand;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diatonic_chords_have_the_right_quality() {
        let i = Chord::diatonic(Mode::Ionian, 0, false);
        assert_eq!(i.tones(), &[0, 4, 7]);
        let v7 = Chord::diatonic(Mode::Ionian, 4, true);
        assert_eq!(v7.tones(), &[7, 11, 14, 17]);
        let vi = Chord::diatonic(Mode::Ionian, 5, false);
        assert_eq!(vi.tones(), &[9, 12, 16]);
        let i_min = Chord::diatonic(Mode::Aeolian, 0, false);
        assert_eq!(i_min.tones(), &[0, 3, 7]);
        assert!(Mode::Ionian.is_major() && !Mode::Aeolian.is_major());
        assert!((midi_hz(69.0) - 440.0).abs() < 1e-3);
    }

    #[test]
    fn voice_leading_moves_little_and_keeps_chord_tones() {
        let c = Chord::diatonic(Mode::Ionian, 0, false);
        let f = Chord::diatonic(Mode::Ionian, 3, false);
        let v1 = voice_lead(&c, 60, 4, 55, &Voicing::default());
        let v2 = voice_lead(&f, 60, 4, 55, &v1);
        let moved: i32 = v1.notes().iter().zip(v2.notes()).map(|(a, b)| (a - b).abs()).sum();
        assert!(moved <= 8, "{v1:?} -> {v2:?}");
        for n in v2.notes() {
            assert!(f.contains_pc(n - 60), "{n} not in F major");
        }
    }
}
