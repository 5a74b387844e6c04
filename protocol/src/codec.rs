//! Typed OSC messages of the `/resonance/...` address space and their codec: strict decoding
//! with errors that name the argument, encoding that stays inside the ranges the decoder
//! accepts, datagrams and bundles. The address table is in the crate documentation.

use resonance_engine::fingerprint::RecognitionEvent;
use resonance_engine::params::ParamId;
use resonance_engine::{
    Command, CrowdEvent, CrowdEventKind, Cue, Meters, MoodLabel, MoodSnapshot, MoodTarget, Quantize, Telemetry, WhistleKind,
};
use rosc::{OscBundle, OscMessage, OscPacket, OscType};

use crate::addr::{
    CLIP, CLIP_REFUSED, CLIP_SCHEDULED, CMD_CLIP, CMD_CUE, CMD_DECK_LAYER, CMD_DECK_PLAY, CMD_DECK_STOP, CMD_GUARD, CMD_MIDI_LEARN,
    CMD_MOOD, CMD_MOOD_CLEAR, CMD_MOOD_OVERRIDE, CMD_PARAM, CMD_STYLE, CUE_SCHEDULED, EVENT, HELLO, LOUDNESS, METERS, MOOD, NOW_PLAYING,
    STYLE_CHANGED, STYLES, TELEMETRY, XRUNS,
};
use crate::error::ProtocolError;

/// A value in a `/resonance/telemetry` message, before validation.
#[derive(Clone, Debug, PartialEq)]
pub enum TelemetryArg {
    Number(f64),
    Text(String),
    Bool(bool),
}

/// What an engine, game or tool sends to the bridge.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Inbound {
    Hello {
        session: String,
        /// The OSC token the bridge was given (`--osc-token`), which authenticates a sender
        /// whose address the bridge does not trust (see the bridge's docs).
        token: Option<String>,
    },
    Mood(MoodSnapshot),
    Event(CrowdEvent),
    NowPlaying {
        title: String,
        artist: String,
        confidence: f32,
    },
    Meters(Meters),
    Loudness {
        momentary_lufs: f32,
        short_term_lufs: f32,
    },
    Xruns(u64),
    CueScheduled {
        cue: Cue,
        at: u64,
    },
    StyleChanged {
        index: u16,
        at: u64,
        name: Option<String>,
    },
    /// The engine's style names in index order (what [`Outbound::Style`] may name).
    Styles(Vec<String>),
    /// Game/app telemetry: field/value pairs, validated like the HTTP body.
    Telemetry {
        session: String,
        fields: Vec<(String, TelemetryArg)>,
    },
    /// Fire a clip of the bridge's library on air, for the sender's session (a controller's
    /// pad, an engine's MIDI pad): the clip's id or slug, and when (default: the next beat).
    ClipFire {
        clip: String,
        quantize: Option<Quantize>,
    },
    /// A clip the bridge fired (`fire_id`) is scheduled: its first sample sounds at output
    /// sample time `at`.
    ClipScheduled {
        id: String,
        fire_id: String,
        at: u64,
    },
    /// A clip the bridge fired could not be played, and why.
    ClipRefused {
        id: String,
        fire_id: String,
        reason: String,
    },
}

/// What the bridge (or any OSC controller) sends to engines.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Outbound {
    /// The director's target mood (`Command::TelemetryMood`).
    Mood(MoodTarget),
    /// Overrides every mood source until [`Outbound::ClearMoodOverride`].
    MoodOverride(MoodTarget),
    ClearMoodOverride,
    /// Switch to the style with this name.
    Style {
        name: String,
        quantize: Quantize,
    },
    /// Switch to the style at this index of the engine's style table.
    StyleIndex {
        index: u16,
        quantize: Quantize,
    },
    Cue(Cue),
    Param {
        id: ParamId,
        value: f32,
    },
    /// Arm MIDI learn for a parameter (engines with their own MIDI input).
    MidiLearn {
        id: ParamId,
    },
    /// Play the track at `url` (http or https) on the live host's music deck: crossfade over
    /// `fade_s` seconds starting at the generated music's next `quantize` boundary, at
    /// `gain_db`, with the generated music at `layer` (0 = the track instead of it, 1 =
    /// layered). Not an audio-thread command: the live host streams it.
    DeckPlay {
        url: String,
        fade_s: f32,
        gain_db: f32,
        layer: f32,
        quantize: Quantize,
    },
    /// Stop the music deck over `fade_s` seconds from the next `quantize` boundary; the
    /// generated music returns.
    DeckStop {
        fade_s: f32,
        quantize: Quantize,
    },
    /// The generated music's level under the deck's track now (0..=1), over `fade_s`.
    DeckLayer {
        layer: f32,
        fade_s: f32,
    },
    /// The copyright guard's programme gain (`Command::Guard`; decision record 0061).
    Guard {
        gain_db: f32,
        fade_ms: u16,
        lease_ms: u32,
    },
    /// Play a clip of the bridge's library: the engine fetches it (`GET /play/{id}/stream` on
    /// the bridge's HTTP `port`, the bridge's OSC address's host) unless it has it, checks its
    /// SHA-256, and plays it at the next `quantize` point at `gain_db`. Not an audio-thread
    /// command: the host's clip loader handles it.
    Clip {
        id: String,
        sha256: String,
        quantize: Quantize,
        gain_db: f32,
        fire_id: String,
        port: u16,
    },
}

