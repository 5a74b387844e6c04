//! The engine side of the wire: reports an engine's telemetry and meters to the bridge and
//! turns incoming commands into engine commands.
//!
//! Two shapes, one code path:
//! * [`OscPeer`] — a UDP socket that speaks the protocol, driven by a loop that exists already
//!   (the live host's control loop polls it).
//! * [`OscLink`] — a thread around an [`OscPeer`] that owns an engine's telemetry queue,
//!   meters reader and a command sink ([`Attachment`]); the plugin attaches each activation.
//!
//! Neither touches the audio thread except through the engine's lock-free queues. With no
//! bridge listening, sends fail quietly (UDP); failures are counted in [`OscStats`], never
//! logged per packet. The hello is repeated every [`HELLO_INTERVAL`], so a bridge restarted in
//! the middle of a match re-learns which session this engine belongs to.

use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use resonance_engine::{Command, CommandSender, Meters, MetersReader, Telemetry, TelemetryReceiver};

use crate::codec::{Inbound, Outbound, decode_command, encode_inbound, to_datagram};
use crate::error::ProtocolError;

/// Default bridge address (where reports go).
pub const DEFAULT_BRIDGE: &str = "127.0.0.1:9000";
/// Default port an engine listens on for commands.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:9001";
/// How many ports above the configured one are tried when it is taken (several instances).
const LISTEN_PORT_TRIES: u16 = 16;
/// Meters are sent at this interval by [`OscLink`].
pub const METERS_INTERVAL: Duration = Duration::from_millis(100);
/// The hello is repeated at this interval.
pub const HELLO_INTERVAL: Duration = Duration::from_secs(5);
/// How long the [`OscLink`] thread waits for a command before looking at telemetry again.
const POLL: Duration = Duration::from_millis(20);
/// Capacity of a plugin's OSC -> audio thread command queue.
pub const COMMAND_QUEUE: usize = 256;

/// Where an engine sends reports and listens for commands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OscConfig {
    pub bridge: SocketAddr,
    pub listen: SocketAddr,
    /// Bridge session this engine belongs to (sent in the hello).
    pub session: String,
    /// OSC token sent in the hello: authenticates this engine to a bridge that does not trust
    /// its address (the bridge's `--osc-token`).
    pub token: Option<String>,
}

impl OscConfig {
    /// From `RESONANCE_OSC_BRIDGE` and `RESONANCE_OSC_LISTEN` (host:port), defaulting to
    /// 127.0.0.1:9000 and 127.0.0.1:9001, `RESONANCE_SESSION` (default `default`) and
    /// `RESONANCE_OSC_TOKEN` (default: none).
    /// `RESONANCE_OSC=off` disables the link (`Ok(None)`).
    ///
    /// # Errors
    /// [`ProtocolError::SocketAddress`] for an address that is not host:port, and
    /// [`ProtocolError::BadArguments`] for a session name the bridge would refuse.
    pub fn from_env() -> Result<Option<Self>, ProtocolError> {
        if std::env::var("RESONANCE_OSC").is_ok_and(|v| v.eq_ignore_ascii_case("off")) {
            return Ok(None);
        }
        let get = |key: &str, default: &str| std::env::var(key).unwrap_or_else(|_| default.to_string());
        Self::parse(
            &get("RESONANCE_OSC_BRIDGE", DEFAULT_BRIDGE),
            &get("RESONANCE_OSC_LISTEN", DEFAULT_LISTEN),
            &get("RESONANCE_SESSION", "default"),
        )
        .map(|c| Some(c.with_token(std::env::var("RESONANCE_OSC_TOKEN").ok().filter(|t| !t.is_empty()))))
    }

    /// From text, as given on a command line or in a config file.
    ///
    /// # Errors
    /// As [`OscConfig::from_env`].
    pub fn parse(bridge: &str, listen: &str, session: &str) -> Result<Self, ProtocolError> {
        let addr = |text: &str| text.parse::<SocketAddr>().map_err(|_| ProtocolError::SocketAddress(text.to_string()));
        if !crate::codec::is_valid_session_name(session) {
            return Err(ProtocolError::BadArguments {
                addr: crate::addr::HELLO.to_string(),
                message: format!("session {session:?} must be 1..=64 characters of A-Z, a-z, 0-9, '_', '-', '.'"),
            });
        }
        Ok(Self { bridge: addr(bridge)?, listen: addr(listen)?, session: session.to_string(), token: None })
    }

