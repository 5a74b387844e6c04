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

/// The OSC message codec. Outgoing (plugin -> bridge):
///
/// | address | arguments |
/// |---|---|
/// | `/resonance/mood` | f valence, f arousal, s label, f confidence, h time |
/// | `/resonance/event` | s kind, f confidence, h onset, h detected |
/// | `/resonance/cue/scheduled` | s cue, h at |
/// | `/resonance/style/changed` | i index, h at |
/// | `/resonance/meters` | f input dB, f output dB, f limiter GR dB, f duck dB, h dropped telemetry |
/// | `/resonance/plugin/hello` | i listen port |
///
/// Incoming (bridge or any OSC controller -> plugin):
///
/// | address | arguments |
/// |---|---|
/// | `/resonance/cue` | s cue name (`goal`, `card`, ...) |
/// | `/resonance/mood/telemetry` | f valence, f arousal, f intensity |
/// | `/resonance/mood/override` | f valence, f arousal, f intensity |
/// | `/resonance/mood/clear` | — |
/// | `/resonance/style` | i index |
/// | `/resonance/param` | s parameter ID, f plain value |
pub mod wire {
    use resonance_engine::{Command, Cue, Meters, MoodTarget, ParamId, Quantize, Telemetry};
    use rosc::{OscMessage, OscPacket, OscType};

    fn msg(addr: &str, args: Vec<OscType>) -> OscPacket {
        OscPacket::Message(OscMessage { addr: addr.to_string(), args })
    }

    fn long(v: u64) -> OscType {
        OscType::Long(i64::try_from(v).unwrap_or(i64::MAX))
    }

    /// The OSC packet for one telemetry item (`None` for kinds this build does not forward).
    pub fn encode_telemetry(t: &Telemetry) -> Option<OscPacket> {
        Some(match t {
            Telemetry::Mood(m) => msg(
                "/resonance/mood",
                vec![
                    OscType::Float(m.valence),
                    OscType::Float(m.arousal),
                    OscType::String(m.label.as_str().to_string()),
                    OscType::Float(m.confidence),
                    long(m.time),
                ],
            ),
            Telemetry::Event(e) => msg(
                "/resonance/event",
                vec![OscType::String(e.kind.as_str().to_string()), OscType::Float(e.confidence), long(e.onset), long(e.detected)],
            ),
            Telemetry::CueScheduled { cue, at } => {
                msg("/resonance/cue/scheduled", vec![OscType::String(cue.as_str().to_string()), long(*at)])
            }
            Telemetry::StyleChanged { index, at } => msg("/resonance/style/changed", vec![OscType::Int(i32::from(*index)), long(*at)]),
            _ => return None,
        })
    }

    pub fn encode_meters(m: &Meters) -> OscPacket {
        msg(
            "/resonance/meters",
            vec![
                OscType::Float(m.input_peak_db),
                OscType::Float(m.output_peak_db),
                OscType::Float(m.limiter_gr_db),
                OscType::Float(m.duck_db),
                long(m.dropped_telemetry),
            ],
        )
    }

    pub fn encode_hello(listen_port: u16) -> OscPacket {
        msg("/resonance/plugin/hello", vec![OscType::Int(i32::from(listen_port))])
    }

    fn float(a: &OscType) -> Option<f32> {
        match a {
            OscType::Float(f) => Some(*f),
            OscType::Double(d) => Some(*d as f32),
            OscType::Int(i) => Some(*i as f32),
            _ => None,
        }
    }

    fn mood(args: &[OscType]) -> Option<MoodTarget> {
        match args {
            [v, a, i, ..] => Some(MoodTarget { valence: float(v)?, arousal: float(a)?, intensity: float(i)? }.sanitized()),
            [v, a] => Some(MoodTarget { valence: float(v)?, arousal: float(a)?, ..MoodTarget::default() }.sanitized()),
            _ => None,
        }
    }

