//! Voices synthesised in the engine (no sample library): tonal voices for pad, bass,
//! lead/arpeggio, string-like ensemble and stinger brass, and percussion voices; a pool with a
//! polyphony limit and click-free voice stealing.
//!
//! Stealing policy: when the limit is reached, the quietest releasing bed voice goes first,
//! then the oldest bed voice, then the oldest stinger voice. A stolen voice fades out over
//! 5 ms (3 ms for drums) in a spare slot, so stealing never clicks; the pool has spare slots
//! for those fades, and a note that finds no slot at all is dropped and counted.
// `#[inline(always)]` is deliberate here: the voice kernels must be inlined into the caller
// that `simd::Isa::run` compiles for AVX2, or they would run with the baseline instruction set.
#![allow(clippy::inline_always)]

pub mod drums;
pub mod tonal;

use drums::{DrumKind, Drums};
use tonal::{FRAME, FrameAcc, LANES, NoteOn, Voices};

use super::simd::{Isa, Kernel};
use super::soundfont::{Player, SoundFontMap};

/// Oscillator waveform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Wave {
    /// Sawtooth (band-limited).
    #[default]
    Saw,
    /// Square (band-limited).
    Square,
    /// Triangle.
    Triangle,
    /// Sine.
    Sine,
}

/// The sound of one layer (`[style.pad]`, `[style.bass]`, ...).
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Timbre {
    /// Oscillator waveform.
    pub wave: Wave,
    /// Oscillators per voice, 1..=3 (detuned ensemble).
    pub unison: u8,
    /// Detune of the outer oscillators, cents (0..=50).
    pub detune_cents: f32,
    /// Envelope, seconds (sustain: level 0..=1).
    pub attack: f32,
    /// Decay time, seconds.
    pub decay: f32,
    /// Sustain level 0..=1.
    pub sustain: f32,
    /// Release time, seconds.
    pub release: f32,
    /// Low-pass cutoff at rest, Hz.
    pub cutoff_hz: f32,
    /// Filter envelope depth, octaves (0..=6).
    pub env_cutoff: f32,
    /// Filter resonance 0..=0.95.
    pub resonance: f32,
    /// Layer gain, dB (-40..=12).
    pub gain_db: f32,
    /// Stereo position -1..=1.
    pub pan: f32,
    /// Octave shift -3..=3.
    pub octave: i8,
    /// Vibrato depth, cents (0..=50), fades in after 250 ms.
    pub vibrato_cents: f32,
    /// Lowest energy (0..=1) at which the layer plays; above 1 it never plays.
    pub enter: f32,
}

impl Default for Timbre {
    fn default() -> Self {
        Self {
            wave: Wave::Saw,
            unison: 1,
            detune_cents: 0.0,
            attack: 0.01,
            decay: 0.3,
            sustain: 0.7,
            release: 0.3,
            cutoff_hz: 2000.0,
            env_cutoff: 1.0,
            resonance: 0.1,
            gain_db: 0.0,
            pan: 0.0,
            octave: 0,
            vibrato_cents: 0.0,
            enter: 0.0,
        }
    }
}

