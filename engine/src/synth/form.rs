//! Form above the sequencer: sections, themes and their development, and harmony from a
//! grammar with cadences (issue 29, decision record 0044).
//!
//! * **Sections** (Intro, A, B, Bridge, Climax; the Outro is the offline ending) change at
//!   phrase starts ([`next_section`]): A is stated twice, B contrasts in the dominant key,
//!   the Bridge develops A's motif in sequence and ends on the dominant so that A's return is
//!   prepared; a goal makes the next section a Climax (theme A a whole step up, ornamented)
//!   and the return after it triumphant — the music remembers what happened.
//! * **Themes**: three two-bar motifs (A, B and the bridge's) generated once per seed at
//!   `reset()` in chord-relative scale degrees; each phrase states its section's theme with a
//!   variation ([`Variation`]: sequence, inversion, thinning for calm passages, ornaments for
//!   excited ones, a cadence note), so the melody returns recognisably but never as a loop.
//! * **Harmony**: each phrase's chords are drawn *backwards* from its cadence (authentic
//!   V–I, half …–V, plagal IV–I, deceptive V–vi) through a weighted successor graph of the
//!   mode's degrees (functional harmony: tonic → predominant → dominant → tonic, as in
//!   Piston's table of usual root progressions), reinforced by the style's own progressions;
//!   with secondary dominants and borrowed chords as colour.
//!
//! Everything is fixed-size and allocation-free (the audio thread plans a phrase at its
//! first step: ≤ 8 chords × 7 candidates, 64 melody steps).

use super::rng::Rng;
use super::theory::{Chord, Mode};

/// Sections of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Intro,
    A,
    B,
    Bridge,
    Climax,
}

/// How a phrase ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cadence {
    /// On the dominant.
    Half,
    /// Dominant to tonic.
    Authentic,
    /// Subdominant to tonic.
    Plagal,
    /// Dominant to the submediant.
    Deceptive,
}

/// How a chord symbol is spelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Flavour {
    /// The mode's own chord on the degree.
    #[default]
    Diatonic,
    /// The major dominant (raised leading tone in minor modes).
    Dominant,
    /// The dominant of the degree (V/x: a major chord a fifth above it).
    Secondary,
    /// The chord of the parallel mode (major ↔ natural minor) on the degree.
    Borrowed,
}

/// A chord of a phrase plan: a 0-based degree and how to spell it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ChordSym {
    pub degree: i8,
    pub flavour: Flavour,
}

impl ChordSym {
    const fn diatonic(degree: i8) -> Self {
        Self { degree, flavour: Flavour::Diatonic }
    }

    /// The chord's tones (semitones from the tonic) in `mode`.
    pub fn chord(self, mode: Mode, seventh: bool) -> Chord {
        let d = i32::from(self.degree);
        match self.flavour {
            Flavour::Diatonic => Chord::diatonic(mode, d, seventh),
            Flavour::Dominant => Chord::diatonic(if mode.is_major() { mode } else { Mode::HarmonicMinor }, d, seventh),
            Flavour::Borrowed => Chord::diatonic(if mode.is_major() { Mode::Aeolian } else { Mode::Ionian }, d, seventh),
            Flavour::Secondary => {
                // V of the degree: root a fifth above, major triad, minor seventh; the lead
                // reads its degree as the target's fifth
                let root = mode.degree_semis(d) + 7;
                let len = if seventh { 4 } else { 3 };
                Chord { degree: d + 4, tones: [root, root + 4, root + 7, root + 10], len }
            }
        }
    }
}

/// Chord slots per phrase (one per half bar).
pub const SLOTS: usize = 8;

/// Usual root progressions (0-based degrees; weight of `to` after `from`), major family.
const NEXT_MAJOR: [[u8; 7]; 7] = [
    // I   ii iii IV  V  vi vii
    [0, 2, 1, 3, 3, 3, 0], // I
    [0, 0, 0, 1, 4, 0, 1], // ii
    [0, 0, 0, 2, 0, 3, 0], // iii
    [2, 2, 0, 0, 3, 0, 0], // IV
    [4, 0, 0, 0, 0, 2, 0], // V
    [0, 3, 0, 3, 1, 0, 0], // vi
    [3, 0, 0, 0, 0, 0, 0], // vii°
];