    /// The engine command an incoming message asks for; `None` for anything not understood
    /// (unknown address, wrong arguments), which the thread ignores.
    pub fn decode_command(m: &OscMessage) -> Option<Command> {
        match (m.addr.as_str(), m.args.as_slice()) {
            ("/resonance/cue", [OscType::String(name), ..]) => Cue::from_name(name).map(Command::Cue),
            ("/resonance/mood/telemetry", args) => mood(args).map(Command::TelemetryMood),
            ("/resonance/mood/override", args) => mood(args).map(Command::MoodOverride),
            ("/resonance/mood/clear", _) => Some(Command::ClearMoodOverride),
            ("/resonance/style", [OscType::Int(i), ..]) => {
                u16::try_from(*i).ok().map(|index| Command::SetStyle { index, quantize: Quantize::Bar })
            }
            ("/resonance/param", [OscType::String(id), v, ..]) => {
                let id = ParamId::from_id(id)?;
                let value = float(v).filter(|v| v.is_finite())?;
                Some(Command::SetParam { id, value })
            }
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OscConfig {
    pub bridge: SocketAddr,
    pub listen: SocketAddr,
}

impl OscConfig {
    /// From `RESONANCE_OSC_BRIDGE` and `RESONANCE_OSC_LISTEN` (host:port), defaulting to
    /// 127.0.0.1:9000 and 127.0.0.1:9001. `RESONANCE_OSC=off` disables the link (`Ok(None)`).
    pub fn from_env() -> Result<Option<Self>, PluginError> {
        if std::env::var("RESONANCE_OSC").is_ok_and(|v| v.eq_ignore_ascii_case("off")) {
            return Ok(None);
        }
        let get = |key: &str, default: &str| -> Result<SocketAddr, PluginError> {
            let text = std::env::var(key).unwrap_or_else(|_| default.to_string());
            text.parse().map_err(|_| PluginError::OscAddress(text))
        };
        Ok(Some(Self { bridge: get("RESONANCE_OSC_BRIDGE", DEFAULT_BRIDGE)?, listen: get("RESONANCE_OSC_LISTEN", DEFAULT_LISTEN)? }))
    }
}

/// What one activation of the plugin hands to the OSC thread.
#[derive(Debug)]
pub struct Attachment {
    pub telemetry: TelemetryReceiver,
    pub meters: MetersReader,
    /// Commands for the audio thread.
    pub commands: rtrb::Producer<Command>,
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
    pub fn start(config: OscConfig) -> std::io::Result<Self> {
        let socket = bind_listen(config.listen)?;
        socket.set_read_timeout(Some(Duration::from_millis(20)))?;
        let listen = socket.local_addr()?;
        let (tx, rx) = mpsc::channel();
        let stats = Arc::new(OscStats::default());
        // Announce the command port before returning, so the bridge knows where to reach
        // this instance as soon as it exists.
        send(&socket, config.bridge, &wire::encode_hello(listen.port()), &stats);
        let thread_stats = Arc::clone(&stats);
        let thread =
            std::thread::Builder::new().name("resonance-osc".into()).spawn(move || run(&socket, config.bridge, &rx, &thread_stats))?;
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
                if let Some(p) = wire::encode_telemetry(&t) {
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
                if let (Some(cmd), Some(a)) = (wire::decode_command(&m), attached.as_mut())
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
        let link = OscLink::start(OscConfig { bridge: absent, listen: "127.0.0.1:0".parse().unwrap() }).unwrap();
        let (mut p, h) = Engine::new(EngineConfig::default()).prepare(48_000.0, 480, Layout::STEREO).unwrap();
        let (tx, _rx) = rtrb::RingBuffer::new(16);
        link.attach(Attachment { telemetry: h.telemetry, meters: h.meters, commands: tx });
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
    use resonance_engine::{Command, Cue, MoodSnapshot, ParamId, Telemetry};
    use rosc::{OscMessage, OscPacket, OscType};

    fn m(addr: &str, args: Vec<OscType>) -> OscMessage {
        OscMessage { addr: addr.into(), args }
    }

    #[test]
    fn commands_decode_and_junk_is_ignored() {
        assert_eq!(decode_command(&m("/resonance/cue", vec![OscType::String("goal".into())])), Some(Command::Cue(Cue::Goal)));
        assert_eq!(decode_command(&m("/resonance/cue", vec![OscType::String("nope".into())])), None);
        assert_eq!(
            decode_command(&m("/resonance/param", vec![OscType::String("intensity".into()), OscType::Float(0.7)])),
            Some(Command::SetParam { id: ParamId::Intensity, value: 0.7 })
        );
        assert_eq!(decode_command(&m("/resonance/param", vec![OscType::String("intensity".into()), OscType::Float(f32::NAN)])), None);
        let Some(Command::MoodOverride(t)) =
            decode_command(&m("/resonance/mood/override", vec![OscType::Float(5.0), OscType::Float(0.5), OscType::Float(0.5)]))
        else {
            panic!("override not decoded")
        };
        assert_eq!(t.valence, 1.0, "clamped");
        assert_eq!(decode_command(&m("/other", vec![])), None);
    }

    #[test]
    fn telemetry_encodes_to_bytes_that_decode_back() {
        let t = Telemetry::Mood(MoodSnapshot { time: 48_000, valence: 0.5, arousal: -0.25, ..MoodSnapshot::default() });
        let p = encode_telemetry(&t).unwrap();
        let bytes = rosc::encoder::encode(&p).unwrap();
        let (_, back) = rosc::decoder::decode_udp(&bytes).unwrap();
        let OscPacket::Message(msg) = back else { panic!("not a message") };
        assert_eq!(msg.addr, "/resonance/mood");
        assert_eq!(msg.args[0], OscType::Float(0.5));
        assert_eq!(msg.args[4], OscType::Long(48_000));
    }
}
