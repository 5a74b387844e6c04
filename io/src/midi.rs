//! MIDI controller mapping: 7-bit and 14-bit CC, NRPN, relative encoders, soft takeover,
//! MIDI learn and note-to-cue triggers, driven by raw MIDI bytes.
//!
//! Not for the audio thread: [`MidiMapper::feed`] returns a `Vec` and the mapper keeps hash
//! maps. It runs on a control thread (midir's callback, the plugin's non-real-time thread) and
//! reaches the engine as [`resonance_engine::Command`]s. It lives in the I/O crate beside the
//! map files it reads, so every front end (plugin, live host) shares one implementation.
//!
//! The live host's midir callback and the plugin's note/CC input both feed complete MIDI
//! messages to [`MidiMapper::feed`], so tests that feed bytes exercise the real path. Maps are
//! TOML in the presets format (`presets/midi/*.toml`):
//!
//! ```toml
//! version = 1
//! name = "generic"
//! device = "X-TOUCH"                   # optional name pattern for device selection
//!
//! [[control]]
//! param = "music_level"
//! cc = 7                               # 7-bit CC
//! channel = 1                          # 1..=16; omit for any channel
//! takeover = "pickup"                  # or "jump" (default "pickup")
//!
//! [[control]]
//! param = "intensity"
//! cc14 = 1                             # 14-bit: MSB on CC 1, LSB on CC 33
//!
//! [[control]]
//! param = "manual_valence"
//! nrpn = 1024                          # NRPN number 0..=16383 (CC 99/98, data CC 6/38, inc/dec 96/97)
//!
//! [[control]]
//! param = "manual_arousal"
//! relative = "twos_complement"         # or "offset64", "sign_bit"
//! cc = 16
//! step = 0.01                          # normalised change per tick (default 1/128)
//!
//! [[note]]
//! note = 36                            # MIDI note number
//! cue = "home_goal"
//!
//! [[pad]]
//! note = 40                            # a pad fires a clip of the bridge's library on air
//! clip = "goal-horn"                   # the clip's id (clp_…) or slug
//! quantize = "beat"                    # "immediate", "beat" (default), "bar" or "phrase"
//! channel = 10                         # optional
//! ```
//!
//! A pad's note cannot also fire a cue on the same channel. The engine side does not resolve
//! the clip's name: a pad press asks the bridge (`/resonance/clip <id|slug>`), which resolves
//! it, counts the play and fires it to the session's engines (decision record 0070).
//!
//! Sources: the MIDI 1.0 specification (CC 0–31 MSB / 32–63 LSB pairs, NRPN CC 99/98 with data
//! entry CC 6/38 and increment/decrement CC 96/97, RPN CC 101/100 deselecting NRPN); relative
//! encoder encodings as documented by Behringer, Mackie and Native Instruments controllers.

use std::collections::HashMap;

use resonance_engine::{Cue, ParamId, Quantize};

use crate::IoError;

/// How a relative encoder encodes its steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelativeMode {
    /// 1..=63 up, 127..=64 down by 128 - value (Mackie, many Behringer).
    TwosComplement,
    /// 64 is no change; 65 is +1, 63 is -1 ("binary offset").
    Offset64,
    /// Bit 6 is the sign: 1..=63 up, 65..=127 down by value - 64.
    SignBit,
}

impl RelativeMode {
    /// Signed ticks encoded by a data byte.
    pub fn decode(self, value: u8) -> i32 {
        let v = i32::from(value & 0x7f);
        match self {
            RelativeMode::TwosComplement => {
                if v >= 64 {
                    v - 128
                } else {
                    v
                }
            }
            RelativeMode::Offset64 => v - 64,
            RelativeMode::SignBit => {
                if v >= 64 {
                    -(v - 64)
                } else {
                    v
                }
            }
        }
    }
}

/// What a control sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlKind {
    /// 7-bit CC (0..=119).
    Cc7 { cc: u8 },
    /// 14-bit CC pair: MSB on `msb` (0..=31), LSB on `msb + 32`.
    Cc14 { msb: u8 },
    /// 14-bit NRPN.
    Nrpn { number: u16 },
    /// Relative encoder on a CC.
    Relative { cc: u8, mode: RelativeMode },
}

/// Whether a control takes over a parameter at once or only once it reaches its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Takeover {
    /// Soft takeover: ignore the control until it passes the parameter's current value, so a
    /// fader that is out of place does not make the music jump.
    #[default]
    Pickup,
    /// Apply every value at once.
    Jump,
}

/// One control mapped to a parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mapping {
    /// The parameter the control sets.
    pub param: ParamId,
    /// MIDI channel 0..=15, or `None` for any.
    pub channel: Option<u8>,
    /// What the control sends.
    pub kind: ControlKind,
    /// How an absolute control takes over from the current value.
    pub takeover: Takeover,
    /// Normalised change per relative tick.
    pub step: f32,
}