impl Outbound {
    /// The engine command this asks for. `styles` resolves style names to indexes (the
    /// engine's style table, `EngineHandle::styles`). `None` for an unknown style name and for
    /// [`Outbound::MidiLearn`], which is not an audio-thread command.
    pub fn to_command(&self, styles: &[String]) -> Option<Command> {
        Some(match self {
            Outbound::Mood(t) => Command::TelemetryMood(t.sanitized()),
            Outbound::MoodOverride(t) => Command::MoodOverride(t.sanitized()),
            Outbound::ClearMoodOverride => Command::ClearMoodOverride,
            Outbound::Style { name, quantize } => {
                Command::SetStyle { index: u16::try_from(styles.iter().position(|s| s == name)?).ok()?, quantize: *quantize }
            }
            Outbound::StyleIndex { index, quantize } => Command::SetStyle { index: *index, quantize: *quantize },
            Outbound::Cue(c) => Command::Cue(*c),
            Outbound::Param { id, value } => Command::SetParam { id: *id, value: *value },
            Outbound::MidiLearn { .. }
            | Outbound::DeckPlay { .. }
            | Outbound::DeckStop { .. }
            | Outbound::DeckLayer { .. }
            | Outbound::Clip { .. } => return None,
            Outbound::Guard { gain_db, fade_ms, lease_ms } => Command::Guard { gain_db: *gain_db, fade_ms: *fade_ms, lease_ms: *lease_ms },
        })
    }
}

impl Inbound {
    /// The report for one engine telemetry item. `styles` names the style indexes (an index
    /// without a name is sent without one).
    pub fn from_telemetry(t: &Telemetry, styles: &[String]) -> Option<Self> {
        Some(match t {
            Telemetry::Mood(m) => Inbound::Mood(*m),
            Telemetry::Event(e) => Inbound::Event(*e),
            Telemetry::CueScheduled { cue, at } => Inbound::CueScheduled { cue: *cue, at: *at },
            Telemetry::StyleChanged { index, at } => {
                Inbound::StyleChanged { index: *index, at: *at, name: styles.get(usize::from(*index)).cloned() }
            }
            #[allow(unreachable_patterns)] // `Telemetry` may grow kinds this build does not forward
            _ => return None,
        })
    }
}

impl Inbound {
    /// `/resonance/now_playing` for a music recognition event: the track's tag title (else
    /// the indexed file's stem), its artist, the confidence; "ended" is an empty title.
    pub fn from_recognition(e: &RecognitionEvent) -> Self {
        match e {
            RecognitionEvent::NowPlaying { name, title, artist, confidence, .. } => Inbound::NowPlaying {
                title: title.clone().unwrap_or_else(|| name.clone()),
                artist: artist.clone().unwrap_or_default(),
                confidence: (*confidence as f32).clamp(0.0, 1.0),
            },
            _ => Inbound::NowPlaying { title: String::new(), artist: String::new(), confidence: 0.0 },
        }
    }
}

/// Whether `name` is a valid session name: 1..=64 characters of `A-Z`, `a-z`, `0-9`, `_`,
/// `-`, `.` (safe in URLs, file names and metric labels).
pub fn is_valid_session_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 64 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
}

/// Longest OSC token accepted in a hello, in characters.
pub const MAX_TOKEN: usize = 128;

fn session_name(addr: &str, name: &str) -> Result<String, ProtocolError> {
    if is_valid_session_name(name) {
        Ok(name.to_string())
    } else {
        Err(bad(addr, "session must be 1..=64 characters of A-Z, a-z, 0-9, '_', '-', '.'"))
    }
}

fn bad(addr: &str, message: impl Into<String>) -> ProtocolError {
    ProtocolError::BadArguments { addr: addr.to_string(), message: message.into() }
}

/// Quantize name used in OSC and JSON ([`Quantize::name`]).
pub fn quantize_name(q: Quantize) -> &'static str {
    q.name()
}

/// Parses a quantize name (`immediate`, `beat`, `bar`, `phrase`; [`Quantize::from_name`]).
pub fn parse_quantize(name: &str) -> Option<Quantize> {
    Quantize::from_name(name)
}

fn whistle_name(w: WhistleKind) -> &'static str {
    match w {
        WhistleKind::Long => "long",
        WhistleKind::Repeated => "repeated",
        _ => "short",
    }
}

fn parse_whistle(name: &str) -> Option<WhistleKind> {
    match name {
        "short" => Some(WhistleKind::Short),
        "long" => Some(WhistleKind::Long),
        "repeated" => Some(WhistleKind::Repeated),
        _ => None,
    }
}

/// Reads OSC arguments in order with clear errors.
struct Args<'a> {
    addr: &'a str,
    list: &'a [OscType],
    pos: usize,
}

impl<'a> Args<'a> {
    fn new(msg: &'a OscMessage) -> Self {
        Self { addr: &msg.addr, list: &msg.args, pos: 0 }
    }
    fn next(&mut self, what: &str) -> Result<&'a OscType, ProtocolError> {
        let a = self.list.get(self.pos).ok_or_else(|| bad(self.addr, format!("missing argument {} ({what})", self.pos + 1)))?;
        self.pos += 1;
        Ok(a)
    }
    fn has_more(&self) -> bool {
        self.pos < self.list.len()
    }
    fn f32(&mut self, what: &str) -> Result<f32, ProtocolError> {
        let n = self.pos + 1;
        let v = number(self.next(what)?).ok_or_else(|| bad(self.addr, format!("argument {n} ({what}) must be a number")))?;
        let v = v as f32;
        if v.is_finite() { Ok(v) } else { Err(bad(self.addr, format!("argument {n} ({what}) must be finite, got {v}"))) }
    }
    fn f32_in(&mut self, what: &str, lo: f32, hi: f32) -> Result<f32, ProtocolError> {
        let n = self.pos + 1;
        let v = self.f32(what)?;
        if (lo..=hi).contains(&v) { Ok(v) } else { Err(bad(self.addr, format!("argument {n} ({what}) must be in {lo}..={hi}, got {v}"))) }
    }
    fn u64(&mut self, what: &str) -> Result<u64, ProtocolError> {
        let n = self.pos + 1;
        match self.next(what)? {
            OscType::Int(i) if *i >= 0 => Ok(*i as u64),
            OscType::Long(i) if *i >= 0 => Ok(*i as u64),
            _ => Err(bad(self.addr, format!("argument {n} ({what}) must be a non-negative integer (i or h)"))),
        }
    }
    fn string(&mut self, what: &str) -> Result<&'a str, ProtocolError> {
        let n = self.pos + 1;
        match self.next(what)? {
            OscType::String(s) => Ok(s),
            _ => Err(bad(self.addr, format!("argument {n} ({what}) must be a string"))),
        }
    }
}

