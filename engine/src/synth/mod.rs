//! Generative music: conductor (mood -> music), sequencer and clock, voices, mixer, and the
//! music bus's output stage (loudness targeting and true-peak limiting).
//!
//! [`Synth`] is built in `prepare()` from the style table and runs on the audio thread:
//!
//! ```text
//! target mood ─► Conductor (per bar) ─► Sequencer (per 16th step, sample-accurate clock)
//! cues ────────────────────────────────►   │ note-ons, drum hits, stingers
//!                                          ▼
//!                    Pool of voices (tonal + drums, polyphony limit, stealing)
//!                        │ bed bus                 │ stinger bus
//!                        ▼ ducked under stingers   ▼
//!                        └──────── + reverb ───────┘
//!                                   ▼
//!                 loudness gain (EBU R 128, profile target) ─► true-peak limiter ─► out
//! ```
//!
//! Everything runs per sample or per 16th step counted from `reset()`, so the output is
//! bit-identical for the same seed and inputs whatever the host's block size. The limiter
//! delays the music by [`Synth::latency`] samples; every time the synth reports (stinger and
//! transition times in [`Telemetry`]) is in output samples, i.e. already includes it.
//!
//! The mapping from mood to music and its sources are documented in `conductor` and in
//! `docs/music.md`.
//!
//! Length: this file is the synth's processor (prepare, the per-block render and the layer
//! mix) and stays one unit until the form/arrangement work splits the layers into their own
//! modules; see docs/music.md.

pub mod clips;
pub(crate) mod conductor;
pub(crate) mod fastmath;
pub(crate) mod form;
pub mod master;
pub(crate) mod mixer;
pub mod offline;
pub(crate) mod rng;
pub(crate) mod sequencer;
pub(crate) mod simd;
pub mod soundfont;
pub(crate) mod stingers;
pub(crate) mod theory;
pub(crate) mod voices;

pub use master::Profile;
pub use soundfont::SoundFontMap;
pub use theory::Mode;
pub use voices::{DrumKit, Timbre, VoiceStats, Wave};

use crate::types::{Cue, MoodTarget, Quantize, SampleTime, Telemetry};
use conductor::{ARP, BASS, LEAD, Music, PAD, STRINGS};
use master::{Loudness, TruePeakLimiter};
use mixer::{Ducker, Reverb};
use sequencer::Sequencer;
use voices::Pool;

/// Ceiling of the true-peak limiter (0.5 dB under −1 dBTP for interpolator differences).
pub const TRUE_PEAK_CEILING_DB: f32 = -1.5;
/// Internal render chunk (voices are rendered in runs of at most this many samples between
/// sequencer steps).
const CHUNK: usize = 256;