/// What the mapper asks the caller to do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MidiAction {
    /// Set a parameter to a plain value.
    SetParam { id: ParamId, value: f32 },
    /// Fire a cue.
    Cue(Cue),
    /// MIDI learn made (or replaced) this mapping.
    Learned(Mapping),
    /// A pad was pressed: fire the clip of [`MidiMap::pads`]`[pad]`.
    Clip { pad: usize },
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    version: u32,
    name: String,
    #[serde(default)]
    device: Option<String>,
    #[serde(default)]
    control: Vec<RawControl>,
    #[serde(default)]
    note: Vec<RawNote>,
    #[serde(default)]
    pad: Vec<RawPad>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPad {
    note: u8,
    #[serde(default)]
    channel: Option<u8>,
    clip: String,
    #[serde(default)]
    quantize: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawControl {
    param: String,
    #[serde(default)]
    channel: Option<u8>,
    #[serde(default)]
    cc: Option<u8>,
    #[serde(default)]
    cc14: Option<u8>,
    #[serde(default)]
    nrpn: Option<u16>,
    #[serde(default)]
    relative: Option<RelativeMode>,
    #[serde(default)]
    takeover: Takeover,
    #[serde(default)]
    step: Option<f32>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNote {
    note: u8,
    #[serde(default)]
    channel: Option<u8>,
    cue: String,
}

/// A parsed MIDI map.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MidiMap {
    /// The map's name.
    pub name: String,
    /// Substring matched against MIDI input port names (case-insensitive).
    pub device: Option<String>,
    /// Controls mapped to parameters.
    pub controls: Vec<Mapping>,
    /// (channel or any, note, cue)
    pub notes: Vec<(Option<u8>, u8, Cue)>,
    /// Pads that fire clips of the bridge's library.
    pub pads: Vec<ClipPad>,
}

/// A note that fires a clip of the bridge's library on air.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClipPad {
    /// MIDI channel 0..=15, or `None` for any.
    pub channel: Option<u8>,
    /// MIDI note number 0..=127.
    pub note: u8,
    /// The clip's id (`clp_…`) or slug, resolved by the bridge.
    pub clip: String,
    /// When the clip starts.
    pub quantize: Quantize,
}

/// Longest clip name a pad may carry (the bridge's ids and slugs are shorter).
pub const MAX_PAD_CLIP_NAME: usize = 64;

/// Which pad a note-on fires, looked up without allocating (the plugin's audio thread reads
/// it; built on a control thread by [`MidiMap::pad_table`]).
#[derive(Clone, Debug)]
pub struct PadTable {
    /// Pad index + 1 per (channel, note); 0 = no pad.
    slots: Box<[u16; 16 * 128]>,
}

impl PadTable {
    /// The pad a note-on of `note` on `channel` (0..=15) fires, if any.
    ///
    /// # Realtime safety
    /// Real-time safe: one array read.
    #[inline]
    pub fn pad(&self, channel: u8, note: u8) -> Option<u16> {
        let i = usize::from(channel & 0x0f) * 128 + usize::from(note & 0x7f);
        self.slots.get(i).copied().filter(|&v| v != 0).map(|v| v - 1)
    }

    /// Whether no note fires a pad.
    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(|&v| v == 0)
    }
}

/// Default relative step: one tick moves 1/128 of the range.
pub const DEFAULT_STEP: f32 = 1.0 / 128.0;

