//! The plugin's non-real-time OSC link to the bridge: a thread that forwards engine telemetry
//! and meters as OSC over UDP and turns incoming OSC messages into engine commands.
//!
//! The address space is encoded and decoded in [`wire`] only, so it can be swapped for the
//! bridge's shared definition later. The thread never touches the audio thread except through
//! lock-free queues: telemetry arrives through the engine's SPSC queue, commands leave through
//! a bounded `rtrb` queue that the audio thread drains. With no bridge listening, sends fail
//! quietly (UDP); failures are counted, never logged per packet.

use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use resonance_engine::{Command, MetersReader, TelemetryReceiver};

use crate::error::PluginError;

/// Default bridge address (where telemetry goes).
pub const DEFAULT_BRIDGE: &str = "127.0.0.1:9000";
/// Default port the plugin listens on for commands.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:9001";
/// How many ports above the configured one are tried when it is taken (several instances).
const LISTEN_PORT_TRIES: u16 = 16;
/// Meters are sent at this interval.
const METERS_INTERVAL: Duration = Duration::from_millis(100);
/// Capacity of the OSC -> audio thread command queue.
pub const COMMAND_QUEUE: usize = 256;

/// The OSC message codec, following the address space the bridge defines in
/// `bridge/src/osc.rs` (the one documented place); mirrored here so the plugin does not pull
/// in the bridge's service dependencies. Swap for the shared codec once it lives in a small
/// crate both can use.
///
/// Outgoing (plugin -> bridge):
///
/// | address | arguments |
/// |---|---|
/// | `/resonance/hello` | s session (`RESONANCE_SESSION`, default `default`) |
/// | `/resonance/mood` | f valence, f arousal, s label, f confidence, h time |
/// | `/resonance/event` | s kind, f confidence, h onset, s whistle (`short`/`long`/`repeated`) |
/// | `/resonance/cue_scheduled` | s cue, h at |
/// | `/resonance/style_changed` | i index, h at, s name |
/// | `/resonance/meters` | f input dB, f output dB, f limiter GR dB, f duck dB, i style |
///
/// Incoming (bridge or any OSC controller -> plugin), on the plugin's command port (the
/// socket it sends from, so the bridge can answer the sender):
///
/// | address | arguments |
/// |---|---|
/// | `/resonance/command/cue` | s cue name (`goal`, `card`, ...) |
/// | `/resonance/command/mood` | f valence, f arousal, f intensity (the telemetry mood) |
/// | `/resonance/command/style` | s style name, [s quantize `immediate`/`beat`/`bar`/`phrase`], or i index |
/// | `/resonance/command/param` | s parameter ID, f plain value |
/// | `/resonance/command/mood_override` | f valence, f arousal, f intensity (plugin extension) |
/// | `/resonance/command/mood_clear` | — (plugin extension) |
///
/// `/resonance/command/midi_learn` is accepted and ignored: in a plugin the host maps MIDI.
pub mod wire {
    use resonance_engine::{Command, Cue, Meters, MoodTarget, ParamId, Quantize, Telemetry, WhistleKind};
    use rosc::{OscMessage, OscPacket, OscType};

    pub const HELLO: &str = "/resonance/hello";
    pub const MOOD: &str = "/resonance/mood";
    pub const EVENT: &str = "/resonance/event";
    pub const METERS: &str = "/resonance/meters";
    pub const CUE_SCHEDULED: &str = "/resonance/cue_scheduled";
    pub const STYLE_CHANGED: &str = "/resonance/style_changed";
    pub const CMD_MOOD: &str = "/resonance/command/mood";
    pub const CMD_STYLE: &str = "/resonance/command/style";
    pub const CMD_CUE: &str = "/resonance/command/cue";
    pub const CMD_PARAM: &str = "/resonance/command/param";
    pub const CMD_MIDI_LEARN: &str = "/resonance/command/midi_learn";
    pub const CMD_MOOD_OVERRIDE: &str = "/resonance/command/mood_override";
    pub const CMD_MOOD_CLEAR: &str = "/resonance/command/mood_clear";

    fn msg(addr: &str, args: Vec<OscType>) -> OscPacket {
        OscPacket::Message(OscMessage { addr: addr.to_string(), args })
    }

    fn long(v: u64) -> OscType {
        OscType::Long(i64::try_from(v).unwrap_or(i64::MAX))
    }

