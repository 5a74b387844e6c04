//! The `/resonance/...` OSC address space: the one place where it is defined and documented.
//!
//! OSC over UDP is the wire between engines (plugin, live host) and the bridge, and the way
//! games and live tools (TouchOSC, QLab, Companion) talk to the bridge. Every address, its
//! argument types and its meaning is listed here; the encode/decode functions are public so
//! the plugin and the live host use exactly the same code.
//!
//! # Engine -> bridge ([`Inbound`])
//!
//! | address | arguments | meaning |
//! |---|---|---|
//! | `/resonance/hello` | `s` session | binds the sending socket (an engine) to a session; before a hello, an engine belongs to session `default` |
//! | `/resonance/mood` | `f` valence, `f` arousal, `s` label, `f` confidence, [`h` time] | a crowd mood estimate ([`MoodSnapshot`]) |
//! | `/resonance/event` | `s` kind, `f` confidence, [`h` onset], [`s` whistle] | a detected crowd event ([`CrowdEvent`]) |
//! | `/resonance/now_playing` | `s` title, `s` artist, [`f` confidence] | the music the engine hears/plays; empty title = nothing |
//! | `/resonance/meters` | `f` input_peak_db, `f` output_peak_db, `f` limiter_gr_db, `f` duck_db, [`i` style] | meters ([`Meters`]) |
//! | `/resonance/loudness` | `f` momentary_lufs, `f` short_term_lufs | loudness of the programme output |
//! | `/resonance/xruns` | `i` count | xruns since the engine started (cumulative; the bridge counts increases) |
//! | `/resonance/cue_scheduled` | `s` cue, `h` at | a stinger was scheduled at sample time `at` |
//! | `/resonance/style_changed` | `i` index, `h` at, [`s` name] | the active style changed |
//!
//! # Game/app -> bridge ([`Inbound::Telemetry`])
//!
//! | address | arguments | meaning |
//! |---|---|---|
//! | `/resonance/telemetry` | `s` session, then pairs `s` field, value (`f`/`i`/`d`/`h`/`s`/`T`/`F`) | the same fields as `POST /api/v1/sessions/{session}/telemetry`, same validation |
//!
//! # Bridge -> engine ([`Outbound`])
//!
//! | address | arguments | meaning |
//! |---|---|---|
//! | `/resonance/command/mood` | `f` valence, `f` arousal, `f` intensity | target mood from the director ([`MoodTarget`], `Command::TelemetryMood`) |
//! | `/resonance/command/style` | `s` style name, `s` quantize (`immediate`/`beat`/`bar`/`phrase`) | switch style at the boundary |
//! | `/resonance/command/cue` | `s` cue | fire a stinger ([`Cue`]) |
//! | `/resonance/command/param` | `s` param id, `f` value | set an engine parameter by its stable id ([`ParamId`]) |
//! | `/resonance/command/midi_learn` | `s` param id | arm MIDI learn for a parameter on the engine's MIDI input |
//!
//! Bundles are accepted and flattened; time tags are ignored (everything applies on arrival).
//! Integers are accepted where floats are expected (`i`, `h`, `d` are converted), as TouchOSC
//! and friends send whatever their faders produce.

use std::net::SocketAddr;

use resonance_engine::params::ParamId;
use resonance_engine::{CrowdEvent, CrowdEventKind, Cue, Meters, MoodLabel, MoodSnapshot, MoodTarget, Quantize, WhistleKind};
use rosc::{OscBundle, OscMessage, OscPacket, OscType};

/// Largest OSC packet the bridge accepts (bigger UDP datagrams are truncated and rejected).
pub const MAX_PACKET: usize = 8192;

/// Address prefix shared by every Resonance message.
pub const PREFIX: &str = "/resonance";