impl MidiMap {
    /// Parses a map. `file` names the source in errors.
    ///
    /// # Errors
    /// [`IoError::MidiMap`] naming the file, the entry and the allowed values: unknown
    /// keys, parameters or cues, out-of-range channels, CCs or NRPN numbers, a control with no
    /// or several kinds.
    pub fn parse(file: &str, text: &str) -> Result<Self, IoError> {
        let bad = |key: String, message: String| IoError::MidiMap { file: file.to_string(), key, message };
        let raw: RawMap = toml::from_str(text).map_err(|e| bad("(document)".into(), e.message().to_string()))?;
        if raw.version != 1 {
            return Err(bad("version".into(), format!("version {} is not supported (allowed: 1)", raw.version)));
        }
        let mut map = MidiMap { name: raw.name, device: raw.device, ..MidiMap::default() };
        for (i, c) in raw.control.iter().enumerate() {
            let key = format!("control[{i}]");
            let param = ParamId::from_id(&c.param).ok_or_else(|| {
                bad(
                    format!("{key}.param"),
                    format!("unknown parameter `{}`; known: {}", c.param, ParamId::ids().collect::<Vec<_>>().join(", ")),
                )
            })?;
            let channel = channel_of(c.channel).map_err(|m| bad(format!("{key}.channel"), m))?;
            let kind = match (c.cc, c.cc14, c.nrpn, c.relative) {
                (Some(cc), None, None, None) if cc <= 119 => ControlKind::Cc7 { cc },
                (Some(cc), None, None, Some(mode)) if cc <= 119 => ControlKind::Relative { cc, mode },
                (Some(cc), None, None, _) => return Err(bad(format!("{key}.cc"), format!("CC {cc} is out of range; allowed 0..=119"))),
                (None, Some(msb), None, None) if msb <= 31 => ControlKind::Cc14 { msb },
                (None, Some(msb), None, None) => {
                    return Err(bad(format!("{key}.cc14"), format!("CC {msb} cannot carry a 14-bit MSB; allowed 0..=31 (LSB on +32)")));
                }
                (None, None, Some(number), None) if number <= 16383 => ControlKind::Nrpn { number },
                (None, None, Some(number), None) => {
                    return Err(bad(format!("{key}.nrpn"), format!("NRPN {number} is out of range; allowed 0..=16383")));
                }
                _ => {
                    return Err(bad(key, "give exactly one of `cc`, `cc14` or `nrpn` (`relative` goes with `cc`)".into()));
                }
            };
            let step = c.step.unwrap_or(DEFAULT_STEP);
            if !(step.is_finite() && step > 0.0 && step <= 1.0) {
                return Err(bad(format!("{key}.step"), format!("step {step} is out of range; allowed (0, 1]")));
            }
            map.controls.push(Mapping { param, channel, kind, takeover: c.takeover, step });
        }
        for (i, n) in raw.note.iter().enumerate() {
            let key = format!("note[{i}]");
            if n.note > 127 {
                return Err(bad(format!("{key}.note"), format!("note {} is out of range; allowed 0..=127", n.note)));
            }
            let cue = Cue::from_name(&n.cue).ok_or_else(|| {
                bad(
                    format!("{key}.cue"),
                    format!("unknown cue `{}`; known: {}", n.cue, Cue::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")),
                )
            })?;
            let channel = channel_of(n.channel).map_err(|m| bad(format!("{key}.channel"), m))?;
            map.notes.push((channel, n.note, cue));
        }
        for (i, raw) in raw.pad.iter().enumerate() {
            let pad = Self::parse_pad(&format!("pad[{i}]"), raw, &map).map_err(|(k, m)| bad(k, m))?;
            map.pads.push(pad);
        }
        Ok(map)
    }

    /// One `[[pad]]`: its note in range and not a cue's (or another pad's) on the same channel,
    /// a clip name the bridge could hold, a known quantize.
    fn parse_pad(key: &str, raw: &RawPad, map: &MidiMap) -> Result<ClipPad, (String, String)> {
        if raw.note > 127 {
            return Err((format!("{key}.note"), format!("note {} is out of range; allowed 0..=127", raw.note)));
        }
        let channel = channel_of(raw.channel).map_err(|m| (format!("{key}.channel"), m))?;
        let overlaps = |c: Option<u8>| c.is_none() || channel.is_none() || c == channel;
        if map.notes.iter().any(|&(c, n, _)| n == raw.note && overlaps(c)) {
            return Err((
                format!("{key}.note"),
                format!("note {} already fires a cue ([[note]]); give the pad its own note or channel", raw.note),
            ));
        }
        if map.pads.iter().any(|p| p.note == raw.note && overlaps(p.channel)) {
            return Err((
                format!("{key}.note"),
                format!("note {} is already another pad; give each pad its own note or channel", raw.note),
            ));
        }
        let clip = raw.clip.trim();
        if clip.is_empty()
            || clip.len() > MAX_PAD_CLIP_NAME
            || !clip.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err((
                format!("{key}.clip"),
                format!(
                    "clip {:?} is not a clip id or slug: give 1..={MAX_PAD_CLIP_NAME} characters of a-z, 0-9, '-', '_', '.' (as `GET /play` lists them)",
                    raw.clip
                ),
            ));
        }
        let quantize = match raw.quantize.as_deref() {
            None => Quantize::Beat,
            Some(q) => Quantize::from_name(q)
                .ok_or_else(|| (format!("{key}.quantize"), format!("unknown quantize `{q}`; allowed: immediate, beat, bar, phrase")))?,
        };
        Ok(ClipPad { channel, note: raw.note, clip: clip.to_string(), quantize })
    }

    /// The note-to-pad lookup the plugin's audio thread reads (later pads never shadow earlier
    /// ones: the parser refuses overlaps).
    pub fn pad_table(&self) -> PadTable {
        let mut slots = Box::new([0u16; 16 * 128]);
        for (i, p) in self.pads.iter().enumerate() {
            let v = u16::try_from(i + 1).unwrap_or(u16::MAX);
            for ch in 0..16u8 {
                if p.channel.is_none_or(|c| c == ch) {
                    slots[usize::from(ch) * 128 + usize::from(p.note)] = v;
                }
            }
        }
        PadTable { slots }
    }

