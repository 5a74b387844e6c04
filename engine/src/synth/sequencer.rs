//! The sequencer: a sample-accurate musical clock on a 16th-note grid, and everything that
//! happens on it — chords and voice leading, bass, arpeggio, melody, drums, quantised style
//! transitions with fills, and stingers on the next beat.
//!
//! ## Clock
//! Every 16th-note step lasts a whole number of samples (`spt`), so every step, beat and bar
//! falls on an exact sample; the tempo changes only on a bar line. Step `k` of the current
//! tempo segment starts at `segment_start + k * spt`. All decisions are taken on step
//! boundaries counted from `reset()`, never on block boundaries, so the output does not depend
//! on how the host splits blocks.
//!
//! ## Transitions
//! A style change waits for its boundary (`Immediate` = the next 16th step, `Beat`, `Bar`,
//! `Phrase` = 4 bars). In the last beat before a bar or phrase boundary the old style plays a
//! tom/snare fill. At the boundary the old bed is released, not cut: every voice keeps its own
//! timbre and rings out through its release (tails down to −80 dB of the voice), while the new
//! style starts under it — a crossfade made of the two styles' own envelopes.
//!
//! ## Stingers
//! A cue schedules its stinger on the next beat at the time the cue arrives (at most one beat
//! later, never late). At most one stinger every [`STINGER_GAP_S`] seconds is accepted (event
//! storms are rate-limited); the bed is ducked while it plays.
//!
//! Length: one file over the usual ~600 lines because the bar/beat clock, the phrase state and
//! the stinger scheduler share one sample-accurate timeline; the sequencer's rework into
//! sections and themes (form, docs/music.md) splits it along those parts.

use super::conductor::{ARP, BASS, Conductor, LEAD, Music, PAD, STRINGS};
use super::form::{self, ChordSym, FormState, Section, Variation};
use super::rng::Rng;
use super::stingers::{self, Inst};
use super::theory::{Chord, Voicing, voice_lead};
use super::voices::drums::DrumKind;
use super::voices::tonal::NoteOn;
use super::voices::{Pool, step_velocity};
use super::{Style, stingers::length_steps};
use crate::types::{Cue, MoodTarget, Quantize, SampleTime, Telemetry};

/// Minimum time between two accepted stingers.
pub const STINGER_GAP_S: f32 = 2.0;
/// Bars per phrase.
pub const PHRASE_BARS: u64 = 4;
/// Layer id of stinger voices.
const STINGER_LAYER: u8 = 5;
/// Velocity of the melody's notes on the beats below the lead layer's entry (calm: slow, not
/// silent; the conductor's dynamics already make them soft).
const CALM_MELODY_VELOCITY: f32 = 0.9;
/// Lowest sounding note the accompaniment is moved down to when it keeps under the melody
/// (G2: lower, close chords turn to mud).
const ACCOMPANIMENT_FLOOR: i32 = 43;
/// Steps of a phrase's melody (four bars of at most 16 steps).
const PHRASE_STEPS: usize = 4 * 16;

#[derive(Clone, Copy, Debug)]
struct Pending {
    cue: Cue,
    at: SampleTime,
    /// Steps of the stinger that are played (all of it, or a shortened version before an
    /// ending).
    len: u32,
}

#[derive(Clone, Copy, Debug)]
struct Active {
    cue: Cue,
    step: u32,
    /// Steps played: notes starting later are left out, longer ones end here.
    len: u32,
    /// The mode sounding when the stinger started (its pitches are resolved into it).
    mode: super::theory::Mode,
}

/// Clock, musical state and scheduling.
#[derive(Debug)]
pub struct Sequencer {
    sr: f32,
    seed: u64,
    /// Samples per 16th step.
    spt: u32,
    /// Time (generator samples) of the next step.
    next_tick: SampleTime,
    /// Index within the bar of the next step.
    step: u32,
    /// Bars started since reset.
    bar: u64,
    /// Generator time of the current bar's first step.
    bar_at: SampleTime,
    started: bool,
    music: Music,
    conductor: Conductor,
    chord: Chord,
    /// The phrase's chords, one per half bar (form::progression).
    chords: [ChordSym; form::SLOTS],
    pad: Voicing,
    strings: Voicing,
    arp_idx: usize,
    /// The phrase's melody in key-relative scale degrees per step (`form::REST`: none).
    mel: [i8; PHRASE_STEPS],
    /// The themes (A, B, bridge): two-bar motifs made once per seed.
    themes: [[i8; form::MOTIF]; 3],
    form: FormState,
    /// Semitones of the current section's key above the style's.
    key_shift: i32,
    rng_form: Rng,
    phrases: u64,
    rng_harm: Rng,
    rng_mel: Rng,
    rng_drum: Rng,
    noise_seed: u32,
    style: u16,
    pending_style: Option<(u16, Quantize)>,
    pending_stinger: Option<Pending>,
    stinger: Option<Active>,
    last_stinger: Option<SampleTime>,
    crash_next: bool,
    dropped_cues: u64,
    transitions: u64,
    /// The lead's sounding note and when it ends (generator time), for benchmarks.
    lead_note: (i32, SampleTime),
    /// A requested sync point (a bar line at this generator time) and, once planned, the
    /// steps left until it.
    sync: Option<(SampleTime, Option<u32>)>,
    /// The final downbeat of an ending (generator time): the bar before it plays the
    /// dominant, the downbeat the tonic, held.
    ending_at: Option<SampleTime>,
    /// The ending's tonic has sounded: nothing new starts.
    ended: bool,
    /// The current bar is the ending's dominant: no chord changes.
    cadence_bar: bool,
}

/// Largest tempo change a sync point may ask for (a share of the tempo).
pub const SYNC_MAX_STRETCH: f64 = 0.08;

/// Beat period in steps.
const STEPS_PER_BEAT: u32 = 4;