/// A musical style, parsed from the `[style]` table of a preset (see [`crate::preset`]).
/// Every field has a default, so a preset only writes what makes its style different.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Style {
    /// Tempo range in BPM: calm moods sit at the bottom, excited ones at the top.
    pub tempo_min: f32,
    /// See `tempo_min`.
    pub tempo_max: f32,
    /// Tonic: `C`, `C#`/`Db`, ... `B`.
    pub key: String,
    /// 3 or 4 (waltz or common time); more is allowed up to 7.
    pub beats_per_bar: u8,
    /// Mode for positive valence, for negative valence, and for negative valence with high
    /// arousal (fear/anger).
    pub major_mode: Mode,
    /// See `major_mode`.
    pub minor_mode: Mode,
    /// See `major_mode`.
    pub tense_mode: Mode,
    /// Chord progressions as scale degrees 1..=7, chosen per phrase.
    pub progressions_major: Vec<Vec<u8>>,
    /// See `progressions_major`.
    pub progressions_minor: Vec<Vec<u8>>,
    /// Probability of seventh chords at rest (fewer when excited).
    pub sevenths: f32,
    /// Reverb send 0..=1.
    pub reverb: f32,
    /// Bed ducking under a stinger, dB (-30..=0).
    pub stinger_duck_db: f32,
    /// Tonal voices (8..=64).
    pub polyphony: u8,
    /// Arpeggio goes up and down (otherwise up only).
    pub arp_updown: bool,
    /// Energy (0..=1) from which the sustained layers (pad, strings) re-articulate their chord
    /// in short notes, on every beat and, halfway from here to 1, on every 8th (string
    /// ostinato, pumping pads); above 1 they always sustain.
    pub pulse_energy: f32,
    /// How much louder than the lead timbre's `gain_db` the melody plays, dB (0..=12; a
    /// synthesised lead: a sampled one plays at its channel's full volume).
    pub melody_lift_db: f32,
    /// The accompaniment (pad, strings, arpeggio, bass) plays this much softer while a phrase
    /// has a melody, dB (-12..=0): room for the tune, as a mix engineer sets the bed under a
    /// vocal. The arpeggio's soft quarters below its entry (the calm passage's motion) keep
    /// their level.
    pub melody_room_db: f32,
    /// Keep the accompaniment under the tune: while a phrase has a melody, pad, string and
    /// arpeggio notes above the melody's lowest note sound an octave (or two) lower (not the
    /// arpeggio's soft quarters below its entry).
    pub accompaniment_below_melody: bool,
    /// Bass rhythms by rising energy (16th steps, `x` root, `o` root or fifth, `.` rest).
    pub bass_rhythms: Vec<String>,
    /// The sustained pad layer.
    pub pad: Timbre,
    /// The bass layer.
    pub bass: Timbre,
    /// The arpeggio layer.
    pub arp: Timbre,
    /// The string ensemble layer.
    pub strings: Timbre,
    /// The melody layer.
    pub lead: Timbre,
    /// The voice of stingers (cues).
    pub stinger: Timbre,
    /// The drum kit.
    pub drums: DrumKit,
    /// Layers played from a user's SoundFont instead of the built-in voices, when the synth
    /// has one ([`Synth::with_soundfont`]); without a SoundFont this table is ignored.
    pub soundfont: SoundFontMap,
}

impl Default for Style {
    #[expect(clippy::too_many_lines, reason = "one line per style key and timbre field: a table, not logic")]
    fn default() -> Self {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_string()).collect();
        Self {
            tempo_min: 80.0,
            tempo_max: 140.0,
            key: "C".to_string(),
            beats_per_bar: 4,
            major_mode: Mode::Ionian,
            minor_mode: Mode::Aeolian,
            tense_mode: Mode::Phrygian,
            progressions_major: vec![vec![1, 5, 6, 4], vec![1, 4, 5, 1], vec![1, 6, 4, 5], vec![6, 4, 1, 5]],
            progressions_minor: vec![vec![1, 6, 3, 7], vec![1, 4, 5, 1], vec![1, 7, 6, 7], vec![1, 6, 4, 5]],
            sevenths: 0.2,
            reverb: 0.25,
            stinger_duck_db: -8.0,
            polyphony: 32,
            arp_updown: false,
            pulse_energy: 0.55,
            melody_lift_db: 8.0,
            melody_room_db: -6.0,
            accompaniment_below_melody: true,
            bass_rhythms: s(&["x...............", "x.......x.......", "x.....o.x...o...", "x.x.o.x.x.x.o.x."]),
            pad: Timbre {
                unison: 2,
                detune_cents: 8.0,
                attack: 0.6,
                decay: 1.0,
                sustain: 0.8,
                release: 1.2,
                cutoff_hz: 1200.0,
                env_cutoff: 0.5,
                gain_db: -10.0,
                ..Timbre::default()
            },
            bass: Timbre {
                wave: Wave::Square,
                attack: 0.005,
                decay: 0.25,
                sustain: 0.6,
                release: 0.08,
                cutoff_hz: 300.0,
                env_cutoff: 2.0,
                resonance: 0.2,
                gain_db: -6.0,
                enter: 0.15,
                ..Timbre::default()
            },
            arp: Timbre {
                wave: Wave::Triangle,
                attack: 0.003,
                decay: 0.2,
                sustain: 0.2,
                release: 0.2,
                cutoff_hz: 2500.0,
                env_cutoff: 1.5,
                gain_db: -12.0,
                pan: 0.3,
                enter: 0.4,
                ..Timbre::default()
            },
            strings: Timbre {
                unison: 3,
                detune_cents: 12.0,
                attack: 0.4,
                decay: 0.8,
                sustain: 0.85,
                release: 0.9,
                cutoff_hz: 2800.0,
                env_cutoff: 0.3,
                gain_db: -14.0,
                pan: -0.25,
                vibrato_cents: 8.0,
                enter: 0.3,
                ..Timbre::default()
            },
            lead: Timbre {
                wave: Wave::Square,
                attack: 0.01,
                decay: 0.3,
                sustain: 0.6,
                release: 0.25,
                cutoff_hz: 2200.0,
                env_cutoff: 1.5,
                gain_db: -11.0,
                pan: 0.1,
                vibrato_cents: 12.0,
                enter: 0.6,
                ..Timbre::default()
            },
            stinger: Timbre {
                unison: 2,
                detune_cents: 6.0,
                attack: 0.02,
                decay: 0.4,
                sustain: 0.7,
                release: 0.8,
                cutoff_hz: 1500.0,
                env_cutoff: 2.0,
                gain_db: -4.0,
                ..Timbre::default()
            },
            drums: DrumKit::default(),
            soundfont: SoundFontMap::default(),
        }
    }
}