fn number(a: &OscType) -> Option<f64> {
    match a {
        OscType::Float(f) => Some(f64::from(*f)),
        OscType::Double(d) => Some(*d),
        OscType::Int(i) => Some(f64::from(*i)),
        OscType::Long(i) => Some(*i as f64),
        _ => None,
    }
}

fn short_text(addr: &str, what: &str, s: &str, max: usize) -> Result<String, ProtocolError> {
    if s.chars().count() > max || s.chars().any(char::is_control) {
        return Err(bad(addr, format!("{what} must be at most {max} characters without control characters")));
    }
    Ok(s.to_string())
}

/// Longest clip id, slug or fire id on the wire, in characters.
pub const MAX_CLIP_NAME: usize = 64;

/// A clip id, slug or fire id: 1..=64 characters of `a-z`, `0-9`, `_`, `-`.
fn clip_name(addr: &str, what: &str, s: &str) -> Result<String, ProtocolError> {
    if s.is_empty() || s.len() > MAX_CLIP_NAME || !s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-".contains(&b)) {
        return Err(bad(addr, format!("{what} must be 1..={MAX_CLIP_NAME} characters of a-z, 0-9, '_', '-'")));
    }
    Ok(s.to_string())
}

fn quantize_arg(a: &mut Args<'_>) -> Result<Quantize, ProtocolError> {
    let addr = a.addr;
    let q = a.string("quantize")?;
    parse_quantize(q).ok_or_else(|| bad(addr, format!("unknown quantize {q:?} (immediate, beat, bar, phrase)")))
}

/// Most style names in one `/resonance/styles` report.
pub const MAX_STYLES: usize = 64;

/// The clip messages of [`decode_message`] (`addr` is one of their addresses).
fn decode_clip(addr: &str, a: &mut Args<'_>) -> Result<Inbound, ProtocolError> {
    Ok(match addr {
        CLIP => {
            let clip = clip_name(addr, "clip", a.string("clip id or slug")?)?;
            let quantize = if a.has_more() { Some(quantize_arg(a)?) } else { None };
            Inbound::ClipFire { clip, quantize }
        }
        CLIP_SCHEDULED => Inbound::ClipScheduled {
            id: clip_name(addr, "id", a.string("clip id")?)?,
            fire_id: clip_name(addr, "fire_id", a.string("fire id")?)?,
            at: a.u64("at")?,
        },
        _ => Inbound::ClipRefused {
            id: clip_name(addr, "id", a.string("clip id")?)?,
            fire_id: clip_name(addr, "fire_id", a.string("fire id")?)?,
            reason: short_text(addr, "reason", a.string("reason")?, 200)?,
        },
    })
}

/// Decodes one OSC message into an [`Inbound`].
pub fn decode_message(msg: &OscMessage) -> Result<Inbound, ProtocolError> {
    let addr = msg.addr.as_str();
    let mut a = Args::new(msg);
    let inbound = match addr {
        HELLO => {
            let session = session_name(addr, a.string("session")?)?;
            let token = if a.has_more() { Some(short_text(addr, "token", a.string("token")?, MAX_TOKEN)?) } else { None };
            Inbound::Hello { session, token }
        }
        MOOD => {
            let valence = a.f32_in("valence", -1.0, 1.0)?;
            let arousal = a.f32_in("arousal", -1.0, 1.0)?;
            let label_name = a.string("label")?;
            let label = MoodLabel::from_name(label_name).ok_or_else(|| bad(addr, format!("unknown mood label {label_name:?}")))?;
            let confidence = a.f32_in("confidence", 0.0, 1.0)?;
            let time = if a.has_more() { a.u64("time")? } else { 0 };
            Inbound::Mood(MoodSnapshot { time, valence, arousal, label, confidence })
        }
        EVENT => {
            let kind_name = a.string("kind")?;
            let kind = CrowdEventKind::from_name(kind_name).ok_or_else(|| bad(addr, format!("unknown event kind {kind_name:?}")))?;
            let confidence = a.f32_in("confidence", 0.0, 1.0)?;
            let onset = if a.has_more() { a.u64("onset")? } else { 0 };
            let whistle = if a.has_more() {
                let w = a.string("whistle")?;
                parse_whistle(w).ok_or_else(|| bad(addr, format!("unknown whistle kind {w:?} (short, long, repeated)")))?
            } else {
                WhistleKind::Short
            };
            Inbound::Event(CrowdEvent { kind, onset, detected: onset, confidence, whistle })
        }
        NOW_PLAYING => {
            let title = short_text(addr, "title", a.string("title")?, 256)?;
            let artist = short_text(addr, "artist", a.string("artist")?, 256)?;
            let confidence = if a.has_more() { a.f32_in("confidence", 0.0, 1.0)? } else { 1.0 };
            Inbound::NowPlaying { title, artist, confidence }
        }
        METERS => {
            let input_peak_db = a.f32_in("input_peak_db", -400.0, 40.0)?;
            let output_peak_db = a.f32_in("output_peak_db", -400.0, 40.0)?;
            let limiter_gr_db = a.f32_in("limiter_gr_db", 0.0, 100.0)?;
            let duck_db = a.f32_in("duck_db", -100.0, 0.0)?;
            let style = if a.has_more() { u16::try_from(a.u64("style")?).map_err(|_| bad(addr, "style index too large"))? } else { 0 };
            Inbound::Meters(Meters { input_peak_db, output_peak_db, limiter_gr_db, duck_db, style, ..Meters::default() })
        }
        LOUDNESS => Inbound::Loudness {
            momentary_lufs: a.f32_in("momentary_lufs", -200.0, 20.0)?,
            short_term_lufs: a.f32_in("short_term_lufs", -200.0, 20.0)?,
        },
        XRUNS => Inbound::Xruns(a.u64("count")?),
        CUE_SCHEDULED => {
            let name = a.string("cue")?;
            let cue = Cue::from_name(name).ok_or_else(|| bad(addr, format!("unknown cue {name:?}")))?;
            Inbound::CueScheduled { cue, at: a.u64("at")? }
        }
        STYLE_CHANGED => {
            let index = u16::try_from(a.u64("index")?).map_err(|_| bad(addr, "style index too large"))?;
            let at = a.u64("at")?;
            let name = if a.has_more() { Some(short_text(addr, "name", a.string("name")?, 64)?) } else { None };
            Inbound::StyleChanged { index, at, name }
        }
        STYLES => {
            let mut names = Vec::new();
            while a.has_more() {
                if names.len() == MAX_STYLES {
                    return Err(bad(addr, format!("more than {MAX_STYLES} style names")));
                }
                let n = a.string("style name")?;
                if n.is_empty() {
                    return Err(bad(addr, "a style name is empty"));
                }
                names.push(short_text(addr, "style name", n, 64)?);
            }
            if names.is_empty() {
                return Err(bad(addr, "needs at least one style name"));
            }
            Inbound::Styles(names)
        }
        TELEMETRY => {
            let session = session_name(addr, a.string("session")?)?;
            let mut fields = Vec::new();
            while a.has_more() {
                let key = a.string("field name")?.to_string();
                let value = match a.next("field value")? {
                    OscType::String(s) => TelemetryArg::Text(s.clone()),
                    OscType::Bool(b) => TelemetryArg::Bool(*b),
                    other => {
                        TelemetryArg::Number(number(other).ok_or_else(|| bad(addr, format!("value of {key} has an unsupported OSC type")))?)
                    }
                };
                fields.push((key, value));
            }
            Inbound::Telemetry { session, fields }
        }
        CLIP | CLIP_SCHEDULED | CLIP_REFUSED => decode_clip(addr, &mut a)?,
        _ => return Err(ProtocolError::UnknownAddress(addr.chars().take(128).collect())),
    };
    if a.has_more() {
        return Err(bad(addr, format!("too many arguments ({}); see the resonance-protocol address table", msg.args.len())));
    }
    Ok(inbound)
}

