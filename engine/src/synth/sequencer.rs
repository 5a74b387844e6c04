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
/// Longest melody motif, in steps (two bars of 16).
const MOTIF: usize = 32;

#[derive(Clone, Copy, Debug)]
struct Pending {
    cue: Cue,
    at: SampleTime,
}

#[derive(Clone, Copy, Debug)]
struct Active {
    cue: Cue,
    step: u32,
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
    started: bool,
    music: Music,
    conductor: Conductor,
    chord: Chord,
    prog: usize,
    prog_pos: usize,
    pad: Voicing,
    strings: Voicing,
    arp_idx: usize,
    motif: [i8; MOTIF],
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
}

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
            started: false,
            music: Music::default(),
            conductor: Conductor::default(),
            chord: Chord::default(),
            prog: 0,
            prog_pos: 0,
            pad: Voicing::default(),
            strings: Voicing::default(),
            arp_idx: 0,
            motif: [i8::MIN; MOTIF],
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
        self.started = false;
        self.music = Music { bpm: 0.0, ..Music::default() };
        self.conductor.reset();
        self.chord = Chord::default();
        self.prog = 0;
        self.prog_pos = 0;
        self.pad = Voicing::default();
        self.strings = Voicing::default();
        self.arp_idx = 0;
        self.motif = [i8::MIN; MOTIF];
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
    pub fn cue(&mut self, cue: Cue, now: SampleTime) -> Option<SampleTime> {
        let at = self.next_beat().max(now);
        let gap = (STINGER_GAP_S * self.sr) as u64;
        let busy = self.pending_stinger.is_some() || self.last_stinger.is_some_and(|t| at < t + gap);
        if busy {
            self.dropped_cues += 1;
            return None;
        }
        self.pending_stinger = Some(Pending { cue, at });
        self.last_stinger = Some(at);
        Some(at)
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
                if q != Quantize::Immediate && q != Quantize::Beat {
                    self.prog_pos = 0;
                }
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
        // 2. conductor, once per bar (tempo changes only here)
        if bar_start {
            self.music = self.conductor.plan(style, &self.music, phrase_start || !self.started);
            self.spt = spt_for(self.sr, self.music.bpm);
            if phrase_start {
                self.new_phrase(style, spb);
            }
        }
        self.started = true;
        self.activate_stinger(pool, now);
        // 3. harmony
        let half = spb / 2;
        let chord_change = match self.music.half_bars_per_chord {
            1 => self.step.is_multiple_of(half.max(1)),
            4 => bar_start && self.bar.is_multiple_of(2),
            _ => bar_start,
        } || self.pad.len == 0;
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

    fn new_phrase(&mut self, style: &Style, spb: u32) {
        let list = if self.music.mode.is_major() { &style.progressions_major } else { &style.progressions_minor };
        self.prog = self.rng_harm.below(list.len());
        self.prog_pos = 0;
        if self.phrases.is_multiple_of(2) {
            // a new two-bar motif every other phrase: the melody repeats, so it is recognisable
            let mut c: i32 = self.rng_mel.below(3) as i32 * 2;
            let len = (2 * spb as usize).min(MOTIF);
            for (pos, m) in self.motif.iter_mut().enumerate() {
                *m = i8::MIN;
                if pos >= len {
                    continue;
                }
                let on_beat = pos % 4 == 0;
                let p = if on_beat {
                    0.8
                } else if pos % 2 == 0 {
                    0.5
                } else {
                    0.15
                };
                if self.rng_mel.chance(p * (0.5 + self.music.lead_density)) {
                    c += self.rng_mel.below(5) as i32 - 2;
                    c = c.clamp(0, 7);
                    if on_beat && c % 2 == 1 {
                        c -= 1;
                    }
                    *m = c as i8;
                }
            }
        }
        self.phrases += 1;
    }

    fn next_chord(&mut self, style: &Style, pool: &mut Pool, chord_steps: u32) {
        let list = if self.music.mode.is_major() { &style.progressions_major } else { &style.progressions_minor };
        let prog = list.get(self.prog).or_else(|| list.first());
        let degree = prog.and_then(|p| p.get(self.prog_pos % p.len().max(1))).copied().unwrap_or(1);
        self.prog_pos += 1;
        let seventh = self.rng_harm.chance(self.music.sevenths);
        self.chord = Chord::diatonic(self.music.mode, i32::from(degree.clamp(1, 7)) - 1, seventh);
        let tonic = style.tonic();
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
                let mut on = self.note(style, layer, n, gate, if self.step.is_multiple_of(STEPS_PER_BEAT) { 0.8 } else { 0.65 });
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
            *h = n as f32;
        }
        pool.release_layer_except(layer as u8, &held[..v.len.min(6)]);
        for &n in v.notes() {
            if !pool.extend(layer as u8, n as f32, gate) {
                pool.note_on(&self.note(style, layer, n, gate, 0.8));
            }
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
        let note = style.tonic() - 24 + self.chord.root() + if fifth { 7 } else { 0 };
        let gate = (self.music.gate * (dist * self.spt) as f32) as u32;
        pool.note_on(&self.note(style, BASS, note, gate, vel));
    }

    fn arp(&mut self, style: &Style, pool: &mut Pool) {
        if !self.music.layers[ARP] || self.pad.len == 0 {
            return;
        }
        let every = self.music.arp_steps.max(1);
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
        let note = self.pad.notes().get(i).copied().unwrap_or(60) + 12;
        let gate = (self.music.gate * (every * self.spt) as f32) as u32;
        let vel = if self.step.is_multiple_of(4) { 0.9 } else { 0.7 };
        pool.note_on(&self.note(style, ARP, note, gate, vel));
    }

    fn lead(&mut self, style: &Style, pool: &mut Pool, spb: u32) {
        if !self.music.layers[LEAD] {
            return;
        }
        let len = (2 * spb as usize).min(MOTIF);
        let pos = ((self.bar % 2) as usize * spb as usize + self.step as usize) % len.max(1);
        let Some(&m) = self.motif.get(pos) else { return };
        if m == i8::MIN {
            return;
        }
        let mut dist = 1;
        while dist < 8 && self.motif.get((pos + dist) % len.max(1)).copied().unwrap_or(i8::MIN) == i8::MIN {
            dist += 1;
        }
        let degree = self.chord.degree + i32::from(m);
        let note = style.tonic() + 12 * self.music.lead_octave + self.music.mode.degree_semis(degree);
        let gate = (self.music.gate * (dist as u32 * self.spt) as f32) as u32;
        pool.note_on(&self.note(style, LEAD, note, gate, 0.85));
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
        if let Some(p) = self.pending_stinger
            && now >= p.at
        {
            self.pending_stinger = None;
            self.stinger = Some(Active { cue: p.cue, step: 0 });
            pool.set_soft(Some(pool.soft().unwrap_or(0.0).max(super::voices::SOFT_ATTACK_S)));
            let (dv, da) = stingers::mood_push(p.cue);
            self.conductor.push(dv, da);
        }
    }

    fn stingers(&mut self, style: &Style, pool: &mut Pool) {
        let Some(mut active) = self.stinger else { return };
        let tonic = style.tonic() + 12;
        for n in stingers::phrase(active.cue) {
            let first = u32::from(n.step);
            let k = active.step.wrapping_sub(first);
            let fires = match n.inst {
                Inst::Roll(_) => active.step >= first && k < u32::from(n.len),
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
                            note: (tonic + i32::from(semis)) as f32,
                            velocity: vel,
                            gate: u32::from(n.len) * self.spt,
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
        self.stinger = if active.step >= length_steps(active.cue) { None } else { Some(active) };
    }
}

/// Steps per bar of a style (16 for 4/4, 12 for 3/4).
fn steps_per_bar(styles: &[Style], index: u16) -> u32 {
    styles.get(usize::from(index)).map_or(16, |s| u32::from(s.beats_per_bar.clamp(2, 7)) * STEPS_PER_BEAT)
}

/// Samples per 16th step at `bpm`: a whole multiple of the SoundFont player's block
/// ([`super::soundfont::SF_BLOCK`], 8 samples), so that every step starts on a block boundary
/// of rustysynth and SoundFont notes are as sample-accurate as the built-in voices. The
/// rounding moves the tempo by at most 4 samples per step (< 0.1 % at any tempo we play).
pub fn spt_for(sr: f32, bpm: f32) -> u32 {
    let bpm = if bpm.is_finite() && bpm > 1.0 { bpm } else { 100.0 };
    let block = super::soundfont::SF_BLOCK as f32;
    (((sr * 60.0 / (bpm * 4.0)) / block).round() as u32).max(1) * super::soundfont::SF_BLOCK as u32
}