/// Pitch class of a key name.
fn key_pc(key: &str) -> Option<i32> {
    let mut chars = key.trim().chars();
    let base: i32 = match chars.next()?.to_ascii_uppercase() {
        'C' => 0,
        'D' => 2,
        'E' => 4,
        'F' => 5,
        'G' => 7,
        'A' => 9,
        'B' => 11,
        _ => return None,
    };
    let acc = match chars.as_str() {
        "" => 0,
        "#" | "♯" => 1,
        "b" | "♭" => -1,
        _ => return None,
    };
    Some((base + acc).rem_euclid(12))
}

impl Style {
    /// MIDI note of the tonic, between G3 and F#4.
    pub fn tonic(&self) -> i32 {
        let pc = key_pc(&self.key).unwrap_or(0);
        60 + pc - if pc > 6 { 12 } else { 0 }
    }

    /// Timbre of a bed layer (`conductor` layer index).
    pub fn layer(&self, index: usize) -> &Timbre {
        match index {
            PAD => &self.pad,
            BASS => &self.bass,
            ARP => &self.arp,
            STRINGS => &self.strings,
            LEAD => &self.lead,
            _ => &self.stinger,
        }
    }

    /// Checks ranges.
    ///
    /// # Errors
    /// `(key, value, allowed range)` of the first bad field.
    pub fn check(&self) -> Result<(), (String, f64, String)> {
        let bad = |k: &str, v: f64, r: &str| Err((format!("style.{k}"), v, r.to_string()));
        if !(20.0..=300.0).contains(&self.tempo_min) {
            return bad("tempo_min", f64::from(self.tempo_min), "20..=300");
        }
        if !(20.0..=300.0).contains(&self.tempo_max) || self.tempo_max < self.tempo_min {
            return bad("tempo_max", f64::from(self.tempo_max), "tempo_min..=300");
        }
        if key_pc(&self.key).is_none() {
            return bad("key", f64::NAN, "a note name: C, C#, Db, D, ... B");
        }
        if !(2..=7).contains(&self.beats_per_bar) {
            return bad("beats_per_bar", f64::from(self.beats_per_bar), "2..=7");
        }
        for (name, list) in [("progressions_major", &self.progressions_major), ("progressions_minor", &self.progressions_minor)] {
            if list.is_empty() || list.len() > 16 {
                return bad(name, list.len() as f64, "1..=16 progressions");
            }
            for p in list {
                if p.is_empty() || p.len() > 16 {
                    return bad(name, p.len() as f64, "progressions of 1..=16 chords");
                }
                if let Some(&d) = p.iter().find(|d| !(1..=7).contains(*d)) {
                    return bad(name, f64::from(d), "scale degrees 1..=7");
                }
            }
        }
        for (name, v, lo, hi, r) in [
            ("sevenths", self.sevenths, 0.0, 1.0, "0..=1"),
            ("reverb", self.reverb, 0.0, 1.0, "0..=1"),
            ("stinger_duck_db", self.stinger_duck_db, -30.0, 0.0, "-30..=0 dB"),
            ("pulse_energy", self.pulse_energy, 0.0, 2.0, "0..=2"),
            ("melody_lift_db", self.melody_lift_db, 0.0, 12.0, "0..=12 dB"),
            ("melody_room_db", self.melody_room_db, -12.0, 0.0, "-12..=0 dB"),
        ] {
            if !v.is_finite() || v < lo || v > hi {
                return bad(name, f64::from(v), r);
            }
        }
        if !(8..=64).contains(&self.polyphony) {
            return bad("polyphony", f64::from(self.polyphony), "8..=64");
        }
        if self.bass_rhythms.is_empty() || self.bass_rhythms.len() > 8 {
            return bad("bass_rhythms", self.bass_rhythms.len() as f64, "1..=8 patterns");
        }
        for p in &self.bass_rhythms {
            if p.is_empty() || p.len() > 32 || !p.chars().all(|c| matches!(c, 'x' | 'o' | '.')) {
                return bad("bass_rhythms", p.len() as f64, "patterns of 1..=32 steps made of x, o and .");
            }
        }
        for (name, t) in [
            ("pad", &self.pad),
            ("bass", &self.bass),
            ("arp", &self.arp),
            ("strings", &self.strings),
            ("lead", &self.lead),
            ("stinger", &self.stinger),
        ] {
            if let Err((field, v, r)) = t.check() {
                return Err((format!("style.{name}.{field}"), v, r.to_string()));
            }
        }
        if let Err((field, v, r)) = self.soundfont.check() {
            return Err((format!("style.soundfont.{field}"), v, r.to_string()));
        }
        self.drums.check().map_err(|(k, v, r)| (format!("style.{k}"), v, r.to_string()))
    }
}

