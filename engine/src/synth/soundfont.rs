//! Optional SoundFont (.sf2) playback: users who bring their own instruments can have any bed
//! layer, the stingers and the drums played by a General MIDI SoundFont instead of the
//! built-in synthesis.
//!
//! Playback is `rustysynth` (a Rust port of MeltySynth). Threads: the `.sf2` file is read and
//! parsed on the main thread ([`load`]), and the two `rustysynth::Synthesizer`s (one for the
//! ducked bed, one for the unducked stingers) are built in `prepare()`
//! ([`crate::synth::Synth::with_soundfont`]); on the audio thread only `note_on`/`note_off`
//! and `render` run, which are allocation-free in rustysynth 1.3 (voices, channels and block
//! buffers are preallocated; verified by the RT tests).
//!
//! Timing: rustysynth applies MIDI events at the start of its next internal block. The player
//! renders fixed [`SF_BLOCK`]-sample blocks counted from `reset()`, and the sequencer's steps
//! last a multiple of [`SF_BLOCK`] samples, so note-ons land exactly on their step and the
//! output does not depend on the host's block size. Note-offs fall on the first block boundary
//! at or after the gate's end.
//!
//! Layer → MIDI channel: pad 1, bass 2, arpeggio 3, strings 4, lead 5, stinger 6, drums 10
//! (the General MIDI percussion channel and key map).

use std::sync::Arc;

pub use rustysynth::SoundFont;
use rustysynth::{Synthesizer, SynthesizerSettings};

use super::voices::drums::DrumKind;
use crate::error::EngineError;

/// rustysynth's block size here: note-on/off granularity in samples. rustysynth updates each
/// voice's envelopes, pitch and filter once per block, so a longer block costs less CPU;
/// 32 samples (0.67 ms at 48 kHz) still keeps notes on their step, since steps are whole
/// blocks (decision 0089).
pub const SF_BLOCK: usize = 32;
/// Scheduled note-offs at most (beyond it the oldest pending note is released at once).
const MAX_PENDING: usize = 192;
/// MIDI channel of the drums (General MIDI channel 10).
const DRUM_CHANNEL: i32 = 9;
/// Drum hits are released after this long (GM drum sounds mostly ignore note-off anyway).
const DRUM_GATE_S: f32 = 1.0;
/// MIDI channel volume (CC 7) per layer: pad, bass, arpeggio, strings, lead, stinger. The
/// channel gain is (volume / 127)², so the sustained pad and strings sit at −8 dB, bass,
/// arpeggio and stingers at General MIDI's default (100, −4 dB) and the melody at 0 dB: 8 dB
/// over the chords it must be heard above.
const CHANNEL_VOLUME: [i32; 6] = [80, 100, 100, 80, 127, 100];

/// Which layers a style plays from the SoundFont (`[style.soundfont]`): a General MIDI program
/// (0..=127) per layer, or nothing for the built-in voice.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SoundFontMap {
    /// General MIDI program of the pad layer.
    pub pad: Option<u8>,
    /// General MIDI program of the bass layer.
    pub bass: Option<u8>,
    /// General MIDI program of the arpeggio layer.
    pub arp: Option<u8>,
    /// General MIDI program of the string layer.
    pub strings: Option<u8>,
    /// General MIDI program of the melody layer.
    pub lead: Option<u8>,
    /// General MIDI program of stingers.
    pub stinger: Option<u8>,
    /// Play the drums from the SoundFont's standard kit (bank 128).
    pub drums: bool,
    /// Gain of the SoundFont's output, dB (-40..=12).
    pub gain_db: f32,
}

impl SoundFontMap {
    /// A General MIDI mapping for styles that have none: warm pad, finger bass, harp
    /// arpeggio, string ensemble, square lead, brass stingers and the standard kit.
    pub fn general_midi() -> Self {
        Self {
            pad: Some(89),
            bass: Some(33),
            arp: Some(46),
            strings: Some(48),
            lead: Some(80),
            stinger: Some(61),
            drums: true,
            gain_db: 0.0,
        }
    }

    /// The program of layer `index` (the conductor's layer order; 5 = stinger).
    pub fn program(&self, layer: usize) -> Option<u8> {
        [self.pad, self.bass, self.arp, self.strings, self.lead, self.stinger].get(layer).copied().flatten()
    }

    /// Whether anything is played from the SoundFont.
    pub fn any(&self) -> bool {
        self.drums || (0..6).any(|l| self.program(l).is_some())
    }