    /// Serialises the map (e.g. after MIDI learn) in the same format [`MidiMap::parse`] reads.
    pub fn to_toml(&self) -> String {
        use std::fmt::Write as _;
        let mut s = format!("version = 1\nname = {}\n", toml_string(&self.name));
        if let Some(d) = &self.device {
            let _ = writeln!(s, "device = {}", toml_string(d));
        }
        for m in &self.controls {
            let _ = write!(s, "\n[[control]]\nparam = {:?}\n", m.param.info().id);
            if let Some(ch) = m.channel {
                let _ = writeln!(s, "channel = {}", ch + 1);
            }
            match m.kind {
                ControlKind::Cc7 { cc } => {
                    let _ = writeln!(s, "cc = {cc}");
                }
                ControlKind::Cc14 { msb } => {
                    let _ = writeln!(s, "cc14 = {msb}");
                }
                ControlKind::Nrpn { number } => {
                    let _ = writeln!(s, "nrpn = {number}");
                }
                ControlKind::Relative { cc, mode } => {
                    let mode = match mode {
                        RelativeMode::TwosComplement => "twos_complement",
                        RelativeMode::Offset64 => "offset64",
                        RelativeMode::SignBit => "sign_bit",
                    };
                    let _ = writeln!(s, "cc = {cc}\nrelative = {mode:?}");
                }
            }
            // Every kind carries its step (only relative controls use it): written whenever it
            // is not the default, so what was read is what is written.
            if m.step != DEFAULT_STEP {
                let _ = writeln!(s, "step = {}", m.step);
            }
            let _ = writeln!(s, "takeover = {:?}", if m.takeover == Takeover::Jump { "jump" } else { "pickup" });
        }
        for (ch, note, cue) in &self.notes {
            let _ = write!(s, "\n[[note]]\nnote = {note}\ncue = {:?}\n", cue.as_str());
            if let Some(ch) = ch {
                let _ = writeln!(s, "channel = {}", ch + 1);
            }
        }
        for p in &self.pads {
            let _ = write!(s, "\n[[pad]]\nnote = {}\nclip = {}\nquantize = {:?}\n", p.note, toml_string(&p.clip), p.quantize.name());
            if let Some(ch) = p.channel {
                let _ = writeln!(s, "channel = {}", ch + 1);
            }
        }
        s
    }
}

/// `s` as a TOML basic string. Rust's `{:?}` is not TOML: it writes `\u{202e}` where TOML
/// needs `\u202E`, so a name with such a character would be written unreadable.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn channel_of(c: Option<u8>) -> Result<Option<u8>, String> {
    match c {
        None => Ok(None),
        Some(ch @ 1..=16) => Ok(Some(ch - 1)),
        Some(ch) => Err(format!("channel {ch} is out of range; allowed 1..=16 (omit for any)")),
    }
}

/// Per-channel controller state needed to assemble 14-bit and NRPN values.
#[derive(Clone, Copy, Debug, Default)]
struct ChannelState {
    msb: [u8; 32],
    nrpn_msb: Option<u8>,
    nrpn_lsb: Option<u8>,
    data_msb: u8,
}

/// Turns MIDI messages into parameter changes and cues, with learn and soft takeover.
#[derive(Debug, Default)]
pub struct MidiMapper {
    map: MidiMap,
    channels: [ChannelState; 16],
    /// Current normalised value of every parameter as the mapper knows it.
    current: HashMap<ParamId, f32>,
    /// Soft-takeover state: the last normalised value each control sent, and whether it has
    /// picked its parameter up.
    pickup: HashMap<(ParamId, usize), (Option<f32>, bool)>,
    learn: Option<ParamId>,
    pending_learn_cc: Option<(u8, u8)>,
}

/// Normalised distance within which a pickup control catches its parameter.
pub const PICKUP_WINDOW: f32 = 0.02;

impl MidiMapper {
    /// A mapper for `map`.
    pub fn new(map: MidiMap) -> Self {
        Self { map, ..Self::default() }
    }

    /// The current map (with learned mappings).
    pub fn map(&self) -> &MidiMap {
        &self.map
    }

    /// Tells the mapper a parameter's current plain value (after a preset load, an automation
    /// move or a change from the web page), so soft takeover knows where it is.
    pub fn set_current(&mut self, id: ParamId, plain: f32) {
        let n = id.info().normalize(plain);
        if self.current.get(&id).is_none_or(|&old| (old - n).abs() > 1e-6) {
            self.current.insert(id, n);
            // the parameter moved under the controls: they must pick it up again
            for ((p, _), (_, caught)) in &mut self.pickup {
                if *p == id {
                    *caught = false;
                }
            }
        }
    }

    /// Arms MIDI learn: the next CC or NRPN maps to `param` (replacing its mappings).
    pub fn learn(&mut self, param: ParamId) {
        self.learn = Some(param);
        self.pending_learn_cc = None;
    }

    /// Whether learn is armed, and for which parameter. After learning a CC 0..=31 it stays
    /// armed for that control's LSB (CC + 32) only, so a 14-bit control is learned in one move.
    pub fn learning(&self) -> Option<ParamId> {
        self.learn
    }

    /// Stops MIDI learn without mapping anything.
    pub fn cancel_learn(&mut self) {
        self.learn = None;
        self.pending_learn_cc = None;
    }