    fn text(s: &str) -> OscType {
        OscType::String(s.to_string())
    }

    /// Finite and within `lo..=hi` (the ranges the bridge validates).
    fn within(v: f32, lo: f32, hi: f32) -> OscType {
        OscType::Float(if v.is_finite() { v.clamp(lo, hi) } else { lo })
    }

    fn whistle_name(w: WhistleKind) -> &'static str {
        match w {
            WhistleKind::Long => "long",
            WhistleKind::Repeated => "repeated",
            _ => "short",
        }
    }

    /// The OSC packet for one telemetry item (`None` for kinds this build does not forward).
    /// `styles` names the style indexes.
    pub fn encode_telemetry(t: &Telemetry, styles: &[String]) -> Option<OscPacket> {
        Some(match t {
            Telemetry::Mood(m) => msg(
                MOOD,
                vec![
                    within(m.valence, -1.0, 1.0),
                    within(m.arousal, -1.0, 1.0),
                    text(m.label.as_str()),
                    within(m.confidence, 0.0, 1.0),
                    long(m.time),
                ],
            ),
            Telemetry::Event(e) => {
                msg(EVENT, vec![text(e.kind.as_str()), within(e.confidence, 0.0, 1.0), long(e.onset), text(whistle_name(e.whistle))])
            }
            Telemetry::CueScheduled { cue, at } => msg(CUE_SCHEDULED, vec![text(cue.as_str()), long(*at)]),
            Telemetry::StyleChanged { index, at } => {
                let name = styles.get(usize::from(*index)).map_or("", String::as_str);
                msg(STYLE_CHANGED, vec![OscType::Int(i32::from(*index)), long(*at), text(name)])
            }
            _ => return None,
        })
    }

    pub fn encode_meters(m: &Meters) -> OscPacket {
        msg(
            METERS,
            vec![
                within(m.input_peak_db, -400.0, 40.0),
                within(m.output_peak_db, -400.0, 40.0),
                within(m.limiter_gr_db, 0.0, 100.0),
                within(m.duck_db, -100.0, 0.0),
                OscType::Int(i32::from(m.style)),
            ],
        )
    }

    pub fn encode_hello(session: &str) -> OscPacket {
        msg(HELLO, vec![text(session)])
    }

    fn float(a: &OscType) -> Option<f32> {
        match a {
            OscType::Float(f) => Some(*f),
            OscType::Double(d) => Some(*d as f32),
            OscType::Int(i) => Some(*i as f32),
            OscType::Long(i) => Some(*i as f32),
            _ => None,
        }
        .filter(|v| v.is_finite())
    }

    fn mood(args: &[OscType]) -> Option<MoodTarget> {
        match args {
            [v, a, i] => Some(MoodTarget { valence: float(v)?, arousal: float(a)?, intensity: float(i)? }.sanitized()),
            _ => None,
        }
    }

    fn quantize(name: &str) -> Option<Quantize> {
        match name {
            "immediate" => Some(Quantize::Immediate),
            "beat" => Some(Quantize::Beat),
            "bar" => Some(Quantize::Bar),
            "phrase" => Some(Quantize::Phrase),
            _ => None,
        }
    }

    /// The engine command an incoming message asks for; `None` for anything not understood
    /// (unknown address, wrong arguments, unknown style), which the thread ignores. `styles`
    /// resolves style names to indexes.
    pub fn decode_command(m: &OscMessage, styles: &[String]) -> Option<Command> {
        match (m.addr.as_str(), m.args.as_slice()) {
            (CMD_CUE, [OscType::String(name)]) => Cue::from_name(name).map(Command::Cue),
            (CMD_MOOD, args) => mood(args).map(Command::TelemetryMood),
            (CMD_MOOD_OVERRIDE, args) => mood(args).map(Command::MoodOverride),
            (CMD_MOOD_CLEAR, []) => Some(Command::ClearMoodOverride),
            (CMD_STYLE, [OscType::String(name), rest @ ..]) => {
                let q = match rest {
                    [] => Quantize::Bar,
                    [OscType::String(q)] => quantize(q)?,
                    _ => return None,
                };
                let index = u16::try_from(styles.iter().position(|s| s == name)?).ok()?;
                Some(Command::SetStyle { index, quantize: q })
            }
            (CMD_STYLE, [OscType::Int(i)]) => u16::try_from(*i).ok().map(|index| Command::SetStyle { index, quantize: Quantize::Bar }),
            (CMD_PARAM, [OscType::String(id), v]) => Some(Command::SetParam { id: ParamId::from_id(id)?, value: float(v)? }),
            _ => None,
        }
    }

    /// Flattens bundles into their messages.
    pub fn messages(p: OscPacket, out: &mut Vec<OscMessage>) {
        match p {
            OscPacket::Message(m) => out.push(m),
            OscPacket::Bundle(b) => {
                for inner in b.content {
                    messages(inner, out);
                }
            }
        }
    }
}