    /// Checks ranges.
    ///
    /// # Errors
    /// `(field, value, allowed range)` of the first bad field.
    pub fn check(&self) -> Result<(), (&'static str, f64, &'static str)> {
        for (name, p) in [
            ("pad", self.pad),
            ("bass", self.bass),
            ("arp", self.arp),
            ("strings", self.strings),
            ("lead", self.lead),
            ("stinger", self.stinger),
        ] {
            if let Some(p) = p
                && p > 127
            {
                return Err((name, f64::from(p), "a General MIDI program 0..=127"));
            }
        }
        if !self.gain_db.is_finite() || !(-40.0..=12.0).contains(&self.gain_db) {
            return Err(("gain_db", f64::from(self.gain_db), "-40..=12 dB"));
        }
        Ok(())
    }
}

/// Reads and parses a `.sf2` file. Main thread only (I/O and allocation).
///
/// # Errors
/// [`EngineError::SoundFont`] naming the file and what to do.
pub fn load(path: &std::path::Path) -> Result<Arc<SoundFont>, EngineError> {
    let bad = |why: String| EngineError::SoundFont { path: path.display().to_string(), reason: why };
    let file = std::fs::File::open(path).map_err(|e| bad(format!("cannot open it ({e}); check the path")))?;
    let mut reader = std::io::BufReader::new(file);
    SoundFont::new(&mut reader)
        .map(Arc::new)
        .map_err(|e| bad(format!("not a valid SoundFont 2 file ({e:?}); use a .sf2 file such as /usr/share/sounds/sf2/TimGM6mb.sf2")))
}

/// Environment variable naming the SoundFont that styles with a `[style.soundfont]` table play
/// by default; `off` (or `none`) keeps every style on the synthesised voices.
pub const SOUNDFONT_ENV: &str = "RESONANCE_SOUNDFONT";

/// Where the default SoundFont is looked for when [`SOUNDFONT_ENV`] is unset, in order:
/// Debian/Ubuntu's `fluid-soundfont-gm` (FluidR3 GM, 141 MB), then the same file where
/// Fedora and Arch put it.
pub const DEFAULT_SOUNDFONT_PATHS: &[&str] = &["/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/soundfonts/FluidR3_GM.sf2"];

/// Where the default SoundFont comes from: the path named by [`SOUNDFONT_ENV`] if set, else
/// the first of [`DEFAULT_SOUNDFONT_PATHS`] that exists.
///
/// # Errors
/// A sentence for the user when sampled instruments are off or no SoundFont is found (what to
/// install or set); the caller plays the synthesised voices.
pub fn default_path() -> Result<std::path::PathBuf, String> {
    match std::env::var_os(SOUNDFONT_ENV) {
        Some(v) if v == "off" || v == "none" => Err(format!("sampled instruments are off ({SOUNDFONT_ENV}={})", v.to_string_lossy())),
        Some(v) if !v.is_empty() => Ok(std::path::PathBuf::from(v)),
        _ => DEFAULT_SOUNDFONT_PATHS.iter().map(std::path::PathBuf::from).find(|p| p.is_file()).ok_or_else(|| {
            format!(
                "no General MIDI SoundFont found at {}; install one (Debian/Ubuntu: apt-get install fluid-soundfont-gm) or set {SOUNDFONT_ENV}=/path/to/file.sf2",
                DEFAULT_SOUNDFONT_PATHS.join(" or ")
            )
        }),
    }
}

/// The default SoundFont ([`default_path`]), read and parsed once per process and shared by
/// every engine in it (FluidR3 takes about 150 MB parsed; plugin instances share one copy).
/// Blocks while another thread loads it; call [`preload_default`] early to move the 1–2 s
/// parse off the thread that needs it. Main thread or a loader thread only, never the audio
/// thread.
///
/// # Errors
/// A sentence for the user saying why the synthesised voices play instead (nothing found,
/// turned off, or the file does not parse).
pub fn load_default() -> Result<Arc<SoundFont>, String> {
    static DEFAULT: std::sync::OnceLock<Result<Arc<SoundFont>, String>> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(|| load(&default_path()?).map_err(|e| e.to_string())).clone()
}

/// Starts loading the default SoundFont on a background thread (see [`load_default`]), so that
/// a later `prepare()` finds it parsed.
pub fn preload_default() {
    // a failure to spawn only means the first `load_default` parses it itself
    let _ = std::thread::Builder::new().name("soundfont-load".into()).spawn(|| {
        let _ = load_default();
    });
}

/// Whether any of `styles` plays something from a SoundFont (then a default one is worth
/// loading).
pub fn wanted<'a>(mut maps: impl Iterator<Item = &'a SoundFontMap>) -> bool {
    maps.any(SoundFontMap::any)
}