impl Timbre {
    /// Checks ranges.
    ///
    /// # Errors
    /// `(field, value, allowed range)` of the first bad field.
    pub fn check(&self) -> Result<(), (&'static str, f64, &'static str)> {
        let f = |v: f32| f64::from(v);
        if !(1..=3).contains(&self.unison) {
            return Err(("unison", f64::from(self.unison), "1..=3"));
        }
        let checks: [(&'static str, f32, f32, f32, &'static str); 12] = [
            ("detune_cents", self.detune_cents, 0.0, 50.0, "0..=50"),
            ("attack", self.attack, 0.0, 10.0, "0..=10 s"),
            ("decay", self.decay, 0.0, 10.0, "0..=10 s"),
            ("sustain", self.sustain, 0.0, 1.0, "0..=1"),
            ("release", self.release, 0.0, 10.0, "0..=10 s"),
            ("cutoff_hz", self.cutoff_hz, 20.0, 20_000.0, "20..=20000 Hz"),
            ("env_cutoff", self.env_cutoff, 0.0, 6.0, "0..=6 octaves"),
            ("resonance", self.resonance, 0.0, 0.95, "0..=0.95"),
            ("gain_db", self.gain_db, -40.0, 12.0, "-40..=12 dB"),
            ("pan", self.pan, -1.0, 1.0, "-1..=1"),
            ("vibrato_cents", self.vibrato_cents, 0.0, 50.0, "0..=50"),
            ("enter", self.enter, 0.0, 2.0, "0..=2"),
        ];
        for (name, v, lo, hi, range) in checks {
            if !v.is_finite() || v < lo || v > hi {
                return Err((name, f(v), range));
            }
        }
        if !(-3..=3).contains(&self.octave) {
            return Err(("octave", f64::from(self.octave), "-3..=3"));
        }
        Ok(())
    }
}

/// The drum kit of a style (`[style.drums]`).
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DrumKit {
    /// Kick pitch, Hz.
    pub kick_hz: f32,
    /// Kick decay, seconds.
    pub kick_decay: f32,
    /// Snare body pitch, Hz.
    pub snare_hz: f32,
    /// Snare noise band centre, Hz.
    pub snare_noise_hz: f32,
    /// Snare decay, seconds.
    pub snare_decay: f32,
    /// Hi-hat band, Hz.
    pub hat_hz: f32,
    /// Hi-hat decay, seconds.
    pub hat_decay: f32,
    /// Low tom pitch, Hz.
    pub tom_hz: f32,
    /// Crash decay, seconds.
    pub crash_decay: f32,
    /// Kit gain, dB.
    pub gain_db: f32,
    /// Lowest energy at which drums play.
    pub enter: f32,
    /// Patterns by rising energy: one step per 16th note, `x` = accent, `o` = soft hit, `.` rest.
    pub kick: Vec<String>,
    /// Snare patterns, as `kick`.
    pub snare: Vec<String>,
    /// Hi-hat patterns, as `kick`.
    pub hat: Vec<String>,
    /// Tom ostinato by rising energy (`x` = low tom, `o` = high tom, softer); may be empty
    /// (no ostinato). Timpani, taiko or war drums entering with danger.
    pub tom: Vec<String>,
}

impl Default for DrumKit {
    fn default() -> Self {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_string()).collect();
        Self {
            kick_hz: 50.0,
            kick_decay: 0.35,
            snare_hz: 190.0,
            snare_noise_hz: 1800.0,
            snare_decay: 0.18,
            hat_hz: 7500.0,
            hat_decay: 0.05,
            tom_hz: 110.0,
            crash_decay: 1.6,
            gain_db: 0.0,
            enter: 0.3,
            kick: s(&["x...............", "x.......x.......", "x.....o.x.......", "x...x...x...x..."]),
            snare: s(&["................", "....x.......x...", "....x.......x...", "....x.......x..o"]),
            hat: s(&["x.......x.......", "x...x...x...x...", "x.o.x.o.x.o.x.o.", "xoxoxoxoxoxoxoxo"]),
            tom: Vec::new(),
        }
    }
}