pub(crate) fn flatten(packet: OscPacket, out: &mut Vec<OscMessage>, depth: usize) -> Result<(), ProtocolError> {
    match packet {
        OscPacket::Message(m) => out.push(m),
        OscPacket::Bundle(b) => {
            if depth > 8 {
                return Err(ProtocolError::Malformed("bundles nested deeper than 8".into()));
            }
            for p in b.content {
                flatten(p, out, depth + 1)?;
            }
        }
    }
    Ok(())
}

/// Decodes a UDP datagram into its messages (bundles flattened). Each message is decoded on
/// its own, so one bad message in a bundle does not hide the good ones.
pub fn decode_packet(datagram: &[u8]) -> Result<Vec<Result<Inbound, ProtocolError>>, ProtocolError> {
    let (_, packet) = rosc::decoder::decode_udp(datagram).map_err(|e| ProtocolError::Malformed(format!("{e:?}")))?;
    let mut msgs = Vec::new();
    flatten(packet, &mut msgs, 0)?;
    Ok(msgs.iter().map(decode_message).collect())
}

/// Decodes an [`Outbound`] command (the engine side of the wire uses this).
pub fn decode_command(msg: &OscMessage) -> Result<Outbound, ProtocolError> {
    let addr = msg.addr.as_str();
    let mut a = Args::new(msg);
    let param = |a: &mut Args<'_>| -> Result<ParamId, ProtocolError> {
        let id = a.string("param id")?;
        ParamId::from_id(id).ok_or_else(|| bad(addr, format!("unknown parameter {id:?}")))
    };
    let mood = |a: &mut Args<'_>| -> Result<MoodTarget, ProtocolError> {
        Ok(MoodTarget { valence: a.f32("valence")?, arousal: a.f32("arousal")?, intensity: a.f32("intensity")? }.sanitized())
    };
    let out = match addr {
        CMD_MOOD => Outbound::Mood(mood(&mut a)?),
        CMD_MOOD_OVERRIDE => Outbound::MoodOverride(mood(&mut a)?),
        CMD_MOOD_CLEAR => Outbound::ClearMoodOverride,
        CMD_STYLE => {
            let style = a.next("style name or index")?;
            let quantize = if a.has_more() {
                let q = a.string("quantize")?;
                parse_quantize(q).ok_or_else(|| bad(addr, format!("unknown quantize {q:?} (immediate, beat, bar, phrase)")))?
            } else {
                Quantize::Bar
            };
            match style {
                OscType::String(name) => Outbound::Style { name: short_text(addr, "style", name, 64)?, quantize },
                OscType::Int(i) => {
                    Outbound::StyleIndex { index: u16::try_from(*i).map_err(|_| bad(addr, "style index must be 0..=65535"))?, quantize }
                }
                _ => return Err(bad(addr, "argument 1 (style) must be a name (s) or an index (i)")),
            }
        }
        CMD_CUE => {
            let name = a.string("cue")?;
            Outbound::Cue(Cue::from_name(name).ok_or_else(|| bad(addr, format!("unknown cue {name:?}")))?)
        }
        CMD_PARAM => {
            let id = param(&mut a)?;
            Outbound::Param { id, value: a.f32("value")? }
        }
        CMD_MIDI_LEARN => Outbound::MidiLearn { id: param(&mut a)? },
        CMD_DECK_PLAY => {
            let url = short_text(addr, "url", a.string("url")?, 2048)?;
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(bad(addr, "url must be an http:// or https:// URL"));
            }
            let fade_s = finite(addr, "fade", a.f32("fade")?)?;
            let gain_db = finite(addr, "gain", a.f32("gain")?)?;
            let layer = finite(addr, "layer", a.f32("layer")?)?;
            let quantize = if a.has_more() { quantize_arg(&mut a)? } else { Quantize::Immediate };
            Outbound::DeckPlay { url, fade_s, gain_db, layer, quantize }
        }
        CMD_DECK_STOP => {
            let fade_s = finite(addr, "fade", a.f32("fade")?)?;
            let quantize = if a.has_more() { quantize_arg(&mut a)? } else { Quantize::Immediate };
            Outbound::DeckStop { fade_s, quantize }
        }
        CMD_DECK_LAYER => {
            let layer = a.f32_in("layer", 0.0, 1.0)?;
            Outbound::DeckLayer { layer, fade_s: finite(addr, "fade", a.f32("fade")?)? }
        }
        CMD_GUARD => {
            let gain_db = a.f32_in("gain dB", -1000.0, 0.0)?;
            let fade_ms = u16::try_from(a.u64("fade ms")?).map_err(|_| bad(addr, "argument 2 (fade ms) must be 0..=65535"))?;
            let lease_ms = u32::try_from(a.u64("lease ms")?).map_err(|_| bad(addr, "argument 3 (lease ms) must fit 32 bits"))?;
            Outbound::Guard { gain_db, fade_ms, lease_ms }
        }
        CMD_CLIP => {
            let id = clip_name(addr, "id", a.string("clip id")?)?;
            let sha256 = a.string("sha256")?;
            if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
                return Err(bad(addr, "argument 2 (sha256) must be 64 lowercase hex digits"));
            }
            let quantize = quantize_arg(&mut a)?;
            let gain_db = a.f32_in("gain_db", -60.0, 24.0)?;
            let fire_id = clip_name(addr, "fire_id", a.string("fire id")?)?;
            let port = u16::try_from(a.u64("port")?).map_err(|_| bad(addr, "argument 6 (port) must be 0..=65535"))?;
            Outbound::Clip { id, sha256: sha256.to_string(), quantize, gain_db, fire_id, port }
        }
        _ => return Err(ProtocolError::UnknownAddress(addr.chars().take(128).collect())),
    };
    if a.has_more() {
        return Err(bad(addr, "too many arguments"));
    }
    Ok(out)
}