/// Usual root progressions, minor family (i ii° III iv v VI VII).
const NEXT_MINOR: [[u8; 7]; 7] = [
    [0, 0, 2, 3, 1, 3, 3], // i
    [0, 0, 0, 0, 3, 0, 0], // ii°
    [0, 0, 0, 2, 0, 3, 2], // III
    [2, 0, 0, 0, 2, 0, 3], // iv
    [3, 0, 0, 0, 0, 2, 0], // v
    [0, 0, 2, 2, 0, 0, 3], // VI
    [3, 0, 3, 0, 0, 0, 0], // VII
];

/// The successor weights of a mode family, reinforced by a style's progressions (degrees
/// 1..=7; each step of a listed progression adds 3).
pub fn grammar(major: bool, progressions: &[Vec<u8>]) -> [[u8; 7]; 7] {
    let mut g = if major { NEXT_MAJOR } else { NEXT_MINOR };
    for p in progressions {
        for w in p.windows(2) {
            let (a, b) = (usize::from(w[0].clamp(1, 7) - 1), usize::from(w[1].clamp(1, 7) - 1));
            if a != b {
                g[a][b] = g[a][b].saturating_add(3);
            }
        }
    }
    g
}

/// Plans a phrase's chords, one per half bar, `per` half bars per chord (1, 2 or 4): the
/// cadence fixes the last one or two chords, the earlier ones are drawn backwards through
/// `g`, the first of a section's first phrase is the tonic. `colour` (0..=1) is the chance
/// of a secondary dominant or borrowed chord per chord.
pub fn progression(g: &[[u8; 7]; 7], cadence: Cadence, per: usize, starts_section: bool, colour: f32, rng: &mut Rng) -> [ChordSym; SLOTS] {
    let per = per.clamp(1, 4);
    let k = (SLOTS / per).max(1);
    let mut chords = [ChordSym::default(); SLOTS];
    let mut seq = [ChordSym::default(); SLOTS];
    let (v, i) = (ChordSym { degree: 4, flavour: Flavour::Dominant }, ChordSym::diatonic(0));
    let tail: &[ChordSym] = match cadence {
        Cadence::Half => &[v],
        Cadence::Authentic => &[v, i],
        Cadence::Plagal => &[ChordSym::diatonic(3), i],
        Cadence::Deceptive => &[v, ChordSym::diatonic(5)],
    };
    let tail = &tail[tail.len().saturating_sub(k)..];
    let fixed = tail.len();
    seq[k - fixed..k].copy_from_slice(tail);
    // the free slots, backwards: the predecessor of `next` weighted by g[p][next]
    let mut next = if fixed > 0 { seq[k - fixed].degree } else { rng.below(7) as i8 };
    if fixed == 0 {
        seq[k - 1] = ChordSym::diatonic(next);
    }
    let free_end = if fixed > 0 { k - fixed } else { k - 1 };
    for slot in (0..free_end).rev() {
        let to = usize::from(next.clamp(0, 6) as u8);
        let mut total = 0u32;
        for (p, row) in g.iter().enumerate() {
            if p != to {
                total += u32::from(row[to]);
            }
        }
        let mut pick = if total == 0 { 0 } else { rng.below(total as usize) as u32 };
        let mut prev = 0usize;
        for (p, row) in g.iter().enumerate() {
            if p == to {
                continue;
            }
            let w = u32::from(row[to]);
            if pick < w {
                prev = p;
                break;
            }
            pick -= w;
        }
        let mut sym = ChordSym::diatonic(prev as i8);
        if slot == 0 && starts_section {
            sym = ChordSym::diatonic(0);
        } else if rng.chance(colour) {
            sym = if to != 0 && prev != 0 && rng.chance(0.6) {
                // tonicise the next chord
                ChordSym { degree: to as i8, flavour: Flavour::Secondary }
            } else {
                ChordSym { degree: prev as i8, flavour: Flavour::Borrowed }
            };
        }
        seq[slot] = sym;
        next = prev as i8;
    }
    for (s, c) in chords.iter_mut().enumerate() {
        *c = seq[(s / per).min(k - 1)];
    }
    chords
}

/// Steps of a theme's motif (two bars of 16ths); `i8::MIN` is a rest.
pub const MOTIF: usize = 32;

/// A rest in a motif or a phrase melody.
pub const REST: i8 = i8::MIN;