    /// The same configuration, sending `token` in the hello.
    #[must_use]
    pub fn with_token(self, token: Option<String>) -> Self {
        Self { token, ..self }
    }
}

/// Counters of a peer (for diagnostics, status lines and tests).
#[derive(Debug, Default)]
pub struct OscStats {
    /// Datagrams sent to the bridge.
    pub sent: AtomicU64,
    /// Datagrams the socket refused (no bridge, buffer full).
    pub send_failures: AtomicU64,
    /// Datagrams received on the command socket.
    pub received: AtomicU64,
    /// Commands decoded and handed on.
    pub commands: AtomicU64,
    /// Messages that were not valid commands (malformed, unknown address, bad arguments).
    pub rejected: AtomicU64,
    /// Engine commands dropped because the engine's queue was full.
    pub dropped: AtomicU64,
    /// Style commands naming a style the engine does not have (refused; the engine's styles
    /// are announced to the bridge in `/resonance/styles`).
    pub unknown_styles: AtomicU64,
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

/// A UDP socket that speaks the protocol for one engine: reports go to the bridge, commands
/// arrive on the same socket (so the bridge answers the sender).
#[derive(Debug)]
pub struct OscPeer {
    socket: UdpSocket,
    bridge: SocketAddr,
    hello: Vec<u8>,
    /// The `/resonance/styles` announcement, sent with every hello once known.
    styles: Option<Vec<u8>>,
    last_hello: Instant,
    stats: Arc<OscStats>,
    buf: Vec<u8>,
    messages: Vec<rosc::OscMessage>,
}

impl OscPeer {
    /// Binds the command socket (the configured port, the next free one of the 16 above it,
    /// or any free port) and announces it to the bridge with a hello.
    ///
    /// # Errors
    /// The socket could not be bound or configured.
    pub fn bind(config: &OscConfig) -> std::io::Result<Self> {
        let socket = bind_listen(config.listen)?;
        let hello = to_datagram(encode_inbound(&Inbound::Hello { session: config.session.clone(), token: config.token.clone() }));
        let peer = Self {
            socket,
            bridge: config.bridge,
            hello,
            styles: None,
            last_hello: Instant::now(),
            stats: Arc::new(OscStats::default()),
            buf: vec![0u8; 65_536],
            messages: Vec::new(),
        };
        peer.send_datagram(&peer.hello);
        Ok(peer)
    }

    /// The address the command socket is bound to.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.socket.local_addr()
    }

    /// The counters (shared: clone the `Arc` to read them from another thread).
    pub fn stats(&self) -> &Arc<OscStats> {
        &self.stats
    }