/// Where the OSC thread sends and listens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OscConfig {
    pub bridge: SocketAddr,
    pub listen: SocketAddr,
    /// Bridge session this instance belongs to (sent in the hello).
    pub session: String,
}

impl OscConfig {
    /// From `RESONANCE_OSC_BRIDGE` and `RESONANCE_OSC_LISTEN` (host:port), defaulting to
    /// 127.0.0.1:9000 and 127.0.0.1:9001, and `RESONANCE_SESSION` (default `default`).
    /// `RESONANCE_OSC=off` disables the link (`Ok(None)`).
    pub fn from_env() -> Result<Option<Self>, PluginError> {
        if std::env::var("RESONANCE_OSC").is_ok_and(|v| v.eq_ignore_ascii_case("off")) {
            return Ok(None);
        }
        let get = |key: &str, default: &str| -> Result<SocketAddr, PluginError> {
            let text = std::env::var(key).unwrap_or_else(|_| default.to_string());
            text.parse().map_err(|_| PluginError::OscAddress(text))
        };
        let session = std::env::var("RESONANCE_SESSION").unwrap_or_else(|_| "default".to_string());
        Ok(Some(Self {
            bridge: get("RESONANCE_OSC_BRIDGE", DEFAULT_BRIDGE)?,
            listen: get("RESONANCE_OSC_LISTEN", DEFAULT_LISTEN)?,
            session,
        }))
    }
}

/// What one activation of the plugin hands to the OSC thread.
#[derive(Debug)]
pub struct Attachment {
    pub telemetry: TelemetryReceiver,
    pub meters: MetersReader,
    /// Commands for the audio thread.
    pub commands: rtrb::Producer<Command>,
    /// Style names, in `style` parameter order.
    pub styles: Vec<String>,
}

#[derive(Debug)]
enum Control {
    Attach(Box<Attachment>),
    Detach,
    Shutdown,
}

/// Counters the thread keeps (for tests and diagnostics).
#[derive(Debug, Default)]
pub struct OscStats {
    pub sent: AtomicU64,
    pub send_failures: AtomicU64,
    pub received: AtomicU64,
    pub commands: AtomicU64,
}

/// Owner of the OSC thread; dropping it stops and joins the thread.
#[derive(Debug)]
pub struct OscLink {
    control: Sender<Control>,
    thread: Option<JoinHandle<()>>,
    listen: SocketAddr,
    stats: Arc<OscStats>,
}

fn bind_listen(wanted: SocketAddr) -> std::io::Result<UdpSocket> {
    if wanted.port() == 0 {
        return UdpSocket::bind(wanted);
    }
    for k in 0..LISTEN_PORT_TRIES {
        let mut a = wanted;
        a.set_port(wanted.port().saturating_add(k));
        if let Ok(s) = UdpSocket::bind(a) {
            return Ok(s);
        }
    }
    let mut a = wanted;
    a.set_port(0);
    UdpSocket::bind(a)
}

impl OscLink {
    /// Binds the command socket (the configured port, the next free one of the 16 above it,
    /// or any free port) and starts the thread.
    pub fn start(config: &OscConfig) -> std::io::Result<Self> {
        let socket = bind_listen(config.listen)?;
        socket.set_read_timeout(Some(Duration::from_millis(20)))?;
        let listen = socket.local_addr()?;
        let (tx, rx) = mpsc::channel();
        let stats = Arc::new(OscStats::default());
        // Announce the command port before returning, so the bridge knows where to reach
        // this instance as soon as it exists.
        send(&socket, config.bridge, &wire::encode_hello(&config.session), &stats);
        let thread_stats = Arc::clone(&stats);
        let bridge = config.bridge;
        let thread = std::thread::Builder::new().name("resonance-osc".into()).spawn(move || run(&socket, bridge, &rx, &thread_stats))?;
        Ok(Self { control: tx, thread: Some(thread), listen, stats })
    }