impl Sequencer {
    pub fn new(sr: f32, seed: u64) -> Self {
        let mut s = Self {
            sr,
            seed,
            spt: 1,
            next_tick: 0,
            step: 0,
            bar: 0,
            bar_at: 0,
            started: false,
            music: Music::default(),
            conductor: Conductor::default(),
            chord: Chord::default(),
            chords: [ChordSym::default(); form::SLOTS],
            pad: Voicing::default(),
            strings: Voicing::default(),
            arp_idx: 0,
            mel: [form::REST; PHRASE_STEPS],
            themes: [[form::REST; form::MOTIF]; 3],
            form: FormState::default(),
            key_shift: 0,
            rng_form: Rng::new(seed, 5),
            phrases: 0,
            rng_harm: Rng::new(seed, 1),
            rng_mel: Rng::new(seed, 2),
            rng_drum: Rng::new(seed, 3),
            noise_seed: 1,
            style: 0,
            pending_style: None,
            pending_stinger: None,
            stinger: None,
            last_stinger: None,
            crash_next: false,
            dropped_cues: 0,
            transitions: 0,
            lead_note: (0, 0),
            sync: None,
            ending_at: None,
            ended: false,
            cadence_bar: false,
        };
        s.reset();
        s
    }

    pub fn reset(&mut self) {
        let (sr, seed) = (self.sr, self.seed);
        self.spt = spt_for(sr, 100.0);
        self.next_tick = 0;
        self.step = 0;
        self.bar = 0;
        self.bar_at = 0;
        self.started = false;
        self.music = Music { bpm: 0.0, ..Music::default() };
        self.conductor.reset();
        self.chord = Chord::default();
        self.chords = [ChordSym::default(); form::SLOTS];
        self.pad = Voicing::default();
        self.strings = Voicing::default();
        self.arp_idx = 0;
        self.mel = [form::REST; PHRASE_STEPS];
        self.form = FormState::default();
        self.key_shift = 0;
        self.rng_form = Rng::new(seed, 5);
        // the themes: A starts on the third or fifth, B lower and sparser, the bridge's busy
        let mut rng_theme = Rng::new(seed, 6);
        let a_start = 2 + 2 * rng_theme.below(2) as i32;
        self.themes[0] = form::motif(&mut rng_theme, 16, 0.55, a_start);
        let b_start = rng_theme.below(3) as i32;
        self.themes[1] = form::motif(&mut rng_theme, 16, 0.3, b_start);
        self.themes[2] = form::motif(&mut rng_theme, 16, 0.8, 4);
        self.phrases = 0;
        self.rng_harm = Rng::new(seed, 1);
        self.rng_mel = Rng::new(seed, 2);
        self.rng_drum = Rng::new(seed, 3);
        self.noise_seed = (seed as u32) | 1;
        self.style = 0;
        self.pending_style = None;
        self.pending_stinger = None;
        self.stinger = None;
        self.last_stinger = None;
        self.crash_next = false;
        self.dropped_cues = 0;
        self.transitions = 0;
        self.lead_note = (0, 0);
        self.sync = None;
        self.ending_at = None;
        self.ended = false;
        self.cadence_bar = false;
    }

    /// Requests that a bar line fall on generator time `at` (offline renders, which know
    /// the future): from the next bar line, the steps are stretched or compressed (at most
    /// [`SYNC_MAX_STRETCH`]) so that a whole number of bars ends exactly there, give or take
    /// the SoundFont player's 32-sample block. Refused (false) when one is pending or `at`
    /// is not ahead.
    pub fn sync_to(&mut self, at: SampleTime) -> bool {
        if self.sync.is_some() || at <= self.next_tick {
            return false;
        }
        self.sync = Some((at, None));
        true
    }

    /// Whether a sync point is pending.
    pub fn syncing(&self) -> bool {
        self.sync.is_some()
    }

    /// Ends the music with a cadence whose tonic falls on generator time `at` (a bar line:
    /// pair it with [`Self::sync_to`]).
    pub fn end_at(&mut self, at: SampleTime) {
        self.ending_at = Some(at);
    }

    /// Samples per step while a sync point is planned: the remaining samples spread over
    /// the remaining steps in whole 32-sample blocks, so the last step ends within 16 samples
    /// of the target. Plans the number of bars at the first bar line after the request.
    fn sync_step(&mut self, now: SampleTime, spb: u32) {
        let Some((at, left)) = self.sync else { return };
        let left = match left {
            Some(k) => k,
            None if self.step != 0 => return,
            None => {
                let bar = f64::from(spb) * f64::from(self.spt);
                let bars = (at.saturating_sub(now)) as f64 / bar;
                let n = bars.round().max(1.0);
                if (bars / n - 1.0).abs() > SYNC_MAX_STRETCH {
                    // too close (or too far off the grid) to reach by tempo alone
                    self.sync = None;
                    return;
                }
                n as u32 * spb
            }
        };
        if left == 0 || at <= now {
            self.sync = None;
            return;
        }
        let block = u64::from(super::soundfont::SF_BLOCK as u32);
        let units = (at - now) as f64 / block as f64 / f64::from(left);
        self.spt = ((units.round() as u64).max(1) * block) as u32;
        self.sync = if left == 1 { None } else { Some((at, Some(left - 1))) };
    }

    /// The lead's note sounding at generator time `at` (MIDI), if any; and the current chord
    /// (tones in semitones from the style's tonic, the section's key shift included). Read by benchmarks (`music-eval`).
    #[cfg_attr(not(feature = "tuning-probes"), allow(dead_code))]
    pub fn probe(&self, at: SampleTime) -> (Option<i32>, Chord) {
        let lead = (at < self.lead_note.1).then_some(self.lead_note.0);
        let mut chord = self.chord;
        for t in &mut chord.tones {
            *t += self.key_shift;
        }
        (lead, chord)
    }

    /// Generator time of the current bar's first step (benchmarks cut bars on it).
    #[cfg_attr(not(feature = "tuning-probes"), allow(dead_code))]
    pub fn bar_at(&self) -> SampleTime {
        self.bar_at
    }

    /// The current phrase's place in the form: section (0 Intro, 1 A, 2 B, 3 Bridge,
    /// 4 Climax), theme, phrase index in the section, and whether it is the triumphant
    /// return. Read by benchmarks (`music-eval --trace`).
    #[cfg_attr(not(feature = "tuning-probes"), allow(dead_code))]
    pub fn form_probe(&self) -> (u8, u8, u8, bool) {
        let p = self.form.plan;
        (p.section as u8, p.theme, p.index, self.form.triumphant)
    }

    pub fn next_tick(&self) -> SampleTime {
        self.next_tick
    }

    pub fn samples_per_step(&self) -> u32 {
        self.spt
    }

    pub fn music(&self) -> &Music {
        &self.music
    }

    pub fn style(&self) -> u16 {
        self.style
    }

    pub fn dropped_cues(&self) -> u64 {
        self.dropped_cues
    }