fn msg(addr: &str, args: Vec<OscType>) -> OscMessage {
    OscMessage { addr: addr.to_string(), args }
}

fn time_arg(t: u64) -> OscType {
    OscType::Long(i64::try_from(t).unwrap_or(i64::MAX))
}

/// A float inside `lo..=hi` (the range the decoder accepts); non-finite values become `lo`
/// (silence for the meters, the quietest loudness, no confidence).
fn within(v: f32, lo: f32, hi: f32) -> OscType {
    OscType::Float(if v.is_finite() { v.clamp(lo, hi) } else { lo })
}

/// Encodes an [`Inbound`] as an OSC message (engines and games use this to talk to the bridge).
/// Report values are clamped into the ranges [`decode_message`] accepts; telemetry fields are
/// sent as given (the bridge validates them).
pub fn encode_inbound(i: &Inbound) -> OscMessage {
    match i {
        Inbound::Hello { session, token } => {
            let mut args = vec![OscType::String(session.clone())];
            args.extend(token.iter().map(|t| OscType::String(t.clone())));
            msg(HELLO, args)
        }
        Inbound::Mood(m) => msg(
            MOOD,
            vec![
                within(m.valence, -1.0, 1.0),
                within(m.arousal, -1.0, 1.0),
                OscType::String(m.label.as_str().into()),
                within(m.confidence, 0.0, 1.0),
                time_arg(m.time),
            ],
        ),
        Inbound::Event(e) => msg(
            EVENT,
            vec![
                OscType::String(e.kind.as_str().into()),
                within(e.confidence, 0.0, 1.0),
                time_arg(e.onset),
                OscType::String(whistle_name(e.whistle).into()),
            ],
        ),
        Inbound::NowPlaying { title, artist, confidence } => {
            msg(NOW_PLAYING, vec![OscType::String(title.clone()), OscType::String(artist.clone()), within(*confidence, 0.0, 1.0)])
        }
        Inbound::Meters(m) => msg(
            METERS,
            vec![
                within(m.input_peak_db, -400.0, 40.0),
                within(m.output_peak_db, -400.0, 40.0),
                within(m.limiter_gr_db, 0.0, 100.0),
                within(m.duck_db, -100.0, 0.0),
                OscType::Int(i32::from(m.style)),
            ],
        ),
        Inbound::Loudness { momentary_lufs, short_term_lufs } => {
            msg(LOUDNESS, vec![within(*momentary_lufs, -200.0, 20.0), within(*short_term_lufs, -200.0, 20.0)])
        }
        Inbound::Xruns(n) => msg(XRUNS, vec![time_arg(*n)]),
        Inbound::CueScheduled { cue, at } => msg(CUE_SCHEDULED, vec![OscType::String(cue.as_str().into()), time_arg(*at)]),
        Inbound::StyleChanged { index, at, name } => {
            let mut args = vec![OscType::Int(i32::from(*index)), time_arg(*at)];
            if let Some(n) = name {
                args.push(OscType::String(n.clone()));
            }
            msg(STYLE_CHANGED, args)
        }
        Inbound::Styles(names) => msg(STYLES, names.iter().take(MAX_STYLES).map(|n| OscType::String(n.clone())).collect()),
        Inbound::Telemetry { session, fields } => {
            let mut args = vec![OscType::String(session.clone())];
            for (k, v) in fields {
                args.push(OscType::String(k.clone()));
                args.push(match v {
                    TelemetryArg::Number(n) => OscType::Double(*n),
                    TelemetryArg::Text(s) => OscType::String(s.clone()),
                    TelemetryArg::Bool(b) => OscType::Bool(*b),
                });
            }
            msg(TELEMETRY, args)
        }
        Inbound::ClipFire { clip, quantize } => {
            let mut args = vec![OscType::String(clip.clone())];
            args.extend(quantize.map(|q| OscType::String(quantize_name(q).into())));
            msg(CLIP, args)
        }
        Inbound::ClipScheduled { id, fire_id, at } => {
            msg(CLIP_SCHEDULED, vec![OscType::String(id.clone()), OscType::String(fire_id.clone()), time_arg(*at)])
        }
        Inbound::ClipRefused { id, fire_id, reason } => msg(
            CLIP_REFUSED,
            vec![OscType::String(id.clone()), OscType::String(fire_id.clone()), OscType::String(reason.chars().take(200).collect())],
        ),
    }
}