    /// Feeds one complete MIDI message; returns what to do.
    pub fn feed(&mut self, msg: &[u8]) -> Vec<MidiAction> {
        let mut out = Vec::new();
        let Some(&status) = msg.first() else { return out };
        let ch = status & 0x0f;
        match (status & 0xf0, msg.get(1).copied(), msg.get(2).copied()) {
            (0x90, Some(note), Some(vel)) if vel > 0 => {
                for &(c, n, cue) in &self.map.notes {
                    if n == note & 0x7f && c.is_none_or(|c| c == ch) {
                        out.push(MidiAction::Cue(cue));
                    }
                }
                for (pad, p) in self.map.pads.iter().enumerate() {
                    if p.note == note & 0x7f && p.channel.is_none_or(|c| c == ch) {
                        out.push(MidiAction::Clip { pad });
                    }
                }
            }
            (0xb0, Some(cc), Some(value)) => self.control_change(ch, cc & 0x7f, value & 0x7f, &mut out),
            _ => {}
        }
        out
    }

    fn control_change(&mut self, ch: u8, cc: u8, value: u8, out: &mut Vec<MidiAction>) {
        let st = &mut self.channels[usize::from(ch)];
        // NRPN / RPN selection and data entry
        let mut nrpn_value: Option<(u16, Option<u16>, i32)> = None; // (number, absolute 14-bit, increment)
        match cc {
            99 => {
                st.nrpn_msb = Some(value);
                st.nrpn_lsb = None;
            }
            98 => st.nrpn_lsb = Some(value),
            101 | 100 => {
                st.nrpn_msb = None;
                st.nrpn_lsb = None;
            }
            6 | 38 | 96 | 97 => {
                if let (Some(m), Some(l)) = (st.nrpn_msb, st.nrpn_lsb) {
                    let number = (u16::from(m) << 7) | u16::from(l);
                    match cc {
                        6 => {
                            st.data_msb = value;
                            nrpn_value = Some((number, Some(u16::from(value) << 7), 0));
                        }
                        38 => nrpn_value = Some((number, Some((u16::from(st.data_msb) << 7) | u16::from(value)), 0)),
                        96 => nrpn_value = Some((number, None, 1)),
                        _ => nrpn_value = Some((number, None, -1)),
                    }
                }
            }
            _ => {}
        }
        if cc < 32 {
            st.msb[usize::from(cc)] = value;
        }
        let msb_for_lsb = if (32..64).contains(&cc) { Some(st.msb[usize::from(cc - 32)]) } else { None };

        if let Some(param) = self.learn {
            let kind = match self.pending_learn_cc {
                // a CC 0..=31 was just learned: only its LSB (CC + 32) may follow, upgrading the
                // mapping to 14 bits; any other message ends learn and is handled normally
                Some((lch, lcc)) if lch == ch && cc == lcc + 32 => Some(ControlKind::Cc14 { msb: lcc }),
                Some(_) => {
                    self.cancel_learn();
                    None
                }
                None => Self::learned_kind(cc, nrpn_value.map(|v| v.0)),
            };
            if let Some(kind) = kind {
                let m = Mapping { param, channel: Some(ch), kind, takeover: Takeover::Pickup, step: DEFAULT_STEP };
                self.map.controls.retain(|c| c.param != param);
                self.map.controls.push(m);
                out.push(MidiAction::Learned(m));
                match kind {
                    ControlKind::Cc7 { cc } if cc < 32 => self.pending_learn_cc = Some((ch, cc)),
                    _ => self.cancel_learn(),
                }
                // learning is a deliberate gesture: the control owns the parameter from here
                let idx = self.map.controls.len() - 1;
                self.pickup.insert((param, idx), (None, true));
            }
        }

        for idx in 0..self.map.controls.len() {
            let m = self.map.controls[idx];
            if m.channel.is_some_and(|c| c != ch) {
                continue;
            }
            let target: Option<Target> = match m.kind {
                ControlKind::Cc7 { cc: c } if c == cc => Some(Target::Abs(f32::from(value) / 127.0)),
                ControlKind::Cc14 { msb } if msb == cc => Some(Target::Abs(f32::from(u16::from(value) << 7) / 16383.0)),
                ControlKind::Cc14 { msb } if msb + 32 == cc => {
                    let v = (u16::from(msb_for_lsb.unwrap_or(0)) << 7) | u16::from(value);
                    Some(Target::Abs(f32::from(v) / 16383.0))
                }
                ControlKind::Nrpn { number } => match nrpn_value {
                    Some((n, Some(v), _)) if n == number => Some(Target::Abs(f32::from(v) / 16383.0)),
                    Some((n, None, inc)) if n == number => Some(Target::Rel(inc as f32 * m.step)),
                    _ => None,
                },
                ControlKind::Relative { cc: c, mode } if c == cc => Some(Target::Rel(mode.decode(value) as f32 * m.step)),
                _ => None,
            };
            let Some(target) = target else { continue };
            let current = self.current.get(&m.param).copied().unwrap_or_else(|| m.param.info().normalize(m.param.info().default));
            let new = match target {
                Target::Rel(d) => Some((current + d).clamp(0.0, 1.0)),
                Target::Abs(v) => match m.takeover {
                    Takeover::Jump => Some(v),
                    Takeover::Pickup => {
                        let entry = self.pickup.entry((m.param, idx)).or_insert((None, false));
                        let (last, caught) = *entry;
                        let crossed = last.is_some_and(|l| (l - current) * (v - current) <= 0.0);
                        let caught = caught || (v - current).abs() <= PICKUP_WINDOW || crossed;
                        *entry = (Some(v), caught);
                        caught.then_some(v)
                    }
                },
            };
            if let Some(n) = new {
                self.current.insert(m.param, n);
                out.push(MidiAction::SetParam { id: m.param, value: m.param.info().denormalize(n) });
            }
        }
    }