    fn send_datagram(&self, bytes: &[u8]) {
        let ok = self.socket.send_to(bytes, self.bridge).is_ok();
        let counter = if ok { &self.stats.sent } else { &self.stats.send_failures };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Sends one report to the bridge.
    pub fn report(&self, report: &Inbound) {
        self.send_datagram(&to_datagram(encode_inbound(report)));
    }

    /// Sends one engine telemetry item (kinds the protocol does not carry are skipped).
    /// `styles` names the style indexes.
    pub fn report_telemetry(&self, t: &Telemetry, styles: &[String]) {
        if let Some(i) = Inbound::from_telemetry(t, styles) {
            self.report(&i);
        }
    }

    /// Sends the meters, and the music bus's loudness once it has been measured.
    pub fn report_meters(&self, m: &Meters) {
        self.report(&Inbound::Meters(*m));
        if m.music_momentary_lufs.is_finite() && m.music_short_term_lufs.is_finite() {
            self.report(&Inbound::Loudness { momentary_lufs: m.music_momentary_lufs, short_term_lufs: m.music_short_term_lufs });
        }
    }

    /// Announces the engine's style names (its style table, in index order) now and with every
    /// hello from now on, so the bridge knows which styles exist.
    pub fn set_styles(&mut self, styles: &[String]) {
        let d = to_datagram(encode_inbound(&Inbound::Styles(styles.to_vec())));
        self.send_datagram(&d);
        self.styles = Some(d);
    }

    /// Repeats the hello when [`HELLO_INTERVAL`] has passed since the last one. Call it from
    /// the loop that drives the peer.
    pub fn keep_alive(&mut self) {
        if self.last_hello.elapsed() >= HELLO_INTERVAL {
            self.last_hello = Instant::now();
            self.send_datagram(&self.hello);
            if let Some(d) = &self.styles {
                self.send_datagram(d);
            }
        }
    }

    fn receive_one(&mut self, on: &mut impl FnMut(Outbound)) -> std::io::Result<()> {
        let (n, _from) = self.socket.recv_from(&mut self.buf)?;
        self.stats.received.fetch_add(1, Ordering::Relaxed);
        let Some(datagram) = self.buf.get(..n) else { return Ok(()) };
        let flat = rosc::decoder::decode_udp(datagram).ok().map(|(_, packet)| crate::codec::flatten(packet, &mut self.messages, 0));
        if !matches!(flat, Some(Ok(()))) {
            self.stats.rejected.fetch_add(1, Ordering::Relaxed);
        }
        for m in self.messages.drain(..) {
            match decode_command(&m) {
                Ok(c) => {
                    self.stats.commands.fetch_add(1, Ordering::Relaxed);
                    on(c);
                }
                Err(_) => {
                    self.stats.rejected.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        Ok(())
    }

    /// Hands every command waiting now to `on`, without blocking. Returns how many datagrams
    /// were read.
    pub fn poll(&mut self, mut on: impl FnMut(Outbound)) -> usize {
        let mut n = 0;
        if self.socket.set_nonblocking(true).is_err() {
            return 0;
        }
        while self.receive_one(&mut on).is_ok() {
            n += 1;
        }
        n
    }

    /// Waits up to `timeout` for a command datagram, then hands it and every other one waiting
    /// to `on`. Returns how many datagrams were read.
    pub fn wait(&mut self, timeout: Duration, mut on: impl FnMut(Outbound)) -> usize {
        if self.socket.set_nonblocking(false).is_err() || self.socket.set_read_timeout(Some(timeout.max(Duration::from_millis(1)))).is_err()
        {
            std::thread::sleep(timeout);
            return 0;
        }
        match self.receive_one(&mut on) {
            Ok(()) => 1 + self.poll(on),
            Err(e) => {
                if !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) {
                    // An ICMP error from an absent bridge can surface here at once; keep the pace.
                    std::thread::sleep(timeout);
                }
                0
            }
        }
    }
}

/// Where an [`OscLink`] delivers engine commands: an SPSC queue the audio thread drains.
pub trait CommandSink: Send {
    /// Queues a command without blocking; `false` when the queue is full (the command is
    /// dropped and counted).
    fn push_command(&mut self, command: Command) -> bool;
}

impl CommandSink for rtrb::Producer<Command> {
    fn push_command(&mut self, command: Command) -> bool {
        self.push(command).is_ok()
    }
}

impl CommandSink for CommandSender {
    fn push_command(&mut self, command: Command) -> bool {
        self.send(command).is_ok()
    }
}

/// What one activation of an engine hands to an [`OscLink`] thread.
pub struct Attachment {
    pub telemetry: TelemetryReceiver,
    pub meters: MetersReader,
    /// Commands for the audio thread.
    pub commands: Box<dyn CommandSink>,
    /// Style names, in `style` parameter order.
    pub styles: Vec<String>,
    /// Commands that are not audio-thread commands (MIDI learn) or name a style this engine
    /// does not have are sent here, if set, for the owner to handle; otherwise ignored.
    pub other: Option<Sender<Outbound>>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment").field("styles", &self.styles).finish_non_exhaustive()
    }
}

#[derive(Debug)]
enum Control {
    Attach(Box<Attachment>),
    Detach,
    Report(Box<Inbound>),
    Shutdown,
}

/// Sends reports through an [`OscLink`]'s socket from another thread (e.g. a music
/// recognition thread's "now playing"). Cheap to clone; a report sent after the link stopped
/// is dropped.
#[derive(Debug, Clone)]
pub struct OscReporter {
    control: Sender<Control>,
}

impl OscReporter {
    /// Queues `report` for the link's thread, which sends it within one poll period.
    pub fn report(&self, report: Inbound) {
        let _ = self.control.send(Control::Report(Box::new(report)));
    }
}

/// Owner of the OSC thread; dropping it stops and joins the thread.
#[derive(Debug)]
pub struct OscLink {
    control: Sender<Control>,
    thread: Option<JoinHandle<()>>,
    listen: SocketAddr,
    stats: Arc<OscStats>,
}

impl OscLink {
    /// Binds the command socket (see [`OscPeer::bind`]), announces it and starts the thread.
    ///
    /// # Errors
    /// The socket could not be bound or the thread not started.
    pub fn start(config: &OscConfig) -> std::io::Result<Self> {
        let peer = OscPeer::bind(config)?;
        let listen = peer.local_addr()?;
        let stats = Arc::clone(peer.stats());
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new().name("resonance-osc".into()).spawn(move || run(peer, &rx))?;
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

    /// Drops the current activation's queues (on the thread).
    pub fn detach(&self) {
        let _ = self.control.send(Control::Detach);
    }

    /// A handle that sends reports through this link from any thread.
    pub fn reporter(&self) -> OscReporter {
        OscReporter { control: self.control.clone() }
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

fn run(mut peer: OscPeer, control: &Receiver<Control>) {
    let mut attached: Option<Box<Attachment>> = None;
    let mut last_meters = Instant::now();
    let stats = Arc::clone(peer.stats());
    loop {
        loop {
            match control.try_recv() {
                Ok(Control::Attach(a)) => {
                    peer.set_styles(&a.styles);
                    attached = Some(a);
                }
                Ok(Control::Detach) => attached = None,
                Ok(Control::Report(r)) => peer.report(&r),
                Ok(Control::Shutdown) | Err(TryRecvError::Disconnected) => return,
                Err(TryRecvError::Empty) => break,
            }
        }
        peer.keep_alive();
        if let Some(a) = attached.as_mut() {
            while let Some(t) = a.telemetry.pop() {
                peer.report_telemetry(&t, &a.styles);
            }
            if last_meters.elapsed() >= METERS_INTERVAL {
                last_meters = Instant::now();
                peer.report_meters(&a.meters.read());
            }
        }
        // Blocks for at most POLL: this is the thread's pacing.
        peer.wait(POLL, |c| {
            let Some(a) = attached.as_mut() else { return };
            if let Some(cmd) = c.to_command(&a.styles) {
                if !a.commands.push_command(cmd) {
                    stats.dropped.fetch_add(1, Ordering::Relaxed);
                }
            } else {
                if matches!(c, Outbound::Style { .. }) {
                    stats.unknown_styles.fetch_add(1, Ordering::Relaxed);
                }
                if let Some(other) = &a.other {
                    let _ = other.send(c);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use std::net::UdpSocket;
    use std::sync::atomic::Ordering;
    use std::time::{Duration, Instant};

    use resonance_engine::{Command, Cue, Engine, EngineConfig, Layout, ParamId};

    use super::{Attachment, OscConfig, OscLink, OscPeer};
    use crate::codec::{Inbound, Outbound, decode_packet, encode_command, to_bundle_datagram, to_datagram};

    fn config(bridge: std::net::SocketAddr) -> OscConfig {
        OscConfig { bridge, listen: "127.0.0.1:0".parse().unwrap(), session: "default".into(), token: None }
    }

    #[test]
    fn no_bridge_is_normal_and_shutdown_is_prompt() {
        // A port nobody listens on: bind, note the address, close.
        let absent = UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let link = OscLink::start(&config(absent)).unwrap();
        let (mut p, h) = Engine::new(EngineConfig::default()).prepare(48_000.0, 480, Layout::STEREO).unwrap();
        let (tx, _rx) = rtrb::RingBuffer::new(16);
        link.attach(Attachment { telemetry: h.telemetry, meters: h.meters, commands: Box::new(tx), styles: h.styles, other: None });
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

    #[test]
    fn link_forwards_reports_and_delivers_commands() {
        let bridge = UdpSocket::bind("127.0.0.1:0").unwrap();
        bridge.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let link = OscLink::start(&config(bridge.local_addr().unwrap())).unwrap();
        let mut buf = [0u8; 4096];
        let (n, from) = bridge.recv_from(&mut buf).unwrap();
        assert_eq!(from, link.listen_addr());
        assert_eq!(decode_packet(&buf[..n]).unwrap(), vec![Ok(Inbound::Hello { session: "default".into(), token: None })]);

        let (_p, h) = Engine::new(EngineConfig::default()).prepare(48_000.0, 480, Layout::STEREO).unwrap();
        let (tx, mut rx) = rtrb::RingBuffer::new(16);
        let (other_tx, other_rx) = std::sync::mpsc::channel();
        link.attach(Attachment {
            telemetry: h.telemetry,
            meters: h.meters,
            commands: Box::new(tx),
            styles: h.styles,
            other: Some(other_tx),
        });
        // The engine's styles are announced on attach; then meters arrive at 10 Hz.
        let (n, _) = bridge.recv_from(&mut buf).unwrap();
        assert_eq!(
            decode_packet(&buf[..n]).unwrap(),
            vec![Ok(Inbound::Styles(resonance_engine::preset::factory_styles().into_iter().map(|s| s.0).collect()))]
        );
        let (n, _) = bridge.recv_from(&mut buf).unwrap();
        assert!(matches!(decode_packet(&buf[..n]).unwrap()[0], Ok(Inbound::Meters(_))));

        // A bundle with a cue, junk and MIDI learn: the cue reaches the queue, MIDI learn the
        // owner, the junk the counter.
        let junk = rosc::OscMessage { addr: "/resonance/command/nope".into(), args: vec![] };
        let bundle = to_bundle_datagram(vec![
            encode_command(&Outbound::Cue(Cue::Goal)),
            junk,
            encode_command(&Outbound::MidiLearn { id: ParamId::Intensity }),
        ]);
        bridge.send_to(&bundle, link.listen_addr()).unwrap();
        bridge.send_to(b"not osc", link.listen_addr()).unwrap();
        let start = Instant::now();
        while rx.is_empty() && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(rx.pop().ok(), Some(Command::Cue(Cue::Goal)));
        assert_eq!(other_rx.recv_timeout(Duration::from_secs(5)).unwrap(), Outbound::MidiLearn { id: ParamId::Intensity });
        let start = Instant::now();
        while link.stats().rejected.load(Ordering::Relaxed) < 2 && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(link.stats().rejected.load(Ordering::Relaxed), 2);
        assert_eq!(link.stats().commands.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn peer_polls_without_blocking() {
        let bridge = UdpSocket::bind("127.0.0.1:0").unwrap();
        let mut peer = OscPeer::bind(&config(bridge.local_addr().unwrap())).unwrap();
        let t = Instant::now();
        assert_eq!(peer.poll(|_| panic!("nothing was sent")), 0);
        assert!(t.elapsed() < Duration::from_millis(100));
        let to = peer.local_addr().unwrap();
        bridge.send_to(&to_datagram(encode_command(&Outbound::ClearMoodOverride)), to).unwrap();
        let mut got = Vec::new();
        let start = Instant::now();
        while got.is_empty() && start.elapsed() < Duration::from_secs(5) {
            peer.wait(Duration::from_millis(50), |c| got.push(c));
        }
        assert_eq!(got, vec![Outbound::ClearMoodOverride]);
    }

    #[test]
    fn config_rejects_bad_addresses_and_sessions() {
        assert!(OscConfig::parse("127.0.0.1:9000", "127.0.0.1:0", "match-1").is_ok());
        assert_eq!(OscConfig::parse("localhost", "127.0.0.1:0", "x").unwrap_err().reason(), "osc_socket_address");
        assert!(OscConfig::parse("127.0.0.1:9000", "127.0.0.1:0", "bad name").unwrap_err().to_string().contains("session"));
    }
}