/// Encodes an [`Outbound`] command as an OSC message.
pub fn encode_command(c: &Outbound) -> OscMessage {
    match c {
        Outbound::Mood(t) => msg(CMD_MOOD, vec![OscType::Float(t.valence), OscType::Float(t.arousal), OscType::Float(t.intensity)]),
        Outbound::MoodOverride(t) => {
            msg(CMD_MOOD_OVERRIDE, vec![OscType::Float(t.valence), OscType::Float(t.arousal), OscType::Float(t.intensity)])
        }
        Outbound::ClearMoodOverride => msg(CMD_MOOD_CLEAR, vec![]),
        Outbound::Style { name, quantize } => {
            msg(CMD_STYLE, vec![OscType::String(name.clone()), OscType::String(quantize_name(*quantize).into())])
        }
        Outbound::StyleIndex { index, quantize } => {
            msg(CMD_STYLE, vec![OscType::Int(i32::from(*index)), OscType::String(quantize_name(*quantize).into())])
        }
        Outbound::Cue(c) => msg(CMD_CUE, vec![OscType::String(c.as_str().into())]),
        Outbound::Param { id, value } => msg(CMD_PARAM, vec![OscType::String(id.info().id.into()), OscType::Float(*value)]),
        Outbound::MidiLearn { id } => msg(CMD_MIDI_LEARN, vec![OscType::String(id.info().id.into())]),
        Outbound::DeckPlay { url, fade_s, gain_db, layer, quantize } => msg(
            CMD_DECK_PLAY,
            vec![
                OscType::String(url.clone()),
                OscType::Float(*fade_s),
                OscType::Float(*gain_db),
                OscType::Float(*layer),
                OscType::String(quantize_name(*quantize).into()),
            ],
        ),
        Outbound::DeckStop { fade_s, quantize } => {
            msg(CMD_DECK_STOP, vec![OscType::Float(*fade_s), OscType::String(quantize_name(*quantize).into())])
        }
        Outbound::DeckLayer { layer, fade_s } => msg(CMD_DECK_LAYER, vec![OscType::Float(*layer), OscType::Float(*fade_s)]),
        Outbound::Guard { gain_db, fade_ms, lease_ms } => msg(
            CMD_GUARD,
            vec![
                OscType::Float(if gain_db.is_finite() {
                    gain_db.clamp(-1000.0, 0.0)
                } else if gain_db.is_nan() {
                    0.0
                } else {
                    -1000.0
                }),
                OscType::Int(i32::from(*fade_ms)),
                OscType::Int(i32::try_from(*lease_ms).unwrap_or(i32::MAX)),
            ],
        ),
        Outbound::Clip { id, sha256, quantize, gain_db, fire_id, port } => msg(
            CMD_CLIP,
            vec![
                OscType::String(id.clone()),
                OscType::String(sha256.clone()),
                OscType::String(quantize_name(*quantize).into()),
                within(*gain_db, -60.0, 24.0),
                OscType::String(fire_id.clone()),
                OscType::Int(i32::from(*port)),
            ],
        ),
    }
}

/// A finite argument, or an error naming it.
fn finite(addr: &str, what: &str, x: f32) -> Result<f32, ProtocolError> {
    if x.is_finite() { Ok(x) } else { Err(bad(addr, format!("{what} must be a finite number"))) }
}

/// Encodes a message as a UDP datagram.
pub fn to_datagram(m: OscMessage) -> Vec<u8> {
    // Encoding a message built from valid strings and numbers cannot fail (rosc only fails on
    // writer errors, and a Vec never fails); fall back to an empty datagram regardless.
    rosc::encoder::encode(&OscPacket::Message(m)).unwrap_or_default()
}

/// Encodes several messages as one bundle datagram ("immediately" time tag).
pub fn to_bundle_datagram(msgs: Vec<OscMessage>) -> Vec<u8> {
    let bundle =
        OscBundle { timetag: rosc::OscTime { seconds: 0, fractional: 1 }, content: msgs.into_iter().map(OscPacket::Message).collect() };
    rosc::encoder::encode(&OscPacket::Bundle(bundle)).unwrap_or_default()
}