pub const HELLO: &str = "/resonance/hello";
pub const MOOD: &str = "/resonance/mood";
pub const EVENT: &str = "/resonance/event";
pub const NOW_PLAYING: &str = "/resonance/now_playing";
pub const METERS: &str = "/resonance/meters";
pub const LOUDNESS: &str = "/resonance/loudness";
pub const XRUNS: &str = "/resonance/xruns";
pub const CUE_SCHEDULED: &str = "/resonance/cue_scheduled";
pub const STYLE_CHANGED: &str = "/resonance/style_changed";
pub const TELEMETRY: &str = "/resonance/telemetry";
pub const CMD_MOOD: &str = "/resonance/command/mood";
pub const CMD_STYLE: &str = "/resonance/command/style";
pub const CMD_CUE: &str = "/resonance/command/cue";
pub const CMD_PARAM: &str = "/resonance/command/param";
pub const CMD_MIDI_LEARN: &str = "/resonance/command/midi_learn";

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
    /// Game/app telemetry: field/value pairs, validated like the HTTP body.
    Telemetry {
        session: String,
        fields: Vec<(String, TelemetryArg)>,
    },
}

/// What the bridge sends to engines.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Outbound {
    Mood(MoodTarget),
    Style { name: String, quantize: Quantize },
    Cue(Cue),
    Param { id: ParamId, value: f32 },
    MidiLearn { id: ParamId },
}

/// Why a packet or message was rejected. `reason()` is the label used in `/metrics`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum OscDecodeError {
    #[error("malformed OSC packet: {0}; send OSC 1.0 messages or bundles")]
    Malformed(String),
    #[error("unknown address {0}; see the address table in bridge/src/osc.rs")]
    UnknownAddress(String),
    #[error("{addr}: {message}")]
    BadArguments { addr: String, message: String },
}

impl OscDecodeError {
    /// Short label for metrics.
    pub fn reason(&self) -> &'static str {
        match self {
            OscDecodeError::Malformed(_) => "osc_malformed",
            OscDecodeError::UnknownAddress(_) => "osc_unknown_address",
            OscDecodeError::BadArguments { .. } => "osc_bad_arguments",
        }
    }
}

fn bad(addr: &str, message: impl Into<String>) -> OscDecodeError {
    OscDecodeError::BadArguments { addr: addr.to_string(), message: message.into() }
}

/// Quantize name used in OSC and JSON.
pub fn quantize_name(q: Quantize) -> &'static str {
    match q {
        Quantize::Immediate => "immediate",
        Quantize::Beat => "beat",
        Quantize::Phrase => "phrase",
        _ => "bar",
    }
}

/// Parses a quantize name (`immediate`, `beat`, `bar`, `phrase`).
pub fn parse_quantize(name: &str) -> Option<Quantize> {
    match name {
        "immediate" => Some(Quantize::Immediate),
        "beat" => Some(Quantize::Beat),
        "bar" => Some(Quantize::Bar),
        "phrase" => Some(Quantize::Phrase),
        _ => None,
    }
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
    fn next(&mut self, what: &str) -> Result<&'a OscType, OscDecodeError> {
        let a = self.list.get(self.pos).ok_or_else(|| bad(self.addr, format!("missing argument {} ({what})", self.pos + 1)))?;
        self.pos += 1;
        Ok(a)
    }
    fn has_more(&self) -> bool {
        self.pos < self.list.len()
    }
    fn f32(&mut self, what: &str) -> Result<f32, OscDecodeError> {
        let n = self.pos + 1;
        let v = number(self.next(what)?).ok_or_else(|| bad(self.addr, format!("argument {n} ({what}) must be a number")))?;
        let v = v as f32;
        if v.is_finite() { Ok(v) } else { Err(bad(self.addr, format!("argument {n} ({what}) must be finite, got {v}"))) }
    }
    fn f32_in(&mut self, what: &str, lo: f32, hi: f32) -> Result<f32, OscDecodeError> {
        let n = self.pos + 1;
        let v = self.f32(what)?;
        if (lo..=hi).contains(&v) { Ok(v) } else { Err(bad(self.addr, format!("argument {n} ({what}) must be in {lo}..={hi}, got {v}"))) }
    }
    fn u64(&mut self, what: &str) -> Result<u64, OscDecodeError> {
        let n = self.pos + 1;
        match self.next(what)? {
            OscType::Int(i) if *i >= 0 => Ok(*i as u64),
            OscType::Long(i) if *i >= 0 => Ok(*i as u64),
            _ => Err(bad(self.addr, format!("argument {n} ({what}) must be a non-negative integer (i or h)"))),
        }
    }
    fn string(&mut self, what: &str) -> Result<&'a str, OscDecodeError> {
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