impl DrumKit {
    /// Checks ranges and patterns.
    ///
    /// # Errors
    /// `(key, value, allowed)` of the first bad field.
    pub fn check(&self) -> Result<(), (&'static str, f64, &'static str)> {
        let checks: [(&'static str, f32, f32, f32, &'static str); 11] = [
            ("drums.kick_hz", self.kick_hz, 20.0, 200.0, "20..=200 Hz"),
            ("drums.kick_decay", self.kick_decay, 0.02, 3.0, "0.02..=3 s"),
            ("drums.snare_hz", self.snare_hz, 80.0, 600.0, "80..=600 Hz"),
            ("drums.snare_noise_hz", self.snare_noise_hz, 200.0, 12_000.0, "200..=12000 Hz"),
            ("drums.snare_decay", self.snare_decay, 0.02, 2.0, "0.02..=2 s"),
            ("drums.hat_hz", self.hat_hz, 1000.0, 16_000.0, "1000..=16000 Hz"),
            ("drums.hat_decay", self.hat_decay, 0.005, 1.0, "0.005..=1 s"),
            ("drums.tom_hz", self.tom_hz, 40.0, 400.0, "40..=400 Hz"),
            ("drums.crash_decay", self.crash_decay, 0.1, 6.0, "0.1..=6 s"),
            ("drums.gain_db", self.gain_db, -40.0, 12.0, "-40..=12 dB"),
            ("drums.enter", self.enter, 0.0, 2.0, "0..=2"),
        ];
        for (name, v, lo, hi, range) in checks {
            if !v.is_finite() || v < lo || v > hi {
                return Err((name, f64::from(v), range));
            }
        }
        for (name, pats) in [("drums.kick", &self.kick), ("drums.snare", &self.snare), ("drums.hat", &self.hat), ("drums.tom", &self.tom)] {
            if (pats.is_empty() && name != "drums.tom") || pats.len() > 8 {
                return Err((name, pats.len() as f64, "1..=8 patterns"));
            }
            for p in pats {
                if p.is_empty() || p.len() > 32 || !p.chars().all(|c| matches!(c, 'x' | 'o' | '.')) {
                    return Err((name, p.len() as f64, "patterns of 1..=32 steps made of x, o and ."));
                }
            }
        }
        Ok(())
    }
}

/// Adds one control frame of lane signals `x[..len]` into the four buses (bed L/R, stinger
/// L/R) with per-lane gains, skipping buses no lane sends to. Shared by the tonal and drum
/// kernels (inlined into each, so it runs with the instruction set `simd::Isa` chose).
#[inline(always)]
fn pan_into_buses(acc: &mut FrameAcc, x: &[[f32; LANES]; FRAME], gains: [[f32; LANES]; 4], len: usize) {
    for (bus, g) in acc.iter_mut().zip(gains) {
        if g.iter().all(|&v| v == 0.0) {
            continue;
        }
        for (a, y) in bus.iter_mut().zip(x.iter()).take(len) {
            for j in 0..LANES {
                a[j] += y[j] * g[j];
            }
        }
    }
}

/// Step velocity of a pattern character.
pub fn step_velocity(c: u8) -> f32 {
    match c {
        b'x' => 1.0,
        b'o' => 0.55,
        _ => 0.0,
    }
}

/// Voice counters for tests, meters and the benchmark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VoiceStats {
    /// Tonal voices sounding now (including fading stolen ones).
    pub tonal_active: usize,
    /// Drum voices sounding now.
    pub drum_active: usize,
    /// Highest tonal count seen since reset.
    pub tonal_peak: usize,
    /// Voices stolen since reset.
    pub stolen: u64,
    /// Notes dropped because no slot was free.
    pub dropped: u64,
}

/// Per-sample multiplier of an exponential decay that falls to `ratio` after `seconds`
/// (shorter times are raised to `min_seconds`). Shared by the tonal envelopes and the drums.
#[inline]
pub(crate) fn decay_coef(sr: f32, seconds: f32, min_seconds: f32, ratio: f32) -> f32 {
    (ratio.ln() / (seconds.max(min_seconds) * sr)).exp()
}

/// Shortest attack of notes started on a stinger's first step (keeps its punch, no click).
pub const SOFT_ATTACK_S: f32 = 0.016;
/// Shortest attack (tonal) and onset ramp (drums) of notes started on a style transition's
/// step: the new style fades in under the old one's releasing tails, so the transition
/// itself adds no step sharper than the music before it (the click metric of issue 5).
pub const TRANSITION_ATTACK_S: f32 = 0.05;
/// Extra physical slots beyond the polyphony limit, for stolen voices fading out.
const SPARE: usize = 8;
/// Drum voices.
pub const DRUM_VOICES: usize = 16;