/// Generates a two-bar motif in chord-relative degrees: notes on strong steps more likely,
/// stepwise motion with an occasional leap filled back by step (gap-fill), range a ninth.
/// `density` 0..=1 sets how many 8ths and 16ths are filled; `start` is the first degree.
pub fn motif(rng: &mut Rng, steps_per_bar: usize, density: f32, start: i32) -> [i8; MOTIF] {
    let mut m = [REST; MOTIF];
    let len = (2 * steps_per_bar).min(MOTIF);
    let mut c = start.clamp(0, 8);
    let mut leapt = 0i32;
    for (pos, x) in m.iter_mut().enumerate().take(len) {
        let p = if pos == 0 {
            1.0
        } else if pos % 4 == 0 {
            0.8
        } else if pos % 2 == 0 {
            0.45
        } else {
            0.12
        };
        if !rng.chance(p * (0.5 + density)) {
            continue;
        }
        if pos > 0 {
            let step = if leapt != 0 {
                // fill a leap by a step back
                -leapt.signum()
            } else if rng.chance(0.2) {
                (3 + rng.below(2) as i32) * if rng.chance(0.5) { 1 } else { -1 }
            } else {
                rng.below(5) as i32 - 2
            };
            leapt = if step.abs() >= 3 { step } else { 0 };
            c = (c + step).clamp(0, 8);
        }
        if pos % 4 == 0 && c % 2 == 1 {
            // strong beats on chord tones (even chord-relative degrees)
            c -= 1;
        }
        *x = c as i8;
    }
    m
}

/// How a phrase re-presents its theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Variation {
    /// Degrees added to every note (a sequence step).
    pub transpose: i8,
    /// Mirror the contour around the first note.
    pub invert: bool,
    /// Keep only the notes on beats (a calmer, slower statement).
    pub thin: bool,
    /// Fill rests on 8ths with passing tones (an excited statement).
    pub ornament: bool,
}

/// Writes one two-bar statement of `theme` with `v` into `out` (chord-relative degrees).
pub fn state(theme: &[i8; MOTIF], v: Variation, out: &mut [i8]) {
    let first = theme.iter().copied().find(|&x| x != REST).unwrap_or(0);
    let n = out.len().min(MOTIF);
    for (pos, o) in out.iter_mut().enumerate().take(n) {
        let x = theme[pos];
        *o = if x == REST || (v.thin && pos % 4 != 0) {
            REST
        } else {
            let y = if v.invert { 2 * first - x } else { x };
            (y + v.transpose).clamp(-2, 10)
        };
    }
    if v.ornament {
        for pos in (2..n).step_by(2) {
            if out[pos] == REST
                && let (Some(&a), Some(&b)) = (out.get(pos - 2), out.get(pos + 2))
                && a != REST
                && b != REST
            {
                out[pos] = i8::midpoint(a, b);
            }
        }
    }
}

/// What the form decided for a phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct PhrasePlan {
    pub section: Section,
    /// Phrase index within its section.
    pub index: u8,
    /// Which theme (0 = A, 1 = B, 2 = bridge).
    pub theme: u8,
    /// Semitones above the home key.
    pub key_shift: i8,
}

/// The form's memory between phrases.
#[derive(Clone, Copy, Debug, Default)]
pub struct FormState {
    pub plan: PhrasePlan,
    /// Phrases since the section began.
    pub phrases_in_section: u8,
    /// A goal (or victory) happened since the last phrase start.
    pub goal: bool,
    /// The next A is a triumphant return (a goal happened in its section before).
    pub triumphant: bool,
    /// Energy when the section began.
    pub section_energy: f32,
    /// Sections started (for rotating accompaniment patterns).
    pub sections: u16,
    /// The first phrase has been planned.
    pub started: bool,
}