    fn learned_kind(cc: u8, nrpn: Option<u16>) -> Option<ControlKind> {
        if let Some(number) = nrpn {
            return Some(ControlKind::Nrpn { number });
        }
        match cc {
            98..=101 | 6 | 38 | 96 | 97 => None,
            _ if cc <= 119 => Some(ControlKind::Cc7 { cc }),
            _ => None,
        }
    }
}

enum Target {
    Abs(f32),
    Rel(f32),
}

#[cfg(test)]
mod tests {
    use super::*;

    const CH1: u8 = 0xb0;

    fn values(actions: &[MidiAction]) -> Vec<f32> {
        actions.iter().filter_map(|a| if let MidiAction::SetParam { value, .. } = a { Some(*value) } else { None }).collect()
    }

    fn mapper(toml: &str) -> MidiMapper {
        MidiMapper::new(MidiMap::parse("test.toml", toml).unwrap())
    }

    #[test]
    fn cc7_jump_maps_full_range() {
        let mut m = mapper("version = 1\nname = \"t\"\n[[control]]\nparam = \"intensity\"\ncc = 7\ntakeover = \"jump\"\n");
        assert_eq!(values(&m.feed(&[CH1, 7, 127])), vec![1.0]);
        assert_eq!(values(&m.feed(&[CH1, 7, 0])), vec![0.0]);
        assert!(m.feed(&[CH1, 8, 64]).is_empty(), "other CCs are ignored");
    }

    #[test]
    fn cc14_combines_msb_and_lsb() {
        let mut m = mapper("version = 1\nname = \"t\"\n[[control]]\nparam = \"intensity\"\ncc14 = 1\ntakeover = \"jump\"\n");
        m.feed(&[CH1, 1, 64]);
        let v = values(&m.feed(&[CH1, 33, 1]));
        // (64 << 7 | 1) / 16383
        assert!((v[0] - 8193.0 / 16383.0).abs() < 1e-6, "{v:?}");
        // 14-bit resolution: one LSB step is far finer than a 7-bit step
        let v2 = values(&m.feed(&[CH1, 33, 2]));
        assert!((v2[0] - v[0]) > 0.0 && (v2[0] - v[0]) < 1.0 / 127.0 / 10.0);
    }

    #[test]
    fn nrpn_data_entry_and_increment() {
        let mut m = mapper("version = 1\nname = \"t\"\n[[control]]\nparam = \"manual_valence\"\nnrpn = 300\ntakeover = \"jump\"\n");
        // select NRPN 300 = MSB 2, LSB 44
        assert!(m.feed(&[CH1, 99, 2]).is_empty());
        assert!(m.feed(&[CH1, 98, 44]).is_empty());
        let v = values(&m.feed(&[CH1, 6, 127]));
        assert!((v[0] - (f32::from(127u16 << 7) / 16383.0 * 2.0 - 1.0)).abs() < 1e-4, "{v:?}");
        let v = values(&m.feed(&[CH1, 38, 127]));
        assert!((v[0] - 1.0).abs() < 1e-6, "{v:?}");
        let v = values(&m.feed(&[CH1, 97, 0]));
        assert!(v[0] < 1.0, "decrement lowers the value: {v:?}");
        // another NRPN number does not reach the mapping; RPN selection cancels NRPN
        m.feed(&[CH1, 99, 0]);
        m.feed(&[CH1, 98, 1]);
        assert!(m.feed(&[CH1, 6, 10]).is_empty());
        m.feed(&[CH1, 101, 0]);
        assert!(m.feed(&[CH1, 6, 10]).is_empty());
    }