/// General MIDI percussion key of a drum.
fn drum_key(kind: DrumKind) -> i32 {
    match kind {
        DrumKind::Kick => 36,
        DrumKind::Snare => 38,
        DrumKind::ClosedHat => 42,
        DrumKind::OpenHat => 46,
        DrumKind::LowTom => 45,
        DrumKind::HighTom => 50,
        DrumKind::Crash => 49,
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Off {
    /// Sample time (player clock) at which the note is released.
    at: u64,
    stinger: bool,
    channel: i32,
    key: i32,
    used: bool,
}

/// One rustysynth synthesizer rendering in fixed blocks.
struct Bus {
    synth: Synthesizer,
    block: [[f32; SF_BLOCK]; 2],
    pos: usize,
}

impl Bus {
    fn new(sf: &Arc<SoundFont>, sr: f32) -> Result<Self, EngineError> {
        let mut settings = SynthesizerSettings::new(sr.round() as i32);
        settings.block_size = SF_BLOCK;
        settings.maximum_polyphony = 64;
        // Resonance's own reverb follows the music bus; rustysynth's would double it.
        settings.enable_reverb_and_chorus = false;
        let synth = Synthesizer::new(sf, &settings).map_err(|e| EngineError::SoundFont {
            path: String::from("(loaded SoundFont)"),
            reason: format!("cannot build a synthesizer at {sr} Hz ({e:?}); use a sample rate of 16..192 kHz"),
        })?;
        Ok(Self { synth, block: [[0.0; SF_BLOCK]; 2], pos: SF_BLOCK })
    }
}

/// The audio-thread SoundFont player (see the module docs).
pub struct Player {
    bed: Bus,
    sting: Bus,
    offs: [Off; MAX_PENDING],
    time: u64,
    sr: f32,
    gain: f32,
    programs: [Option<u8>; 6],
    drums: bool,
}

impl std::fmt::Debug for Player {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Player").field("time", &self.time).field("programs", &self.programs).finish_non_exhaustive()
    }
}

impl Player {
    /// Builds both synthesizers. Allocates: call from `prepare()`.
    ///
    /// # Errors
    /// [`EngineError::SoundFont`] if rustysynth refuses the sample rate.
    pub fn new(sf: &Arc<SoundFont>, sr: f32) -> Result<Self, EngineError> {
        let mut p = Self {
            bed: Bus::new(sf, sr)?,
            sting: Bus::new(sf, sr)?,
            offs: [Off::default(); MAX_PENDING],
            time: 0,
            sr,
            gain: 1.0,
            programs: [None; 6],
            drums: false,
        };
        p.reset();
        Ok(p)
    }

    /// Silences everything and restarts the clock.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        for bus in [&mut self.bed, &mut self.sting] {
            bus.synth.reset();
            bus.pos = SF_BLOCK;
            bus.block = [[0.0; SF_BLOCK]; 2];
        }
        self.offs = [Off::default(); MAX_PENDING];
        self.time = 0;
        self.programs = [None; 6];
        self.drums = false;
    }

    /// Applies a style's mapping (program changes; layers that leave the SoundFont are
    /// released).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn set_map(&mut self, map: &SoundFontMap) {
        self.gain = 10f32.powf(map.gain_db / 20.0);
        self.drums = map.drums;
        for layer in 0..6 {
            let program = map.program(layer);
            let channel = layer as i32;
            let bus = if layer == 5 { &mut self.sting } else { &mut self.bed };
            if let Some(p) = program {
                bus.synth.process_midi_message(channel, 0xC0, i32::from(p), 0);
                bus.synth.process_midi_message(channel, 0xB0, 7, CHANNEL_VOLUME.get(layer).copied().unwrap_or(100));
            }
            if let Some(slot) = self.programs.get_mut(layer) {
                *slot = program;
            }
        }
        self.sting.synth.process_midi_message(DRUM_CHANNEL, 0xB0, 0x00, 128);
        self.bed.synth.process_midi_message(DRUM_CHANNEL, 0xB0, 0x00, 128);
    }

    /// Whether layer `index` plays from the SoundFont.
    pub fn plays(&self, layer: usize) -> bool {
        self.programs.get(layer).copied().flatten().is_some()
    }

    /// Whether the drums play from the SoundFont.
    pub fn plays_drums(&self) -> bool {
        self.drums
    }

    fn schedule_off(&mut self, stinger: bool, channel: i32, key: i32, gate: u64) {
        let at = self.time + gate;
        let slot = if let Some(i) = self.offs.iter().position(|o| !o.used) {
            i
        } else {
            // full: release the note due soonest now, and reuse its slot
            let i = self.offs.iter().enumerate().min_by_key(|(_, o)| o.at).map_or(0, |(i, _)| i);
            if let Some(o) = self.offs.get(i).copied() {
                self.bus(o.stinger).synth.note_off(o.channel, o.key);
            }
            i
        };
        if let Some(o) = self.offs.get_mut(slot) {
            *o = Off { at, stinger, channel, key, used: true };
        }
    }

    fn bus(&mut self, stinger: bool) -> &mut Bus {
        if stinger { &mut self.sting } else { &mut self.bed }
    }

    /// Starts a note of `layer` (0..=5), released after `gate` samples.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn note_on(&mut self, layer: usize, stinger: bool, note: f32, velocity: f32, gate: u32) {
        let channel = layer.min(5) as i32;
        let key = (note.round() as i32).clamp(0, 127);
        let vel = ((velocity.clamp(0.0, 1.0) * 127.0).round() as i32).max(1);
        self.bus(stinger).synth.note_on(channel, key, vel);
        self.schedule_off(stinger, channel, key, u64::from(gate.max(1)));
    }

    /// Moves the release of a held note of `layer` later (a tied chord tone). Returns false
    /// if no such note is held.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn extend(&mut self, layer: usize, note: f32, gate: u32) -> bool {
        let key = (note.round() as i32).clamp(0, 127);
        let at = self.time + u64::from(gate);
        let mut found = false;
        for o in &mut self.offs {
            if o.used && !o.stinger && o.channel == layer as i32 && o.key == key {
                o.at = o.at.max(at);
                found = true;
            }
        }
        found
    }

    /// Releases the bed notes of `layer` (every bed layer for `None`) except keys in `keep`.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn release(&mut self, layer: Option<usize>, keep: &[f32]) {
        let now = self.time;
        for o in &mut self.offs {
            if o.used
                && !o.stinger
                && o.channel != DRUM_CHANNEL
                && layer.is_none_or(|l| l as i32 == o.channel)
                && !keep.iter().any(|&k| k.round() as i32 == o.key)
            {
                o.at = now;
            }
        }
    }

    /// A drum hit from the General MIDI kit.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn drum(&mut self, kind: DrumKind, velocity: f32, stinger: bool) {
        let key = drum_key(kind);
        let vel = ((velocity.clamp(0.0, 1.0) * 127.0).round() as i32).max(1);
        self.bus(stinger).synth.note_on(DRUM_CHANNEL, key, vel);
        let gate = (DRUM_GATE_S * self.sr) as u64;
        self.schedule_off(stinger, DRUM_CHANNEL, key, gate);
    }

    /// Adds the next `bed_l.len()` samples into the bed and stinger buffers.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn render(&mut self, bed_l: &mut [f32], bed_r: &mut [f32], st_l: &mut [f32], st_r: &mut [f32]) {
        let n = bed_l.len().min(bed_r.len()).min(st_l.len()).min(st_r.len());
        let mut done = 0;
        while done < n {
            if self.bed.pos >= SF_BLOCK {
                // a block boundary: due note-offs first, then the next block of both buses
                let now = self.time;
                for i in 0..self.offs.len() {
                    let Some(o) = self.offs.get(i).copied() else { continue };
                    if o.used && o.at <= now {
                        self.bus(o.stinger).synth.note_off(o.channel, o.key);
                        if let Some(x) = self.offs.get_mut(i) {
                            x.used = false;
                        }
                    }
                }
                for bus in [&mut self.bed, &mut self.sting] {
                    let [l, r] = &mut bus.block;
                    bus.synth.render(l, r);
                    bus.pos = 0;
                }
            }
            let take = (SF_BLOCK - self.bed.pos).min(n - done);
            let g = self.gain;
            for (bus, out_l, out_r) in [(&mut self.bed, &mut *bed_l, &mut *bed_r), (&mut self.sting, &mut *st_l, &mut *st_r)] {
                let [l, r] = &bus.block;
                for k in 0..take {
                    let src = bus.pos + k;
                    if let (Some(o), Some(&x)) = (out_l.get_mut(done + k), l.get(src)) {
                        *o += x * g;
                    }
                    if let (Some(o), Some(&x)) = (out_r.get_mut(done + k), r.get(src)) {
                        *o += x * g;
                    }
                }
                bus.pos += take;
            }
            self.time += take as u64;
            done += take;
        }
    }
}