    /// Whether a stinger is playing (the bed is ducked). Changes only on step boundaries.
    pub fn ducking(&self) -> bool {
        self.stinger.is_some()
    }

    /// Generator time of the next beat at or after the next step.
    pub fn next_beat(&self) -> SampleTime {
        let k = (STEPS_PER_BEAT - self.step % STEPS_PER_BEAT) % STEPS_PER_BEAT;
        self.next_tick + u64::from(k) * u64::from(self.spt)
    }

    /// Generator time of the next bar line at or after the next step.
    pub fn next_bar(&self, styles: &[Style]) -> SampleTime {
        let spb = steps_per_bar(styles, self.style);
        let k = (spb - self.step % spb) % spb;
        self.next_tick + u64::from(k) * u64::from(self.spt)
    }

    /// Generator time of the next phrase start (valid while the tempo stays constant).
    pub fn next_phrase(&self, styles: &[Style]) -> SampleTime {
        let spb = u64::from(steps_per_bar(styles, self.style));
        let bar_at_next = if self.step == 0 { self.bar } else { self.bar + 1 };
        let k = (PHRASE_BARS - bar_at_next % PHRASE_BARS) % PHRASE_BARS;
        self.next_bar(styles) + k * spb * u64::from(self.spt)
    }

    /// Sets the style at once, with no transition (before anything has played).
    pub fn set_style_now(&mut self, index: u16) {
        self.style = index;
        self.pending_style = None;
    }

    /// Requests a style change at the next `quantize` boundary.
    pub fn request_style(&mut self, index: u16, quantize: Quantize) {
        if index == self.style && self.pending_style.is_none() {
            return;
        }
        self.pending_style = Some((index, quantize));
    }

    /// Schedules a cue's stinger on the next beat. Returns its start (generator time), or
    /// `None` when it was rate-limited.
    ///
    /// Before an ending ([`Self::end_at`]) a stinger must be over by the final downbeat: one
    /// that would not fit is shortened to the whole beats left (its notes that start in them,
    /// held to the last of those beats and released there through their own release), or
    /// skipped when less than a beat is left or the ending's tonic has sounded; never cut off
    /// mid-note.
    pub fn cue(&mut self, cue: Cue, now: SampleTime) -> Option<SampleTime> {
        let at = self.next_beat().max(now);
        let gap = (STINGER_GAP_S * self.sr) as u64;
        let busy = self.pending_stinger.is_some() || self.last_stinger.is_some_and(|t| at < t + gap);
        let len = self.stinger_room(cue, at);
        if busy || len == 0 {
            self.dropped_cues += 1;
            return None;
        }
        self.pending_stinger = Some(Pending { cue, at, len });
        self.last_stinger = Some(at);
        if matches!(cue, Cue::Goal | Cue::HomeGoal | Cue::Victory) {
            // the form remembers it: the phrase that starts with the stinger (a sync point
            // puts it on a bar line) or the next one is the climax, and A returns triumphant
            self.form.goal = true;
        }
        Some(at)
    }

    /// Steps of `cue`'s stinger that fit between `at` and the ending's final downbeat: its
    /// full length, the whole beats left when it does not fit, 0 when not a beat is left.
    fn stinger_room(&self, cue: Cue, at: SampleTime) -> u32 {
        let full = length_steps(cue);
        if self.ended {
            return 0;
        }
        let Some(end) = self.ending_at else { return full };
        let room = end.saturating_sub(at) / u64::from(self.spt.max(1));
        if room >= u64::from(full) {
            return full;
        }
        let beats = room as u32 / STEPS_PER_BEAT;
        beats * STEPS_PER_BEAT
    }

    fn boundary_reached(&self, q: Quantize) -> bool {
        match q {
            Quantize::Beat => self.step.is_multiple_of(STEPS_PER_BEAT),
            Quantize::Bar => self.step == 0,
            Quantize::Phrase => self.step == 0 && self.bar.is_multiple_of(PHRASE_BARS),
            _ => true,
        }
    }

    /// Runs the step that starts now (`self.next_tick`), then schedules the next one.
    pub fn tick(&mut self, styles: &[Style], pool: &mut Pool, target: MoodTarget, latency: u64, sink: &mut dyn FnMut(Telemetry)) {
        let now = self.next_tick;
        let dt = self.spt as f32 / self.sr;
        self.conductor.follow(target, dt);
        pool.set_soft(None);
        let transitions_before = self.transitions;
        // 1. style transition
        if let Some((index, q)) = self.pending_style
            && self.boundary_reached(q)
        {
            self.pending_style = None;
            if usize::from(index) < styles.len() && index != self.style {
                self.style = index;
                self.transitions += 1;
                pool.release_layer(None);
                pool.set_soft(Some(super::voices::TRANSITION_ATTACK_S));
                self.pad = Voicing::default();
                self.strings = Voicing::default();
                self.crash_next = true;
                sink(Telemetry::StyleChanged { index, at: now + latency });
            }
        }
        let Some(style) = styles.get(usize::from(self.style)).or_else(|| styles.first()) else {
            self.next_tick += u64::from(self.spt);
            return;
        };
        if !self.started || self.transitions != transitions_before {
            pool.set_soundfont_map(&style.soundfont);
        }
        let spb = steps_per_bar(styles, self.style);
        let bar_start = self.step == 0;
        let phrase_start = bar_start && self.bar.is_multiple_of(PHRASE_BARS);
        if bar_start {
            self.bar_at = now;
        }
        // 2. conductor, once per bar (tempo changes only here)
        if bar_start {
            self.music = self.conductor.plan(style, &self.music, phrase_start || !self.started);
            if self.sync.is_none_or(|s| s.1.is_none()) {
                self.spt = spt_for(self.sr, self.music.bpm);
            }
            if phrase_start {
                self.new_phrase(style, spb);
            }
        }
        self.sync_step(now, spb);
        if bar_start {
            self.cadence_bar = false;
        }
        if let Some(end) = self.ending_at
            && bar_start
        {
            let bar = u64::from(spb) * u64::from(self.spt);
            if now + bar / 2 >= end {
                self.ending_at = None;
                self.ended = true;
                self.final_chord(style, pool, spb);
            } else if now + bar + bar / 2 >= end {
                // the last bar before the final tonic: the dominant seventh (the raised
                // leading tone in minor modes)
                let mode = if self.music.mode.is_major() { self.music.mode } else { super::theory::Mode::HarmonicMinor };
                self.chord = Chord::diatonic(mode, 4, true);
                self.cadence_bar = true;
                self.hold_chord(style, pool, 2 * spb);
            }
        }
        if self.ended {
            self.started = true;
            self.stingers(style, pool);
            self.next_tick = now + u64::from(self.spt);
            self.step = (self.step + 1) % spb;
            return;
        }
        self.started = true;
        self.activate_stinger(pool, now);
        // 3. harmony
        let half = spb / 2;
        let chord_change = match self.music.half_bars_per_chord {
            1 => self.step.is_multiple_of(half.max(1)),
            4 => bar_start && self.bar.is_multiple_of(2),
            _ => bar_start,
        } && !self.cadence_bar
            || self.pad.len == 0;
        let chord_steps = match self.music.half_bars_per_chord {
            1 => half,
            4 => 2 * spb,
            _ => spb,
        };
        if chord_change {
            self.next_chord(style, pool, chord_steps);
        } else if let Some(every) = self.pulse_every(style)
            && self.step.is_multiple_of(every)
        {
            self.pulse(style, pool, every);
        }
        // 4. bass, arpeggio, melody, drums
        self.bass(style, pool, spb);
        self.arp(style, pool);
        self.lead(style, pool, spb);
        self.drums(style, pool, spb);
        // 5. stingers
        self.stingers(style, pool);
        // 6. advance the clock
        self.next_tick = now + u64::from(self.spt);
        self.step += 1;
        if self.step >= spb {
            self.step = 0;
            self.bar += 1;
        }
    }