    #[test]
    fn relative_encodings() {
        assert_eq!(RelativeMode::TwosComplement.decode(1), 1);
        assert_eq!(RelativeMode::TwosComplement.decode(127), -1);
        assert_eq!(RelativeMode::TwosComplement.decode(65), -63);
        assert_eq!(RelativeMode::Offset64.decode(65), 1);
        assert_eq!(RelativeMode::Offset64.decode(63), -1);
        assert_eq!(RelativeMode::Offset64.decode(64), 0);
        assert_eq!(RelativeMode::SignBit.decode(3), 3);
        assert_eq!(RelativeMode::SignBit.decode(67), -3);
        let mut m = mapper("version = 1\nname = \"t\"\n[[control]]\nparam = \"intensity\"\ncc = 16\nrelative = \"offset64\"\nstep = 0.1\n");
        m.set_current(ParamId::Intensity, 0.5);
        let up = values(&m.feed(&[CH1, 16, 66]));
        assert!((up[0] - 0.7).abs() < 1e-5, "{up:?}");
        let down = values(&m.feed(&[CH1, 16, 61]));
        assert!((down[0] - 0.4).abs() < 1e-5, "{down:?}");
        for _ in 0..20 {
            m.feed(&[CH1, 16, 127]);
        }
        assert_eq!(values(&m.feed(&[CH1, 16, 65])), vec![1.0], "clamped at the top");
    }

    #[test]
    fn soft_takeover_waits_until_the_fader_reaches_the_value() {
        let mut m = mapper("version = 1\nname = \"t\"\n[[control]]\nparam = \"intensity\"\ncc = 7\n");
        m.set_current(ParamId::Intensity, 0.8);
        // fader far below: ignored while it climbs
        for v in [0u8, 20, 40, 60, 80, 99] {
            assert!(m.feed(&[CH1, 7, v]).is_empty(), "value {v} must not jump the parameter");
        }
        // it crosses 0.8 (between 99/127=0.78 and 105/127=0.83): picked up
        let v = values(&m.feed(&[CH1, 7, 105]));
        assert!((v[0] - 105.0 / 127.0).abs() < 1e-6);
        assert_eq!(values(&m.feed(&[CH1, 7, 10])), vec![10.0 / 127.0], "follows once caught");
        // the page moves the parameter: pickup again
        m.set_current(ParamId::Intensity, 0.5);
        assert!(m.feed(&[CH1, 7, 11]).is_empty());
        assert_eq!(values(&m.feed(&[CH1, 7, 64])).len(), 1);
    }

    #[test]
    fn learn_maps_the_next_control_and_upgrades_to_14_bit() {
        let mut m = MidiMapper::default();
        m.learn(ParamId::Ducking);
        let a = m.feed(&[0xb3, 74, 10]);
        assert!(matches!(a[0], MidiAction::Learned(Mapping { kind: ControlKind::Cc7 { cc: 74 }, channel: Some(3), .. })), "{a:?}");
        assert_eq!(m.learning(), None);
        assert_eq!(values(&m.feed(&[0xb3, 74, 127])), vec![24.0]);
        // 14-bit: MSB then LSB while learning
        m.learn(ParamId::Intensity);
        m.feed(&[CH1, 2, 100]);
        let a = m.feed(&[CH1, 34, 5]);
        assert!(a.iter().any(|x| matches!(x, MidiAction::Learned(Mapping { kind: ControlKind::Cc14 { msb: 2 }, .. }))), "{a:?}");
        // after an MSB learn, another control ends learn instead of stealing the mapping
        m.learn(ParamId::MusicLevel);
        m.feed(&[CH1, 3, 10]);
        m.feed(&[CH1, 20, 10]);
        assert_eq!(m.learning(), None);
        assert!(m.map().controls.iter().any(|c| c.param == ParamId::MusicLevel && c.kind == ControlKind::Cc7 { cc: 3 }));
        // NRPN learn
        m.learn(ParamId::ManualArousal);
        m.feed(&[CH1, 99, 1]);
        m.feed(&[CH1, 98, 2]);
        let a = m.feed(&[CH1, 6, 64]);
        assert!(a.iter().any(|x| matches!(x, MidiAction::Learned(Mapping { kind: ControlKind::Nrpn { number: 130 }, .. }))), "{a:?}");
        // what was learned round-trips through the TOML format
        let text = m.map().to_toml();
        let back = MidiMap::parse("learned.toml", &text).unwrap();
        assert_eq!(back.controls, m.map().controls, "{text}");
    }

    #[test]
    fn notes_fire_cues_and_channels_filter() {
        let mut m = mapper("version = 1\nname = \"t\"\n[[note]]\nnote = 36\ncue = \"home_goal\"\nchannel = 10\n");
        assert_eq!(m.feed(&[0x99, 36, 100]), vec![MidiAction::Cue(Cue::HomeGoal)]);
        assert!(m.feed(&[0x90, 36, 100]).is_empty(), "wrong channel");
        assert!(m.feed(&[0x99, 36, 0]).is_empty(), "note-on with velocity 0 is a note-off");
        assert!(m.feed(&[]).is_empty() && m.feed(&[0xb0]).is_empty(), "short messages are ignored");
    }