/// One control frame's work on the voices (or the rest of a frame after a host block
/// boundary), run with the CPU's best instruction set ([`Isa`]).
struct FrameKernel<'a> {
    tonal: &'a mut Voices,
    drums: &'a mut Drums,
    acc: &'a mut FrameAcc,
    /// The frame that starts now, if one does (its control runs first).
    frame: Option<u64>,
    len: usize,
}

impl Kernel for FrameKernel<'_> {
    #[inline(always)]
    fn run(&mut self) {
        if let Some(frame) = self.frame {
            self.tonal.control(frame);
            self.drums.control();
        }
        for bus in self.acc.iter_mut() {
            for lanes in bus.iter_mut().take(self.len) {
                *lanes = [0.0; LANES];
            }
        }
        self.tonal.render(self.acc, self.len);
        self.drums.render(self.acc, self.len);
    }
}

/// The voice pool.
#[derive(Debug)]
pub struct Pool {
    tonal: Voices,
    /// Lane accumulators of the current control frame.
    acc: Box<FrameAcc>,
    isa: Isa,
    drums: Drums,
    limit: usize,
    serial: u64,
    stats: VoiceStats,
    /// Soft entry (seconds) for notes started now, if any.
    soft: Option<f32>,
    /// Optional SoundFont player for the layers a style maps to it.
    player: Option<Box<Player>>,
}

impl Pool {
    /// A pool with `limit` tonal voices. Allocates.
    pub fn new(sr: f32, limit: usize) -> Self {
        let limit = limit.clamp(1, 128);
        Self {
            tonal: Voices::new(sr, limit + SPARE),
            acc: Box::new([[[0.0; LANES]; FRAME]; 4]),
            isa: Isa::detect(),
            drums: Drums::new(sr, DRUM_VOICES),
            limit,
            serial: 0,
            stats: VoiceStats::default(),
            soft: None,
            player: None,
        }
    }

    /// Forces an instruction set for the voice kernels (tests compare the paths).
    #[cfg(test)]
    pub fn set_isa(&mut self, isa: Isa) {
        self.isa = isa;
    }

    /// Installs a SoundFont player (from `prepare()`).
    pub(crate) fn set_player(&mut self, player: Player) {
        self.player = Some(Box::new(player));
    }