/// Dynamics from energy (the CMERS loudness rule): -6 dB at energy 0 (pianissimo) to
/// +6 dB at 1 (fortissimo); a ±4.5 dB range was too narrow: the normaliser's slow drift in
/// the first minutes could hide it. The loudness normaliser measures the music with these
/// dynamics divided out and moves slowly, so they survive normalisation.
fn dynamics_gain(energy: f32) -> f32 {
    10f32.powf(12.0 * (energy.clamp(0.0, 1.0) - 0.5) / 20.0)
}

/// Audio-thread music generator.
#[derive(Debug)]
pub struct Synth {
    sample_rate: f32,
    styles: Vec<Style>,
    seq: Sequencer,
    pool: Pool,
    reverb: Reverb,
    reverb_send: f32,
    reverb_coef: f32,
    ducker: Ducker,
    /// Dynamics (pp..ff) from the conductor's energy, linear, smoothed per sample.
    dynamics: f32,
    limiter: TruePeakLimiter,
    loudness: Loudness,
    target: MoodTarget,
    /// Generator time: samples rendered since reset.
    time: SampleTime,
    seed: u64,
    bed: [Vec<f32>; 2],
    sting: [Vec<f32>; 2],
    initial_style: u16,
    /// On-air clip voices (mixed on the stinger bus).
    clips: clips::ClipBank,
}