    /// Plans the phrase that starts now: its section (the form), chords drawn backwards from
    /// the section's cadence, and the melody: the section's theme with a variation.
    fn new_phrase(&mut self, style: &Style, spb: u32) {
        let e = self.music.energy;
        let major = self.music.mode.is_major();
        let plan = form::next_section(&mut self.form, e, major);
        self.key_shift = i32::from(plan.key_shift);
        let len = if matches!(plan.section, Section::Intro | Section::Bridge) { 1 } else { 2 };
        let last = plan.index + 1 >= len;
        let cadence = form::cadence_for(plan, last, self.rng_form.chance(0.3));
        let list = if major { &style.progressions_major } else { &style.progressions_minor };
        let g = form::grammar(major, list);
        let per = self.music.half_bars_per_chord as usize;
        // the first statement of a theme keeps its own harmony (seeded by the theme), later
        // ones are re-harmonised
        let mut own = Rng::new(self.seed, 10 + u64::from(plan.theme));
        let rng = if plan.index == 0 && !self.form.triumphant { &mut own } else { &mut self.rng_harm };
        self.chords = form::progression(&g, cadence, per, plan.index == 0, 0.1 + 0.2 * e, rng);
        // melody: two two-bar statements
        let theme = self.themes[usize::from(plan.theme).min(2)];
        let half = (2 * spb as usize).min(form::MOTIF);
        let calm = e < 0.3;
        let excited = e > 0.72 || plan.section == Section::Climax;
        let v1 = Variation { thin: calm, ornament: excited, ..Variation::default() };
        let v2 = match plan.section {
            Section::B if plan.index == 1 => Variation { invert: true, ..v1 },
            Section::Bridge => Variation { transpose: 2, ..v1 },
            // a section's first phrase is the theme's sentence as it was first heard (its
            // sequence step fixed per theme), so a return is recognisable; later phrases
            // develop it with another step
            _ if plan.index == 0 => Variation { transpose: [1, -1, 2][Rng::new(self.seed, 20 + u64::from(plan.theme)).below(3)], ..v1 },
            _ => Variation { transpose: [1, -1, 2][self.rng_mel.below(3)], ..v1 },
        };
        let (first, second) = self.mel.split_at_mut(half);
        form::state(&theme, v1, first);
        form::state(&theme, v2, &mut second[..half]);
        if plan.section == Section::Bridge {
            // development: the first bar of A in a rising sequence
            let a = self.themes[0];
            let bar = spb as usize;
            for k in 0..4 {
                let v = Variation { transpose: k as i8, ..v1 };
                let mut tmp = [form::REST; form::MOTIF];
                form::state(&a, v, &mut tmp);
                self.mel[k * bar..(k + 1) * bar].copy_from_slice(&tmp[..bar]);
            }
        }
        if plan.section == Section::Intro {
            // the intro only hints at the theme
            self.mel[half..].fill(form::REST);
        }
        if matches!(cadence, form::Cadence::Authentic | form::Cadence::Plagal) {
            // the melody closes on the tonic with the cadence
            let start = 3 * spb as usize;
            self.mel[start..start + spb as usize].fill(form::REST);
            self.mel[start] = 0;
        }
        self.phrases += 1;
    }

    /// The current key's tonic (the style's, moved by the section's key shift).
    fn tonic(&self, style: &Style) -> i32 {
        style.tonic() + self.key_shift
    }

    /// Voices `self.chord` and holds it on the pad (always) and the strings (if playing).
    fn hold_chord(&mut self, style: &Style, pool: &mut Pool, steps: u32) {
        let tonic = self.tonic(style);
        let gate = steps * self.spt;
        self.pad = voice_lead(&self.chord, tonic, 4, tonic - 7, &self.pad);
        self.sustain(style, pool, PAD, self.pad, gate);
        self.strings = voice_lead(&self.chord, tonic, 3, tonic + 7, &self.strings);
        if self.music.layers[STRINGS] {
            self.sustain(style, pool, STRINGS, self.strings, gate);
        }
    }

    /// The ending's final tonic: the chord held for two bars on every sustained layer, the
    /// bass on the root, the lead on the tonic, a cymbal if drums play.
    fn final_chord(&mut self, style: &Style, pool: &mut Pool, spb: u32) {
        self.chord = Chord::diatonic(self.music.mode, 0, false);
        pool.release_layer(Some(ARP as u8));
        pool.release_layer(Some(LEAD as u8));
        self.hold_chord(style, pool, 2 * spb);
        let tonic = self.tonic(style);
        let gate = 2 * spb * self.spt;
        if self.music.layers[BASS] {
            pool.note_on(&self.note(style, BASS, tonic - 24, gate, 0.9));
        }
        if self.music.layers[LEAD] {
            let note = tonic + 12 * self.music.lead_octave + 12;
            self.lead_note = (note, self.next_tick + u64::from(gate));
            pool.note_on(&self.note(style, LEAD, note, gate, 0.8));
        }
        if self.music.drum_level.is_some() {
            let seed = self.next_noise();
            pool.drum(DrumKind::Crash, 0.7 * self.music.velocity, &style.drums, -0.3, seed, false);
            pool.drum(DrumKind::Kick, self.music.velocity, &style.drums, 0.0, seed ^ 7, false);
        }
    }