    #[test]
    fn pads_name_clips_and_refuse_overlaps_and_bad_names() {
        let text = "version = 1\nname = \"t\"\n[[note]]\nnote = 36\ncue = \"home_goal\"\nchannel = 10\n\
                    [[pad]]\nnote = 36\nclip = \"goal-horn\"\nchannel = 1\n\
                    [[pad]]\nnote = 37\nclip = \"clp_0011223344556677\"\nquantize = \"bar\"\n";
        let map = MidiMap::parse("t.toml", text).unwrap();
        assert_eq!(map.pads[0], ClipPad { channel: Some(0), note: 36, clip: "goal-horn".into(), quantize: Quantize::Beat });
        assert_eq!(map.pads[1].quantize, Quantize::Bar);
        let mut m = MidiMapper::new(map.clone());
        assert_eq!(m.feed(&[0x90, 36, 100]), vec![MidiAction::Clip { pad: 0 }]);
        assert_eq!(m.feed(&[0x99, 36, 100]), vec![MidiAction::Cue(Cue::HomeGoal)], "channel 10 is the cue's");
        assert_eq!(m.feed(&[0x95, 37, 1]), vec![MidiAction::Clip { pad: 1 }], "any channel");
        assert!(m.feed(&[0x90, 37, 0]).is_empty(), "velocity 0 is a note-off");
        // the real-time table agrees with the mapper on every channel and note
        let table = map.pad_table();
        for ch in 0..16u8 {
            for note in 0..128u8 {
                let want =
                    m.feed(&[0x90 | ch, note, 100]).iter().find_map(|a| if let MidiAction::Clip { pad } = a { Some(*pad) } else { None });
                assert_eq!(table.pad(ch, note).map(usize::from), want, "channel {ch} note {note}");
            }
        }
        assert!(MidiMap::default().pad_table().is_empty());
        assert_eq!(MidiMap::parse("w.toml", &map.to_toml()).unwrap(), map, "pads are written back as read");
        for (pad, want) in [
            ("note = 36\nclip = \"x\"", "already fires a cue"),
            ("note = 40\nclip = \"x\"\n[[pad]]\nnote = 40\nclip = \"y\"\nchannel = 3", "already another pad"),
            ("note = 40\nclip = \"../..\"", "not a clip id or slug"),
            ("note = 40\nclip = \"\"", "not a clip id or slug"),
            ("note = 40\nclip = \"x\"\nquantize = \"soon\"", "unknown quantize"),
            ("note = 200\nclip = \"x\"", "out of range"),
        ] {
            let text = format!("version = 1\nname = \"t\"\n[[note]]\nnote = 36\ncue = \"home_goal\"\n[[pad]]\n{pad}\n");
            let e = MidiMap::parse("m.toml", &text).unwrap_err().to_string();
            assert!(e.contains(want) && e.contains("pad["), "{pad}: {e}");
        }
    }

    #[test]
    fn bad_maps_name_the_entry() {
        let e = MidiMap::parse("m.toml", "version = 1\nname = \"t\"\n[[control]]\nparam = \"volume\"\ncc = 7\n").unwrap_err().to_string();
        assert!(e.contains("m.toml") && e.contains("control[0].param") && e.contains("music_level"), "{e}");
        let e =
            MidiMap::parse("m.toml", "version = 1\nname = \"t\"\n[[control]]\nparam = \"intensity\"\ncc14 = 40\n").unwrap_err().to_string();
        assert!(e.contains("0..=31"), "{e}");
        let e = MidiMap::parse("m.toml", "version = 1\nname = \"t\"\n[[control]]\nparam = \"intensity\"\ncc = 7\nchannel = 17\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("1..=16"), "{e}");
        let e = MidiMap::parse("m.toml", "version = 1\nname = \"t\"\n[[note]]\nnote = 1\ncue = \"penalty_shootout\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("note[0].cue") && e.contains("home_goal"), "{e}");
        let e = MidiMap::parse("m.toml", "version = 1\nname = \"t\"\n[[control]]\nparam = \"intensity\"\ncc = 7\nnrpn = 3\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("exactly one"), "{e}");
    }

    #[test]
    fn factory_map_parses() {
        let text = include_str!("../../presets/midi/generic.toml");
        let map = MidiMap::parse("presets/midi/generic.toml", text).unwrap();
        assert!(!map.controls.is_empty() && !map.notes.is_empty());
    }

    /// Found by the `io_midi_map` fuzz target: a map written by `to_toml` (after MIDI learn)
    /// must read back as the same map — names and devices with characters Rust's `{:?}`
    /// escapes differently from TOML, and a non-default step on a non-relative control.
    #[test]
    fn written_maps_read_back_unchanged() {
        let text = "version = 1\nname = \"a\\u202Eb\\u007F \\\"q\\\" \\\\ 'x'\"\ndevice = \"\\u0001é\"\n\n[[control]]\nparam = \"intensity\"\ncc = 7\nstep = 0.25\n";
        let map = MidiMap::parse("m.toml", text).unwrap();
        assert_eq!(map.name, "a\u{202e}b\u{7f} \"q\" \\ 'x'");
        assert_eq!(map.controls[0].step, 0.25);
        let written = map.to_toml();
        assert_eq!(MidiMap::parse("w.toml", &written).unwrap(), map, "{written}");
    }
}