fn short_text(addr: &str, what: &str, s: &str, max: usize) -> Result<String, OscDecodeError> {
    if s.chars().count() > max || s.chars().any(char::is_control) {
        return Err(bad(addr, format!("{what} must be at most {max} characters without control characters")));
    }
    Ok(s.to_string())
}

/// Decodes one OSC message into an [`Inbound`].
pub fn decode_message(msg: &OscMessage) -> Result<Inbound, OscDecodeError> {
    let addr = msg.addr.as_str();
    let mut a = Args::new(msg);
    let inbound = match addr {
        HELLO => {
            Inbound::Hello { session: crate::telemetry::validate_session_name(a.string("session")?).map_err(|e| bad(addr, e.message))? }
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
        TELEMETRY => {
            let session = crate::telemetry::validate_session_name(a.string("session")?).map_err(|e| bad(addr, e.message))?;
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
        _ => return Err(OscDecodeError::UnknownAddress(addr.chars().take(128).collect())),
    };
    if a.has_more() {
        return Err(bad(addr, format!("too many arguments ({}); see bridge/src/osc.rs", msg.args.len())));
    }
    Ok(inbound)
}

fn flatten(packet: OscPacket, out: &mut Vec<OscMessage>, depth: usize) -> Result<(), OscDecodeError> {
    match packet {
        OscPacket::Message(m) => out.push(m),
        OscPacket::Bundle(b) => {
            if depth > 8 {
                return Err(OscDecodeError::Malformed("bundles nested deeper than 8".into()));
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
pub fn decode_packet(datagram: &[u8]) -> Result<Vec<Result<Inbound, OscDecodeError>>, OscDecodeError> {
    let (_, packet) = rosc::decoder::decode_udp(datagram).map_err(|e| OscDecodeError::Malformed(format!("{e:?}")))?;
    let mut msgs = Vec::new();
    flatten(packet, &mut msgs, 0)?;
    Ok(msgs.iter().map(decode_message).collect())
}

/// Decodes an [`Outbound`] command (the engine side of the wire uses this).
pub fn decode_command(msg: &OscMessage) -> Result<Outbound, OscDecodeError> {
    let addr = msg.addr.as_str();
    let mut a = Args::new(msg);
    let param = |a: &mut Args<'_>| -> Result<ParamId, OscDecodeError> {
        let id = a.string("param id")?;
        ParamId::from_id(id).ok_or_else(|| bad(addr, format!("unknown parameter {id:?}")))
    };
    let out = match addr {
        CMD_MOOD => Outbound::Mood(MoodTarget {
            valence: a.f32_in("valence", -1.0, 1.0)?,
            arousal: a.f32_in("arousal", -1.0, 1.0)?,
            intensity: a.f32_in("intensity", 0.0, 1.0)?,
        }),
        CMD_STYLE => {
            let name = short_text(addr, "style", a.string("style")?, 64)?;
            let q = a.string("quantize")?;
            Outbound::Style { name, quantize: parse_quantize(q).ok_or_else(|| bad(addr, format!("unknown quantize {q:?}")))? }
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
        _ => return Err(OscDecodeError::UnknownAddress(addr.chars().take(128).collect())),
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

/// Encodes an [`Inbound`] as an OSC message (engines and games use this to talk to the bridge).
pub fn encode_inbound(i: &Inbound) -> OscMessage {
    match i {
        Inbound::Hello { session } => msg(HELLO, vec![OscType::String(session.clone())]),
        Inbound::Mood(m) => msg(
            MOOD,
            vec![
                OscType::Float(m.valence),
                OscType::Float(m.arousal),
                OscType::String(m.label.as_str().into()),
                OscType::Float(m.confidence),
                time_arg(m.time),
            ],
        ),
        Inbound::Event(e) => msg(
            EVENT,
            vec![
                OscType::String(e.kind.as_str().into()),
                OscType::Float(e.confidence),
                time_arg(e.onset),
                OscType::String(whistle_name(e.whistle).into()),
            ],
        ),
        Inbound::NowPlaying { title, artist, confidence } => {
            msg(NOW_PLAYING, vec![OscType::String(title.clone()), OscType::String(artist.clone()), OscType::Float(*confidence)])
        }
        Inbound::Meters(m) => msg(
            METERS,
            vec![
                OscType::Float(m.input_peak_db),
                OscType::Float(m.output_peak_db),
                OscType::Float(m.limiter_gr_db),
                OscType::Float(m.duck_db),
                OscType::Int(i32::from(m.style)),
            ],
        ),
        Inbound::Loudness { momentary_lufs, short_term_lufs } => {
            msg(LOUDNESS, vec![OscType::Float(*momentary_lufs), OscType::Float(*short_term_lufs)])
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
    }
}

/// Encodes an [`Outbound`] command as an OSC message.
pub fn encode_command(c: &Outbound) -> OscMessage {
    match c {
        Outbound::Mood(t) => msg(CMD_MOOD, vec![OscType::Float(t.valence), OscType::Float(t.arousal), OscType::Float(t.intensity)]),
        Outbound::Style { name, quantize } => {
            msg(CMD_STYLE, vec![OscType::String(name.clone()), OscType::String(quantize_name(*quantize).into())])
        }
        Outbound::Cue(c) => msg(CMD_CUE, vec![OscType::String(c.as_str().into())]),
        Outbound::Param { id, value } => msg(CMD_PARAM, vec![OscType::String(id.info().id.into()), OscType::Float(*value)]),
        Outbound::MidiLearn { id } => msg(CMD_MIDI_LEARN, vec![OscType::String(id.info().id.into())]),
    }
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
pub fn decode_command_packet(datagram: &[u8]) -> Result<Vec<Outbound>, OscDecodeError> {
    let (_, packet) = rosc::decoder::decode_udp(datagram).map_err(|e| OscDecodeError::Malformed(format!("{e:?}")))?;
    let mut msgs = Vec::new();
    flatten(packet, &mut msgs, 0)?;
    msgs.iter().map(decode_command).collect()
}

/// A peer address in log and JSON form.
pub fn peer_name(addr: SocketAddr) -> String {
    addr.to_string()
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
        let s = Inbound::StyleChanged { index: 3, at: 99, name: Some("battle".into()) };
        assert_eq!(roundtrip(&s), s);
    }

    #[test]
    fn commands_roundtrip() {
        for c in [
            Outbound::Mood(MoodTarget { valence: 0.5, arousal: 0.25, intensity: 1.0 }),
            Outbound::Style { name: "battle".into(), quantize: Quantize::Bar },
            Outbound::Cue(Cue::HomeGoal),
            Outbound::Param { id: ParamId::Intensity, value: 0.7 },
            Outbound::MidiLearn { id: ParamId::MusicLevel },
        ] {
            let d = to_datagram(encode_command(&c));
            assert_eq!(decode_command_packet(&d).unwrap(), vec![c]);
        }
    }

    #[test]
    fn rejects_bad_input_with_reasons() {
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
}