    fn next_chord(&mut self, style: &Style, pool: &mut Pool, chord_steps: u32) {
        let spb = steps_per_bar_of(style);
        let slot = ((self.bar % PHRASE_BARS) as usize * 2 + usize::from(self.step >= spb / 2)).min(form::SLOTS - 1);
        let seventh = self.rng_harm.chance(self.music.sevenths);
        self.chord = self.chords[slot].chord(self.music.mode, seventh);
        let tonic = self.tonic(style);
        let gate = chord_steps * self.spt * 2;
        if self.music.layers[PAD] {
            self.pad = voice_lead(&self.chord, tonic, 4, tonic - 7, &self.pad);
            self.sustain(style, pool, PAD, self.pad, gate);
        } else {
            self.pad = voice_lead(&self.chord, tonic, 4, tonic - 7, &self.pad);
            pool.release_layer(Some(PAD as u8));
        }
        self.strings = voice_lead(&self.chord, tonic, 3, tonic + 7, &self.strings);
        if self.music.layers[STRINGS] {
            self.sustain(style, pool, STRINGS, self.strings, gate);
        } else {
            pool.release_layer(Some(STRINGS as u8));
        }
    }

    /// Steps between re-articulations of the sustained layers at the current energy, if they
    /// pulse: a beat from `style.pulse_energy`, an 8th halfway from there to 1.
    fn pulse_every(&self, style: &Style) -> Option<u32> {
        let e = self.music.energy;
        let from = style.pulse_energy;
        if e < from {
            None
        } else if e < from + 0.5 * (1.0 - from) {
            Some(STEPS_PER_BEAT)
        } else {
            Some(STEPS_PER_BEAT / 2)
        }
    }

    /// Re-articulates the current chord on the sustained layers in short notes (CMERS
    /// articulation: staccato for high arousal; the string ostinato of film scores).
    fn pulse(&self, style: &Style, pool: &mut Pool, every: u32) {
        let len = every * self.spt;
        for (layer, v) in [(PAD, self.pad), (STRINGS, self.strings)] {
            if !self.music.layers[layer] || v.len == 0 {
                continue;
            }
            pool.release_layer(Some(layer as u8));
            let gate = (self.music.gate * len as f32) as u32;
            for &n in v.notes() {
                let n = self.under_melody(style, layer, n);
                let mut on = self.note(style, layer, n, gate, if self.step.is_multiple_of(STEPS_PER_BEAT) { 0.8 } else { 0.65 });
                self.make_room(style, pool, &mut on);
                // a bowed or plucked re-attack (marcato, spiccato, a pumping pad): short attack,
                // and a release within a third of the pulse, so every re-strike rises out of
                // the previous one's decay instead of blurring into it
                on.timbre.attack = on.timbre.attack.min(0.015);
                on.timbre.release = on.timbre.release.min(0.35 * len as f32 / self.sr);
                pool.note_on(&on);
            }
        }
    }

    /// Holds a chord on a sustained layer: tied tones continue, the others are released.
    fn sustain(&self, style: &Style, pool: &mut Pool, layer: usize, v: Voicing, gate: u32) {
        let mut held = [0.0f32; 6];
        for (h, &n) in held.iter_mut().zip(v.notes()) {
            *h = self.under_melody(style, layer, n) as f32;
        }
        let held = &held[..v.len.min(6)];
        pool.release_layer_except(layer as u8, held);
        for &n in held {
            if !pool.extend(layer as u8, n, gate) {
                let mut on = self.note(style, layer, n as i32, gate, 0.8);
                self.make_room(style, pool, &mut on);
                pool.note_on(&on);
            }
        }
    }

    /// The lowest note the phrase's melody sounds (MIDI, the lead timbre's octave included),
    /// if it has one.
    fn melody_floor(&self, style: &Style) -> Option<i32> {
        let lowest = self.mel.iter().copied().filter(|&m| m != form::REST).min()?;
        let octave = (self.music.lead_octave + 1).min(1);
        // a note on a beat may move a degree down to a chord tone
        let degree = i32::from(lowest) - 1;
        Some(self.tonic(style) + 12 * octave + self.music.mode.degree_semis(degree) + 12 * i32::from(style.lead.octave))
    }

    /// `note` of an accompaniment layer (pad, strings, arpeggio) moved down by octaves while
    /// it would sound at or above the melody's lowest note (`Style::accompaniment_below_melody`;
    /// never below [`ACCOMPANIMENT_FLOOR`]; not the calm figuration, see `calm_figure`).
    fn under_melody(&self, style: &Style, layer: usize, note: i32) -> i32 {
        if !style.accompaniment_below_melody || self.calm_figure(layer) {
            return note;
        }
        let Some(floor) = self.melody_floor(style) else { return note };
        let octave = 12 * i32::from(style.layer(layer).octave);
        let mut n = note;
        for _ in 0..2 {
            if n + octave >= floor && n + octave - 12 >= ACCOMPANIMENT_FLOOR {
                n -= 12;
            }
        }
        n
    }

    /// Whether `layer` plays the calm section's figuration now: the arpeggio's soft quarters
    /// below its entry energy. They are the calm passage's motion, so the two room rules leave
    /// them in their register and at their level: an octave lower and stepped back, their
    /// attacks hardly stand out of the pads and the soft tune (most fall under `music-eval`'s
    /// onset threshold), and short plucks mask the tune's held notes little anyway.
    fn calm_figure(&self, layer: usize) -> bool {
        layer == ARP && !self.music.layers[ARP]
    }

    /// The accompaniment (pad, strings, arpeggio, bass; not the calm figuration) plays
    /// `Style::melody_room_db` softer while the phrase has a melody
    /// (the full lead layer, or its soft calm notes): a synthesised voice through its gain, a
    /// sampled one through its velocity (General MIDI velocity attenuation is about 40·log10
    /// of the velocity).
    fn make_room(&self, style: &Style, pool: &Pool, on: &mut NoteOn) {
        let db = style.melody_room_db;
        if db >= 0.0 || self.calm_figure(usize::from(on.layer)) || self.mel.iter().all(|&m| m == form::REST) {
            return;
        }
        if pool.sampled(usize::from(on.layer)) {
            on.velocity *= 10f32.powf(db / 40.0);
        } else {
            on.timbre.gain_db += db;
        }
    }