    /// The address the command socket is bound to.
    pub fn listen_addr(&self) -> SocketAddr {
        self.listen
    }

    pub fn stats(&self) -> &OscStats {
        &self.stats
    }

    /// Hands a new activation's queues to the thread (the previous ones are dropped there).
    pub fn attach(&self, a: Attachment) {
        let _ = self.control.send(Control::Attach(Box::new(a)));
    }

    pub fn detach(&self) {
        let _ = self.control.send(Control::Detach);
    }
}

impl Drop for OscLink {
    fn drop(&mut self) {
        let _ = self.control.send(Control::Shutdown);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn send(socket: &UdpSocket, to: SocketAddr, p: &rosc::OscPacket, stats: &OscStats) {
    let ok = rosc::encoder::encode(p).ok().is_some_and(|bytes| socket.send_to(&bytes, to).is_ok());
    let counter = if ok { &stats.sent } else { &stats.send_failures };
    counter.fetch_add(1, Ordering::Relaxed);
}

fn run(socket: &UdpSocket, bridge: SocketAddr, control: &Receiver<Control>, stats: &OscStats) {
    let mut attached: Option<Box<Attachment>> = None;
    let mut buf = vec![0u8; 65_536];
    let mut messages = Vec::new();
    let mut last_meters = Instant::now();
    loop {
        loop {
            match control.try_recv() {
                Ok(Control::Attach(a)) => attached = Some(a),
                Ok(Control::Detach) => attached = None,
                Ok(Control::Shutdown) | Err(TryRecvError::Disconnected) => return,
                Err(TryRecvError::Empty) => break,
            }
        }
        if let Some(a) = attached.as_mut() {
            while let Some(t) = a.telemetry.pop() {
                if let Some(p) = wire::encode_telemetry(&t, &a.styles) {
                    send(socket, bridge, &p, stats);
                }
            }
            if last_meters.elapsed() >= METERS_INTERVAL {
                last_meters = Instant::now();
                send(socket, bridge, &wire::encode_meters(&a.meters.read()), stats);
            }
        }
        // Blocks for at most the read timeout: this is the thread's pacing.
        let received = socket.recv_from(&mut buf);
        if let Err(e) = &received
            && !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)
        {
            // An ICMP error from an absent bridge can surface here at once; keep the pace.
            std::thread::sleep(Duration::from_millis(20));
        }
        if let Ok((n, _from)) = received {
            stats.received.fetch_add(1, Ordering::Relaxed);
            if let Some(Ok((_, packet))) = buf.get(..n).map(rosc::decoder::decode_udp) {
                wire::messages(packet, &mut messages);
            }
            for m in messages.drain(..) {
                if let Some(a) = attached.as_mut()
                    && let Some(cmd) = wire::decode_command(&m, &a.styles)
                    && a.commands.push(cmd).is_ok()
                {
                    stats.commands.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    }
}

#[cfg(test)]
mod link_tests {
    use std::net::UdpSocket;
    use std::sync::atomic::Ordering;
    use std::time::{Duration, Instant};

    use resonance_engine::{Engine, EngineConfig, Layout};

    use super::{Attachment, OscConfig, OscLink};

    #[test]
    fn no_bridge_is_normal_and_shutdown_is_prompt() {
        // A port nobody listens on: bind, note the address, close.
        let absent = UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let link =
            OscLink::start(&OscConfig { bridge: absent, listen: "127.0.0.1:0".parse().unwrap(), session: "default".into() }).unwrap();
        let (mut p, h) = Engine::new(EngineConfig::default()).prepare(48_000.0, 480, Layout::STEREO).unwrap();
        let (tx, _rx) = rtrb::RingBuffer::new(16);
        link.attach(Attachment { telemetry: h.telemetry, meters: h.meters, commands: tx, styles: h.styles });
        let mut l = vec![0.1f32; 480];
        let mut r = vec![0.1f32; 480];
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(500) {
            p.process(&mut [&mut l, &mut r], None, None);
            std::thread::sleep(Duration::from_millis(10));
        }
        let s = link.stats();
        let attempts = s.sent.load(Ordering::Relaxed) + s.send_failures.load(Ordering::Relaxed);
        // Hello plus meters at 10 Hz for half a second: a handful, not a storm.
        assert!((3..=20).contains(&attempts), "{attempts} sends in 0.5 s");
        let t = Instant::now();
        drop(link);
        assert!(t.elapsed() < Duration::from_millis(500), "the OSC thread stops promptly");
    }
}

#[cfg(test)]
mod tests {
    use super::wire::*;
    use resonance_engine::{Command, Cue, Meters, MoodSnapshot, ParamId, Quantize, Telemetry};
    use rosc::{OscMessage, OscPacket, OscType};

    fn m(addr: &str, args: Vec<OscType>) -> OscMessage {
        OscMessage { addr: addr.into(), args }
    }

    #[test]
    fn commands_decode_and_junk_is_ignored() {
        let styles = vec!["stadium-anthem".to_string(), "tense".to_string()];
        let d = |addr: &str, args: Vec<OscType>| decode_command(&m(addr, args), &styles);
        assert_eq!(d(CMD_CUE, vec![OscType::String("goal".into())]), Some(Command::Cue(Cue::Goal)));
        assert_eq!(d(CMD_CUE, vec![OscType::String("nope".into())]), None);
        assert_eq!(
            d(CMD_PARAM, vec![OscType::String("intensity".into()), OscType::Float(0.7)]),
            Some(Command::SetParam { id: ParamId::Intensity, value: 0.7 })
        );
        assert_eq!(d(CMD_PARAM, vec![OscType::String("intensity".into()), OscType::Float(f32::NAN)]), None);
        assert_eq!(d(CMD_PARAM, vec![OscType::String("nope".into()), OscType::Float(0.5)]), None);
        assert_eq!(
            d(CMD_STYLE, vec![OscType::String("tense".into()), OscType::String("beat".into())]),
            Some(Command::SetStyle { index: 1, quantize: Quantize::Beat })
        );
        assert_eq!(d(CMD_STYLE, vec![OscType::String("unknown".into()), OscType::String("bar".into())]), None);
        let Some(Command::MoodOverride(t)) = d(CMD_MOOD_OVERRIDE, vec![OscType::Float(5.0), OscType::Float(0.5), OscType::Float(0.5)])
        else {
            panic!("override not decoded")
        };
        assert_eq!(t.valence, 1.0, "clamped");
        assert!(matches!(d(CMD_MOOD, vec![OscType::Float(0.1), OscType::Int(0), OscType::Double(0.5)]), Some(Command::TelemetryMood(_))));
        assert_eq!(d(CMD_MOOD_CLEAR, vec![]), Some(Command::ClearMoodOverride));
        assert_eq!(d(CMD_MIDI_LEARN, vec![OscType::String("intensity".into())]), None);
        assert_eq!(d("/other", vec![]), None);
    }

    #[test]
    fn telemetry_encodes_in_the_bridges_ranges() {
        let t = Telemetry::Mood(MoodSnapshot { time: 48_000, valence: 0.5, arousal: -0.25, ..MoodSnapshot::default() });
        let p = encode_telemetry(&t, &[]).unwrap();
        let bytes = rosc::encoder::encode(&p).unwrap();
        let (_, back) = rosc::decoder::decode_udp(&bytes).unwrap();
        let OscPacket::Message(msg) = back else { panic!("not a message") };
        assert_eq!(msg.addr, MOOD);
        assert_eq!(msg.args[0], OscType::Float(0.5));
        assert_eq!(msg.args[4], OscType::Long(48_000));
        let meters = Meters { output_peak_db: f32::NEG_INFINITY, limiter_gr_db: 3.0, style: 2, ..Meters::default() };
        let OscPacket::Message(msg) = encode_meters(&meters) else { panic!("not a message") };
        assert_eq!(msg.args[1], OscType::Float(-400.0), "non-finite values are sent in range");
        assert_eq!(msg.args[4], OscType::Int(2));
        let OscPacket::Message(msg) = encode_telemetry(&Telemetry::StyleChanged { index: 0, at: 5 }, &["anthem".into()]).unwrap() else {
            panic!("not a message")
        };
        assert_eq!(msg.args, vec![OscType::Int(0), OscType::Long(5), OscType::String("anthem".into())]);
    }
}