/// Decodes one command datagram (engine side); bundles are flattened.
pub fn decode_command_packet(datagram: &[u8]) -> Result<Vec<Outbound>, ProtocolError> {
    let (_, packet) = rosc::decoder::decode_udp(datagram).map_err(|e| ProtocolError::Malformed(format!("{e:?}")))?;
    let mut msgs = Vec::new();
    flatten(packet, &mut msgs, 0)?;
    msgs.iter().map(decode_command).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(i: &Inbound) -> Inbound {
        let d = to_datagram(encode_inbound(i));
        let mut v = decode_packet(&d).unwrap();
        v.remove(0).unwrap()
    }

    #[test]
    fn inbound_roundtrips() {
        let m = Inbound::Mood(MoodSnapshot { time: 48000, valence: 0.25, arousal: -0.5, label: MoodLabel::Tension, confidence: 0.75 });
        assert_eq!(roundtrip(&m), m);
        let e = Inbound::Event(CrowdEvent {
            kind: CrowdEventKind::Whistle,
            onset: 7,
            detected: 7,
            confidence: 0.5,
            whistle: WhistleKind::Long,
        });
        assert_eq!(roundtrip(&e), e);
        let t = Inbound::Telemetry {
            session: "match-1".into(),
            fields: vec![("hp".into(), TelemetryArg::Number(31.0)), ("trigger".into(), TelemetryArg::Text("boss_appears".into()))],
        };
        assert_eq!(roundtrip(&t), t);
        let s = Inbound::StyleChanged { index: 3, at: 99, name: Some("electronic".into()) };
        assert_eq!(roundtrip(&s), s);
        let s = Inbound::Styles(vec!["stadium-anthem".into(), "my-preset".into()]);
        assert_eq!(roundtrip(&s), s);
        assert!(decode_message(&msg(STYLES, vec![])).is_err(), "an empty style list is refused");
        assert!(decode_message(&msg(STYLES, vec![OscType::String(String::new())])).is_err(), "an empty name is refused");
    }

    #[test]
    fn commands_roundtrip() {
        for c in [
            Outbound::Mood(MoodTarget { valence: 0.5, arousal: 0.25, intensity: 1.0 }),
            Outbound::Style { name: "battle".into(), quantize: Quantize::Bar },
            Outbound::StyleIndex { index: 2, quantize: Quantize::Phrase },
            Outbound::MoodOverride(MoodTarget { valence: -0.5, arousal: 0.5, intensity: 0.0 }),
            Outbound::ClearMoodOverride,
            Outbound::Cue(Cue::HomeGoal),
            Outbound::Param { id: ParamId::Intensity, value: 0.7 },
            Outbound::MidiLearn { id: ParamId::MusicLevel },
            Outbound::DeckPlay {
                url: "http://127.0.0.1:7878/api/v1/library/stream/abc".into(),
                fade_s: 4.0,
                gain_db: -3.0,
                layer: 0.0,
                quantize: Quantize::Phrase,
            },
            Outbound::DeckStop { fade_s: 0.25, quantize: Quantize::Immediate },
            Outbound::DeckLayer { layer: 0.5, fade_s: 1.0 },
            Outbound::Clip {
                id: "clp_00112233aabbccdd".into(),
                sha256: "ab".repeat(32),
                quantize: Quantize::Beat,
                gain_db: -3.5,
                fire_id: "f-1".into(),
                port: 7878,
            },
        ] {
            let d = to_datagram(encode_command(&c));
            assert_eq!(decode_command_packet(&d).unwrap(), vec![c]);
        }
    }

    #[test]
    fn rejects_bad_input_with_reasons() {
        // deck commands: only http(s) URLs, finite numbers
        let deck = |url: &str, fade: f32| {
            let m = msg(CMD_DECK_PLAY, vec![OscType::String(url.into()), OscType::Float(fade), OscType::Float(0.0), OscType::Float(0.0)]);
            decode_command(&m)
        };
        assert!(deck("http://127.0.0.1:7878/api/v1/library/stream/x", 0.25).is_ok());
        assert!(deck("file:///etc/passwd", 0.25).unwrap_err().to_string().contains("http"));
        assert!(deck("http://h/x", f32::NAN).unwrap_err().to_string().contains("fade"));
        assert_eq!(decode_packet(b"garbage!").unwrap_err().reason(), "osc_malformed");
        let d = to_datagram(msg("/other/thing", vec![]));
        assert_eq!(decode_packet(&d).unwrap()[0].as_ref().unwrap_err().reason(), "osc_unknown_address");
        let nan = to_datagram(msg(
            MOOD,
            vec![OscType::Float(f32::NAN), OscType::Float(0.0), OscType::String("calm".into()), OscType::Float(1.0)],
        ));
        let err = decode_packet(&nan).unwrap().remove(0).unwrap_err();
        assert!(err.to_string().contains("valence"), "{err}");
        let range =
            to_datagram(msg(MOOD, vec![OscType::Float(2.0), OscType::Float(0.0), OscType::String("calm".into()), OscType::Float(1.0)]));
        assert!(decode_packet(&range).unwrap().remove(0).is_err());
    }

    #[test]
    fn bundles_are_flattened() {
        let d = to_bundle_datagram(vec![encode_inbound(&Inbound::Xruns(3)), msg("/nope", vec![])]);
        let v = decode_packet(&d).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0], Ok(Inbound::Xruns(3)));
        assert!(v[1].is_err());
    }

    fn m(addr: &str, args: Vec<OscType>) -> OscMessage {
        OscMessage { addr: addr.into(), args }
    }

    #[test]
    fn commands_become_engine_commands_and_junk_is_refused() {
        let styles = vec!["stadium-anthem".to_string(), "tense".to_string()];
        let d = |addr: &str, args: Vec<OscType>| decode_command(&m(addr, args)).ok().and_then(|o| o.to_command(&styles));
        assert_eq!(d(CMD_CUE, vec![OscType::String("goal".into())]), Some(Command::Cue(Cue::Goal)));
        assert_eq!(d(CMD_CUE, vec![OscType::String("nope".into())]), None);
        assert_eq!(
            d(CMD_PARAM, vec![OscType::String("intensity".into()), OscType::Float(0.7)]),
            Some(Command::SetParam { id: ParamId::Intensity, value: 0.7 })
        );
        assert_eq!(d(CMD_PARAM, vec![OscType::String("intensity".into()), OscType::Float(f32::NAN)]), None);
        assert_eq!(d(CMD_PARAM, vec![OscType::String("nope".into()), OscType::Float(0.5)]), None);
        let guard = Outbound::Guard { gain_db: -20.0, fade_ms: 150, lease_ms: 6000 };
        assert_eq!(decode_command(&encode_command(&guard)).ok(), Some(guard.clone()), "round trip");
        assert_eq!(d(CMD_GUARD, vec![OscType::Float(-20.0), OscType::Int(150), OscType::Int(6000)]), guard.to_command(&styles));
        assert_eq!(d(CMD_GUARD, vec![OscType::Float(6.0), OscType::Int(150), OscType::Int(6000)]), None, "a guard only lowers");
        assert_eq!(d(CMD_GUARD, vec![OscType::Float(-20.0), OscType::Int(-1), OscType::Int(6000)]), None);
        assert_eq!(d(CMD_GUARD, vec![OscType::Float(-20.0), OscType::Int(70_000), OscType::Int(6000)]), None);
        assert_eq!(d(CMD_GUARD, vec![OscType::Float(-20.0), OscType::Int(150)]), None, "the lease is required");
        let mute = Outbound::Guard { gain_db: f32::NEG_INFINITY, fade_ms: 150, lease_ms: 6000 };
        assert!(matches!(decode_command(&encode_command(&mute)), Ok(Outbound::Guard { gain_db: -1000.0, .. })), "mute goes as −1000 dB");
        assert_eq!(
            d(CMD_STYLE, vec![OscType::String("tense".into()), OscType::String("beat".into())]),
            Some(Command::SetStyle { index: 1, quantize: Quantize::Beat })
        );
        assert_eq!(d(CMD_STYLE, vec![OscType::String("tense".into())]), Some(Command::SetStyle { index: 1, quantize: Quantize::Bar }));
        assert_eq!(d(CMD_STYLE, vec![OscType::Int(0)]), Some(Command::SetStyle { index: 0, quantize: Quantize::Bar }));
        assert_eq!(d(CMD_STYLE, vec![OscType::String("unknown".into()), OscType::String("bar".into())]), None);
        assert_eq!(d(CMD_STYLE, vec![OscType::String("tense".into()), OscType::String("soon".into())]), None);
        let Some(Command::MoodOverride(t)) = d(CMD_MOOD_OVERRIDE, vec![OscType::Float(5.0), OscType::Float(0.5), OscType::Float(0.5)])
        else {
            panic!("override not decoded")
        };
        assert_eq!(t.valence, 1.0, "clamped");
        assert!(matches!(d(CMD_MOOD, vec![OscType::Float(0.1), OscType::Int(0), OscType::Double(0.5)]), Some(Command::TelemetryMood(_))));
        assert_eq!(d(CMD_MOOD, vec![OscType::Float(0.1), OscType::Float(0.1)]), None, "missing intensity");
        assert_eq!(d(CMD_MOOD_CLEAR, vec![]), Some(Command::ClearMoodOverride));
        assert_eq!(d(CMD_MOOD_CLEAR, vec![OscType::Int(1)]), None, "too many arguments");
        assert_eq!(
            decode_command(&m(CMD_MIDI_LEARN, vec![OscType::String("intensity".into())])),
            Ok(Outbound::MidiLearn { id: ParamId::Intensity })
        );
        assert_eq!(d(CMD_MIDI_LEARN, vec![OscType::String("intensity".into())]), None, "not an audio-thread command");
        assert_eq!(decode_command(&m("/other", vec![])).unwrap_err().reason(), "osc_unknown_address");
    }

    #[test]
    fn engine_reports_encode_inside_the_accepted_ranges() {
        let t = Telemetry::Mood(MoodSnapshot { time: 48_000, valence: 0.5, arousal: -0.25, ..MoodSnapshot::default() });
        let msg = encode_inbound(&Inbound::from_telemetry(&t, &[]).unwrap());
        assert_eq!(msg.addr, MOOD);
        assert_eq!(msg.args[0], OscType::Float(0.5));
        assert_eq!(msg.args[4], OscType::Long(48_000));
        let meters = Meters { output_peak_db: f32::NEG_INFINITY, limiter_gr_db: 3.0, style: 2, ..Meters::default() };
        let msg = encode_inbound(&Inbound::Meters(meters));
        assert_eq!(msg.args[1], OscType::Float(-400.0), "non-finite values are sent in range");
        assert_eq!(msg.args[4], OscType::Int(2));
        assert!(decode_message(&msg).is_ok(), "what an engine measures is accepted");
        let wild = MoodSnapshot { valence: 7.0, confidence: f32::NAN, ..MoodSnapshot::default() };
        assert!(decode_message(&encode_inbound(&Inbound::Mood(wild))).is_ok());
        let named = Inbound::from_telemetry(&Telemetry::StyleChanged { index: 0, at: 5 }, &["anthem".into()]).unwrap();
        assert_eq!(encode_inbound(&named).args, vec![OscType::Int(0), OscType::Long(5), OscType::String("anthem".into())]);
        let unnamed = Inbound::from_telemetry(&Telemetry::StyleChanged { index: 9, at: 5 }, &["anthem".into()]).unwrap();
        assert_eq!(roundtrip(&unnamed), Inbound::StyleChanged { index: 9, at: 5, name: None });
    }

    #[test]
    fn clip_messages_roundtrip_and_bad_names_are_refused() {
        for i in [
            Inbound::ClipFire { clip: "goal-horn".into(), quantize: None },
            Inbound::ClipFire { clip: "clp_0011223344556677".into(), quantize: Some(Quantize::Bar) },
            Inbound::ClipScheduled { id: "clp_0011223344556677".into(), fire_id: "f-9".into(), at: 96_000 },
            Inbound::ClipRefused { id: "clp_0011223344556677".into(), fire_id: "f-9".into(), reason: "fetch failed".into() },
        ] {
            assert_eq!(roundtrip(&i), i);
        }
        for bad_name in ["", "../..", "Goal", "a b", &"x".repeat(65)] {
            let d = to_datagram(msg(CLIP, vec![OscType::String(bad_name.into())]));
            assert_eq!(decode_packet(&d).unwrap()[0].as_ref().unwrap_err().reason(), "osc_bad_arguments", "{bad_name:?}");
        }
        let d = to_datagram(msg(CLIP, vec![OscType::String("horn".into()), OscType::String("soon".into())]));
        assert!(decode_packet(&d).unwrap()[0].is_err(), "unknown quantize");
        let short_sha = msg(
            CMD_CLIP,
            vec![
                OscType::String("clp_0011223344556677".into()),
                OscType::String("abc".into()),
                OscType::String("beat".into()),
                OscType::Float(0.0),
                OscType::String("f".into()),
                OscType::Int(1),
            ],
        );
        assert!(decode_command(&short_sha).unwrap_err().to_string().contains("sha256"));
    }

    #[test]
    fn session_names() {
        assert!(is_valid_session_name("match-1.final_2"));
        for bad in ["", "a b", "ü", "x/y", &"a".repeat(65)] {
            assert!(!is_valid_session_name(bad), "{bad:?}");
        }
        let hello = to_datagram(msg(HELLO, vec![OscType::String("no spaces".into())]));
        assert_eq!(decode_packet(&hello).unwrap()[0].as_ref().unwrap_err().reason(), "osc_bad_arguments");
    }

    #[test]
    fn a_hello_carries_an_optional_token() {
        for token in [None, Some("s3cret-token".to_string())] {
            let h = Inbound::Hello { session: "match".into(), token };
            assert_eq!(decode_packet(&to_datagram(encode_inbound(&h))).unwrap(), vec![Ok(h)]);
        }
        let long = to_datagram(msg(HELLO, vec![OscType::String("m".into()), OscType::String("x".repeat(MAX_TOKEN + 1))]));
        assert_eq!(decode_packet(&long).unwrap()[0].as_ref().unwrap_err().reason(), "osc_bad_arguments");
    }
}