    fn note(&self, style: &Style, layer: usize, note: i32, gate: u32, vel: f32) -> NoteOn {
        let mut timbre = *style.layer(layer);
        // attack from energy (Gabrielsson & Lindström 2010: soft, slow attacks for calm and
        // tender expression, sharp ones for activity): x1.7 at rest to x0.6 at full energy
        timbre.attack *= (1.5 * (0.5 - self.music.energy)).exp2();
        NoteOn {
            note: note as f32,
            velocity: vel * self.music.velocity,
            gate: gate.max(1),
            timbre,
            brightness: self.music.brightness,
            layer: layer as u8,
            stinger: false,
        }
    }

    fn bass(&mut self, style: &Style, pool: &mut Pool, spb: u32) {
        if !self.music.layers[BASS] {
            return;
        }
        let pats = &style.bass_rhythms;
        let level = ((self.music.energy * pats.len() as f32) as usize).min(pats.len().saturating_sub(1));
        let Some(p) = pats.get(level).map(String::as_bytes) else { return };
        let len = p.len().max(1);
        let c = p.get(self.step as usize % len).copied().unwrap_or(b'.');
        let vel = step_velocity(c);
        if vel <= 0.0 {
            return;
        }
        // length to the next onset, within the bar
        let mut dist = 1;
        while dist < spb && p.get((self.step + dist) as usize % len).copied().unwrap_or(b'.') == b'.' {
            dist += 1;
        }
        let fifth = c == b'o' && self.rng_harm.chance(0.35);
        let note = self.tonic(style) - 24 + self.chord.root() + if fifth { 7 } else { 0 };
        let gate = (self.music.gate * (dist * self.spt) as f32) as u32;
        let mut on = self.note(style, BASS, note, gate, vel);
        self.make_room(style, pool, &mut on);
        pool.note_on(&on);
    }

    /// The arpeggio; below its entry energy it still plays the chord in soft quarters.
    fn arp(&mut self, style: &Style, pool: &mut Pool) {
        if self.pad.len == 0 {
            return;
        }
        let full = self.music.layers[ARP];
        let every = if full { self.music.arp_steps.max(1) } else { STEPS_PER_BEAT };
        if !self.step.is_multiple_of(every) {
            return;
        }
        let n = self.pad.len;
        let i = if style.arp_updown {
            let period = (2 * n - 2).max(1);
            let k = self.arp_idx % period;
            if k < n { k } else { period - k }
        } else {
            self.arp_idx % n
        };
        self.arp_idx += 1;
        let note = self.under_melody(style, ARP, self.pad.notes().get(i).copied().unwrap_or(60) + 12);
        let gate = (self.music.gate * (every * self.spt) as f32) as u32;
        // the calm quarters at full velocity: a pulse that is heard (and counted as onsets)
        // under the held chords, where the conductor's dynamics already make everything soft
        let vel = if self.step.is_multiple_of(4) { 0.9 } else { 0.7 } * if full { 1.0 } else { 0.95 };
        let mut on = self.note(style, ARP, note, gate, vel);
        self.make_room(style, pool, &mut on);
        pool.note_on(&on);
    }

    /// The melody: the phrase's theme statement, in key-relative degrees, strong beats
    /// moved to the nearest chord tone of the sounding chord. Above the pads (an octave over
    /// the style's lead register unless the mood already lifts it). When the lead layer is
    /// silent (calm), its notes on the beats still sound, softly: calm is slow, not static.
    fn lead(&mut self, style: &Style, pool: &mut Pool, spb: u32) {
        let full = self.music.layers[LEAD];
        let pos = (self.bar % PHRASE_BARS) as usize * spb as usize + self.step as usize;
        let Some(&m) = self.mel.get(pos) else { return };
        if m == form::REST || (!full && !self.step.is_multiple_of(STEPS_PER_BEAT)) {
            return;
        }
        let len = (PHRASE_BARS as usize * spb as usize).min(PHRASE_STEPS);
        let mut dist = 1;
        let until = if full { 8 } else { 16 };
        while dist < until && self.mel.get((pos + dist) % len.max(1)).copied().unwrap_or(form::REST) == form::REST {
            dist += 1;
        }
        let mut degree = i32::from(m);
        if self.step.is_multiple_of(STEPS_PER_BEAT) {
            let tone = |d: i32| (d - self.chord.degree).rem_euclid(7) % 2 == 0 && (d - self.chord.degree).rem_euclid(7) <= 4;
            if !tone(degree) {
                degree = if tone(degree - 1) { degree - 1 } else { degree + 1 };
            }
        }
        let octave = (self.music.lead_octave + 1).min(1);
        let note = (self.tonic(style) + 12 * octave + self.music.mode.degree_semis(degree)).min(96);
        let gate = (self.music.gate * (dist as u32 * self.spt) as f32) as u32;
        self.lead_note = (note, self.next_tick + u64::from(gate));
        let mut on = self.note(style, LEAD, note, gate, if full { 1.0 } else { CALM_MELODY_VELOCITY });
        // the melody sits over the pads: a few dB above the style's lead level
        on.timbre.gain_db += style.melody_lift_db;
        pool.note_on(&on);
    }