    /// Applies the active style's SoundFont mapping (no effect without a player).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn set_soundfont_map(&mut self, map: &SoundFontMap) {
        if let Some(p) = self.player.as_deref_mut() {
            p.set_map(map);
        }
    }

    /// The player, if it plays `layer`.
    /// Whether layer `layer` plays from the SoundFont (its level follows the note velocity,
    /// not the timbre's `gain_db`).
    pub fn sampled(&self, layer: usize) -> bool {
        self.player.as_deref().is_some_and(|p| p.plays(layer))
    }

    fn player_for(&mut self, layer: usize) -> Option<&mut Player> {
        self.player.as_deref_mut().filter(|p| p.plays(layer))
    }

    pub fn reset(&mut self) {
        self.tonal.reset();
        self.drums.reset();
        self.serial = 0;
        self.stats = VoiceStats::default();
        if let Some(p) = self.player.as_deref_mut() {
            p.reset();
        }
    }

    pub fn stats(&self) -> VoiceStats {
        let mut s = self.stats;
        s.tonal_active = self.tonal.active();
        s.drum_active = self.drums.active();
        s
    }

    /// Soft entry: notes started while set get at least this attack (tonal) or onset ramp
    /// (drums), in seconds, rising as the square of a straight line (zero slope at the start,
    /// 1/16 of the level a quarter of the way up). The sequencer sets it on the step of a style transition
    /// ([`TRANSITION_ATTACK_S`]) or a stinger's start ([`SOFT_ATTACK_S`]), so that nothing
    /// starts with a step sharper than the music before it.
    pub fn set_soft(&mut self, soft: Option<f32>) {
        self.soft = soft;
    }

    /// The soft entry in force for notes started now.
    pub fn soft(&self) -> Option<f32> {
        self.soft
    }

    /// If a bed voice of `layer` holds `note` and is not releasing, extends its gate and
    /// returns true (a tied chord tone).
    pub fn extend(&mut self, layer: u8, note: f32, gate: u32) -> bool {
        if let Some(p) = self.player_for(usize::from(layer)) {
            return p.extend(usize::from(layer), note, gate);
        }
        let held = self.tonal.views().find(|v| v.counts && !v.stinger && v.layer == layer && v.note == note && !v.releasing);
        if let Some(v) = held {
            self.tonal.extend(v.id, gate);
            return true;
        }
        false
    }

    /// Releases bed voices of `layer` (all layers for `None`) whose note is not in `keep`.
    fn release_where(&mut self, layer: Option<u8>, keep: &[f32]) {
        self.tonal.release_matching(|stinger, l, note| !stinger && layer.is_none_or(|x| x == l) && !keep.contains(&note));
    }

    /// Releases every bed voice of `layer` (all layers for `None`).
    pub fn release_layer(&mut self, layer: Option<u8>) {
        if let Some(p) = self.player.as_deref_mut() {
            p.release(layer.map(usize::from), &[]);
        }
        self.release_where(layer, &[]);
    }

    /// Releases the bed voices of `layer` whose note is not in `keep`.
    pub fn release_layer_except(&mut self, layer: u8, keep: &[f32]) {
        if let Some(p) = self.player_for(usize::from(layer)) {
            p.release(Some(usize::from(layer)), keep);
        }
        self.release_where(Some(layer), keep);
    }

    /// Starts a tonal note, stealing if the polyphony limit is reached.
    pub fn note_on(&mut self, on: &NoteOn) {
        if let Some(p) = self.player_for(usize::from(on.layer)) {
            let note = on.note + 12.0 * f32::from(on.timbre.octave);
            p.note_on(usize::from(on.layer), on.stinger, note, on.velocity, on.gate);
            return;
        }
        let counting = self.tonal.views().filter(|v| v.counts).count();
        if counting >= self.limit {
            self.steal_one();
        }
        self.serial += 1;
        let started = if let Some(attack) = self.soft {
            let mut soft = *on;
            soft.timbre.attack = soft.timbre.attack.max(attack);
            self.tonal.start(&soft, self.serial, true)
        } else {
            self.tonal.start(on, self.serial, false)
        };
        if !started {
            self.stats.dropped += 1;
            return;
        }
        self.stats.tonal_peak = self.stats.tonal_peak.max(self.tonal.active());
    }

    fn steal_one(&mut self) {
        let mut victim = None;
        let mut best = (3u8, f32::INFINITY, u64::MAX);
        for v in self.tonal.views() {
            if !v.counts {
                continue;
            }
            // rank: releasing bed (quietest) < bed (oldest) < stinger (oldest)
            let key = if v.stinger {
                (2, 0.0, v.serial)
            } else if v.releasing {
                (0, v.level, v.serial)
            } else {
                (1, 0.0, v.serial)
            };
            if key.0 < best.0 || (key.0 == best.0 && (key.1 < best.1 || (key.1 == best.1 && key.2 < best.2))) {
                best = key;
                victim = Some(v.id);
            }
        }
        if let Some(id) = victim {
            self.tonal.steal(id);
            self.stats.stolen += 1;
        }
    }

    /// Starts a drum hit (steals the oldest drum voice when all are busy).
    pub fn drum(&mut self, kind: DrumKind, velocity: f32, kit: &DrumKit, pan: f32, noise_seed: u32, stinger: bool) {
        if let Some(p) = self.player.as_deref_mut().filter(|p| p.plays_drums()) {
            p.drum(kind, velocity, stinger);
            return;
        }
        if self.drums.counting() >= self.drums.capacity() - 2 && self.drums.steal_oldest() {
            self.stats.stolen += 1;
        }
        self.serial += 1;
        let onset_s = self.soft.unwrap_or(0.001);
        let hit = drums::Hit { kind, velocity, pan, noise_seed, onset_s, curved: self.soft.is_some() };
        if !self.drums.start(&hit, kit, self.serial, stinger) {
            self.stats.dropped += 1;
        }
    }

    /// Renders every voice from generator time `time` on, adding bed voices into `bed_*` and
    /// stinger voices into `st_*`. The tonal voices' control frames start at multiples of
    /// [`FRAME`] samples of `time`, so the output does not depend on how calls split time.
    pub fn render(&mut self, time: u64, bed_l: &mut [f32], bed_r: &mut [f32], st_l: &mut [f32], st_r: &mut [f32]) {
        if let Some(p) = self.player.as_deref_mut() {
            p.render(bed_l, bed_r, st_l, st_r);
        }
        let n = bed_l.len().min(bed_r.len()).min(st_l.len()).min(st_r.len());
        let mut pos = 0;
        while pos < n {
            let t = time + pos as u64;
            let in_frame = (t % FRAME as u64) as usize;
            let len = (FRAME - in_frame).min(n - pos);
            let mut kernel = FrameKernel {
                tonal: &mut self.tonal,
                drums: &mut self.drums,
                acc: &mut self.acc,
                frame: (in_frame == 0).then_some(t / FRAME as u64),
                len,
            };
            self.isa.run(&mut kernel);
            let end = pos + len;
            tonal::mix_down(&self.acc, len, [&mut bed_l[pos..end], &mut bed_r[pos..end], &mut st_l[pos..end], &mut st_r[pos..end]]);
            pos = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every waveform, unison count and drum, rendered with the CPU's best instruction set and
    /// with the baseline one, in odd block lengths: bit for bit the same.
    #[test]
    fn simd_paths_are_bit_identical() {
        let play = |isa: Isa| {
            let mut pool = Pool::new(48_000.0, 32);
            pool.set_isa(isa);
            let kit = DrumKit::default();
            let mut l = vec![0.0f32; 48_000];
            let mut r = vec![0.0f32; 48_000];
            let mut sl = vec![0.0f32; 48_000];
            let mut sr = vec![0.0f32; 48_000];
            let mut pos = 0usize;
            let mut k = 0u32;
            while pos < l.len() {
                if pos.is_multiple_of(2400) {
                    for (i, wave) in [Wave::Saw, Wave::Square, Wave::Triangle, Wave::Sine].into_iter().enumerate() {
                        let timbre = Timbre {
                            wave,
                            unison: 1 + (k as u8 + i as u8) % 3,
                            detune_cents: 9.0,
                            vibrato_cents: 20.0,
                            ..Timbre::default()
                        };
                        pool.note_on(&NoteOn {
                            note: 48.0 + (k % 12) as f32 + i as f32 * 5.0,
                            velocity: 0.8,
                            gate: 4000,
                            timbre,
                            brightness: 1.2,
                            layer: i as u8,
                            stinger: i == 3,
                        });
                    }
                    pool.drum(
                        [DrumKind::Kick, DrumKind::Snare, DrumKind::ClosedHat, DrumKind::Crash][k as usize % 4],
                        0.9,
                        &kit,
                        0.1,
                        k + 1,
                        false,
                    );
                    k += 1;
                }
                let len = (1 + (k as usize * 37 + pos) % 700).min(2400 - pos % 2400);
                let e = pos + len;
                pool.render(pos as u64, &mut l[pos..e], &mut r[pos..e], &mut sl[pos..e], &mut sr[pos..e]);
                pos = e;
            }
            (l, r, sl, sr)
        };
        let best = play(Isa::detect());
        let base = play(Isa::baseline());
        assert!(best.0.iter().any(|&x| x != 0.0) && best.2.iter().any(|&x| x != 0.0));
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert!(bits(&best.0) == bits(&base.0) && bits(&best.1) == bits(&base.1), "bed differs between instruction sets");
        assert!(bits(&best.2) == bits(&base.2) && bits(&best.3) == bits(&base.3), "stinger bus differs between instruction sets");
    }
}