/// Decides the next phrase: stays in the section for its length (Intro 1 phrase, A/B 2,
/// Bridge 1, Climax 2) unless a goal interrupts or the energy moved by 0.3, then moves on
/// A → B → (Bridge if the energy is up, else A) → A ...
pub fn next_section(st: &mut FormState, energy: f32, major: bool) -> PhrasePlan {
    let cur = st.plan.section;
    let len = match cur {
        Section::Intro | Section::Bridge => 1,
        _ => 2,
    };
    let moved = (energy - st.section_energy).abs() > 0.3;
    let (next, new_section) = if !st.started {
        st.started = true;
        (Section::Intro, true)
    } else if st.goal {
        st.goal = false;
        st.triumphant = true;
        (Section::Climax, true)
    } else if st.phrases_in_section + 1 < len && !moved {
        (cur, false)
    } else {
        let next = match cur {
            Section::A => Section::B,
            Section::B if energy > 0.45 => Section::Bridge,
            Section::Intro | Section::Bridge | Section::Climax | Section::B => Section::A,
        };
        (next, true)
    };
    if new_section {
        if cur == Section::Climax && next == Section::A {
            // the return after a climax is the triumphant statement; the one after is plain
        } else if next == Section::A {
            st.triumphant = false;
        }
        st.phrases_in_section = 0;
        st.section_energy = energy;
        st.sections = st.sections.wrapping_add(1);
    } else {
        st.phrases_in_section += 1;
    }
    let key_shift = match next {
        // B in the dominant key (a fourth down keeps the register), or the relative major
        Section::B if major => -5,
        Section::B => 3,
        Section::Climax => 2,
        _ => 0,
    };
    let theme = match next {
        Section::B => 1,
        Section::Bridge => 2,
        _ => 0,
    };
    st.plan = PhrasePlan { section: next, index: st.phrases_in_section, theme, key_shift };
    st.plan
}

/// The cadence that ends a phrase of a section: the last phrase of A or a Climax closes
/// (authentic; plagal in folk-like grammars is the style's choice through `plagal`), B's
/// last phrase is deceptive or half, the Bridge ends on the dominant, inner phrases half.
pub fn cadence_for(plan: PhrasePlan, last: bool, plagal: bool) -> Cadence {
    match (plan.section, last) {
        (Section::Intro | Section::Bridge, _) | (_, false) => Cadence::Half,
        (Section::B, true) => Cadence::Deceptive,
        (Section::A | Section::Climax, true) if plagal => Cadence::Plagal,
        (Section::A | Section::Climax, true) => Cadence::Authentic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_end_on_their_cadence_and_vary() {
        let g = grammar(true, &[vec![1, 5, 6, 4]]);
        let mut rng = Rng::new(7, 9);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..50 {
            let p = progression(&g, Cadence::Authentic, 1, true, 0.2, &mut rng);
            assert_eq!(p[0], ChordSym::diatonic(0), "a section starts on the tonic");
            assert_eq!(p[SLOTS - 1], ChordSym::diatonic(0));
            assert_eq!(p[SLOTS - 2].degree, 4);
            seen.insert(p);
            let h = progression(&g, Cadence::Half, 2, false, 0.2, &mut rng);
            assert_eq!(h[SLOTS - 1].degree, 4);
            assert_eq!(h[SLOTS - 2], h[SLOTS - 1], "two half bars per chord");
        }
        assert!(seen.len() > 20, "progressions vary: {} distinct of 50", seen.len());
    }

    #[test]
    fn the_form_moves_and_a_goal_brings_a_climax() {
        let mut st = FormState::default();
        let mut order = Vec::new();
        for i in 0..12 {
            if i == 7 {
                st.goal = true;
            }
            order.push(next_section(&mut st, 0.5, true).section);
        }
        assert!(order.contains(&Section::A) && order.contains(&Section::B) && order.contains(&Section::Bridge), "{order:?}");
        assert_eq!(order[7], Section::Climax, "{order:?}");
        let a_after = order.iter().skip(8).position(|&s| s == Section::A);
        assert!(a_after.is_some(), "A returns after the climax: {order:?}");
    }

    #[test]
    fn variations_keep_the_theme_recognisable() {
        let mut rng = Rng::new(3, 5);
        let t = motif(&mut rng, 16, 0.5, 2);
        let mut a = [REST; MOTIF];
        let mut b = [REST; MOTIF];
        state(&t, Variation::default(), &mut a);
        state(&t, Variation { transpose: 1, ..Variation::default() }, &mut b);
        for (x, y) in a.iter().zip(&b) {
            if *x != REST && *x > -2 && *x < 9 {
                assert_eq!(*y, x + 1);
            }
        }
        state(&t, Variation { thin: true, ..Variation::default() }, &mut b);
        assert!(b.iter().enumerate().all(|(i, &x)| x == REST || i % 4 == 0));
    }
}