    fn drums(&mut self, style: &Style, pool: &mut Pool, spb: u32) {
        let kit = &style.drums;
        let seed = self.next_noise();
        if self.crash_next && self.step == 0 {
            self.crash_next = false;
            if self.music.drum_level.is_some() {
                pool.drum(DrumKind::Crash, 0.6 * self.music.velocity, kit, -0.3, seed, false);
            }
        }
        let Some(level) = self.music.drum_level else { return };
        let vel = self.music.velocity;
        // fill in the last beat before a phrase (and before a pending bar/phrase transition)
        let last_beat = self.step >= spb.saturating_sub(STEPS_PER_BEAT);
        let phrase_end = (self.bar + 1).is_multiple_of(PHRASE_BARS);
        let transition = match self.pending_style {
            Some((_, Quantize::Bar)) => true,
            Some((_, Quantize::Phrase)) => phrase_end,
            _ => false,
        };
        if last_beat && ((phrase_end && self.music.energy > 0.55) || transition) {
            let k = self.step % STEPS_PER_BEAT;
            let kind = if transition || k < 2 { DrumKind::HighTom } else { DrumKind::LowTom };
            pool.drum(kind, vel * (0.6 + 0.1 * k as f32), kit, 0.2 - 0.15 * k as f32, seed, false);
            if k == 0 {
                pool.drum(DrumKind::Kick, vel, kit, 0.0, seed ^ 7, false);
            }
            return;
        }
        if self.step == 0 && self.bar.is_multiple_of(PHRASE_BARS) && self.music.energy > 0.65 {
            pool.drum(DrumKind::Crash, 0.7 * vel, kit, -0.3, seed ^ 3, false);
        }
        let hit = |pats: &Vec<String>, step: u32| -> f32 {
            let p = pats.get(level.min(pats.len().saturating_sub(1))).map_or(&b""[..], |s| s.as_bytes());
            step_velocity(p.get(step as usize % p.len().max(1)).copied().unwrap_or(b'.'))
        };
        let humanise = 1.0 - 0.1 * self.rng_drum.unit();
        let k = hit(&kit.kick, self.step);
        if k > 0.0 {
            pool.drum(DrumKind::Kick, k * vel, kit, 0.0, seed, false);
        }
        let s = hit(&kit.snare, self.step);
        if s > 0.0 {
            pool.drum(DrumKind::Snare, s * vel * humanise, kit, -0.05, seed ^ 0x55, false);
        }
        if !kit.tom.is_empty() {
            let p = kit.tom.get(level.min(kit.tom.len() - 1)).map_or(&b""[..], |s| s.as_bytes());
            let c = p.get(self.step as usize % p.len().max(1)).copied().unwrap_or(b'.');
            let (kind, pan) = if c == b'o' { (DrumKind::HighTom, 0.25) } else { (DrumKind::LowTom, -0.2) };
            let t = step_velocity(c);
            if t > 0.0 {
                pool.drum(kind, t * vel * humanise, kit, pan, seed ^ 0x33, false);
            }
        }
        let h = hit(&kit.hat, self.step);
        if h > 0.0 {
            let open = self.music.energy > 0.8 && self.step % 8 == 6;
            let kind = if open { DrumKind::OpenHat } else { DrumKind::ClosedHat };
            pool.drum(kind, h * vel * humanise * 0.7, kit, 0.3, seed ^ 0xAA, false);
        }
    }

    fn next_noise(&mut self) -> u32 {
        self.noise_seed = self.noise_seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        self.noise_seed | 1
    }

    fn activate_stinger(&mut self, pool: &mut Pool, now: SampleTime) {
        // half a step of tolerance: while a sync point stretches the steps, the beat a cue was
        // scheduled on can sit a few samples off the step that starts it
        if let Some(p) = self.pending_stinger
            && now + u64::from(self.spt / 2) >= p.at
        {
            self.pending_stinger = None;
            self.stinger = Some(Active { cue: p.cue, step: 0, len: p.len, mode: self.music.mode });
            pool.set_soft(Some(pool.soft().unwrap_or(0.0).max(super::voices::SOFT_ATTACK_S)));
            let (dv, da) = stingers::mood_push(p.cue);
            self.conductor.push(dv, da);
        }
    }

    fn stingers(&mut self, style: &Style, pool: &mut Pool) {
        let Some(mut active) = self.stinger else { return };
        let tonic = self.tonic(style) + 12;
        for n in stingers::phrase(active.cue) {
            let first = u32::from(n.step);
            if first >= active.len {
                continue;
            }
            // a shortened stinger holds its notes to its last step
            let len = u32::from(n.len).min(active.len - first);
            let k = active.step.wrapping_sub(first);
            let fires = match n.inst {
                Inst::Roll(_) => active.step >= first && k < len,
                _ => active.step == first,
            };
            if !fires {
                continue;
            }
            let vel = n.velocity_at(k.min(255) as u8);
            match n.inst {
                Inst::Tone(chord) => {
                    for &semis in chord {
                        pool.note_on(&NoteOn {
                            note: (tonic + stingers::in_mode(active.cue, semis, active.mode)) as f32,
                            velocity: vel,
                            gate: len * self.spt,
                            timbre: style.stinger,
                            brightness: 1.0,
                            layer: STINGER_LAYER,
                            stinger: true,
                        });
                    }
                }
                Inst::Drum(kind) | Inst::Roll(kind) => {
                    let seed = self.next_noise();
                    pool.drum(kind, vel, &style.drums, 0.0, seed, true);
                }
            }
        }
        active.step += 1;
        self.stinger = if active.step >= active.len.min(length_steps(active.cue)) { None } else { Some(active) };
    }
}

/// Steps per bar of one style.
fn steps_per_bar_of(style: &Style) -> u32 {
    u32::from(style.beats_per_bar.clamp(2, 7)) * STEPS_PER_BEAT
}

/// Steps per bar of a style (16 for 4/4, 12 for 3/4).
fn steps_per_bar(styles: &[Style], index: u16) -> u32 {
    styles.get(usize::from(index)).map_or(16, |s| u32::from(s.beats_per_bar.clamp(2, 7)) * STEPS_PER_BEAT)
}