impl Synth {
    /// Builds a synth with its style table. Allocates: call from `prepare()`.
    pub fn new(sample_rate: f32, max_block: usize, styles: &[Style], seed: u64) -> Self {
        let _ = max_block;
        let sr = if sample_rate.is_finite() && sample_rate >= 8_000.0 { sample_rate } else { 48_000.0 };
        let styles = if styles.is_empty() { vec![Style::default()] } else { styles.to_vec() };
        let polyphony = styles.iter().map(|s| usize::from(s.polyphony)).max().unwrap_or(32);
        let mut s = Self {
            sample_rate: sr,
            seq: Sequencer::new(sr, seed),
            pool: Pool::new(sr, polyphony),
            reverb: Reverb::new(sr),
            reverb_send: 0.0,
            reverb_coef: 1.0 - (-1.0 / (0.5 * sr)).exp(),
            ducker: Ducker::new(sr),
            dynamics: 1.0,
            limiter: TruePeakLimiter::new(sr, TRUE_PEAK_CEILING_DB),
            loudness: Loudness::new(sr, Profile::Broadcast),
            target: MoodTarget::default(),
            time: 0,
            seed,
            bed: [vec![0.0; CHUNK], vec![0.0; CHUNK]],
            sting: [vec![0.0; CHUNK], vec![0.0; CHUNK]],
            styles,
            initial_style: 0,
            clips: clips::channel(sr).1,
        };
        s.reset();
        s
    }

    /// Plays the layers that the styles' `[style.soundfont]` tables map from `soundfont`
    /// (parsed on the main thread with [`soundfont::load`]). Allocates: call from `prepare()`.
    ///
    /// # Errors
    /// [`crate::EngineError::SoundFont`] if rustysynth cannot run at this sample rate.
    pub fn with_soundfont(mut self, soundfont: &std::sync::Arc<soundfont::SoundFont>) -> Result<Self, crate::EngineError> {
        self.pool.set_player(soundfont::Player::new(soundfont, self.sample_rate)?);
        self.reset();
        Ok(self)
    }

    /// A new sender of on-air clips to this synth (any earlier one is disconnected).
    /// Allocates: call from `prepare()`.
    pub fn connect_clips(&mut self) -> clips::ClipSender {
        let (tx, bank) = clips::channel(self.sample_rate);
        self.clips = bank;
        tx
    }

    /// The sample rate the synth was built for.
    pub fn sample_rate(&self) -> f32 {
        self.sample_rate
    }

    /// The seed of every random choice the music makes.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Number of styles in the table.
    pub fn style_count(&self) -> usize {
        self.styles.len()
    }

    /// Delay of the music through the true-peak limiter, in samples. Times the synth reports
    /// already include it.
    pub fn latency(&self) -> usize {
        self.limiter.latency()
    }