/// Samples per 16th step at `bpm`: a whole multiple of the SoundFont player's block
/// ([`super::soundfont::SF_BLOCK`], 32 samples), so that every step starts on a block boundary
/// of rustysynth and SoundFont notes are as sample-accurate as the built-in voices. The
/// rounding moves the tempo by at most 16 samples per step (< 0.5 % at any tempo we play).
pub fn spt_for(sr: f32, bpm: f32) -> u32 {
    let bpm = if bpm.is_finite() && bpm > 1.0 { bpm } else { 100.0 };
    let block = super::soundfont::SF_BLOCK as f32;
    (((sr * 60.0 / (bpm * 4.0)) / block).round() as u32).max(1) * super::soundfont::SF_BLOCK as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stinger_before_the_ending_is_shortened_to_whole_beats_or_skipped() {
        let mut s = Sequencer::new(48_000.0, 1);
        let spt = u64::from(s.spt);
        let full = length_steps(Cue::Goal);
        assert!(full > 8, "the goal stinger is longer than two beats ({full} steps)");
        let at = s.next_beat();
        // room for all of it: played whole
        s.end_at(at + spt * u64::from(full));
        assert_eq!(s.stinger_room(Cue::Goal, at), full);
        // two beats and a step left: the first two beats, nothing cut mid-beat
        s.end_at(at + spt * 9);
        assert_eq!(s.stinger_room(Cue::Goal, at), 2 * STEPS_PER_BEAT);
        let start = s.cue(Cue::Goal, 0).expect("a shortened stinger is scheduled");
        assert_eq!(s.pending_stinger.map(|p| (p.at, p.len)), Some((start, 2 * STEPS_PER_BEAT)));
        // less than a beat left: skipped and counted
        let mut s = Sequencer::new(48_000.0, 1);
        let at = s.next_beat();
        s.end_at(at + spt * 3);
        assert_eq!(s.cue(Cue::Goal, 0), None);
        assert_eq!(s.dropped_cues, 1);
        // after the final tonic: skipped
        let mut s = Sequencer::new(48_000.0, 1);
        s.ended = true;
        assert_eq!(s.cue(Cue::Goal, 0), None);
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    /// Ticks `s` step by step (no audio) until `bars` more bars have started, recording the
    /// form's section at each phrase start; `goal_at_bar` issues a goal cue just before that
    /// bar line.
    fn run(s: &mut Sequencer, style: &Style, bars: u64, goal_at_bar: Option<u64>) -> Vec<(u64, Section, bool)> {
        let styles = std::slice::from_ref(style);
        let mut pool = Pool::new(48_000.0, 16);
        let target = MoodTarget { valence: 0.3, arousal: 0.4, intensity: 0.6 };
        let mut order = Vec::new();
        let end = s.bar + bars;
        while s.bar < end {
            if goal_at_bar == Some(s.bar + 1) && s.step + 1 == steps_per_bar(styles, 0) {
                assert!(s.cue(Cue::Goal, s.next_tick).is_some(), "the goal's stinger is scheduled");
            }
            let phrase_start = s.step == 0 && s.bar.is_multiple_of(PHRASE_BARS);
            let bar = s.bar;
            s.tick(styles, &mut pool, target, 0, &mut |_| {});
            if phrase_start {
                order.push((bar, s.form.plan.section, s.form.triumphant));
            }
        }
        order
    }

    #[test]
    fn a_goal_brings_the_climax_and_the_triumphant_return_of_a() {
        let style = Style::default();
        let mut s = Sequencer::new(48_000.0, 3);
        // the goal lands on the bar line of phrase 4 (bar 16), as a sync point puts it
        let order = run(&mut s, &style, 48, Some(16));
        let at = |bar: u64| order.iter().find(|o| o.0 == bar).map(|o| o.1);
        assert_eq!(at(16), Some(Section::Climax), "the phrase that starts with the goal: {order:?}");
        let back = order.iter().find(|o| o.0 > 16 && o.1 == Section::A).copied();
        assert!(back.is_some_and(|b| b.2), "A returns, triumphant, after the climax: {order:?}");
        // without the goal the same seed has no climax
        let mut s = Sequencer::new(48_000.0, 3);
        let order = run(&mut s, &style, 48, None);
        assert!(order.iter().all(|o| o.1 != Section::Climax), "{order:?}");
    }
}

#[cfg(test)]
mod melody_tests {
    use super::*;

    #[test]
    fn the_accompaniment_keeps_under_the_melody() {
        let mut s = Sequencer::new(48_000.0, 1);
        let mut style = Style::default();
        // a phrase whose melody goes no lower than the tonic's degree (sounding from C5 up)
        s.mel = [form::REST; PHRASE_STEPS];
        s.mel[0] = 2;
        s.mel[4] = 0;
        s.music.lead_octave = 0;
        // the arpeggio at full (below its entry it is the calm figuration, which stays put)
        s.music.layers[ARP] = true;
        let floor = s.melody_floor(&style).expect("the phrase has a melody");
        assert!((70..=72).contains(&floor), "floor {floor}");
        for layer in [PAD, STRINGS, ARP] {
            for note in 55..=80 {
                let n = s.under_melody(&style, layer, note);
                let sounding = n + 12 * i32::from(style.layer(layer).octave);
                assert!(n <= note && (note - n) % 12 == 0, "{note} -> {n}: moved by octaves, down only");
                assert!(
                    sounding < floor || sounding - 12 < ACCOMPANIMENT_FLOOR,
                    "layer {layer}: {note} -> {n} sounds at {sounding}, floor {floor}"
                );
            }
        }
        // a note already under the melody stays where it is
        assert_eq!(s.under_melody(&style, PAD, 60), 60);
        // the rule off, or no melody in the phrase: nothing moves
        style.accompaniment_below_melody = false;
        assert_eq!(s.under_melody(&style, PAD, 76), 76);
        style.accompaniment_below_melody = true;
        s.mel = [form::REST; PHRASE_STEPS];
        assert_eq!(s.melody_floor(&style), None);
        assert_eq!(s.under_melody(&style, PAD, 76), 76);
    }

    #[test]
    fn the_calm_arpeggio_keeps_its_register_and_level_under_a_melody() {
        let mut s = Sequencer::new(48_000.0, 1);
        let style = Style::default();
        let pool = Pool::new(48_000.0, 8);
        s.mel = [form::REST; PHRASE_STEPS];
        s.mel[0] = 0;
        s.music.lead_octave = 0;
        // the full arpeggio makes room for the tune; its soft quarters below its entry (the
        // calm passage's motion) keep their octave and their level
        for (full, room) in [(true, true), (false, false)] {
            s.music.layers[ARP] = full;
            let n = s.under_melody(&style, ARP, 84);
            assert_eq!(n < 84, room, "full arpeggio {full}: 84 -> {n}");
            let mut on = s.note(&style, ARP, n, 100, 0.9);
            let gain = on.timbre.gain_db;
            s.make_room(&style, &pool, &mut on);
            assert_eq!(on.timbre.gain_db < gain, room, "full arpeggio {full}: {gain} -> {} dB", on.timbre.gain_db);
        }
        // the pad steps back in the calm too
        let mut on = s.note(&style, PAD, 60, 100, 0.8);
        let gain = on.timbre.gain_db;
        s.make_room(&style, &pool, &mut on);
        assert!((on.timbre.gain_db - (gain + style.melody_room_db)).abs() < 1e-6);
    }
}