    /// Chooses the loudness profile (broadcast −23 LUFS, streaming −14 LUFS). Before anything
    /// is rendered it simply sets the target; while playing, the gain glides to the new target
    /// (1.5 s time constant) and the loudness measured so far is kept. `reset()` keeps the
    /// profile.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn set_profile(&mut self, profile: Profile) {
        if self.time == 0 {
            self.loudness.set_profile(profile);
            self.loudness.reset();
        } else {
            self.loudness.retarget(profile);
        }
    }

    /// Fixes the loudness gain at `gain_db` instead of the live normaliser (`None`: live). An
    /// offline render knows the whole piece: it renders once, measures the integrated loudness
    /// and renders again with the one static gain that puts it on target (see
    /// [`Synth::offline_loudness_gain_db`]), so the arc's dynamics are kept exactly. Applies
    /// from the next `reset()` (or at once before anything is rendered); `reset()` keeps it.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn set_fixed_loudness_gain_db(&mut self, gain_db: Option<f32>) {
        self.loudness.set_fixed_gain_db(gain_db);
        if self.time == 0 {
            self.loudness.reset();
        }
    }

    /// The static loudness gain for the next pass of a multi-pass offline render: the gain of
    /// this pass plus the output's integrated error (`None` when nothing was measured, e.g.
    /// silence, or no fixed gain is set).
    pub fn offline_loudness_gain_db(&self) -> Option<f32> {
        let now = self.loudness.fixed_gain_db()?;
        let out = self.loudness.output_lufs();
        (out.is_finite() && out > -70.0).then(|| now + self.loudness.target_lufs() - out)
    }

    /// The loudness profile in use.
    pub fn profile(&self) -> Profile {
        self.loudness.profile()
    }

    /// Integrated loudness of the music output since reset (LUFS; −inf before 400 ms).
    pub fn output_lufs(&self) -> f32 {
        self.loudness.output_lufs()
    }

    /// Momentary (400 ms) and short-term (3 s) loudness of the music output, LUFS, updated
    /// every 100 ms (−inf before the first measurement).
    pub fn music_loudness(&self) -> (f32, f32) {
        (self.loudness.momentary_lufs(), self.loudness.short_term_lufs())
    }

    /// Current gain of the loudness normaliser, dB.
    pub fn loudness_gain_db(&self) -> f32 {
        self.loudness.gain_db()
    }

    /// Voice counters.
    pub fn voice_stats(&self) -> VoiceStats {
        self.pool.stats()
    }

    /// The conductor's current decisions.
    pub fn music(&self) -> Music {
        *self.seq.music()
    }

    /// Cues refused by the stinger rate limit since reset.
    pub fn dropped_cues(&self) -> u64 {
        self.seq.dropped_cues()
    }

    /// Samples per 16th step at the current tempo (a beat is four).
    pub fn samples_per_step(&self) -> u32 {
        self.seq.samples_per_step()
    }

    /// Output time of the next beat.
    pub fn next_beat_at(&self) -> SampleTime {
        self.seq.next_beat() + self.latency() as u64
    }

    /// Output time of the next bar line (with the current tempo).
    pub fn next_bar_at(&self) -> SampleTime {
        self.seq.next_bar(&self.styles) + self.latency() as u64
    }

    /// Output time of the next phrase (4 bars), assuming the tempo stays as it is.
    pub fn next_phrase_at(&self) -> SampleTime {
        self.seq.next_phrase(&self.styles) + self.latency() as u64
    }

    /// What the music plays now, for benchmarks (`music-eval`): the lead's sounding note
    /// (MIDI) and the current chord's pitch classes (absolute, 0 = C; up to four).
    #[cfg(feature = "tuning-probes")]
    pub fn probe(&self) -> (Option<i32>, [Option<u8>; 4]) {
        let (lead, chord) = self.seq.probe(self.time);
        let tonic = self.styles.get(usize::from(self.seq.style())).map_or(60, Style::tonic);
        let mut pcs = [None; 4];
        for (p, t) in pcs.iter_mut().zip(chord.tones()) {
            *p = Some((tonic + t).rem_euclid(12) as u8);
        }
        (lead, pcs)
    }

    /// Output time of the first sample of the bar now being generated, for benchmarks
    /// (`music-eval` cuts bars on it: exact while a sync point stretches the steps, unlike
    /// [`Self::next_bar_at`], a prediction).
    #[cfg(feature = "tuning-probes")]
    pub fn bar_at(&self) -> SampleTime {
        self.seq.bar_at() + self.latency() as u64
    }

    /// The phrase now being generated in the form, for benchmarks (`music-eval --trace`):
    /// section (0 Intro, 1 A, 2 B, 3 Bridge, 4 Climax), theme (0 A, 1 B, 2 bridge), phrase
    /// index within the section, and whether A's return is the triumphant one.
    #[cfg(feature = "tuning-probes")]
    pub fn form_probe(&self) -> (u8, u8, u8, bool) {
        self.seq.form_probe()
    }

    /// Output time (samples since reset).
    pub fn time(&self) -> SampleTime {
        self.time
    }

    /// Clears all state (voices, clock, pending cues); the next `process()` starts the music
    /// from the beginning, bit for bit as after construction.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        self.seq.reset();
        self.seq.set_style_now(self.initial_style);
        self.pool.reset();
        self.clips.reset();
        self.reverb.reset();
        self.ducker.reset();
        self.dynamics = dynamics_gain(self.seq.music().energy);
        self.limiter.reset();
        self.loudness.reset();
        self.target = MoodTarget::default();
        self.time = 0;
        self.reverb_send = self.styles.get(usize::from(self.initial_style)).map_or(0.0, |s| s.reverb);
        for b in self.bed.iter_mut().chain(self.sting.iter_mut()) {
            b.fill(0.0);
        }
    }

    /// Asks for a bar line at output time `at` (a sync point: offline renders plan the
    /// tempo of the bars before a known event so that its stinger's downbeat lands on it;
    /// see [`offline`]). Returns false when a sync point is pending, `at` is not ahead, or
    /// the bar line cannot be reached within ±8 % of the tempo.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn sync_to(&mut self, at: SampleTime) -> bool {
        self.seq.sync_to(at.saturating_sub(self.latency() as u64))
    }

    /// Whether a sync point is still being planned.
    pub fn syncing(&self) -> bool {
        self.seq.syncing()
    }

    /// Ends the music with a cadence (dominant seventh, then the tonic held) whose final
    /// downbeat falls on output time `at`; pair with [`Self::sync_to`] so that `at` is a bar
    /// line. Nothing new starts after it.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn end_at(&mut self, at: SampleTime) {
        self.seq.end_at(at.saturating_sub(self.latency() as u64));
    }

    /// Sets the mood the music should follow (NaN and out-of-range values are sanitised).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn set_target(&mut self, target: MoodTarget) {
        self.target = target.sanitized();
    }

    /// Schedules a cue's stinger on the next beat and reports it (`at` in output samples).
    /// Cues closer than `sequencer::STINGER_GAP_S` to the previous accepted stinger are
    /// dropped (counted in [`Synth::dropped_cues`]).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn cue(&mut self, cue: Cue, sink: &mut dyn FnMut(Telemetry)) {
        if let Some(at) = self.seq.cue(cue, self.time) {
            sink(Telemetry::CueScheduled { cue, at: at + self.latency() as u64 });
        }
    }

    /// Switches style at the next `quantize` boundary; an index beyond the table is ignored.
    /// Before anything has been rendered (right after `reset()`), the switch is immediate and
    /// also becomes the style `reset()` returns to. The change is reported as
    /// [`Telemetry::StyleChanged`] when it takes effect.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn set_style(&mut self, index: u16, quantize: Quantize, sink: &mut dyn FnMut(Telemetry)) {
        if usize::from(index) >= self.styles.len() {
            return;
        }
        if self.time == 0 {
            if index != self.seq.style() {
                sink(Telemetry::StyleChanged { index, at: 0 });
            }
            self.initial_style = index;
            self.seq.set_style_now(index);
            self.reverb_send = self.styles.get(usize::from(index)).map_or(0.0, |s| s.reverb);
            return;
        }
        self.seq.request_style(index, quantize);
    }

    /// Index of the active style.
    pub fn style(&self) -> u16 {
        self.seq.style()
    }

    /// Renders the next block of music into `left`/`right` (overwritten; if they differ in
    /// length the longer one's tail is silenced).
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation, locks or I/O.
    pub fn process(&mut self, left: &mut [f32], right: &mut [f32], sink: &mut dyn FnMut(Telemetry)) {
        let n = left.len().min(right.len());
        left[n..].fill(0.0);
        right[n..].fill(0.0);
        let latency = self.latency() as u64;
        let (beat, bar, phrase) = (self.seq.next_beat(), self.seq.next_bar(&self.styles), self.seq.next_phrase(&self.styles));
        self.clips.drain(self.time, beat, bar, phrase, latency);
        let mut done = 0;
        while done < n {
            if self.time >= self.seq.next_tick() {
                self.seq.tick(&self.styles, &mut self.pool, self.target, latency, sink);
            }
            let until = self.seq.next_tick().saturating_sub(self.time).max(1) as usize;
            let len = (n - done).min(until).min(CHUNK);
            let [bl, br] = &mut self.bed;
            let [sl, sr] = &mut self.sting;
            let (bl, br, sl, sr) = (&mut bl[..len], &mut br[..len], &mut sl[..len], &mut sr[..len]);
            bl.fill(0.0);
            br.fill(0.0);
            sl.fill(0.0);
            sr.fill(0.0);
            self.pool.render(self.time, bl, br, sl, sr);
            self.clips.render(self.time, sl, sr, latency);
            let style = self.styles.get(usize::from(self.seq.style()));
            let send_target = style.map_or(0.0, |s| s.reverb);
            let duck_db = style.map_or(-8.0, |s| s.stinger_duck_db);
            let ducking = self.seq.ducking() || self.clips.active();
            self.ducker.set(if ducking { 10f32.powf(duck_db / 20.0) } else { 1.0 });
            let dyn_target = dynamics_gain(self.seq.music().energy);
            let out = left[done..done + len].iter_mut().zip(right[done..done + len].iter_mut());
            for (i, (ol, or)) in out.enumerate() {
                let d = self.ducker.next_gain();
                let mut l = bl.get(i).copied().unwrap_or(0.0) * d + sl.get(i).copied().unwrap_or(0.0);
                let mut r = br.get(i).copied().unwrap_or(0.0) * d + sr.get(i).copied().unwrap_or(0.0);
                self.reverb_send += (send_target - self.reverb_send) * self.reverb_coef;
                let (wl, wr) = self.reverb.process(l, r);
                l += wl * self.reverb_send;
                r += wr * self.reverb_send;
                if !l.is_finite() || !r.is_finite() {
                    l = 0.0;
                    r = 0.0;
                }
                self.dynamics += (dyn_target - self.dynamics) * self.reverb_coef;
                let lg = self.loudness.next_gain();
                let g = lg * self.dynamics;
                let (yl, yr) = self.limiter.process(l * g, r * g);
                self.loudness.push((yl, yr), lg, self.dynamics);
                *ol = yl;
                *or = yr;
            }
            self.time += len as u64;
            done += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_default_style_checks() {
        assert_eq!(key_pc("C"), Some(0));
        assert_eq!(key_pc("F#"), Some(6));
        assert_eq!(key_pc("Bb"), Some(10));
        assert_eq!(key_pc("H"), None);
        assert!(Style::default().check().is_ok());
        let s = Style { key: "X".into(), ..Style::default() };
        assert_eq!(s.check().unwrap_err().0, "style.key");
        let s = Style { progressions_major: vec![vec![1, 9]], ..Style::default() };
        assert_eq!(s.check().unwrap_err().0, "style.progressions_major");
    }

    #[test]
    fn synth_makes_sound_within_the_true_peak_ceiling() {
        let mut s = Synth::new(48_000.0, 512, &[Style::default()], 1);
        s.set_target(MoodTarget { valence: 0.5, arousal: 0.6, intensity: 0.8 });
        let mut l = vec![0.0; 48_000 * 8];
        let mut r = vec![0.0; 48_000 * 8];
        for (a, b) in l.chunks_mut(512).zip(r.chunks_mut(512)) {
            s.process(a, b, &mut |_| {});
        }
        let peak = l.iter().chain(&r).fold(0.0f32, |m, x| m.max(x.abs()));
        assert!(peak > 0.01, "music must be audible: {peak}");
        assert!(peak <= 10f32.powf(-1.0 / 20.0), "{peak}");
        assert!(l.iter().all(|x| x.is_finite()));
    }
}
